"""Who may use the inspection pages, and the inspectors' accounts: the sample as their whole scope, and
sign-in (and every session) ending with the inspection's access window."""

from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from hearth.accounts.policy import inspection_sample_scope, register_scope
from hearth.accounts.roles import RoleCode
from hearth.inspection.models import InspectorAccount, SampledChild

# The council's inspection coordinator, who records inspections and keeps the action plan: a senior leader.
COORDINATOR_ROLES = frozenset({RoleCode.SENIOR_LEADER})
# Who reads the register and the plan: leaders, managers and analysts (owners of actions may be any of them).
READER_ROLES = frozenset({RoleCode.SENIOR_LEADER, RoleCode.TEAM_MANAGER, RoleCode.PERFORMANCE_ANALYST})


def is_coordinator(user) -> bool:
    return user.is_authenticated and bool(user.role_codes & COORDINATOR_ROLES)


def reads_inspections(user) -> bool:
    return user.is_authenticated and bool(user.role_codes & READER_ROLES)


def is_inspection_inspector(user) -> bool:
    return user.is_authenticated and RoleCode.INSPECTION_INSPECTOR in user.role_codes


def require_coordinator(user) -> None:
    if not is_coordinator(user):
        raise PermissionDenied("Only the council's inspection coordinator (a senior leader) can do this.")


def require_reader(user) -> None:
    if not reads_inspections(user):
        raise PermissionDenied("Inspections and action plans are for senior leaders, managers and analysts.")


register_scope(inspection_sample_scope(SampledChild))


def account_window_open(user, now=None) -> bool:
    """Whether this user may be signed in: always, unless theirs is an inspector's account outside its window."""
    if RoleCode.INSPECTION_INSPECTOR not in user.role_codes:
        return True
    account = InspectorAccount.objects.filter(user=user).only("opens_at", "closes_at").first()
    return account is not None and account.is_open(now or timezone.now())


class InspectionWindowBackend(ModelBackend):
    """Django's own sign-in, refusing an inspector's account outside its inspection's dates.

    Django asks the backend for the user on every request too, so a session open when the window
    closes ends on its next request. The role check costs no query on a page: the page reads the
    user's roles anyway, from the same cached set.
    """

    def user_can_authenticate(self, user) -> bool:
        return super().user_can_authenticate(user) and account_window_open(user)
