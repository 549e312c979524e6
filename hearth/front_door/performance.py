"""The leaders' view of the front door: how quickly contacts are decided, and what becomes of them.

Every figure is aggregated in the database over one period (whole London days, by default the last
12 complete Monday-to-Sunday weeks), in a handful of queries whatever the size of the history: each
week is a range of a covering index between two London midnights (summer time included), the time to
decision comes back as a count per tenth of an hour, and facts recorded with each row (a re-contact,
a decision's source and team, the time a contact took) are read from covering indexes rather than worked
out again from the history. Each number carries the filters of the contacts behind it, so the page links every figure to its list
(`contacts_behind`), which applies the same conditions.

Definitions (the page shows them beside the figures):

* Received: contacts whose `received_at` falls in the period (or the week).
* Decided: contacts closed (their last child decided) in the period. A contact is decided on time if
  `closed_at <= decision_due_at`; the due moment is derived from the FIRST receipt in the contact's chain
  (1 working day, or 1 hour for immediate risk), so a contact closed and re-opened as a linked contact
  is late if the chain as a whole was late.
* Time to decision: hours of elapsed time (nights and weekends included, not working hours) from the
  chain's first receipt to the decision, to the nearest tenth of an hour, for contacts decided in the
  period: the median and the 90th percentile, both nearest-rank.
* Open contacts by age: contacts open now (whatever the period), by working days since the chain's
  first receipt: working days after the London date of receipt, up to and including today.
* Chains: contacts with `previous` set (new information on a closed contact).
* Re-contacts: children (matched to a record) on a contact received in the period who were on another
  contact received in the 365 days before it (chains included), as each child's row records it (recontacts.py).
* Outcomes by source: children's decisions (`ContactDecision`, one per child) made in the period, by the
  contact's referral source and the outcome.
* Consent dispensed with: contacts received in the period with consent dispensed with, by the reason.
* Recording: decisions made in the period with a rationale (always all of them: a decision cannot be saved
  without one), and contacts decided in the period with senior social worker advice recorded (the contact
  keeps when the first was recorded, `senior_advice_at`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cached_property

from django.db import connections
from django.db.models import Count, F, IntegerField, Q, QuerySet, Value

from hearth.core.jinja import govuk_date
from hearth.front_door import outcomes
from hearth.front_door.models import (
    AccommodationWish,
    ConsentDispensedReason,
    ConsentStatus,
    Contact,
    ContactChild,
    ContactDecision,
)
from hearth.reference.codes import ReferralSource
from hearth.timescales.clocks import LONDON, local_date
from hearth.timescales.selectors import council_calendar

WEEK_CHOICES = (4, 12, 26, 52)
DEFAULT_WEEKS = 12
MAX_DAYS = 731  # two years: a longer period is a return, not a page

# Open contacts' age, in working days since the chain's first receipt: (code, label, at least, at most).
AGE_BANDS = [
    ("under_1", "Under 1 working day", 0, 0),
    ("1_2", "1 to 2 working days", 1, 2),
    ("3_5", "3 to 5 working days", 3, 5),
    ("over_5", "Over 5 working days", 6, None),
]


def midnight(day: date) -> datetime:
    """The start of a London day, as an aware datetime."""
    return datetime.combine(day, time(0), tzinfo=LONDON)


@dataclass(frozen=True)
class Days:
    """Whole London days, first to last inclusive, and the moments that bound them."""

    first: date
    last: date

    @property
    def start_at(self) -> datetime:
        return midnight(self.first)

    @property
    def end_at(self) -> datetime:
        return midnight(self.last + timedelta(days=1))


@dataclass(frozen=True)
class Week(Days):
    """One Monday-to-Sunday week of a period, cut to the period at either end."""

    index: int = 0

    @property
    def phrase(self) -> str:
        return f"the week beginning {govuk_date(self.first)}" if self.label.startswith("Week") else self.label

    @property
    def label(self) -> str:
        if self.first.weekday() == 0 and (self.last - self.first).days == 6:
            return f"Week beginning {govuk_date(self.first)}"
        if self.first == self.last:
            return govuk_date(self.first)
        return f"{govuk_date(self.first)} to {govuk_date(self.last)}"


@dataclass(frozen=True)
class Period(Days):
    """The period a leaders' page reports on."""

    @property
    def monday(self) -> date:
        """The Monday of the period's first week: week numbers count from here."""
        return self.first - timedelta(days=self.first.weekday())

    @cached_property
    def weeks(self) -> list[Week]:
        weeks, index = [], 0
        while True:
            first = max(self.first, self.monday + timedelta(weeks=index))
            if first > self.last:
                return weeks
            weeks.append(Week(first, min(self.last, self.monday + timedelta(weeks=index, days=6)), index))
            index += 1

    def week_starting(self, day: date) -> Week | None:
        return next((week for week in self.weeks if week.first == day), None)

    @property
    def label(self) -> str:
        return f"{govuk_date(self.first)} to {govuk_date(self.last)}"

    @property
    def phrase(self) -> str:
        return f"the period {self.label}"

    @property
    def query(self) -> dict[str, str]:
        return {"from": self.first.isoformat(), "to": self.last.isoformat()}


def last_complete_weeks(weeks: int, today: date) -> Period:
    """The last `weeks` whole Monday-to-Sunday weeks before this one."""
    monday = today - timedelta(days=today.weekday())
    return Period(monday - timedelta(weeks=weeks), monday - timedelta(days=1))


# The conditions shared by the figures and the lists behind them ----------------------------------------------

CHAINED = Q(previous__isnull=False)
ON_TIME = Q(closed_at__isnull=False, closed_at__lte=F("decision_due_at"))
LATE = Q(closed_at__isnull=False, closed_at__gt=F("decision_due_at"))
STILL_OPEN = Q(closed_at__isnull=True)
TIMELINESS = {"on_time": ON_TIME, "late": LATE, "open": STILL_OPEN}


SENIOR_ADVICE = Q(senior_advice_at__isnull=False)


def recontacted(received: Days | None = None) -> QuerySet:
    """The ids of contacts (received in these days, if given) with a child on another contact in the 365 days before."""
    rows = ContactChild.objects.filter(recontact=True)
    if received is not None:
        rows = rows.filter(received_at__gte=received.start_at, received_at__lt=received.end_at)
    return rows.values("contact_id")


def age_cutoffs(now: datetime) -> dict[int, datetime]:
    """For k working days: contacts first received before the moment returned are at least k working days old."""
    calendar, today = council_calendar(), local_date(now)
    cutoffs = {}
    for band in AGE_BANDS:
        k = band[2]
        if k == 0:
            continue
        day = today
        while calendar.working_days_between(day, today) < k:
            day -= timedelta(days=1)
        cutoffs[k] = midnight(day + timedelta(days=1))
    return cutoffs


def age_q(code: str, now: datetime, cutoffs: dict[int, datetime] | None = None) -> Q:
    cutoffs = cutoffs or age_cutoffs(now)
    _, _, least, most = next(band for band in AGE_BANDS if band[0] == code)
    condition = Q()
    if least:
        condition &= Q(first_received_at__lt=cutoffs[least])
    if most is not None:
        condition &= Q(first_received_at__gte=cutoffs[most + 1])
    return condition


# Tables of figures ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    """One table cell: a label, or a figure with the filters of the contacts behind it."""

    text: str
    value: int | float | None = None
    query: dict[str, str] | None = None

    @property
    def csv(self) -> int | float | str:
        """A figure as a number (a spreadsheet keeps it a number, even a negative one), a label as its text."""
        if isinstance(self.value, float):
            return round(self.value, 1)
        return self.value if self.value is not None else self.text


@dataclass
class Table:
    name: str
    title: str
    definition: str
    head: list[str]
    rows: list[list[Cell]]
    chart_title: str = ""
    chart: list[tuple[str, float, str]] = field(default_factory=list)
    wide: bool = False


def label(text: str) -> Cell:
    return Cell(text)


def number(n: int, **query: str) -> Cell:
    return Cell(f"{n:,}", n, query)


def percent_of(n: int, whole: int) -> float | None:
    return None if not whole else 100 * n / whole


def percent_text(n: int, whole: int) -> str:
    """A whole-number percentage, halves rounded up (2 of 3 is 67%)."""
    return "Not applicable" if not whole else f"{(200 * n + whole) // (2 * whole)}%"


def share(n: int, whole: int, **query: str) -> Cell:
    value = percent_of(n, whole)
    return Cell(percent_text(n, whole), round(value, 1) if value is not None else None, query if whole else None)


def hours(value: float | None, **query: str) -> Cell:
    if value is None:
        return Cell("Not applicable", None, None)
    return Cell(f"{value:,.1f}", round(value, 1), query)


def nearest_rank(histogram: list[tuple[int, int]], fraction: tuple[int, int]) -> int | None:
    """The nearest-rank percentile of counted values, (value, how many) sorted by value: the smallest value with
    at least `fraction` (numerator, denominator) of all the values at or below it. None if there are none."""
    total = sum(count for _, count in histogram)
    if not total:
        return None
    rank = max(1, -(-fraction[0] * total // fraction[1]))
    seen = 0
    for value, count in histogram:
        seen += count
        if seen >= rank:
            return value
    return histogram[-1][0]


class Figures:
    """The front door's figures for one period, each query run once and only when a table needs it.

    Each count counts a column that cannot be null in the rows it counts and that the query's covering index
    holds: COUNT(id) would send PostgreSQL, whose indexes do not hold the id, to every row.
    """

    def __init__(self, period: Period, now: datetime):
        self.period = period
        self.now = now

    def _by_week(self, moment: str, **counts) -> dict[int, dict]:
        """Counts of the contacts whose `moment` falls in each week of the period, by the week's index.

        One query: a range of the covering index for each week, joined by UNION ALL, so no date arithmetic runs
        per row and nothing is sorted; the weeks' bounds are London midnights, summer time included.
        """
        weeks = [
            Contact.objects.filter(**{f"{moment}__gte": week.start_at, f"{moment}__lt": week.end_at}).order_by()
            .annotate(week=Value(week.index, output_field=IntegerField())).values("week").annotate(**counts)
            for week in self.period.weeks
        ]
        return {row["week"]: row for row in weeks[0].union(*weeks[1:], all=True)} if weeks else {}

    @cached_property
    def received(self) -> dict[int, dict]:
        """Contacts received in the period, by week: how many, how many chained, and of those how many still open."""
        return self._by_week("received_at", received=Count("received_at"), chained=Count("received_at", filter=CHAINED),
                             chained_open=Count("received_at", filter=CHAINED & STILL_OPEN))

    @cached_property
    def consent(self) -> dict[str, int]:
        """Contacts received in the period, and those with consent dispensed with, by the reason."""
        return Contact.objects.filter(received_at__gte=self.period.start_at, received_at__lt=self.period.end_at).aggregate(
            received=Count("received_at"),
            **{reason: Count("received_at", filter=Q(consent=ConsentStatus.DISPENSED, consent_dispensed_reason=reason))
               for reason in ConsentDispensedReason.values})

    @cached_property
    def decided(self) -> dict[int, dict]:
        """Contacts decided in the period, by week: on time or late from the first receipt, chained, advised."""
        return self._by_week("closed_at", decided=Count("closed_at"), on_time=Count("closed_at", filter=ON_TIME),
                             chained=Count("closed_at", filter=CHAINED),
                             chained_on_time=Count("closed_at", filter=CHAINED & ON_TIME))

    @cached_property
    def advice(self) -> dict[str, int]:
        """Contacts decided in the period, and those with senior social worker advice recorded."""
        return Contact.objects.filter(closed_at__gte=self.period.start_at, closed_at__lt=self.period.end_at).aggregate(
            decided=Count("closed_at"), advised=Count("closed_at", filter=SENIOR_ADVICE))

    def total(self, table: dict[int, dict], key: str) -> int:
        return sum(row[key] for row in table.values())

    @cached_property
    def tenths_to_decision(self) -> list[tuple[int, int]]:
        """How many contacts decided in the period took each time from the chain's first receipt, in tenths of an hour.

        Counted in the database: a row per tenth of an hour taken, not a row per decision.
        """
        return list(
            Contact.objects.filter(closed_at__gte=self.period.start_at, closed_at__lt=self.period.end_at)
            .values("tenths_to_decision").annotate(decisions=Count("closed_at"))
            .values_list("tenths_to_decision", "decisions").order_by("tenths_to_decision")
        )

    @cached_property
    def open_by_age(self) -> dict[str, int]:
        """Contacts open now, by working days since the chain's first receipt (not limited to the period)."""
        cutoffs = age_cutoffs(self.now)  # the calendar read once for every band
        return Contact.objects.filter(STILL_OPEN).aggregate(
            **{code: Count("first_received_at", filter=age_q(code, self.now, cutoffs)) for code, *_ in AGE_BANDS})

    @cached_property
    def decisions(self) -> list[dict]:
        """Children's decisions in the period, by the contact's source and the outcome, with how many have a rationale.

        Each decision carries its contact's source and whether it has a rationale, so this reads one index.
        """
        return list(
            ContactDecision.objects.filter(decided_at__gte=self.period.start_at, decided_at__lt=self.period.end_at)
            .values("source", "outcome")
            .annotate(decisions=Count("decided_at"), with_rationale=Count("decided_at", filter=Q(has_rationale=True)))
            .order_by()
        )

    @cached_property
    def recontacts(self) -> dict[str, int]:
        """Contacts received in the period, and the children on them re-contacted within 365 days (and their contacts)."""
        start, end = self.period.start_at, self.period.end_at
        return {
            "received": Contact.objects.filter(received_at__gte=start, received_at__lt=end).count(),
            **ContactChild.objects.filter(received_at__gte=start, received_at__lt=end, recontact=True)
            .aggregate(recontact_children=Count("child_id", distinct=True),
                       recontact_contacts=Count("contact_id", distinct=True)),
        }


    @cached_property
    def homeless_rights(self) -> dict[str, int]:
        """Children's decisions in the period for 16- and 17-year-olds presenting as homeless, each of which records
        when and how they were told their rights and entitlements: how many, given written information, and by what
        they want."""
        return ContactDecision.objects.filter(
            decided_at__gte=self.period.start_at, decided_at__lt=self.period.end_at, rights_told_on__isnull=False,
        ).aggregate(told=Count("decided_at"), written=Count("decided_at", filter=Q(rights_written=True)),
                    **{wish.value: Count("decided_at", filter=Q(accommodation_wish=wish.value))
                       for wish in AccommodationWish})


def _week_rows(figures: Figures, table: dict[int, dict]) -> list[tuple[Week, dict]]:
    empty = defaultdict(int)
    return [(week, table.get(week.index, empty)) for week in figures.period.weeks]


def received_table(figures: Figures) -> Table:
    rows, chart = [], []
    for week, row in _week_rows(figures, figures.received):
        when = {"basis": "received", "week": week.first.isoformat()}
        rows.append([label(week.label), number(row["received"], **when), number(row["chained"], **when, chain="yes")])
        chart.append((week.label, row["received"], f"{row['received']:,}"))
    received, chained = figures.total(figures.received, "received"), figures.total(figures.received, "chained")
    rows.append([label("Total"), number(received, basis="received"), number(chained, basis="received", chain="yes")])
    return Table(
        "received", "Contacts received each week",
        "Contacts whose time of receipt falls in each week (Monday to Sunday; the first and last may be part weeks).",
        ["Week", "Contacts received", "Of which linked to a closed contact"], rows,
        chart_title="Contacts received each week", chart=chart,
    )


def _timeliness_row(name: str, decided: int, on_time: int, **query: str) -> list[Cell]:
    return [label(name), number(decided, basis="decided", **query),
            number(on_time, basis="decided", timeliness="on_time", **query),
            share(on_time, decided, basis="decided", timeliness="on_time", **query),
            number(decided - on_time, basis="decided", timeliness="late", **query)]


def timeliness_table(figures: Figures) -> Table:
    decided, on_time = figures.total(figures.decided, "decided"), figures.total(figures.decided, "on_time")
    chained, chained_on_time = figures.total(figures.decided, "chained"), figures.total(figures.decided, "chained_on_time")
    rows = [
        _timeliness_row("All contacts decided", decided, on_time),
        _timeliness_row("Linked to a closed contact (timed from the chain's first receipt)", chained, chained_on_time,
                        chain="yes"),
        _timeliness_row("Not linked", decided - chained, on_time - chained_on_time, chain="no"),
    ]
    chart = [(row[0].text, row[3].value or 0, row[3].text) for row in rows]
    return Table(
        "timeliness", "Decisions within one working day",
        "Contacts decided (closed) in the period. A contact is on time if it was decided by its due moment: the end "
        "of the working day after the first receipt in its chain, or one hour after it for immediate risk. "
        "Linked contacts are included in all contacts, and their lateness counts from the first receipt.",
        ["Contacts", "Decided", "On time", "On time (%)", "Late"], rows,
        chart_title="Contacts decided on time (%)", chart=chart,
    )


def timeliness_weekly_table(figures: Figures) -> Table:
    rows, chart = [], []
    for week, row in _week_rows(figures, figures.decided):
        cells = _timeliness_row(week.label, row["decided"], row["on_time"], week=week.first.isoformat())
        rows.append(cells)
        chart.append((week.label, cells[3].value or 0, cells[3].text))
    return Table(
        "timeliness_weekly", "Decisions on time each week",
        "Contacts decided (closed) in each week, and how many were decided by their due moment.",
        ["Week", "Decided", "On time", "On time (%)", "Late"], rows,
        chart_title="Contacts decided on time each week (%)", chart=chart,
    )


def time_to_decision_table(figures: Figures) -> Table:
    counted = figures.tenths_to_decision
    median, ninetieth = nearest_rank(counted, (1, 2)), nearest_rank(counted, (9, 10))
    decided = sum(count for _, count in counted)
    rows = [
        [label("Contacts decided"), number(decided, basis="decided")],
        [label("Median"), hours(median / 10 if median is not None else None, basis="decided")],
        [label("90th percentile"), hours(ninetieth / 10 if ninetieth is not None else None, basis="decided")],
    ]
    chart = [(row[0].text, row[1].value or 0, f"{row[1].text} hours" if row[1].value is not None else row[1].text)
             for row in rows[1:]]
    return Table(
        "time_to_decision", "Time to decision",
        "Elapsed hours (nights and weekends included, not working hours) from the first receipt in the contact's "
        "chain to the decision, for contacts decided in the period, each to the nearest tenth of an hour. The median "
        "and the 90th percentile are nearest-rank values: half, and 9 in 10, of the decisions took no longer.",
        ["Measure", "Hours from the first receipt"], rows,
        chart_title="Hours from the first receipt to the decision", chart=chart,
    )


def open_by_age_table(figures: Figures) -> Table:
    ages = figures.open_by_age
    rows = [[label(name), number(ages[code], basis="open", age=code)] for code, name, *_ in AGE_BANDS]
    rows.append([label("Total"), number(sum(ages.values()), basis="open")])
    return Table(
        "open_by_age", "Open contacts by age",
        "Contacts open now (whatever the period chosen), by working days since the first receipt in their chain.",
        ["Age", "Open contacts"], rows,
        chart_title="Open contacts by age", chart=[(name, ages[code], f"{ages[code]:,}") for code, name, *_ in AGE_BANDS],
    )


def chains_table(figures: Figures) -> Table:
    received = figures.total(figures.received, "chained")
    still_open = figures.total(figures.received, "chained_open")
    decided = figures.total(figures.decided, "chained")
    on_time = figures.total(figures.decided, "chained_on_time")
    rows = [
        [label("Linked contacts received in the period"), number(received, basis="received", chain="yes")],
        [label("of which still open"), number(still_open, basis="received", chain="yes", timeliness="open")],
        [label("Linked contacts decided in the period"), number(decided, basis="decided", chain="yes")],
        [label("decided on time, from the first receipt"), number(on_time, basis="decided", chain="yes", timeliness="on_time")],
        [label("decided late, from the first receipt"), number(decided - on_time, basis="decided", chain="yes",
                                                               timeliness="late")],
        [label("Share decided on time"), share(on_time, decided, basis="decided", chain="yes", timeliness="on_time")],
    ]
    return Table(
        "chains", "Contacts closed and followed by a new contact",
        "A linked contact records new information on a closed contact. Its decision is due from the first receipt in "
        "the chain, so closing and re-opening never restarts the clock: these late decisions are included in the "
        "timeliness figures above.",
        ["Linked contacts", "Contacts"], rows,
        chart_title="Linked contacts decided in the period",
        chart=[("On time", on_time, f"{on_time:,}"), ("Late", decided - on_time, f"{decided - on_time:,}")],
    )


def recontacts_table(figures: Figures) -> Table:
    totals = figures.recontacts
    received, repeat = totals["received"], totals["recontact_contacts"]
    rows = [
        [label("Children with another contact in the 365 days before"),
         number(totals["recontact_children"], basis="received", recontact="yes")],
        [label("Contacts about a child re-contacted"), number(repeat, basis="received", recontact="yes")],
        [label("Contacts received in the period"), number(received, basis="received")],
        [label("Share of contacts that were re-contacts"), share(repeat, received, basis="received", recontact="yes")],
    ]
    return Table(
        "recontacts", "Re-contacts within 12 months",
        "Children matched to a record on a contact received in the period who were on another contact received in "
        "the 365 days before it (new information on a closed contact counts), and the contacts about them. Each "
        "list shows the contacts.",
        ["Measure", "Number"], rows,
        chart_title="Contacts received in the period",
        chart=[("About a child re-contacted within 12 months", repeat, f"{repeat:,}"),
               ("Not a re-contact", received - repeat, f"{received - repeat:,}")],
    )


def outcomes_by_source_table(figures: Figures) -> Table:
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for row in figures.decisions:
        counts[(row["source"], row["outcome"])] += row["decisions"]
    codes = [o.code for o in outcomes.all_outcomes()]
    codes += sorted({outcome for _, outcome in counts} - set(codes))
    sources = [code for code in ReferralSource.values if any(counts[(code, o)] for o in codes)]
    rows = []
    for source in sources:
        row = [label(ReferralSource(source).label)]
        row += [number(counts[(source, o)], basis="decisions", source=source, outcome=o) for o in codes]
        row.append(number(sum(counts[(source, o)] for o in codes), basis="decisions", source=source))
        rows.append(row)
    by_outcome = {o: sum(counts[(s, o)] for s in sources) for o in codes}
    rows.append([label("All sources")] + [number(by_outcome[o], basis="decisions", outcome=o) for o in codes]
                + [number(sum(by_outcome.values()), basis="decisions")])
    return Table(
        "outcomes_by_source", "Outcomes by source",
        "Children's decisions made in the period (one for each child on a contact), by the contact's referral source "
        "and the outcome decided.",
        ["Source"] + [outcomes.label(o) for o in codes] + ["Total"], rows,
        chart_title="Children's decisions by outcome",
        chart=[(outcomes.label(o), by_outcome[o], f"{by_outcome[o]:,}") for o in codes], wide=True,
    )


def consent_table(figures: Figures) -> Table:
    counts = figures.consent
    received = counts["received"]
    rows, chart, total = [], [], 0
    for reason in ConsentDispensedReason:
        n = counts[reason.value]
        total += n
        rows.append([label(reason.label), number(n, basis="received", consent_reason=reason.value),
                     share(n, received, basis="received", consent_reason=reason.value)])
        chart.append((reason.label, n, f"{n:,}"))
    rows.append([label("All reasons"), number(total, basis="received", consent_reason="any"),
                 share(total, received, basis="received", consent_reason="any")])
    return Table(
        "consent_dispensed", "Consent dispensed with",
        "Contacts received in the period with consent dispensed with, by the reason, and as a share of all contacts "
        "received. Each is confirmed by a team manager before any decision; open ones may still await it.",
        ["Reason", "Contacts", "Share of contacts received"], rows,
        chart_title="Consent dispensed with, by reason", chart=chart,
    )


def recording_table(figures: Figures) -> Table:
    decisions = sum(row["decisions"] for row in figures.decisions)
    with_rationale = sum(row["with_rationale"] for row in figures.decisions)
    decided, advised = figures.advice["decided"], figures.advice["advised"]
    rows = [
        [label("Children's decisions with a recorded rationale"),
         number(with_rationale, basis="decisions", rationale="yes"), number(decisions, basis="decisions"),
         share(with_rationale, decisions, basis="decisions", rationale="yes")],
        [label("Contacts decided with senior social worker advice recorded"),
         number(advised, basis="decided", advice="yes"), number(decided, basis="decided"),
         share(advised, decided, basis="decided", advice="yes")],
    ]
    return Table(
        "recording", "Decisions and advice on record",
        "Every decision records who decided, when and why: a decision cannot be saved without a rationale, so the "
        "first share is always 100%. The second is the share of contacts decided in the period with senior social "
        "worker advice recorded on them.",
        ["Measure", "Recorded", "Out of", "Share"], rows,
        chart_title="Share recorded (%)",
        chart=[("Decisions with a rationale", rows[0][3].value or 0, rows[0][3].text),
               ("Contacts with senior social worker advice", rows[1][3].value or 0, rows[1][3].text)],
    )


def homeless_rights_table(figures: Figures) -> Table:
    counts = figures.homeless_rights
    told = counts["told"]
    rows = [[label("Told their rights and entitlements"), number(told, basis="decisions", rights="any"),
             share(told, told, basis="decisions", rights="any")],
            [label("Given written information for their age"), number(counts["written"], basis="decisions",
                                                                      rights="written"),
             share(counts["written"], told, basis="decisions", rights="written")]]
    rows += [[label(wish.label), number(counts[wish.value], basis="decisions", rights=wish.value),
              share(counts[wish.value], told, basis="decisions", rights=wish.value)] for wish in AccommodationWish]
    return Table(
        "homeless_rights", "16- and 17-year-olds presenting as homeless",
        "Children's decisions in the period for a 16- or 17-year-old on a contact saying they present as homeless. "
        "No such decision is saved until it records when and how they were told their rights and entitlements, "
        "including to be accommodated by the council, so every one of them was told; the rows below say whether "
        "they were given written information for their age and what they want, as shares of those told.",
        ["Children's decisions", "Number", "Share of those told"], rows,
        chart_title="What they want (%)", chart=[(row[0].text, row[2].value or 0, row[2].text) for row in rows[2:]],
    )


TABLES = {
    "received": received_table,
    "timeliness": timeliness_table,
    "timeliness_weekly": timeliness_weekly_table,
    "time_to_decision": time_to_decision_table,
    "open_by_age": open_by_age_table,
    "chains": chains_table,
    "recontacts": recontacts_table,
    "outcomes_by_source": outcomes_by_source_table,
    "consent_dispensed": consent_table,
    "recording": recording_table,
    "homeless_rights": homeless_rights_table,
}


# The page shows the figures in three parts, each read in its own few queries.
VIEWS = {
    "timeliness": ("Timeliness", ["received", "timeliness", "timeliness_weekly", "chains", "time_to_decision",
                                  "open_by_age"]),
    "outcomes": ("Outcomes and recording", ["outcomes_by_source", "consent_dispensed", "recording",
                                            "homeless_rights"]),
    "recontacts": ("Re-contacts", ["recontacts"]),
}
DEFAULT_VIEW = "timeliness"


def report(period: Period, now: datetime, view: str = DEFAULT_VIEW) -> list[Table]:
    figures = Figures(period, now)
    return [TABLES[name](figures) for name in VIEWS[view][1]]


def table(name: str, period: Period, now: datetime) -> Table:
    return TABLES[name](Figures(period, now))


# The contacts behind a figure ------------------------------------------------------------------------------------

BASES = {"received": "Received in", "decided": "Decided in", "decisions": "With a child's decision made in",
         "open": "Open now"}


@dataclass(frozen=True)
class ContactFilters:
    """The filters of the list behind one figure, as its link carries them."""

    period: Period
    basis: str = "received"
    week: Week | None = None
    timeliness: str = ""  # on_time, late, open
    chain: str = ""  # yes, no
    recontact: bool = False
    source: str = ""
    outcome: str = ""
    consent_reason: str = ""  # a reason, or "any"
    age: str = ""
    advice: str = ""  # yes, no
    rationale: bool = False
    rights: str = ""  # a homeless 16- or 17-year-old told their rights: "any", "written", or what they want

    def describe(self) -> list[str]:
        """The filters in words, for the list's heading."""
        span = self.week.phrase if self.week else self.period.phrase
        words = ["Open now" if self.basis == "open" else f"{BASES[self.basis]} {span}"]
        if self.age:
            words.append(next(name for code, name, *_ in AGE_BANDS if code == self.age).lower() + " since the first receipt")
        words += {"on_time": ["decided on time (from the first receipt)"], "late": ["decided late (from the first receipt)"],
                  "open": ["still open"]}.get(self.timeliness, [])
        words += {"yes": ["linked to a closed contact"], "no": ["not linked to a closed contact"]}.get(self.chain, [])
        if self.recontact:
            words.append("about a child on another contact in the 365 days before")
        if self.source:
            words.append(f"from {ReferralSource(self.source).label}")
        if self.outcome:
            words.append(f"outcome: {outcomes.label(self.outcome)}")
        if self.consent_reason == "any":
            words.append("consent dispensed with")
        elif self.consent_reason:
            words.append(f"consent dispensed with: {ConsentDispensedReason(self.consent_reason).label}")
        if self.advice:
            words.append("with senior social worker advice" if self.advice == "yes" else "without senior social worker advice")
        if self.rationale:
            words.append("decision has a recorded rationale")
        if self.rights:
            words.append("a 16- or 17-year-old presenting as homeless, told their rights and entitlements")
            if self.rights == "written":
                words.append("given written information for their age")
            elif self.rights != "any":
                words.append(f"what they want: {AccommodationWish(self.rights).label}")
        return words


def _decisions_behind(filters: ContactFilters) -> QuerySet[ContactDecision]:
    """The children's decisions made in the window with the outcome, source and rationale the filters ask for."""
    window = filters.week or filters.period
    decisions = ContactDecision.objects.filter(decided_at__gte=window.start_at, decided_at__lt=window.end_at)
    if filters.outcome:
        decisions = decisions.filter(outcome=filters.outcome)
    if filters.source:
        decisions = decisions.filter(source=filters.source)  # the contact's, kept with each decision
    if filters.rationale:
        decisions = decisions.filter(has_rationale=True)
    if filters.rights:
        decisions = decisions.filter(rights_told_on__isnull=False)
        if filters.rights == "written":
            decisions = decisions.filter(rights_written=True)
        elif filters.rights != "any":
            decisions = decisions.filter(accommodation_wish=filters.rights)
    return decisions


class FirstOfEach:
    """The ids a one-column query gives, each once, where it first appears, for a paginator: its count is counted by
    the database (COUNT DISTINCT), and a page is read from the front of the query's own order, only as far as the
    page's last id. A period's list runs to tens of thousands of rows: read whole and made unique here, their
    transfer and the work for each row had cost more than the query itself."""

    def __init__(self, ids: QuerySet):
        self.ids = ids
        self.column = ids.query.values_select[0]

    def count(self) -> int:
        return self.ids.order_by().aggregate(n=Count(self.column, distinct=True))["n"]

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, wanted: slice) -> list[int]:
        # Each read takes four times as many rows as the last until it holds the page's last id or the query ends: a
        # contact has a row for each of its children, so a page of fifty rarely needs more than the first read.
        needed = wanted.stop
        limit = max(4 * needed, 200)
        while True:
            sql, params = self.ids[:limit].query.sql_with_params()
            with connections[self.ids.db].cursor() as cursor:
                cursor.execute(sql, params)
                rows = cursor.fetchall()
            unique = list(dict.fromkeys(row[0] for row in rows))
            if len(unique) >= needed or len(rows) < limit:
                return unique[wanted]
            limit *= 4


def contact_ids_behind(filters: ContactFilters, now: datetime) -> QuerySet | FirstOfEach:
    """The ids of `contacts_behind`, in the list's order: the list's pages are read from here, then loaded.

    A list of decisions' contacts with no condition on the contacts themselves (the figures' own links) is read
    from the decisions' index alone, in the order of each contact's first decision in the window; the re-contacts'
    list from the children's rows alone.
    """
    contact_side = (filters.timeliness, filters.chain, filters.recontact, filters.consent_reason, filters.age,
                    filters.advice)
    if filters.basis == "decisions" and not any(contact_side):
        # The decisions' contacts in the index's order of decision time, each kept where it first appears: one read
        # of the index, where grouping by contact (for the count, then again for the page) sorted every row twice.
        return FirstOfEach(_decisions_behind(filters).order_by("decided_at", "contact_id").values_list("contact_id"))
    others = (filters.timeliness, filters.chain, filters.consent_reason, filters.age, filters.advice, filters.source,
              filters.outcome, filters.rationale, filters.rights)
    if filters.basis == "received" and filters.recontact and not any(others):
        # The re-contacted children's rows carry their contact's receipt time (ADR 0005), so the contacts received in
        # the window with a re-contacted child, in the list's order (receipt, then id), come from their partial index
        # alone, each kept where it first appears.
        window = filters.week or filters.period
        return FirstOfEach(ContactChild.objects.filter(recontact=True, received_at__gte=window.start_at,
                                                       received_at__lt=window.end_at)
                           .order_by("received_at", "contact_id").values_list("contact_id"))
    return contacts_behind(filters, now).values_list("pk", flat=True)


def contacts_behind(filters: ContactFilters, now: datetime) -> QuerySet[Contact]:
    """Exactly the contacts counted in the figure these filters came from."""
    window = filters.week or filters.period
    start, end = window.start_at, window.end_at
    contacts = Contact.objects.all()
    order = ["received_at", "pk"]
    if filters.basis == "received":
        contacts = contacts.filter(received_at__gte=start, received_at__lt=end)
    elif filters.basis == "decided":
        contacts = contacts.filter(closed_at__gte=start, closed_at__lt=end)
        order = ["closed_at", "pk"]
    elif filters.basis == "decisions":
        decisions = _decisions_behind(filters)
        # The period's decisions name their contacts in an index. A contact closes with its last child's decision,
        # so it closed no earlier than the period began, or is still open; saying so, and putting the open ones
        # first (an order no index gives), keeps the database from walking every contact ever closed for a page.
        contacts = contacts.filter(pk__in=decisions.values("contact_id")).filter(Q(closed_at__gte=start) | STILL_OPEN)
        order = [F("closed_at").asc(nulls_first=True), "pk"]
    else:
        contacts = contacts.filter(STILL_OPEN)
        if filters.age:
            contacts = contacts.filter(age_q(filters.age, now))
        order = ["decision_due_at", "pk"]
    if filters.timeliness:
        contacts = contacts.filter(TIMELINESS[filters.timeliness])
    if filters.chain == "yes":
        contacts = contacts.filter(CHAINED)
    elif filters.chain == "no":
        contacts = contacts.exclude(CHAINED)
    if filters.recontact:
        contacts = contacts.filter(pk__in=recontacted(window if filters.basis == "received" else None))
    if filters.source:
        contacts = contacts.filter(source=filters.source)
    if filters.consent_reason:
        contacts = contacts.filter(consent=ConsentStatus.DISPENSED)
        if filters.consent_reason != "any":
            contacts = contacts.filter(consent_dispensed_reason=filters.consent_reason)
    if filters.advice == "yes":
        contacts = contacts.filter(SENIOR_ADVICE)
    elif filters.advice == "no":
        contacts = contacts.exclude(SENIOR_ADVICE)
    return contacts.order_by(*order)
