"""A contact about a child already open to a team reaches that team's pages ("My work", where they land), and only
theirs."""

from datetime import timedelta

from django.utils import timezone

from conftest import client_for
from hearth.front_door import selectors

HEADING = "New contacts about your team's children"


def test_the_allocated_team_sees_new_contacts_about_its_children_on_their_home_pages(council, record_contact):
    contact = record_contact(children=[council.allocated, council.unallocated])
    for user in (council.worker, council.colleague, council.manager):
        page = client_for(user).get("/", follow=True).content.decode()
        assert HEADING in page and contact.reference in page and "Amara Allocated" in page, user
        assert "Una Unallocated" not in page  # open to no team: the front door alone has her
        assert "In screening" in page
    page = client_for(council.outsider).get("/", follow=True).content.decode()
    assert HEADING in page and contact.reference not in page
    assert "No contacts in the last 14 days about children open to your team." in page


def test_only_the_last_fortnight_and_no_restricted_child_without_a_grant(council, record_contact):
    old = record_contact(children=[council.allocated], received_at=timezone.now() - timedelta(days=15))
    recent = record_contact(children=[council.team_child], received_at=timezone.now() - timedelta(days=13))
    hidden = record_contact(children=[council.restricted])
    found = {row.contact_id for row in selectors.team_contacts(council.colleague, [council.team.pk], timezone.now())}
    assert found == {recent.pk}
    assert old.pk not in found and hidden.pk not in found


def test_roles_without_a_team_see_no_panel(council, record_contact):
    record_contact(children=[council.allocated])
    for user in (council.leader, council.inspector):
        response = client_for(user).get("/", follow=True)
        assert response.status_code == 200 and HEADING not in response.content.decode()
    response = client_for(council.leader).get("/my-work")
    assert response.status_code == 200 and HEADING not in response.content.decode()


def test_the_home_page_reads_in_a_fixed_number_of_queries(council, record_contact, django_assert_max_num_queries):
    for _ in range(30):
        record_contact(children=[council.allocated, council.team_child])
    client = client_for(council.worker)
    # My work, where the worker lands: the panel's queries, and what is due (the items, their children and workers,
    # and the calendar) once journey apps register items.
    with django_assert_max_num_queries(12):
        response = client.get("/my-work")
    page = response.content.decode()
    assert page.count("In screening") == selectors.TEAM_CONTACT_LIMIT == 50  # 60 rows: the latest 50, and it says so
    assert "(only the latest 50 children are shown)" in page
    assert page.count('href="/front-door/contacts/') == 25  # a row for each contact, its two children in it
