"""The "what is due" registry: every source in one UNION ALL query, soonest first, coloured by its clock, and read
for a worker's children, a manager's teams or one child, never naming a restricted child without a grant."""

from datetime import date, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conftest import allocate, make_child, make_user
from hearth.accounts.models import AccessGrant
from hearth.accounts.roles import RoleCode
from hearth.casework import due
from hearth.casework.models import Allocation, CaseNote, Involvement, InvolvementRole
from hearth.casework.tests.due_sources import VISIT_CLOCK
from hearth.timescales import clocks
from hearth.timescales.calendar import calendar_for
from hearth.timescales.clocks import Rag

TODAY = date(2026, 12, 23)  # a Wednesday: Christmas Day is a Friday, and Boxing Day's holiday the Monday after


def involve(child, worker, by, *, on: date, role=InvolvementRole.IRO, ended_on=None) -> Involvement:
    return Involvement.objects.create(child=child, worker=worker, role=role, started_on=on, ended_on=ended_on,
                                      recorded_by=by)


def allocation_due(child, on: date) -> None:
    """Move the (test) plan review of the child's current allocation to this day."""
    Allocation.objects.filter(child=child, ended_on__isnull=True).update(started_on=on)


def note_to_authorise(child, author, *, on: date, title="Assessment") -> CaseNote:
    return CaseNote.objects.create(child=child, author=author, kind="visit", title=title, body="For the test.",
                                   occurred_at=timezone.make_aware(datetime.combine(on, datetime.min.time().replace(hour=12))))


def kinds_and_children(rows):
    return [(row.kind, row.child_id) for row in rows]


# --- One query, soonest first ----------------------------------------------------------------------------------------


def test_every_source_is_read_in_one_union_all_query_however_many_there_are(council, due_sources):
    involve(council.allocated, council.worker, council.manager, on=TODAY)
    note_to_authorise(council.allocated, council.worker, on=TODAY)
    with CaptureQueriesContext(connection) as queries:
        rows = due.for_child(council.allocated.pk)
    assert len(queries) == 1
    assert "UNION ALL" in queries[0]["sql"].upper()
    assert {row.kind for row in rows} == {"test.visit", "test.review", "test.authorise"}


def test_a_registry_with_no_sources_reads_nothing(council, monkeypatch):
    monkeypatch.setattr(due, "_sources", {})
    with CaptureQueriesContext(connection) as queries:
        assert due.for_worker(council.worker) == []
    assert len(queries) == 0


def test_items_come_soonest_first_across_sources(council, due_sources):
    allocation_due(council.allocated, TODAY + timedelta(days=5))
    involve(council.allocated, council.worker, council.manager, on=TODAY - timedelta(days=2))
    note_to_authorise(council.allocated, council.worker, on=TODAY + timedelta(days=1))
    rows = due.for_child(council.allocated.pk)
    assert [(row.kind, row.due_on) for row in rows] == [
        ("test.visit", TODAY - timedelta(days=2)), ("test.authorise", TODAY + timedelta(days=1)),
        ("test.review", TODAY + timedelta(days=5))]
    assert rows[0].fields == {"role": InvolvementRole.IRO.value}


def test_a_kind_registers_once_and_names_a_clock_that_exists(council, due_sources):
    with pytest.raises(ValueError, match="already registered"):
        due.register("test.visit", "Again", rows=lambda: None, item=lambda row: None)
    with pytest.raises(clocks.UnknownClockError):
        due.register("test.other", "Other", rows=lambda: None, item=lambda row: None, clock="no.such.clock")


# --- RAG from the source's clock, in working days -------------------------------------------------------------------


def test_an_item_is_red_once_past_its_day_amber_within_its_clocks_working_days_across_a_bank_holiday_else_green(
        due_sources):
    visit = due._sources["test.visit"]
    calendar = calendar_for()
    assert VISIT_CLOCK.amber_within == 2
    assert due.rag_for(visit, TODAY - timedelta(days=1), TODAY, calendar) is Rag.RED
    assert due.rag_for(visit, TODAY, TODAY, calendar) is Rag.AMBER
    # Tuesday 29 December is six days away but two working days (Christmas Eve, then the 29th: the 25th and the
    # 28th are bank holidays), so amber; counting weekdays alone would make it four, and green.
    assert calendar.working_days_between(TODAY, date(2026, 12, 29)) == 2
    assert due.rag_for(visit, date(2026, 12, 29), TODAY, calendar) is Rag.AMBER
    assert due.rag_for(visit, date(2026, 12, 30), TODAY, calendar) is Rag.GREEN


def test_a_local_closure_day_counts_as_a_non_working_day_for_amber(due_sources):
    visit = due._sources["test.visit"]
    # Wednesday 30 December is three working days away (24th, 29th, 30th): green; with Christmas Eve a closure
    # day, two: amber.
    assert due.rag_for(visit, date(2026, 12, 30), TODAY, calendar_for()) is Rag.GREEN
    assert due.rag_for(visit, date(2026, 12, 30), TODAY, calendar_for({date(2026, 12, 24)})) is Rag.AMBER


def test_an_item_without_a_clock_is_amber_only_on_its_day(due_sources):
    review = due._sources["test.review"]
    calendar = calendar_for()
    assert due.rag_for(review, TODAY, TODAY, calendar) is Rag.AMBER
    assert due.rag_for(review, TODAY + timedelta(days=1), TODAY, calendar) is Rag.GREEN
    assert due.rag_for(review, TODAY - timedelta(days=1), TODAY, calendar) is Rag.RED


def test_items_are_worded_by_their_source_with_its_label_and_status(council, due_sources):
    involve(council.allocated, council.worker, council.manager, on=date(2026, 12, 29))
    allocation_due(council.allocated, date(2026, 12, 21))
    found = due.items(due.for_child(council.allocated.pk), today=TODAY, calendar=calendar_for())
    assert [(item.label, item.title, item.rag) for item in found] == [
        ("Plan review", f"Review the plan of team {council.team.pk}", Rag.RED),
        ("Visit", "Visit as iro", Rag.AMBER)]
    assert found[1].url == f"/children/{council.allocated.pk}/" and found[1].is_overdue is False


# --- Whose items -------------------------------------------------------------------------------------------------------


def test_a_workers_items_are_those_of_the_children_allocated_to_them_or_they_work_with_and_nothing_else(council,
                                                                                                         due_sources):
    iro = make_user("iro", RoleCode.IRO)
    involved = make_child(council.manager, first_name="Ivy", last_name="Involved")
    involve(involved, iro, council.manager, on=TODAY)
    ended = make_child(council.manager, first_name="Enid", last_name="Ended")
    involve(ended, iro, council.manager, on=TODAY - timedelta(days=30), ended_on=TODAY - timedelta(days=1))
    others = make_child(council.manager, first_name="Owen", last_name="Other")
    allocate(others, council.other_team, council.outsider, council.manager)
    involve(council.allocated, iro, council.manager, on=TODAY)
    note_to_authorise(council.allocated, council.worker, on=TODAY)  # awaits a manager: on no worker's list

    # The IRO sees every worker item of the children they work with: their visits, and the allocated worker's review.
    assert sorted(kinds_and_children(due.for_worker(iro))) == sorted([
        ("test.review", council.allocated.pk), ("test.visit", council.allocated.pk), ("test.visit", involved.pk)])
    # The allocated worker sees the child's every worker item (the IRO's visit among them), not the team's other
    # children (Tomos is the team's, with no named worker), nor the restricted child without a grant.
    assert sorted(kinds_and_children(due.for_worker(council.worker))) == sorted([
        ("test.review", council.allocated.pk), ("test.visit", council.allocated.pk)])
    assert kinds_and_children(due.for_worker(council.colleague)) == []
    assert kinds_and_children(due.for_worker(council.outsider)) == [("test.review", others.pk)]


def test_an_ended_allocation_takes_the_childs_items_off_the_workers_list(council, due_sources):
    Allocation.objects.filter(child=council.allocated).update(ended_on=date(2024, 6, 1))
    assert due.for_worker(council.worker) == []


def test_a_manager_sees_the_decisions_awaiting_a_manager_and_the_overdue_worker_items_of_their_teams_children(
        council, due_sources, monkeypatch):
    monkeypatch.setattr(due, "today", lambda: TODAY)
    allocation_due(council.allocated, TODAY - timedelta(days=3))  # overdue: listed
    allocation_due(council.team_child, TODAY)  # due today: not overdue yet
    involve(council.team_child, council.worker, council.manager, on=TODAY + timedelta(days=3))  # not due yet
    note_to_authorise(council.team_child, council.worker, on=TODAY + timedelta(days=4), title="Later decision")
    note_to_authorise(council.allocated, council.worker, on=TODAY + timedelta(days=2), title="Assessment")
    others = make_child(council.manager, first_name="Owen", last_name="Other")
    allocate(others, council.other_team, council.outsider, council.manager)  # 2024: overdue, but not this team's
    note_to_authorise(others, council.outsider, on=TODAY, title="Not this team's")

    with CaptureQueriesContext(connection) as queries:
        decisions, overdue = due.for_teams([council.team.pk], today=TODAY)
    assert len(queries) == 3  # the team's children, then one union for each list
    assert [(row.fields["title"], row.child_id) for row in decisions] == [
        ("Assessment", council.allocated.pk), ("Later decision", council.team_child.pk)]
    # The restricted child is allocated to the team too, with its plan review from 2024: the manager's list holds it,
    # and the page leaves its name out (test_work_views).
    assert kinds_and_children(overdue) == [("test.review", council.restricted.pk), ("test.review", council.allocated.pk)]
    assert all(row.awaits == due.Awaits.WORKER for row in overdue)


# --- Restricted children ---------------------------------------------------------------------------------------------


def test_a_restricted_child_is_on_their_workers_list_only_with_a_grant(council, due_sources):
    assert council.restricted.pk not in {row.child_id for row in due.for_worker(council.worker)}
    AccessGrant.objects.create(child=council.restricted, user=council.worker, granted_by=council.leader,
                               reason="Allocated worker")
    assert council.restricted.pk in {row.child_id for row in due.for_worker(council.worker)}


def test_a_revoked_grant_takes_the_restricted_child_off_the_list_again(council, due_sources):
    grant = AccessGrant.objects.create(child=council.restricted, user=council.worker, granted_by=council.leader,
                                       reason="Allocated worker")
    AccessGrant.objects.filter(pk=grant.pk).update(revoked_at=timezone.now())
    assert council.restricted.pk not in {row.child_id for row in due.for_worker(council.worker)}


def test_grouping_puts_items_overdue_this_week_and_later(council, due_sources):
    involve(council.allocated, council.worker, council.manager, on=TODAY - timedelta(days=1))
    involve(council.allocated, council.colleague, council.manager, on=TODAY + timedelta(days=6))
    allocation_due(council.allocated, TODAY + timedelta(days=7))
    groups = due.grouped(due.items(due.for_child(council.allocated.pk), today=TODAY, calendar=calendar_for()),
                         today=TODAY)
    assert [item.due_on for item in groups.overdue] == [TODAY - timedelta(days=1)]
    assert [item.due_on for item in groups.this_week] == [TODAY + timedelta(days=6)]
    assert [item.due_on for item in groups.later] == [TODAY + timedelta(days=7)]
    assert groups.count == 3


def test_the_councils_calendar_is_read_only_when_an_items_status_needs_its_working_days(council, due_sources):
    asked = []

    def calendar():
        asked.append(True)
        return calendar_for()

    allocation_due(council.allocated, TODAY + timedelta(days=3))  # no clock: needs no calendar
    involve(council.allocated, council.worker, council.manager, on=TODAY - timedelta(days=1))  # overdue: needs none
    due.items(due.for_child(council.allocated.pk), today=TODAY, calendar=calendar)
    assert asked == []
    involve(council.allocated, council.colleague, council.manager, on=date(2026, 12, 29))
    found = due.items(due.for_child(council.allocated.pk), today=TODAY, calendar=calendar)
    assert asked == [True]
    assert [item.rag for item in found] == [Rag.RED, Rag.GREEN, Rag.AMBER]
