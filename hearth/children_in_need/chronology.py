"""The child in need episode in the child's chronology: each dated step, each as a day (no time of day is shown)."""

from datetime import date

from django.urls import reverse

from hearth.casework.chronology import (
    ChronologyEntry,
    Row,
    at_start_of,
    choice_label,
    excerpt,
    name_of,
    register,
    shape,
    user_fields,
)
from hearth.children_in_need.models import (
    Assessment,
    AssessmentOutcome,
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
from hearth.reference.codes import ReasonForClosure, ReferralSource


def episode_url(child_id: int, referral_id: int) -> str:
    return reverse("children_in_need:episode", args=[child_id, referral_id])


def _referral_entries(row: Row):
    referral = row.fields
    yield ChronologyEntry(
        occurred_at=at_start_of(row.day), kind="referral",
        title="Referral to children's social care" + (": strategy discussion now" if referral["now"] else "")
        + (" (re-referral within 12 months)" if referral["re_referral"] else ""),
        summary=f"Source: {choice_label(ReferralSource, referral['source'])}",
        url=episode_url(referral["child"], referral["id"]),
    )


register("referral", "Referral", entries=_referral_entries, rows=lambda child: [shape(
    Referral.objects.filter(child=child), day="referral_date", source="source", now="strategy_discussion_now",
    re_referral="re_referral", id="id", child="child_id")])


def _closure_entries(row: Row):
    referral = row.fields
    yield ChronologyEntry(
        occurred_at=at_start_of(row.day), kind="cin_closure", title="Child in need episode closed",
        summary=choice_label(ReasonForClosure, referral["reason"]), url=episode_url(referral["child"], referral["id"]),
    )


register("cin_closure", "Child in need episode closed", entries=_closure_entries, rows=lambda child: [shape(
    Referral.objects.filter(child=child, closure_date__isnull=False), day="closure_date", reason="closure_reason",
    id="id", child="child_id")])


def _closure_request_entries(row: Row):
    fields = row.fields
    # The manager's answer is a decision (cin_closure or cin_closure_decline), in the chronology as every decision is.
    yield ChronologyEntry(
        occurred_at=row.moment, kind="cin_closure_request",
        title="Closure of the episode asked for",
        summary=f"{choice_label(ReasonForClosure, fields['reason'])}. {fields['summary'] or ''}".strip(),
        by=name_of(fields, "by"), url=episode_url(fields["child"], fields["referral"]) + "#closure")


register("cin_closure_request", "Closure asked for", entries=_closure_request_entries, rows=lambda child: [shape(
    ClosureRequest.objects.filter(child=child), moment="requested_at", reason="reason", summary=excerpt("summary"),
    referral="referral_id", child="child_id", **user_fields("by", "requested_by"))])


def _assessment_url(fields) -> str:
    return reverse("children_in_need:assessment", args=[fields["child"], fields["referral"]])


def _assessment_started_entries(row: Row):
    yield ChronologyEntry(occurred_at=at_start_of(row.day), kind="cin_assessment", title="Assessment started",
                          by=name_of(row.fields, "by"), url=_assessment_url(row.fields))


def _assessment_authorised_entries(row: Row):
    fields = row.fields
    yield ChronologyEntry(occurred_at=at_start_of(row.day), kind="cin_assessment_authorised",
                          title=f"Assessment authorised: {choice_label(AssessmentOutcome, fields['outcome'])}",
                          summary=fields["analysis"] or "", by=name_of(fields, "by"), url=_assessment_url(fields))


register("cin_assessment", "Assessment started", entries=_assessment_started_entries, rows=lambda child: [shape(
    Assessment.objects.filter(child=child), day="started_on", referral="referral_id", child="child_id",
    **user_fields("by", "recorded_by"))])
register("cin_assessment_authorised", "Assessment authorised", entries=_assessment_authorised_entries,
         rows=lambda child: [shape(
             Assessment.objects.filter(child=child, authorised_on__isnull=False), day="authorised_on",
             referral="referral_id", child="child_id", outcome="outcome", analysis=excerpt("analysis"),
             **user_fields("by", "authorised_by"))])


def _plan_url(fields) -> str:
    return reverse("children_in_need:plan", args=[fields["child"], fields["referral"], fields["plan"]])


def _plan_started_entries(row: Row):
    yield ChronologyEntry(occurred_at=at_start_of(row.day), kind="cin_plan", title="Child in need plan started",
                          summary=row.fields["needs"] or "", url=_plan_url(row.fields))


def _plan_ended_entries(row: Row):
    yield ChronologyEntry(occurred_at=at_start_of(row.day), kind="cin_plan_ended", title="Child in need plan ended",
                          url=_plan_url(row.fields))


register("cin_plan", "Child in need plan started", entries=_plan_started_entries, rows=lambda child: [shape(
    CinPlan.objects.filter(child=child), day="started_on", plan="id", referral="referral_id", child="child_id",
    needs=excerpt("needs"))])
register("cin_plan_ended", "Child in need plan ended", entries=_plan_ended_entries, rows=lambda child: [shape(
    CinPlan.objects.filter(child=child, ended_on__isnull=False), day="ended_on", plan="id", referral="referral_id",
    child="child_id")])


def _review_entries(row: Row):
    fields = row.fields
    yield ChronologyEntry(occurred_at=at_start_of(row.day), kind="cin_plan_review",
                          title=f"Child in need plan review: {choice_label(ReviewOutcome, fields['outcome'])}",
                          summary=fields["notes"] or "", url=_plan_url(fields))


register("cin_plan_review", "Child in need plan review", entries=_review_entries, rows=lambda child: [shape(
    PlanReview.objects.filter(plan__child=child), day="held_on", outcome="outcome", notes=excerpt("notes"),
    plan="plan_id", referral="plan__referral_id", child="plan__child_id")])


def _visit_entries(row: Row):
    fields = row.fields
    seen = "seen alone" if fields["alone"] else "seen, not alone" if fields["seen"] else "not seen"
    yield ChronologyEntry(occurred_at=at_start_of(row.day), kind="cin_visit",
                          title=f"Visit{' for the assessment' if fields['assessment'] else ''}: the child was {seen}",
                          summary=fields["note"] or "", by=name_of(fields, "by"),
                          url=episode_url(fields["child"], fields["referral"]))


register("cin_visit", "Child in need visit", entries=_visit_entries, rows=lambda child: [shape(
    Visit.objects.filter(child=child), day="visited_on", seen="seen", alone="seen_alone", note=excerpt("note"),
    assessment="assessment_id", referral="referral_id", child="child_id", **user_fields("by", "recorded_by"))])


def _parenting_entries(row: Row):
    fields = row.fields
    kind = choice_label(ParentingAssessmentKind, fields["kind"])
    url = episode_url(fields["child"], fields["referral"]) + "#parenting"
    yield ChronologyEntry(occurred_at=at_start_of(row.day), kind="parenting_assessment",
                          title=f"{kind} of {fields['parent']} started", by=name_of(fields, "by"), url=url)
    if fields["completed"]:
        completed = fields["completed"]
        yield ChronologyEntry(
            occurred_at=at_start_of(date.fromisoformat(completed) if isinstance(completed, str) else completed),
            kind="parenting_assessment",
            title=f"{kind} of {fields['parent']} completed: "
                  f"{choice_label(ParentingRecommendation, fields['recommendation'])}",
            summary=fields["findings"] or "", by=name_of(fields, "by"), url=url)


register("parenting_assessment", "Parenting assessment", entries=_parenting_entries, rows=lambda child: [shape(
    ParentingAssessment.objects.filter(child=child), day="started_on", kind="kind", parent="parent",
    completed="completed_on", recommendation="recommendation", findings=excerpt("findings"),
    referral="referral_id", child="child_id", **user_fields("by", "assessor"))])
