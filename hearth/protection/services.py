"""Writes to child protection. Each is one transaction with validation, history and audit."""

from datetime import datetime

from django.db import transaction

from hearth.accounts.audit import audit_record, save_with_history
from hearth.accounts.models import User
from hearth.children_in_need.services import referral_open
from hearth.protection.models import StrategyDiscussion


@transaction.atomic
def strategy_discussion_request(*, acting_user: User, contact_child, requested_at: datetime) -> StrategyDiscussion:
    """A child at immediate risk: open the referral and ask for a strategy discussion, in one transaction."""
    referral = referral_open(acting_user=acting_user, contact_child=contact_child, strategy_discussion_now=True)
    discussion = StrategyDiscussion(child=contact_child.child, referral=referral, requested_by=acting_user,
                                    requested_at=requested_at)
    save_with_history(discussion, acting_user=acting_user)
    audit_record(actor=acting_user, verb="strategy_discussion.request", child=discussion.child,
                 summary=f"Strategy discussion requested from contact {contact_child.contact}")
    return discussion
