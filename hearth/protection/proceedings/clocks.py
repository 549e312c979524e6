"""The timescales of pre-proceedings and care proceedings."""

from datetime import date

from hearth.casework.chronology import at_start_of
from hearth.timescales import clocks
from hearth.timescales.clocks import Clock, Unit, register
from hearth.timescales.selectors import council_calendar

CARE_PROCEEDINGS_TARGET = register(Clock(
    code="protection.care_proceedings_26_weeks",
    name="Care proceedings completed",
    starts_at="The council's application to court for a care or supervision order",
    amount=26 * 7,
    unit=Unit.CALENDAR_DAYS,
    reference="Children Act 1989 s32(1)(a), as amended by the Children and Families Act 2014 s14: care proceedings "
              "are to be completed within 26 weeks of the application (calendar weeks, as the court counts them)",
    amber_within=28,
))
# The council's own rhythm: pre-proceedings are reviewed every six weeks from the initial meeting, so a family's
# progress on the plan in the letter before proceedings is looked at within the 16 weeks the PLO aims for.
PRE_PROCEEDINGS_REVIEW = register(Clock(
    code="protection.pre_proceedings_review",
    name="Pre-proceedings review meeting",
    starts_at="The initial pre-proceedings meeting, then each review meeting",
    amount=6 * 7,
    unit=Unit.CALENDAR_DAYS,
    reference="Local standard: a pre-proceedings review meeting at least every 6 weeks after the initial meeting",
    amber_within=7,
))
STEP_DECISION = register(Clock(
    code="protection.pre_proceedings_step_decision",
    name="Pre-proceedings step up or step down decided",
    starts_at="A worker proposes stepping up to care proceedings or stepping down",
    amount=5,
    unit=Unit.WORKING_DAYS,
    reference="Local standard: a manager decides a proposed step up or step down within 5 working days",
    amber_within=1,
))


def due_on(clock: Clock, start: date) -> date:
    """The day a clock starting on `start` falls due, measured with the council's calendar now (then stored)."""
    return clocks.local_date(clocks.due_at(clock, at_start_of(start), council_calendar()))
