"""The front door's "early help" outcome, received here."""

from hearth.early_help.models import EarlyHelpRequest
from hearth.early_help.services import early_help_request_record
from hearth.front_door.outcomes import Outcome, register


def early_help_request(*, contact_child, acting_user, decision) -> EarlyHelpRequest:
    return early_help_request_record(acting_user=acting_user, contact_child=contact_child)


EARLY_HELP = register(Outcome(
    "early_help", "Early help (Family Hubs, Strengthening Families)",
    "The family would benefit from early help with their agreement.", 30,
    hand_on=early_help_request,
))
