"""Test-only sources of due items over the foundation's own models, with made-up due days.

No journey app registers a due item in this app's tests, so these stand in for them: a visit due on the day an
involvement started (measured by a working-day clock whose amber rule is 2 working days), a plan review due on the
day an allocation started (no clock), and a decision awaiting a manager on the day a case note's event happened.
"""

from django.db.models.functions import TruncDate

from hearth.casework import due
from hearth.casework.models import Allocation, CaseNote, Involvement
from hearth.timescales import clocks
from hearth.timescales.clocks import Clock, Unit

VISIT_CLOCK = Clock(code="test.visit", name="Test visit", starts_at="An involvement starting", amount=10,
                    unit=Unit.WORKING_DAYS, reference="Made up for the tests", amber_within=2)


def _visit(row: due.Row) -> due.DueItem:
    return due.DueItem(kind=row.kind, label="", child_id=row.child_id, due_on=row.due_on, awaits=row.awaits,
                       title=f"Visit as {row.fields['role']}", url=f"/children/{row.child_id}/")


def _review(row: due.Row) -> due.DueItem:
    return due.DueItem(kind=row.kind, label="", child_id=row.child_id, due_on=row.due_on, awaits=row.awaits,
                       title=f"Review the plan of team {row.fields['team']}", url=f"/children/{row.child_id}/chronology")


def _authorise(row: due.Row) -> due.DueItem:
    return due.DueItem(kind=row.kind, label="", child_id=row.child_id, due_on=row.due_on, awaits=row.awaits,
                       title=f"Authorise: {row.fields['title']}",
                       url=f"/children/{row.child_id}/case-notes/{row.id}")


def register_test_sources(monkeypatch) -> None:
    """An empty registry with the three test sources and the test clock, put back as they were when the test ends."""
    monkeypatch.setattr(due, "_sources", {})
    monkeypatch.setitem(clocks._registry._clocks, VISIT_CLOCK.code, VISIT_CLOCK)
    due.register("test.visit", "Visit", clock=VISIT_CLOCK.code, item=_visit, rows=lambda: due.shape(
        Involvement.objects.filter(ended_on__isnull=True), child="child_id", due_on="started_on", role="role"))
    due.register("test.review", "Plan review", item=_review, rows=lambda: due.shape(
        Allocation.objects.filter(ended_on__isnull=True), child="child_id", due_on="started_on", team="team_id"))
    due.register("test.authorise", "Decision to make", item=_authorise, rows=lambda: due.shape(
        CaseNote.objects.filter(kind="visit"), child="child_id", due_on=TruncDate("occurred_at"),
        awaits=due.Awaits.MANAGER, title="title"))
