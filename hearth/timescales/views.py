"""The registry of clocks and the council's non-working days, for everyone to read; closure days
for administrators to change."""

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from hearth.accounts import policy
from hearth.core.http import add_service_errors
from hearth.timescales import clocks, services
from hearth.timescales.forms import ClosureDayForm
from hearth.timescales.models import LocalClosureDay
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


def _administrator(request: HttpRequest) -> None:
    if not policy.is_administrator(request.user):
        raise PermissionDenied("Only administrators change the council's closure days.")


def closure_days(request: HttpRequest) -> HttpResponse:
    """The council's own closure days, newest first, for an administrator to add to or remove."""
    _administrator(request)
    days = list(LocalClosureDay.objects.select_related("recorded_by").order_by("-day"))
    return render(request, "timescales/closure_days.html", {
        "title": "Local closure days", "section": "administration", "days": days,
        "back_url": reverse("accounts:administration"),
    })


def closure_day_add(request: HttpRequest) -> HttpResponse:
    _administrator(request)
    form = ClosureDayForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            closure = services.local_closure_day_add(acting_user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{closure.day:%d %B %Y} added as a closure day")
            return redirect("timescales:closure_days")
    return render(request, "accounts/admin_form.html", {
        "title": "Add a closure day", "form": form, "fields": list(form.fields), "button": "Add the closure day",
        "back_url": reverse("timescales:closure_days"), "section": "administration",
        "intro": "Every timescale counts a closure day as a non-working day, from now on.",
    })


def closure_day_remove(request: HttpRequest, closure_id: int) -> HttpResponse:
    _administrator(request)
    closure = get_object_or_404(LocalClosureDay, pk=closure_id)
    if request.method == "POST":
        services.local_closure_day_remove(acting_user=request.user, closure=closure)
        messages.success(request, f"{closure.day:%d %B %Y} is no longer a closure day")
        return redirect("timescales:closure_days")
    return render(request, "timescales/closure_day_remove.html", {
        "title": "Remove a closure day", "closure": closure, "section": "administration",
        "back_url": reverse("timescales:closure_days"),
    })
