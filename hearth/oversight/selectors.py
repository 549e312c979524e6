"""Management oversight of decisions: every decision recorded anywhere, by team and period, read through the
casework registry of decision sources (one query for the list, one for the figures)."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from hearth.accounts.models import Team, User
from hearth.casework import decision_sources
from hearth.casework.decision_sources import DecisionFilters
from hearth.timescales.clocks import LONDON

DEFAULT_DAYS = 28


def team_scope(user: User) -> tuple[int, ...] | None:
    """The teams whose decisions this user oversees: every team for a senior leader, else their own teams."""
    if user.is_service_wide:
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
