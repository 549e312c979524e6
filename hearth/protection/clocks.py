"""The timescales of child protection, and how each due day is worked out when its starting event is recorded.

Working-day clocks use the council's calendar (bank holidays and closure days). The review clocks count in calendar
months, which the clock registry has no unit for: the due day is the same day of the month three (or six) months
later, or the last day of that month when it has no such day (31 May + 3 months = 31 August; 30 November +
3 months = 28 or 29 February). They are registered as calendar-day clocks of the longest such span, so their amber
rule reads in days; every due day shown is the one stored at the start (docs/adr/0008), never worked out again.
"""

import calendar as months
from datetime import date

from django.conf import settings

from hearth.timescales.calendar import WorkingDayCalendar
from hearth.timescales.clocks import Clock, Unit, register

# A council setting: the working days between statutory visits to a child on a plan (Working Together leaves the
# frequency to local procedures; 10 working days is the default here). Documented in the README.
VISIT_EVERY_WORKING_DAYS = getattr(settings, "HEARTH_CP_VISIT_EVERY_WORKING_DAYS", 10)
# A council setting: the working days from one core group meeting to the next (Working Together 2023 asks only that
# the core group meets regularly; 30 working days, six weeks, is the default here). Documented in the README.
CORE_GROUP_EVERY_WORKING_DAYS = getattr(settings, "HEARTH_CP_CORE_GROUP_EVERY_WORKING_DAYS", 30)

INITIAL_CONFERENCE = register(Clock(
    code="protection.initial_conference",
    name="Initial child protection conference",
    starts_at="The last strategy discussion held before the conference",
    amount=15,
    unit=Unit.WORKING_DAYS,
    reference="Working Together to Safeguard Children 2023: the initial child protection conference within 15 "
              "working days of the strategy discussion, or the last strategy discussion if more than one was held",
    amber_within=3,
))
INITIAL_CONFERENCE_CENSUS = register(Clock(
    code="protection.initial_conference_census",
    name="Initial child protection conference (CIN census target)",
    starts_at="The strategy discussion that started the section 47 enquiry (S47ActualStartDate)",
    amount=15,
    unit=Unit.WORKING_DAYS,
    reference="DfE CIN census: InitialCPCtarget, 15 working days from S47ActualStartDate",
    amber_within=3,
))
FIRST_CORE_GROUP = register(Clock(
    code="protection.first_core_group",
    name="First core group meeting",
    starts_at="The initial child protection conference",
    amount=10,
    unit=Unit.WORKING_DAYS,
    reference="Working Together to Safeguard Children 2023: the core group meets within 10 working days of the "
              "initial child protection conference",
    amber_within=2,
))
LATER_CORE_GROUP = register(Clock(
    code="protection.later_core_group",
    name="Next core group meeting",
    starts_at="The last core group meeting held",
    amount=CORE_GROUP_EVERY_WORKING_DAYS,
    unit=Unit.WORKING_DAYS,
    reference="Working Together to Safeguard Children 2023: the core group meets regularly between conferences; "
              f"locally every {CORE_GROUP_EVERY_WORKING_DAYS} working days (HEARTH_CP_CORE_GROUP_EVERY_WORKING_DAYS)",
    amber_within=5,
))
PLAN_VISIT = register(Clock(
    code="protection.plan_visit",
    name="Statutory visit to a child on a plan",
    starts_at="The start of the plan, then each visit",
    amount=VISIT_EVERY_WORKING_DAYS,
    unit=Unit.WORKING_DAYS,
    reference="Local child protection procedures: the child is seen at least every "
              f"{VISIT_EVERY_WORKING_DAYS} working days (HEARTH_CP_VISIT_EVERY_WORKING_DAYS)",
    amber_within=2,
))
FIRST_REVIEW = register(Clock(
    code="protection.first_review",
    name="First review child protection conference (3 months)",
    starts_at="The initial child protection conference",
    amount=92,  # the longest 3 months; the due day stored is the calendar-month one (see the module's docstring)
    unit=Unit.CALENDAR_DAYS,
    reference="Working Together to Safeguard Children 2023: the first review within 3 months of the initial "
              "conference",
    amber_within=10,
))
LATER_REVIEW = register(Clock(
    code="protection.later_review",
    name="Review child protection conference (6 months)",
    starts_at="The last review child protection conference",
    amount=184,  # the longest 6 months; the due day stored is the calendar-month one
    unit=Unit.CALENDAR_DAYS,
    reference="Working Together to Safeguard Children 2023: further reviews at intervals of not more than 6 months",
    amber_within=15,
))


def months_after(day: date, count: int) -> date:
    """The same day of the month `count` months later, or that month's last day when it has no such day."""
    month_index = day.month - 1 + count
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, months.monthrange(year, month)[1]))


def icpc_due(held_on: date, calendar: WorkingDayCalendar) -> date:
    """The initial conference's due day from a strategy discussion held on `held_on`: 15 working days later."""
    return calendar.add_working_days(held_on, INITIAL_CONFERENCE.amount)


def core_group_due(conference_on: date, calendar: WorkingDayCalendar) -> date:
    return calendar.add_working_days(conference_on, FIRST_CORE_GROUP.amount)


def next_core_group_due(held_on: date, calendar: WorkingDayCalendar) -> date:
    """The next core group's due day after a meeting held on `held_on`: the council's interval in working days."""
    return calendar.add_working_days(held_on, LATER_CORE_GROUP.amount)


def visit_due(after: date, calendar: WorkingDayCalendar) -> date:
    return calendar.add_working_days(after, PLAN_VISIT.amount)


def first_review_due(conference_on: date) -> date:
    return months_after(conference_on, 3)


def later_review_due(review_on: date) -> date:
    return months_after(review_on, 6)
