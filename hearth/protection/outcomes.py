"""The front door's "strategy discussion now" outcome, received here: a referral and a discussion to hold."""

from hearth.accounts.audit import save_with_history
from hearth.children_in_need.outcomes import referral_open
from hearth.front_door.outcomes import Outcome, register
from hearth.protection.models import StrategyDiscussion


def strategy_discussion_request(*, contact_child, acting_user, decision) -> StrategyDiscussion:
    referral = referral_open(contact_child=contact_child, acting_user=acting_user, decision=decision,
                             strategy_discussion_now=True)
    discussion = StrategyDiscussion(child=contact_child.child, referral=referral, requested_by=acting_user,
                                    requested_at=decision.decided_at)
    save_with_history(discussion, acting_user=acting_user)
    return discussion


STRATEGY_DISCUSSION = register(Outcome(
    "strategy_discussion", "Strategy discussion now (immediate risk)",
    "The child may be suffering significant harm: a referral and a strategy discussion today.", 50,
    hand_on=strategy_discussion_request,
))
