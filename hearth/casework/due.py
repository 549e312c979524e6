"""What is due: every open item any app registers (an assessment to authorise, a visit, a conference), in one query.

Each app registers a source: a queryset of its open items in the shape every source shares (`shape`: the child,
the day it is due, who must act, and the source's own fields as a JSON object), the clock whose amber rule colours
it, and how to word a row as an item. The registry reads every source's items for a set of children in one
UNION ALL query, whatever the number of sources, soonest first. Foundation code: it knows no journey app; the
journey apps register here, as they do for the chronology.

Who must act (`Awaits`): the worker who holds the child (or works with them), or a manager who must decide (an
assessment to authorise, a closure to agree). A worker's "My work" lists the worker's items for the children they
hold or are involved with; a manager's list shows their teams' overdue items and the decisions awaiting them.
"""

import dataclasses
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import CharField, F, IntegerField, Q, QuerySet, Value
from django.db.models.functions import JSONObject
from django.utils import timezone

from hearth.accounts import policy
from hearth.casework.models import Allocation, Involvement
from hearth.core.prepared import Prepared
from hearth.timescales import clocks
from hearth.timescales.calendar import WorkingDayCalendar
from hearth.timescales.clocks import Rag, Unit

COLUMNS = ("w_kind", "w_id", "w_child_id", "w_due_on", "w_awaits", "w_fields")


class Awaits:
    WORKER = "worker"
    MANAGER = "manager"


@dataclass(frozen=True)
class Row:
    """One source row: its kind, its id, the child, the day it is due, who must act, and its own fields."""

    kind: str
    id: int
    child_id: int
    due_on: date
    awaits: str
    fields: dict


@dataclass(frozen=True)
class DueItem:
    """An item as a page shows it."""

    kind: str
    label: str
    child_id: int
    due_on: date
    awaits: str
    title: str
    url: str
    rag: Rag = Rag.GREEN
    detail: str = ""
    # Filled in by the page's reader: the child's name and the worker who holds them, where the page shows them.
    extra: dict = field(default_factory=dict)

    @property
    def is_overdue(self) -> bool:
        return self.rag is Rag.RED


@dataclass(frozen=True)
class DueSource:
    kind: str
    label: str
    clock: str | None
    rows: Callable[[], QuerySet]
    item: Callable[[Row], DueItem]


_sources: dict[str, DueSource] = {}


def register(kind: str, label: str, *, rows: Callable[[], QuerySet], item: Callable[[Row], DueItem],
             clock: str | None = None) -> DueSource:
    """Register one kind of due item: its open rows (`shape`d), the clock that colours it, and its wording.

    `rows()` returns every open item of the kind, for every child: the registry narrows it to the children a page
    asks about. `clock` is the code of a registered clock (its `amber_within` and unit say when an item turns
    amber); without one an item is amber on the day it is due.
    """
    if kind in _sources:
        raise ValueError(f"A due source for {kind!r} is already registered")
    if clock is not None:
        clocks.get(clock)  # an unknown clock fails at start-up, not on a worker's page
    _sources[kind] = DueSource(kind=kind, label=label, clock=clock, rows=rows, item=item)
    _prepared.forget()
    return _sources[kind]


def shape(queryset: QuerySet, *, child: str, due_on, awaits: str = Awaits.WORKER, holding_team: str | None = None,
          **fields) -> QuerySet:
    """A source's open items in the shape all sources share, for the UNION.

    `child` names the child's foreign key; `due_on` a date column (or an expression giving a date) on which the
    item is due; `awaits` who must act; `holding_team` the team that holds the item, where that is not (yet) the
    child's allocated team (a referral waiting in the receiving team's queue): its managers see it; `fields` columns or
    expressions kept as one JSON object (text, numbers, booleans and nulls: dates inside it come back as ISO text).
    """
    return queryset.order_by().annotate(
        w_id=F("pk"),
        w_child_id=F(child),
        w_team_id=F(holding_team) if holding_team else Value(None, output_field=IntegerField()),
        w_due_on=F(due_on) if isinstance(due_on, str) else due_on,
        w_awaits=Value(awaits, output_field=CharField()),
        w_fields=JSONObject(**{name: F(value) if isinstance(value, str) else value for name, value in fields.items()}),
    )


def kinds() -> list[tuple[str, str]]:
    return [(source.kind, source.label) for source in _sources.values()]


# What a read asks each source about, with its key: one child (an id); a worker's children ([ids]); a team's
# items ([team ids], [ids of the children allocated to the teams]).
CHILD, CHILDREN, TEAMS = "child", "children", "teams"


def _scope(scope: str, key, holds_teams: bool) -> Q:
    if scope == CHILD:
        return Q(w_child_id=key)
    if scope == CHILDREN:
        return Q(w_child_id__in=key[0])
    # A source whose items name the team that holds them is asked about the teams; any other about the children.
    return Q(w_team_id__in=key[0]) if holds_teams else Q(w_child_id__in=key[1])


def _union(key, variant) -> QuerySet | None:
    scope, awaits, due_by, kinds, _ = variant
    parts = []
    for source in _sources.values():
        if kinds and source.kind not in kinds:
            continue
        rows = source.rows()
        rows = rows.filter(_scope(scope, key, _holds_teams(rows)))
        if awaits is not None:
            rows = rows.filter(w_awaits=awaits)
        if due_by is not None:
            rows = rows.filter(w_due_on__lte=due_by)
        parts.append(rows.annotate(w_kind=Value(source.kind, output_field=CharField())).values(*COLUMNS))
    if not parts:
        return None
    union = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    return union.order_by("w_due_on", "w_kind", "w_id")


# The union's SQL, built once per process for each kind of read and length of its lists: building it through the
# ORM cost more than running it (core/prepared.py).
_prepared = Prepared(_union)


def _read(scope: str, key, *, awaits: str | None = None, due_by: date | None = None,
          kinds: tuple[str, ...] = ()) -> list[Row]:
    # The registered kinds are part of the variant: a test that swaps the registry never meets another's SQL.
    variant = (scope, awaits, due_by, tuple(kinds), tuple(_sources))
    found = _prepared.rows(key, variant)
    if found is None:
        union = _union(key, variant)
        found = [] if union is None else list(union)
    return [Row(row["w_kind"], row["w_id"], row["w_child_id"], _as_date(row["w_due_on"]), row["w_awaits"],
                _as_fields(row["w_fields"])) for row in found]


def _as_date(value) -> date:
    # SQLite hands back a union's date column as text.
    return date.fromisoformat(value) if isinstance(value, str) else value


def _as_fields(value) -> dict:
    # A union's JSON column may come back as text (SQLite), or as the object (PostgreSQL).
    if isinstance(value, str):
        return json.loads(value)
    return value or {}


def rag_for(source: DueSource, due_on: date, today: date, calendar: WorkingDayCalendar) -> Rag:
    """An open item's status today: red once past its day, amber within its clock's amber rule, else green."""
    if today > due_on:
        return Rag.RED
    clock = clocks.get(source.clock) if source.clock else None
    if clock is None or clock.unit is Unit.HOURS:
        return Rag.AMBER if today == due_on else Rag.GREEN
    working = clock.unit is Unit.WORKING_DAYS
    left = calendar.working_days_between(today, due_on) if working else (due_on - today).days
    return Rag.AMBER if left <= clock.amber_within else Rag.GREEN


def _needs_calendar(source: DueSource, due_on: date, today: date) -> bool:
    """Whether an item's status depends on the working days left (an open item on a working-day clock)."""
    return due_on >= today and source.clock is not None and clocks.get(source.clock).unit is Unit.WORKING_DAYS


def items(rows: list[Row], *, today: date,
          calendar: WorkingDayCalendar | Callable[[], WorkingDayCalendar]) -> list[DueItem]:
    """Rows worded as items, each with its status today.

    `calendar` may be a function giving the council's calendar (`council_calendar`, a query): it is then called
    only if an item's status needs working days, so a list of overdue items, or of items on no working-day clock,
    reads no calendar.
    """
    found = []
    for row in rows:
        source = _sources[row.kind]
        if callable(calendar) and _needs_calendar(source, row.due_on, today):
            calendar = calendar()
        item = source.item(row)
        found.append(DueItem(kind=row.kind, label=source.label, child_id=row.child_id, due_on=row.due_on,
                             awaits=row.awaits, title=item.title, url=item.url, detail=item.detail,
                             rag=rag_for(source, row.due_on, today, calendar), extra=dict(item.extra)))
    return found


def with_extra(item: DueItem, **extra) -> DueItem:
    """The item with more for the page to show (the child's name, the worker who holds the child)."""
    return dataclasses.replace(item, extra={**item.extra, **extra})


def held_by(user) -> list[int]:
    """The children this user holds (their current allocation) or works with (a current involvement), leaving out a
    restricted child the user has no grant for: as their caseload does, "My work" never lists one.

    The children are read first, in one query (a caseload is tens of children), and each part of the union then asks
    about that list: a subquery in every part cost more to build than the whole union took to run.
    """
    seen = policy.unrestricted_or_granted(user, "child")
    held = (Allocation.objects.filter(seen, worker=user, ended_on__isnull=True).order_by()
            .values_list("child_id", flat=True))
    involved = (Involvement.objects.filter(seen, worker=user, ended_on__isnull=True).order_by()
                .values_list("child_id", flat=True))
    return sorted(set(held.union(involved)))


def _holds_teams(rows: QuerySet) -> bool:
    """Whether a source's items name a team that holds them (`shape(holding_team=...)`)."""
    return not isinstance(rows.query.annotations.get("w_team_id"), Value)


def held_in(team_ids) -> tuple[list[int], list[int]]:
    """What these teams hold, as a read's key: the teams, for a source that names the team holding each item
    (`shape(holding_team=...)`: a referral in the receiving team's queue), and the children allocated to them now,
    for any other. Each part of the union then asks one indexed question."""
    allocated = sorted(Allocation.objects.filter(team_id__in=team_ids, ended_on__isnull=True)
                       .order_by().values_list("child_id", flat=True))
    return sorted(team_ids), allocated


def for_worker(user) -> list[Row]:
    """Everything due that the worker must do, for the children they hold or work with, soonest first: two queries
    (the children, then every source's items in one)."""
    if not _sources:
        return []
    children = held_by(user)
    return _read(CHILDREN, (children,), awaits=Awaits.WORKER) if children else []


def for_teams(team_ids, *, today: date) -> tuple[list[Row], list[Row]]:
    """A manager's lists for their teams: the decisions awaiting a manager, and the workers' overdue items.

    Three queries: the teams' children, then one for each list.
    """
    if not _sources or not team_ids:
        return [], []
    key = held_in(team_ids)
    return (_read(TEAMS, key, awaits=Awaits.MANAGER),
            _read(TEAMS, key, awaits=Awaits.WORKER, due_by=today - timedelta(days=1)))


def for_child(child_id: int) -> list[Row]:
    """Everything open for one child, whoever must act: one query (the child's record shows it)."""
    return _read(CHILD, child_id)


def today() -> date:
    return timezone.localdate()


def week_end(today: date) -> date:
    """The last day "due this week" covers: today and the six days after."""
    return today + timedelta(days=6)


@dataclass(frozen=True)
class Grouped:
    """A list of items in the three groups the pages show."""

    overdue: list[DueItem]
    this_week: list[DueItem]
    later: list[DueItem]

    @property
    def count(self) -> int:
        return len(self.overdue) + len(self.this_week) + len(self.later)


def grouped(found: list[DueItem], *, today: date) -> Grouped:
    """Items (soonest first) as overdue, due this week (today and the six days after) and later."""
    end = week_end(today)
    return Grouped(overdue=[item for item in found if item.due_on < today],
                   this_week=[item for item in found if today <= item.due_on <= end],
                   later=[item for item in found if item.due_on > end])


def worker_of(child_ids) -> dict[int, dict]:
    """Each child's current team and worker, for lists that name them: one query."""
    return {row["child_id"]: row for row in Allocation.objects.filter(child_id__in=list(child_ids), ended_on__isnull=True)
            .values("child_id", "team__name", "worker_id", "worker__first_name", "worker__last_name")}

