"""Every decision recorded anywhere in Hearth, read through one registry in one UNION ALL query.

Each app that records decisions registers a source: a queryset of its decisions annotated with the columns every
source shares (`COLUMNS`: when, what kind, the outcome, the rationale and whether there is one, who decided, their
team, the child), and the kinds of decision it records, each with its label. The registry filters every source
the same way (a period, kinds, teams, a missing rationale), unions them, and counts them in one more query, so a
page's query count does not grow with the number of sources. Foundation code: it knows no journey app.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache

from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Substr

from hearth.accounts.models import Membership, Team

RATIONALE_LENGTH = 300
COLUMNS = ("d_source", "d_id", "d_kind", "d_decided_at", "d_outcome", "d_rationale", "d_has_rationale",
           "d_decided_by_id", "d_decider_first", "d_decider_last", "d_team_id", "d_team", "d_child_id",
           "d_child_la_id")


@dataclass(frozen=True)
class DecisionKind:
    code: str
    label: str


@dataclass(frozen=True)
class DecisionSource:
    name: str
    rows: Callable[[], "Shaped"]


_kinds: dict[str, DecisionKind] = {}
_sources: dict[str, DecisionSource] = {}


def register_kind(code: str, label: str) -> DecisionKind:
    """Name a kind of decision, with the words a page shows for it."""
    if code in _kinds:
        raise ValueError(f"A decision kind {code!r} is already registered")
    _kinds[code] = DecisionKind(code, label)
    return _kinds[code]


def register_source(name: str, rows: Callable[[], "Shaped"]) -> DecisionSource:
    """Register where decisions of some kinds are kept: `rows()` returns them with their columns, by `shape`."""
    if name in _sources:
        raise ValueError(f"A decision source {name!r} is already registered")
    _sources[name] = DecisionSource(name, rows)
    return _sources[name]


def require_kind(code: str) -> DecisionKind:
    """The registered kind with this code; a decision of an unregistered kind is a programming error."""
    if code not in _kinds:
        raise ValueError(f"{code!r} is not a registered kind of decision")
    return _kinds[code]


def team_of(user) -> int | None:
    """The team a decider acts for by default: the one they manage first, else their first (as `decider_team`)."""
    return (Membership.objects.filter(user=user).order_by("-manages", "team_id")
            .values_list("team_id", flat=True).first())


def kinds() -> list[DecisionKind]:
    return list(_kinds.values())


def label_for(code: str) -> str:
    return _kinds[code].label if code in _kinds else code.replace("_", " ").capitalize()


@dataclass(frozen=True)
class Shaped:
    """A source's decisions and the expression of each shared column, annotated only when a read needs it."""

    queryset: QuerySet
    columns: dict

    def select(self, wanted: Iterable[str]) -> QuerySet:
        return self.queryset.annotate(**{name: self.columns[name] for name in wanted})


def shape(queryset: QuerySet, *, source: str, kind, decided_at: str, outcome, rationale: str, decided_by: str,
          team_id, team, child: str, has_rationale: str | None = None) -> Shaped:
    """A source's decisions with the shared columns: field names (str) or expressions.

    The columns stay expressions until a read picks the ones it needs: counting never joins the decider or the
    child, and a column left unread costs nothing. `has_rationale` names a column the database keeps (a generated
    column) that a covering index can hold; without it, whether there is a rationale is read from the text.
    """
    def col(value):
        return F(value) if isinstance(value, str) else value

    return Shaped(queryset.order_by(), {
        "d_source": Value(source, output_field=CharField()),
        "d_id": F("pk"),
        "d_kind": col(kind),
        "d_decided_at": F(decided_at),
        "d_outcome": col(outcome),
        "d_rationale": Substr(rationale, 1, RATIONALE_LENGTH, output_field=TextField()),
        "d_has_rationale": F(has_rationale) if has_rationale else Case(
            When(~Q(**{rationale: ""}), then=Value(True)), default=Value(False), output_field=BooleanField()),
        "d_decided_by_id": F(decided_by),
        "d_decider_first": F(f"{decided_by}__first_name"),
        "d_decider_last": F(f"{decided_by}__last_name"),
        "d_team_id": col(team_id),
        "d_team": col(team),
        "d_child_id": F(child),
        "d_child_la_id": Coalesce(F(f"{child}__la_child_id"), Value(""), output_field=CharField()),
    })


def decider_team(decided_by: str = "decided_by") -> tuple[Subquery, Subquery]:
    """The decider's team (the one they manage first, else their first), as (id, name) subqueries."""
    teams = Membership.objects.filter(user=OuterRef(decided_by)).order_by("-manages", "team_id")
    return Subquery(teams.values("team_id")[:1]), Subquery(teams.values("team__name")[:1])


@dataclass(frozen=True)
class DecisionFilters:
    start: datetime
    end: datetime
    kinds: tuple[str, ...] = ()
    team_ids: tuple[int, ...] | None = None  # None: every team
    team_id: int | None = None
    without_rationale: bool = False


COUNTED = ("d_team_id", "d_kind", "d_has_rationale")


def _filtered(filters: DecisionFilters, columns: tuple[str, ...] = COLUMNS) -> list[QuerySet]:
    filtered_on = ["d_decided_at"] + (["d_kind"] if filters.kinds else []) + (
        ["d_team_id"] if filters.team_ids is not None or filters.team_id is not None else []) + (
        ["d_has_rationale"] if filters.without_rationale else [])
    parts = []
    for source in _sources.values():
        rows = source.rows().select(dict.fromkeys([*columns, *filtered_on]))
        rows = rows.filter(d_decided_at__gte=filters.start, d_decided_at__lt=filters.end)
        if filters.kinds:
            rows = rows.filter(d_kind__in=filters.kinds)
        if filters.team_ids is not None:
            rows = rows.filter(d_team_id__in=filters.team_ids)
        if filters.team_id is not None:
            rows = rows.filter(d_team_id=filters.team_id)
        if filters.without_rationale:
            rows = rows.filter(d_has_rationale=False)
        parts.append(rows.values(*columns))
    return parts


ORDER = ("-d_decided_at", "d_source", "-d_id")


class DecisionPage:
    """Every decision matching the filters, newest first, read a page at a time: slice it (`[start:stop]`).

    Each source gives only its own newest `stop` rows, in the list's order, before the union is sorted: the database
    then sorts a page's worth from each source rather than every decision of the period (PostgreSQL does not carry
    an outer LIMIT into a union's parts). One query per slice.
    """

    def __init__(self, filters: DecisionFilters):
        self.filters = filters

    def __getitem__(self, index):
        if not isinstance(index, slice) or index.stop is None:
            raise TypeError("Read decisions a page at a time: rows[start:stop]")
        return self._rows(index.start or 0, index.stop)

    def __iter__(self):
        return iter(self._rows(0, None))

    def _rows(self, start: int, stop: int | None) -> list[dict]:
        if stop is not None and stop <= start:
            return []
        compiled = _compiled(connection.alias, self.filters, "page", stop, _registered())
        if compiled is None:
            return []
        sql, params = compiled
        with connection.cursor() as cursor:
            page = " LIMIT %s OFFSET %s" if stop is not None else ""
            cursor.execute(sql + " ORDER BY d_decided_at DESC, d_source ASC, d_id DESC" + page,
                           [*params, stop - start, start] if stop is not None else list(params))
            names = [column[0] for column in cursor.description]
            rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
        for row in rows:
            row["d_decided_at"] = _moment(row["d_decided_at"])
            row["d_has_rationale"] = bool(row["d_has_rationale"])
        return rows


def _moment(value):
    # A raw SQLite read gives the moment as UTC without its offset (as text, or a naive datetime).
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.replace(tzinfo=UTC) if isinstance(value, datetime) and value.tzinfo is None else value


def _registered() -> tuple:
    """The registered sources, as a compiled query's key: a source registered later is a new key."""
    return tuple((name, id(source)) for name, source in _sources.items())


@lru_cache(maxsize=128)
def _compiled(alias: str, filters: DecisionFilters, what: str, stop: int | None,
              registered: tuple) -> tuple[str, tuple] | None:
    """The UNION ALL of every source for these filters, as SQL and parameters: the counts of each source (`counts`),
    or each source's newest `stop` rows (`page`); None if no source is registered.

    Compiled once per process for each set of filters: building twenty-odd expressions a source through the ORM cost
    more than running the query, and filters repeat (the default period is the same for every leader all day, each
    manager's teams the same at each visit). Kept for the 128 sets last used.
    """
    if what == "counts":
        parts = [part.annotate(d_decisions=Count("*")).order_by() for part in _filtered(filters, COUNTED)]
    else:
        parts = [part.order_by(*ORDER)[:stop] if stop is not None else part.order_by(*ORDER)
                 for part in _filtered(filters)]
    if not parts:
        return None
    selects, params = [], []
    for number, part in enumerate(parts):
        sql, part_params = part.query.get_compiler(using=alias).as_sql()
        selects.append(f"SELECT * FROM ({sql}) AS part_{number}")
        params.extend(part_params)
    return " UNION ALL ".join(selects), tuple(params)


def decisions(filters: DecisionFilters) -> DecisionPage:
    """Every decision matching the filters, newest first, as dicts of COLUMNS: slice it to page (one query a page)."""
    return DecisionPage(filters)


def counts(filters: DecisionFilters) -> list[dict]:
    """How many decisions match, by team, kind and whether there is a rationale: one query over the union.

    The union carries only the columns counted, so no decider's name, child or rationale is read to count them. Each
    source counts its own rows and the union adds up a few hundred counts: grouping the tens of thousands of rows of
    a large council's month after the union cost SQLite twice as much.
    """
    compiled = _compiled(connection.alias, filters, "counts", None, _registered())
    if compiled is None:
        return []
    sql, params = compiled
    with connection.cursor() as cursor:
        cursor.execute("SELECT d_team_id, d_kind, d_has_rationale, SUM(d_decisions) FROM (" + sql
                       + ") AS decisions GROUP BY d_team_id, d_kind, d_has_rationale", list(params))
        found = cursor.fetchall()
    # The teams' names in one small query, rather than a join for every decision counted.
    names = dict(Team.objects.filter(pk__in={row[0] for row in found if row[0] is not None})
                 .values_list("pk", "name"))
    return [{"team_id": team_id, "team": names.get(team_id, ""), "kind": kind, "has_rationale": bool(has),
             "decisions": int(n)} for team_id, kind, has, n in found]


def sources() -> Iterable[str]:
    return list(_sources)


# The casework app's own decisions (Decision rows, whichever app recorded them).

def _casework_rows() -> QuerySet:
    from hearth.casework.models import Decision

    return shape(Decision.objects.all(), source="casework", kind="kind", decided_at="decided_at", outcome="outcome",
                 rationale="rationale", decided_by="decided_by", team_id=F("team_id"), team=F("team__name"),
                 child="child", has_rationale="has_rationale")


register_source("casework", _casework_rows)
register_kind("allocation", "Allocation of a child to a team and worker")
register_kind("case_closure", "Closing a child's case")
