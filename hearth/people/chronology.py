"""The dated events the people app adds to a child's chronology."""

from django.urls import reverse

from hearth.casework.chronology import ChronologyEntry, at_start_of, register
from hearth.people.models import Address, Relationship, WarningNote


@register("record", "Record")
def record_entries(child):
    yield ChronologyEntry(
        occurred_at=child.created_at, kind="record", title="Record created",
        summary=f"LA child ID {child.la_child_id}", by="",
    )
    if child.date_of_birth:
        yield ChronologyEntry(occurred_at=at_start_of(child.date_of_birth), kind="record", title="Born")


@register("address", "Address")
def address_entries(child):
    for address in Address.objects.filter(person=child, moved_in__isnull=False):
        yield ChronologyEntry(
            occurred_at=at_start_of(address.moved_in), kind="address", title="Moved address",
            summary=str(address),
        )


@register("family", "Family network")
def relationship_entries(child):
    related = (
        Relationship.objects.filter(relative=child, started_on__isnull=False)
        .select_related("person")
    )
    for relationship in related:
        yield ChronologyEntry(
            occurred_at=at_start_of(relationship.started_on), kind="family",
            title=f"{relationship.get_kind_display()}: {relationship.person.full_name}",
            summary=relationship.note,
        )


@register("warning", "Warning")
def warning_entries(child):
    for warning in WarningNote.objects.filter(person=child).select_related("recorded_by"):
        yield ChronologyEntry(
            occurred_at=warning.recorded_at, kind="warning",
            title=f"Warning added: {warning.get_category_display()}", summary=warning.text,
            by=str(warning.recorded_by), url=reverse("people:child", args=[child.pk]),
        )
