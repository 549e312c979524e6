"""A worker's own work, and a manager's team's, lead the service navigation."""

from hearth.accounts.policy import may_see_my_work, may_see_team_work
from hearth.core.navigation import NavItem, register

MY_WORK = register(NavItem(text="My work", url_name="work:my_work", section="my_work", visible=may_see_my_work, order=1))
TEAM_WORK = register(NavItem(text="My team's work", url_name="work:team_work", section="team_work",
                             visible=may_see_team_work, order=2))
