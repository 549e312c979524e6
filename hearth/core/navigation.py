"""The service navigation: each app registers the pages it adds to the menu, and who sees them."""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class NavItem:
    text: str
    url_name: str
    section: str
    visible: Callable
    order: int


_items: list[NavItem] = []


def register(item: NavItem) -> NavItem:
    _items.append(item)
    _items.sort(key=lambda i: i.order)
    return item


# Items ordered below this lead the menu, before the pages every case role shares (finding a child, timescales).
LEADING = 10


def items_for(user, section: str | None, *, leading: bool = False) -> list[dict]:
    """The registered menu items this user sees, as GOV.UK service navigation items: those that lead the menu
    (a user's own work) with `leading`, the rest without."""
    return [
        {"href": reverse(item.url_name), "text": item.text, "active": item.section == section}
        for item in _items if (item.order < LEADING) == leading and item.visible(user)
    ]
