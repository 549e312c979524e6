"""The child protection timescales: working days over bank holidays, Christmas and weekends; calendar months."""

from datetime import date

import pytest

from hearth.protection import clocks
from hearth.timescales import clocks as registry
from hearth.timescales.calendar import calendar_for

CALENDAR = calendar_for()


def test_every_timescale_is_a_registered_clock():
    codes = {clock.code for clock in registry.all_clocks()}
    assert {"protection.initial_conference", "protection.initial_conference_census", "protection.first_core_group",
            "protection.plan_visit", "protection.first_review", "protection.later_review"} <= codes


def test_icpc_due_15_working_days_after_a_discussion_over_christmas_and_new_year():
    # 25 and 26 December and 1 January are bank holidays.
    assert clocks.icpc_due(date(2025, 12, 15), CALENDAR) == date(2026, 1, 8)


def test_icpc_due_from_a_discussion_on_a_saturday_skips_the_may_bank_holidays():
    # Saturday 3 May 2025; Monday 5 May and Monday 26 May are bank holidays.
    assert clocks.icpc_due(date(2025, 5, 3), CALENDAR) == date(2025, 5, 27)


def test_icpc_due_moves_past_a_council_closure_day():
    with_closure = calendar_for([date(2025, 6, 20)])
    assert clocks.icpc_due(date(2025, 6, 2), CALENDAR) == date(2025, 6, 23)
    assert clocks.icpc_due(date(2025, 6, 2), with_closure) == date(2025, 6, 24)


def test_first_core_group_due_10_working_days_after_the_conference_over_easter():
    # Good Friday 18 April, Easter Monday 21 April and 5 May 2025 are bank holidays.
    assert clocks.core_group_due(date(2025, 4, 17), CALENDAR) == date(2025, 5, 6)


def test_the_next_core_group_is_due_30_working_days_after_a_meeting_over_christmas():
    # Monday 15 December 2025: Christmas Day, Boxing Day and New Year's Day are not working days.
    assert clocks.CORE_GROUP_EVERY_WORKING_DAYS == 30
    assert clocks.next_core_group_due(date(2025, 12, 15), CALENDAR) == date(2026, 1, 29)


def test_core_group_from_a_conference_on_a_sunday_counts_from_the_monday():
    assert clocks.core_group_due(date(2025, 6, 8), CALENDAR) == date(2025, 6, 20)


def test_next_visit_due_10_working_days_after_a_visit_before_christmas():
    assert clocks.visit_due(date(2025, 12, 22), CALENDAR) == date(2026, 1, 8)


def test_next_visit_from_a_visit_on_boxing_day():
    assert clocks.visit_due(date(2025, 12, 26), CALENDAR) == date(2026, 1, 12)


@pytest.mark.parametrize(("start", "due"), [
    (date(2025, 1, 15), date(2025, 4, 15)),
    (date(2025, 5, 31), date(2025, 8, 31)),   # August has a 31st
    (date(2025, 11, 30), date(2026, 2, 28)),  # February has no 30th: its last day
    (date(2023, 11, 30), date(2024, 2, 29)),  # a leap year
    (date(2025, 12, 25), date(2026, 3, 25)),  # Christmas Day: months count calendar days, holidays or not
])
def test_first_review_due_the_same_day_three_months_later_or_the_months_last_day(start, due):
    assert clocks.first_review_due(start) == due


@pytest.mark.parametrize(("start", "due"), [
    (date(2025, 8, 31), date(2026, 2, 28)),
    (date(2025, 3, 31), date(2025, 9, 30)),
    (date(2025, 10, 4), date(2026, 4, 4)),    # a Saturday start: the same day six months on
])
def test_later_reviews_due_at_most_six_months_after_the_last(start, due):
    assert clocks.later_review_due(start) == due
