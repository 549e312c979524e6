"""The access-changes page: every change to who may see what, newest first, for review."""

import pytest

from conftest import client_for, make_user
from hearth.accounts import administration, services
from hearth.accounts.roles import RoleCode

LIST_PAGE_BUDGET = 15


@pytest.fixture
def changes(council):
    """Changes of each kind, by two administrators and a manager."""
    second = make_user("admin2", RoleCode.ADMINISTRATOR)
    administration.user_roles_set(acting_user=council.admin, user=council.outsider,
                                  role_codes=[RoleCode.SOCIAL_WORKER, RoleCode.SENIOR_SOCIAL_WORKER])
    membership = administration.membership_add(acting_user=council.admin, user=council.outsider, team=council.team)
    administration.membership_change(acting_user=council.admin, membership=membership, manages=True)
    request = administration.user_roles_set(acting_user=council.admin, user=council.colleague,
                                            role_codes=[RoleCode.SOCIAL_WORKER, RoleCode.ADMINISTRATOR])
    administration.role_change_approve(acting_user=second, request=request)
    services.access_grant_give(acting_user=council.manager, child=council.restricted, user=council.colleague,
                               reason="Covering leave")
    return second


def test_access_changes_lists_every_kind_newest_first_with_who_when_what_and_for_whom(council, changes):
    page = client_for(council.leader).get("/accounts/access-changes").content.decode()
    for text in ("Granted Colleague Tester access to a restricted record", "Approved the change of Colleague Tester",
                 "Asked for Colleague Tester to hold", "Outsider Tester now manages Safeguarding 1",
                 "Added Outsider Tester to Safeguarding 1", "Roles of Outsider Tester changed to"):
        assert text in page, text
    assert page.index("Granted Colleague Tester") < page.index("Added Outsider Tester to Safeguarding 1")
    assert council.restricted.la_child_id in page and council.restricted.last_name not in page


def test_access_changes_filter_by_kind_and_by_user(council, changes):
    client = client_for(council.admin)
    grants = client.get("/accounts/access-changes", {"kind": "grants"}).content.decode()
    assert "Granted Colleague Tester" in grants and "Added Outsider Tester" not in grants
    outsider = client.get("/accounts/access-changes", {"user": "outsider"}).content.decode()
    assert "Added Outsider Tester" in outsider and "Colleague Tester" not in outsider
    by_second = client.get("/accounts/access-changes", {"user": "admin2"}).content.decode()
    assert "Approved the change of Colleague Tester" in by_second and "Added Outsider Tester" not in by_second


def test_access_changes_are_for_administrators_and_senior_leaders_only(council):
    for user in (council.worker, council.manager, council.inspector, council.analyst):
        assert client_for(user).get("/accounts/access-changes").status_code == 403
    for user in (council.admin, council.leader):
        assert client_for(user).get("/accounts/access-changes").status_code == 200


@pytest.fixture
def many_accounts(council, changes):
    """Enough accounts, teams and changes that a query per row would show."""
    for n in range(30):
        user = make_user(f"bulk{n}", RoleCode.SOCIAL_WORKER, RoleCode.SENIOR_SOCIAL_WORKER, team=council.team)
        administration.membership_add(acting_user=council.admin, user=user, team=council.other_team, manages=n % 2 == 0)
    return council


@pytest.mark.parametrize("path", [
    "/accounts/administration/users", "/accounts/administration/users?role=social_worker",
    "/accounts/administration/teams", "/accounts/administration/roles", "/accounts/administration/approvals",
    "/accounts/access-changes", "/accounts/access-changes?kind=memberships&user=bulk1",
    "/timescales/closure-days/", "/accounts/administration/",
])
def test_administration_list_pages_read_within_the_query_budget(many_accounts, django_assert_max_num_queries, path):
    client = client_for(many_accounts.admin)
    client.get(path)
    with django_assert_max_num_queries(LIST_PAGE_BUDGET):
        response = client.get(path)
    assert response.status_code == 200


def test_a_user_and_a_team_page_read_within_the_query_budget(many_accounts, django_assert_max_num_queries):
    client = client_for(many_accounts.admin)
    for path in (f"/accounts/administration/users/{many_accounts.outsider.pk}",
                 f"/accounts/administration/teams/{many_accounts.team.pk}"):
        with django_assert_max_num_queries(LIST_PAGE_BUDGET):
            assert client.get(path).status_code == 200
