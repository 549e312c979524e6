"""Re-contacts: a child who was on another contact received in the 365 days before this one.

Whether a child's row on a contact is a re-contact is a fact about when the contacts were received, so it is
kept on the row (`ContactChild.recontact`) and the leaders' view counts re-contacts from an index instead of
searching every child's history. It is set when a child is attached to a contact or matched to a record, and
the child's other rows are brought into line at the same moment: a contact typed up after later ones makes
them re-contacts, and a row matched to a different child leaves the first child's rows as they would have
been without it. The flag therefore always equals the definition, whatever the order contacts are recorded in.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.db import transaction

RECONTACT_WINDOW = timedelta(days=365)
_CHUNK = 2000


def flags(received: list[tuple[int, datetime]]) -> dict[int, bool]:
    """For one child's rows, (row id, when its contact was received): which rows are re-contacts.

    A row is a re-contact if another of the child's contacts was received at the same moment or in the 365
    days before. A child is on a contact at most once, so another row is another contact.
    """
    ordered = sorted(received, key=lambda row: row[1])
    result = {}
    for index, (row_id, at) in enumerate(ordered):
        before = index > 0 and ordered[index - 1][1] >= at - RECONTACT_WINDOW
        same_moment = index + 1 < len(ordered) and ordered[index + 1][1] == at
        result[row_id] = before or same_moment
    return result


def recontacted(child_ids: Iterable[int], *, received_at: datetime, contact_id: int | None) -> set[int]:
    """Which of these children, on a contact received at `received_at`, were on another contact in the window before it
    (one query, however many children)."""
    from hearth.front_door.models import ContactChild

    earlier = ContactChild.objects.filter(
        child_id__in=list(child_ids), received_at__gte=received_at - RECONTACT_WINDOW, received_at__lte=received_at)
    if contact_id is not None:
        earlier = earlier.exclude(contact_id=contact_id)
    return set(earlier.values_list("child_id", flat=True))


def refresh(child_ids: Iterable[int], *, acting_user) -> int:
    """Recompute the flag on every row of these children, saving with history the rows whose flag changes."""
    from hearth.accounts.audit import save_with_history
    from hearth.front_door.models import ContactChild

    by_child = defaultdict(list)
    current = {}
    rows = ContactChild.objects.filter(child_id__in=[c for c in set(child_ids) if c is not None])
    for row_id, child_id, received_at, recontact in rows.values_list("pk", "child_id", "received_at", "recontact"):
        by_child[child_id].append((row_id, received_at))
        current[row_id] = recontact
    wanted = {}
    for received in by_child.values():
        wanted.update(flags(received))
    changed = [row_id for row_id, flag in wanted.items() if flag != current[row_id]]
    for row in ContactChild.objects.filter(pk__in=changed):
        row.recontact = wanted[row.pk]
        save_with_history(row, acting_user=acting_user)
    return len(changed)


@transaction.atomic
def mark_all(contact_child_model) -> int:
    """Set the flag on the rows that are re-contacts, where no row has it yet: a new column, or a freshly seeded council.

    Reads each row once, in child order, and writes only the rows that are re-contacts. Takes the model so a
    migration can pass its historical one.
    """
    rows = (contact_child_model.objects.filter(child__isnull=False)
            .values_list("pk", "child_id", "received_at").order_by("child_id").iterator(chunk_size=20000))
    marked: list[int] = []
    child, received = None, []
    for row_id, child_id, received_at in rows:
        if child_id != child:
            marked += [r for r, flag in flags(received).items() if flag]
            child, received = child_id, []
        received.append((row_id, received_at))
    marked += [r for r, flag in flags(received).items() if flag]
    for start in range(0, len(marked), _CHUNK):
        contact_child_model.objects.filter(pk__in=marked[start:start + _CHUNK]).update(recontact=True)
    return len(marked)
