"""Changes to who may see what: kept in history with the acting user, audited, and ruled."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from conftest import make_user
from hearth.accounts import administration, policy
from hearth.accounts.models import AuditEvent, Membership, Role, RoleChangeRequest, User
from hearth.accounts.roles import RoleCode


@pytest.fixture
def second_admin(council):
    return make_user("admin2", RoleCode.ADMINISTRATOR)


def codes(user: User) -> set[str]:
    return set(User.objects.get(pk=user.pk).roles.values_list("code", flat=True))


def test_an_administrator_editing_their_own_roles_is_refused(council):
    with pytest.raises(PermissionDenied):
        administration.user_roles_set(acting_user=council.admin, user=council.admin,
                                      role_codes=[RoleCode.ADMINISTRATOR, RoleCode.SOCIAL_WORKER])
    assert codes(council.admin) == {RoleCode.ADMINISTRATOR}


def test_an_administrator_editing_their_own_memberships_or_activation_is_refused(council):
    with pytest.raises(PermissionDenied):
        administration.membership_add(acting_user=council.admin, user=council.admin, team=council.team)
    with pytest.raises(PermissionDenied):
        administration.user_set_active(acting_user=council.admin, user=council.admin, active=False)
    assert not Membership.objects.filter(user=council.admin).exists()


def test_an_administrator_editing_their_own_access_through_the_pages_is_refused(council):
    client = Client()
    client.force_login(council.admin)
    roles = client.post(f"/accounts/administration/users/{council.admin.pk}/roles",
                        {"roles": [RoleCode.ADMINISTRATOR, RoleCode.SENIOR_LEADER]})
    team = client.post(f"/accounts/administration/users/{council.admin.pk}/teams/new", {"team": council.team.pk})
    assert (roles.status_code, team.status_code) == (403, 403)
    assert codes(council.admin) == {RoleCode.ADMINISTRATOR}


def test_a_non_administrator_cannot_change_access(council):
    with pytest.raises(PermissionDenied):
        administration.user_roles_set(acting_user=council.leader, user=council.worker,
                                      role_codes=[RoleCode.SENIOR_LEADER])


def test_an_administrator_holds_no_case_role_by_default(council):
    user = administration.user_create(acting_user=council.admin, username="new.admin", first_name="New",
                                      last_name="Admin", password="a-long-test-password-9")
    administration.user_roles_set(acting_user=council.admin, user=user, role_codes=[RoleCode.ADMINISTRATOR])
    assert codes(user) == {RoleCode.ADMINISTRATOR}
    assert not policy.works_with_cases(user) and not Membership.objects.filter(user=user).exists()
    assert codes(council.admin) == {RoleCode.ADMINISTRATOR}


def test_a_case_role_for_an_admin_account_waits_for_a_second_administrator(council, second_admin):
    request = administration.user_roles_set(acting_user=council.admin, user=second_admin,
                                            role_codes=[RoleCode.ADMINISTRATOR, RoleCode.SOCIAL_WORKER],
                                            reason="Covers the duty desk")
    assert isinstance(request, RoleChangeRequest) and request.is_pending
    assert codes(second_admin) == {RoleCode.ADMINISTRATOR}
    assert AuditEvent.objects.filter(verb="user.roles_request", subject_user=second_admin).exists()


def test_the_administrator_role_for_a_case_worker_waits_for_a_second_administrator(council):
    request = administration.user_roles_set(acting_user=council.admin, user=council.worker,
                                            role_codes=[RoleCode.SOCIAL_WORKER, RoleCode.ADMINISTRATOR])
    assert request is not None
    assert codes(council.worker) == {RoleCode.SOCIAL_WORKER}


def test_the_same_administrator_cannot_approve_their_own_request(council, second_admin):
    request = administration.user_roles_set(acting_user=council.admin, user=council.worker,
                                            role_codes=[RoleCode.SOCIAL_WORKER, RoleCode.ADMINISTRATOR])
    with pytest.raises(PermissionDenied):
        administration.role_change_approve(acting_user=council.admin, request=request)
    request.refresh_from_db()
    assert request.is_pending and codes(council.worker) == {RoleCode.SOCIAL_WORKER}


def test_a_second_administrators_approval_makes_the_change_and_both_acts_are_recorded(council, second_admin):
    request = administration.user_roles_set(acting_user=council.admin, user=council.worker,
                                            role_codes=[RoleCode.SOCIAL_WORKER, RoleCode.ADMINISTRATOR])
    administration.role_change_approve(acting_user=second_admin, request=request, note="Agreed with the head of service")
    request.refresh_from_db()
    assert (request.requested_by, request.decided_by, request.outcome) == (council.admin, second_admin, "approved")
    assert request.requested_at <= request.decided_at
    assert codes(council.worker) == {RoleCode.SOCIAL_WORKER, RoleCode.ADMINISTRATOR}
    verbs = list(AuditEvent.objects.filter(subject_user=council.worker).order_by("at", "pk")
                 .values_list("verb", "actor__username"))
    assert verbs == [("user.roles_request", "admin"), ("role_request.approve", "admin2"),
                     ("user.roles_change", "admin2")]
    assert request.history.latest().history_user == second_admin


def test_a_refused_request_changes_nothing_and_cannot_then_be_approved(council, second_admin):
    request = administration.user_roles_set(acting_user=council.admin, user=council.worker,
                                            role_codes=[RoleCode.SOCIAL_WORKER, RoleCode.ADMINISTRATOR])
    administration.role_change_refuse(acting_user=second_admin, request=request)
    with pytest.raises(ValidationError):
        administration.role_change_approve(acting_user=second_admin, request=request)
    assert codes(council.worker) == {RoleCode.SOCIAL_WORKER}


def test_removing_roles_from_a_mixed_account_needs_no_second_administrator(council, second_admin):
    mixed = make_user("mixed", RoleCode.ADMINISTRATOR, RoleCode.SOCIAL_WORKER)
    assert administration.user_roles_set(acting_user=council.admin, user=mixed,
                                         role_codes=[RoleCode.ADMINISTRATOR]) is None
    assert codes(mixed) == {RoleCode.ADMINISTRATOR}


def test_a_change_of_roles_keeps_one_history_row_with_the_acting_user_and_the_roles(council):
    before = council.worker.history.count()
    administration.user_roles_set(acting_user=council.admin, user=council.worker,
                                  role_codes=[RoleCode.SOCIAL_WORKER, RoleCode.SENIOR_SOCIAL_WORKER])
    assert council.worker.history.count() == before + 1
    version = council.worker.history.latest()
    assert version.history_user == council.admin
    assert {link.role.code for link in version.roles.all()} == {RoleCode.SOCIAL_WORKER, RoleCode.SENIOR_SOCIAL_WORKER}
    event = AuditEvent.objects.get(verb="user.roles_change")
    assert (event.actor, event.subject_user, event.detail["added"]) == (
        council.admin, council.worker, [RoleCode.SENIOR_SOCIAL_WORKER])


def test_membership_add_change_and_end_keep_history_with_the_acting_user_and_are_audited(council):
    membership = administration.membership_add(acting_user=council.admin, user=council.outsider, team=council.team)
    administration.membership_change(acting_user=council.admin, membership=membership, manages=True)
    administration.membership_end(acting_user=council.admin, membership=membership)
    assert not Membership.objects.filter(pk=membership.pk).exists()
    versions = Membership.history.filter(id=membership.pk).order_by("history_date")
    assert [(v.history_type, v.manages, v.history_user) for v in versions] == [
        ("+", False, council.admin), ("~", True, council.admin), ("-", True, council.admin)]
    assert list(AuditEvent.objects.filter(subject_user=council.outsider).order_by("pk").values_list("verb", flat=True)) == [
        "membership.add", "membership.change", "membership.end"]


def test_a_user_is_not_added_to_a_team_twice(council):
    with pytest.raises(ValidationError):
        administration.membership_add(acting_user=council.admin, user=council.worker, team=council.team)


def test_user_create_and_change_keep_history_with_the_acting_user_and_are_audited(council):
    user = administration.user_create(acting_user=council.admin, username="new.worker", first_name="New",
                                      last_name="Worker", password="a-long-test-password-9")
    administration.user_change_details(acting_user=council.admin, user=user, job_title="Social Worker")
    assert [v.history_user for v in user.history.all()] == [council.admin, council.admin]
    assert user.check_password("a-long-test-password-9") and not user.roles.exists()
    assert list(AuditEvent.objects.filter(subject_user=user).order_by("pk").values_list("verb", flat=True)) == [
        "user.create", "user.change"]


def test_a_weak_first_password_is_refused(council):
    with pytest.raises(ValidationError) as error:
        administration.user_create(acting_user=council.admin, username="weak", first_name="W", last_name="K",
                                   password="short")
    assert "password" in error.value.message_dict
    assert not User.objects.filter(username="weak").exists()


def test_team_changes_and_role_descriptions_keep_history_and_are_audited(council):
    team = administration.team_create(acting_user=council.admin, name="Fostering", service_area="fostering")
    administration.team_change(acting_user=council.admin, team=team, name="Fostering North", service_area="fostering",
                               is_active=False)
    role = Role.objects.get(code=RoleCode.IRO)
    administration.role_describe(acting_user=council.admin, role=role, description="Chairs reviews.")
    assert team.history.latest().history_user == council.admin
    assert role.history.latest().history_user == council.admin
    assert set(AuditEvent.objects.values_list("verb", flat=True)) == {"team.create", "team.change", "role.describe"}


def test_deactivating_an_account_signs_the_user_out(council):
    client = Client()
    client.force_login(council.worker)
    assert client.get("/my-work").status_code == 200
    administration.user_set_active(acting_user=council.admin, user=council.worker, active=False)
    assert client.get("/my-work").status_code == 302
    assert AuditEvent.objects.filter(verb="user.deactivate", subject_user=council.worker).exists()


def test_sign_out_everywhere_ends_an_existing_session(council):
    worker_phone, worker_laptop = Client(), Client()
    worker_phone.force_login(council.worker)
    worker_laptop.force_login(council.worker)
    assert worker_phone.get("/my-work").status_code == 200 and worker_laptop.get("/my-work").status_code == 200
    administrator = Client()
    administrator.force_login(council.admin)
    response = administrator.post(f"/accounts/administration/users/{council.worker.pk}/sign-out-everywhere")
    assert response.status_code == 302
    for client in (worker_phone, worker_laptop):
        assert client.get("/my-work").url.startswith("/accounts/sign-in")
    fresh = Client()
    fresh.force_login(User.objects.get(pk=council.worker.pk))
    assert fresh.get("/my-work").status_code == 200
    assert administrator.get("/accounts/administration/").status_code == 200
    assert AuditEvent.objects.filter(verb="user.sign_out_everywhere", actor=council.admin,
                                     subject_user=council.worker).exists()


def test_signing_in_keeps_no_version_of_the_account(council):
    before = council.worker.history.count()
    client = Client()
    assert client.post("/accounts/sign-in", {"username": "worker", "password": "a-long-test-password"}).status_code == 302
    assert council.worker.history.count() == before
    assert User.objects.get(pk=council.worker.pk).last_login is not None
