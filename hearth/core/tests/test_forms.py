"""The one date-time field for when something happened: times that did not happen, times that happened twice."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from django import forms

from hearth.core.forms import GovukDateTimeField

LONDON = ZoneInfo("Europe/London")


class WhenForm(forms.Form):
    happened_at = GovukDateTimeField(label="When did it happen?")
    note = forms.CharField(required=False)


def typed(day, month, year, at, clock=None, note="Seen at the hospital"):
    data = {"happened_at-day": day, "happened_at-month": month, "happened_at-year": year, "happened_at-time": at,
            "note": note}
    if clock is not None:
        data["happened_at-clock"] = clock
    return WhenForm(data)


def _render(form) -> str:
    from django.template import engines

    template = engines["jinja2"].from_string(
        '{% from "forms.html" import datetime_input %}{{ datetime_input(form.happened_at) }}')
    return template.render({"form": form})


def test_a_time_in_the_hour_the_clocks_skip_is_refused_with_the_reason():
    form = typed("30", "3", "2025", "01:30")
    assert not form.is_valid()
    assert form.errors["happened_at"] == [
        "01:30 on 30 March 2025 did not happen: clocks went forward from 01:00 to 02:00"]


@pytest.mark.parametrize(("at", "expected"), [
    ("00:59", datetime(2025, 3, 30, 0, 59, tzinfo=UTC)),  # the last minute of Greenwich Mean Time
    ("02:00", datetime(2025, 3, 30, 1, 0, tzinfo=UTC)),   # the first minute of British Summer Time
])
def test_the_times_either_side_of_the_skipped_hour_are_taken_as_typed(at, expected):
    form = typed("30", "3", "2025", at)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["happened_at"] == expected


def test_a_time_in_the_hour_the_clocks_repeat_is_asked_about_and_kept_with_what_was_typed():
    form = typed("26", "10", "2025", "1:30am")
    assert not form.is_valid()
    assert form.errors["happened_at"] == [
        "01:30 on 26 October 2025 happened twice: clocks went back from 02:00 to 01:00. "
        "Select whether it was British Summer Time or Greenwich Mean Time"]
    page = _render(form)
    assert 'name="happened_at-clock" type="radio" value="BST"' in page
    assert 'name="happened_at-clock" type="radio" value="GMT"' in page
    assert "British Summer Time (BST): the first 01:30" in page
    assert 'name="happened_at-time" type="text" value="1:30am"' in page
    assert 'name="happened_at-day" type="text" value="26"' in page.replace(' inputmode="numeric"', "")


@pytest.mark.parametrize(("clock", "expected"), [
    ("BST", datetime(2025, 10, 26, 0, 30, tzinfo=UTC)),
    ("GMT", datetime(2025, 10, 26, 1, 30, tzinfo=UTC)),
])
def test_the_answer_to_which_repeated_time_names_one_moment(clock, expected):
    form = typed("26", "10", "2025", "01:30", clock=clock)
    assert form.is_valid(), form.errors
    moment = form.cleaned_data["happened_at"]
    assert moment == expected and moment.astimezone(LONDON).tzname() == clock


def test_the_question_is_asked_only_on_the_night_the_clocks_go_back():
    assert "happened_at-clock" not in _render(typed("14", "3", "2025", "19:30"))
    assert "happened_at-clock" not in _render(typed("30", "3", "2025", "01:30"))
    assert "happened_at-clock" not in _render(WhenForm())
    assert "happened_at-clock" in _render(typed("26", "10", "2025", "01:30"))


def test_a_chosen_answer_is_shown_again_when_the_page_has_another_error():
    form = typed("26", "10", "2025", "01:30", clock="GMT", note="x" * 5)
    form.is_valid()
    form.add_error("note", "Something else is wrong")
    page = _render(form)
    assert 'type="radio" value="GMT" checked' in page


def test_everything_typed_is_kept_when_the_date_is_wrong():
    form = typed("31", "2", "2025", "14:30")
    assert not form.is_valid()
    assert form.errors["happened_at"] == ["The date must be a real date"]
    page = _render(form).replace(' inputmode="numeric"', "")
    for name, value in (("day", "31"), ("month", "2"), ("year", "2025"), ("time", "14:30")):
        assert f'name="happened_at-{name}" type="text" value="{value}"' in page
    assert 'class="govuk-form-group govuk-form-group--error"' in page


def test_a_missing_time_and_a_future_time_are_refused():
    assert typed("14", "3", "2025", "").errors["happened_at"] == ["Enter the time, for example 14:30"]
    assert typed("14", "3", "2099", "10:00").errors["happened_at"] == ["The time cannot be in the future"]
    assert typed("14", "3", "2025", "25:99").errors["happened_at"] == ["Enter a time like 14:30 or 2:30pm"]
