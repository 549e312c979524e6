"""A worker's "My work" and caseload, a manager's team's page, the child's record's "What is due", and where each
role lands."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import allocate, client_for, make_child, make_user
from hearth.accounts import policy
from hearth.accounts.models import AccessAction, AccessEvent, AccessGrant, Membership, Team
from hearth.accounts.roles import RoleCode
from hearth.casework import due
from hearth.casework.models import Allocation, InvolvementRole
from hearth.casework.tests.test_due import allocation_due, involve, note_to_authorise

PAGE_BUDGET = 15


@pytest.fixture
def today():
    return due.today()


# --- My work ---------------------------------------------------------------------------------------------------------


def test_my_work_lists_what_the_worker_must_do_soonest_first_with_its_status_in_words_and_links(council, due_sources,
                                                                                                today):
    allocation_due(council.allocated, today - timedelta(days=3))
    involve(council.allocated, council.worker, council.manager, on=today + timedelta(days=20),
            role=InvolvementRole.CO_WORKER)
    response = client_for(council.worker).get("/my-work")
    assert response.status_code == 200
    page = response.content.decode()
    assert page.index("Review the plan of team") < page.index("Visit as co_worker")
    assert '<strong class="govuk-tag govuk-tag--red">Overdue</strong>' in page
    assert '<strong class="govuk-tag govuk-tag--green">On track</strong>' in page
    assert f'href="/children/{council.allocated.pk}/">Amara Allocated</a>' in page
    assert f'href="/children/{council.allocated.pk}/chronology">Review the plan' in page
    assert "Overdue: 1" in page and "Due this week: 0" in page and "Due later: 1" in page
    assert "Nothing else is due by" in page


def test_my_work_says_what_will_appear_when_nothing_is_due(council, due_sources):
    Allocation.objects.filter(child=council.allocated).update(ended_on=date(2024, 6, 1))
    page = client_for(council.worker).get("/my-work").content.decode()
    assert "Nothing is due for you now" in page
    assert "everything you must do for the children allocated to you" in page


def test_my_work_never_lists_a_restricted_child_without_a_grant(council, due_sources):
    page = client_for(council.worker).get("/my-work").content.decode()
    assert "Amara Allocated" in page and "Rhys" not in page and council.restricted.la_child_id not in page
    AccessGrant.objects.create(child=council.restricted, user=council.worker, granted_by=council.leader, reason="Worker")
    assert "Rhys Restricted" in client_for(council.worker).get("/my-work").content.decode()


def test_my_work_lists_the_children_an_iro_works_with_beside_their_worker_naming_that_worker(council, due_sources,
                                                                                            today):
    iro = make_user("iro", RoleCode.IRO)
    involve(council.allocated, iro, council.manager, on=today + timedelta(days=2))
    page = client_for(iro).get("/my-work").content.decode()
    assert "Visit as iro" in page and "Amara Allocated" in page and "Worker Tester" in page
    assert "Tomos" not in page


@pytest.mark.parametrize(("role", "status"), [("inspector", 403), ("analyst", 403), ("admin", 403), ("partner", 404)])
def test_my_work_is_for_those_who_write_to_case_records(council, role, status):
    assert client_for(getattr(council, role)).get("/my-work").status_code == status


def test_my_work_reads_a_fixed_number_of_queries_however_many_items_and_sources(council, due_sources, today):
    def count() -> int:
        client = client_for(council.worker)
        client.get("/my-work")  # warms the per-process calendar
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/my-work").status_code == 200
        return len(queries)

    involve(council.allocated, council.worker, council.manager, on=today + timedelta(days=1),
            role=InvolvementRole.CO_WORKER)  # an item on a working-day clock: the calendar is read
    few = count()
    for n in range(25):
        child = make_child(council.manager, first_name=f"Case{n}")
        allocate(child, council.team, council.worker, council.manager)
        involve(child, council.worker, council.manager, on=today + timedelta(days=n), role=InvolvementRole.CO_WORKER)
    many = count()
    assert many == few
    assert many <= PAGE_BUDGET


def test_my_caseload_lists_the_allocated_children_and_those_the_worker_works_with(council, today):
    iro = make_user("iro", RoleCode.IRO)
    involve(council.team_child, iro, council.manager, on=today)
    page = client_for(council.worker).get("/my-work/caseload").content.decode()
    assert "1 child allocated to you" in page and "Amara Allocated" in page and "Rhys" not in page
    page = client_for(iro).get("/my-work/caseload").content.decode()
    assert "No children are allocated to you" in page and "Tomos Teamchild" in page


# --- The manager's page ------------------------------------------------------------------------------------------------


def test_a_manager_sees_the_decisions_awaiting_them_and_the_overdue_work_with_the_worker_of_each_child(
        council, due_sources, today):
    note_to_authorise(council.allocated, council.worker, on=today + timedelta(days=1), title="Assessment")
    allocation_due(council.team_child, today + timedelta(days=3))  # not overdue: not listed
    response = client_for(council.manager).get("/team-work")
    assert response.status_code == 200
    page = response.content.decode()
    decisions, overdue = page.split('id="overdue"')
    assert "Authorise: Assessment" in decisions and "Amara Allocated" in decisions
    assert "Review the plan" in overdue and "Worker Tester" in overdue and "Tomos" not in page


def test_a_manager_without_a_grant_sees_a_restricted_child_on_the_team_list_unnamed_and_the_refusal_is_logged(
        council, due_sources):
    page = client_for(council.manager).get("/team-work").content.decode()
    assert policy.HIDDEN_CHILD in page
    assert "Rhys" not in page and council.restricted.la_child_id not in page
    assert f"/children/{council.restricted.pk}/" not in page
    assert AccessEvent.objects.filter(user=council.manager, child=council.restricted, action=AccessAction.DENIED,
                                      what="Team's work").exists()
    AccessGrant.objects.create(child=council.restricted, user=council.manager, granted_by=council.leader, reason="Team")
    page = client_for(council.manager).get("/team-work").content.decode()
    assert "Rhys Restricted" in page and policy.HIDDEN_CHILD not in page


def test_a_manager_sees_only_the_teams_they_manage_and_filters_by_team_when_they_manage_several(council, due_sources):
    other = make_child(council.manager, first_name="Owen", last_name="Other")
    allocate(other, council.other_team, council.outsider, council.manager)
    assert "Owen Other" not in client_for(council.manager).get("/team-work").content.decode()
    both = make_user("both", RoleCode.TEAM_MANAGER, team=council.team, manages=True)
    Membership.objects.create(user=both, team=council.other_team, manages=True)
    page = client_for(both).get("/team-work").content.decode()
    assert "Owen Other" in page and "Amara Allocated" in page and "All your teams" in page
    page = client_for(both).get(f"/team-work?team={council.other_team.pk}").content.decode()
    assert "Owen Other" in page and "Amara Allocated" not in page and "Safeguarding 2" in page
    unknown = Team.objects.create(name="Not theirs", service_area=council.team.service_area)
    response = client_for(both).get(f"/team-work?team={unknown.pk}")
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()


@pytest.mark.parametrize("role", ["worker", "outsider", "leader", "inspector", "analyst", "adviser"])
def test_the_team_page_is_for_the_managers_of_a_team(council, role):
    assert client_for(getattr(council, role)).get("/team-work").status_code == 403


def test_the_team_page_reads_a_fixed_number_of_queries_however_many_items(council, due_sources, today):
    def count() -> int:
        client = client_for(council.manager)
        client.get("/team-work")
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/team-work").status_code == 200
        return len(queries)

    few = count()
    for n in range(25):
        child = make_child(council.manager, first_name=f"Case{n}")
        allocate(child, council.team, council.colleague, council.manager)
        note_to_authorise(child, council.colleague, on=today + timedelta(days=n))
    many = count()
    assert many == few
    assert many <= PAGE_BUDGET


# --- The child's record ------------------------------------------------------------------------------------------------


def test_the_childs_record_shows_what_is_due_for_them_whoever_must_act(council, due_sources, today):
    note_to_authorise(council.allocated, council.worker, on=today + timedelta(days=1), title="Assessment")
    page = client_for(council.worker).get(f"/children/{council.allocated.pk}/").content.decode()
    assert "What is due for Amara" in page
    assert "Authorise: Assessment" in page and "Review the plan" in page
    page = client_for(council.worker).get(f"/children/{council.team_child.pk}/").content.decode()
    assert "What is due for Tomos" in page and "Review the plan" in page


def test_the_childs_record_says_when_nothing_is_due(council, monkeypatch):
    monkeypatch.setattr(due, "_sources", {})
    page = client_for(council.worker).get(f"/children/{council.allocated.pk}/").content.decode()
    assert "Nothing is open and due for Amara." in page


def test_what_is_due_on_a_record_is_shown_only_to_those_who_may_see_the_child(council, due_sources, today):
    iro = make_user("iro", RoleCode.IRO)
    involve(council.allocated, iro, council.manager, on=today)
    assert "What is due for Amara" in client_for(iro).get(f"/children/{council.allocated.pk}/").content.decode()
    assert client_for(council.outsider).get(f"/children/{council.allocated.pk}/").status_code == 404
    assert client_for(council.worker).get(f"/children/{council.restricted.pk}/").status_code == 404


# --- Where each role lands -----------------------------------------------------------------------------------------------


@pytest.fixture
def every_role(council):
    """A user in each role as the demo council has them (front-door staff in the front door's team)."""
    return {
        "social worker": (council.worker, "/my-work"),
        "team manager": (council.manager, "/my-work"),
        "early help worker": (make_user("eh", RoleCode.EARLY_HELP_WORKER, team=council.team), "/my-work"),
        "specialist worker": (make_user("cate", RoleCode.SPECIALIST_WORKER, team=council.team), "/my-work"),
        "IRO": (make_user("iro", RoleCode.IRO), "/my-work"),
        "personal adviser": (make_user("pa", RoleCode.PERSONAL_ADVISER), "/my-work"),
        "front-door adviser": (council.adviser, "/front-door/"),
        "senior social worker": (make_user("senior", RoleCode.SENIOR_SOCIAL_WORKER, team=council.front_door),
                                 "/front-door/"),
        "front-door manager": (make_user("fdm", RoleCode.TEAM_MANAGER, team=council.front_door, manages=True),
                               "/front-door/"),
        "senior leader": (council.leader, "/front-door/performance"),
        "performance analyst": (council.analyst, "/front-door/performance"),
        "inspector": (council.inspector, "/children/"),
        "administrator": (council.admin, "/accounts/administration/"),
        "partner": (council.partner, "/partner/"),
    }


def test_each_role_lands_where_its_work_is(every_role):
    for role, (user, path) in every_role.items():
        client = client_for(user)
        response = client.get("/")
        assert response.status_code == 302 and response["Location"] == path, role
        assert client.get(path).status_code == 200, role


def test_a_user_with_no_role_lands_on_a_home_page_saying_what_their_account_gives(council):
    nobody = make_user("nobody")
    response = client_for(nobody).get("/")
    assert response.status_code == 200
    assert "Your account does not give access to children's records" in response.content.decode()


def test_the_menu_offers_my_work_to_workers_and_the_teams_page_to_their_managers(council):
    worker_menu = client_for(council.worker).get("/my-work").content.decode()
    assert ">My work<" in worker_menu and "My team&#39;s work" not in worker_menu and ">My caseload<" in worker_menu
    manager_menu = client_for(council.manager).get("/my-work").content.decode()
    assert ">My work<" in manager_menu and "My team&#39;s work" in manager_menu
    assert ">My work<" not in client_for(council.inspector).get("/children/").content.decode()


def test_my_work_lists_no_child_the_worker_neither_holds_nor_works_with(council, due_sources, today):
    involve(council.unallocated, council.colleague, council.manager, on=today)  # Una: allocated to no one
    for user in (council.outsider, council.worker):
        page = client_for(user).get("/my-work").content.decode()
        assert "Una Unallocated" not in page, user
    assert "Amara Allocated" not in client_for(council.outsider).get("/my-work").content.decode()
    colleague = client_for(council.colleague).get("/my-work").content.decode()
    assert "Una Unallocated" in colleague and "Amara Allocated" not in colleague
    assert "Not allocated" in colleague
    # Una is allocated to no team, so no manager's list holds her.
    assert "Una Unallocated" not in client_for(council.manager).get("/team-work").content.decode()
