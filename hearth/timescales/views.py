"""The registry of clocks, and the council's non-working days, for everyone to read."""

from datetime import date

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from hearth.timescales import clocks
from hearth.timescales.selectors import council_calendar


def same_day_next_year(day: date) -> date:
    """The same date a year on; from 29 February, 28 February (the next year has no 29th)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def clock_registry(request: HttpRequest) -> HttpResponse:
    """Every timescale Hearth measures, what starts it, and its source."""
    today = timezone.localdate()
    calendar = council_calendar()
    closures = calendar.holidays_between(today, same_day_next_year(today))
    return render(request, "timescales/clocks.html", {
        "title": "Timescales", "section": "timescales", "clocks": clocks.all_clocks(), "closures": closures,
    })
