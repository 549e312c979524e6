"""Child protection's dated steps in the child's chronology (decisions appear as the casework decisions they are)."""

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
from hearth.protection.models import (
    ChildProtectionPlan,
    Conference,
    ConferenceKind,
    ConferenceOutcome,
    CoreGroupMeeting,
    PlanEndReason,
    PlanVisit,
    Section47Enquiry,
    StrategyDiscussion,
)
from hearth.reference.codes import AbuseCategory


def _strategy_discussion_entries(row: Row):
    # The entry for the discussion held links to its page; the request stays as the front door first recorded it.
    yield ChronologyEntry(occurred_at=row.moment, kind="strategy_discussion", title="Strategy discussion requested",
                          by=name_of(row.fields, "requested_by"))


def _held_entries(row: Row):
    discussion = row.fields
    yield ChronologyEntry(occurred_at=row.moment, kind="strategy_discussion_held", title="Strategy discussion held",
                          summary=discussion["information"] or "", by=name_of(discussion, "chair"),
                          url=reverse("protection:discussion", args=[discussion["child"], discussion["id"]]))


register("strategy_discussion", "Strategy discussion", entries=_strategy_discussion_entries, rows=lambda child: [shape(
    StrategyDiscussion.objects.filter(child=child), moment="requested_at",
    **user_fields("requested_by", "requested_by"))])
register("strategy_discussion_held", "Strategy discussion held", entries=_held_entries, rows=lambda child: [shape(
    StrategyDiscussion.objects.filter(child=child, held_at__isnull=False), moment="held_at", id="id", child="child_id",
    information=excerpt("information_shared"), **user_fields("chair", "chair"))])


def _enquiry_entries(row: Row):
    enquiry = row.fields
    url = reverse("protection:enquiry", args=[enquiry["child"], enquiry["id"]])
    if enquiry["event"] == "start":
        yield ChronologyEntry(occurred_at=at_start_of(row.day), kind="section_47", title="Section 47 enquiry started",
                              url=url)
    elif enquiry["event"] == "seen":
        yield ChronologyEntry(occurred_at=at_start_of(row.day), kind="section_47",
                              title="Child seen (section 47 enquiry)" + (", alone" if enquiry["alone"] else ""), url=url)
    else:
        yield ChronologyEntry(occurred_at=at_start_of(row.day), kind="section_47", title="Section 47 enquiry completed",
                              summary="Concerns substantiated" if enquiry["substantiated"] else "Concerns not substantiated",
                              url=url)


def _enquiry_rows(child):
    from django.db.models import CharField, Value

    enquiries = Section47Enquiry.objects.filter(child=child)
    common = {"id": "id", "child": "child_id", "alone": "child_seen_alone", "substantiated": "concerns_substantiated"}
    return [
        shape(enquiries, day="start_date", event=Value("start", output_field=CharField()), **common),
        shape(enquiries.filter(child_seen_on__isnull=False), day="child_seen_on",
              event=Value("seen", output_field=CharField()), **common),
        shape(enquiries.filter(completed_on__isnull=False), day="completed_on",
              event=Value("done", output_field=CharField()), **common),
    ]


register("section_47", "Section 47 enquiry", entries=_enquiry_entries, rows=_enquiry_rows)


def _conference_entries(row: Row):
    conference = row.fields
    yield ChronologyEntry(
        occurred_at=at_start_of(row.day), kind="conference",
        title=(f"{choice_label(ConferenceKind, conference['kind'])}: "
               f"{choice_label(ConferenceOutcome, conference['outcome']).lower()}"),
        by=name_of(conference, "chair"),
        url=reverse("protection:conference", args=[conference["child"], conference["id"]]))


register("conference", "Child protection conference", entries=_conference_entries, rows=lambda child: [shape(
    Conference.objects.filter(child=child), day="held_on", id="id", child="child_id", kind="kind", outcome="outcome",
    **user_fields("chair", "chair"))])


def _plan_entries(row: Row):
    plan = row.fields
    url = reverse("protection:plan", args=[plan["child"], plan["id"]])
    if plan["ended"]:
        yield ChronologyEntry(occurred_at=at_start_of(row.day), kind="cp_plan", title="Child protection plan ended",
                              summary=choice_label(PlanEndReason, plan["reason"]), url=url)
    else:
        yield ChronologyEntry(occurred_at=at_start_of(row.day), kind="cp_plan", title="Child protection plan started",
                              summary=f"Category: {choice_label(AbuseCategory, plan['category'])}", url=url)


def _plan_rows(child):
    from django.db.models import BooleanField, Value

    plans = ChildProtectionPlan.objects.filter(child=child)
    common = {"id": "id", "child": "child_id", "category": "initial_category", "reason": "end_reason"}
    return [shape(plans, day="start_date", ended=Value(False, output_field=BooleanField()), **common),
            shape(plans.filter(end_date__isnull=False), day="end_date", ended=Value(True, output_field=BooleanField()),
                  **common)]


register("cp_plan", "Child protection plan", entries=_plan_entries, rows=_plan_rows)


def _core_group_entries(row: Row):
    meeting = row.fields
    yield ChronologyEntry(occurred_at=at_start_of(row.day), kind="core_group", title="Core group meeting",
                          summary=meeting["notes"] or "", by=name_of(meeting, "recorded_by"),
                          url=reverse("protection:plan", args=[meeting["child"], meeting["plan"]]))


register("core_group", "Core group meeting", entries=_core_group_entries, rows=lambda child: [shape(
    CoreGroupMeeting.objects.filter(plan__child=child), day="held_on", plan="plan_id", child="plan__child_id",
    notes=excerpt("notes"), **user_fields("recorded_by", "recorded_by"))])


def _visit_entries(row: Row):
    visit = row.fields
    seen = "child seen alone" if visit["alone"] else "child seen" if visit["seen"] else "child not seen"
    yield ChronologyEntry(occurred_at=at_start_of(row.day), kind="cp_visit", title=f"Child protection visit: {seen}",
                          summary=visit["notes"] or "", by=name_of(visit, "recorded_by"),
                          url=reverse("protection:plan", args=[visit["child"], visit["plan"]]))


register("cp_visit", "Child protection visit", entries=_visit_entries, rows=lambda child: [shape(
    PlanVisit.objects.filter(plan__child=child), day="visited_on", plan="plan_id", child="plan__child_id",
    seen="child_seen", alone="child_seen_alone", notes=excerpt("notes"), **user_fields("recorded_by", "recorded_by"))])
