"""The partner agencies' menu: their own referrals, and the form to make one."""

from hearth.accounts.policy import is_partner
from hearth.core.navigation import NavItem, register

YOUR_REFERRALS = register(NavItem(text="Your referrals", url_name="partner:submissions", section="partner_submissions",
                                  visible=is_partner, order=5))
MAKE_A_REFERRAL = register(NavItem(text="Make a referral", url_name="partner:new", section="partner_new",
                                   visible=is_partner, order=6))
