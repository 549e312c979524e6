"""Domain audit events, written by services in the same transaction as their change."""

from django.db import models

from hearth.accounts.models import AuditEvent, User
from hearth.core.models import Versioned


def audit_record(*, actor: User, verb: str, summary: str, child=None, detail: dict | None = None,
                 subject_user: User | None = None) -> AuditEvent:
    """Record what was done, by whom, to which child (or, for a change of access, to whose account)."""
    return AuditEvent.objects.create(actor=actor, verb=verb, summary=summary[:300], child=child, detail=detail or {},
                                     subject_user=subject_user)


def save_with_history(instance: models.Model, *, acting_user: User) -> None:
    """Validate and save a case record, stamping its history row with the acting user.

    An editable (`Versioned`) record moves to its next version with every change: the one an edit claimed
    (`hearth.core.concurrency.claim_version`), or else the one after the version stored now.
    """
    instance.full_clean()
    if isinstance(instance, Versioned) and instance.pk is not None and not instance._state.adding:
        if not getattr(instance, "_version_claimed", False):
            stored = type(instance)._default_manager.select_for_update().filter(pk=instance.pk)
            instance.version = (stored.values_list("version", flat=True).first() or 0) + 1
        instance._version_claimed = False
    instance._history_user = acting_user
    instance.save()
