"""A clock read with the due moment recorded at its start keeps that moment, whatever the calendar says now."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from hearth.front_door.clocks import DECISION_STANDARD
from hearth.timescales.calendar import calendar_for
from hearth.timescales.clocks import Rag, due_at, read

LONDON = ZoneInfo("Europe/London")


def test_a_clock_read_with_its_stored_due_moment_ignores_a_closure_day_added_since():
    started = datetime(2025, 3, 14, 19, 30, tzinfo=LONDON)  # a Friday
    stored = due_at(DECISION_STANDARD, started, calendar_for())  # the end of Monday 17 March
    closed_monday = calendar_for({date(2025, 3, 17)})
    now = datetime(2025, 3, 18, 9, 0, tzinfo=LONDON)
    live = read(DECISION_STANDARD, started, now, calendar=closed_monday)
    kept = read(DECISION_STANDARD, started, now, calendar=closed_monday, due=stored)
    assert live.due_at > stored and live.status == Rag.AMBER
    assert kept.due_at == stored and kept.status == Rag.RED and kept.is_overdue
