"""Writes about access to records: break-glass and its reviews, and grants for restricted records."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from hearth.accounts import policy
from hearth.accounts.audit import audit_record, save_with_history
from hearth.accounts.models import (
    AccessAction,
    AccessGrant,
    BreakGlassAccess,
    BreakGlassReview,
    ReviewOutcome,
    User,
)
from hearth.accounts.policy import log_access, may_give_access_grant
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
def break_glass_review(*, acting_user: User, access: BreakGlassAccess, outcome: str, note: str) -> BreakGlassReview:
    """A manager's review of one emergency access. Once made it stands: a change of mind is a correction."""
    _require_reviewer(acting_user, access)
    # Lock the access so two managers reviewing at once cannot both record a first review.
    access = BreakGlassAccess.objects.select_for_update().select_related("user", "child").get(pk=access.pk)
    if access.reviews.exists():
        raise ValidationError({"outcome": "This emergency access has already been reviewed, and the review stands. "
                                          "Record a correction to it instead"})
    review = _review_record(acting_user=acting_user, access=access, outcome=outcome, note=note)
    audit_record(actor=acting_user, verb="break_glass.review", child=access.child, subject_user=access.user,
                 summary=f"Reviewed emergency access by {access.user}: {review.get_outcome_display()}",
                 detail={"access": access.pk, "review": review.pk, "outcome": outcome})
    return review


@transaction.atomic
def break_glass_review_correct(*, acting_user: User, review: BreakGlassReview, outcome: str,
                               note: str) -> BreakGlassReview:
    """Correct a review with a new one that names it; the review corrected is kept as it was."""
    access = BreakGlassAccess.objects.select_for_update().select_related("user", "child").get(pk=review.access_id)
    _require_reviewer(acting_user, access)
    review = BreakGlassReview.objects.select_related("reviewer").get(pk=review.pk)
    if BreakGlassReview.objects.filter(corrects=review).exists():
        raise ValidationError({"outcome": "This review has already been corrected: correct the latest review"})
    if not note.strip():
        raise ValidationError({"note": "Enter why the review is being corrected"})
    correction = _review_record(acting_user=acting_user, access=access, outcome=outcome, note=note, corrects=review)
    audit_record(actor=acting_user, verb="break_glass.review_correct", child=access.child, subject_user=access.user,
                 summary=f"Corrected the review of emergency access by {access.user}: "
                         f"{review.get_outcome_display()} became {correction.get_outcome_display()}",
                 detail={"access": access.pk, "review": correction.pk, "corrects": review.pk,
                         "outcome_was": review.outcome, "outcome": outcome})
    return correction


def _require_reviewer(acting_user: User, access: BreakGlassAccess) -> None:
    policy.require(policy.is_manager(acting_user), "Only a manager can review emergency access.")
    policy.require(policy.may_review_break_glass(acting_user, access), "You cannot review your own emergency access.")


def _review_record(*, acting_user: User, access: BreakGlassAccess, outcome: str, note: str,
                   corrects: BreakGlassReview | None = None) -> BreakGlassReview:
    if outcome not in ReviewOutcome.values:
        raise ValidationError({"outcome": "Select whether the access was justified"})
    review = BreakGlassReview(access=access, reviewer=acting_user, outcome=outcome, note=note.strip(),
                              corrects=corrects)
    save_with_history(review, acting_user=acting_user)
    return review


@transaction.atomic
def access_grant_give(*, acting_user: User, child: Person, user: User, reason: str) -> AccessGrant:
    """Let one other user, whose roles work with cases, see one restricted child.

    Given by a senior leader, or by a team manager who manages the child's allocated team
    (`policy.may_give_access_grant`); never to oneself.
    """
    if user.pk == acting_user.pk:
        raise PermissionDenied("You cannot grant yourself access to a record: ask another manager.")
    if not may_give_access_grant(acting_user, child):
        raise PermissionDenied("Only a senior leader, or a manager of the team the child is allocated to, can grant "
                               "access to this record.")
    if not user.is_active or not policy.works_with_cases(user):
        raise ValidationError({"user": "Access can only be given to an active user whose role works with cases"})
    if not reason.strip():
        raise ValidationError({"reason": "Enter why this person needs access"})
    if AccessGrant.objects.filter(user=user, child=child, revoked_at__isnull=True).exists():
        raise ValidationError({"user": f"{user} already has access to this record"})
    grant = AccessGrant(user=user, child=child, reason=reason.strip(), granted_by=acting_user)
    save_with_history(grant, acting_user=acting_user)
    audit_record(actor=acting_user, verb="access_grant.give", child=child, subject_user=user,
                 summary=f"Granted {user} access to a restricted record", detail={"grant": grant.pk})
    return grant


@transaction.atomic
def access_grant_revoke(*, acting_user: User, grant: AccessGrant) -> AccessGrant:
    """End a grant; the row and its history stay."""
    grant = AccessGrant.objects.select_for_update().select_related("user", "child").get(pk=grant.pk)
    if grant.user_id == acting_user.pk:
        raise PermissionDenied("You cannot change your own access to a record: ask another manager.")
    if not may_give_access_grant(acting_user, grant.child):
        raise PermissionDenied("Only a senior leader, or a manager of the team the child is allocated to, can revoke "
                               "access to this record.")
    if grant.revoked_at is not None:
        raise ValidationError("This access has already been revoked")
    grant.revoked_at = timezone.now()
    grant.revoked_by = acting_user
    save_with_history(grant, acting_user=acting_user)
    audit_record(actor=acting_user, verb="access_grant.revoke", child=grant.child, subject_user=grant.user,
                 summary=f"Revoked {grant.user}'s access to a restricted record", detail={"grant": grant.pk})
    return grant
