"""Working days for England: weekends, bank holidays and the council's own closure days.

Pure Python, no Django: the Django side builds a calendar with
``calendar_for(closures)``, passing the dates of its ``LocalClosureDay`` rows.

Bank holidays are those of England and Wales as published by the ``holidays``
package (``country_holidays("GB", subdiv="ENG")``): New Year's Day, Good
Friday, Easter Monday, the early May, spring and summer bank holidays,
Christmas Day and Boxing Day, the substitute ("observed") days when one of
those falls at a weekend, and one-off days such as the coronation on
8 May 2023. Scottish and Northern Irish bank holidays are working days here.

The rules, which every function in this module keeps:

* A working day is a Monday to Friday that is neither a bank holiday nor a
  closure day.
* ``add_working_days(d, n)`` for n >= 1 is the n-th working day strictly
  after d, whether or not d is itself a working day. So "within 1 working
  day" of a contact on Friday, Saturday or Sunday is the following Monday
  (or Tuesday if Monday is a bank holiday). For n == 0 it is d itself if d
  is a working day, otherwise the next working day after d: so for a
  non-working d, adding 0 and adding 1 give the same day.
* ``working_days_between(start, end)`` counts the working days in the
  half-open interval (start, end]: start is not counted, end is. When end is
  before start the count is negative: minus the working days in (end, start].
  It is therefore 0 when start == end, and
  ``working_days_between(d, add_working_days(d, n)) == n`` for every n >= 1
  (and for n == 0 too when d is a working day).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import holidays

__all__ = ["WorkingDayCalendar", "calendar_for", "LOCAL_CLOSURE_NAME"]

LOCAL_CLOSURE_NAME = "Local closure"


@cache
def _bank_holidays(year: int) -> dict[dt.date, str]:
    """England and Wales bank holidays in one year, by date (cached: built once per year)."""
    # Building a holidays object is slow (milliseconds); callers check
    # thousands of dates per page, so each year is built once per process.
    return dict(holidays.country_holidays("GB", subdiv="ENG", years=year).items())


@cache
def _weekday_bank_holidays(year: int) -> frozenset[dt.date]:
    """The bank holidays in one year that fall Monday to Friday (cached)."""
    return frozenset(d for d in _bank_holidays(year) if d.weekday() < 5)


def _weekdays_up_to(d: dt.date) -> int:
    """Number of Mondays to Fridays from 1 January of year 1 up to and including d."""
    # date(1, 1, 1) has ordinal 1 and is a Monday, so ordinals 7k+1..7k+5 are
    # the weekdays of each week.
    full_weeks, rest = divmod(d.toordinal(), 7)
    return 5 * full_weeks + min(rest, 5)


def _as_date(value: object) -> dt.date:
    """Return value if it is a plain date; reject datetimes, which never equal a date."""
    # datetime is a subclass of date, but datetime(2025, 12, 25) != date(2025, 12, 25),
    # so a datetime would silently slip past every holiday and closure lookup.
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise TypeError(f"expected a date, not {type(value).__name__}: {value!r}")
    return value


@dataclass(frozen=True)
class WorkingDayCalendar:
    """Immutable working-day calendar: weekends, England bank holidays and extra closure dates."""

    closures: frozenset[dt.date] = frozenset()

    def __post_init__(self) -> None:
        # Accept any iterable of dates, but store (and hash) a frozenset.
        closures = frozenset(_as_date(d) for d in self.closures)
        object.__setattr__(self, "closures", closures)

    def is_working_day(self, d: dt.date) -> bool:
        """True if d is a Monday to Friday that is neither a bank holiday nor a closure day."""
        return self._is_working(_as_date(d))

    def next_working_day(self, d: dt.date) -> dt.date:
        """The first working day strictly after d."""
        return self._step(_as_date(d), 1)

    def add_working_days(self, d: dt.date, n: int) -> dt.date:
        """The n-th working day strictly after d (n >= 1); for n == 0, d or the next working day."""
        d = _as_date(d)
        if n < 0:
            raise ValueError(f"n must be 0 or more, not {n}")
        if n == 0:
            return d if self._is_working(d) else self._step(d, 1)
        return self._step(d, n)

    # The two helpers below skip the argument checks: they run in tight loops
    # (a 45-working-day clock steps over some 63 days, for every row on a page).

    def _is_working(self, d: dt.date) -> bool:
        """is_working_day without the type check."""
        return d.weekday() < 5 and d not in self.closures and d not in _weekday_bank_holidays(d.year)

    def _step(self, d: dt.date, n: int) -> dt.date:
        """The n-th working day strictly after d, for n >= 1."""
        one_day = dt.timedelta(days=1)
        while n:
            d += one_day
            if self._is_working(d):
                n -= 1
        return d

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days in (start, end]; negative (minus those in (end, start]) if end < start."""
        start, end = _as_date(start), _as_date(end)
        if end < start:
            return -self.working_days_between(end, start)
        # Count weekdays arithmetically, then take off the weekday bank holidays
        # and closures in the interval: constant work per year spanned rather
        # than per day, as cases can be years old.
        count = _weekdays_up_to(end) - _weekdays_up_to(start)
        non_working: set[dt.date] = set()
        for year in range(start.year, end.year + 1):
            non_working.update(_weekday_bank_holidays(year))
        non_working.update(c for c in self.closures if c.weekday() < 5)
        return count - sum(1 for d in non_working if start < d <= end)

    def holidays_between(self, a: dt.date, b: dt.date) -> list[tuple[dt.date, str]]:
        """Bank holidays and closure days from a to b inclusive, as sorted (date, name) pairs."""
        a, b = _as_date(a), _as_date(b)
        found: dict[dt.date, str] = {}
        for c in self.closures:
            if a <= c <= b:
                found[c] = LOCAL_CLOSURE_NAME
        # A bank holiday's own name wins over "Local closure" on the same date.
        for year in range(a.year, b.year + 1):
            for d, name in _bank_holidays(year).items():
                if a <= d <= b:
                    found[d] = name
        return sorted(found.items())


def calendar_for(closures: Iterable[dt.date] = frozenset()) -> WorkingDayCalendar:
    """A working-day calendar with the given extra closure dates."""
    return WorkingDayCalendar(frozenset(closures))
