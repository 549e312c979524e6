"""Contacts and their decisions in the child's chronology."""

from django.urls import reverse

from hearth.casework.chronology import ChronologyEntry, register
from hearth.front_door import outcomes
from hearth.front_door.models import ContactChild


@register("contact", "Contact")
def contact_entries(child):
    rows = ContactChild.objects.filter(child=child).select_related("contact", "decision", "decision__decided_by")
    for row in rows:
        contact = row.contact
        url = reverse("front_door:contact", args=[contact.pk])
        yield ChronologyEntry(
            occurred_at=contact.received_at, kind="contact",
            title=f"Contact {contact.reference} from {contact.referrer_agency or contact.referrer_name}",
            summary=contact.concern[:300], url=url,
        )
        if hasattr(row, "decision"):
            decision = row.decision
            yield ChronologyEntry(
                occurred_at=decision.decided_at, kind="contact",
                title=f"Contact decision: {outcomes.label(decision.outcome)}", summary=decision.rationale[:300],
                by=str(decision.decided_by), url=url,
            )
