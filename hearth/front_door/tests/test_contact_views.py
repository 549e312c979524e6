"""Consultations and contacts through the pages: consent first, errors beside fields, decisions by managers only."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from conftest import client_for, make_child
from hearth.accounts.models import AccessAction, AccessEvent
from hearth.children_in_need.models import Referral
from hearth.front_door import services
from hearth.front_door.models import AdviceKind, Consultation, Contact, Urgency
from hearth.front_door.services import DescribedChild
from hearth.people.models import Person

from .conftest import london

CONSULTATION = {"received_at-day": "14", "received_at-month": "3", "received_at-year": "2025", "received_at-time": "10:15",
                "caller_name": "Jo Bloggs", "caller_agency": "Oakfield Primary School",
                "question": "A pupil is withdrawn; should we refer?", "advice": "Speak to the parents first."}


def contact_form(council, **changes):
    data = {"received_at-day": "14", "received_at-month": "3", "received_at-year": "2025", "received_at-time": "19:30",
            "channel": "phone", "pathway": "standard", "urgency": "standard", "referrer_name": "Jo Bloggs",
            "referrer_agency": "Oakfield Primary School", "source": "2A",
            "concern": "Came to school hungry, with a bruise on his arm.", "consent": "obtained",
            "consent_from": "Sam Example (mother)", "consent_how": "By phone to the school",
            "children": council.unallocated.la_child_id, "adult_1_name": "Sam Example", "adult_1_relationship": "Mother"}
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def decide_form(row, outcome="no_further_action"):
    prefix = f"decide-{row.pk}"
    return {f"{prefix}-outcome": outcome, f"{prefix}-rationale": "Considered against the threshold guidance.",
            f"{prefix}-details_in_order": "on", f"{prefix}-consent_in_order": "on", f"{prefix}-family_told": "By phone."}


def test_recording_a_consultation_creates_no_contact_and_no_person(council):
    people = Person.objects.count()
    response = client_for(council.adviser).post("/front-door/consultations/new", CONSULTATION)
    consultation = Consultation.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/front-door/consultations/{consultation.pk}"
    assert Contact.objects.count() == 0 and Person.objects.count() == people
    page = client_for(council.adviser).get(response["Location"]).content.decode()
    assert "Convert to a contact" in page and "Speak to the parents first." in page
    listing = client_for(council.adviser).get("/front-door/consultations/").content.decode()
    assert "Jo Bloggs" in listing and "Record a consultation" in listing and "Record a contact" in listing


def test_converting_a_consultation_asks_about_consent_first_and_links_the_contact(council):
    client = client_for(council.adviser)
    client.post("/front-door/consultations/new", CONSULTATION)
    consultation = Consultation.objects.get()
    page = client.get(f"/front-door/consultations/{consultation.pk}/convert").content.decode()
    assert page.index("Has the family consented") < page.index("When it was received")
    assert 'value="Jo Bloggs"' in page and "A pupil is withdrawn" in page
    refused = client.post(f"/front-door/consultations/{consultation.pk}/convert", contact_form(council, consent=None))
    assert refused.status_code == 200
    assert "Select whether consent was obtained, dispensed with, or does not apply" in refused.content.decode()
    assert Contact.objects.count() == 0
    response = client.post(f"/front-door/consultations/{consultation.pk}/convert", contact_form(council))
    contact = Contact.objects.get()
    consultation.refresh_from_db()
    assert response["Location"] == f"/front-door/contacts/{contact.pk}"
    assert consultation.became_contact == contact


def test_a_contact_is_recorded_with_its_children_adults_and_consent(council):
    response = client_for(council.adviser).post("/front-door/contacts/new", contact_form(
        council, children=f"{council.unallocated.la_child_id}, {council.allocated.la_child_id.lower()}",
        **{"child_1_name": "Kai Example", "child_1_dob-day": "1", "child_1_dob-month": "6", "child_1_dob-year": "2018"}))
    contact = Contact.objects.get()
    assert response.status_code == 302
    assert contact.received_at == london(2025, 3, 14, 19, 30)
    assert [row.child for row in contact.children.order_by("pk")] == [council.unallocated, council.allocated, None]
    assert contact.children.get(child=None).described_date_of_birth == date(2018, 6, 1)
    assert [(a.name, a.relationship) for a in contact.adults.all()] == [("Sam Example", "Mother")]
    assert contact.consent_from == "Sam Example (mother)" and contact.recorded_by == council.adviser


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"children": ""}, "children", "Add at least one child the contact is about"),
    ({"children": "NOPE123"}, "children", "No child has the LA child ID NOPE123"),
    ({"received_at-time": ""}, "received_at", "Enter the time the contact was received"),
    ({"received_at-day": "", "received_at-month": "", "received_at-year": "", "received_at-time": ""}, "received_at",
     "Enter the date and time the contact was received"),
    ({"received_at-year": "2099"}, "received_at", "The time received cannot be in the future"),
    ({"consent": None}, "consent", "Select whether consent was obtained, dispensed with, or does not apply"),
    ({"consent_from": ""}, "consent_from", "Enter who gave consent"),
])
def test_a_contact_is_refused_with_a_message_beside_the_field_and_nothing_typed_is_lost(council, changes, field, message):
    response = client_for(council.adviser).post("/front-door/contacts/new", contact_form(council, **changes))
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert f'id="id_{field}-error"' in page
    assert message in page
    assert "Came to school hungry, with a bruise on his arm." in page and 'value="Jo Bloggs"' in page
    assert Contact.objects.count() == 0


def test_consent_dispensed_with_needs_the_front_door_manager_asked(council, fd_manager):
    client = client_for(council.adviser)
    base = contact_form(council, consent="dispensed", consent_from=None, consent_how=None,
                        consent_dispensed_reason="significant_harm")
    page = client.post("/front-door/contacts/new", base).content.decode()
    assert "Select the manager you asked to agree to dispense with consent" in page
    assert 'id="id_consent_dispensed_asked-error"' in page
    assert Contact.objects.count() == 0
    page = client.get("/front-door/contacts/new").content.decode()
    # Only the managers of a front-door team may be asked: not another team's manager, nor a worker.
    assert f'<option value="{fd_manager.pk}">{fd_manager}</option>' in page
    assert f">{council.manager}</option>" not in page and f">{council.worker}</option>" not in page
    response = client.post("/front-door/contacts/new", {**base, "consent_dispensed_asked": fd_manager.pk})
    assert response.status_code == 302
    assert Contact.objects.get().consent_dispensed_asked == fd_manager


def test_only_front_door_staff_record_contacts(council):
    assert client_for(council.worker).get("/front-door/contacts/new").status_code == 403
    assert client_for(council.admin).get("/front-door/consultations/").status_code == 403
    assert client_for(council.adviser).get("/front-door/contacts/new").status_code == 200


def test_the_contact_page_shows_the_clock_measured_from_the_first_receipt(council, record_contact):
    overdue = record_contact(received_at=london(2025, 3, 14, 19, 30))
    page = client_for(council.adviser).get(f"/front-door/contacts/{overdue.pk}").content.decode()
    assert "Overdue" in page and "17 March 2025 at 11:59pm" in page
    fresh = record_contact(received_at=timezone.now() - timedelta(minutes=5), urgency=Urgency.IMMEDIATE)
    assert "On track" in client_for(council.adviser).get(f"/front-door/contacts/{fresh.pk}").content.decode()


def test_awaiting_information_keeps_the_clock_running(council, record_contact):
    contact = record_contact(received_at=london(2025, 3, 14, 19, 30))
    due = contact.decision_due_at
    response = client_for(council.adviser).post(f"/front-door/contacts/{contact.pk}/awaiting-information",
                                                {"awaiting": "yes", "awaiting-note": "The GP's notes",
                                                 "awaiting-version": contact.version})
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.awaiting_information and contact.decision_due_at == due
    page = client_for(council.adviser).get(f"/front-door/contacts/{contact.pk}").content.decode()
    assert "The clock keeps running" in page


def test_a_re_contact_about_the_same_child_within_twelve_months_is_flagged(council, record_contact):
    earlier = record_contact(children=[council.allocated], received_at=timezone.now() - timedelta(days=200))
    record_contact(children=[council.allocated], received_at=timezone.now() - timedelta(days=500))
    later = record_contact(children=[council.allocated, council.unallocated])
    page = client_for(council.adviser).get(f"/front-door/contacts/{later.pk}").content.decode()
    assert "Re-contact: 1 other contact about this child in the 12 months" in page
    assert f"/front-door/contacts/{earlier.pk}" in page
    assert "Open to Safeguarding 1" in page


def test_screening_records_requests_answers_and_advice_with_their_authors(council, senior, record_contact):
    contact = record_contact(risk_indicators=["exploitation"])
    page = client_for(council.adviser).get(f"/front-door/contacts/{contact.pk}").content.decode()
    assert "record a consultation with the exploitation team (CATE)" in page
    client = client_for(council.adviser)
    client.post(f"/front-door/contacts/{contact.pk}/requests", {"request-agency": "Wrekinshire Police",
                                                                "request-asked": "Any call-outs?"})
    asked = contact.information_requests.get()
    client.post(f"/front-door/contacts/{contact.pk}/requests/{asked.pk}/answer",
                {f"answer-{asked.pk}-answer": "Two call-outs in March."})
    client.post(f"/front-door/contacts/{contact.pk}/advice", {"advice-kind": "cate", "advice-text": "CATE: low risk."})
    client_for(senior).post(f"/front-door/contacts/{contact.pk}/advice",
                            {"advice-kind": "senior_social_worker", "advice-text": "Consider early help."})
    refused = client.post(f"/front-door/contacts/{contact.pk}/advice", {"advice-kind": "screening_note", "advice-text": ""})
    assert refused.status_code == 400 and "Enter the advice" in refused.content.decode()
    asked.refresh_from_db()
    assert asked.answer == "Two call-outs in March." and asked.requested_by == council.adviser
    assert [(a.kind, a.given_by) for a in contact.advice.all()] == [
        (AdviceKind.CATE, council.adviser), (AdviceKind.SENIOR_SOCIAL_WORKER, senior)]
    page = client.get(f"/front-door/contacts/{contact.pk}").content.decode()
    assert "Consider early help." in page and "Senior social worker advice" in page
    assert "record a consultation with the exploitation team (CATE)" not in page


def test_a_described_child_is_matched_to_a_record_by_la_child_id(council, record_contact):
    contact = record_contact(children=[DescribedChild(name="Una Unallocated", date_of_birth=date(2015, 1, 1))])
    row = contact.children.get()
    client = client_for(council.adviser)
    page = client.get(f"/front-door/contacts/{contact.pk}").content.decode()
    assert "These records may be this child" in page and council.unallocated.la_child_id in page
    refused = client.post(f"/front-door/contacts/{contact.pk}/children/{row.pk}/match", {f"match-{row.pk}-la_child_id": "X9"})
    assert refused.status_code == 400 and "No child has that LA child ID" in refused.content.decode()
    client.post(f"/front-door/contacts/{contact.pk}/children/{row.pk}/match",
                {f"match-{row.pk}-la_child_id": council.unallocated.la_child_id})
    row.refresh_from_db()
    assert row.child == council.unallocated


def test_a_decision_by_a_user_without_the_manager_role_is_refused(council, senior, record_contact):
    contact = record_contact()
    row = contact.children.get()
    for user in (council.adviser, senior):
        page = client_for(user).get(f"/front-door/contacts/{contact.pk}").content.decode()
        assert "Record the decision" not in page
        response = client_for(user).post(f"/front-door/contacts/{contact.pk}/children/{row.pk}/decide", decide_form(row))
        assert response.status_code == 403
    contact.refresh_from_db()
    assert contact.is_open


def test_deciding_every_child_closes_the_contact_and_new_information_makes_a_linked_contact(council, fd_manager,
                                                                                            record_contact):
    contact = record_contact(children=[council.unallocated, council.team_child], received_at=london(2025, 3, 14, 19, 30))
    first, second = contact.children.order_by("pk")
    manager = client_for(fd_manager)
    refused = manager.post(f"/front-door/contacts/{contact.pk}/children/{first.pk}/decide",
                           {**decide_form(first), f"decide-{first.pk}-rationale": ""})
    assert refused.status_code == 400 and "Enter the reason for the decision" in refused.content.decode()
    manager.post(f"/front-door/contacts/{contact.pk}/children/{first.pk}/decide", decide_form(first))
    manager.post(f"/front-door/contacts/{contact.pk}/children/{second.pk}/decide", decide_form(second, "referral"))
    contact.refresh_from_db()
    assert not contact.is_open
    assert Referral.objects.get().referral_date == date(2025, 3, 14)
    page = manager.get(f"/front-door/contacts/{contact.pk}").content.decode()
    assert "No further action" in page and "Fdmanager Tester" in page and "Add new information" in page

    adviser = client_for(council.adviser)
    closed = adviser.post(f"/front-door/contacts/{contact.pk}/advice", {"advice-kind": "screening_note", "advice-text": "More"})
    assert closed.status_code == 400 and "This contact is closed" in closed.content.decode()

    form = adviser.get(f"/front-door/contacts/{contact.pk}/new-information").content.decode()
    assert 'value="Jo Bloggs"' in form and council.team_child.la_child_id in form
    received = timezone.localtime() - timedelta(hours=1)
    response = adviser.post(f"/front-door/contacts/{contact.pk}/new-information", contact_form(
        council, children=f"{council.unallocated.la_child_id},{council.team_child.la_child_id}",
        **{"received_at-day": str(received.day), "received_at-month": str(received.month),
           "received_at-year": str(received.year), "received_at-time": f"{received:%H:%M}"}))
    linked = Contact.objects.exclude(pk=contact.pk).get()
    assert response["Location"] == f"/front-door/contacts/{linked.pk}"
    assert linked.previous == contact and linked.first_received_at == contact.first_received_at
    assert linked.decision_due_at == contact.decision_due_at
    page = adviser.get(f"/front-door/contacts/{linked.pk}").content.decode()
    assert "Linked contacts" in page and contact.reference in page


def test_a_contact_is_seen_only_by_front_door_staff_managers_and_those_who_see_its_children(council, record_contact):
    contact = record_contact(children=[council.allocated])
    assert client_for(council.worker).get(f"/front-door/contacts/{contact.pk}").status_code == 200
    assert client_for(council.leader).get(f"/front-door/contacts/{contact.pk}").status_code == 200
    assert client_for(council.outsider).get(f"/front-door/contacts/{contact.pk}").status_code == 404
    assert client_for(council.admin).get(f"/front-door/contacts/{contact.pk}").status_code == 403
    assert client_for(council.partner).get(f"/front-door/contacts/{contact.pk}").status_code == 404
    assert AccessEvent.objects.filter(user=council.outsider, action=AccessAction.DENIED).exists()
    assert AccessEvent.objects.filter(user=council.worker, child=council.allocated, action=AccessAction.VIEW,
                                      what="Front door contact").exists()


def test_the_family_history_shows_each_childs_chronology(council, fd_manager, record_contact):
    earlier = record_contact(children=[council.allocated], received_at=timezone.now() - timedelta(days=30))
    services.contact_decide(acting_user=fd_manager, contact_child=earlier.children.get(), outcome="no_further_action",
                            rationale="Below threshold.", details_in_order=True, consent_in_order=True)
    contact = record_contact(children=[council.allocated])
    page = client_for(council.adviser).get(f"/front-door/contacts/{contact.pk}/family-history").content.decode()
    assert f"Contact {earlier.reference}" in page and "Contact decision: No further action" in page
    assert f"Contact {contact.reference} from" not in page


def test_the_contact_page_reads_in_a_bounded_number_of_queries(council, senior, record_contact,
                                                                django_assert_max_num_queries):
    children = [council.allocated, council.unallocated, make_child(council.manager)]
    for child in children:
        record_contact(children=[child], received_at=timezone.now() - timedelta(days=40))
    contact = record_contact(children=children, adults=[("Sam", "Mother"), ("Lee", "Partner of mother")],
                             risk_indicators=["neglect", "exploitation"])
    for agency in ("Police", "GP", "School"):
        request = services.information_request_send(acting_user=council.adviser, contact=contact, agency=agency,
                                                     asked="What do you know?")
        services.information_request_answer(acting_user=council.adviser, request=request, answer="Known to us.")
    for kind in (AdviceKind.SCREENING_NOTE, AdviceKind.CATE, AdviceKind.POLICE_TRIAGE):
        services.advice_record(acting_user=council.adviser, contact=contact, kind=kind, text="Noted.")
    services.advice_record(acting_user=senior, contact=contact, kind=AdviceKind.SENIOR_SOCIAL_WORKER, text="Advice.")
    client = client_for(senior)
    client.get(f"/front-door/contacts/{contact.pk}")
    with django_assert_max_num_queries(25):
        response = client.get(f"/front-door/contacts/{contact.pk}")
    assert response.status_code == 200 and response.content.decode().count("Re-contact: 1 other contact") == 3


@pytest.mark.parametrize("sent", ["²", "٣", "9" * 30])
def test_a_chosen_record_that_is_not_plain_digits_is_not_found_not_a_server_error(council, record_contact, sent):
    contact = record_contact(children=[DescribedChild(name="Una Unallocated", date_of_birth=date(2015, 1, 1))])
    row = contact.children.get()
    response = client_for(council.adviser).post(f"/front-door/contacts/{contact.pk}/children/{row.pk}/match",
                                                {f"match-{row.pk}-child": sent})
    assert response.status_code == 404
    row.refresh_from_db()
    assert row.child is None
