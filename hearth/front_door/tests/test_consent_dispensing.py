"""Dispensing with consent is a manager's own recorded act: asked by the adviser, confirmed by the manager."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from conftest import client_for, make_user
from hearth.accounts.models import AuditEvent
from hearth.accounts.roles import RoleCode
from hearth.front_door import services
from hearth.front_door.models import ConsentDispensedReason, ConsentStatus, Contact, ContactDecision

DISPENSED = dict(consent=ConsentStatus.DISPENSED, consent_not_applicable_reason="",
                 consent_dispensed_reason=ConsentDispensedReason.SIGNIFICANT_HARM)


def decide(contact, by):
    return services.contact_decide(acting_user=by, contact_child=contact.children.get(), outcome="no_further_action",
                                   rationale="Threshold considered.", details_in_order=True, consent_in_order=True)


def test_recording_a_contact_never_confirms_dispensing_with_consent(council, fd_manager, record_contact):
    contact = record_contact(**DISPENSED, consent_dispensed_asked=fd_manager,
                             consent_dispensed_confirmed_by=fd_manager)
    contact.refresh_from_db()
    assert contact.consent_dispensed_asked == fd_manager
    assert contact.consent_dispensed_confirmed_by is None and contact.consent_dispensed_confirmed_at is None
    assert contact.awaits_consent_confirmation


def test_a_decision_is_refused_until_dispensing_with_consent_is_confirmed(council, fd_manager, record_contact):
    contact = record_contact(**DISPENSED, consent_dispensed_asked=fd_manager)
    with pytest.raises(ValidationError) as refused:
        decide(contact, fd_manager)
    assert refused.value.messages == [services.CONFIRM_CONSENT_FIRST]
    assert not ContactDecision.objects.exists()
    services.contact_consent_dispensing_confirm(acting_user=fd_manager, contact=contact)
    decide(contact, fd_manager)
    assert ContactDecision.objects.count() == 1


def test_the_manager_asked_confirms_with_the_time_history_and_an_audit_event(council, fd_manager, record_contact):
    contact = record_contact(**DISPENSED, consent_dispensed_asked=fd_manager, children=[council.unallocated])
    services.contact_consent_dispensing_confirm(acting_user=fd_manager, contact=contact)
    contact.refresh_from_db()
    assert contact.consent_dispensed_confirmed_by == fd_manager
    assert contact.consent_dispensed_confirmed_at is not None and not contact.awaits_consent_confirmation
    latest = contact.history.order_by("-history_id").first()
    assert latest.history_user == fd_manager and latest.consent_dispensed_confirmed_by_id == fd_manager.pk
    event = AuditEvent.objects.get(verb="contact.consent_dispensing_confirm")
    assert event.actor == fd_manager and event.child == council.unallocated
    with pytest.raises(ValidationError, match="already been confirmed"):
        services.contact_consent_dispensing_confirm(acting_user=fd_manager, contact=contact)


def test_only_the_manager_asked_or_a_front_door_team_manager_may_confirm(council, fd_manager, senior, record_contact):
    asked = make_user("asked", RoleCode.TEAM_MANAGER, team=council.front_door, manages=True)
    contact = record_contact(**DISPENSED, consent_dispensed_asked=asked)
    another_manager = make_user("another", RoleCode.TEAM_MANAGER, team=council.other_team, manages=True)
    for user in (council.adviser, senior, council.worker, another_manager, council.manager):
        with pytest.raises(PermissionDenied):
            services.contact_consent_dispensing_confirm(acting_user=user, contact=contact)
    assert Contact.objects.get(pk=contact.pk).awaits_consent_confirmation
    services.contact_consent_dispensing_confirm(acting_user=fd_manager, contact=contact)
    assert Contact.objects.get(pk=contact.pk).consent_dispensed_confirmed_by == fd_manager


def test_only_a_contact_with_consent_dispensed_with_can_be_confirmed(council, fd_manager, record_contact):
    contact = record_contact()
    with pytest.raises(ValidationError, match="nothing to confirm"):
        services.contact_consent_dispensing_confirm(acting_user=fd_manager, contact=contact)


def test_the_contact_page_offers_the_confirmation_to_the_manager_asked_and_refuses_a_decision_before_it(
        council, fd_manager, record_contact):
    contact = record_contact(**DISPENSED, consent_dispensed_asked=fd_manager)
    adviser_page = client_for(council.adviser).get(f"/front-door/contacts/{contact.pk}").content.decode()
    assert "Not yet confirmed by a manager" in adviser_page
    assert "Confirm dispensing with consent" not in adviser_page
    client = client_for(fd_manager)
    page = client.get(f"/front-door/contacts/{contact.pk}").content.decode()
    assert "Confirm dispensing with consent" in page and "Record the decision" not in page
    row = contact.children.get()
    prefix = f"decide-{row.pk}"
    refused = client.post(f"/front-door/contacts/{contact.pk}/children/{row.pk}/decide", {
        f"{prefix}-outcome": "no_further_action", f"{prefix}-rationale": "Threshold considered."})
    assert refused.status_code == 400 and "confirm dispensing with consent on this page" in refused.content.decode()
    response = client.post(f"/front-door/contacts/{contact.pk}/confirm-dispensing-consent")
    assert response.status_code == 302
    page = client.get(f"/front-door/contacts/{contact.pk}").content.decode()
    assert "Confirmed by Fdmanager Tester" in page and "Record the decision" in page


def test_the_leaders_view_counts_consent_dispensed_with_whether_confirmed_or_awaiting(council, fd_manager,
                                                                                     record_contact):
    from hearth.front_door import performance

    confirmed = record_contact(**DISPENSED, consent_dispensed_asked=fd_manager)
    services.contact_consent_dispensing_confirm(acting_user=fd_manager, contact=confirmed)
    record_contact(**{**DISPENSED, "consent_dispensed_reason": ConsentDispensedReason.POLICE_INVESTIGATION},
                   consent_dispensed_asked=fd_manager)
    record_contact()
    today = timezone.localdate()
    period = performance.Period(today - timedelta(days=2), today)
    counts = performance.Figures(period, timezone.now()).consent
    assert counts["received"] == 3
    assert counts[ConsentDispensedReason.SIGNIFICANT_HARM] == 1
    assert counts[ConsentDispensedReason.POLICE_INVESTIGATION] == 1
