"""The leaders' page of pre-proceedings in the service navigation: for senior leaders and team managers."""

from hearth.accounts import policy
from hearth.core.navigation import NavItem, register

TRACKER = register(NavItem(text="Pre-proceedings", url_name="proceedings:tracker", section="pre_proceedings",
                           visible=policy.may_see_pre_proceedings_tracker, order=33))
