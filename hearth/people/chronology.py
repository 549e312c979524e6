"""The dated events the people app adds to a child's chronology."""

from django.urls import reverse

from hearth.casework.chronology import (
    ChronologyEntry,
    Row,
    at_start_of,
    choice_label,
    name_of,
    register,
    shape,
    user_fields,
)
from hearth.people.models import Address, Person, Relationship, RelationshipKind, WarningCategory, WarningNote


def _record_entries(row: Row):
    yield ChronologyEntry(occurred_at=row.moment, kind="record", title="Record created",
                          summary=f"LA child ID {row.fields['la_child_id']}")
    if row.day:
        yield ChronologyEntry(occurred_at=at_start_of(row.day), kind="record", title="Born")


register("record", "Record", entries=_record_entries, rows=lambda child: [shape(
    Person.objects.filter(pk=child.pk), moment="created_at", day="date_of_birth", la_child_id="la_child_id")])


def _address_entries(row: Row):
    address = row.fields
    yield ChronologyEntry(
        occurred_at=at_start_of(row.day), kind="address", title="Moved address",
        summary=", ".join(address[part] for part in ("line_1", "line_2", "town", "postcode") if address[part]),
    )


register("address", "Address", entries=_address_entries, rows=lambda child: [shape(
    Address.objects.filter(person=child, moved_in__isnull=False), day="moved_in",
    line_1="line_1", line_2="line_2", town="town", postcode="postcode")])


def _relationship_entries(row: Row):
    relationship = row.fields
    yield ChronologyEntry(
        occurred_at=at_start_of(row.day), kind="family",
        title=f"{choice_label(RelationshipKind, relationship['kind'])}: {name_of(relationship, 'person')}",
        summary=relationship["note"] or "",
    )


register("family", "Family network", entries=_relationship_entries, rows=lambda child: [shape(
    Relationship.objects.filter(relative=child, started_on__isnull=False), day="started_on", kind="kind", note="note",
    person_first="person__first_name", person_last="person__last_name")])


def _warning_entries(row: Row):
    warning = row.fields
    yield ChronologyEntry(
        occurred_at=row.moment, kind="warning", title=f"Warning added: {choice_label(WarningCategory, warning['category'])}",
        summary=warning["text"], by=name_of(warning, "recorded_by"),
        url=reverse("people:child", args=[warning["person"]]),
    )


register("warning", "Warning", entries=_warning_entries, rows=lambda child: [shape(
    WarningNote.objects.filter(person=child), moment="recorded_at", category="category", text="text",
    person="person_id", **user_fields("recorded_by", "recorded_by"))])
