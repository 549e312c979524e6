"""The action plan's deadline: 70 working days from the council's receipt of the final inspection report."""

from hearth.timescales.clocks import Clock, Unit, register

ACTION_PLAN = register(Clock(
    code="inspection.action_plan",
    name="Action plan sent to Ofsted",
    starts_at="The council receives the final report of a standard or short ILACS inspection",
    amount=70,
    unit=Unit.WORKING_DAYS,
    reference="Ofsted, Inspecting local authority children's services (ILACS): the local authority sends Ofsted "
              "its action plan within 70 working days of receiving the report",
    amber_within=10,
))
