"""Grants of access to a restricted record: who may give them, to whom, and what is kept."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from conftest import make_user
from hearth.accounts import services
from hearth.accounts.models import AccessGrant, AuditEvent, BreakGlassAccess
from hearth.accounts.policy import can_view_child, may_give_access_grant
from hearth.accounts.roles import RoleCode


def test_a_manager_who_manages_the_childs_team_grants_another_worker_access(council):
    grant = services.access_grant_give(acting_user=council.manager, child=council.restricted, user=council.colleague,
                                       reason="Covering the allocated worker's leave")
    assert can_view_child(council.colleague, council.restricted)
    assert grant.history.get().history_user == council.manager
    event = AuditEvent.objects.get(verb="access_grant.give")
    assert (event.actor, event.subject_user, event.child) == (council.manager, council.colleague, council.restricted)


def test_a_manager_cannot_grant_themselves_a_restricted_child(council):
    with pytest.raises(PermissionDenied):
        services.access_grant_give(acting_user=council.manager, child=council.restricted, user=council.manager,
                                   reason="I need to see it")
    assert not AccessGrant.objects.exists()


def test_a_manager_who_does_not_manage_the_childs_team_cannot_grant(council):
    other_manager = make_user("other.manager", RoleCode.TEAM_MANAGER, team=council.other_team, manages=True)
    member_not_managing = make_user("member.manager", RoleCode.TEAM_MANAGER, team=council.team, manages=False)
    for giver in (other_manager, member_not_managing):
        assert not may_give_access_grant(giver, council.restricted)
        with pytest.raises(PermissionDenied):
            services.access_grant_give(acting_user=giver, child=council.restricted, user=council.colleague,
                                       reason="Covering leave")
    assert not AccessGrant.objects.exists()


def test_break_glass_never_enables_giving_a_grant(council):
    other_manager = make_user("other.manager", RoleCode.TEAM_MANAGER, team=council.other_team, manages=True)
    BreakGlassAccess.objects.create(user=other_manager, child=council.team_child, reason="Out of hours call",
                                    expires_at=timezone.now() + timedelta(hours=8))
    assert can_view_child(other_manager, council.team_child)
    assert not may_give_access_grant(other_manager, council.team_child)


def test_a_senior_leader_may_grant_and_other_roles_may_not(council):
    assert may_give_access_grant(council.leader, council.restricted)
    for user in (council.worker, council.admin, council.inspector, council.analyst):
        assert not may_give_access_grant(user, council.restricted)


def test_the_grantee_must_work_with_cases_and_a_reason_is_required(council):
    with pytest.raises(ValidationError):
        services.access_grant_give(acting_user=council.manager, child=council.restricted, user=council.admin,
                                   reason="Needs to see it")
    with pytest.raises(ValidationError):
        services.access_grant_give(acting_user=council.manager, child=council.restricted, user=council.colleague,
                                   reason="  ")
    assert not AccessGrant.objects.exists()


def test_revoking_a_grant_keeps_the_row_and_its_history_and_is_audited(council):
    grant = services.access_grant_give(acting_user=council.manager, child=council.restricted, user=council.colleague,
                                       reason="Covering leave")
    services.access_grant_revoke(acting_user=council.leader, grant=grant)
    grant.refresh_from_db()
    assert grant.revoked_by == council.leader and not can_view_child(council.colleague, council.restricted)
    assert [v.history_user for v in grant.history.order_by("history_date")] == [council.manager, council.leader]
    assert AuditEvent.objects.filter(verb="access_grant.revoke", subject_user=council.colleague).exists()
    with pytest.raises(ValidationError):
        services.access_grant_revoke(acting_user=council.leader, grant=grant)


def test_nobody_revokes_their_own_grant(council):
    grant = services.access_grant_give(acting_user=council.leader, child=council.restricted, user=council.manager,
                                       reason="Oversight of the case")
    with pytest.raises(PermissionDenied):
        services.access_grant_revoke(acting_user=council.manager, grant=grant)
