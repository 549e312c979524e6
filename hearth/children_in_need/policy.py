"""The link children in need gives the access policy: a referral awaiting allocation is with the team that received it.

What the link grants (the same as an allocation to that team) is decided by `hearth.accounts.policy`.
"""

from hearth.accounts.policy import TeamLink, register_team_link


def _awaiting_allocation():
    from hearth.children_in_need.models import Referral

    return Referral.objects.filter(allocated_on__isnull=True, closure_date__isnull=True, team__isnull=False)


register_team_link(TeamLink(name="A referral awaiting allocation", rows=_awaiting_allocation, child="child",
                            team="team"))
