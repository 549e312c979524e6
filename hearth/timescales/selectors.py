"""The council's working-day calendar: bank holidays plus the local closure days on record."""

from datetime import datetime
from functools import lru_cache

from django.db.models import Count, Max

from hearth.timescales.calendar import WorkingDayCalendar, calendar_for
from hearth.timescales.models import LocalClosureDay


def calendar_version() -> tuple[int, datetime | None]:
    """A stamp that changes when any process adds, changes or removes a closure day: one small aggregate query.

    A removal lowers the count; an addition raises it, and an edit (through a save) moves the latest change time.
    """
    stamp = LocalClosureDay.objects.aggregate(days=Count("pk"), changed=Max("changed_at"))
    return stamp["days"], stamp["changed"]


@lru_cache(maxsize=4)
def _calendar_as_of(version: tuple[int, datetime | None]) -> WorkingDayCalendar:
    return calendar_for(frozenset(LocalClosureDay.objects.values_list("day", flat=True)))


def council_calendar() -> WorkingDayCalendar:
    """The calendar every clock is measured with, built once per version of the closure days, in every process."""
    return _calendar_as_of(calendar_version())
