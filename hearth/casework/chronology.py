"""A child's chronology: every dated event any app registers, merged newest first.

Each app registers a source: a function returning its entries for one child, in one
query. Foundation apps know nothing of the journey apps; the journey apps register here.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time

from django.urls import reverse
from django.utils import timezone

from hearth.casework.models import Allocation, CaseNote, Decision
from hearth.people.models import Person


@dataclass(frozen=True)
class ChronologyEntry:
    occurred_at: datetime
    kind: str
    title: str
    summary: str = ""
    by: str = ""
    url: str = ""


@dataclass(frozen=True)
class ChronologySource:
    kind: str
    label: str
    entries: Callable[[Person], Iterable[ChronologyEntry]]


_sources: dict[str, ChronologySource] = {}


def register(kind: str, label: str) -> Callable:
    """Decorator: register a function as the source of one kind of chronology entry."""

    def decorate(entries: Callable[[Person], Iterable[ChronologyEntry]]):
        if kind in _sources:
            raise ValueError(f"A chronology source for {kind!r} is already registered")
        _sources[kind] = ChronologySource(kind=kind, label=label, entries=entries)
        return entries

    return decorate


def kinds() -> list[tuple[str, str]]:
    """Every registered kind with its label, for the filter."""
    return [(source.kind, source.label) for source in _sources.values()]


def label_for(kind: str) -> str:
    return _sources[kind].label if kind in _sources else kind


def at_start_of(day: date) -> datetime:
    """A date as the start of that day in London, so dated and timed events sort together."""
    return timezone.make_aware(datetime.combine(day, time.min))


def chronology_for(child: Person, *, only: Iterable[str] | None = None) -> list[ChronologyEntry]:
    """The child's chronology, newest first, optionally limited to some kinds."""
    wanted = set(only) if only else None
    entries: list[ChronologyEntry] = []
    for source in _sources.values():
        if wanted is None or source.kind in wanted:
            entries.extend(source.entries(child))
    entries.sort(key=lambda entry: entry.occurred_at, reverse=True)
    return entries


# The casework app's own entries.


@register("case_note", "Case note")
def case_note_entries(child):
    for note in CaseNote.objects.filter(child=child).select_related("author"):
        yield ChronologyEntry(
            occurred_at=note.occurred_at, kind="case_note",
            title=f"{note.get_kind_display()}: {note.title}", summary=note.body[:300],
            by=str(note.author), url=reverse("casework:case_note", args=[child.pk, note.pk]),
        )


@register("allocation", "Allocation")
def allocation_entries(child):
    for allocation in Allocation.objects.filter(child=child).select_related("team", "worker"):
        worker = f" to {allocation.worker}" if allocation.worker else ""
        yield ChronologyEntry(
            occurred_at=at_start_of(allocation.started_on), kind="allocation",
            title=f"Allocated{worker} ({allocation.team})", summary=allocation.reason,
        )


@register("decision", "Decision")
def decision_entries(child):
    for decision in Decision.objects.filter(child=child).select_related("decided_by"):
        yield ChronologyEntry(
            occurred_at=decision.decided_at, kind="decision",
            title=f"Decision: {decision.outcome}", summary=decision.rationale[:300],
            by=str(decision.decided_by),
        )
