"""The front door's place in the service navigation: its worklist, for its staff and for senior leaders."""

from hearth.accounts.policy import may_see_front_door
from hearth.core.navigation import NavItem, register

FRONT_DOOR = register(NavItem(text="Front door", url_name="front_door:worklist", section="front_door",
                              visible=may_see_front_door, order=20))
