"""Clocks: the statutory and local timescales that run from recorded events.

The principle: a clock is computed from the recorded event that starts it
(its ``started_at``), so nothing can reset it; pausing does not stop it.
There is no stored clock state to edit. The due moment is a pure function of
the start, the clock's rule and the working-day calendar, and reading the
clock later, or after any other change to the case, never moves it. Only
the recorded completion (``completed_at``) settles it.

Time rules:

* All datetimes are timezone-aware; naive ones are refused.
* Day-based clocks (working or calendar days) start on the Europe/London
  date of the start moment, whatever its UTC date, and fall due at the END of
  the due day in Europe/London (23:59:59.999999 local), returned in UTC. So
  a contact at 00:30 BST on a Saturday (23:30 UTC on Friday) starts on
  Saturday. Working days follow ``WorkingDayCalendar.add_working_days``: the
  due day for N working days is the N-th working day strictly after the start
  date. Calendar days are simply the start date plus N, with no roll forward.
* Hour-based clocks fall due exactly N hours of real elapsed time after the
  start, so a 24-hour clock across a clock change spans 23 or 25 hours on the
  wall clock.

RAG status:

* GREEN: on track (or completed on time).
* AMBER: not overdue and no more than ``amber_within`` remains, in the
  clock's unit. For working days that is working days left after today
  (0 means due today, 1 due the next working day); for calendar days, days
  left after today; for hours, time left until the due moment.
* RED: overdue (now is after the due moment), or completed late.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from .calendar import WorkingDayCalendar

__all__ = [
    "LONDON",
    "Unit",
    "Rag",
    "Clock",
    "ClockReading",
    "Registry",
    "DuplicateClockError",
    "UnknownClockError",
    "register",
    "get",
    "all_clocks",
    "local_date",
    "end_of_day",
    "due_at",
    "read",
]

LONDON = ZoneInfo("Europe/London")
UTC = dt.UTC
_END_OF_DAY = dt.time(23, 59, 59, 999999)


class Unit(enum.StrEnum):
    """The unit a clock's amount is counted in."""

    WORKING_DAYS = "working_days"
    CALENDAR_DAYS = "calendar_days"
    HOURS = "hours"


class Rag(enum.StrEnum):
    """Red, amber, green status of a clock reading."""

    GREEN = "green"
    AMBER = "amber"
    RED = "red"


_UNIT_WORDS = {
    Unit.WORKING_DAYS: ("working day", "working days"),
    Unit.CALENDAR_DAYS: ("calendar day", "calendar days"),
    Unit.HOURS: ("hour", "hours"),
}


@dataclass(frozen=True)
class Clock:
    """A timescale: how long after a starting event something must be done, and why."""

    code: str
    name: str
    starts_at: str
    amount: int
    unit: Unit
    reference: str
    # None means the default: 1 for day units ("due today or the next day"), 0 for hours.
    amber_within: int | None = field(default=None)

    def __post_init__(self) -> None:
        if not self.code:
            raise ValueError("a clock needs a code")
        object.__setattr__(self, "unit", Unit(self.unit))
        if self.amount < 0:
            raise ValueError(f"{self.code}: amount must be 0 or more, not {self.amount}")
        if self.amber_within is None:
            default = 0 if self.unit is Unit.HOURS else 1
            object.__setattr__(self, "amber_within", default)
        elif self.amber_within < 0:
            raise ValueError(f"{self.code}: amber_within must be 0 or more")

    @property
    def due_within(self) -> str:
        """The timescale as a person says it: "1 working day", "15 working days", "1 hour"."""
        one, many = _UNIT_WORDS[self.unit]
        return f"{self.amount} {one if self.amount == 1 else many}"


class DuplicateClockError(ValueError):
    """A clock with this code is already registered."""


class UnknownClockError(KeyError):
    """No clock is registered with this code."""


class Registry:
    """A set of clocks by code, kept in registration order."""

    def __init__(self) -> None:
        self._clocks: dict[str, Clock] = {}

    def register(self, clock: Clock) -> Clock:
        """Add a clock; raise DuplicateClockError if its code is taken. Returns the clock."""
        if clock.code in self._clocks:
            raise DuplicateClockError(f"clock {clock.code!r} is already registered")
        self._clocks[clock.code] = clock
        return clock

    def get(self, code: str) -> Clock:
        """The clock with this code; raise UnknownClockError if there is none."""
        try:
            return self._clocks[code]
        except KeyError:
            raise UnknownClockError(code) from None

    def all_clocks(self) -> tuple[Clock, ...]:
        """Every registered clock, in registration order."""
        return tuple(self._clocks.values())


# The project's clocks are registered here (at import time of the module that
# defines them); tests that need their own clocks use a Registry of their own.
_registry = Registry()


def register(clock: Clock) -> Clock:
    """Add a clock to the project registry; raise DuplicateClockError on a duplicate code."""
    return _registry.register(clock)


def get(code: str) -> Clock:
    """The registered clock with this code; raise UnknownClockError if none."""
    return _registry.get(code)


def all_clocks() -> tuple[Clock, ...]:
    """Every clock in the project registry, in registration order."""
    return _registry.all_clocks()


def _require_aware(name: str, value: dt.datetime) -> None:
    """Refuse naive datetimes: their moment in time is unknown."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must be a timezone-aware datetime, not {value!r}")


def local_date(moment: dt.datetime) -> dt.date:
    """The Europe/London calendar date of an aware datetime."""
    _require_aware("moment", moment)
    return moment.astimezone(LONDON).date()


def end_of_day(d: dt.date) -> dt.datetime:
    """The last microsecond of date d in Europe/London, as a UTC datetime."""
    # 23:59:59.999999 exists exactly once on every London day (the clocks
    # change at 01:00 UTC), so this is never ambiguous or missing.
    return dt.datetime.combine(d, _END_OF_DAY, tzinfo=LONDON).astimezone(UTC)


def _due_date(clock: Clock, started_at: dt.datetime, calendar: WorkingDayCalendar) -> dt.date:
    """The London date on which a day-based clock falls due."""
    start = local_date(started_at)
    if clock.unit is Unit.WORKING_DAYS:
        return calendar.add_working_days(start, clock.amount)
    return start + dt.timedelta(days=clock.amount)


def due_at(clock: Clock, started_at: dt.datetime, calendar: WorkingDayCalendar) -> dt.datetime:
    """The moment (UTC) the clock falls due, from the moment its starting event happened."""
    _require_aware("started_at", started_at)
    if clock.unit is Unit.HOURS:
        # Convert to UTC first: adding a timedelta to a Europe/London datetime
        # does wall-clock arithmetic, which is an hour out across a clock change.
        return started_at.astimezone(UTC) + dt.timedelta(hours=clock.amount)
    return end_of_day(_due_date(clock, started_at, calendar))


@dataclass(frozen=True)
class ClockReading:
    """A clock as it stood at one moment: when due, whether done, and its RAG status."""

    clock: Clock
    started_at: dt.datetime
    now: dt.datetime
    due_at: dt.datetime
    completed_at: dt.datetime | None
    is_complete: bool
    # True if completed by the due moment, False if completed late, None while open.
    met: bool | None
    status: Rag
    # Time from now (or from completion, once complete) to the due moment;
    # negative once past it.
    time_remaining: dt.timedelta
    # Working-day counts, only for working-day clocks (None otherwise):
    # elapsed is working days in (start date, as-of date], remaining is
    # working days in (as-of date, due date], negative once overdue. The
    # as-of date is today's London date, or the completion date once complete.
    working_days_elapsed: int | None = None
    working_days_remaining: int | None = None

    @property
    def is_overdue(self) -> bool:
        """True if still open and past its due moment."""
        return not self.is_complete and self.now > self.due_at


def _is_amber(clock: Clock, now: dt.datetime, due: dt.datetime, calendar: WorkingDayCalendar) -> bool:
    """True if no more than clock.amber_within remains before due (now not yet past due)."""
    if clock.unit is Unit.HOURS:
        return due - now <= dt.timedelta(hours=clock.amber_within)
    today, due_day = local_date(now), local_date(due)
    if clock.unit is Unit.WORKING_DAYS:
        return calendar.working_days_between(today, due_day) <= clock.amber_within
    return (due_day - today).days <= clock.amber_within


def read(
    clock: Clock,
    started_at: dt.datetime,
    now: dt.datetime,
    completed_at: dt.datetime | None = None,
    *,
    calendar: WorkingDayCalendar,
    due: dt.datetime | None = None,
) -> ClockReading:
    """Read a clock as it stood at `now`, from its start and (if any) its completion.

    `due` is the due moment recorded when the clock started, where one is kept: a clock is due as at its start
    (docs/adr/0008), so a closure day added later does not move it. Without it, the due moment is worked out now.
    """
    _require_aware("started_at", started_at)
    _require_aware("now", now)
    if completed_at is not None:
        _require_aware("completed_at", completed_at)
    if due is not None:
        _require_aware("due", due)
    else:
        due = due_at(clock, started_at, calendar)
    # The reading is "as at now": a completion recorded after now had not yet
    # happened, which keeps historic (month-end) readings truthful.
    is_complete = completed_at is not None and completed_at <= now
    as_of = completed_at if is_complete else now

    if is_complete:
        met = completed_at <= due
        status = Rag.GREEN if met else Rag.RED
    else:
        met = None
        if now > due:
            status = Rag.RED
        elif _is_amber(clock, now, due, calendar):
            status = Rag.AMBER
        else:
            status = Rag.GREEN

    elapsed = remaining = None
    if clock.unit is Unit.WORKING_DAYS:
        as_of_day = local_date(as_of)
        elapsed = calendar.working_days_between(local_date(started_at), as_of_day)
        remaining = calendar.working_days_between(as_of_day, local_date(due))

    return ClockReading(
        clock=clock,
        started_at=started_at,
        now=now,
        due_at=due,
        completed_at=completed_at if is_complete else None,
        is_complete=is_complete,
        met=met,
        status=status,
        time_remaining=due - as_of,
        working_days_elapsed=elapsed,
        working_days_remaining=remaining,
    )
