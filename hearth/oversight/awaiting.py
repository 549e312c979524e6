"""The decisions waiting for a manager: each child on an open contact of a team they manage, soonest due first.

The front door is where Hearth records decisions that wait for a manager (a contact's outcome, one for each
child); other journey apps record their decisions as they are made, so nothing else waits yet.
"""

from hearth.accounts import policy
from hearth.accounts.models import User
from hearth.front_door.models import ContactChild

AWAITING_LIMIT = 20


def awaiting_decision(user: User) -> list[ContactChild]:
    managed = sorted(policy.team_ids(user, managed=True))
    return list(
        ContactChild.objects.filter(contact__closed_at__isnull=True, contact__team__in=managed, decision__isnull=True)
        .select_related("contact", "child").order_by("contact__decision_due_at", "id")[:AWAITING_LIMIT])
