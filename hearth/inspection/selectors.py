"""Reads for the inspection pages. Inspections and plans are the council's own records, not children's:
who may read them is checked in the views (access.py); the inspectors' sample goes through the access policy."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Prefetch, QuerySet, prefetch_related_objects
from django.http import Http404
from django.utils import timezone

from hearth.accounts import policy
from hearth.accounts.models import AccessEvent, User
from hearth.accounts.policy import visible_children
from hearth.inspection import clocks
from hearth.inspection.frameworks import AREA_ORDER, JudgementArea, areas_judged
from hearth.inspection.models import (
    Action,
    ActionPlan,
    ActionUpdate,
    Inspection,
    InspectorAccount,
    SampledChild,
)
from hearth.people.models import Person
from hearth.timescales import clocks as timescale_clocks
from hearth.timescales.clocks import LONDON, ClockReading
from hearth.timescales.selectors import council_calendar


def inspections() -> QuerySet[Inspection]:
    """Every inspection on the register with its judgements and points, newest first."""
    return Inspection.objects.prefetch_related("judgements", "improvement_points").select_related(
        "action_plan", "report").order_by("local_authority", "-started_on")


def councils() -> list[str]:
    return list(Inspection.objects.order_by("local_authority").values_list("local_authority", flat=True).distinct())


def inspection(pk: int, *, judgements: bool = True) -> Inspection:
    found = (inspections() if judgements else Inspection.objects.prefetch_related("improvement_points").select_related(
        "action_plan", "report")).filter(pk=pk).first()
    if found is None:
        raise Http404("No such inspection")
    return found


@dataclass(frozen=True)
class AreaHistory:
    area: JudgementArea
    rows: list[tuple[Inspection, str]]  # each inspection that graded the area, and the grade (blank: not recorded)


def judgements_over_time(local_authority: str) -> list[AreaHistory]:
    """For each area any of the council's inspections graded, those inspections (oldest first) and their grades.

    An inspection that does not grade an area (a focused visit grades none) is absent from its table.
    """
    found = list(inspections().filter(local_authority=local_authority).order_by("started_on"))
    by_area: dict[JudgementArea, list[tuple[Inspection, str]]] = {}
    for item in found:
        grades = item.grades()
        for area in areas_judged(item.kind, item.started_on):
            by_area.setdefault(area, []).append((item, grades.get(area, "")))
    return [AreaHistory(area, rows) for area, rows in sorted(by_area.items(), key=lambda pair: AREA_ORDER[pair[0]])]


def sorted_judgements(item: Inspection) -> list:
    return sorted(item.judgements.all(), key=lambda judgement: judgement.order)


def plan_deadline(item: Inspection, now: datetime) -> ClockReading | None:
    """The action plan's clock: 70 working days from the report's receipt; settled when the plan is sent."""
    if item.report_received_on is None:
        return None
    started = datetime.combine(item.report_received_on, time(9, 0), tzinfo=LONDON)
    plan = getattr(item, "action_plan", None)
    completed = None
    if plan is not None and plan.submitted_on is not None:
        completed = datetime.combine(plan.submitted_on, time(12, 0), tzinfo=LONDON)
    return timescale_clocks.read(clocks.ACTION_PLAN, started, now, completed, calendar=council_calendar())


def plan_with_actions(item: Inspection) -> ActionPlan | None:
    """The inspection's plan with every action, its owner, milestones, evidence and updates (newest first).

    The plan itself is already read with the inspection; only what hangs from it is read here.
    """
    try:
        plan = item.action_plan
    except ActionPlan.DoesNotExist:
        return None
    prefetch_related_objects([plan], "submitted_by", Prefetch(
        "actions", queryset=Action.objects.select_related("owner", "point").prefetch_related(
            "milestones", "evidence",
            Prefetch("updates", queryset=ActionUpdate.objects.select_related("author").order_by("-written_at", "-id")),
        )))
    return plan


def action(pk: int) -> Action:
    found = (
        Action.objects.filter(pk=pk)
        .select_related("owner", "point", "plan__inspection")
        .prefetch_related("milestones", "evidence",
                          Prefetch("updates", queryset=ActionUpdate.objects.select_related("author")))
        .first()
    )
    if found is None:
        raise Http404("No such action")
    return found


def actions_owned_by(user: User) -> QuerySet[Action]:
    """The actions this user owns that are not complete, soonest due first."""
    return (Action.objects.filter(owner=user).exclude(status="complete")
            .select_related("plan__inspection", "point").order_by("due_on"))


def possible_owners() -> QuerySet[User]:
    """Who may own an action: leaders, managers and analysts with active accounts."""
    return policy.inspection_readers().order_by("last_name", "first_name")


def sample(item: Inspection) -> QuerySet[SampledChild]:
    """The children on the inspection's lists (for the coordinator, who sees every unrestricted child)."""
    return item.sample.select_related("child", "added_by").order_by("list_name", "child__last_name")


def accounts(item: Inspection) -> QuerySet[InspectorAccount]:
    return item.inspector_accounts.select_related("user").order_by("user__last_name")


def my_sample(user: User) -> QuerySet[Person]:
    """The children an inspector may read: exactly their inspection's sample while it is open (the policy's rule)."""
    return visible_children(user).order_by("last_name", "first_name")


def my_account(user: User) -> InspectorAccount | None:
    return InspectorAccount.objects.filter(user=user).select_related("inspection").first()


def views_on(item: Inspection, day: date) -> QuerySet[AccessEvent]:
    """Everything the inspection's inspectors read on one London day, newest first."""
    start = datetime.combine(day, time(0, 0), tzinfo=LONDON)
    end = start + timedelta(days=1)
    return (AccessEvent.objects.filter(user__inspector_account__inspection=item, at__gte=start, at__lt=end)
            .select_related("user", "child").order_by("-at"))


def today() -> date:
    return timezone.localdate()


# --- The self-evaluation -----------------------------------------------------------------------------------------

def self_evaluations() -> QuerySet:
    from hearth.inspection.models import SelfEvaluation

    return SelfEvaluation.objects.select_related("written_by")


def self_evaluation(pk: int):
    found = self_evaluations().prefetch_related("sections").filter(pk=pk).first()
    if found is None:
        raise Http404("No such version of the self-evaluation")
    return found


def latest_self_evaluation():
    return self_evaluations().prefetch_related("sections").first()


def sections_by_area(version) -> dict[str, object]:
    return {section.area: section for section in version.sections.all()} if version else {}


@dataclass(frozen=True)
class Change:
    kind: str  # "same", "added" or "removed"
    text: str


def word_changes(before: str, after: str) -> list[Change]:
    """What changed from one text to another, word by word."""
    import difflib

    old, new = before.split(), after.split()
    changes = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if op == "equal":
            changes.append(Change("same", " ".join(old[a1:a2])))
        else:
            if a2 > a1:
                changes.append(Change("removed", " ".join(old[a1:a2])))
            if b2 > b1:
                changes.append(Change("added", " ".join(new[b1:b2])))
    return changes


FINDINGS_PER_AREA = 5


def audit_findings_by_theme(themes: list[str], as_of: date) -> dict[str, list]:
    """The latest graded audits of each theme in the six months up to `as_of`: one query."""
    from hearth.oversight.selectors import graded_audits

    start = datetime.combine(as_of - timedelta(days=183), time(0, 0), tzinfo=LONDON)
    end = datetime.combine(as_of + timedelta(days=1), time(0, 0), tzinfo=LONDON)
    found: dict[str, list] = {theme: [] for theme in themes}
    rows = (graded_audits(start=start, end=end).filter(version__template__theme__in=themes)
            .select_related("version__template").order_by("-graded_at")[:200])
    for audit in rows:
        bucket = found[audit.version.template.theme]
        if len(bucket) < FINDINGS_PER_AREA:
            bucket.append(audit)
    return found
