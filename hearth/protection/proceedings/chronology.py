"""Each dated step of pre-proceedings and care proceedings in the child's chronology (events recorded as days)."""

from decimal import Decimal

from django.db.models import CharField, Value
from django.urls import reverse

from hearth.casework.chronology import ChronologyEntry, Row, at_start_of, choice_label, excerpt, register, shape
from hearth.protection.proceedings.models import (
    CareProceedings,
    FamilyGroupMeeting,
    FamilyGroupMeetingKind,
    FamilyNetworkSupport,
    FamilyNetworkSupportKind,
    FinalOrder,
    Hearing,
    HearingKind,
    PreProceedings,
    PreProceedingsReview,
)
from hearth.reference.codes import PreProceedingsOutcome


def _step(name: str):
    return Value(name, output_field=CharField())


def _url(fields: dict) -> str:
    return reverse("proceedings:pre_proceedings", args=[fields["child"], fields["case"]])


PRE_PROCEEDINGS_TITLES = {
    "start": "Pre-proceedings began (legal planning meeting)",
    "letter": "Letter before proceedings sent",
    "initial": "Initial pre-proceedings meeting",
}


def _pre_proceedings_entries(row: Row):
    fields = row.fields
    if fields["step"] == "decision":
        title = f"Pre-proceedings decision: {choice_label(PreProceedingsOutcome, fields['outcome'])}"
    elif fields["step"] == "review":
        title = "Pre-proceedings review meeting"
    else:
        title = PRE_PROCEEDINGS_TITLES[fields["step"]]
    yield ChronologyEntry(occurred_at=at_start_of(row.day), kind="pre_proceedings", title=title, url=_url(fields))


def _pre_proceedings_rows(child):
    cases = PreProceedings.objects.filter(children__child=child)
    common = {"child": Value(child.pk), "case": "id"}
    return [
        shape(cases, day="started_on", step=_step("start"), outcome="outcome", **common),
        shape(cases.filter(letter_sent_on__isnull=False), day="letter_sent_on", step=_step("letter"),
              outcome="outcome", **common),
        shape(cases.filter(initial_meeting_on__isnull=False), day="initial_meeting_on", step=_step("initial"),
              outcome="outcome", **common),
        shape(cases.filter(step_decision_on__isnull=False), day="step_decision_on", step=_step("decision"),
              outcome="outcome", **common),
        shape(PreProceedingsReview.objects.filter(pre_proceedings__children__child=child), day="held_on",
              step=_step("review"), outcome=_step(""), child=Value(child.pk), case="pre_proceedings_id"),
    ]


register("pre_proceedings", "Pre-proceedings", entries=_pre_proceedings_entries, rows=_pre_proceedings_rows)


def _family_meeting_entries(row: Row):
    fields = row.fields
    kind = choice_label(FamilyGroupMeetingKind, fields["kind"])
    if fields["step"] == "offered":
        yield ChronologyEntry(occurred_at=at_start_of(row.day), kind="family_group_conference",
                              title=f"{kind} offered" + (" in the letter before proceedings"
                                                         if fields["in_letter"] else ""), url=_url(fields))
    else:
        yield ChronologyEntry(occurred_at=at_start_of(row.day), kind="family_group_conference", title=f"{kind} held",
                              summary=fields["plan"] or "", url=_url(fields))


def _family_meeting_rows(child):
    meetings = FamilyGroupMeeting.objects.filter(pre_proceedings__children__child=child)
    common = {"child": Value(child.pk), "case": "pre_proceedings_id", "kind": "kind", "in_letter": "offered_in_letter"}
    return [
        shape(meetings, day="offered_on", step=_step("offered"), plan=_step(""), **common),
        shape(meetings.filter(held_on__isnull=False), day="held_on", step=_step("held"), plan=excerpt("family_plan"),
              **common),
    ]


register("family_group_conference", "Family group conference", entries=_family_meeting_entries,
         rows=_family_meeting_rows)


def _support_entries(row: Row):
    fields = row.fields
    amount = f" of £{Decimal(str(fields['amount'])):,.2f}" if fields["amount"] is not None else ""
    recipient = " ".join(part for part in (fields["recipient_first"], fields["recipient_last"]) if part)
    yield ChronologyEntry(
        occurred_at=at_start_of(row.day), kind="family_network_support",
        title=f"{choice_label(FamilyNetworkSupportKind, fields['kind'])}{amount} offered to {recipient}",
        summary=fields["description"], url=_url(fields))


register("family_network_support", "Family network support", entries=_support_entries, rows=lambda child: [shape(
    FamilyNetworkSupport.objects.filter(pre_proceedings__children__child=child), day="offered_on", kind="kind",
    amount="amount", description="description", recipient_first="recipient__first_name",
    recipient_last="recipient__last_name", child=Value(child.pk), case="pre_proceedings_id")])


def _proceedings_entries(row: Row):
    fields = row.fields
    if fields["step"] == "application":
        title = "Application to court for care proceedings"
    elif fields["step"] == "parents_letter":
        title = "Letter to the parents about the application to court"
    elif fields["step"] == "hearing":
        title = f"Hearing: {choice_label(HearingKind, fields['what'])}"
    else:
        title = f"Final order: {choice_label(FinalOrder, fields['what'])}"
    yield ChronologyEntry(occurred_at=at_start_of(row.day), kind="care_proceedings", title=title,
                          summary=fields["summary"] or "", url=_url(fields))


def _proceedings_rows(child):
    proceedings = CareProceedings.objects.filter(pre_proceedings__children__child=child)
    common = {"child": Value(child.pk), "case": "pre_proceedings_id"}
    return [
        shape(proceedings, day="application_on", step=_step("application"), what=_step(""),
              summary=excerpt("urgent_reason"), **common),
        shape(proceedings.filter(parents_letter_on__isnull=False), day="parents_letter_on",
              step=_step("parents_letter"), what=_step(""), summary=_step(""), **common),
        shape(Hearing.objects.filter(care_proceedings__pre_proceedings__children__child=child), day="held_on",
              step=_step("hearing"), what="kind", summary="outcome", child=Value(child.pk),
              case="care_proceedings__pre_proceedings_id"),
        shape(proceedings.filter(final_order_on__isnull=False), day="final_order_on", step=_step("order"),
              what="final_order", summary=_step(""), **common),
    ]


register("care_proceedings", "Care proceedings", entries=_proceedings_entries, rows=_proceedings_rows)
