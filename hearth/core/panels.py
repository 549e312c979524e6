"""The home page's panels: each app registers what a signed-in user should see first from it.

A provider takes the user and the moment, and returns a Panel (a template and its context) or None when it has
nothing for this user. Providers run in the order they were registered, each in a fixed number of queries.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class Panel:
    template: str
    context: dict = field(default_factory=dict)


_providers: list[Callable] = []


def register(provider: Callable) -> Callable:
    _providers.append(provider)
    return provider


def panels_for(user, now: datetime) -> list[Panel]:
    return [panel for provider in _providers if (panel := provider(user, now)) is not None]
