"""The front door's "strategy discussion now" outcome, received here: a referral and a discussion to hold."""

from hearth.front_door.outcomes import Outcome, register
from hearth.protection import services
from hearth.protection.models import StrategyDiscussion


def strategy_discussion_request(*, contact_child, acting_user, decision) -> StrategyDiscussion:
    return services.strategy_discussion_request(acting_user=acting_user, contact_child=contact_child,
                                                requested_at=decision.decided_at)


STRATEGY_DISCUSSION = register(Outcome(
    "strategy_discussion", "Strategy discussion now (immediate risk)",
    "The child may be suffering significant harm: a referral and a strategy discussion today.", 50,
    hand_on=strategy_discussion_request,
))
