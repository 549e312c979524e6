"""Reads for child protection pages, each for a child already read through the access policy (`child_for`)."""

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from hearth.people.models import Person
from hearth.protection.models import (
    ChildProtectionPlan,
    Conference,
    ConferenceKind,
    CoreGroupMeeting,
    PlanVisit,
    Section47Enquiry,
    StrategyDiscussion,
)
from hearth.reference.codes import AbuseCategory


def next_review_due():
    """A plan's next review's due day: the one stored at its last review, else the first (3 months) one."""
    latest = (Conference.objects.filter(plan=OuterRef("pk"), kind=ConferenceKind.REVIEW)
              .order_by("-held_on", "-id").values("next_review_due_on")[:1])
    return Coalesce(Subquery(latest), "first_review_due_on")


def next_visit_due():
    """A plan's next statutory visit's due day: the one stored at its last visit, else the first one."""
    latest = PlanVisit.objects.filter(plan=OuterRef("pk")).order_by("-visited_on", "-id").values("next_due_on")[:1]
    return Coalesce(Subquery(latest), "first_visit_due_on")


def next_core_group_due():
    """A plan's next core group's due day after its first: the one stored at its last meeting (None before one)."""
    return Subquery(CoreGroupMeeting.objects.filter(plan=OuterRef("pk")).order_by("-held_on", "-id")
                    .values("next_due_on")[:1])


def plans_with_due_days() -> QuerySet[ChildProtectionPlan]:
    return ChildProtectionPlan.objects.annotate(
        next_review_on=next_review_due(), next_visit_on=next_visit_due(),
        core_group_held=Exists(CoreGroupMeeting.objects.filter(plan=OuterRef("pk"))),
        next_core_group_on=next_core_group_due())


def discussion_for(child: Person, discussion_id: int) -> StrategyDiscussion:
    return get_object_or_404(StrategyDiscussion.objects.select_related(
        "chair", "requested_by", "decision__decided_by", "enquiry", "referral"), child=child, pk=discussion_id)


def enquiry_for(child: Person, enquiry_id: int) -> Section47Enquiry:
    return get_object_or_404(Section47Enquiry.objects.select_related(
        "started_by", "outcome_decision__decided_by", "referral"), child=child, pk=enquiry_id)


def discussions_of(enquiry: Section47Enquiry) -> list[StrategyDiscussion]:
    """The discussion that started the enquiry and every later one, oldest first."""
    return list(StrategyDiscussion.objects.filter(Q(pk=enquiry.started_by_id) | Q(enquiry=enquiry))
                .select_related("chair").order_by("requested_at", "id"))


def plan_for(child: Person, plan_id: int) -> ChildProtectionPlan:
    return get_object_or_404(plans_with_due_days().select_related("recorded_by"), child=child, pk=plan_id)


def conference_for(child: Person, conference_id: int) -> Conference:
    return get_object_or_404(Conference.objects.select_related("chair", "decision__decided_by", "plan", "enquiry"),
                             child=child, pk=conference_id)


def open_plan(child: Person) -> ChildProtectionPlan | None:
    return plans_with_due_days().filter(child=child, end_date__isnull=True).first()


def open_work_columns() -> dict:
    """What the child's record shows of child protection, as columns over the child's row (read with the record's
    own query): the open plan with its next due days, the latest section 47 enquiry and the latest strategy
    discussion."""
    plan = plans_with_due_days().filter(child=OuterRef("pk"), end_date__isnull=True).order_by("-start_date", "-id")
    enquiry = Section47Enquiry.objects.filter(child=OuterRef("pk")).order_by("-start_date", "-id")
    discussion = StrategyDiscussion.objects.filter(child=OuterRef("pk")).order_by("-requested_at", "-id")
    columns = {
        "plan_id": (plan, "id"), "plan_start": (plan, "start_date"), "plan_category": (plan, "latest_category"),
        "plan_next_review": (plan, "next_review_on"), "plan_next_visit": (plan, "next_visit_on"),
        "plan_core_group_due": (plan, "core_group_due_on"), "plan_core_group_held": (plan, "core_group_held"),
        "plan_next_core_group": (plan, "next_core_group_on"),
        "enquiry_id": (enquiry, "id"), "enquiry_start": (enquiry, "start_date"),
        "enquiry_completed": (enquiry, "completed_on"), "enquiry_icpc_due": (enquiry, "icpc_due_on"),
        "enquiry_discussion_id": (enquiry, "started_by_id"),
        "discussion_id": (discussion, "id"), "discussion_requested": (discussion, "requested_at"),
        "discussion_held": (discussion, "held_at"),
    }
    return {name: Subquery(rows.values(column)[:1]) for name, (rows, column) in columns.items()}


def open_work_from(found: dict) -> dict:
    """The plan, enquiry and discussion (each None when there is none) from the values of `open_work_columns`."""
    work = {
        "plan": _present(found, "plan", ["id", "start", "category", "next_review", "next_visit", "core_group_due",
                                         "core_group_held", "next_core_group"]),
        "enquiry": _present(found, "enquiry", ["id", "start", "completed", "icpc_due", "discussion_id"]),
        "discussion": _present(found, "discussion", ["id", "requested", "held"]),
    }
    if work["plan"]:
        work["plan"]["category_label"] = AbuseCategory(work["plan"]["category"]).label
    return work


def open_work(child: Person) -> dict:
    """`open_work_from` for one child, in a query of its own."""
    return open_work_from(Person.objects.filter(pk=child.pk).values(**open_work_columns()).first() or {})


def parents_of(child: Person) -> list[Person]:
    """The child's parents and step-parents on record (current relationships), whose part in a conference is asked."""
    from hearth.people.models import Relationship, RelationshipKind

    return [relationship.person for relationship in Relationship.objects.filter(
        relative=child, kind__in=[RelationshipKind.PARENT, RelationshipKind.STEP_PARENT], ended_on__isnull=True)
        .select_related("person").order_by("id")]


def _present(found: dict, prefix: str, names: list[str]) -> dict | None:
    """The columns of one part of `open_work`, without their prefix, or None when the child has no such record."""
    if found.get(f"{prefix}_id") is None:
        return None
    return {name: found[f"{prefix}_{name}"] for name in names}
