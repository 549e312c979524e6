"""What is due, in a real browser: a worker's "My work", a manager's team's work, and where each role lands.

No journey app registers a due item in this branch, so the items come from test-only sources over the foundation's
own records (`hearth/casework/tests/due_sources.py`), registered in this process, which the live server shares.
Every page reached is checked with axe-core (see conftest.py).
"""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from conftest import make_user
from hearth.accounts.roles import RoleCode
from hearth.casework import due
from hearth.casework.models import InvolvementRole
from hearth.casework.tests.due_sources import register_test_sources
from hearth.casework.tests.test_due import allocation_due, involve, note_to_authorise


@pytest.fixture
def due_sources(monkeypatch):
    register_test_sources(monkeypatch)


def test_a_worker_sees_what_is_due_soonest_first_and_opens_the_child_and_the_item(visitor, council, due_sources):
    today = due.today()
    allocation_due(council.allocated, today - timedelta(days=2))
    involve(council.allocated, council.worker, council.manager, on=today + timedelta(days=1),
            role=InvolvementRole.CO_WORKER)
    page = visitor.page
    visitor.sign_in("worker")
    expect(page.get_by_role("heading", level=1)).to_have_text("My work")
    overdue = page.get_by_role("table", name=re.compile("^Overdue"))
    expect(overdue.get_by_text("Overdue", exact=True)).to_be_visible()
    expect(overdue.get_by_role("link", name=re.compile("Review the plan"))).to_be_visible()
    this_week = page.get_by_role("table", name=re.compile("^Due this week"))
    expect(this_week.get_by_role("link", name="Visit as co_worker")).to_be_visible()
    expect(this_week.get_by_text("Due soon", exact=True)).to_be_visible()
    expect(page.get_by_text("Nothing is due after")).to_be_visible()

    visitor.follow(overdue.get_by_role("link", name="Amara Allocated"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Amara Allocated")
    section = page.get_by_role("table", name=re.compile("open items"))
    expect(section.get_by_role("link", name=re.compile("Review the plan"))).to_be_visible()
    visitor.follow(section.get_by_role("link", name=re.compile("Review the plan")))
    expect(page.get_by_role("heading", name="Chronology", exact=True)).to_be_visible()

    visitor.nav("My work")
    visitor.follow(page.get_by_role("navigation", name="My work").get_by_role("link", name="My caseload"))
    expect(page.get_by_role("table", name="1 child allocated to you").get_by_role("link", name="Amara Allocated")) \
        .to_be_visible()


def test_a_worker_with_nothing_due_is_told_what_will_appear(visitor, council, monkeypatch):
    monkeypatch.setattr(due, "_sources", {})
    visitor.sign_in("colleague")
    expect(visitor.page.get_by_role("heading", name="Nothing is due for you now")).to_be_visible()


def test_a_manager_sees_the_decisions_awaiting_them_and_their_teams_overdue_work_without_a_restricted_name(
        visitor, council, due_sources):
    today = due.today()
    note_to_authorise(council.allocated, council.worker, on=today + timedelta(days=1), title="Assessment")
    page = visitor.page
    visitor.sign_in("manager")
    visitor.nav("My team's work")
    expect(page.get_by_role("heading", level=1)).to_have_text("My team's work")
    decisions = page.get_by_role("table", name=re.compile("1 decision"))
    expect(decisions.get_by_role("link", name="Authorise: Assessment")).to_be_visible()
    expect(decisions.get_by_role("link", name="Amara Allocated")).to_be_visible()
    overdue = page.get_by_role("table", name=re.compile("items overdue"))
    expect(overdue.get_by_text("A child you do not have access to")).to_be_visible()
    expect(overdue.get_by_text("Worker Tester").first).to_be_visible()
    expect(page.get_by_text("Rhys")).to_have_count(0)


# Each demo role (as README's demo logins have them) and the page it lands on.
LANDINGS = [
    ("worker", "/my-work", "My work"),
    ("manager", "/my-work", "My work"),
    ("eh", "/my-work", "My work"),
    ("cate", "/my-work", "My work"),
    ("iro", "/my-work", "My work"),
    ("pa", "/my-work", "My work"),
    ("adviser", "/front-door/", "Front door worklist"),
    ("senior", "/front-door/", "Front door worklist"),
    ("fdmanager", "/front-door/", "Front door worklist"),
    ("leader", "/front-door/performance", "Front door performance"),
    ("analyst", "/front-door/performance", "Front door performance"),
    ("inspector", "/children/", "Find a child"),
    ("admin", "/accounts/administration/", "Administration"),
    ("partner", "/partner/", "Your referrals"),
]


def test_each_demo_role_lands_where_its_work_is(another_visitor, council):
    make_user("eh", RoleCode.EARLY_HELP_WORKER, team=council.team)
    make_user("cate", RoleCode.SPECIALIST_WORKER, team=council.team)
    make_user("iro", RoleCode.IRO)
    make_user("pa", RoleCode.PERSONAL_ADVISER)
    make_user("senior", RoleCode.SENIOR_SOCIAL_WORKER, team=council.front_door)
    make_user("fdmanager", RoleCode.TEAM_MANAGER, team=council.front_door, manages=True)
    for username, path, heading in LANDINGS:
        visitor = another_visitor()
        page = visitor.page
        visitor.open("/accounts/sign-in")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill("a-long-test-password")
        visitor.follow(page.get_by_role("button", name="Sign in"))
        assert page.url == visitor.url(path), (username, page.url)
        expect(page.get_by_role("heading", level=1)).to_contain_text(heading)
