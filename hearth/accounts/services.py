"""Writes about access: break-glass, grants for restricted records, and their reviews."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hearth.accounts import policy
from hearth.accounts.audit import audit_record
from hearth.accounts.models import AccessAction, AccessGrant, BreakGlassAccess, User
from hearth.accounts.policy import log_access
from hearth.people.models import Person

BREAK_GLASS_HOURS = 8


@transaction.atomic
def break_glass_open(*, acting_user: User, la_child_id: str, reason: str) -> Person | None:
    """Open a record outside the user's scope, for a typed reason, for one working shift.

    Returns None, with the attempt logged, where no such child exists or the record is
    restricted: break-glass never reaches a restricted record, and says nothing of it.
    """
    policy.require(policy.may_break_glass(acting_user), "Your role cannot use emergency access.")
    if len(reason.strip()) < 10:
        raise ValidationError({"reason": "Explain why you need emergency access, in at least 10 characters"})
    child = policy.reachable_by_break_glass().filter(la_child_id__iexact=la_child_id.strip()).first()
    if child is None:
        log_access(user=acting_user, action=AccessAction.DENIED, what="Emergency access",
                   detail=f"{la_child_id}: {reason}")
        return None
    BreakGlassAccess.objects.create(
        user=acting_user, child=child, reason=reason.strip(),
        expires_at=timezone.now() + timedelta(hours=BREAK_GLASS_HOURS),
    )
    log_access(user=acting_user, action=AccessAction.BREAK_GLASS, what="Emergency access", child=child,
               detail=reason.strip())
    audit_record(actor=acting_user, verb="break_glass.open", child=child, summary=f"Emergency access: {reason.strip()}")
    return child


@transaction.atomic
def break_glass_review(*, acting_user: User, access: BreakGlassAccess, outcome: str, note: str) -> BreakGlassAccess:
    """A manager's review of one emergency access."""
    policy.require(policy.is_manager(acting_user), "Only a manager can review emergency access.")
    policy.require(policy.may_review_break_glass(acting_user, access), "You cannot review your own emergency access.")
    if outcome not in {"justified", "not_justified"}:
        raise ValidationError({"outcome": "Select whether the access was justified"})
    access.reviewed_by = acting_user
    access.reviewed_at = timezone.now()
    access.review_outcome = outcome
    access.review_note = note
    access.save()
    audit_record(actor=acting_user, verb="break_glass.review", child=access.child,
                 summary=f"Reviewed emergency access by {access.user}: {access.get_review_outcome_display()}")
    return access


@transaction.atomic
def access_grant_give(*, acting_user: User, child: Person, user: User, reason: str) -> AccessGrant:
    """Let one user see one restricted child, given by a manager who may see the child."""
    policy.require(policy.is_manager(acting_user), "Only a manager can grant access to a restricted record.")
    if not reason.strip():
        raise ValidationError({"reason": "Enter why this person needs access"})
    grant = AccessGrant.objects.create(user=user, child=child, reason=reason.strip(), granted_by=acting_user)
    audit_record(actor=acting_user, verb="access_grant.give", child=child, summary=f"Granted access to {user}")
    return grant


@transaction.atomic
def access_grant_revoke(*, acting_user: User, grant: AccessGrant) -> AccessGrant:
    policy.require(policy.is_manager(acting_user), "Only a manager can revoke access.")
    grant.revoked_at = timezone.now()
    grant.revoked_by = acting_user
    grant.save()
    audit_record(actor=acting_user, verb="access_grant.revoke", child=grant.child, summary=f"Revoked access of {grant.user}")
    return grant
