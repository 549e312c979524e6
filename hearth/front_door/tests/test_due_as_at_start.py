"""A contact's decision is due as at its receipt: a closure day added later moves no page's due time (ADR 0008)."""

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import client_for
from hearth.core.jinja import govuk_datetime
from hearth.timescales.models import LocalClosureDay
from hearth.timescales.selectors import council_calendar

from .conftest import london


def test_a_closure_day_added_after_receipt_does_not_move_the_due_time_on_any_page(council, record_contact):
    contact = record_contact(received_at=london(2025, 3, 14, 19, 30))  # a Friday: due by the end of Monday
    stored = contact.decision_due_at
    assert stored == london(2025, 3, 17, 23, 59, 59, 999999)
    LocalClosureDay.objects.create(day=date(2025, 3, 17), reason="Council closed: flooding")
    client = client_for(council.adviser)
    page = client.get(f"/front-door/contacts/{contact.pk}").content.decode()
    assert f"Decision due by <strong>{govuk_datetime(stored)}</strong>" in page
    assert "Overdue" in page
    worklist = client.get("/front-door/").content.decode()
    assert "17 March 2025 (end of the day)" in worklist


def test_a_closure_day_saved_by_another_process_is_seen_without_a_restart(db):
    assert council_calendar().is_working_day(date(2025, 6, 2))
    # Another process's save: the row is written, and no signal reaches this process.
    LocalClosureDay.objects.bulk_create([LocalClosureDay(day=date(2025, 6, 2), reason="Staff training day")])
    assert not council_calendar().is_working_day(date(2025, 6, 2))
    LocalClosureDay.objects.filter(day=date(2025, 6, 2)).delete()
    assert council_calendar().is_working_day(date(2025, 6, 2))


def test_a_closure_day_moved_to_another_date_is_seen(db):
    closure = LocalClosureDay.objects.create(day=date(2025, 6, 2), reason="Staff training day")
    assert not council_calendar().is_working_day(date(2025, 6, 2))
    closure.day = date(2025, 6, 3)
    closure.save()
    calendar = council_calendar()
    assert calendar.is_working_day(date(2025, 6, 2)) and not calendar.is_working_day(date(2025, 6, 3))


def test_a_current_calendar_costs_one_small_query_and_the_contact_page_none(council, record_contact):
    LocalClosureDay.objects.create(day=date(2025, 6, 2), reason="Staff training day")
    council_calendar()
    with CaptureQueriesContext(connection) as read:
        council_calendar()
    assert len(read.captured_queries) == 1
    assert "localclosureday" in read.captured_queries[0]["sql"].lower()
    contact = record_contact()
    client = client_for(council.adviser)
    client.get(f"/front-door/contacts/{contact.pk}")
    with CaptureQueriesContext(connection) as page:
        client.get(f"/front-door/contacts/{contact.pk}")
    assert not [q for q in page.captured_queries if "localclosureday" in q["sql"].lower()]
