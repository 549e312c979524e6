"""The timescales of a child in need episode: the assessment, the plan's reviews and the visits to the child.

The visiting and review intervals are the council's local standards, set in the settings
`HEARTH_CIN_VISIT_EVERY_WORKING_DAYS` (default 20 working days, four weeks) and `HEARTH_CIN_REVIEW_EVERY_DAYS`
(default 90 days, three months); see the README. Each due day is stored when its clock starts (docs/adr/0008).
"""

from django.conf import settings

from hearth.timescales.clocks import Clock, Unit, register

ASSESSMENT = register(Clock(
    code="children_in_need.assessment",
    name="Child and family assessment authorised",
    starts_at="The referral date: the first receipt of the contact's chain",
    amount=45,
    unit=Unit.WORKING_DAYS,
    reference="Working Together to Safeguard Children 2023, chapter 3: the assessment is completed within 45 working "
              "days of the referral",
    amber_within=5,
))
VISIT = register(Clock(
    code="children_in_need.visit",
    name="Child in need visit",
    starts_at="The plan's start, then each visit to the child",
    amount=getattr(settings, "HEARTH_CIN_VISIT_EVERY_WORKING_DAYS", 20),
    unit=Unit.WORKING_DAYS,
    reference="Local standard: a child on a child in need plan is visited at least every "
              f"{getattr(settings, 'HEARTH_CIN_VISIT_EVERY_WORKING_DAYS', 20)} working days",
    amber_within=3,
))
PLAN_REVIEW = register(Clock(
    code="children_in_need.plan_review",
    name="Child in need plan review",
    starts_at="The plan's start, then each review",
    amount=getattr(settings, "HEARTH_CIN_REVIEW_EVERY_DAYS", 90),
    unit=Unit.CALENDAR_DAYS,
    reference="Local standard: a child in need plan is reviewed within "
              f"{getattr(settings, 'HEARTH_CIN_REVIEW_EVERY_DAYS', 90)} days of its start and of each review",
    amber_within=10,
))
