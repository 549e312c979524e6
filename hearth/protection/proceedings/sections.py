"""The child's record shows the child's open pre-proceedings or care proceedings, linking to their page, and to a
manager who may begin them, the way to begin. Read with the record's own query (`register_columns`): the child's
cases and their care proceedings as rows."""

from hearth.accounts import policy
from hearth.core.panels import Panel
from hearth.core.rows import instances, related_rows
from hearth.people.sections import register_columns
from hearth.protection.proceedings.models import CareProceedings, PreProceedings


def _fields(model) -> list[str]:
    return [field.attname for field in model._meta.concrete_fields]


def columns() -> dict:
    return {
        "cases": related_rows(PreProceedings.objects.all(), "children__child", _fields(PreProceedings)),
        "courts": related_rows(CareProceedings.objects.all(), "pre_proceedings__children__child",
                               _fields(CareProceedings)),
    }


def pre_proceedings_section(user, child, values):
    """The way to begin is offered to those who may begin pre-proceedings somewhere; the page checks the child."""
    cases = instances(PreProceedings, values["cases"], order_by=lambda case: (case.started_on, case.pk), reverse=True)
    courts = {court.pre_proceedings_id: court for court in instances(CareProceedings, values["courts"])}
    for case in cases:
        case.court = courts.get(case.pk)  # its care proceedings, if any, read with the cases
    open_cases = [case for case in cases if case.is_open]
    in_court = [case for case in cases if case.court is not None and case.court.is_open]
    may_begin = not open_cases and not in_court and policy.may_begin_pre_proceedings_somewhere(user)
    if not cases and not may_begin:
        return None
    return Panel("proceedings/_section.html", {"open": open_cases, "in_court": in_court, "may_begin": may_begin,
                                               "ended": [case for case in cases
                                                         if case not in open_cases and case not in in_court]})


register_columns("pre_proceedings", columns=columns, panel=pre_proceedings_section)
