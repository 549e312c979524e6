"""A contact's receipt time must have happened, and be one moment: the nights the clocks change."""

from datetime import UTC, datetime

from conftest import client_for
from hearth.front_door.models import Contact

from .test_contact_views import contact_form


def when(day, month, year, at, **more):
    return {"received_at-day": day, "received_at-month": month, "received_at-year": year, "received_at-time": at, **more}


def test_a_receipt_time_the_clocks_skipped_is_refused_with_the_reason_and_nothing_typed_is_lost(council):
    response = client_for(council.adviser).post("/front-door/contacts/new",
                                                contact_form(council, **when("30", "3", "2025", "01:30")))
    page = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in page
    assert "01:30 on 30 March 2025 did not happen: clocks went forward from 01:00 to 02:00" in page
    assert 'href="#id_received_at-day"' in page
    assert 'value="01:30"' in page and 'value="Jo Bloggs"' in page
    assert not Contact.objects.exists()


def test_a_receipt_time_the_clocks_repeated_is_asked_about_then_recorded_as_answered(council):
    client = client_for(council.adviser)
    page = client.post("/front-door/contacts/new", contact_form(council, **when("26", "10", "2025", "01:30"))).content.decode()
    assert "01:30 on 26 October 2025 happened twice" in page
    assert "which 01:30 was it?" in page and 'value="GMT"' in page
    assert not Contact.objects.exists()
    response = client.post("/front-door/contacts/new",
                           contact_form(council, **when("26", "10", "2025", "01:30", **{"received_at-clock": "GMT"})))
    assert response.status_code == 302
    assert Contact.objects.get().received_at == datetime(2025, 10, 26, 1, 30, tzinfo=UTC)
