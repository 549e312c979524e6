"""Administration's place in the service navigation, and the access-changes page's."""

from hearth.accounts.administration import is_administrator
from hearth.accounts.selectors import may_review_access_changes
from hearth.core.navigation import NavItem, register

ADMINISTRATION = register(NavItem(text="Administration", url_name="accounts:administration", section="administration",
                                  visible=is_administrator, order=90))
ACCESS_CHANGES = register(NavItem(text="Access changes", url_name="accounts:access_changes", section="access_changes",
                                  visible=may_review_access_changes, order=91))
