"""Reads for children in need pages, already scoped: the child has been read through the access policy."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Case, CharField, F, Prefetch, Value, When
from django.db.models.functions import Cast
from django.shortcuts import get_object_or_404
from django.urls import reverse

from hearth.accounts import policy
from hearth.children_in_need.models import (
    CinPlan,
    ClosureRequest,
    ParentingAssessment,
    ParentingAssessmentKind,
    ParentingRecommendation,
    PlanReview,
    Referral,
    ReviewOutcome,
    Visit,
)
from hearth.timescales.selectors import council_calendar


@dataclass(frozen=True)
class Step:
    """One step of an episode, as its timeline shows it."""

    day: date
    title: str
    url: str = ""
    detail: str = ""


def _episodes():
    return Referral.objects.select_related(
        "team", "allocation__worker", "closure_decision__decided_by", "assessment__authorised_by",
    ).prefetch_related(
        Prefetch("plans", queryset=CinPlan.objects.prefetch_related(
            Prefetch("reviews", queryset=PlanReview.objects.order_by("-held_on", "-id")))),
        Prefetch("visits", queryset=Visit.objects.order_by("visited_on", "id")),
        Prefetch("parenting_assessments", queryset=ParentingAssessment.objects.select_related("assessor")
                 .order_by("started_on", "id")),
    )


def episodes_for(child) -> list[Referral]:
    """The child's episodes, newest first, each with its assessment and allocation (one query)."""
    return list(Referral.objects.filter(child=child).select_related("team", "allocation__worker", "assessment")
                .order_by("-referral_date", "-id"))


def episode_for(child, referral_id: int) -> Referral:
    """One episode of a child the user may see, with its steps (five queries), or 404."""
    return get_object_or_404(_episodes().filter(child=child), pk=referral_id)


def closure_request_for(referral: Referral, request_id: int) -> ClosureRequest:
    """A closure asked for on this episode (with who asked and the decision, if any), or 404."""
    return get_object_or_404(ClosureRequest.objects.select_related("requested_by", "decision__decided_by"),
                             referral=referral, pk=request_id)


def assessment_of(referral: Referral):
    """The episode's assessment, or None (read with the episode)."""
    try:
        return referral.assessment
    except Referral.assessment.RelatedObjectDoesNotExist:
        return None


def _step_rows(referral: Referral) -> list[dict]:
    """The dated steps kept in the episode's own tables, in one UNION ALL query: (day, kind, ref, detail)."""
    text = CharField()

    def part(queryset, *, day: str, kind: str, ref: str, detail):
        return queryset.order_by().annotate(
            # The reference is an id for some steps and a code for others: text in every part, as PostgreSQL's
            # union needs one type.
            s_day=F(day), s_kind=Value(kind, output_field=text), s_ref=Cast(F(ref), output_field=text),
            s_detail=F(detail) if isinstance(detail, str) else detail,
        ).values("s_day", "s_kind", "s_ref", "s_detail")

    empty = Value("", output_field=text)
    seen = Case(When(seen_alone=True, then=Value("Seen alone")), When(seen=True, then=Value("Seen, not alone")),
                default=Value("Not seen"), output_field=text)
    plans = CinPlan.objects.filter(referral=referral)
    parenting = ParentingAssessment.objects.filter(referral=referral)
    parts = [
        part(plans, day="started_on", kind="plan", ref="id", detail=empty),
        part(plans.filter(ended_on__isnull=False), day="ended_on", kind="plan_ended", ref="id", detail=empty),
        part(PlanReview.objects.filter(plan__referral=referral), day="held_on", kind="review", ref="plan_id",
             detail="outcome"),
        part(Visit.objects.filter(referral=referral), day="visited_on", kind="visit", ref="id", detail=seen),
        part(parenting, day="started_on", kind="parenting", ref="kind", detail="parent"),
        part(parenting.filter(completed_on__isnull=False), day="completed_on", kind="parenting_done", ref="kind",
             detail="recommendation"),
    ]
    return list(parts[0].union(*parts[1:], all=True))


def _as_day(value) -> date:
    return date.fromisoformat(value) if isinstance(value, str) else value


def steps(referral: Referral) -> list[Step]:
    """The episode's steps in order: referral, allocation, assessment, plans and reviews, visits, parenting
    assessments, closure. One query beyond the episode itself (read with its assessment)."""
    child_id = referral.child_id
    episode = reverse("children_in_need:episode", args=[child_id, referral.pk])
    found = [Step(referral.referral_date, "Referral received", episode,
                  "A re-referral within 12 months" if referral.re_referral else "")]
    if referral.allocated_on:
        worker = referral.allocation.worker if referral.allocation else None
        found.append(Step(referral.allocated_on, f"Allocated to {worker or 'the team'}", episode,
                          str(referral.team or "")))
    assessment = assessment_of(referral)
    if assessment is not None:
        url = reverse("children_in_need:assessment", args=[child_id, referral.pk])
        found.append(Step(assessment.started_on, "Assessment started", url))
        if assessment.authorised_on:
            found.append(Step(assessment.authorised_on, "Assessment authorised", url,
                              assessment.get_outcome_display()))
    kinds, outcomes = dict(ParentingAssessmentKind.choices), dict(ReviewOutcome.choices)
    recommendations = dict(ParentingRecommendation.choices)
    for row in _step_rows(referral):
        day, kind, ref, detail = _as_day(row["s_day"]), row["s_kind"], row["s_ref"], row["s_detail"]
        plan_url = reverse("children_in_need:plan", args=[child_id, referral.pk, ref]) if kind in (
            "plan", "plan_ended", "review") else ""
        if kind == "plan":
            found.append(Step(day, "Child in need plan started", plan_url))
        elif kind == "plan_ended":
            found.append(Step(day, "Child in need plan ended", plan_url))
        elif kind == "review":
            found.append(Step(day, "Plan review", plan_url, outcomes.get(detail, detail)))
        elif kind == "visit":
            found.append(Step(day, "Visit", f"{episode}#visits", detail))
        elif kind == "parenting":
            found.append(Step(day, f"{kinds.get(ref, ref)} started", f"{episode}#parenting", detail))
        else:
            found.append(Step(day, f"{kinds.get(ref, ref)} completed", f"{episode}#parenting",
                              recommendations.get(detail, detail)))
    if referral.closure_date:
        found.append(Step(referral.closure_date, "Episode closed", episode, referral.get_closure_reason_display()))
    return sorted(found, key=lambda step: step.day)


@dataclass(frozen=True)
class QueueRow:
    referral: Referral
    name: str  # the child's name, or "A child you do not have access to"
    named: bool
    working_days_waiting: int


def referral_queue(user, *, today: date) -> list[QueueRow]:
    """The referrals awaiting allocation in the teams this user manages, oldest first, with working days waiting."""
    teams = policy.cin_queue_teams(user)
    if not teams:
        return []
    referrals = list(Referral.objects.filter(team_id__in=teams, allocated_on__isnull=True, closure_date__isnull=True)
                     .select_related("child", "team").order_by("referral_date", "id"))
    hidden = policy.hidden_on_lists(user, [referral.child for referral in referrals])
    calendar = council_calendar() if referrals else None
    return [QueueRow(referral, policy.HIDDEN_CHILD if referral.child_id in hidden else referral.child.full_name,
                     referral.child_id not in hidden,
                     calendar.working_days_between(referral.referral_date, today))
            for referral in referrals]
