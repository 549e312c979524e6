"""Writes to the council's calendar: local closure days, added and removed by an administrator.

Every process sees a change at its next read of the calendar (`council_calendar` is cached by the closure days'
version), so nothing here clears a cache.
"""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction

from hearth.accounts import policy
from hearth.accounts.audit import audit_record, save_with_history
from hearth.accounts.models import User
from hearth.timescales.models import LocalClosureDay


def _require_administrator(user: User) -> None:
    if not policy.is_administrator(user):
        raise PermissionDenied("Only an administrator can change the council's closure days.")


@transaction.atomic
def local_closure_day_add(*, acting_user: User, day: date, reason: str) -> LocalClosureDay:
    """Add a day on which the council is closed: every clock counts it as a non-working day."""
    _require_administrator(acting_user)
    closure = LocalClosureDay(day=day, reason=reason.strip(), recorded_by=acting_user)
    save_with_history(closure, acting_user=acting_user)
    audit_record(actor=acting_user, verb="closure_day.add", summary=f"Added the closure day {closure}",
                 detail={"day": day.isoformat(), "reason": closure.reason})
    return closure


@transaction.atomic
def local_closure_day_remove(*, acting_user: User, closure: LocalClosureDay) -> None:
    """Remove a closure day; its history keeps that it was recorded, and who removed it."""
    _require_administrator(acting_user)
    closure = LocalClosureDay.objects.select_for_update().get(pk=closure.pk)
    closure._history_user = acting_user
    closure.delete()
    audit_record(actor=acting_user, verb="closure_day.remove", summary=f"Removed the closure day {closure}",
                 detail={"day": closure.day.isoformat(), "reason": closure.reason})
