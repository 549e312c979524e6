"""The front door's "referral to children's social care" outcome, received here."""

from django.utils import timezone

from hearth.accounts.audit import save_with_history
from hearth.children_in_need.models import Referral
from hearth.front_door.outcomes import Outcome, register


def referral_open(*, contact_child, acting_user, decision, strategy_discussion_now: bool = False) -> Referral:
    """Open the CIN referral for a child decided at the front door."""
    contact = contact_child.contact
    referral = Referral(
        child=contact_child.child, source=contact.source, contact_child=contact_child,
        referral_date=timezone.localtime(contact.first_received_at).date(),
        strategy_discussion_now=strategy_discussion_now, recorded_by=acting_user,
    )
    save_with_history(referral, acting_user=acting_user)
    return referral


REFERRAL = register(Outcome(
    "referral", "Referral to children's social care",
    "The child may be in need: a child and family assessment starts (CIN referral).", 40,
    hand_on=referral_open,
))
