"""The contact decision clock: one working day (or one hour at immediate risk) from the chain's first receipt."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from hearth.front_door.clocks import DECISION_IMMEDIATE, DECISION_STANDARD
from hearth.timescales.calendar import calendar_for
from hearth.timescales.clocks import Rag, due_at, read

LONDON = ZoneInfo("Europe/London")
UTC = ZoneInfo("UTC")
CALENDAR = calendar_for()


def london(*args, fold: int = 0) -> datetime:
    return datetime(*args, tzinfo=LONDON, fold=fold)


def due_local(received: datetime, clock=DECISION_STANDARD) -> datetime:
    return due_at(clock, received, CALENDAR).astimezone(LONDON)


@pytest.mark.parametrize(("received", "due_day"), [
    (london(2025, 3, 10, 10, 0), (2025, 3, 11)),   # Monday morning: by the end of Tuesday
    (london(2025, 3, 14, 16, 30), (2025, 3, 17)),  # Friday afternoon: by the end of Monday
    (london(2025, 3, 15, 11, 0), (2025, 3, 17)),   # Saturday: by the end of Monday
    (london(2025, 3, 16, 23, 59), (2025, 3, 17)),  # Sunday night: by the end of Monday
])
def test_a_standard_contact_is_due_by_the_end_of_the_next_working_day_across_weekends(received, due_day):
    due = due_local(received)
    assert (due.year, due.month, due.day) == due_day
    assert (due.hour, due.minute) == (23, 59)


def test_a_contact_on_christmas_eve_is_due_after_christmas_and_boxing_day():
    due = due_local(london(2025, 12, 24, 15, 0))
    assert due.date().isoformat() == "2025-12-29"  # 25th, 26th bank holidays; 27th-28th the weekend


def test_a_contact_before_easter_is_due_after_good_friday_and_easter_monday():
    due = due_local(london(2025, 4, 17, 14, 0))  # Maundy Thursday
    assert due.date().isoformat() == "2025-04-22"  # Good Friday 18th, Easter Monday 21st


def test_a_contact_received_out_of_hours_starts_on_the_day_it_arrived():
    late_evening = due_local(london(2025, 3, 11, 22, 45))   # Tuesday 22:45
    early_morning = due_local(london(2025, 3, 12, 6, 15))   # Wednesday 06:15
    assert late_evening.date().isoformat() == "2025-03-12"
    assert early_morning.date().isoformat() == "2025-03-13"


def test_a_contact_just_after_midnight_in_summer_time_counts_from_the_london_date_not_the_utc_date():
    received = datetime(2025, 7, 7, 23, 30, tzinfo=UTC)  # 00:30 on Tuesday 8 July in London
    assert due_local(received).date().isoformat() == "2025-07-09"


def test_the_standard_clock_ends_at_london_midnight_on_both_sides_of_the_change_to_summer_time():
    # Friday 28 March 2025 (GMT) is due Monday 31 March (BST): the due moment is 23:59 BST.
    due = due_at(DECISION_STANDARD, london(2025, 3, 28, 12, 0), CALENDAR)
    assert due.astimezone(UTC).hour == 22 and due.astimezone(LONDON).hour == 23


def test_an_immediate_contact_is_due_an_hour_of_real_time_later_across_the_change_to_summer_time():
    received = london(2025, 3, 30, 0, 30)  # 00:30 GMT; at 01:00 the clocks go forward to 02:00
    due = due_local(received, DECISION_IMMEDIATE)
    # Python subtracts wall-clock times within one zone, so compare in UTC.
    assert (due.astimezone(UTC) - received.astimezone(UTC)).total_seconds() == 3600
    assert (due.hour, due.minute) == (2, 30)


def test_an_immediate_contact_is_due_an_hour_of_real_time_later_across_the_change_from_summer_time():
    received = london(2025, 10, 26, 1, 30, fold=0)  # 01:30 BST; at 02:00 BST the clocks go back to 01:00
    due = due_at(DECISION_IMMEDIATE, received, CALENDAR)
    assert (due.astimezone(UTC) - received.astimezone(UTC)).total_seconds() == 3600
    assert due.astimezone(LONDON).strftime("%H:%M") == "01:30"  # the second 01:30, GMT


def test_the_clock_reads_overdue_after_the_due_moment_and_late_once_decided_after_it():
    received = london(2025, 3, 14, 16, 30)
    assert read(DECISION_STANDARD, received, london(2025, 3, 17, 9, 0), calendar=CALENDAR).status == Rag.AMBER
    assert read(DECISION_STANDARD, received, london(2025, 3, 18, 9, 0), calendar=CALENDAR).status == Rag.RED
    decided_late = read(DECISION_STANDARD, received, london(2025, 3, 19, 9, 0),
                        completed_at=london(2025, 3, 18, 10, 0), calendar=CALENDAR)
    assert decided_late.met is False
