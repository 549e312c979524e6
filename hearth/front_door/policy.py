"""The front door's access scope: front-door staff see the children on contacts in screening."""

from django.db.models import Exists, OuterRef, Q

from hearth.accounts.models import Membership, ServiceArea
from hearth.accounts.policy import register_scope
from hearth.accounts.roles import RoleCode

FRONT_DOOR_ROLES = {RoleCode.FRONT_DOOR_ADVISER, RoleCode.SENIOR_SOCIAL_WORKER, RoleCode.TEAM_MANAGER}


def is_front_door_staff(user) -> bool:
    """A front-door role in a front-door team (one query, cached on the user for the request)."""
    if not hasattr(user, "_front_door_staff"):
        user._front_door_staff = bool(user.role_codes & FRONT_DOOR_ROLES) and Membership.objects.filter(
            user=user, team__service_area=ServiceArea.FRONT_DOOR).exists()
    return user._front_door_staff


def front_door_scope(user) -> Q | None:
    from hearth.front_door.models import ContactChild

    if not user.role_codes & FRONT_DOOR_ROLES:
        return None
    in_screening = ContactChild.objects.filter(
        child=OuterRef("pk"), contact__closed_at__isnull=True,
        contact__team__memberships__user=user,
    )
    return Q(Exists(in_screening))


register_scope(front_door_scope)
