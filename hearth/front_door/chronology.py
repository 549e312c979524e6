"""Contacts and their decisions in the child's chronology."""

from django.db.models import Value
from django.urls import reverse

from hearth.casework.chronology import ChronologyEntry, Row, excerpt, name_of, register, shape, user_fields
from hearth.front_door import outcomes
from hearth.front_door.models import ContactChild, ContactDecision


def _contact_entries(row: Row):
    fields = row.fields
    url = reverse("front_door:contact", args=[fields["contact"]])
    if fields["what"] == "decision":
        yield ChronologyEntry(
            occurred_at=row.moment, kind="contact", title=f"Contact decision: {outcomes.label(fields['outcome'])}",
            summary=fields["rationale"], by=name_of(fields, "decided_by"), url=url,
        )
    else:
        yield ChronologyEntry(
            occurred_at=row.moment, kind="contact",
            title=f"Contact {fields['reference']} from {fields['agency'] or fields['referrer']}",
            summary=fields["concern"], url=url,
        )


register("contact", "Contact", entries=_contact_entries, rows=lambda child: [
    shape(ContactChild.objects.filter(child=child), moment="received_at", what=Value("contact"), contact="contact_id",
          reference="contact__reference", agency="contact__referrer_agency", referrer="contact__referrer_name",
          concern=excerpt("contact__concern")),
    shape(ContactDecision.objects.filter(contact_child__child=child), moment="decided_at", what=Value("decision"),
          contact="contact_child__contact_id", outcome="outcome", rationale=excerpt("rationale"),
          **user_fields("decided_by", "decided_by")),
])
