"""Each page reads a fixed number of queries, however much a child's record holds (no N+1)."""

from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from conftest import allocate, make_child
from hearth.casework.models import CaseNote
from hearth.people.models import Address, Person, PersonKind, Relationship, WarningNote

# Every count includes the page's one query for its session, which confirms that it still stands and moves its
# end on (hearth/accounts/sessions.py): 12 for the child record, 6 or 7 for the others.
PAGE_BUDGET = 15


@pytest.fixture
def busy_record(council):
    """A child with a full record, and a caseload of many children, so a query per row would show."""
    child = council.allocated
    now = timezone.now()
    for n in range(40):
        CaseNote.objects.create(child=child, kind="visit", occurred_at=now - timedelta(days=n), title=f"Visit {n}",
                                body="Seen at home.", author=council.worker if n % 2 else council.colleague)
        Address.objects.create(person=child, line_1=f"{n} High Street", town="Wrekin", postcode="WK1 1AA",
                               moved_in=date(2015, 1, 1) + timedelta(days=30 * n))
    for n in range(10):
        adult = Person.objects.create(kind=PersonKind.ADULT, first_name=f"Adult{n}", last_name="Allocated",
                                      created_by=council.manager)
        Relationship.objects.create(person=adult, relative=child, kind="parent" if n < 2 else "aunt_uncle",
                                    started_on=date(2016, 1, 1), recorded_by=council.manager)
        WarningNote.objects.create(person=child, category="other", text=f"Warning {n}", recorded_by=council.manager)
    for n in range(30):
        allocate(make_child(council.manager, first_name=f"Case{n}", last_name="Allocated"), council.team, council.worker,
                 council.manager)
    return child


def pages(child):
    return {
        "child record": f"/children/{child.pk}/",
        "chronology": f"/children/{child.pk}/chronology",
        "case notes": f"/children/{child.pk}/case-notes/",
        "search": "/children/?text=Allocated",
        "my work": "/my-work",
        "my caseload": "/my-work/caseload",
        "changes": f"/children/{child.pk}/history",
        "seen by": f"/children/{child.pk}/seen-by",
    }


@pytest.mark.parametrize("page", list(pages(Person(pk=1))))
def test_page_reads_within_the_query_budget(council, busy_record, django_assert_max_num_queries, page):
    client = Client()
    client.force_login(council.manager if page == "seen by" else council.worker)
    url = pages(busy_record)[page]
    client.get(url)  # a first visit warms per-process caches (the calendar)
    with django_assert_max_num_queries(PAGE_BUDGET):
        response = client.get(url)
    assert response.status_code == 200
