"""Early help requests in the child's chronology."""

from hearth.casework.chronology import ChronologyEntry, Row, at_start_of, register, shape
from hearth.early_help.models import EarlyHelpRequest


def _early_help_entries(row: Row):
    yield ChronologyEntry(occurred_at=at_start_of(row.day), kind="early_help", title="Stepped to early help (Family Hubs)")


register("early_help", "Early help", entries=_early_help_entries, rows=lambda child: [shape(
    EarlyHelpRequest.objects.filter(child=child), day="requested_on", id="id")])
