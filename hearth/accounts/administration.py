"""Writes that change who may see what: accounts, roles, team memberships, teams and role descriptions.

Each is one transaction, validated, keeping history with the acting user and writing an audit
event that names the account changed. Two rules hold throughout:

- nobody changes their own access (roles, memberships, whether their account is active);
- an account that would hold both the administrator role and a case role gets that mix only
  when a second administrator approves it: an administrator is not a superuser over children's
  records, so no one administrator can make themselves, or anyone, both.
"""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from hearth.accounts import policy
from hearth.accounts.audit import audit_record, save_with_history
from hearth.accounts.models import Membership, RequestOutcome, Role, RoleChangeRequest, Team, User
from hearth.accounts.roles import RoleCode

DETAIL_FIELDS = ("username", "first_name", "last_name", "email", "job_title", "agency")


is_administrator = policy.is_administrator


def require_administrator(user: User) -> None:
    if not is_administrator(user):
        raise PermissionDenied("Only an administrator can do this.")


def _refuse_own_access(acting_user: User, user: User) -> None:
    if user.pk == acting_user.pk:
        raise PermissionDenied("You cannot change your own access: ask another administrator.")


needs_second_administrator = policy.needs_second_administrator


def _role_labels(codes) -> str:
    return ", ".join(sorted(RoleCode(code).label for code in codes)) or "no roles"


# --- Accounts -------------------------------------------------------------------------------------

@transaction.atomic
def user_create(*, acting_user: User, username: str, first_name: str, last_name: str, email: str = "",
                job_title: str = "", agency: str = "", password: str) -> User:
    """Add an account, with no roles and no team: those are given separately, and audited as such."""
    require_administrator(acting_user)
    user = User(username=username.strip(), first_name=first_name.strip(), last_name=last_name.strip(),
                email=email.strip(), job_title=job_title.strip(), agency=agency.strip())
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise ValidationError({"password": error.messages}) from None
    user.set_password(password)
    save_with_history(user, acting_user=acting_user)
    audit_record(actor=acting_user, verb="user.create", subject_user=user, summary=f"Added the account of {user}",
                 detail={"username": user.username})
    return user


@transaction.atomic
def user_change_details(*, acting_user: User, user: User, **details: str) -> User:
    """Change an account's name, username, email, job title or agency."""
    require_administrator(acting_user)
    unknown = set(details) - set(DETAIL_FIELDS)
    if unknown:
        raise TypeError(f"Not account details: {', '.join(sorted(unknown))}")
    user = User.objects.select_for_update().get(pk=user.pk)
    changed = {}
    for field, value in details.items():
        value = value.strip()
        if getattr(user, field) != value:
            changed[field] = [getattr(user, field), value]
            setattr(user, field, value)
    if not changed:
        return user
    save_with_history(user, acting_user=acting_user)
    audit_record(actor=acting_user, verb="user.change", subject_user=user,
                 summary=f"Changed the details of {user}: {', '.join(sorted(changed))}", detail={"changed": changed})
    return user


@transaction.atomic
def user_set_active(*, acting_user: User, user: User, active: bool) -> User:
    """Activate or deactivate an account. A deactivated user is signed out on their next request."""
    require_administrator(acting_user)
    _refuse_own_access(acting_user, user)
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.is_active == active:
        return user
    user.is_active = active
    save_with_history(user, acting_user=acting_user)
    audit_record(actor=acting_user, verb="user.activate" if active else "user.deactivate", subject_user=user,
                 summary=f"{'Activated' if active else 'Deactivated'} the account of {user}")
    return user


@transaction.atomic
def user_sign_out_everywhere(*, acting_user: User, user: User) -> User:
    """End every session of this user, on whatever device: each ends on its next request."""
    require_administrator(acting_user)
    user = User.objects.select_for_update().get(pk=user.pk)
    user.session_generation += 1
    save_with_history(user, acting_user=acting_user)
    audit_record(actor=acting_user, verb="user.sign_out_everywhere", subject_user=user,
                 summary=f"Signed {user} out everywhere")
    return user


# --- Roles ----------------------------------------------------------------------------------------

def _validated_codes(role_codes) -> frozenset[str]:
    codes = frozenset(str(code) for code in role_codes)
    unknown = codes - set(RoleCode.values)
    if unknown:
        raise ValidationError({"roles": f"Not a role: {', '.join(sorted(unknown))}"})
    return codes


def _roles_apply(*, acting_user: User, user: User, codes: frozenset[str], request: RoleChangeRequest | None = None) -> None:
    """Give the account exactly these roles, as one version in its history and one audit event."""
    before = frozenset(user.roles.values_list("code", flat=True))
    # One history row for the whole change, not one for the roles removed and one for those added.
    user.skip_history_when_saving = True
    try:
        user.roles.set(Role.objects.filter(code__in=codes))
    finally:
        del user.skip_history_when_saving
    user.__dict__.pop("_role_codes", None)
    save_with_history(user, acting_user=acting_user)
    added, removed = sorted(codes - before), sorted(before - codes)
    summary = f"Roles of {user} changed to {_role_labels(codes)}"
    if request is not None:
        summary += f" (asked by {request.requested_by}, approved by {acting_user})"
    audit_record(actor=acting_user, verb="user.roles_change", subject_user=user, summary=summary,
                 detail={"added": added, "removed": removed, "request": request.pk if request else None})


@transaction.atomic
def user_roles_set(*, acting_user: User, user: User, role_codes, reason: str = "") -> RoleChangeRequest | None:
    """Set an account's roles. A change that mixes the administrator role with a case role is
    recorded as a request, and returned: it takes effect when a second administrator approves it."""
    require_administrator(acting_user)
    _refuse_own_access(acting_user, user)
    codes = _validated_codes(role_codes)
    user = User.objects.select_for_update().get(pk=user.pk)
    before = frozenset(user.roles.values_list("code", flat=True))
    if codes == before:
        return None
    if not needs_second_administrator(before, codes):
        _roles_apply(acting_user=acting_user, user=user, codes=codes)
        return None
    if RoleChangeRequest.objects.filter(user=user, decided_at__isnull=True).exists():
        raise ValidationError({"roles": f"A change to {user}'s roles is already waiting for a second administrator"})
    request = RoleChangeRequest(user=user, roles_before=sorted(before), roles_requested=sorted(codes),
                                reason=reason.strip(), requested_by=acting_user)
    save_with_history(request, acting_user=acting_user)
    audit_record(actor=acting_user, verb="user.roles_request", subject_user=user,
                 summary=f"Asked for {user} to hold {_role_labels(codes)}: waits for a second administrator",
                 detail={"request": request.pk, "before": sorted(before), "requested": sorted(codes)})
    return request


def _pending_request(request: RoleChangeRequest) -> RoleChangeRequest:
    request = RoleChangeRequest.objects.select_for_update().select_related("user", "requested_by").get(pk=request.pk)
    if not request.is_pending:
        raise ValidationError("This request has already been decided")
    return request


@transaction.atomic
def role_change_approve(*, acting_user: User, request: RoleChangeRequest, note: str = "") -> RoleChangeRequest:
    """A second administrator approves a change of roles, which takes effect now."""
    require_administrator(acting_user)
    request = _pending_request(request)
    if request.requested_by_id == acting_user.pk:
        raise PermissionDenied("You asked for this change: a different administrator must approve it.")
    _refuse_own_access(acting_user, request.user)
    request.decided_by, request.decided_at = acting_user, timezone.now()
    request.outcome, request.decision_note = RequestOutcome.APPROVED, note.strip()
    save_with_history(request, acting_user=acting_user)
    audit_record(actor=acting_user, verb="role_request.approve", subject_user=request.user,
                 summary=f"Approved the change of {request.user}'s roles asked by {request.requested_by}",
                 detail={"request": request.pk, "requested_by": request.requested_by_id})
    _roles_apply(acting_user=acting_user, user=request.user, codes=frozenset(request.roles_requested), request=request)
    return request


@transaction.atomic
def role_change_refuse(*, acting_user: User, request: RoleChangeRequest, note: str = "") -> RoleChangeRequest:
    """Refuse (or, by the administrator who asked, withdraw) a change of roles; nothing changes."""
    require_administrator(acting_user)
    request = _pending_request(request)
    _refuse_own_access(acting_user, request.user)
    request.decided_by, request.decided_at = acting_user, timezone.now()
    request.outcome, request.decision_note = RequestOutcome.REFUSED, note.strip()
    save_with_history(request, acting_user=acting_user)
    audit_record(actor=acting_user, verb="role_request.refuse", subject_user=request.user,
                 summary=f"Refused the change of {request.user}'s roles asked by {request.requested_by}",
                 detail={"request": request.pk, "requested_by": request.requested_by_id})
    return request


@transaction.atomic
def role_describe(*, acting_user: User, role: Role, description: str) -> Role:
    """Change what a role's description says (the role's code, and what it may do, are fixed)."""
    require_administrator(acting_user)
    role = Role.objects.select_for_update().get(pk=role.pk)
    if role.description == description.strip():
        return role
    was = role.description
    role.description = description.strip()
    save_with_history(role, acting_user=acting_user)
    audit_record(actor=acting_user, verb="role.describe", summary=f"Changed the description of the role {role}",
                 detail={"role": role.code, "was": was, "now": role.description})
    return role


# --- Teams and memberships ------------------------------------------------------------------------

@transaction.atomic
def team_create(*, acting_user: User, name: str, service_area: str, is_active: bool = True) -> Team:
    require_administrator(acting_user)
    team = Team(name=name.strip(), service_area=service_area, is_active=is_active)
    save_with_history(team, acting_user=acting_user)
    audit_record(actor=acting_user, verb="team.create", summary=f"Added the team {team}", detail={"team": team.pk})
    return team


@transaction.atomic
def team_change(*, acting_user: User, team: Team, name: str, service_area: str, is_active: bool) -> Team:
    require_administrator(acting_user)
    team = Team.objects.select_for_update().get(pk=team.pk)
    changed = {field: [getattr(team, field), value]
               for field, value in (("name", name.strip()), ("service_area", service_area), ("is_active", is_active))
               if getattr(team, field) != value}
    if not changed:
        return team
    for field, (_, value) in changed.items():
        setattr(team, field, value)
    save_with_history(team, acting_user=acting_user)
    audit_record(actor=acting_user, verb="team.change", summary=f"Changed the team {team}: {', '.join(sorted(changed))}",
                 detail={"team": team.pk, "changed": changed})
    return team


@transaction.atomic
def membership_add(*, acting_user: User, user: User, team: Team, manages: bool = False) -> Membership:
    """Put a user in a team (and say whether they manage it): they see the team's children."""
    require_administrator(acting_user)
    _refuse_own_access(acting_user, user)
    if not team.is_active:
        raise ValidationError({"team": f"{team} is no longer active: choose an active team"})
    if Membership.objects.filter(user=user, team=team).exists():
        raise ValidationError({"team": f"{user} is already in {team}"})
    membership = Membership(user=user, team=team, manages=manages)
    save_with_history(membership, acting_user=acting_user)
    audit_record(actor=acting_user, verb="membership.add", subject_user=user,
                 summary=f"Added {user} to {team}{' as a manager of the team' if manages else ''}",
                 detail={"team": team.pk, "manages": manages})
    return membership


@transaction.atomic
def membership_change(*, acting_user: User, membership: Membership, manages: bool) -> Membership:
    """Say whether a member manages their team."""
    require_administrator(acting_user)
    membership = Membership.objects.select_for_update().select_related("user", "team").get(pk=membership.pk)
    _refuse_own_access(acting_user, membership.user)
    if membership.manages == manages:
        return membership
    membership.manages = manages
    save_with_history(membership, acting_user=acting_user)
    audit_record(actor=acting_user, verb="membership.change", subject_user=membership.user,
                 summary=f"{membership.user} {'now manages' if manages else 'no longer manages'} {membership.team}",
                 detail={"team": membership.team_id, "manages": manages})
    return membership


@transaction.atomic
def membership_end(*, acting_user: User, membership: Membership) -> None:
    """Take a user out of a team; the membership's history keeps that they were in it, and until when."""
    require_administrator(acting_user)
    membership = Membership.objects.select_for_update().select_related("user", "team").get(pk=membership.pk)
    _refuse_own_access(acting_user, membership.user)
    membership._history_user = acting_user
    membership.delete()
    audit_record(actor=acting_user, verb="membership.end", subject_user=membership.user,
                 summary=f"Took {membership.user} out of {membership.team}",
                 detail={"team": membership.team_id, "managed": membership.manages})
