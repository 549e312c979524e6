"""Fixtures every test may use: a small synthetic council of teams, staff in each role, and children."""

import itertools
import os
from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from hearth.accounts.models import Membership, Role, ServiceArea, Team, User
from hearth.accounts.roles import ROLE_DESCRIPTIONS, RoleCode
from hearth.casework.models import Allocation
from hearth.people.models import Person, PersonKind

_sequence = itertools.count(1)


def pytest_configure(config):
    """HEARTH_TEST_CLOCK=2026-12-03T00:02 runs the suite as if it started then (Europe/London), the clock going on
    from there: the suite must pass at any hour of any day, and this is how a failure seen only after midnight, at a
    weekend or beside a bank holiday is brought back."""
    if start := os.environ.get("HEARTH_TEST_CLOCK"):
        from zoneinfo import ZoneInfo
        time_machine.travel(datetime.fromisoformat(start).replace(tzinfo=ZoneInfo("Europe/London")), tick=True).start()


def make_user(username: str, *roles: str, team: Team | None = None, manages: bool = False, **extra) -> User:
    user = User.objects.create_user(username=username, password="a-long-test-password", first_name=username.title(),
                                    last_name="Tester", **extra)
    # A live-server test empties every table when it ends, the role rows a migration made among them.
    user.roles.set([Role.objects.get_or_create(code=code, defaults={"description": ROLE_DESCRIPTIONS.get(code, "")})[0]
                    for code in roles])
    if team is not None:
        Membership.objects.create(user=user, team=team, manages=manages)
    return user


def client_for(user) -> Client:
    """A test client signed in as this user."""
    client = Client()
    client.force_login(user)
    return client


def earlier_today(**delta) -> datetime:
    """A moment `delta` ago, but not before today's midnight: a record received "two hours ago" by a test run at ten
    past midnight would otherwise fall on yesterday, and its dates and working-day counts with it."""
    midnight = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    return max(timezone.now() - timedelta(**delta), midnight)


def make_child(created_by: User, **fields) -> Person:
    n = next(_sequence)
    defaults = dict(kind=PersonKind.CHILD, first_name=f"Child{n}", last_name="Example",
                    date_of_birth=date(2015, 1, 1), created_by=created_by, la_child_id=f"T{n:07d}")
    defaults.update(fields)
    return Person.objects.create(**defaults)


def allocate(child: Person, team: Team, worker: User | None, by: User) -> Allocation:
    return Allocation.objects.create(child=child, team=team, worker=worker, started_on=date(2024, 1, 1), recorded_by=by)


class Council:
    """A tiny council: two safeguarding teams, one front door team, a user per role, four children."""

    def __init__(self):
        self.team = Team.objects.create(name="Safeguarding 1", service_area=ServiceArea.SAFEGUARDING)
        self.other_team = Team.objects.create(name="Safeguarding 2", service_area=ServiceArea.SAFEGUARDING)
        self.front_door = Team.objects.create(name="Family Connect", service_area=ServiceArea.FRONT_DOOR)
        self.worker = make_user("worker", RoleCode.SOCIAL_WORKER, team=self.team)
        self.colleague = make_user("colleague", RoleCode.SOCIAL_WORKER, team=self.team)
        self.outsider = make_user("outsider", RoleCode.SOCIAL_WORKER, team=self.other_team)
        self.manager = make_user("manager", RoleCode.TEAM_MANAGER, team=self.team, manages=True)
        self.adviser = make_user("adviser", RoleCode.FRONT_DOOR_ADVISER, team=self.front_door)
        self.leader = make_user("leader", RoleCode.SENIOR_LEADER)
        self.analyst = make_user("analyst", RoleCode.PERFORMANCE_ANALYST)
        self.inspector = make_user("inspector", RoleCode.INSPECTOR)
        self.partner = make_user("partner", RoleCode.PARTNER, agency="Wrekinshire Police")
        self.admin = make_user("admin", RoleCode.ADMINISTRATOR, is_staff=True)
        self.allocated = make_child(self.manager, first_name="Amara", last_name="Allocated")
        allocate(self.allocated, self.team, self.worker, self.manager)
        self.team_child = make_child(self.manager, first_name="Tomos", last_name="Teamchild")
        allocate(self.team_child, self.team, None, self.manager)
        self.unallocated = make_child(self.manager, first_name="Una", last_name="Unallocated")
        self.restricted = make_child(self.manager, first_name="Rhys", last_name="Restricted", is_restricted=True,
                                     restriction_reason="Relative of a member of staff")
        allocate(self.restricted, self.team, self.worker, self.manager)

    @property
    def children(self) -> dict[str, Person]:
        return {"allocated": self.allocated, "team": self.team_child, "unallocated": self.unallocated,
                "restricted": self.restricted}


@pytest.fixture
def council(db) -> Council:
    # The role rows come from a data migration, and a live-server test that ran before flushed every table.
    for code, description in ROLE_DESCRIPTIONS.items():
        Role.objects.get_or_create(code=code.value, defaults={"description": description})
    return Council()


@pytest.fixture
def fd_manager(council):
    """A team manager of the front door's team."""
    return make_user("fdmanager", RoleCode.TEAM_MANAGER, team=council.front_door, manages=True)
