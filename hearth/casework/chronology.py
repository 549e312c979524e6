"""A child's chronology: every dated event any app registers, merged newest first, in one query.

Each app registers a source: the rows of its events for one child, as querysets in the shape every source
shares (`rows`: a moment or a day, and the source's own fields as a JSON object), and how to word each row
as entries. The registry reads every source's rows for the child in one UNION ALL query, whatever the
number of sources, and sorts the entries newest first. Foundation apps know nothing of the journey apps;
the journey apps register here.
"""

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time

from django.db.models import DateField, DateTimeField, F, QuerySet, TextField, Value
from django.db.models.functions import JSONObject, Substr
from django.urls import reverse
from django.utils import timezone

from hearth.casework.models import Allocation, CaseNote, CaseNoteKind, Decision
from hearth.core.prepared import Prepared
from hearth.people.models import Person

SUMMARY_LENGTH = 300


@dataclass(frozen=True)
class ChronologyEntry:
    occurred_at: datetime
    kind: str
    title: str
    summary: str = ""
    by: str = ""
    url: str = ""
    # Set for an event recorded as a day, with no time (a referral, a conference): shown as the day alone, never as
    # "at 12:00am". The registry sets it for every entry a source dates from its row's day.
    on_day: date | None = None


@dataclass(frozen=True)
class Row:
    """One source row: its moment or its day, and its own fields."""

    moment: datetime | None
    day: date | None
    fields: dict


@dataclass(frozen=True)
class ChronologySource:
    kind: str
    label: str
    rows: Callable[[Person], list[QuerySet]]
    entries: Callable[[Row], Iterable[ChronologyEntry]]


_sources: dict[str, ChronologySource] = {}


def register(kind: str, label: str, *, rows: Callable[[Person], list[QuerySet]],
             entries: Callable[[Row], Iterable[ChronologyEntry]]) -> ChronologySource:
    """Register the source of one kind of chronology entry: its rows for a child (`shape`), and their wording."""
    if kind in _sources:
        raise ValueError(f"A chronology source for {kind!r} is already registered")
    _sources[kind] = ChronologySource(kind=kind, label=label, rows=rows, entries=entries)
    _prepared.forget()
    return _sources[kind]


def shape(queryset: QuerySet, *, moment: str | None = None, day: str | None = None, **fields) -> QuerySet:
    """A source's rows in the shape all sources share, for the UNION: when (a moment, or a day), and its fields.

    `moment` and `day` name a datetime and a date column; `fields` are columns or expressions, kept as one JSON
    object. Only text, numbers, booleans and nulls belong in it: the moment and the day keep their own types.
    """
    return queryset.order_by().values(
        source_moment=F(moment) if moment else Value(None, output_field=DateTimeField()),
        source_day=F(day) if day else Value(None, output_field=DateField()),
        source_fields=JSONObject(**{name: F(value) if isinstance(value, str) else value for name, value in fields.items()}),
    )


def excerpt(column: str):
    """The start of a long text column, as much as an entry's summary shows."""
    return Substr(column, 1, SUMMARY_LENGTH, output_field=TextField())


def name_of(fields: dict, prefix: str) -> str:
    """A user's or a person's name from `<prefix>_first`, `<prefix>_last` (and `<prefix>_username`) fields."""
    name = " ".join(part for part in (fields.get(f"{prefix}_first"), fields.get(f"{prefix}_last")) if part)
    return name or fields.get(f"{prefix}_username") or ""


def user_fields(prefix: str, path: str) -> dict:
    """The fields `name_of` reads for the user at `path`."""
    return {f"{prefix}_first": f"{path}__first_name", f"{prefix}_last": f"{path}__last_name",
            f"{prefix}_username": f"{path}__username"}


def choice_label(choices, value: str) -> str:
    """The label of a stored choice, or the value itself if it is not one (as Django's get_FOO_display)."""
    return dict(choices.choices).get(value, value)


def kinds() -> list[tuple[str, str]]:
    """Every registered kind with its label, for the filter."""
    return [(source.kind, source.label) for source in _sources.values()]


def label_for(kind: str) -> str:
    return _sources[kind].label if kind in _sources else kind


def at_start_of(day: date) -> datetime:
    """A date as the start of that day in London, so dated and timed events sort together."""
    return timezone.make_aware(datetime.combine(day, time.min))


def _as_day(value) -> date | None:
    # SQLite hands a union's date column back as text.
    return date.fromisoformat(value[:10]) if isinstance(value, str) else value


def _as_moment(value) -> datetime | None:
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if value is not None and timezone.is_naive(value):
        # Read past the ORM (a prepared query): SQLite keeps UTC moments without their zone.
        value = value.replace(tzinfo=UTC)
    return value


def _as_fields(value) -> dict:
    # Read past the ORM, the JSON object comes back as its text.
    return json.loads(value) if isinstance(value, str) else value


COLUMNS = ("source_kind", "source_moment", "source_day", "source_fields")


def _union(child: Person, sources: list[ChronologySource]) -> QuerySet | None:
    parts = [queryset.annotate(source_kind=Value(source.kind, output_field=TextField())).values(*COLUMNS)
             for source in sources for queryset in source.rows(child)]
    if not parts:
        return None
    return parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]


def _sources_for(wanted: frozenset[str] | None) -> list[ChronologySource]:
    return [source for source in _sources.values() if wanted is None or source.kind in wanted]


# The union's SQL for every child, built once per process and set of kinds: building it through the ORM cost more
# than running it (core/prepared.py).
_prepared = Prepared(lambda child_id, wanted: _union(Person(pk=child_id), _sources_for(wanted)))


def _rows(child: Person, wanted: frozenset[str] | None) -> list[dict]:
    rows = _prepared.rows(child.pk, wanted)
    if rows is not None:
        return rows
    union = _union(child, _sources_for(wanted))
    return [] if union is None else list(union)


def chronology_for(child: Person, *, only: Iterable[str] | None = None) -> list[ChronologyEntry]:
    """The child's chronology, newest first, optionally limited to some kinds: one query for every source."""
    wanted = frozenset(only) if only else None
    by_kind = {source.kind: source for source in _sources_for(wanted)}
    entries: list[ChronologyEntry] = []
    for found in _rows(child, wanted):
        row = Row(_as_moment(found["source_moment"]), _as_day(found["source_day"]), _as_fields(found["source_fields"]))
        worded = by_kind[found["source_kind"]].entries(row)
        if row.day is not None:
            start = at_start_of(row.day)
            worded = (replace(entry, on_day=row.day) if entry.occurred_at == start else entry for entry in worded)
        entries.extend(worded)
    # Newest first; events at the same moment in the order their sources were registered, then as worded.
    order = {kind: index for index, kind in enumerate(by_kind)}
    entries.sort(key=lambda entry: (order[entry.kind], entry.title, entry.summary))
    entries.sort(key=lambda entry: entry.occurred_at, reverse=True)
    return entries


# The casework app's own entries.


def _case_note_entries(row: Row):
    note = row.fields
    yield ChronologyEntry(
        occurred_at=row.moment, kind="case_note", title=f"{choice_label(CaseNoteKind, note['kind'])}: {note['title']}",
        summary=note["body"] or "", by=name_of(note, "author"),
        url=reverse("casework:case_note", args=[note["child"], note["id"]]),
    )


register("case_note", "Case note", entries=_case_note_entries, rows=lambda child: [shape(
    CaseNote.objects.filter(child=child), moment="occurred_at", id="id", child="child_id", kind="kind", title="title",
    body=excerpt("body"), **user_fields("author", "author"))])


def _allocation_entries(row: Row):
    allocation = row.fields
    worker = name_of(allocation, "worker")
    yield ChronologyEntry(
        occurred_at=at_start_of(row.day), kind="allocation",
        title=f"Allocated{f' to {worker}' if worker else ''} ({allocation['team']})", summary=allocation["reason"] or "",
    )


register("allocation", "Allocation", entries=_allocation_entries, rows=lambda child: [shape(
    Allocation.objects.filter(child=child), day="started_on", team="team__name", reason="reason",
    **user_fields("worker", "worker"))])


def _decision_entries(row: Row):
    decision = row.fields
    yield ChronologyEntry(
        occurred_at=row.moment, kind="decision", title=f"Decision: {decision['outcome']}",
        summary=decision["rationale"] or "", by=name_of(decision, "decided_by"),
    )


register("decision", "Decision", entries=_decision_entries, rows=lambda child: [shape(
    Decision.objects.filter(child=child), moment="decided_at", outcome="outcome", rationale=excerpt("rationale"),
    **user_fields("decided_by", "decided_by"))])
