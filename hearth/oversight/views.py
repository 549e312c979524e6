"""Management oversight: every decision in a period, per team, with its decider and rationale; each figure opens
the list of the decisions behind it."""

from dataclasses import dataclass
from datetime import date, timedelta
from urllib.parse import quote_plus

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from hearth.accounts import policy
from hearth.casework import decision_sources
from hearth.core.forms import Form, GovukDateField
from hearth.oversight import awaiting, selectors

PAGE_SIZE = 50


class DecisionFilterForm(Form):
    date_from = GovukDateField(label="From", required=False)
    date_to = GovukDateField(label="To", required=False)
    kind = forms.ChoiceField(label="Kind of decision", required=False)
    team = forms.TypedChoiceField(label="Team", required=False, coerce=int, empty_value=None)
    rationale = forms.ChoiceField(label="Rationale", required=False, choices=[
        ("", "Every decision"), ("missing", "Only decisions with no rationale")])

    def __init__(self, *args, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", "Every kind")] + [(k.code, k.label) for k in decision_sources.kinds()]
        self.fields["team"].choices = [("", "Every team")] + [(team.pk, team.name) for team in teams]

    def clean(self):
        data = super().clean()
        first, last = data.get("date_from"), data.get("date_to")
        if first and last and last < first:
            self.add_error("date_to", "The last day must be the same as or after the first day")
        return data


def _list_url(first: date, last: date):
    """The address of the list behind a figure: the period's part worked out once, each figure adding its filters."""
    base = f"{reverse('oversight:decisions')}?" + urlencode({
        "date_from-day": first.day, "date_from-month": first.month, "date_from-year": first.year,
        "date_to-day": last.day, "date_to-month": last.month, "date_to-year": last.year})

    def list_url(**filters) -> str:
        chosen = "&".join(f"{key}={quote_plus(str(value))}" for key, value in filters.items() if value not in (None, ""))
        return f"{base}&{chosen}" if chosen else base
    return list_url


@dataclass(frozen=True)
class Figure:
    """A row of the figures: what it counts, its decisions and those with no rationale, each with its list's address."""

    label: str
    decisions: int
    decisions_href: str
    missing: int
    missing_href: str


def _figure(label: str, decisions: int, missing: int, list_url, **filters) -> Figure:
    return Figure(label, decisions, list_url(**filters), missing, list_url(**filters, rationale="missing"))


def _by_team(team_figures, kind: str, list_url) -> list[Figure]:
    """A row for each team and one for all teams, of the kind chosen or of every kind.

    Teams and kinds are two short tables, each narrowed by the other's filter, not one table of every team by every
    kind: at a large council that was more than a hundred teams by a dozen kinds, unreadable, and most of the page.
    """
    def count(figures: dict[str, int]) -> int:
        return figures.get(kind, 0) if kind else sum(figures.values())

    rows = [_figure(item.team, count(item.by_kind), count(item.without_rationale), list_url, team=item.team_id,
                    kind=kind) for item in team_figures if count(item.by_kind)]
    if rows:
        rows.append(_figure("All teams", sum(row.decisions for row in rows), sum(row.missing for row in rows),
                            list_url, kind=kind))
    return rows


def _by_kind(team_figures, kinds, team_id: int | None, list_url) -> list[Figure]:
    """A row for each kind and one for every kind, of the team chosen or of every team."""
    chosen = [item for item in team_figures if team_id is None or item.team_id == team_id]
    rows = [_figure(decision_sources.label_for(k), sum(item.by_kind.get(k, 0) for item in chosen),
                    sum(item.without_rationale.get(k, 0) for item in chosen), list_url, kind=k, team=team_id)
            for k in kinds]
    rows = [row for row in rows if row.decisions]
    if rows:
        rows.append(_figure("Every kind", sum(row.decisions for row in rows), sum(row.missing for row in rows),
                            list_url, team=team_id))
    return rows


class Counted:
    """A list whose length is already known, so paging it reads only the page's rows."""

    def __init__(self, rows, count: int):
        self.rows, self._count = rows, count

    def count(self) -> int:
        return self._count

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index):
        return self.rows[index]


def decisions_page(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not policy.may_oversee(user):
        raise PermissionDenied("Management oversight is for senior leaders and team managers.")
    teams = selectors.teams_for(user)
    today = timezone.localdate()
    first, last = today - timedelta(days=selectors.DEFAULT_DAYS - 1), today
    form = DecisionFilterForm(request.GET or None, teams=teams)
    kind, team_id, missing = "", None, False
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        first, last = data.get("date_from") or first, data.get("date_to") or last
        kind, team_id, missing = data.get("kind") or "", data.get("team"), data.get("rationale") == "missing"
    elif not form.is_bound:
        form = DecisionFilterForm(initial={"date_from": first, "date_to": last}, teams=teams)
    period_filters = selectors.filters_for(user, first=first, last=last)
    list_filters = selectors.filters_for(user, first=first, last=last, kind=kind, team_id=team_id,
                                         without_rationale=missing)
    team_figures = selectors.figures(period_filters)
    # The list's length is the figures' sum for the same filters: counted once, in the figures' query.
    listed = sum(count for item in team_figures if team_id is None or item.team_id == team_id
                 for code, count in (item.without_rationale if missing else item.by_kind).items()
                 if not kind or code == kind)
    page = Paginator(Counted(decision_sources.decisions(list_filters), listed), PAGE_SIZE).get_page(request.GET.get("page"))
    kinds = sorted({k for item in team_figures for k in item.by_kind}, key=decision_sources.label_for)
    list_url = _list_url(first, last)
    return render(request, "oversight/decisions.html", {
        "title": "Management oversight: decisions", "section": "oversight", "form": form, "page": page,
        "team_figures": team_figures, "kinds": kinds, "label_for": decision_sources.label_for,
        "first": first, "last": last, "by_team": _by_team(team_figures, kind, list_url),
        "by_kind": _by_kind(team_figures, kinds, team_id, list_url),
        "chosen_team": next((team.name for team in teams if team.pk == team_id), ""),
        "filtered": bool(kind or team_id or missing), "kind": kind, "team_id": team_id, "missing": missing,
        "paging": urlencode({k: v for k, v in request.GET.items() if k != "page"}),
        "awaiting": awaiting.awaiting_decision(user), "awaiting_limit": awaiting.AWAITING_LIMIT, "now": timezone.now(),
    })
