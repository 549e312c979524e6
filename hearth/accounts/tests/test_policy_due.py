"""The policy's answers for what is due: who sees My work and a team's work, for which teams, and where each lands."""

from conftest import make_user
from hearth.accounts import policy
from hearth.accounts.models import Membership
from hearth.accounts.policy import Landing
from hearth.accounts.roles import RoleCode


def test_my_work_is_for_those_who_write_to_case_records(council):
    assert all(policy.may_see_my_work(user) for user in (council.worker, council.manager, council.adviser,
                                                           council.leader))
    assert not any(policy.may_see_my_work(user) for user in (council.inspector, council.analyst, council.admin,
                                                               council.partner))


def test_a_managers_team_work_covers_the_teams_they_manage_and_no_other(council):
    assert policy.due_teams(council.manager) == {council.team.pk}
    Membership.objects.create(user=council.manager, team=council.other_team, manages=False)
    del council.manager._policy_memberships  # read again, as on the next request
    assert policy.due_teams(council.manager) == {council.team.pk}  # a member, not its manager
    assert policy.due_teams(council.worker) == set() and not policy.may_see_team_work(council.worker)
    # A senior leader oversees every team through management oversight, not this list.
    assert policy.due_teams(council.leader) == set()
    # Managing a team needs the team manager's role as well as the membership that says so.
    senior = make_user("senior", RoleCode.SOCIAL_WORKER, team=council.team, manages=True)
    assert policy.due_teams(senior) == set()


def test_each_role_lands_where_its_work_is(council):
    fd_manager = make_user("fdmanager", RoleCode.TEAM_MANAGER, team=council.front_door, manages=True)
    senior = make_user("senior", RoleCode.SENIOR_SOCIAL_WORKER, team=council.front_door)
    iro = make_user("iro", RoleCode.IRO)
    sample_reader = make_user("visiting", RoleCode.INSPECTION_INSPECTOR)
    nobody = make_user("nobody")
    assert {name: policy.landing(user) for name, user in {
        "worker": council.worker, "manager": council.manager, "iro": iro, "adviser": council.adviser,
        "senior": senior, "fd_manager": fd_manager, "leader": council.leader, "analyst": council.analyst,
        "inspector": council.inspector, "visiting": sample_reader, "admin": council.admin,
        "partner": council.partner, "nobody": nobody,
    }.items()} == {
        "worker": Landing.MY_WORK, "manager": Landing.MY_WORK, "iro": Landing.MY_WORK,
        "adviser": Landing.FRONT_DOOR, "senior": Landing.FRONT_DOOR, "fd_manager": Landing.FRONT_DOOR,
        "leader": Landing.FIGURES, "analyst": Landing.FIGURES, "inspector": Landing.FIND_A_CHILD,
        "visiting": Landing.CASE_SAMPLE, "admin": Landing.ADMINISTRATION, "partner": Landing.PARTNER,
        "nobody": Landing.HOME,
    }


def test_an_adviser_outside_a_front_door_team_lands_on_my_work_not_the_worklist(council):
    elsewhere = make_user("elsewhere", RoleCode.FRONT_DOOR_ADVISER, team=council.team)
    assert policy.landing(elsewhere) == Landing.MY_WORK
