"""The kinds of decision pre-proceedings record (as casework Decisions, one for each child)."""

from hearth.casework.decision_sources import register_kind
from hearth.protection.proceedings.services import START_KIND, STEP_KIND

START = register_kind(START_KIND, "Beginning pre-proceedings (legal planning meeting)")
STEP = register_kind(STEP_KIND, "Stepping up to care proceedings, or down, from pre-proceedings")
