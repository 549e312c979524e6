"""The timescales page: every clock in words, and the non-working days of the year ahead."""

from datetime import date

import pytest
from django.test import Client

from hearth.timescales.clocks import Clock, Unit
from hearth.timescales.views import same_day_next_year


@pytest.mark.parametrize(("amount", "unit", "words"), [
    (1, Unit.WORKING_DAYS, "1 working day"), (15, Unit.WORKING_DAYS, "15 working days"),
    (1, Unit.HOURS, "1 hour"), (24, Unit.HOURS, "24 hours"), (1, Unit.CALENDAR_DAYS, "1 calendar day"),
    (0, Unit.WORKING_DAYS, "0 working days"),
])
def test_a_timescale_is_said_in_the_singular_for_one_and_the_plural_otherwise(amount, unit, words):
    assert Clock(code="x", name="X", starts_at="Y", amount=amount, unit=unit, reference="Z").due_within == words


def test_the_year_ahead_from_29_february_ends_on_28_february():
    assert same_day_next_year(date(2028, 2, 29)) == date(2029, 2, 28)
    assert same_day_next_year(date(2028, 3, 1)) == date(2029, 3, 1)


@pytest.mark.parametrize("today", [date(2028, 2, 29), date(2027, 12, 31)])
def test_the_timescales_page_opens_on_any_day_of_the_year(council, monkeypatch, today):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: today)
    client = Client()
    client.force_login(council.worker)
    page = client.get("/timescales/").content.decode()
    assert "Non-working days in the next year" in page
    assert "1 working days" not in page and "1 hours" not in page
