"""What is due in child protection: each open step, for "My work" and the managers' lists."""

from datetime import date

from django.db.models import DateField, Exists, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce, TruncDate
from django.urls import reverse
from django.utils import timezone

from hearth.casework import due
from hearth.casework.models import Allocation
from hearth.core.jinja import govuk_date
from hearth.protection import clocks
from hearth.protection.models import (
    ChildProtectionPlan,
    Conference,
    ConferenceKind,
    CoreGroupMeeting,
    Section47Enquiry,
    StrategyDiscussion,
)
from hearth.protection.selectors import next_core_group_due, next_review_due, next_visit_due


def _url(name: str, row: due.Row, key: str = "id") -> str:
    return reverse(name, args=[row.child_id, row.fields[key]])


def _deciding_team():
    """The team whose managers decide the section 47 question: the child's current team, or, while no team holds the
    child, the team that received the referral (`policy.may_decide_section_47`)."""
    current = Allocation.objects.filter(child=OuterRef("child"), ended_on__isnull=True).values("team_id")[:1]
    return Coalesce(Subquery(current), "referral__team_id", output_field=IntegerField())


# A strategy discussion to hold: due the day it was asked for (a child at immediate risk).
due.register("protection.strategy_discussion", "Strategy discussion to hold", rows=lambda: due.shape(
    StrategyDiscussion.objects.filter(held_at__isnull=True), child="child",
    due_on=TruncDate("requested_at", output_field=DateField(), tzinfo=timezone.get_default_timezone()), id="id"),
    item=lambda row: due.DueItem(kind="protection.strategy_discussion", label="", child_id=row.child_id,
                                 due_on=row.due_on, awaits=row.awaits, title="Hold the strategy discussion",
                                 url=_url("protection:discussion", row)))

# A discussion held, awaiting a manager's decision whether to start a section 47 enquiry.
due.register("protection.s47_decision", "Section 47 decision", rows=lambda: due.shape(
    # Only discussions recorded as held here (with who recorded them): rows bulk-loaded without their details
    # (the synthetic seed's) are history, not decisions awaited.
    StrategyDiscussion.objects.filter(held_at__isnull=False, decision__isnull=True, enquiry__isnull=True,
                                      recorded_by__isnull=False).annotate(deciding_team=_deciding_team()),
    child="child", due_on=TruncDate("held_at", output_field=DateField(), tzinfo=timezone.get_default_timezone()),
    awaits=due.Awaits.MANAGER, holding_team="deciding_team", id="id"),
    item=lambda row: due.DueItem(kind="protection.s47_decision", label="", child_id=row.child_id, due_on=row.due_on,
                                 awaits=row.awaits, title="Decide whether to start a section 47 enquiry",
                                 url=_url("protection:discussion_decide", row)))

# The child to be seen during an enquiry (the strategy discussion says when: usually the same day).
due.register("protection.child_seen", "Child to be seen (section 47)", rows=lambda: due.shape(
    Section47Enquiry.objects.filter(completed_on__isnull=True, child_seen_on__isnull=True), child="child",
    due_on="see_child_by", id="id"),
    item=lambda row: due.DueItem(kind="protection.child_seen", label="", child_id=row.child_id, due_on=row.due_on,
                                 awaits=row.awaits, title="See the child (section 47 enquiry)",
                                 url=_url("protection:enquiry", row)))

# The enquiry's outcome, for a manager, due by the day the initial conference would be.
due.register("protection.s47_outcome", "Section 47 outcome to decide", rows=lambda: due.shape(
    Section47Enquiry.objects.filter(completed_on__isnull=True).annotate(deciding_team=_deciding_team()),
    child="child", due_on="icpc_due_on", awaits=due.Awaits.MANAGER, holding_team="deciding_team", id="id"),
    item=lambda row: due.DueItem(kind="protection.s47_outcome", label="", child_id=row.child_id, due_on=row.due_on,
                                 awaits=row.awaits, title="Decide the outcome of the section 47 enquiry",
                                 url=_url("protection:enquiry_outcome", row)),
    clock=clocks.INITIAL_CONFERENCE.code)

# The initial conference, 15 working days after the last strategy discussion.
due.register("protection.initial_conference", "Initial child protection conference", rows=lambda: due.shape(
    Section47Enquiry.objects.filter(icpc_needed=True).exclude(
        Exists(Conference.objects.filter(enquiry=OuterRef("pk"), kind=ConferenceKind.INITIAL))),
    child="child", due_on="icpc_due_on", id="id", census_due_on="census_icpc_due_on"),
    item=lambda row: due.DueItem(kind="protection.initial_conference", label="", child_id=row.child_id,
                                 due_on=row.due_on, awaits=row.awaits, title="Hold the initial child protection conference",
                                 url=_url("protection:enquiry", row),
                                 detail=f"CIN census target: {govuk_date(date.fromisoformat(row.fields['census_due_on']))}"),
    clock=clocks.INITIAL_CONFERENCE.code)

# The first core group, 10 working days after the initial conference.
due.register("protection.core_group", "Core group meeting", rows=lambda: due.shape(
    ChildProtectionPlan.objects.filter(end_date__isnull=True).exclude(
        Exists(CoreGroupMeeting.objects.filter(plan=OuterRef("pk")))),
    child="child", due_on="core_group_due_on", id="id"),
    item=lambda row: due.DueItem(kind="protection.core_group", label="", child_id=row.child_id, due_on=row.due_on,
                                 awaits=row.awaits, title="Hold the first core group meeting",
                                 url=_url("protection:plan", row)),
    clock=clocks.FIRST_CORE_GROUP.code)

# Each later core group, the council's interval after the last one held (stored at that meeting).
due.register("protection.next_core_group", "Core group meeting", rows=lambda: due.shape(
    ChildProtectionPlan.objects.filter(end_date__isnull=True).annotate(next_core_group_on=next_core_group_due())
    .filter(next_core_group_on__isnull=False),
    child="child", due_on="next_core_group_on", id="id"),
    item=lambda row: due.DueItem(kind="protection.next_core_group", label="", child_id=row.child_id,
                                 due_on=row.due_on, awaits=row.awaits, title="Hold the next core group meeting",
                                 url=_url("protection:plan", row)),
    clock=clocks.LATER_CORE_GROUP.code)

# The next statutory visit to a child on a plan.
due.register("protection.plan_visit", "Child protection visit", rows=lambda: due.shape(
    ChildProtectionPlan.objects.filter(end_date__isnull=True), child="child", due_on=next_visit_due(), id="id"),
    item=lambda row: due.DueItem(kind="protection.plan_visit", label="", child_id=row.child_id, due_on=row.due_on,
                                 awaits=row.awaits, title="Visit the child (child protection plan)",
                                 url=_url("protection:plan", row)),
    clock=clocks.PLAN_VISIT.code)

# The next review conference: 3 months after the initial one, then at most every 6 months.
due.register("protection.review_conference", "Review child protection conference", rows=lambda: due.shape(
    ChildProtectionPlan.objects.filter(end_date__isnull=True), child="child", due_on=next_review_due(), id="id"),
    item=lambda row: due.DueItem(kind="protection.review_conference", label="", child_id=row.child_id,
                                 due_on=row.due_on, awaits=row.awaits, title="Hold the review child protection conference",
                                 url=_url("protection:plan", row)),
    clock=clocks.FIRST_REVIEW.code)
