"""The leaders' view of the front door in the service navigation: for senior leaders and team managers."""

from hearth.core.navigation import NavItem, register

PERFORMANCE = register(NavItem(text="Front door performance", url_name="front_door:performance",
                               section="front_door_performance", visible=lambda user: user.is_manager, order=25))
