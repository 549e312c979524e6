"""Management oversight in the service navigation: for senior leaders and team managers."""

from hearth.core.navigation import NavItem, register

DECISIONS = register(NavItem(text="Management oversight", url_name="oversight:decisions", section="oversight",
                             visible=lambda user: user.is_authenticated and user.is_manager, order=30))
AUDITS = register(NavItem(text="Audits", url_name="oversight:audits", section="audits",
                          visible=lambda user: user.is_authenticated and user.is_manager, order=31))
SUPERVISION = register(NavItem(text="Supervision", url_name="oversight:supervision", section="supervision",
                               visible=lambda user: user.is_authenticated and user.is_manager, order=32))
