"""The front door's place in the service navigation: its worklist, for its staff and for managers."""

from hearth.core.navigation import NavItem, register
from hearth.front_door.selectors import sees_front_door

FRONT_DOOR = register(NavItem(text="Front door", url_name="front_door:worklist", section="front_door",
                              visible=sees_front_door, order=20))
