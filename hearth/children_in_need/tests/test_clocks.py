"""The assessment's clock: 45 working days from the referral date, in England's working days, stored at the start."""

from datetime import date, timedelta

from django.utils import timezone

from hearth.children_in_need import services
from hearth.children_in_need.clocks import ASSESSMENT
from hearth.timescales.calendar import calendar_for
from hearth.timescales.models import LocalClosureDay


def test_the_assessment_clock_is_45_working_days():
    assert ASSESSMENT.amount == 45 and ASSESSMENT.due_within == "45 working days"


def test_45_working_days_from_a_december_referral_skip_christmas_boxing_day_and_new_years_day():
    # 1 December 2025: 20 working days left in December (25 and 26 are bank holidays), 21 in January (1st is one).
    assert calendar_for().add_working_days(date(2025, 12, 1), 45) == date(2026, 2, 5)


def test_45_working_days_skip_good_friday_easter_monday_and_the_early_may_bank_holiday():
    assert calendar_for().add_working_days(date(2026, 3, 2), 45) == date(2026, 5, 7)


def test_a_referral_received_on_a_saturday_counts_from_the_next_working_day():
    # Saturday 15 November 2025: day 1 is Monday 17 November.
    assert calendar_for().add_working_days(date(2025, 11, 15), 45) == date(2026, 1, 21)
    assert calendar_for().add_working_days(date(2025, 11, 15), 1) == date(2025, 11, 17)


def test_a_referral_received_on_christmas_day_counts_from_the_next_working_day():
    assert calendar_for().add_working_days(date(2025, 12, 25), 1) == date(2025, 12, 29)
    assert calendar_for().add_working_days(date(2025, 12, 25), 45) == date(2026, 3, 2)


def test_the_due_day_is_stored_when_the_referral_opens_and_a_later_closure_day_does_not_move_it(council, refer):
    referral = refer(council.unallocated)
    stored = referral.assessment_due_on
    LocalClosureDay.objects.create(day=timezone.localdate() + timedelta(days=7), reason="Flood at the civic centre")
    referral.refresh_from_db()
    assert referral.assessment_due_on == stored
    # A referral opened after the closure day was recorded counts it.
    assert services.assessment_due_on(referral.referral_date) == calendar_for(
        {timezone.localdate() + timedelta(days=7)}).add_working_days(referral.referral_date, 45)


def test_the_council_closure_days_count_when_the_clock_starts(council, refer):
    closed = timezone.localdate() + timedelta(days=1)
    while closed.weekday() >= 5:
        closed += timedelta(days=1)
    LocalClosureDay.objects.create(day=closed, reason="Strike")
    referral = refer(council.unallocated)
    with_closure = calendar_for({closed})
    assert referral.assessment_due_on == with_closure.add_working_days(referral.referral_date, 45)
    if calendar_for().is_working_day(closed):  # a bank holiday already counts: only a working day moves the due day
        assert referral.assessment_due_on == calendar_for().add_working_days(referral.referral_date, 46)
