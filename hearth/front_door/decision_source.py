"""The front door's decisions (one for each child on a contact), for every list of decisions across Hearth."""

from django.db.models import CharField, F, Value

from hearth.casework.decision_sources import register_kind, register_source, shape

CONTACT_OUTCOME = register_kind("contact_outcome", "Front door: a child's contact decided")


def _rows():
    from hearth.front_door.models import ContactDecision

    return shape(ContactDecision.objects.all(), source="front_door", kind=Value(CONTACT_OUTCOME.code,
                 output_field=CharField()), decided_at="decided_at", outcome="outcome", rationale="rationale",
                 decided_by="decided_by", team_id="team_id", team=F("team__name"),
                 child="contact_child__child", has_rationale="has_rationale")


register_source("front_door", _rows)
