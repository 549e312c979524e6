"""The timescales casework registers."""

from hearth.timescales.clocks import Clock, Unit, register

CASE_NOTE_RECORDED = register(Clock(
    code="casework.case_note_recorded",
    name="Case note recorded",
    starts_at="The event the note records (a visit, a call, a meeting)",
    amount=5,
    unit=Unit.WORKING_DAYS,
    reference="Local recording standard: case notes are written up within 5 working days of the event",
    amber_within=1,
))
