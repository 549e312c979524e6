"""Casework's writes keep their reasons on the record, with history and an audit event."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from hearth.accounts.models import AuditEvent
from hearth.casework import services
from hearth.casework.models import Allocation


def test_ending_an_allocation_keeps_its_reason_on_the_allocation_with_history(council):
    allocation = Allocation.objects.get(child=council.allocated)
    with pytest.raises(ValidationError) as refused:
        services.allocation_end(acting_user=council.manager, allocation=allocation, ended_on=date(2025, 3, 1), reason="")
    assert "end_reason" in refused.value.message_dict
    services.allocation_end(acting_user=council.manager, allocation=allocation, ended_on=date(2025, 3, 1),
                            reason="Moved to another council")
    allocation.refresh_from_db()
    assert allocation.ended_on == date(2025, 3, 1) and allocation.end_reason == "Moved to another council"
    row = allocation.history.order_by("-history_id").first()
    assert row.history_user == council.manager and row.end_reason == "Moved to another council"
    event = AuditEvent.objects.get(verb="allocation.end")
    assert event.actor == council.manager and event.child == council.allocated
    assert "Moved to another council" in event.summary
