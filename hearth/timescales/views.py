"""The registry of clocks, and the council's non-working days, for everyone to read."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from hearth.timescales import clocks
from hearth.timescales.selectors import council_calendar


def clock_registry(request: HttpRequest) -> HttpResponse:
    """Every timescale Hearth measures, what starts it, and its source."""
    today = timezone.localdate()
    calendar = council_calendar()
    closures = calendar.holidays_between(today, today.replace(year=today.year + 1))
    return render(request, "timescales/clocks.html", {
        "title": "Timescales", "section": "timescales", "clocks": clocks.all_clocks(), "closures": closures,
    })
