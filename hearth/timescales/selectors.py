"""The council's working-day calendar: bank holidays plus the local closure days on record."""

from functools import lru_cache

from django.db.models.signals import post_delete, post_save

from hearth.timescales.calendar import WorkingDayCalendar, calendar_for
from hearth.timescales.models import LocalClosureDay


@lru_cache(maxsize=1)
def council_calendar() -> WorkingDayCalendar:
    """The calendar every clock is measured with, read once and refreshed when closures change."""
    return calendar_for(frozenset(LocalClosureDay.objects.values_list("day", flat=True)))


def _forget_calendar(**kwargs) -> None:
    council_calendar.cache_clear()


post_save.connect(_forget_calendar, sender=LocalClosureDay, dispatch_uid="timescales.closures.saved")
post_delete.connect(_forget_calendar, sender=LocalClosureDay, dispatch_uid="timescales.closures.deleted")
