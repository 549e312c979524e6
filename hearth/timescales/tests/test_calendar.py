"""Tests for the working-day calendar: each test is named for the rule it checks."""

import dataclasses
from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hearth.timescales.calendar import (
    LOCAL_CLOSURE_NAME,
    WorkingDayCalendar,
    calendar_for,
)

CAL = calendar_for()

# The first lookup of a year builds its bank holidays, which can be slow
# enough to trip Hypothesis's per-example deadline.
PROPERTY = settings(deadline=None, max_examples=200)

FIRST, LAST = date(2019, 1, 1), date(2031, 12, 31)
dates = st.dates(min_value=FIRST, max_value=LAST)
amounts = st.integers(min_value=0, max_value=70)


@st.composite
def calendars(draw):
    """A calendar with a random set of closure days, most of them near the dates tested."""
    near = st.builds(
        lambda d, k: d + timedelta(days=k),
        st.sampled_from([date(2023, 12, 20), date(2025, 4, 14), date(2025, 12, 22)]),
        st.integers(min_value=0, max_value=30),
    )
    return calendar_for(draw(st.frozensets(st.one_of(near, dates), max_size=25)))


def brute_force_working_days(cal, start, end):
    """Working days in (start, end], counted one day at a time (the test oracle)."""
    sign = 1
    if end < start:
        start, end, sign = end, start, -1
    count, d = 0, start + timedelta(days=1)
    while d <= end:
        count += cal.is_working_day(d)
        d += timedelta(days=1)
    return sign * count


# --- which days are working days -------------------------------------------


def test_saturday_and_sunday_are_not_working_days():
    assert not CAL.is_working_day(date(2025, 6, 7))  # Saturday
    assert not CAL.is_working_day(date(2025, 6, 8))  # Sunday
    assert CAL.is_working_day(date(2025, 6, 9))  # Monday


def test_good_friday_and_easter_monday_are_not_working_days_2025():
    assert not CAL.is_working_day(date(2025, 4, 18))
    assert not CAL.is_working_day(date(2025, 4, 21))
    assert CAL.is_working_day(date(2025, 4, 17))  # Maundy Thursday
    assert CAL.is_working_day(date(2025, 4, 22))


def test_christmas_day_boxing_day_and_new_years_day_are_not_working_days():
    for d in (date(2025, 12, 25), date(2025, 12, 26), date(2026, 1, 1)):
        assert not CAL.is_working_day(d)
    assert CAL.is_working_day(date(2025, 12, 24))
    assert CAL.is_working_day(date(2025, 12, 29))


def test_early_may_spring_and_summer_bank_holidays_2025_are_not_working_days():
    for d in (date(2025, 5, 5), date(2025, 5, 26), date(2025, 8, 25)):
        assert not CAL.is_working_day(d)


def test_substitute_day_is_not_working_when_boxing_day_falls_on_saturday_2026():
    assert not CAL.is_working_day(date(2026, 12, 28))


def test_substitute_days_for_christmas_and_boxing_day_at_a_weekend_2027():
    # 25 and 26 December 2027 are Saturday and Sunday.
    assert not CAL.is_working_day(date(2027, 12, 27))
    assert not CAL.is_working_day(date(2027, 12, 28))
    assert CAL.is_working_day(date(2027, 12, 29))


def test_substitute_for_christmas_on_sunday_is_the_tuesday_2022():
    assert not CAL.is_working_day(date(2022, 12, 26))  # Boxing Day, Monday
    assert not CAL.is_working_day(date(2022, 12, 27))  # Christmas Day substitute


def test_one_off_bank_holidays_are_not_working_days():
    assert not CAL.is_working_day(date(2022, 6, 3))  # Platinum Jubilee
    assert not CAL.is_working_day(date(2022, 9, 19))  # State funeral
    assert not CAL.is_working_day(date(2023, 5, 8))  # Coronation of Charles III


def test_scottish_and_northern_irish_bank_holidays_are_working_days_in_england():
    assert CAL.is_working_day(date(2025, 1, 2))  # 2 January, Scotland
    assert CAL.is_working_day(date(2025, 3, 17))  # St Patrick's Day, Northern Ireland
    assert CAL.is_working_day(date(2025, 8, 4))  # Summer bank holiday, Scotland
    assert CAL.is_working_day(date(2025, 12, 1))  # St Andrew's Day substitute, Scotland


def test_closure_day_is_not_a_working_day():
    cal = calendar_for({date(2025, 12, 29)})
    assert not cal.is_working_day(date(2025, 12, 29))
    assert CAL.is_working_day(date(2025, 12, 29))


def test_a_datetime_is_refused_where_a_date_is_expected():
    # A datetime never equals a date, so it would slip past every holiday.
    with pytest.raises(TypeError):
        CAL.is_working_day(datetime(2025, 12, 25, 9, 0))
    with pytest.raises(TypeError):
        calendar_for({datetime(2025, 12, 29, 0, 0)})


def test_calendar_is_immutable_and_hashable():
    cal = calendar_for([date(2025, 12, 29)])
    assert isinstance(cal.closures, frozenset)
    with pytest.raises(dataclasses.FrozenInstanceError):
        cal.closures = frozenset()
    assert cal == WorkingDayCalendar(frozenset({date(2025, 12, 29)}))
    assert hash(cal) == hash(calendar_for({date(2025, 12, 29)}))


# --- adding working days ----------------------------------------------------


def test_adding_working_days_skips_christmas_and_boxing_day():
    # Wed 24 Dec 2025: Thu 25 and Fri 26 are bank holidays, then the weekend.
    assert CAL.add_working_days(date(2025, 12, 24), 1) == date(2025, 12, 29)


def test_adding_working_days_skips_good_friday_and_easter_monday_2025():
    assert CAL.add_working_days(date(2025, 4, 17), 1) == date(2025, 4, 22)


def test_adding_working_days_skips_closure_days():
    cal = calendar_for({date(2025, 12, 29), date(2025, 12, 30), date(2025, 12, 31)})
    # 1 January 2026 is a bank holiday, so the next working day is Friday 2 January.
    assert cal.add_working_days(date(2025, 12, 24), 1) == date(2026, 1, 2)


def test_one_working_day_after_a_friday_is_the_monday():
    assert CAL.add_working_days(date(2025, 6, 13), 1) == date(2025, 6, 16)


def test_one_working_day_after_a_weekend_day_is_the_monday():
    # The due day is the N-th working day strictly after the event date, even
    # when the event date is not a working day itself.
    assert CAL.add_working_days(date(2025, 6, 14), 1) == date(2025, 6, 16)
    assert CAL.add_working_days(date(2025, 6, 15), 1) == date(2025, 6, 16)


def test_one_working_day_after_a_bank_holiday_is_the_next_working_day():
    assert CAL.add_working_days(date(2025, 4, 18), 1) == date(2025, 4, 22)  # Good Friday
    assert CAL.add_working_days(date(2025, 4, 21), 1) == date(2025, 4, 22)  # Easter Monday


def test_adding_zero_working_days_to_a_working_day_is_the_same_day():
    assert CAL.add_working_days(date(2025, 6, 11), 0) == date(2025, 6, 11)


def test_adding_zero_working_days_to_a_non_working_day_rolls_forward():
    assert CAL.add_working_days(date(2025, 6, 14), 0) == date(2025, 6, 16)  # Saturday
    assert CAL.add_working_days(date(2025, 12, 25), 0) == date(2025, 12, 29)


def test_adding_a_negative_number_of_working_days_is_refused():
    with pytest.raises(ValueError):
        CAL.add_working_days(date(2025, 6, 11), -1)


def test_forty_five_working_days_across_christmas_and_new_year():
    # A 45-working-day assessment starting Monday 3 November 2025.
    assert CAL.add_working_days(date(2025, 11, 3), 45) == date(2026, 1, 8)


def test_next_working_day_is_strictly_after():
    assert CAL.next_working_day(date(2025, 6, 10)) == date(2025, 6, 11)  # Tue -> Wed
    assert CAL.next_working_day(date(2025, 6, 13)) == date(2025, 6, 16)  # Fri -> Mon
    assert CAL.next_working_day(date(2025, 12, 24)) == date(2025, 12, 29)


# --- counting working days --------------------------------------------------


def test_working_days_between_counts_end_but_not_start():
    assert CAL.working_days_between(date(2025, 6, 9), date(2025, 6, 13)) == 4  # Mon -> Fri
    assert CAL.working_days_between(date(2025, 6, 13), date(2025, 6, 16)) == 1  # Fri -> Mon


def test_working_days_between_the_same_date_is_zero():
    assert CAL.working_days_between(date(2025, 6, 11), date(2025, 6, 11)) == 0


def test_working_days_between_a_weekend_is_zero():
    assert CAL.working_days_between(date(2025, 6, 14), date(2025, 6, 15)) == 0


def test_working_days_between_is_negative_when_end_is_before_start():
    assert CAL.working_days_between(date(2025, 6, 13), date(2025, 6, 9)) == -4


def test_working_days_between_across_christmas_and_new_year():
    # (Fri 20 Dec 2024, Fri 3 Jan 2025]: 23, 24, 27, 30, 31 Dec and 2, 3 Jan.
    assert CAL.working_days_between(date(2024, 12, 20), date(2025, 1, 3)) == 7


def test_working_days_between_excludes_closures_once_even_on_a_bank_holiday():
    cal = calendar_for({date(2025, 12, 25), date(2025, 12, 29)})
    assert cal.working_days_between(date(2025, 12, 24), date(2025, 12, 31)) == 2


# --- listing holidays -------------------------------------------------------


def test_holidays_between_lists_bank_holidays_and_closures_inclusive_and_sorted():
    cal = calendar_for({date(2025, 12, 29), date(2025, 12, 25)})
    got = cal.holidays_between(date(2025, 12, 25), date(2026, 1, 1))
    assert got == [
        (date(2025, 12, 25), "Christmas Day"),  # the bank holiday's name wins
        (date(2025, 12, 26), "Boxing Day"),
        (date(2025, 12, 29), LOCAL_CLOSURE_NAME),
        (date(2026, 1, 1), "New Year's Day"),
    ]


def test_holidays_between_includes_the_coronation_2023():
    got = dict(CAL.holidays_between(date(2023, 5, 1), date(2023, 5, 31)))
    assert set(got) == {date(2023, 5, 1), date(2023, 5, 8), date(2023, 5, 29)}
    assert "Coronation" in got[date(2023, 5, 8)]


def test_holidays_between_is_empty_when_the_range_is_reversed():
    assert CAL.holidays_between(date(2025, 12, 31), date(2025, 12, 1)) == []


# --- properties -------------------------------------------------------------


@PROPERTY
@given(cal=calendars(), d=dates, n=amounts)
def test_adding_working_days_never_lands_on_a_weekend_bank_holiday_or_closure(cal, d, n):
    due = cal.add_working_days(d, n)
    assert due.weekday() < 5
    assert due not in cal.closures
    assert dict(cal.holidays_between(due, due)) == {}
    assert cal.is_working_day(due)


@PROPERTY
@given(cal=calendars(), d=dates, n=st.integers(min_value=1, max_value=70))
def test_adding_working_days_lands_strictly_after_the_start_for_n_of_one_or_more(cal, d, n):
    assert cal.add_working_days(d, n) > d


@PROPERTY
@given(cal=calendars(), d=dates, n=amounts, k=amounts)
def test_adding_working_days_is_monotonic_in_n(cal, d, n, k):
    assert cal.add_working_days(d, n) <= cal.add_working_days(d, n + k)
    if n >= 1 and k >= 1:
        assert cal.add_working_days(d, n) < cal.add_working_days(d, n + k)


@PROPERTY
@given(cal=calendars(), d=dates, gap=st.integers(min_value=0, max_value=40), n=amounts)
def test_adding_working_days_is_monotonic_in_the_start_date(cal, d, gap, n):
    later = d + timedelta(days=gap)
    assert cal.add_working_days(d, n) <= cal.add_working_days(later, n)


@PROPERTY
@given(cal=calendars(), d=dates, n=amounts)
def test_working_days_between_undoes_adding_working_days_from_a_working_day(cal, d, n):
    start = cal.add_working_days(d, 0)  # a working day
    assert cal.working_days_between(start, cal.add_working_days(start, n)) == n
    if n >= 1:  # from any day, working or not
        assert cal.working_days_between(d, cal.add_working_days(d, n)) == n


@PROPERTY
@given(cal=calendars(), d=dates, n=amounts)
def test_no_working_day_is_skipped_between_consecutive_due_days(cal, d, n):
    a, b = cal.add_working_days(d, n), cal.add_working_days(d, n + 1)
    day = a + timedelta(days=1)
    while day < b:
        assert not cal.is_working_day(day)
        day += timedelta(days=1)


@PROPERTY
@given(cal=calendars(), a=dates, span=st.integers(min_value=-120, max_value=120))
def test_working_days_between_matches_counting_day_by_day(cal, a, span):
    b = a + timedelta(days=span)
    assert cal.working_days_between(a, b) == brute_force_working_days(cal, a, b)


@PROPERTY
@given(cal=calendars(), a=dates, b=dates, c=dates)
def test_working_days_between_is_antisymmetric_and_additive(cal, a, b, c):
    assert cal.working_days_between(a, b) == -cal.working_days_between(b, a)
    assert cal.working_days_between(a, b) + cal.working_days_between(b, c) == (cal.working_days_between(a, c))


@PROPERTY
@given(cal=calendars(), d=dates)
def test_next_working_day_is_adding_one_working_day(cal, d):
    assert cal.next_working_day(d) == cal.add_working_days(d, 1)
