"""The child's record shows the open child in need episode, its steps as a timeline, and the past episodes.

Read with the record's own query (`hearth.people.sections.register_columns`): the child's episodes as rows, and the
open episode's milestones (allocation, assessment, the current plan, its latest review, the latest visit) as
columns. The episode's page has every step; the record shows where the episode stands.
"""

from datetime import date

from django.db.models import OuterRef, Subquery
from django.urls import reverse

from hearth.children_in_need.models import Assessment, AssessmentOutcome, CinPlan, PlanReview, Referral, Visit
from hearth.children_in_need.selectors import Step
from hearth.core.panels import Panel
from hearth.core.rows import instances, related_rows
from hearth.people.sections import register_columns

EPISODE_FIELDS = ["id", "referral_date", "re_referral", "closure_date", "closure_reason", "allocated_on"]


def _first(queryset, column: str) -> Subquery:
    return Subquery(queryset.values(column)[:1])


def episode_columns() -> dict:
    open_episode = {"referral__child": OuterRef("pk"), "referral__closure_date__isnull": True}
    episode = Referral.objects.filter(child=OuterRef("pk"), closure_date__isnull=True).order_by("-referral_date", "-id")
    assessment = Assessment.objects.filter(**open_episode).order_by("-referral__referral_date", "-id")
    plan = CinPlan.objects.filter(**open_episode).order_by("-started_on", "-id")
    review = PlanReview.objects.filter(plan__referral__child=OuterRef("pk"),
                                       plan__referral__closure_date__isnull=True).order_by("-held_on", "-id")
    visit = Visit.objects.filter(**open_episode).order_by("-visited_on", "-id")
    return {
        "episodes": related_rows(Referral.objects.all(), "child", EPISODE_FIELDS),
        "worker_first": _first(episode, "allocation__worker__first_name"),
        "worker_last": _first(episode, "allocation__worker__last_name"),
        "team": _first(episode, "team__name"),
        "assessment_started": _first(assessment, "started_on"),
        "assessment_authorised": _first(assessment, "authorised_on"),
        "assessment_outcome": _first(assessment, "outcome"),
        "plan_id": _first(plan, "id"), "plan_started": _first(plan, "started_on"), "plan_ended": _first(plan, "ended_on"),
        "review_on": _first(review, "held_on"), "review_plan": _first(review, "plan_id"),
        "visit_on": _first(visit, "visited_on"), "visit_seen": _first(visit, "seen"),
        "visit_seen_alone": _first(visit, "seen_alone"),
    }


def _day(value) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else value


def _steps(child, current: Referral, values: dict) -> list[Step]:
    episode = reverse("children_in_need:episode", args=[child.pk, current.pk])
    found = [Step(current.referral_date, "Referral received", episode,
                  "A re-referral within 12 months" if current.re_referral else "")]
    if current.allocated_on:
        worker = " ".join(part for part in (values["worker_first"], values["worker_last"]) if part) or "the team"
        found.append(Step(current.allocated_on, f"Allocated to {worker}", episode, values["team"] or ""))
    assessment = reverse("children_in_need:assessment", args=[child.pk, current.pk])
    if started := _day(values["assessment_started"]):
        found.append(Step(started, "Assessment started", assessment))
    if authorised := _day(values["assessment_authorised"]):
        outcome = values["assessment_outcome"]
        found.append(Step(authorised, "Assessment authorised", assessment,
                          AssessmentOutcome(outcome).label if outcome else ""))
    if started := _day(values["plan_started"]):
        plan = reverse("children_in_need:plan", args=[child.pk, current.pk, values["plan_id"]])
        found.append(Step(started, "Child in need plan started", plan))
        if ended := _day(values["plan_ended"]):
            found.append(Step(ended, "Child in need plan ended", plan))
    if held := _day(values["review_on"]):
        found.append(Step(held, "Latest plan review", reverse(
            "children_in_need:plan", args=[child.pk, current.pk, values["review_plan"]])))
    if visited := _day(values["visit_on"]):
        seen = ("Seen alone" if values["visit_seen_alone"] else "Seen, not alone") if values["visit_seen"] else "Not seen"
        found.append(Step(visited, "Latest visit", f"{episode}#visits", seen))
    return sorted(found, key=lambda step: step.day)


def cin_episodes(user, child, values) -> Panel | None:
    episodes = instances(Referral, values["episodes"], order_by=lambda e: (e.referral_date, e.pk), reverse=True)
    if not episodes:
        return None
    current = next((episode for episode in episodes if episode.is_open), None)
    return Panel("children_in_need/_section.html", {
        "cin_current": current, "cin_steps": _steps(child, current, values) if current else [],
        "cin_past": [episode for episode in episodes if not episode.is_open],
    })


register_columns("children_in_need", columns=episode_columns, panel=cin_episodes)
