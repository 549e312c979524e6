"""The leaders' view of the front door in the service navigation: for senior leaders, analysts and the front door's managers."""

from hearth.accounts.policy import may_see_figures
from hearth.core.navigation import NavItem, register

PERFORMANCE = register(NavItem(text="Front door performance", url_name="front_door:performance",
                               section="front_door_performance", visible=may_see_figures, order=25))
