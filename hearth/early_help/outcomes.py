"""The front door's "early help" outcome, received here."""

from django.utils import timezone

from hearth.accounts.audit import save_with_history
from hearth.early_help.models import EarlyHelpRequest
from hearth.front_door.outcomes import Outcome, register


def early_help_request(*, contact_child, acting_user, decision) -> EarlyHelpRequest:
    request = EarlyHelpRequest(child=contact_child.child, contact_child=contact_child,
                               requested_on=timezone.localdate(), recorded_by=acting_user)
    save_with_history(request, acting_user=acting_user)
    return request


EARLY_HELP = register(Outcome(
    "early_help", "Early help (Family Hubs, Strengthening Families)",
    "The family would benefit from early help with their agreement.", 30,
    hand_on=early_help_request,
))
