"""Writes to early help. Each is one transaction with validation, history and audit."""

from django.db import transaction
from django.utils import timezone

from hearth.accounts.audit import audit_record, save_with_history
from hearth.accounts.models import User
from hearth.early_help.models import EarlyHelpRequest


@transaction.atomic
def early_help_request_record(*, acting_user: User, contact_child) -> EarlyHelpRequest:
    """Step a child decided at the front door to early help: the request waits for a Family Hub."""
    request = EarlyHelpRequest(child=contact_child.child, contact_child=contact_child,
                               requested_on=timezone.localdate(), recorded_by=acting_user)
    save_with_history(request, acting_user=acting_user)
    audit_record(actor=acting_user, verb="early_help_request.record", child=request.child,
                 summary=f"Stepped to early help from contact {contact_child.contact}")
    return request
