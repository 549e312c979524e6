"""The child record's sections from the journey apps: each registers what the record shows of its work.

A provider takes the signed-in user and the child (already read through the access policy) and returns a Panel (a
template and its context) or None when it has nothing for this child, in a fixed number of queries. The record shows
them, in the order registered, after "Who is working with" the child: the open child in need episode and its
steps, a child protection plan, pre-proceedings. Foundation code: people knows no journey app.
"""

from collections.abc import Callable

from hearth.core.panels import Panel

_providers: list[Callable] = []


def register(provider: Callable) -> Callable:
    """Add a section provider: `provider(user, child) -> Panel | None`."""
    _providers.append(provider)
    return provider


def sections_for(user, child) -> list[Panel]:
    return [panel for provider in _providers if (panel := provider(user, child)) is not None]
