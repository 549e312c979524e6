"""Domain audit events, written by services in the same transaction as their change."""

from django.db import models

from hearth.accounts.models import AuditEvent, User


def audit_record(*, actor: User, verb: str, summary: str, child=None, detail: dict | None = None,
                 subject_user: User | None = None) -> AuditEvent:
    """Record what was done, by whom, to which child (or, for a change of access, to whose account)."""
    return AuditEvent.objects.create(actor=actor, verb=verb, summary=summary[:300], child=child, detail=detail or {},
                                     subject_user=subject_user)


def save_with_history(instance: models.Model, *, acting_user: User) -> None:
    """Validate and save a case record, stamping its history row with the acting user."""
    instance.full_clean()
    instance._history_user = acting_user
    instance.save()
