"""Local closure days: added and removed by an administrator, each kept in history and audited."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from hearth.accounts.models import AuditEvent
from hearth.timescales import services
from hearth.timescales.models import LocalClosureDay
from hearth.timescales.selectors import council_calendar

CLOSED = date(2026, 12, 29)  # a Tuesday


def test_a_closure_day_added_by_an_administrator_is_a_non_working_day_and_is_audited(council):
    assert council_calendar().is_working_day(CLOSED)
    closure = services.local_closure_day_add(acting_user=council.admin, day=CLOSED, reason="Council closure")
    assert not council_calendar().is_working_day(CLOSED)
    assert closure.history.get().history_user == council.admin
    assert AuditEvent.objects.filter(verb="closure_day.add", actor=council.admin).exists()


def test_removing_a_closure_day_keeps_its_history_and_is_audited(council):
    closure = services.local_closure_day_add(acting_user=council.admin, day=CLOSED, reason="Council closure")
    services.local_closure_day_remove(acting_user=council.admin, closure=closure)
    assert not LocalClosureDay.objects.exists() and council_calendar().is_working_day(CLOSED)
    assert [(v.history_type, v.history_user) for v in LocalClosureDay.history.order_by("history_date")] == [
        ("+", council.admin), ("-", council.admin)]
    assert AuditEvent.objects.filter(verb="closure_day.remove").exists()


def test_only_an_administrator_changes_closure_days_and_a_day_is_recorded_once(council):
    with pytest.raises(PermissionDenied):
        services.local_closure_day_add(acting_user=council.leader, day=CLOSED, reason="Council closure")
    services.local_closure_day_add(acting_user=council.admin, day=CLOSED, reason="Council closure")
    with pytest.raises(ValidationError):
        services.local_closure_day_add(acting_user=council.admin, day=CLOSED, reason="Again")


def test_the_closure_day_pages_add_and_remove_a_day_and_keep_what_was_typed(council):
    client = Client()
    client.force_login(council.admin)
    bad = client.post("/timescales/closure-days/new", {"day-day": "29", "day-month": "12", "day-year": "", "reason": "Closed"})
    assert "must include a year" in bad.content.decode() and 'value="Closed"' in bad.content.decode()
    client.post("/timescales/closure-days/new", {"day-day": "29", "day-month": "12", "day-year": "2026", "reason": "Closed"})
    closure = LocalClosureDay.objects.get()
    assert "29 December 2026" in client.get("/timescales/closure-days/").content.decode()
    assert client.post(f"/timescales/closure-days/{closure.pk}/remove").status_code == 302
    assert not LocalClosureDay.objects.exists()
