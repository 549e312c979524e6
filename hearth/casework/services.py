"""Writes to casework. Each is one transaction with validation, history and audit."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from hearth.accounts.audit import audit_record, save_with_history
from hearth.accounts.models import Team, User
from hearth.casework.models import Allocation, CaseNote, Decision
from hearth.people.models import Person


@transaction.atomic
def allocation_start(*, acting_user: User, child: Person, team: Team, worker: User | None,
                     started_on: date, reason: str = "") -> Allocation:
    """Allocate a child to a team and worker; the current allocation ends on the day the new one starts."""
    if not acting_user.is_manager:
        raise PermissionDenied("Only a manager can allocate a child.")
    if worker is not None and not worker.memberships.filter(team=team).exists():
        raise ValidationError({"worker": f"{worker} is not a member of {team}"})
    if started_on > timezone.localdate():
        raise ValidationError({"started_on": "The allocation date must be today or in the past"})
    for current in Allocation.objects.select_for_update().filter(child=child, ended_on__isnull=True):
        if started_on < current.started_on:
            raise ValidationError({"started_on": "The new allocation cannot start before the current one"})
        current.ended_on = started_on
        save_with_history(current, acting_user=acting_user)
    allocation = Allocation(child=child, team=team, worker=worker, started_on=started_on,
                            reason=reason, recorded_by=acting_user)
    save_with_history(allocation, acting_user=acting_user)
    audit_record(actor=acting_user, verb="allocation.start", child=child,
                 summary=f"Allocated to {worker or 'no named worker'} in {team}")
    return allocation


@transaction.atomic
def allocation_open_for_new_child(*, acting_user: User, child: Person, team: Team) -> Allocation:
    """Give a newly recorded child to the recording worker's team, with no named worker yet.

    Without it, the person who added the child could not see the record they had just made;
    the team's manager then allocates a worker.
    """
    if not acting_user.may_write_cases:
        raise PermissionDenied("Your role cannot add children's records.")
    if not acting_user.memberships.filter(team=team).exists():
        raise ValidationError({"team": f"You are not a member of {team}"})
    if Allocation.objects.filter(child=child).exists():
        raise ValidationError({"team": "This child has already been allocated"})
    allocation = Allocation(child=child, team=team, worker=None, started_on=timezone.localdate(),
                            reason="Record created", recorded_by=acting_user)
    save_with_history(allocation, acting_user=acting_user)
    audit_record(actor=acting_user, verb="allocation.start", child=child, summary=f"New record given to {team}")
    return allocation


@transaction.atomic
def allocation_end(*, acting_user: User, allocation: Allocation, ended_on: date, reason: str) -> Allocation:
    """End an allocation (the child stays on record; nobody is allocated)."""
    if not acting_user.is_manager:
        raise PermissionDenied("Only a manager can end an allocation.")
    if ended_on < allocation.started_on:
        raise ValidationError({"ended_on": "The end date must be on or after the start date"})
    if not reason.strip():
        raise ValidationError({"end_reason": "Enter why the allocation is ending"})
    allocation.ended_on = ended_on
    allocation.end_reason = reason.strip()
    save_with_history(allocation, acting_user=acting_user)
    audit_record(actor=acting_user, verb="allocation.end", child=allocation.child,
                 summary=f"Ended the allocation to {allocation.worker or allocation.team}: {allocation.end_reason}")
    return allocation


@transaction.atomic
def case_note_record(*, acting_user: User, child: Person, note: CaseNote) -> CaseNote:
    """Record a case note: the event's own date and time, and the child's words apart."""
    if not acting_user.may_write_cases:
        raise PermissionDenied("Your role cannot add case notes.")
    note.child = child
    note.author = acting_user
    if note.occurred_at and note.occurred_at > timezone.now():
        raise ValidationError({"occurred_at": "The date of the event must be now or in the past"})
    save_with_history(note, acting_user=acting_user)
    audit_record(actor=acting_user, verb="case_note.record", child=child, summary=f"Recorded a case note: {note.title}")
    return note


@transaction.atomic
def decision_record(*, acting_user: User, child: Person, kind: str, outcome: str, rationale: str,
                    decided_at=None) -> Decision:
    """Record a decision with its decider, time and rationale (a decision without a why is refused)."""
    if not rationale.strip():
        raise ValidationError({"rationale": "Enter the reason for the decision"})
    decision = Decision(child=child, kind=kind, outcome=outcome, rationale=rationale,
                        decided_at=decided_at or timezone.now(), decided_by=acting_user)
    save_with_history(decision, acting_user=acting_user)
    audit_record(actor=acting_user, verb=f"decision.{kind}", child=child, summary=f"Decided: {outcome}")
    return decision
