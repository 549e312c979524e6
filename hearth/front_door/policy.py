"""The front door's link for the access policy: a child on a contact in screening is with the team that holds it.

What the link grants (the same as an allocation to that team) is decided by `hearth.accounts.policy`.
"""

from hearth.accounts.models import ServiceArea
from hearth.accounts.policy import TeamLink, register_team_link


def _in_screening():
    from hearth.front_door.models import ContactChild

    return ContactChild.objects.filter(contact__closed_at__isnull=True)


# Contacts are held by front-door teams only (`services.front_door_team`), so only their members are asked.
register_team_link(TeamLink(name="On a contact in screening", rows=_in_screening, child="child", team="contact__team",
                            service_area=ServiceArea.FRONT_DOOR))
