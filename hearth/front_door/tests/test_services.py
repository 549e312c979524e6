"""The front door's rules, checked at the services: consent, clocks that never reset, decisions by managers."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from hearth.children_in_need.models import Referral
from hearth.front_door import services
from hearth.front_door.models import (
    AdviceKind,
    ConsentDispensedReason,
    ConsentStatus,
    Consultation,
    Contact,
    ContactChild,
    Urgency,
)
from hearth.front_door.services import DescribedChild
from hearth.people.models import Person
from hearth.protection.models import StrategyDiscussion
from hearth.timescales.clocks import end_of_day

from .conftest import london, unsaved_contact


def decide(contact_child, by, outcome="no_further_action"):
    return services.contact_decide(acting_user=by, contact_child=contact_child, outcome=outcome,
                                   rationale="Threshold considered against the guidance.", details_in_order=True,
                                   consent_in_order=True, family_told="Told by phone.")


def test_a_consultation_creates_no_contact_and_no_person(council):
    people = Person.objects.count()
    services.consultation_record(acting_user=council.adviser, consultation=Consultation(
        received_at=timezone.now() - timedelta(minutes=5), caller_name="Jo Bloggs", caller_agency="Oakfield Primary",
        question="A pupil seems withdrawn; should we refer?", advice="Talk to the family first; call back if worried."))
    consultation = Consultation.objects.get()
    assert consultation.advised_by == council.adviser
    assert Contact.objects.count() == 0 and Person.objects.count() == people


def test_converting_a_consultation_needs_a_consent_answer_and_links_the_contact(council):
    consultation = services.consultation_record(acting_user=council.adviser, consultation=Consultation(
        received_at=timezone.now() - timedelta(minutes=5), caller_name="Jo", caller_agency="School",
        question="Worried", advice="Make a contact"))
    with pytest.raises(ValidationError) as refused:
        services.consultation_convert(acting_user=council.adviser, consultation=consultation,
                                      contact=unsaved_contact(consent=""), children=[council.unallocated])
    assert "consent" in refused.value.message_dict
    contact = services.consultation_convert(acting_user=council.adviser, consultation=consultation,
                                            contact=unsaved_contact(), children=[council.unallocated])
    consultation.refresh_from_db()
    assert consultation.became_contact == contact


def test_a_contact_is_refused_without_a_child_a_receipt_time_or_a_consent_answer(council):
    with pytest.raises(ValidationError) as refused:
        services.contact_record(acting_user=council.adviser, contact=unsaved_contact(received_at=None, consent=""),
                                children=[])
    errors = refused.value.message_dict
    assert set(errors) >= {"received_at", "children", "consent"}
    assert Contact.objects.count() == 0


def test_a_contact_received_in_the_future_is_refused(council):
    with pytest.raises(ValidationError) as refused:
        services.contact_record(acting_user=council.adviser, children=[council.unallocated],
                                contact=unsaved_contact(received_at=timezone.now() + timedelta(hours=2)))
    assert refused.value.message_dict["received_at"] == ["The time received cannot be in the future"]


def test_consent_dispensed_with_needs_a_reason_and_the_front_door_manager_asked(council, fd_manager):
    base = dict(consent=ConsentStatus.DISPENSED, consent_not_applicable_reason="")
    with pytest.raises(ValidationError) as refused:
        services.contact_record(acting_user=council.adviser, children=[council.unallocated], contact=unsaved_contact(**base))
    assert set(refused.value.message_dict) == {"consent_dispensed_reason", "consent_dispensed_asked"}
    with pytest.raises(ValidationError) as refused:
        services.contact_record(acting_user=council.adviser, children=[council.unallocated], contact=unsaved_contact(
            **base, consent_dispensed_reason=ConsentDispensedReason.SIGNIFICANT_HARM,
            consent_dispensed_asked=council.worker))
    assert "Only a manager of a front-door team" in refused.value.message_dict["consent_dispensed_asked"][0]
    with pytest.raises(ValidationError) as refused:  # another team's manager
        services.contact_record(acting_user=council.adviser, children=[council.unallocated], contact=unsaved_contact(
            **base, consent_dispensed_reason=ConsentDispensedReason.SIGNIFICANT_HARM,
            consent_dispensed_asked=council.manager))
    assert "Only a manager of a front-door team" in refused.value.message_dict["consent_dispensed_asked"][0]
    contact = services.contact_record(acting_user=council.adviser, children=[council.unallocated], contact=unsaved_contact(
        **base, consent_dispensed_reason=ConsentDispensedReason.SIGNIFICANT_HARM, consent_dispensed_asked=fd_manager))
    assert contact.consent_dispensed_asked == fd_manager


def test_the_clock_for_a_friday_evening_contact_falls_due_at_the_end_of_the_next_working_day(record_contact):
    contact = record_contact(received_at=london(2025, 3, 14, 19, 30))  # a Friday
    assert contact.decision_due_at == end_of_day(date(2025, 3, 17))  # the Monday


def test_the_clock_for_an_immediate_contact_falls_due_within_the_hour(record_contact):
    received = london(2025, 3, 14, 19, 30)
    contact = record_contact(received_at=received, urgency=Urgency.IMMEDIATE)
    assert contact.decision_due_at == received + timedelta(hours=1)


def test_escalating_brings_the_due_time_forward_from_the_first_receipt(council, record_contact):
    received = london(2025, 3, 14, 19, 30)
    contact = record_contact(received_at=received)
    services.contact_escalate(acting_user=council.adviser, contact=contact, reason="Disclosed a threat today")
    assert contact.decision_due_at == received + timedelta(hours=1)


def test_awaiting_information_does_not_move_the_due_time(council, record_contact):
    contact = record_contact(received_at=london(2025, 3, 14, 19, 30))
    due = contact.decision_due_at
    services.contact_set_awaiting_information(acting_user=council.adviser, contact=contact, awaiting=True,
                                              note="The school nurse's notes")
    contact.refresh_from_db()
    assert contact.awaiting_information and contact.decision_due_at == due


def test_a_decision_by_a_user_without_the_manager_role_is_refused(council, senior, record_contact):
    contact = record_contact()
    for user in (council.adviser, senior, council.worker):
        with pytest.raises(PermissionDenied):
            decide(contact.children.get(), user)
    assert not ContactChild.objects.filter(decision__isnull=False).exists()


def test_deciding_every_child_closes_the_contact_and_a_closed_contact_refuses_changes(council, fd_manager, record_contact):
    contact = record_contact(children=[council.unallocated, council.team_child])
    first, second = contact.children.order_by("pk")
    decide(first, fd_manager)
    contact.refresh_from_db()
    assert contact.is_open
    decide(second, fd_manager, outcome="information_and_advice")
    contact.refresh_from_db()
    assert not contact.is_open and contact.closed_at is not None
    with pytest.raises(ValidationError, match="closed"):
        services.advice_record(acting_user=council.adviser, contact=contact, kind=AdviceKind.SCREENING_NOTE, text="More")
    with pytest.raises(ValidationError, match="closed"):
        services.information_request_send(acting_user=council.adviser, contact=contact, agency="GP", asked="Anything?")
    with pytest.raises(ValidationError, match="closed"):
        services.contact_escalate(acting_user=council.adviser, contact=contact, reason="Disclosed a threat today")


def test_new_information_on_a_closed_contact_is_a_linked_contact_timed_from_the_first_receipt(
        council, fd_manager, record_contact):
    first = record_contact(received_at=london(2025, 3, 14, 19, 30))
    with pytest.raises(ValidationError):
        record_contact(previous=first)  # an open contact takes new information itself
    decide(first.children.get(), fd_manager)
    first.refresh_from_db()
    later = record_contact(previous=first)
    assert later.previous == first and later.pk != first.pk
    assert later.first_received_at == first.first_received_at
    assert later.decision_due_at == first.decision_due_at


def test_a_child_open_to_a_team_shows_that_team_on_the_contact(council, record_contact):
    contact = record_contact(children=[council.allocated, council.unallocated])
    teams = {row.child_id: row.open_to_team for row in contact.children.all()}
    assert teams == {council.allocated.pk: council.team, council.unallocated.pk: None}


def test_a_referral_outcome_opens_a_cin_referral_dated_from_the_first_receipt(council, fd_manager, record_contact):
    first = record_contact(received_at=london(2025, 3, 14, 19, 30))
    decide(first.children.get(), fd_manager)
    first.refresh_from_db()
    later = record_contact(previous=first, received_at=london(2025, 4, 2, 10, 0))
    row = later.children.get()
    decide(row, fd_manager, outcome="referral")
    referral = Referral.objects.get(contact_child=row)
    assert referral.child == council.unallocated
    assert referral.referral_date == date(2025, 3, 14)
    assert referral.source == later.source


def test_a_strategy_discussion_outcome_opens_a_referral_and_a_strategy_discussion(council, fd_manager, record_contact):
    contact = record_contact(urgency=Urgency.IMMEDIATE)
    row = contact.children.get()
    decision = decide(row, fd_manager, outcome="strategy_discussion")
    referral = Referral.objects.get(contact_child=row)
    assert referral.strategy_discussion_now
    discussion = StrategyDiscussion.objects.get(referral=referral)
    assert discussion.child == council.unallocated and discussion.requested_at == decision.decided_at


def test_a_described_child_must_be_matched_to_a_record_before_the_decision(council, fd_manager, record_contact):
    contact = record_contact(children=[DescribedChild(name="Kai Example", date_of_birth=date(2018, 6, 1))])
    row = contact.children.get()
    with pytest.raises(ValidationError) as refused:
        decide(row, fd_manager)
    assert "Match the child" in refused.value.message_dict["outcome"][0]
    services.contact_child_link(acting_user=council.adviser, contact_child=row, child=council.allocated)
    row.refresh_from_db()
    assert row.child == council.allocated and row.open_to_team == council.team


def test_advice_is_recorded_by_front_door_staff_only_and_senior_advice_by_a_senior_social_worker(council, senior):
    contact = services.contact_record(acting_user=council.adviser, contact=unsaved_contact(), children=[council.allocated])
    with pytest.raises(PermissionDenied):
        services.advice_record(acting_user=council.worker, contact=contact, kind=AdviceKind.SCREENING_NOTE, text="Note")
    with pytest.raises(PermissionDenied):
        services.advice_record(acting_user=council.adviser, contact=contact, kind=AdviceKind.SENIOR_SOCIAL_WORKER,
                               text="Refer")
    assert services.advice_record(acting_user=council.adviser, contact=contact, kind=AdviceKind.SCREENING_NOTE,
                                  text="Called the school back.").given_by == council.adviser
    assert services.advice_record(acting_user=senior, contact=contact, kind=AdviceKind.SENIOR_SOCIAL_WORKER,
                                  text="Refer for assessment.").given_by == senior
