"""On the home page: the actions of an inspection's plan a user owns; for an inspector, their case sample."""

from datetime import datetime

from hearth.core.panels import Panel, register
from hearth.inspection import access, selectors

PANEL_LIMIT = 10


def action_plan_panel(user, now: datetime) -> Panel | None:
    if access.is_inspection_inspector(user):
        return Panel("inspection/home_sample.html", {"account": selectors.my_account(user)})
    if not access.reads_inspections(user):
        return None
    actions = list(selectors.actions_owned_by(user)[:PANEL_LIMIT])
    if not actions:
        return None
    return Panel("inspection/home_actions.html", {"actions": actions, "limit": PANEL_LIMIT})


register(action_plan_panel)
