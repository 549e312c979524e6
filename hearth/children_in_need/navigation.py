"""The referral queue in the service navigation, for the managers of the teams that receive referrals."""

from hearth.accounts.policy import may_see_cin_queue
from hearth.core.navigation import NavItem, register

REFERRAL_QUEUE = register(NavItem(text="Referrals", url_name="children_in_need:queue", section="cin_queue",
                                  visible=may_see_cin_queue, order=28))
