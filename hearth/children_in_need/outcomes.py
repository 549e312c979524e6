"""The front door's "referral to children's social care" outcome, received here."""

from hearth.children_in_need import services
from hearth.children_in_need.models import Referral
from hearth.front_door.outcomes import Outcome, register


def referral_open(*, contact_child, acting_user, decision) -> Referral:
    """Open the CIN referral for a child decided at the front door."""
    return services.referral_open(acting_user=acting_user, contact_child=contact_child)


REFERRAL = register(Outcome(
    "referral", "Referral to children's social care",
    "The child may be in need: a child and family assessment starts (CIN referral).", 40,
    hand_on=referral_open,
))
