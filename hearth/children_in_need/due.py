"""What is due in a child in need episode: allocation, the assessment and its authorisation, the plan's reviews and
visits, and a closure asked for. Each registers its open rows with `hearth.casework.due`; `rows()` returns only items
still to be done."""

from datetime import date

from django.db.models import DateField, F
from django.db.models.functions import Coalesce, TruncDate
from django.urls import reverse
from django.utils import timezone

from hearth.casework import due
from hearth.children_in_need.models import Assessment, AssessmentStatus, CinPlan, ClosureRequest, Referral
from hearth.core.jinja import govuk_date
from hearth.reference.codes import ReasonForClosure


def _day(value) -> date:
    return date.fromisoformat(value) if isinstance(value, str) else value


def _episode(row: due.Row) -> str:
    return reverse("children_in_need:episode", args=[row.child_id, row.fields["referral"]])


def _awaiting_allocation():
    # Due the day it arrives: a referral is allocated on receipt, and each day it waits shows red. The receiving
    # team holds it (`holding_team`), so its managers see it though the child is not yet allocated to that team.
    # A referral with no receiving team (written before teams received them) waits in no queue, so is due to nobody.
    return due.shape(Referral.objects.filter(allocated_on__isnull=True, closure_date__isnull=True, team__isnull=False),
                     child="child", due_on="referral_date", awaits=due.Awaits.MANAGER, holding_team="team_id",
                     referral="id",
                     team="team__name", team_id="team_id", referred="referral_date")


due.register("cin_referral_allocation", "Referral awaiting allocation", rows=_awaiting_allocation,
             item=lambda row: due.DueItem(
                 kind="cin_referral_allocation", label="", child_id=row.child_id, due_on=row.due_on,
                 awaits=row.awaits, title="Allocate a social worker to the referral",
                 url=reverse("children_in_need:allocate", args=[row.fields["referral"]]),
                 detail=f"Referred {govuk_date(_day(row.fields['referred']))} to {row.fields['team'] or 'no team'}"))


def _assessment_due():
    """An allocated, open episode whose assessment is not yet submitted (or was returned): the worker's to finish."""
    open_episodes = Referral.objects.filter(allocated_on__isnull=False, closure_date__isnull=True,
                                            assessment_due_on__isnull=False)
    return due.shape(open_episodes.exclude(assessment__status__in=[AssessmentStatus.SUBMITTED,
                                                                   AssessmentStatus.AUTHORISED]),
                     child="child", due_on=Coalesce(F("assessment_target_on"), F("assessment_due_on")),
                     awaits=due.Awaits.WORKER, referral="id", statutory="assessment_due_on")


due.register("cin_assessment", "Assessment due", rows=_assessment_due, clock="children_in_need.assessment",
             item=lambda row: due.DueItem(
                 kind="cin_assessment", label="", child_id=row.child_id, due_on=row.due_on, awaits=row.awaits,
                 title="Complete the child and family assessment",
                 url=reverse("children_in_need:assessment", args=[row.child_id, row.fields["referral"]])))


def _assessment_to_authorise():
    return due.shape(Assessment.objects.filter(status=AssessmentStatus.SUBMITTED, referral__closure_date__isnull=True),
                     child="child", due_on=Coalesce(F("referral__assessment_target_on"),
                                                    F("referral__assessment_due_on"), F("started_on")),
                     awaits=due.Awaits.MANAGER, referral="referral_id")


due.register("cin_assessment_authorisation", "Assessment awaiting authorisation", rows=_assessment_to_authorise,
             clock="children_in_need.assessment",
             item=lambda row: due.DueItem(
                 kind="cin_assessment_authorisation", label="", child_id=row.child_id, due_on=row.due_on,
                 awaits=row.awaits, title="Authorise the child and family assessment",
                 url=reverse("children_in_need:assessment", args=[row.child_id, row.fields["referral"]])))


def _current_plans():
    return CinPlan.objects.filter(ended_on__isnull=True, referral__closure_date__isnull=True)


def _plan_url(row: due.Row) -> str:
    return reverse("children_in_need:plan", args=[row.child_id, row.fields["referral"], row.id])


due.register("cin_plan_review", "Child in need plan review due",
             rows=lambda: due.shape(_current_plans(), child="child", due_on="next_review_due_on",
                                    referral="referral_id"),
             clock="children_in_need.plan_review",
             item=lambda row: due.DueItem(kind="cin_plan_review", label="", child_id=row.child_id, due_on=row.due_on,
                                          awaits=row.awaits, title="Review the child in need plan", url=_plan_url(row)))
due.register("cin_visit", "Child in need visit due",
             rows=lambda: due.shape(_current_plans(), child="child", due_on="next_visit_due_on",
                                    referral="referral_id"),
             clock="children_in_need.visit",
             item=lambda row: due.DueItem(kind="cin_visit", label="", child_id=row.child_id, due_on=row.due_on,
                                          awaits=row.awaits, title="Visit the child (child in need plan)",
                                          url=_plan_url(row)))


def _closure_to_decide():
    # Due the day it is asked for: a decision awaiting the manager of the child's team, as an allocation is.
    return due.shape(ClosureRequest.objects.filter(decision__isnull=True, referral__closure_date__isnull=True),
                     child="child", due_on=TruncDate("requested_at", output_field=DateField(),
                                                     tzinfo=timezone.get_default_timezone()),
                     awaits=due.Awaits.MANAGER, referral="referral_id", reason="reason")


due.register("cin_closure_request", "Closure awaiting a decision", rows=_closure_to_decide,
             item=lambda row: due.DueItem(
                 kind="cin_closure_request", label="", child_id=row.child_id, due_on=row.due_on, awaits=row.awaits,
                 title="Decide the closure asked for",
                 url=reverse("children_in_need:closure_decide", args=[row.child_id, row.fields["referral"], row.id]),
                 detail=f"Reason {row.fields['reason']}: {ReasonForClosure(row.fields['reason']).label}"))
