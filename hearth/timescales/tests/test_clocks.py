"""Tests for clocks: due moments, readings and RAG status; each test is named for its rule."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hearth.timescales import clocks
from hearth.timescales.calendar import calendar_for
from hearth.timescales.clocks import (
    LONDON,
    Clock,
    DuplicateClockError,
    Rag,
    Registry,
    Unit,
    UnknownClockError,
    due_at,
    end_of_day,
    local_date,
    read,
)

CAL = calendar_for()
PROPERTY = settings(deadline=None, max_examples=200)


def make_clock(amount, unit, amber_within=None, code="test.clock"):
    """A clock for tests; not registered anywhere."""
    return Clock(
        code=code,
        name="Test clock",
        starts_at="The test event",
        amount=amount,
        unit=unit,
        reference="Test reference",
        amber_within=amber_within,
    )


ONE_WORKING_DAY = make_clock(1, Unit.WORKING_DAYS)
THREE_WORKING_DAYS = make_clock(3, Unit.WORKING_DAYS)
TWENTY_FOUR_HOURS = make_clock(24, Unit.HOURS)


def london(*args, **kwargs):
    """An aware Europe/London datetime."""
    return datetime(*args, tzinfo=LONDON, **kwargs)


def last_moment_of(y, m, d):
    """23:59:59.999999 on a London date, as an aware London datetime."""
    return datetime.combine(date(y, m, d), time(23, 59, 59, 999999), tzinfo=LONDON)


# --- the clock definition and registry --------------------------------------


def test_amber_within_defaults_to_one_for_day_units_and_zero_for_hours():
    assert make_clock(1, Unit.WORKING_DAYS).amber_within == 1
    assert make_clock(10, Unit.CALENDAR_DAYS).amber_within == 1
    assert make_clock(24, Unit.HOURS).amber_within == 0
    assert make_clock(24, Unit.HOURS, amber_within=4).amber_within == 4


def test_unit_given_as_text_becomes_the_enum():
    assert make_clock(1, "working_days").unit is Unit.WORKING_DAYS


def test_a_negative_amount_is_refused():
    with pytest.raises(ValueError):
        make_clock(-1, Unit.WORKING_DAYS)


def test_registering_the_same_code_twice_is_refused():
    registry = Registry()
    registry.register(make_clock(1, Unit.WORKING_DAYS, code="a.b"))
    with pytest.raises(DuplicateClockError):
        registry.register(make_clock(2, Unit.HOURS, code="a.b"))


def test_registry_gets_by_code_and_lists_in_registration_order():
    registry = Registry()
    first = registry.register(make_clock(1, Unit.WORKING_DAYS, code="z.first"))
    second = registry.register(make_clock(2, Unit.HOURS, code="a.second"))
    assert registry.get("a.second") is second
    assert registry.all_clocks() == (first, second)


def test_getting_an_unknown_code_raises_key_error():
    with pytest.raises(KeyError):
        Registry().get("no.such.clock")
    with pytest.raises(UnknownClockError):
        clocks.get("no.such.clock.anywhere")


def test_module_registry_functions_share_one_registry():
    assert isinstance(clocks.all_clocks(), tuple)
    for clock in clocks.all_clocks():
        assert clocks.get(clock.code) is clock


# --- due moments: day-based clocks -------------------------------------------


def test_day_clock_falls_due_at_the_end_of_the_due_day_in_london():
    due = due_at(ONE_WORKING_DAY, london(2025, 6, 10, 9, 0), CAL)  # Tuesday, BST
    assert due == last_moment_of(2025, 6, 11)
    assert due == datetime(2025, 6, 11, 22, 59, 59, 999999, tzinfo=UTC)
    assert due.utcoffset() == timedelta(0)  # returned in UTC


def test_day_clock_falls_due_at_23_59_59_utc_in_winter():
    due = due_at(ONE_WORKING_DAY, london(2025, 12, 2, 9, 0), CAL)
    assert due == datetime(2025, 12, 3, 23, 59, 59, 999999, tzinfo=UTC)


def test_one_working_day_clock_started_friday_evening_is_due_end_of_monday():
    due = due_at(ONE_WORKING_DAY, london(2025, 6, 13, 19, 30), CAL)
    assert due == last_moment_of(2025, 6, 16)


def test_start_date_is_the_london_date_not_the_utc_date():
    # 23:30 UTC on Thursday 12 June 2025 is 00:30 BST on Friday 13 June.
    started = datetime(2025, 6, 12, 23, 30, tzinfo=UTC)
    assert local_date(started) == date(2025, 6, 13)
    assert due_at(ONE_WORKING_DAY, started, CAL) == last_moment_of(2025, 6, 16)


def test_friday_late_evening_utc_in_winter_is_still_friday_in_london():
    started = datetime(2025, 12, 5, 23, 30, tzinfo=UTC)
    assert due_at(ONE_WORKING_DAY, started, CAL) == last_moment_of(2025, 12, 8)


def test_day_clock_started_on_a_bank_holiday_counts_from_that_date():
    # Good Friday and Easter Monday 2025: both give Tuesday 22 April.
    assert due_at(ONE_WORKING_DAY, london(2025, 4, 18, 10, 0), CAL) == last_moment_of(2025, 4, 22)
    assert due_at(ONE_WORKING_DAY, london(2025, 4, 21, 10, 0), CAL) == last_moment_of(2025, 4, 22)


def test_day_clock_skips_local_closure_days():
    cal = calendar_for({date(2025, 6, 16)})
    assert due_at(ONE_WORKING_DAY, london(2025, 6, 13, 19, 30), cal) == last_moment_of(2025, 6, 17)


def test_working_day_clock_started_in_gmt_falls_due_at_end_of_day_in_bst():
    # Friday 28 March 2025 is GMT; clocks go forward on Sunday 30 March.
    due = due_at(ONE_WORKING_DAY, london(2025, 3, 28, 16, 0), CAL)
    assert due == last_moment_of(2025, 3, 31)
    assert due == datetime(2025, 3, 31, 22, 59, 59, 999999, tzinfo=UTC)


def test_working_day_clock_started_in_bst_falls_due_at_end_of_day_in_gmt():
    # Friday 24 October 2025 is BST; clocks go back on Sunday 26 October.
    due = due_at(ONE_WORKING_DAY, london(2025, 10, 24, 16, 0), CAL)
    assert due == last_moment_of(2025, 10, 27)
    assert due == datetime(2025, 10, 27, 23, 59, 59, 999999, tzinfo=UTC)


def test_calendar_day_clock_across_the_spring_clock_change():
    two_days = make_clock(2, Unit.CALENDAR_DAYS)
    due = due_at(two_days, london(2025, 3, 29, 12, 0), CAL)
    assert due == datetime(2025, 3, 31, 22, 59, 59, 999999, tzinfo=UTC)


def test_calendar_day_clock_does_not_roll_forward_off_a_weekend_or_holiday():
    one_day = make_clock(1, Unit.CALENDAR_DAYS)
    assert due_at(one_day, london(2025, 12, 24, 12, 0), CAL) == last_moment_of(2025, 12, 25)


def test_both_ambiguous_hours_of_the_autumn_change_start_on_the_same_london_date():
    first = london(2025, 10, 26, 1, 30, fold=0)  # 00:30 UTC, still BST
    second = london(2025, 10, 26, 1, 30, fold=1)  # 01:30 UTC, now GMT
    assert due_at(ONE_WORKING_DAY, first, CAL) == due_at(ONE_WORKING_DAY, second, CAL)
    assert due_at(ONE_WORKING_DAY, first, CAL) == last_moment_of(2025, 10, 27)


# --- due moments: hour-based clocks -------------------------------------------


def test_hour_clock_across_spring_change_is_24_real_hours_25_on_the_wall():
    started = london(2025, 3, 29, 12, 0)  # GMT
    due = due_at(TWENTY_FOUR_HOURS, started, CAL)
    assert due == datetime(2025, 3, 30, 12, 0, tzinfo=UTC)
    assert due.astimezone(LONDON).replace(tzinfo=None) == datetime(2025, 3, 30, 13, 0)


def test_hour_clock_across_autumn_change_is_24_real_hours_23_on_the_wall():
    started = london(2025, 10, 25, 12, 0)  # BST, 11:00 UTC
    due = due_at(TWENTY_FOUR_HOURS, started, CAL)
    assert due == datetime(2025, 10, 26, 11, 0, tzinfo=UTC)
    assert due.astimezone(LONDON).replace(tzinfo=None) == datetime(2025, 10, 26, 11, 0)
    # Python's own aware + timedelta would give the wall-clock 12:00, an hour late.
    assert started + timedelta(hours=24) != due


def test_hour_clock_from_the_repeated_autumn_hour_uses_the_real_moment():
    three_hours = make_clock(3, Unit.HOURS)
    first = due_at(three_hours, london(2025, 10, 26, 1, 30, fold=0), CAL)
    second = due_at(three_hours, london(2025, 10, 26, 1, 30, fold=1), CAL)
    assert second - first == timedelta(hours=1)


def test_hour_clock_started_friday_evening_ignores_weekends():
    due = due_at(TWENTY_FOUR_HOURS, london(2025, 6, 13, 19, 30), CAL)
    assert due == london(2025, 6, 14, 19, 30)


def test_naive_datetimes_are_refused():
    with pytest.raises(ValueError):
        due_at(ONE_WORKING_DAY, datetime(2025, 6, 13, 19, 30), CAL)
    with pytest.raises(ValueError):
        read(ONE_WORKING_DAY, london(2025, 6, 13, 9), datetime(2025, 6, 13, 10), calendar=CAL)
    with pytest.raises(ValueError):
        read(
            ONE_WORKING_DAY,
            london(2025, 6, 13, 9),
            london(2025, 6, 13, 12),
            datetime(2025, 6, 13, 10),
            calendar=CAL,
        )


def test_end_of_day_is_the_last_microsecond_of_the_london_date():
    assert end_of_day(date(2025, 7, 1)) == datetime(2025, 7, 1, 22, 59, 59, 999999, tzinfo=UTC)
    assert end_of_day(date(2025, 1, 1)) == datetime(2025, 1, 1, 23, 59, 59, 999999, tzinfo=UTC)


# --- readings: completion -------------------------------------------------------


def test_completion_after_the_due_moment_is_not_met_and_red():
    started = london(2025, 6, 13, 19, 30)  # due end of Monday 16 June
    completed = london(2025, 6, 17, 9, 0)
    r = read(ONE_WORKING_DAY, started, london(2025, 6, 20, 12), completed, calendar=CAL)
    assert r.is_complete
    assert r.met is False
    assert r.status is Rag.RED
    assert r.completed_at == completed
    assert r.time_remaining < timedelta(0)


def test_completion_at_the_last_microsecond_of_the_due_day_is_met():
    started = london(2025, 6, 13, 19, 30)
    r = read(ONE_WORKING_DAY, started, london(2025, 6, 20), last_moment_of(2025, 6, 16), calendar=CAL)
    assert r.met is True
    assert r.status is Rag.GREEN


def test_completion_one_microsecond_after_the_due_moment_is_not_met():
    started = london(2025, 6, 13, 19, 30)
    late = last_moment_of(2025, 6, 16) + timedelta(microseconds=1)
    r = read(ONE_WORKING_DAY, started, london(2025, 6, 20), late, calendar=CAL)
    assert r.met is False


def test_hour_clock_completion_after_due_is_not_met():
    started = london(2025, 10, 25, 12, 0)
    completed = london(2025, 10, 26, 11, 30)  # 24.5 real hours later
    r = read(TWENTY_FOUR_HOURS, started, completed, completed, calendar=CAL)
    assert r.met is False
    assert r.status is Rag.RED


def test_open_clock_has_no_completion_and_met_is_none():
    r = read(ONE_WORKING_DAY, london(2025, 6, 13, 9), london(2025, 6, 13, 10), calendar=CAL)
    assert not r.is_complete
    assert r.met is None
    assert r.completed_at is None


def test_a_completion_after_now_has_not_happened_yet_in_the_reading():
    started = london(2025, 6, 2, 9)
    r = read(THREE_WORKING_DAYS, started, london(2025, 6, 9, 9), london(2025, 6, 10, 9), calendar=CAL)
    assert not r.is_complete
    assert r.status is Rag.RED
    assert r.is_overdue


def test_working_day_counts_stop_at_completion():
    started = london(2025, 6, 2, 9)  # Monday; due Thursday 5 June
    r = read(THREE_WORKING_DAYS, started, london(2025, 6, 30), london(2025, 6, 4, 15), calendar=CAL)
    assert r.working_days_elapsed == 2
    assert r.working_days_remaining == 1


def test_working_day_counts_are_none_for_other_units():
    r = read(TWENTY_FOUR_HOURS, london(2025, 6, 2, 9), london(2025, 6, 2, 10), calendar=CAL)
    assert r.working_days_elapsed is None
    assert r.working_days_remaining is None


# --- readings: RAG at the boundaries ----------------------------------------------


@pytest.mark.parametrize(
    ("now", "status", "elapsed", "remaining"),
    [
        (london(2025, 6, 2, 17, 0), Rag.GREEN, 0, 3),  # Monday, the start day
        (london(2025, 6, 3, 0, 0), Rag.GREEN, 1, 2),  # Tuesday
        (london(2025, 6, 3, 23, 59, 59, 999999), Rag.GREEN, 1, 2),
        (london(2025, 6, 4, 0, 0), Rag.AMBER, 2, 1),  # Wednesday: due tomorrow
        (london(2025, 6, 5, 9, 0), Rag.AMBER, 3, 0),  # Thursday: due today
        (last_moment_of(2025, 6, 5), Rag.AMBER, 3, 0),  # the due moment itself
        (london(2025, 6, 6, 0, 0), Rag.RED, 4, -1),  # Friday: overdue
    ],
)
def test_working_day_clock_rag_turns_amber_the_working_day_before_and_red_after(now, status, elapsed, remaining):
    r = read(THREE_WORKING_DAYS, london(2025, 6, 2, 9, 0), now, calendar=CAL)
    assert r.due_at == last_moment_of(2025, 6, 5)
    assert r.status is status
    assert r.working_days_elapsed == elapsed
    assert r.working_days_remaining == remaining
    assert r.is_overdue == (status is Rag.RED)


def test_working_day_clock_due_monday_is_amber_over_the_weekend():
    two_days = make_clock(2, Unit.WORKING_DAYS)
    started = london(2025, 6, 12, 10, 0)  # Thursday: due Monday 16 June
    assert read(two_days, started, london(2025, 6, 12, 11), calendar=CAL).status is Rag.GREEN
    assert read(two_days, started, london(2025, 6, 13, 11), calendar=CAL).status is Rag.AMBER
    assert read(two_days, started, london(2025, 6, 14, 11), calendar=CAL).status is Rag.AMBER


def test_working_day_clock_amber_counts_working_days_not_calendar_days():
    # Due Tuesday 22 April 2025; on Thursday 17 April the Easter weekend lies between.
    two_days = make_clock(2, Unit.WORKING_DAYS)
    started = london(2025, 4, 16, 10, 0)
    assert read(two_days, started, london(2025, 4, 17, 10), calendar=CAL).status is Rag.AMBER
    assert read(two_days, started, london(2025, 4, 16, 11), calendar=CAL).status is Rag.GREEN


def test_calendar_day_clock_rag_at_boundaries():
    week = make_clock(7, Unit.CALENDAR_DAYS)
    started = london(2025, 6, 2, 9, 0)  # due end of Monday 9 June
    assert read(week, started, london(2025, 6, 7, 23), calendar=CAL).status is Rag.GREEN
    assert read(week, started, london(2025, 6, 8, 0), calendar=CAL).status is Rag.AMBER
    assert read(week, started, last_moment_of(2025, 6, 9), calendar=CAL).status is Rag.AMBER
    assert read(week, started, london(2025, 6, 10, 0), calendar=CAL).status is Rag.RED


def test_hour_clock_rag_at_boundaries():
    four_hours = make_clock(4, Unit.HOURS, amber_within=1)
    started = datetime(2025, 6, 2, 9, 0, tzinfo=UTC)
    at = lambda *hms: datetime(2025, 6, 2, *hms, tzinfo=UTC)  # noqa: E731
    assert read(four_hours, started, at(11, 59, 59, 999999), calendar=CAL).status is Rag.GREEN
    assert read(four_hours, started, at(12, 0), calendar=CAL).status is Rag.AMBER
    assert read(four_hours, started, at(13, 0), calendar=CAL).status is Rag.AMBER
    assert read(four_hours, started, at(13, 0, 0, 1), calendar=CAL).status is Rag.RED


def test_hour_clock_with_default_amber_is_green_until_due_then_red():
    started = datetime(2025, 6, 2, 9, 0, tzinfo=UTC)
    due = started + timedelta(hours=24)
    before = read(TWENTY_FOUR_HOURS, started, due - timedelta(microseconds=1), calendar=CAL)
    after = read(TWENTY_FOUR_HOURS, started, due + timedelta(microseconds=1), calendar=CAL)
    assert before.status is Rag.GREEN
    assert after.status is Rag.RED


# --- properties -----------------------------------------------------------------

moments = st.datetimes(
    min_value=datetime(2019, 1, 1),
    max_value=datetime(2031, 12, 31),
    timezones=st.sampled_from([LONDON, UTC]),
)
day_clocks = st.builds(
    make_clock,
    amount=st.integers(min_value=0, max_value=60),
    unit=st.sampled_from([Unit.WORKING_DAYS, Unit.CALENDAR_DAYS]),
)
any_clocks = st.one_of(day_clocks, st.builds(make_clock, st.integers(min_value=0, max_value=72), st.just(Unit.HOURS)))
RANK = {Rag.GREEN: 0, Rag.AMBER: 1, Rag.RED: 2}


@PROPERTY
@given(hours=st.integers(min_value=0, max_value=500), started=moments)
def test_hour_clock_is_due_exactly_that_many_real_hours_after_the_start(hours, started):
    clock = make_clock(hours, Unit.HOURS)
    assert due_at(clock, started, CAL) - started == timedelta(hours=hours)


@PROPERTY
@given(clock=day_clocks, started=moments)
def test_day_clock_is_due_at_the_end_of_a_london_day_on_or_after_the_start(clock, started):
    due = due_at(clock, started, CAL)
    local = due.astimezone(LONDON)
    assert local.time() == time(23, 59, 59, 999999)
    assert local.date() >= local_date(started)
    if clock.unit is Unit.WORKING_DAYS:
        assert CAL.is_working_day(local.date())
        if clock.amount >= 1:
            assert CAL.working_days_between(local_date(started), local.date()) == clock.amount


@PROPERTY
@given(clock=any_clocks, started=moments, a=moments, b=moments)
def test_reading_later_never_moves_the_due_moment_and_never_improves_the_status(clock, started, a, b):
    earlier, later = sorted([a, b])
    r1 = read(clock, started, earlier, calendar=CAL)
    r2 = read(clock, started, later, calendar=CAL)
    assert r1.due_at == r2.due_at == due_at(clock, started, CAL)
    assert RANK[r1.status] <= RANK[r2.status]


@PROPERTY
@given(clock=any_clocks, started=moments, completed=moments)
def test_met_exactly_when_completed_by_the_due_moment(clock, started, completed):
    now = max(started, completed)
    r = read(clock, started, now, completed, calendar=CAL)
    assert r.is_complete
    assert r.met == (completed <= r.due_at)
    assert r.status is (Rag.GREEN if r.met else Rag.RED)
