"""Writes to children in need. Each is one transaction with validation, history and audit."""

from django.db import transaction
from django.utils import timezone

from hearth.accounts.audit import audit_record, save_with_history
from hearth.accounts.models import User
from hearth.children_in_need.models import Referral


@transaction.atomic
def referral_open(*, acting_user: User, contact_child, strategy_discussion_now: bool = False) -> Referral:
    """Open the CIN referral for a child decided at the front door, dated from the chain's first receipt."""
    contact = contact_child.contact
    referral = Referral(
        child=contact_child.child, source=contact.source, contact_child=contact_child,
        referral_date=timezone.localtime(contact.first_received_at).date(),
        strategy_discussion_now=strategy_discussion_now, recorded_by=acting_user,
    )
    save_with_history(referral, acting_user=acting_user)
    audit_record(actor=acting_user, verb="referral.open", child=referral.child,
                 summary=f"Referral opened from contact {contact}")
    return referral
