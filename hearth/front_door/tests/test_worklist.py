"""The front door's worklist: open contacts by time left, RAG from the due time, filters, and bulk allocation."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from conftest import client_for, make_child
from hearth.accounts.models import AuditEvent
from hearth.front_door import services, worklist
from hearth.front_door.models import Contact, ContactChild, Pathway, Urgency
from hearth.front_door.services import DescribedChild
from hearth.reference.codes import ReferralSource
from hearth.timescales.clocks import Rag

from .conftest import london

PAGE_BUDGET = 15


def references(page: str) -> list[str]:
    """The contact references in a worklist page's table, in order."""
    return re.findall(r'href="/front-door/contacts/\d+">(FD\d\d-\d{6})</a>', page)


def test_rag_is_worked_out_from_the_due_time_without_queries(council, django_assert_num_queries):
    now = london(2025, 3, 5, 12, 0)  # a Wednesday
    due_today = Contact(urgency=Urgency.STANDARD, decision_due_at=london(2025, 3, 5, 23, 59, 59))
    tomorrow = Contact(urgency=Urgency.STANDARD, decision_due_at=london(2025, 3, 6, 23, 59, 59))
    overdue = Contact(urgency=Urgency.STANDARD, decision_due_at=london(2025, 3, 4, 23, 59, 59))
    hour_left = Contact(urgency=Urgency.IMMEDIATE, decision_due_at=now + timedelta(minutes=10))
    hour_gone = Contact(urgency=Urgency.IMMEDIATE, decision_due_at=now - timedelta(minutes=1))
    on_time = Contact(urgency=Urgency.STANDARD, decision_due_at=london(2025, 3, 4, 23, 59), closed_at=london(2025, 3, 4, 9))
    late = Contact(urgency=Urgency.STANDARD, decision_due_at=london(2025, 3, 4, 23, 59), closed_at=london(2025, 3, 5, 9))
    worklist.amber_from(Urgency.STANDARD, now)  # warms the calendar
    with django_assert_num_queries(0):
        assert worklist.contact_rag(due_today, now) == Rag.AMBER
        assert worklist.contact_rag(tomorrow, now) == Rag.GREEN
        assert worklist.contact_rag(overdue, now) == Rag.RED
        # An hour clock is on track or overdue: never "due today".
        assert worklist.contact_rag(hour_left, now) == Rag.GREEN
        assert worklist.contact_rag(hour_gone, now) == Rag.RED
        assert worklist.contact_rag(on_time, now) == Rag.GREEN
        assert worklist.contact_rag(late, now) == Rag.RED


def test_the_queue_lists_open_contacts_soonest_due_first_with_status_and_chain(council, record_contact, fd_manager):
    now = timezone.now()
    old = record_contact(received_at=now - timedelta(days=10), children=[council.allocated])
    fresh = record_contact(received_at=now - timedelta(minutes=5), children=[council.team_child, DescribedChild("Kai Smith")],
                           urgency=Urgency.IMMEDIATE)
    earlier = record_contact(received_at=now - timedelta(days=20), children=[council.unallocated])
    decision = services.contact_decide(acting_user=fd_manager, contact_child=earlier.children.get(),
                                       outcome="no_further_action", rationale="Threshold not met.",
                                       details_in_order=True, consent_in_order=True)
    assert decision.contact_child.contact.pk == earlier.pk
    chained = record_contact(received_at=now - timedelta(hours=2), children=[council.unallocated],
                             previous=Contact.objects.get(pk=earlier.pk))
    services.contact_set_awaiting_information(acting_user=council.adviser, contact=chained, awaiting=True,
                                              note="The police record of call-outs")

    page = client_for(council.adviser).get("/front-door/").content.decode()
    # Soonest due first: the chain's clock runs from its first receipt 20 days ago.
    assert references(page) == [chained.reference, old.reference, fresh.reference]
    assert earlier.reference not in page  # decided, so closed
    assert "Chain from" in page and "Awaiting information" in page
    assert "Overdue" in page and "On track" in page
    assert "Tomos Teamchild" in page and "Kai Smith (not yet matched)" in page
    assert 'href="/front-door/contacts/new"' in page and 'href="/front-door/consultations/new"' in page
    # An adviser sees no checkboxes.
    assert 'name="contacts"' not in page


def test_a_restricted_childs_name_is_not_shown(council, record_contact):
    record_contact(children=[council.restricted])
    page = client_for(council.adviser).get("/front-door/").content.decode()
    assert "Rhys" not in page and "A child you do not have access to" in page


@pytest.mark.parametrize("query, expected", [
    ("assigned=unassigned", ["police_unassigned", "school_immediate"]),
    ("urgency=immediate", ["school_immediate"]),
    ("source=6", ["police_unassigned", "police_assigned"]),
    ("pathway=domestic_abuse", ["police_assigned"]),
    ("rag=overdue", ["police_unassigned"]),
    ("rag=on_track", ["school_immediate", "police_assigned"]),
])
def test_filters(council, record_contact, fd_manager, query, expected):
    now = timezone.now()
    contacts = {
        "police_unassigned": record_contact(received_at=now - timedelta(days=10), source=ReferralSource.POLICE),
        "school_immediate": record_contact(received_at=now - timedelta(minutes=1), urgency=Urgency.IMMEDIATE),
        "police_assigned": record_contact(received_at=now - timedelta(minutes=2), source=ReferralSource.POLICE,
                                          pathway=Pathway.DOMESTIC_ABUSE),
    }
    services.contacts_assign(acting_user=fd_manager, contacts=[contacts["police_assigned"]], adviser=council.adviser)
    # A standard contact received a minute ago may be due today or on track, depending on the hour: keep it out.
    if query.startswith("rag"):
        Contact.objects.filter(pk=contacts["police_assigned"].pk).update(decision_due_at=now + timedelta(days=5))
    page = client_for(council.adviser).get(f"/front-door/?{query}").content.decode()
    wanted = [contacts[name] for name in expected]
    wanted.sort(key=lambda c: Contact.objects.get(pk=c.pk).decision_due_at)
    assert references(page) == [c.reference for c in wanted]


def test_due_today_filter(council, record_contact):
    now = timezone.now()
    today = record_contact(received_at=now - timedelta(minutes=3))
    later = record_contact(received_at=now - timedelta(minutes=2))
    Contact.objects.filter(pk=today.pk).update(decision_due_at=worklist.amber_from(Urgency.STANDARD, now))
    Contact.objects.filter(pk=later.pk).update(decision_due_at=now + timedelta(days=3))
    page = client_for(council.adviser).get("/front-door/?rag=due_today").content.decode()
    assert references(page) == [today.reference] and "Due today" in page
    assert references(client_for(council.adviser).get("/front-door/?assigned=unassigned&rag=on_track").content.decode()) \
        == [later.reference]


def test_filter_by_assigned_worker_and_team(council, record_contact, fd_manager):
    mine = record_contact()
    record_contact()
    services.contacts_assign(acting_user=fd_manager, contacts=[mine], adviser=council.adviser)
    page = client_for(council.adviser).get(f"/front-door/?assigned={council.adviser.pk}&team={council.front_door.pk}")
    assert references(page.content.decode()) == [mine.reference]
    assert client_for(council.adviser).get("/front-door/?assigned=999999").status_code == 200  # an unknown choice: no filter


def test_a_front_door_manager_allocates_in_bulk(council, record_contact, fd_manager):
    first, second, third = record_contact(), record_contact(), record_contact()
    client = client_for(fd_manager)
    page = client.get("/front-door/").content.decode()
    assert page.count('name="contacts"') == 3 and "Allocate selected contacts" in page
    response = client.post("/front-door/?urgency=standard", {"contacts": [first.pk, third.pk], "adviser": council.adviser.pk})
    assert response.status_code == 302 and response["Location"] == "/front-door/?urgency=standard"
    assigned = dict(Contact.objects.values_list("pk", "assigned_to_id"))
    assert assigned == {first.pk: council.adviser.pk, second.pk: None, third.pk: council.adviser.pk}
    assert AuditEvent.objects.filter(verb="contact.assign", actor=fd_manager).exists()
    assert "2 contacts allocated to Adviser Tester" in client.get(response["Location"]).content.decode()


def test_allocation_errors_are_shown_and_nothing_changes(council, record_contact, fd_manager, senior):
    contact = record_contact()
    client = client_for(fd_manager)
    page = client.get("/front-door/").content.decode()
    allocate_to = page[page.index('name="adviser"'):]
    allocate_to = allocate_to[:allocate_to.index("</select>")]
    assert "Adviser Tester" in allocate_to and "Senior Tester" not in allocate_to  # advisers only
    assert "Senior Tester" in page  # but anyone in the front door can be filtered on
    response = client.post("/front-door/", {"adviser": council.adviser.pk})
    assert response.status_code == 400 and "Select the contacts to allocate" in response.content.decode()
    response = client.post("/front-door/", {"contacts": [contact.pk], "adviser": council.worker.pk})
    assert response.status_code == 400 and "Select a valid choice" in response.content.decode()
    checked = f'id="contact-{contact.pk}" name="contacts" type="checkbox" value="{contact.pk}" checked'
    assert checked in response.content.decode()  # what was ticked stays ticked
    assert Contact.objects.get(pk=contact.pk).assigned_to_id is None


@pytest.mark.parametrize("who", ["adviser", "manager", "leader"])
def test_only_a_front_door_manager_may_allocate(council, record_contact, who):
    contact = record_contact()
    client = client_for(getattr(council, who))
    assert 'name="contacts"' not in client.get("/front-door/").content.decode()
    response = client.post("/front-door/", {"contacts": [contact.pk], "adviser": council.adviser.pk})
    assert response.status_code == 403
    assert Contact.objects.get(pk=contact.pk).assigned_to_id is None


@pytest.mark.parametrize("who, status", [
    ("adviser", 200), ("fd_manager", 200), ("leader", 200), ("manager", 403), ("worker", 403), ("outsider", 403),
    ("analyst", 403), ("inspector", 403), ("admin", 403), ("partner", 404),
])
def test_who_sees_the_worklist_front_door_staff_and_senior_leaders(council, request, who, status):
    """A safeguarding team's manager is not the front door's: the front door's pages are its own staff's."""
    user = request.getfixturevalue(who) if who == "fd_manager" else getattr(council, who)
    assert client_for(user).get("/front-door/").status_code == status


def test_the_worklist_reads_within_the_page_budget(council, record_contact, fd_manager, django_assert_max_num_queries):
    now = timezone.now()
    for n in range(60):
        children = [make_child(council.manager) for _ in range(3)] + [DescribedChild(f"Described {n}")]
        contact = record_contact(received_at=now - timedelta(hours=n), children=children,
                                 urgency=Urgency.IMMEDIATE if n % 7 == 0 else Urgency.STANDARD)
        if n % 2:
            services.contacts_assign(acting_user=fd_manager, contacts=[contact], adviser=council.adviser)
    assert ContactChild.objects.count() == 240
    for user in (council.adviser, fd_manager):
        client = client_for(user)
        client.get("/front-door/")  # warms per-process caches (the calendar)
        with django_assert_max_num_queries(PAGE_BUDGET):
            response = client.get("/front-door/?source=2A&rag=overdue&assigned=unassigned")
        with django_assert_max_num_queries(PAGE_BUDGET):
            response = client.get("/front-door/")
        assert response.status_code == 200 and len(references(response.content.decode())) == worklist.PAGE_SIZE
        assert "Page 1 of 2" in response.content.decode()


def test_a_child_on_another_contact_in_the_year_before_is_tagged_a_re_contact_in_the_queue(council, record_contact):
    now = timezone.now()
    record_contact(received_at=now - timedelta(days=200), children=[council.allocated])
    record_contact(received_at=now - timedelta(hours=2), children=[council.allocated, council.unallocated])
    page = client_for(council.adviser).get("/front-door/").content.decode()
    row = next(row for row in page.split("<tr") if "Una Unallocated" in row)
    assert re.search(r"Amara Allocated\s*<strong class=\"govuk-tag govuk-tag--orange\">Re-contact</strong>", row)
    assert re.search(r"Una Unallocated\s*(<br>|</td>)", row)  # her first contact: no tag


@pytest.mark.parametrize("sent", ["²", "٣", "9" * 30])
def test_a_contact_id_that_is_not_plain_digits_is_ignored_not_a_server_error(council, record_contact, fd_manager, sent):
    contact = record_contact()
    response = client_for(fd_manager).post("/front-door/", {"contacts": [sent], "adviser": council.adviser.pk})
    assert response.status_code == 400 and "Select the contacts to allocate" in response.content.decode()
    contact.refresh_from_db()
    assert contact.assigned_to is None
