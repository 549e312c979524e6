"""Strategy discussions in the child's chronology."""

from hearth.casework.chronology import ChronologyEntry, Row, name_of, register, shape, user_fields
from hearth.protection.models import StrategyDiscussion


def _strategy_discussion_entries(row: Row):
    yield ChronologyEntry(occurred_at=row.moment, kind="strategy_discussion", title="Strategy discussion requested",
                          by=name_of(row.fields, "requested_by"))


register("strategy_discussion", "Strategy discussion", entries=_strategy_discussion_entries, rows=lambda child: [shape(
    StrategyDiscussion.objects.filter(child=child), moment="requested_at", **user_fields("requested_by", "requested_by"))])
