"""On the home page of everyone in a team: new contacts about the children their team already works with."""

from datetime import datetime

from hearth.core.panels import Panel, register
from hearth.front_door import outcomes, selectors


def team_contacts_panel(user, now: datetime) -> Panel | None:
    if not user.works_with_cases or not user.memberships.exists():
        return None
    rows = [{"row": row, "status": f"Decided: {outcomes.label(row.decision.outcome)}"
             if hasattr(row, "decision") else "In screening"} for row in selectors.team_contacts(user, now)]
    return Panel("front_door/home_team_contacts.html", {
        "rows": rows, "days": selectors.TEAM_CONTACT_DAYS, "limit": selectors.TEAM_CONTACT_LIMIT,
    })


register(team_contacts_panel)
