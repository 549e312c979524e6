"""Management oversight: every decision recorded anywhere, by team and period, read through the
casework registry of decision sources (one query for the list, one for the figures); and audits by theme."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Case, CharField, F, Prefetch, Q, QuerySet, When
from django.http import Http404

from hearth.accounts import policy
from hearth.accounts.models import Team, User
from hearth.casework import decision_sources
from hearth.casework.decision_sources import DecisionFilters
from hearth.oversight.models import Audit, AuditStatus, AuditTemplate, AuditTemplateVersion
from hearth.timescales.clocks import LONDON

DEFAULT_DAYS = 28


def team_scope(user: User) -> tuple[int, ...] | None:
    """The teams whose decisions this user oversees: every team for a senior leader, else their own teams."""
    if policy.oversees_every_team(user):
        return None
    return tuple(user.memberships.values_list("team_id", flat=True))


def teams_for(user: User) -> list[Team]:
    scope = team_scope(user)
    teams = Team.objects.filter(is_active=True).order_by("name")
    return list(teams if scope is None else teams.filter(pk__in=scope))


def filters_for(user: User, *, first: date, last: date, kind: str = "", team_id: int | None = None,
                without_rationale: bool = False) -> DecisionFilters:
    start = datetime.combine(first, time(0, 0), tzinfo=LONDON)
    end = datetime.combine(last, time(0, 0), tzinfo=LONDON) + timedelta(days=1)
    return DecisionFilters(start=start, end=end, kinds=(kind,) if kind else (), team_ids=team_scope(user),
                           team_id=team_id, without_rationale=without_rationale)


@dataclass
class TeamFigures:
    team_id: int | None
    team: str
    by_kind: dict[str, int] = field(default_factory=dict)
    without_rationale: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.by_kind.values())

    @property
    def total_without_rationale(self) -> int:
        return sum(self.without_rationale.values())


def figures(filters: DecisionFilters) -> list[TeamFigures]:
    """For each team, its decisions by kind and how many of them have no rationale."""
    teams: dict[int | None, TeamFigures] = {}
    for row in decision_sources.counts(filters):
        item = teams.setdefault(row["team_id"], TeamFigures(row["team_id"], row["team"] or "No team"))
        item.by_kind[row["kind"]] = item.by_kind.get(row["kind"], 0) + row["decisions"]
        if not row["has_rationale"]:
            item.without_rationale[row["kind"]] = item.without_rationale.get(row["kind"], 0) + row["decisions"]
    return sorted(teams.values(), key=lambda item: item.team)


# --- Quality-assurance audits ------------------------------------------------------------------------------------

THEME_MONTHS = 6
STANDING_GRADE = Case(When(~Q(moderated_grade=""), then=F("moderated_grade")), default=F("overall_grade"),
                      output_field=CharField())


def templates() -> QuerySet[AuditTemplate]:
    latest = AuditTemplateVersion.objects.order_by("-number").prefetch_related("questions")
    return AuditTemplate.objects.prefetch_related(Prefetch("versions", queryset=latest)).order_by("theme", "name")


def latest_versions() -> list[AuditTemplateVersion]:
    return [template.versions.all()[0] for template in templates() if template.versions.all()]


def audits_to_do(user: User) -> QuerySet[Audit]:
    return (Audit.objects.filter(auditor=user, status=AuditStatus.SAMPLED)
            .select_related("child", "version__template", "worker", "team"))


def audits_to_moderate(user: User) -> QuerySet[Audit]:
    return (Audit.objects.filter(status=AuditStatus.GRADED).exclude(auditor=user)
            .select_related("child", "version__template", "auditor", "team").order_by("graded_at"))


def audit(pk: int, user: User) -> Audit:
    found = (Audit.objects.filter(pk=pk).select_related("child", "version__template", "worker", "team", "auditor",
                                                        "moderator")
             .prefetch_related("version__questions", "answers", "actions__owner").first())
    if found is None or not (policy.may_oversee(user) or user.pk == found.worker_id):
        raise Http404("No such audit")
    return found


def month_start(day: date) -> date:
    return day.replace(day=1)


def months_back(today: date, months: int) -> list[date]:
    first = month_start(today)
    found = []
    for _ in range(months):
        found.append(first)
        first = month_start(first - timedelta(days=1))
    return list(reversed(found))


def _month_bounds(first: date) -> tuple[datetime, datetime]:
    after = month_start(first + timedelta(days=32))
    return (datetime.combine(first, time(0, 0), tzinfo=LONDON), datetime.combine(after, time(0, 0), tzinfo=LONDON))


def graded_audits(*, start: datetime, end: datetime, theme: str = "", grade: str = "") -> QuerySet[Audit]:
    """Audits graded in [start, end), with their standing grade (the moderator's once moderated)."""
    found = (Audit.objects.filter(graded_at__gte=start, graded_at__lt=end)
             .exclude(status=AuditStatus.SAMPLED).annotate(standing_grade=STANDING_GRADE))
    if theme:
        found = found.filter(version__template__theme=theme)
    if grade:
        found = found.filter(standing_grade=grade)
    return found


def audits_behind(*, month: date, theme: str = "", grade: str = "") -> QuerySet[Audit]:
    start, end = _month_bounds(month)
    return (graded_audits(start=start, end=end, theme=theme, grade=grade)
            .select_related("child", "version__template", "auditor", "worker", "team").order_by("graded_at", "id"))


def theme_figures(today: date, months: int = THEME_MONTHS) -> tuple[list[date], dict[str, dict[date, dict[str, int]]]]:
    """For each theme, each month's audits by standing grade: one query."""
    shown = months_back(today, months)
    start, _ = _month_bounds(shown[0])
    _, end = _month_bounds(shown[-1])
    figures: dict[str, dict[date, dict[str, int]]] = {}
    rows = graded_audits(start=start, end=end).values_list("version__template__theme", "graded_at", "standing_grade")
    for theme, graded_at, grade in rows:
        month = month_start(graded_at.astimezone(LONDON).date())
        cell = figures.setdefault(theme, {m: {} for m in shown}).setdefault(month, {})
        cell[grade] = cell.get(grade, 0) + 1
    return shown, dict(sorted(figures.items()))
