"""The child's record shows the child's open pre-proceedings or care proceedings, linking to their page, and to a
manager who may begin them, the way to begin."""

from hearth.accounts import policy
from hearth.core.panels import Panel
from hearth.people.sections import register
from hearth.protection.proceedings.selectors import pre_proceedings_for


@register
def pre_proceedings_section(user, child):
    """The child's pre-proceedings, with any care proceedings, in one query (the record's budget is shared by every
    journey app); the way to begin is offered to those who may begin them somewhere, and the page checks the child."""
    cases = pre_proceedings_for(child)
    open_cases = [case for case in cases if case.is_open]
    in_court = [case for case in cases if hasattr(case, "care_proceedings") and case.care_proceedings.is_open]
    may_begin = not open_cases and not in_court and policy.may_begin_pre_proceedings_somewhere(user)
    if not cases and not may_begin:
        return None
    return Panel("proceedings/_section.html", {"open": open_cases, "in_court": in_court, "may_begin": may_begin,
                                               "ended": [case for case in cases
                                                         if case not in open_cases and case not in in_court]})
