"""The child record's sections from the journey apps: each registers what the record shows of its work.

A section names the columns it needs as expressions over the child's own row (scalar subqueries with
`OuterRef("pk")`, or `hearth.core.rows.related_rows`), and a panel built from their values: the record reads every
section's columns in the one query that reads the child's details, however many apps add sections. A section that
cannot be said in columns (what is due, a union of every app's items) registers a provider that reads for itself,
in a fixed number of queries. The record shows them, in the order registered, after "Who is working with" the child.
Foundation code: people knows no journey app.
"""

from collections.abc import Callable
from dataclasses import dataclass

from hearth.core.panels import Panel


@dataclass(frozen=True)
class Section:
    name: str
    # The columns over the child's row, by name: called once per record, so subqueries can be built fresh.
    columns: Callable[[], dict] | None
    # panel(user, child, values) with values this section's columns by their own names; or, with no columns,
    # panel(user, child) reading for itself.
    panel: Callable


_sections: list[Section] = []


def register(provider: Callable) -> Callable:
    """Add a section that reads for itself: `provider(user, child) -> Panel | None`."""
    _sections.append(Section(name=provider.__module__ + "." + provider.__name__, columns=None, panel=provider))
    return provider


def register_columns(name: str, *, columns: Callable[[], dict], panel: Callable) -> Section:
    """Add a section read with the child's row: `columns()` its expressions, `panel(user, child, values)` its panel."""
    if any(section.name == name for section in _sections):
        raise ValueError(f"A record section {name!r} is already registered")
    section = Section(name=name, columns=columns, panel=panel)
    _sections.append(section)
    return section


def columns() -> dict:
    """Every section's columns, each name prefixed by its section's place, for the record's one query."""
    return {f"s{index}__{column}": expression for index, section in enumerate(_sections) if section.columns
            for column, expression in section.columns().items()}


def names() -> tuple[str, ...]:
    """The sections with columns, in order: what `columns()` reads, for a query prepared from it."""
    return tuple(section.name for section in _sections if section.columns)


def sections_for(user, child, values: dict | None = None) -> list[Panel]:
    """The panels to show: `values` are the record query's values of `columns()`."""
    values = values or {}
    panels = []
    for index, section in enumerate(_sections):
        if section.columns is None:
            panel = section.panel(user, child)
        else:
            prefix = f"s{index}__"
            panel = section.panel(user, child, {name[len(prefix):]: value for name, value in values.items()
                                                if name.startswith(prefix)})
        if panel is not None:
            panels.append(panel)
    return panels
