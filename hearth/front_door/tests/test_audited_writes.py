"""Every change to a contact keeps its reason, a history row naming who made it, and an audit event."""

import pytest
from django.core.exceptions import ValidationError

from hearth.accounts.models import AuditEvent
from hearth.children_in_need.models import Referral
from hearth.early_help.models import EarlyHelpRequest
from hearth.front_door import services
from hearth.front_door.models import Contact, InformationRequest, Urgency
from hearth.protection.models import StrategyDiscussion


def latest_history(instance):
    return instance.history.order_by("-history_id").first()


def test_escalating_a_contact_needs_a_reason_and_keeps_it_with_history_and_audit(council, record_contact):
    contact = record_contact(children=[council.allocated])
    with pytest.raises(ValidationError) as refused:
        services.contact_escalate(acting_user=council.adviser, contact=contact, reason="  ")
    assert "reason" in refused.value.message_dict
    assert Contact.objects.get(pk=contact.pk).urgency == Urgency.STANDARD
    services.contact_escalate(acting_user=council.adviser, contact=contact, reason="The child said he is scared to go home")
    contact.refresh_from_db()
    assert contact.urgency == Urgency.IMMEDIATE
    assert contact.escalation_reason == "The child said he is scared to go home"
    assert contact.escalated_by == council.adviser and contact.escalated_at is not None
    row = latest_history(contact)
    assert row.history_user == council.adviser and row.escalation_reason == contact.escalation_reason
    event = AuditEvent.objects.get(verb="contact.escalate")
    assert event.actor == council.adviser and event.child == council.allocated
    assert "scared to go home" in event.summary


def test_awaiting_information_needs_a_note_and_keeps_it_with_history_and_audit(council, record_contact):
    contact = record_contact()
    with pytest.raises(ValidationError) as refused:
        services.contact_set_awaiting_information(acting_user=council.adviser, contact=contact, awaiting=True, note="")
    assert "note" in refused.value.message_dict
    services.contact_set_awaiting_information(acting_user=council.adviser, contact=contact, awaiting=True,
                                              note="The police's record of call-outs")
    services.contact_set_awaiting_information(acting_user=council.adviser, contact=contact, awaiting=False,
                                              note="Police record received: two call-outs")
    notes = [(row.awaiting_information, row.awaiting_information_note, row.history_user)
             for row in contact.history.order_by("history_id")][-2:]
    assert notes == [(True, "The police's record of call-outs", council.adviser),
                     (False, "Police record received: two call-outs", council.adviser)]
    events = list(AuditEvent.objects.filter(verb="contact.awaiting_information").order_by("pk"))
    assert [e.actor for e in events] == [council.adviser, council.adviser]
    assert "call-outs" in events[0].summary and "no longer awaiting" in events[1].summary


def test_an_information_request_and_its_answer_are_audited_with_history(council, record_contact):
    contact = record_contact(children=[council.unallocated])
    request = services.information_request_send(acting_user=council.adviser, contact=contact, agency="The GP",
                                                asked="Any recent appointments?")
    services.information_request_answer(acting_user=council.adviser, request=request, answer="Seen twice in March")
    request = InformationRequest.objects.get()
    assert [row.history_user for row in request.history.all()] == [council.adviser, council.adviser]
    events = AuditEvent.objects.filter(verb__in=["contact.information_request", "contact.information_answer"])
    assert sorted(e.verb for e in events) == ["contact.information_answer", "contact.information_request"]
    assert all(e.actor == council.adviser and e.child == council.unallocated for e in events)


def test_the_contact_reference_is_saved_with_history(council, record_contact):
    contact = record_contact()
    row = latest_history(contact)
    assert row.reference == contact.reference and row.history_user == council.adviser
    assert Contact.objects.get(pk=contact.pk).reference == contact.reference


@pytest.mark.parametrize(("outcome", "model"), [
    ("early_help", EarlyHelpRequest), ("referral", Referral), ("strategy_discussion", StrategyDiscussion),
])
def test_each_hand_on_is_written_by_its_service_with_history_and_audit(council, fd_manager, record_contact,
                                                                       outcome, model):
    contact = record_contact(children=[council.unallocated])
    services.contact_decide(acting_user=fd_manager, contact_child=contact.children.get(), outcome=outcome,
                            rationale="Threshold considered.", details_in_order=True, consent_in_order=True)
    made = model.objects.get()
    assert made.history.get().history_user == fd_manager
    verbs = {EarlyHelpRequest: "early_help_request.record", Referral: "referral.open",
             StrategyDiscussion: "strategy_discussion.request"}
    event = AuditEvent.objects.get(verb=verbs[model])
    assert event.actor == fd_manager and event.child == council.unallocated
    if model is StrategyDiscussion:
        referral = Referral.objects.get()
        assert referral.strategy_discussion_now and referral.history.get().history_user == fd_manager
        assert AuditEvent.objects.filter(verb="referral.open", child=council.unallocated).count() == 1


def test_escalating_without_a_reason_is_refused_beside_the_field(council, record_contact):
    from conftest import client_for

    contact = record_contact()
    response = client_for(council.adviser).post(f"/front-door/contacts/{contact.pk}/escalate", {"escalate-reason": ""})
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page and 'id="id_escalate-reason-error"' in page
    assert Contact.objects.get(pk=contact.pk).urgency == Urgency.STANDARD


def test_each_child_on_a_new_contact_is_saved_with_history_naming_who_recorded_it(council, record_contact):
    from hearth.front_door.services import DescribedChild

    contact = record_contact(children=[council.unallocated, DescribedChild("Kai Example")])
    rows = list(contact.children.order_by("pk"))
    assert len(rows) == 2
    assert [row.history.get().history_user for row in rows] == [council.adviser, council.adviser]
