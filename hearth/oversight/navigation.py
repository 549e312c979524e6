"""Management oversight in the service navigation: for senior leaders and team managers."""

from hearth.accounts import policy
from hearth.core.navigation import NavItem, register

DECISIONS = register(NavItem(text="Management oversight", url_name="oversight:decisions", section="oversight",
                             visible=lambda user: user.is_authenticated and policy.may_oversee(user), order=30))
AUDITS = register(NavItem(text="Audits", url_name="oversight:audits", section="audits",
                          visible=lambda user: user.is_authenticated and policy.may_oversee(user), order=31))
SUPERVISION = register(NavItem(text="Supervision", url_name="oversight:supervision", section="supervision",
                               visible=lambda user: user.is_authenticated and policy.may_oversee(user), order=32))
