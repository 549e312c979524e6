"""The child's record shows child protection: an open plan (category, start, next review, next visit, core group),
the latest section 47 enquiry and strategy discussion, each linking to its page (three queries)."""

from hearth.accounts import policy
from hearth.core.panels import Panel
from hearth.people.sections import register
from hearth.protection.selectors import open_work


@register
def protection_section(user, child) -> Panel | None:
    work = open_work(child)
    writer = policy.may_write(user)
    if not any(work.values()) and not writer:
        return None
    return Panel("protection/_section.html", {"protection": work, "may_ask": writer})
