"""Who may begin, record and decide pre-proceedings, and who sees the leaders' page (the policy's answers)."""

from conftest import make_user
from hearth.accounts import policy
from hearth.accounts.models import AccessGrant
from hearth.accounts.roles import RoleCode


def test_a_manager_of_the_childs_team_and_a_senior_leader_may_decide(council, family):
    child = family["sister"]
    assert policy.may_decide_pre_proceedings(council.manager, child)
    assert policy.may_decide_pre_proceedings(council.leader, child)
    assert not policy.may_decide_pre_proceedings(council.worker, child)
    assert not policy.may_decide_pre_proceedings(council.inspector, child)
    other = make_user("othermanager", RoleCode.TEAM_MANAGER, team=council.other_team, manages=True)
    assert not policy.may_decide_pre_proceedings(other, child)


def test_a_worker_is_answered_no_without_a_query(council, family, django_assert_num_queries):
    policy.memberships(council.worker)
    council.worker.role_codes  # noqa: B018 - read once, as a request does
    with django_assert_num_queries(0):
        assert not policy.may_decide_pre_proceedings(council.worker, family["sister"])


def test_recording_needs_every_childs_record(council, family):
    children = [family["sister"], family["brother"]]
    assert policy.may_record_pre_proceedings(council.worker, children)
    assert not policy.may_record_pre_proceedings(council.outsider, children)
    assert not policy.may_record_pre_proceedings(council.inspector, children)
    assert not policy.may_record_pre_proceedings(council.worker, [*children, council.restricted])
    AccessGrant.objects.create(user=council.worker, child=council.restricted, reason="Allocated",
                               granted_by=council.leader)
    assert policy.may_record_pre_proceedings(council.worker, [*children, council.restricted])
    assert not policy.may_record_pre_proceedings(council.worker, [])


def test_the_leaders_page_is_for_senior_leaders_and_team_managers(council):
    assert policy.may_see_pre_proceedings_tracker(council.leader)
    assert policy.may_see_pre_proceedings_tracker(council.manager)
    for user in (council.worker, council.analyst, council.inspector, council.partner, council.admin):
        assert not policy.may_see_pre_proceedings_tracker(user)
    assert policy.pre_proceedings_tracker_teams(council.leader) is None
    assert policy.pre_proceedings_tracker_teams(council.manager) == {council.team.pk}
