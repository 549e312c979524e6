"""The outcomes a team manager can decide for a child on a contact.

The front door knows only its own two outcomes. The apps that receive a child register
theirs (early help, referral, strategy discussion) with what to create when it is chosen,
so this app never imports them.
"""

from collections.abc import Callable
from dataclasses import dataclass

# A handler receives the decided ContactChild and the deciding user, and creates what the
# receiving app needs (for example the CIN referral); it runs in the decision's transaction.
Handler = Callable[..., object]


@dataclass(frozen=True)
class Outcome:
    code: str
    label: str
    hint: str
    order: int
    hand_on: Handler | None = None


_outcomes: dict[str, Outcome] = {}


def register(outcome: Outcome) -> Outcome:
    if outcome.code in _outcomes:
        raise ValueError(f"The outcome {outcome.code!r} is already registered")
    _outcomes[outcome.code] = outcome
    return outcome


def get(code: str) -> Outcome:
    return _outcomes[code]


def all_outcomes() -> list[Outcome]:
    return sorted(_outcomes.values(), key=lambda outcome: outcome.order)


def label(code: str) -> str:
    return _outcomes[code].label if code in _outcomes else code


NO_FURTHER_ACTION = register(Outcome(
    "no_further_action", "No further action", "The threshold for a service is not met; nothing more is needed.", 10))
INFORMATION_AND_ADVICE = register(Outcome(
    "information_and_advice", "Information and advice",
    "The family or referrer is given information or signposted to universal services.", 20))
