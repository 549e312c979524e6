"""Early help requests in the child's chronology."""

from hearth.casework.chronology import ChronologyEntry, at_start_of, register
from hearth.early_help.models import EarlyHelpRequest


@register("early_help", "Early help")
def early_help_entries(child):
    for request in EarlyHelpRequest.objects.filter(child=child):
        yield ChronologyEntry(occurred_at=at_start_of(request.requested_on), kind="early_help",
                              title="Stepped to early help (Family Hubs)")
