"""On the home page of everyone in a team: new contacts about the children their team already works with."""

from dataclasses import dataclass, field
from datetime import datetime

from hearth.accounts import policy
from hearth.core.panels import Panel, register
from hearth.front_door import outcomes, selectors
from hearth.front_door.models import Contact, ContactChild


@dataclass
class TeamContact:
    """One contact, with the team's children on it and where each child's screening stands."""

    contact: Contact
    teams: list[str] = field(default_factory=list)
    children: list[tuple[ContactChild, str]] = field(default_factory=list)


def status(row: ContactChild) -> str:
    return f"Decided: {outcomes.label(row.decision.outcome)}" if hasattr(row, "decision") else "In screening"


def team_contacts_panel(user, now: datetime) -> Panel | None:
    team_ids = sorted(policy.team_ids(user)) if policy.works_with_cases(user) else []
    if not team_ids:
        return None
    contacts: dict[int, TeamContact] = {}
    rows = selectors.team_contacts(user, team_ids, now)
    for row in rows:
        item = contacts.setdefault(row.contact_id, TeamContact(row.contact))
        item.children.append((row, status(row)))
        if row.open_to_team.name not in item.teams:
            item.teams.append(row.open_to_team.name)
    return Panel("front_door/home_team_contacts.html", {
        "contacts": list(contacts.values()), "days": selectors.TEAM_CONTACT_DAYS, "limit": selectors.TEAM_CONTACT_LIMIT,
        "truncated": len(rows) == selectors.TEAM_CONTACT_LIMIT,
        "several_teams": len({row.open_to_team_id for row in rows}) > 1,
    })


register(team_contacts_panel)
