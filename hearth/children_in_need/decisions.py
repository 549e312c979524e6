"""The kinds of decision a child in need episode records (as casework Decision rows)."""

from hearth.casework.decision_sources import register_kind

ASSESSMENT_AUTHORISATION = register_kind("assessment_authorisation", "Authorising a child and family assessment")
ASSESSMENT_RETURN = register_kind("assessment_return", "Returning an assessment to the social worker")
CIN_CLOSURE = register_kind("cin_closure", "Closing a child in need episode")
CIN_CLOSURE_DECLINE = register_kind("cin_closure_decline", "Declining a request to close a child in need episode")
