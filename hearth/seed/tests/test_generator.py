"""The synthetic council: the same for the same seed, valid identifiers, one sign-in per role."""

from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count

from hearth.accounts.models import AccessGrant, Membership, User
from hearth.accounts.roles import RoleCode
from hearth.casework.models import Allocation
from hearth.people.identifiers import nhs_number_problem, upn_problem
from hearth.people.models import Person, PersonKind
from hearth.seed.generator import DEMO_PASSWORD, DEMO_USERS, demo_logins, run_seed

TODAY = date(2026, 5, 1)


@pytest.fixture(autouse=True)
def fresh_content_types():
    """A forced run flushes the database; the test's rollback then outdates ContentType's cache."""
    yield
    ContentType.objects.clear_cache()


def seed_tiny(**options):
    return run_seed(scale="tiny", seed=options.pop("seed", 7), today=TODAY, **options)


def children_snapshot():
    return list(Person.objects.filter(kind=PersonKind.CHILD).order_by("pk").values_list(
        "la_child_id", "first_name", "last_name", "date_of_birth", "expected_date_of_birth", "nhs_number", "upn"))


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_children():
    seed_tiny()
    first = children_snapshot()
    seed_tiny(force=True)
    assert children_snapshot() == first
    assert len(first) >= 55


@pytest.mark.django_db
def test_a_different_seed_gives_different_children():
    seed_tiny(seed=7)
    first = children_snapshot()
    seed_tiny(seed=8, force=True)
    assert children_snapshot() != first


@pytest.mark.django_db
def test_every_demo_login_exists_with_its_role_team_and_password():
    seed_tiny()
    for username, role, team in DEMO_USERS:
        user = User.objects.get(username=username)
        assert role in user.role_codes, username
        assert user.check_password(DEMO_PASSWORD), username
        if team:
            assert user.teams.filter(name=team).exists(), username
    assert [username for username, _, _ in demo_logins()] == [username for username, _, _ in DEMO_USERS]


@pytest.mark.django_db
def test_the_demo_administrator_manages_users_and_teams_but_is_no_superuser():
    seed_tiny()
    admin = User.objects.get(username="demo.admin")
    assert admin.is_staff
    assert not admin.is_superuser
    assert admin.has_perm("accounts.change_user")
    assert admin.has_perm("accounts.add_team")
    assert admin.has_perm("timescales.change_localclosureday")
    assert not admin.has_perm("people.view_person")
    assert not User.objects.filter(is_superuser=True).exists()


@pytest.mark.django_db
def test_the_demo_social_worker_and_manager_share_a_team_with_a_caseload():
    seed_tiny()
    worker = User.objects.get(username="demo.social.worker")
    manager = User.objects.get(username="demo.manager")
    shared = Membership.objects.get(user=manager, manages=True).team
    assert Membership.objects.filter(user=worker, team=shared, manages=False).exists()
    assert Allocation.objects.filter(worker=worker, team=shared, ended_on__isnull=True).count() >= 2


@pytest.mark.django_db
def test_every_nhs_number_and_upn_passes_the_validators():
    seed_tiny()
    nhs_numbers = list(Person.objects.exclude(nhs_number="").values_list("nhs_number", flat=True))
    upns = list(Person.objects.exclude(upn="").values_list("upn", flat=True))
    assert nhs_numbers and upns
    assert [n for n in nhs_numbers if nhs_number_problem(n) or not n.startswith("999")] == []
    assert [u for u in upns if upn_problem(u)] == []
    assert len(set(nhs_numbers)) == len(nhs_numbers)
    children = Person.objects.filter(kind=PersonKind.CHILD)
    assert not children.filter(upn="", upn_unknown_reason="").exists()
    assert not children.exclude(upn="").exclude(upn_unknown_reason="").exists()


@pytest.mark.django_db
def test_restricted_children_exist_with_reasons_and_grants_for_their_workers():
    seed_tiny()
    restricted = Person.objects.filter(kind=PersonKind.CHILD, is_restricted=True)
    assert restricted.exists()
    assert not restricted.filter(restriction_reason="").exists()
    allocations = list(Allocation.objects.filter(child__in=restricted, ended_on__isnull=True))
    assert allocations  # else the grants below would go unchecked
    for allocation in allocations:
        assert AccessGrant.objects.filter(child=allocation.child, user=allocation.worker).exists()


@pytest.mark.django_db
def test_every_open_child_has_one_current_allocation_to_a_member_of_the_team():
    seed_tiny()
    current = Allocation.objects.filter(ended_on__isnull=True)
    assert current.count() >= 25
    assert not current.values("child").annotate(n=Count("id")).filter(n__gt=1).exists()
    for allocation in current:
        assert allocation.worker_id is not None
        assert Membership.objects.filter(user=allocation.worker_id, team=allocation.team_id).exists()
    assert not Person.objects.filter(kind=PersonKind.CHILD, allocations=None).exists()
    assert not Allocation.objects.filter(started_on__gt=TODAY).exists()


@pytest.mark.django_db
def test_a_second_run_reuses_the_council():
    first = seed_tiny()
    people = Person.objects.count()
    second = seed_tiny()
    assert not first.reused
    assert second.reused
    assert Person.objects.count() == people
    assert User.objects.filter(username="demo.leader", roles__code=RoleCode.SENIOR_LEADER).count() == 1
