"""The kinds of decision child protection records (each a casework Decision with its decider, time and rationale)."""

from hearth.casework.decision_sources import register_kind

S47_DECISION = register_kind("s47_decision", "Strategy discussion: whether to start a section 47 enquiry")
S47_OUTCOME = register_kind("s47_outcome", "Section 47 enquiry: outcome")
ICPC_DECISION = register_kind("icpc_decision", "Initial child protection conference: whether a plan is needed")
RCPC_DECISION = register_kind("rcpc_decision", "Review child protection conference: the plan continues or ends")
