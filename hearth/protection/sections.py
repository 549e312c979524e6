"""The child's record shows child protection: an open plan (category, start, next review, next visit, core group),
the latest section 47 enquiry and strategy discussion, each linking to its page (read with the record's own query)."""

from hearth.accounts import policy
from hearth.core.panels import Panel
from hearth.people.sections import register_columns
from hearth.protection.selectors import open_work_columns, open_work_from


def protection_section(user, child, values) -> Panel | None:
    work = open_work_from(values)
    writer = policy.may_write(user)
    if not any(work.values()) and not writer:
        return None
    return Panel("protection/_section.html", {"protection": work, "may_ask": writer})


register_columns("protection", columns=open_work_columns, panel=protection_section)
