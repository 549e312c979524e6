"""The child record reads every journey app's section with the record's own query, however many apps add one."""

from django.db import connection
from django.db.models import Count, OuterRef, Subquery
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hearth.casework.models import CaseNote
from hearth.people import sections
from hearth.people.models import Address


def _queries(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_sections_with_columns_are_read_in_the_records_own_query(council, monkeypatch):
    client = Client()
    client.force_login(council.worker)
    url = reverse("people:child", args=[council.allocated.pk])
    before = _queries(client, url)
    seen = []

    def panel(user, child, values):
        seen.append(values)
        return None

    notes = CaseNote.objects.filter(child=OuterRef("pk")).order_by().values("child").annotate(n=Count("pk")).values("n")
    monkeypatch.setattr(sections, "_sections", list(sections._sections))
    for n in range(3):
        sections.register_columns(f"test-{n}", columns=lambda: {"notes": Subquery(notes)}, panel=panel)
    assert _queries(client, url) == before
    assert seen[-1] == {"notes": None}


def test_the_records_details_come_back_as_their_models_with_their_types(council):
    Address.objects.create(person=council.allocated, line_1="2 New Road", town="Wrekin", postcode="WK1 2AA",
                           moved_in="2025-03-01")
    Address.objects.create(person=council.allocated, line_1="1 Old Road", town="Wrekin", postcode="WK1 1AA",
                           moved_in="2020-01-01", moved_out="2025-03-01")
    client = Client()
    client.force_login(council.worker)
    page = client.get(reverse("people:child", args=[council.allocated.pk])).content.decode()
    assert page.index("2 New Road") < page.index("1 Old Road")  # newest first
    assert "1 March 2025" in page

