"""Strategy discussions in the child's chronology."""

from hearth.casework.chronology import ChronologyEntry, register
from hearth.protection.models import StrategyDiscussion


@register("strategy_discussion", "Strategy discussion")
def strategy_discussion_entries(child):
    for discussion in StrategyDiscussion.objects.filter(child=child).select_related("requested_by"):
        yield ChronologyEntry(occurred_at=discussion.requested_at, kind="strategy_discussion",
                              title="Strategy discussion requested", by=str(discussion.requested_by))
