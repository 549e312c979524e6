"""Writes to casework. Each is one transaction with validation, history and audit."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hearth.accounts import policy
from hearth.accounts.audit import audit_record, save_with_history
from hearth.accounts.models import Team, User
from hearth.casework import decision_sources
from hearth.casework.models import Allocation, CaseNote, Decision, Involvement
from hearth.core.concurrency import claim_current, claim_version
from hearth.people.models import Person


@transaction.atomic
def allocation_start(*, acting_user: User, child: Person, team: Team, worker: User | None,
                     started_on: date, reason: str = "", read: tuple[int, int] | None = None) -> Allocation:
    """Allocate a child to a team and worker; the current allocation ends on the day the new one starts.

    `read` is the current allocation the manager saw (`current_of`): if another allocation has been made since, the
    change is refused with `EditConflict` rather than ending it unseen.
    """
    policy.require(policy.may_allocate(acting_user, child, team.pk),
                   "Only a manager of the receiving team or of the child's current team can allocate the child.")
    if worker is not None and not worker.memberships.filter(team=team).exists():
        raise ValidationError({"worker": f"{worker} is not a member of {team}"})
    if started_on > timezone.localdate():
        raise ValidationError({"started_on": "The allocation date must be today or in the past"})
    if read is not None:
        claim_current(Allocation.objects.filter(child=child, ended_on__isnull=True), read)
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
    policy.require(policy.may_write(acting_user), "Your role cannot add children's records.")
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
    policy.require(policy.may_end_allocation(acting_user, allocation),
                   "Only a manager of the allocated team can end the allocation.")
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
def involvement_start(*, acting_user: User, child: Person, worker: User, role: str, started_on: date,
                      reason: str = "") -> Involvement:
    """Record someone working with the child beside the allocated worker; while current, they see the child's record."""
    policy.require(policy.may_add_involvement(acting_user, child, worker),
                   "Only a manager of the child's team, or of the worker's team, can add someone working with the child.")
    errors = {}
    if not policy.may_be_involved(worker):
        errors["worker"] = f"{worker} cannot work with a child's record"
    if started_on > timezone.localdate():
        errors["started_on"] = "The start date must be today or in the past"
    if Involvement.objects.filter(child=child, worker=worker, role=role, ended_on__isnull=True).exists():
        errors["worker"] = f"{worker} is already working with the child in this role"
    if errors:
        raise ValidationError(errors)
    involvement = Involvement(child=child, worker=worker, role=role, started_on=started_on, reason=reason.strip(),
                              recorded_by=acting_user)
    save_with_history(involvement, acting_user=acting_user)
    audit_record(actor=acting_user, verb="involvement.start", child=child,
                 summary=f"{worker} working with the child as {involvement.get_role_display()}")
    return involvement


@transaction.atomic
def involvement_end(*, acting_user: User, involvement: Involvement, ended_on: date, reason: str) -> Involvement:
    """End an involvement; from then on it gives no access."""
    policy.require(policy.may_add_involvement(acting_user, involvement.child, involvement.worker),
                   "Only a manager of the child's team, or of the worker's team, can end an involvement.")
    errors = {}
    if involvement.ended_on is not None:
        errors["ended_on"] = "This involvement has already ended"
    elif ended_on < involvement.started_on:
        errors["ended_on"] = "The end date must be on or after the start date"
    elif ended_on > timezone.localdate():
        errors["ended_on"] = "The end date must be today or in the past"
    if not reason.strip():
        errors["reason"] = "Enter why the involvement ends"
    if errors:
        raise ValidationError(errors)
    involvement.ended_on = ended_on
    involvement.end_reason = reason.strip()
    save_with_history(involvement, acting_user=acting_user)
    audit_record(actor=acting_user, verb="involvement.end", child=involvement.child,
                 summary=f"Ended {involvement.worker}'s involvement as {involvement.get_role_display()}: {reason.strip()}")
    return involvement


@transaction.atomic
def case_note_record(*, acting_user: User, child: Person, note: CaseNote) -> CaseNote:
    """Record a case note: the event's own date and time, and the child's words apart."""
    policy.require(policy.can_write_child(acting_user, child), "Your role cannot add case notes to this record.")
    note.child = child
    note.author = acting_user
    if note.occurred_at and note.occurred_at > timezone.now():
        raise ValidationError({"occurred_at": "The date of the event must be now or in the past"})
    save_with_history(note, acting_user=acting_user)
    audit_record(actor=acting_user, verb="case_note.record", child=child, summary=f"Recorded a case note: {note.title}")
    return note


@transaction.atomic
def case_note_correct(*, acting_user: User, note: CaseNote, read_version: int) -> CaseNote:
    """Correct a case note, onto the version read; the history keeps every earlier wording, with its author."""
    policy.require(policy.may_correct_case_note(acting_user, note),
                   "Only the note's author, or a manager of the child's team, can correct a case note.")
    claim_version(note, read_version)
    if note.occurred_at and note.occurred_at > timezone.now():
        raise ValidationError({"occurred_at": "The date of the event must be now or in the past"})
    save_with_history(note, acting_user=acting_user)
    audit_record(actor=acting_user, verb="case_note.correct", child=note.child,
                 summary=f"Corrected a case note: {note.title}")
    return note


@transaction.atomic
def decision_record(*, acting_user: User, child: Person, kind: str, outcome: str, rationale: str,
                    decided_at=None, team_id: int | None = None) -> Decision:
    """Record a decision with its decider, their team, the time and the rationale (one without a why is refused).

    `kind` must be a registered decision kind. `team_id` is the team the decider acts for; without it, the team
    they manage (else their first), as oversight has always counted them.
    """
    decision_sources.require_kind(kind)
    if not rationale.strip():
        raise ValidationError({"rationale": "Enter the reason for the decision"})
    if team_id is None:
        team_id = decision_sources.team_of(acting_user)
    decision = Decision(child=child, kind=kind, outcome=outcome, rationale=rationale,
                        decided_at=decided_at or timezone.now(), decided_by=acting_user, team_id=team_id)
    save_with_history(decision, acting_user=acting_user)
    audit_record(actor=acting_user, verb=f"decision.{kind}", child=child, summary=f"Decided: {outcome}")
    return decision
