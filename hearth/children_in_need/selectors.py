"""Reads for children in need pages, already scoped: the child has been read through the access policy."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.urls import reverse

from hearth.accounts import policy
from hearth.children_in_need.models import CinPlan, ParentingAssessment, PlanReview, Referral, Visit
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
            Prefetch("reviews", queryset=PlanReview.objects.order_by("held_on", "id")))),
        Prefetch("visits", queryset=Visit.objects.order_by("visited_on", "id")),
        Prefetch("parenting_assessments", queryset=ParentingAssessment.objects.select_related("assessor")
                 .order_by("started_on", "id")),
    )


def episodes_for(child) -> list[Referral]:
    """The child's episodes, newest first, each with its assessment, plans, reviews, visits and parenting assessments
    (five queries)."""
    return list(_episodes().filter(child=child).order_by("-referral_date", "-id"))


def episode_for(child, referral_id: int) -> Referral:
    """One episode of a child the user may see, with its steps (five queries), or 404."""
    return get_object_or_404(_episodes().filter(child=child), pk=referral_id)


def assessment_of(referral: Referral):
    """The episode's assessment, or None (read with the episode)."""
    try:
        return referral.assessment
    except Referral.assessment.RelatedObjectDoesNotExist:
        return None


def steps(referral: Referral) -> list[Step]:
    """The episode's steps in order: referral, allocation, assessment, plans and reviews, visits, closure."""
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
    for plan in referral.plans.all():
        url = reverse("children_in_need:plan", args=[child_id, referral.pk, plan.pk])
        found.append(Step(plan.started_on, "Child in need plan started", url))
        for review in plan.reviews.all():
            found.append(Step(review.held_on, "Plan review", url, review.get_outcome_display()))
        if plan.ended_on:
            found.append(Step(plan.ended_on, "Child in need plan ended", url))
    for visit in referral.visits.all():
        seen = "Seen alone" if visit.seen_alone else "Seen, not alone" if visit.seen else "Not seen"
        found.append(Step(visit.visited_on, "Visit", f"{episode}#visits", seen))
    for parenting in referral.parenting_assessments.all():
        found.append(Step(parenting.started_on, f"{parenting.get_kind_display()} started", f"{episode}#parenting",
                          parenting.parent))
        if parenting.completed_on:
            found.append(Step(parenting.completed_on, f"{parenting.get_kind_display()} completed",
                              f"{episode}#parenting", parenting.get_recommendation_display()))
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
