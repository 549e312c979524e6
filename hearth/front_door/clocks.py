"""The front door's screening clocks, one per urgency, from the first receipt of a contact's chain."""

from hearth.timescales.clocks import Clock, Unit, register

DECISION_STANDARD = register(Clock(
    code="front_door.contact_decision",
    name="Contact decision",
    starts_at="The first contact in the chain is received by the council",
    amount=1,
    unit=Unit.WORKING_DAYS,
    reference="Working Together to Safeguard Children 2023: a decision on the response within one working day "
              "of a referral being received",
    amber_within=0,
))
DECISION_IMMEDIATE = register(Clock(
    code="front_door.contact_decision_immediate",
    name="Contact decision: immediate risk",
    starts_at="A contact about a child at immediate risk is received",
    amount=1,
    unit=Unit.HOURS,
    reference="Local standard: where a child may be at immediate risk, a manager decides within the hour",
))

# Which clock measures a contact of each urgency (the urgency values are front_door.models.Urgency).
BY_URGENCY = {"standard": DECISION_STANDARD, "immediate": DECISION_IMMEDIATE}
