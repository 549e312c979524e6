"""The child's record shows what is open and due for the child, whoever must act, from every app's due items."""

from hearth.casework import due
from hearth.core.panels import Panel
from hearth.people import sections
from hearth.timescales.selectors import council_calendar

TAGS = {"red": ("Overdue", "red"), "amber": ("Due soon", "yellow"), "green": ("On track", "green")}


def due_section(user, child) -> Panel:
    """One query for the child's items (and the calendar's, when an item on a working-day clock is not yet overdue)."""
    rows = due.for_child(child.pk)
    found = due.items(rows, today=due.today(), calendar=council_calendar)
    return Panel("casework/_due_section.html", {
        "due_items": [due.with_extra(item, tag=TAGS[item.rag.value]) for item in found]})


sections.register(due_section)
