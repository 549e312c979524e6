"""The live measures an action's evidence can point to, read from the apps that compute them (never re-computed).

Each measure is one table of the front door's leaders' view (`hearth/front_door/performance.py`). A report as of
a date reads the 12 complete weeks up to that date, through one set of the front door's figures whatever the
number of measures, so a report's query count does not grow with its evidence.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from hearth.front_door import performance
from hearth.timescales.clocks import end_of_day


@dataclass(frozen=True)
class Measure:
    code: str
    title: str
    table: str
    view: str

    def url(self, period: performance.Period | None = None) -> str:
        query = {**(period.query if period else {}), "view": self.view}
        return f"{reverse('front_door:performance')}?{urlencode(query)}#{self.table}"


@dataclass(frozen=True)
class Reading:
    """A measure's figures as they stood on a day: its table's rows, each a label and (heading, figure) pairs."""

    measure: Measure
    period: performance.Period
    rows: list[tuple[str, list[tuple[str, str]]]]

    @property
    def url(self) -> str:
        return self.measure.url(self.period)


_measures: dict[str, Measure] = {}


def register(measure: Measure) -> Measure:
    if measure.code in _measures:
        raise ValueError(f"A measure {measure.code!r} is already registered")
    _measures[measure.code] = measure
    return measure


def codes() -> list[str]:
    return list(_measures)


def get(code: str) -> Measure:
    return _measures[code]


def choices() -> list[tuple[str, str]]:
    return [(m.code, m.title) for m in _measures.values()]


for _code, _table, _view, _title in [
    ("front_door.timeliness", "timeliness", "timeliness", "Front door: decisions within one working day"),
    ("front_door.chains", "chains", "timeliness", "Front door: contacts closed and followed by a new contact"),
    ("front_door.time_to_decision", "time_to_decision", "timeliness", "Front door: time to decision"),
    ("front_door.open_by_age", "open_by_age", "timeliness", "Front door: open contacts by age"),
    ("front_door.recording", "recording", "outcomes", "Front door: decisions and advice on record"),
    ("front_door.consent_dispensed", "consent_dispensed", "outcomes", "Front door: consent dispensed with"),
    ("front_door.recontacts", "recontacts", "recontacts", "Front door: re-contacts within 12 months"),
    ("front_door.homeless_rights", "homeless_rights", "outcomes",
     "Front door: 16- and 17-year-olds presenting as homeless, told their rights"),
]:
    register(Measure(code=_code, title=_title, table=_table, view=_view))


def readings_as_of(wanted: list[str], as_of: date, now: datetime | None = None) -> dict[str, Reading]:
    """Each wanted measure's figures for the 12 complete weeks up to `as_of` (to now, if that is sooner)."""
    wanted = [code for code in dict.fromkeys(wanted) if code in _measures]
    if not wanted:
        return {}
    now = min(now or timezone.now(), end_of_day(as_of))
    period = performance.last_complete_weeks(performance.DEFAULT_WEEKS, as_of)
    figures = performance.Figures(period, now)
    readings = {}
    for code in wanted:
        measure = _measures[code]
        table = performance.TABLES[measure.table](figures)
        rows = [(row[0].text, [(head, cell.text) for head, cell in zip(table.head[1:], row[1:], strict=False)])
                for row in table.rows]
        readings[code] = Reading(measure=measure, period=period, rows=rows)
    return readings


# The live measures placed beside each area of the self-evaluation (areas with none yet show none).
AREA_MEASURES = {
    "help_and_protection": ["front_door.timeliness", "front_door.chains", "front_door.consent_dispensed",
                            "front_door.recontacts", "front_door.homeless_rights"],
    "leaders": ["front_door.recording"],
}

# The audit themes whose findings are placed beside each area of the self-evaluation.
AREA_AUDIT_THEMES = {
    "help_and_protection": "Help and protection",
    "children_in_care": "Children in care",
    "care_leavers": "Care leavers",
    "leaders": "Leadership",
}
