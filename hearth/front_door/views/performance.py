"""The leaders' view of the front door: figures for a period, charts, CSV downloads, and the contacts behind each number."""

from datetime import date

from django import forms
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from hearth.accounts import policy
from hearth.accounts.models import AccessAction
from hearth.accounts.policy import log_access
from hearth.core.exports import csv_writer
from hearth.core.forms import Form, GovukDateField
from hearth.front_door import performance, worklist
from hearth.front_door.models import AccommodationWish, ConsentDispensedReason
from hearth.reference.codes import ReferralSource

SECTION = "front_door_performance"


def _require_leader(request: HttpRequest) -> None:
    policy.require(policy.may_see_figures(request.user),
                   "Only senior leaders, performance analysts and the front door's managers can see its performance.")


class PeriodForm(Form):
    weeks = forms.TypedChoiceField(
        label="Period", coerce=int, required=False, empty_value=None, initial=performance.DEFAULT_WEEKS,
        choices=[(n, f"The last {n} complete weeks") for n in performance.WEEK_CHOICES])
    date_from = GovukDateField(label="From", required=False, past_only=True)
    date_to = GovukDateField(label="To", required=False, past_only=True)

    def clean(self):
        data = super().clean()
        first, last = data.get("date_from"), data.get("date_to")
        if self.errors or not (first or last):
            return data
        if first is None:
            self.add_error("date_from", "Enter the first day of the period")
        elif last is None:
            self.add_error("date_to", "Enter the last day of the period")
        elif last < first:
            self.add_error("date_to", "The last day must be the same as or after the first day")
        elif (last - first).days >= performance.MAX_DAYS:
            self.add_error("date_from", "The period must be 2 years or shorter")
        return data

    def period(self, today: date) -> performance.Period:
        if self.is_bound and self.is_valid():
            data = self.cleaned_data
            if data.get("date_from") and data.get("date_to"):
                return performance.Period(data["date_from"], data["date_to"])
            return performance.last_complete_weeks(data.get("weeks") or performance.DEFAULT_WEEKS, today)
        return performance.last_complete_weeks(performance.DEFAULT_WEEKS, today)


def _iso_period(query) -> performance.Period | None:
    """The period a figure's link carries (from and to, as ISO dates); None if it carries none."""
    if "from" not in query and "to" not in query:
        return None
    try:
        period = performance.Period(date.fromisoformat(query.get("from", "")), date.fromisoformat(query.get("to", "")))
    except ValueError:
        raise Http404("No such period") from None
    if period.last < period.first or (period.last - period.first).days >= performance.MAX_DAYS:
        raise Http404("No such period")
    return period


def _list_url(period: performance.Period, view: str):
    base = reverse("front_door:performance_contacts")
    return lambda query: f"{base}?{urlencode({**period.query, **query, 'view': view})}"


def _csv(request: HttpRequest, period: performance.Period) -> HttpResponse:
    name = request.GET.get("table", "")
    if name not in performance.TABLES:
        raise Http404("No such table")
    table = performance.table(name, period, timezone.now())
    log_access(user=request.user, action=AccessAction.EXPORT, what=f"Front door performance: {table.title} (CSV)",
               detail=f"{period.label}", result_count=len(table.rows))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"front-door-{name.replace('_', '-')}-{period.first}-to-{period.last}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv_writer(response)
    writer.writerow(table.head)
    for row in table.rows:
        writer.writerow([cell.csv for cell in row])
    return response


def performance_page(request: HttpRequest) -> HttpResponse:
    """The front door's figures for a period, each with a chart, a table, a CSV download and the contacts behind it."""
    _require_leader(request)
    today = timezone.localdate()
    chosen = any(key == "weeks" or key.startswith("date_") for key in request.GET)
    form = PeriodForm(request.GET) if chosen else None
    period = _iso_period(request.GET) or (form.period(today) if form else performance.last_complete_weeks(
        performance.DEFAULT_WEEKS, today))
    if request.GET.get("format") == "csv":
        return _csv(request, period)
    if form is None or form.is_valid():
        # Show the period in force: its number of weeks if it is one of the choices, and its dates.
        weeks = next((n for n in performance.WEEK_CHOICES if performance.last_complete_weeks(n, today) == period), None)
        form = PeriodForm(initial={"weeks": weeks or performance.DEFAULT_WEEKS, "date_from": period.first,
                                   "date_to": period.last})
    view = request.GET.get("view") or performance.DEFAULT_VIEW
    if view not in performance.VIEWS:
        raise Http404("No such part of the page")
    base = reverse("front_door:performance")
    views = [{"href": f"{base}?{urlencode({**period.query, 'view': key})}", "text": title, "active": key == view}
             for key, (title, _) in performance.VIEWS.items()]
    return render(request, "front_door/performance.html", {
        "title": f"Front door performance: {performance.VIEWS[view][0].lower()}", "section": SECTION, "form": form,
        "period": period, "view": view, "views": views, "view_title": performance.VIEWS[view][0],
        "tables": performance.report(period, timezone.now(), view), "list_url": _list_url(period, view),
        "csv_url": lambda name: "?" + urlencode({**period.query, "format": "csv", "table": name}),
        "weeks": len(period.weeks),
    })


YES = [("", "Any"), ("yes", "Yes")]
YES_NO = YES + [("no", "No")]


class ContactListForm(Form):
    """The filters a figure's link carries. Anything else is not a list this page makes."""

    basis = forms.ChoiceField(choices=[(key, key) for key in performance.BASES])
    week = forms.DateField(required=False, input_formats=["%Y-%m-%d"])
    timeliness = forms.ChoiceField(required=False, choices=[("", "Any")] + [(k, k) for k in performance.TIMELINESS])
    chain = forms.ChoiceField(required=False, choices=YES_NO)
    recontact = forms.ChoiceField(required=False, choices=YES)
    source = forms.ChoiceField(required=False, choices=[("", "Any")] + ReferralSource.choices)
    outcome = forms.CharField(required=False, max_length=40)
    consent_reason = forms.ChoiceField(required=False,
                                       choices=[("", "Any"), ("any", "Any reason")] + ConsentDispensedReason.choices)
    age = forms.ChoiceField(required=False, choices=[("", "Any")] + [(band[0], band[1]) for band in performance.AGE_BANDS])
    advice = forms.ChoiceField(required=False, choices=YES_NO)
    rationale = forms.ChoiceField(required=False, choices=YES)
    rights = forms.ChoiceField(required=False, choices=[("", "Any"), ("any", "Told"), ("written", "Written")]
                               + AccommodationWish.choices)


def performance_contacts(request: HttpRequest) -> HttpResponse:
    """The contacts behind one of the leaders' figures, in the worklist's layout, 50 a page."""
    _require_leader(request)
    period = _iso_period(request.GET) or performance.last_complete_weeks(performance.DEFAULT_WEEKS, timezone.localdate())
    form = ContactListForm(request.GET)
    if not form.is_valid():
        raise Http404("No such list of contacts")
    data = form.cleaned_data
    view = request.GET.get("view") if request.GET.get("view") in performance.VIEWS else performance.DEFAULT_VIEW
    week = None
    if data["week"]:
        week = period.week_starting(data["week"])
        if week is None:
            raise Http404("No such week in the period")
    filters = performance.ContactFilters(
        period=period, basis=data["basis"], week=week, timeliness=data["timeliness"], chain=data["chain"],
        recontact=data["recontact"] == "yes", source=data["source"],
        outcome=data["outcome"], consent_reason=data["consent_reason"], age=data["age"], advice=data["advice"],
        rationale=data["rationale"] == "yes", rights=data["rights"],
    )
    now = timezone.now()
    # A page of ids first, from the indexes alone, then the page's fifty contacts with what their rows show.
    page = Paginator(performance.contact_ids_behind(filters, now), worklist.PAGE_SIZE).get_page(request.GET.get("page"))
    contacts = worklist.in_order(list(page.object_list))
    described = filters.describe()
    log_access(user=request.user, action=AccessAction.VIEW, what="Front door performance: contacts behind a figure",
               detail="; ".join(described), result_count=page.paginator.count)
    query = urlencode([(k, v) for k, v in request.GET.items() if k != "page" and v])
    return render(request, "front_door/performance_contacts.html", {
        "title": "Contacts behind a figure", "section": SECTION, "page": page, "described": described,
        "rows": worklist.rows(contacts, now, user=request.user), "query": query, "period": period,
        "linked": policy.may_see_contact_lists(request.user),
        "back_url": f"{reverse('front_door:performance')}?{urlencode({**period.query, 'view': view})}",
    })
