"""Who may use the inspection pages, and the inspectors' accounts: the sample as their whole scope, and
sign-in (and every session) ending with the inspection's access window."""

from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from hearth.accounts import policy
from hearth.accounts.policy import inspection_sample_scope, register_scope
from hearth.inspection.models import InspectorAccount, SampledChild

# Who may do what here is the access policy's (hearth/accounts/policy.py).
is_coordinator = policy.may_coordinate_inspections
reads_inspections = policy.may_read_inspections
is_inspection_inspector = policy.is_inspection_inspector


def require_coordinator(user) -> None:
    if not is_coordinator(user):
        raise PermissionDenied("Only the council's inspection coordinator (a senior leader) can do this.")


def require_reader(user) -> None:
    if not reads_inspections(user):
        raise PermissionDenied("Inspections and action plans are for senior leaders, managers and analysts.")


register_scope(inspection_sample_scope(SampledChild))


def account_window_open(user, now=None) -> bool:
    """Whether this user may be signed in: always, unless theirs is an inspector's account outside its window."""
    if not policy.is_inspection_inspector(user):
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
