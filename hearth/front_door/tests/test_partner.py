"""Online referrals from partner agencies: consent first, a reference, their own submissions and a status only."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

import hearth.front_door.navigation_partner  # noqa: F401  (registers the partners' menu)
from conftest import client_for, make_user
from hearth.accounts.roles import RoleCode
from hearth.children_in_need.models import Referral
from hearth.front_door import services
from hearth.front_door.models import Channel, ConsentDispensedReason, ConsentStatus, Contact

RATIONALE = "Rationale-7f3a: the threshold for a statutory assessment is met"
FAMILY_TOLD = "Told-9c2e: mother told by phone"


def referral_form(**changes):
    data = {
        "consent": "obtained", "consent_from": "Sam Example (mother)", "consent_how": "In person at the station",
        "referrer_name": "PC Jo Bloggs", "referrer_phone": "01632 960 555", "source": "6",
        "child_1_name": "Kai Example", "child_1_dob-day": "1", "child_1_dob-month": "6", "child_1_dob-year": "2018",
        "child_1_address": "12 Kiln Lane, Wrekinford WF1 2AB",
        "child_2_name": "Mia Example",
        "adult_1_name": "Sam Example", "adult_1_relationship": "Mother",
        "concern": "Called to a domestic incident at the home; both children were present and Kai was crying.",
        "risk_indicators": ["domestic_abuse"],
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def other_partner(council):
    return make_user("teacher", RoleCode.PARTNER, agency="Hollowmere Primary School")


def submit(client, **changes):
    response = client.post("/partner/new", referral_form(**changes))
    assert response.status_code == 302, response.content.decode()[:3000]
    return Contact.objects.order_by("-pk").first(), response


def test_the_form_asks_about_consent_first_and_says_when_to_call_instead(council):
    page = client_for(council.partner).get("/partner/new").content.decode()
    assert "call 999" in page and "01632 960 000" in page
    assert page.index("Does the family know about this referral") < page.index("About you") < page.index("The children")
    assert 'value="Partner Tester"' in page  # the referrer's name, prefilled
    assert '<option value="6" selected' in page  # police, from the agency
    assert 'value="1A"' not in page  # members of the public do not use this form


def test_a_partner_submission_arrives_in_the_queue_as_an_online_contact(council):
    client = client_for(council.partner)
    contact, response = submit(client)
    assert response["Location"] == f"/partner/{contact.pk}"
    assert contact.channel == Channel.ONLINE
    assert contact.submitted_by == council.partner and contact.recorded_by == council.partner
    assert abs(contact.received_at - timezone.now()) < timedelta(seconds=30)
    assert contact.first_received_at == contact.received_at and contact.closed_at is None
    assert contact.team == council.front_door
    assert contact.referrer_agency == "Wrekinshire Police" and contact.source == "6"
    assert contact.consent == ConsentStatus.OBTAINED and contact.consent_from == "Sam Example (mother)"
    assert contact.risk_indicators == ["domestic_abuse"]
    rows = list(contact.children.order_by("pk"))
    assert [(r.described_name, r.child_id) for r in rows] == [("Kai Example", None), ("Mia Example", None)]
    assert rows[0].described_address == "12 Kiln Lane, Wrekinford WF1 2AB"
    assert [(a.name, a.relationship) for a in contact.adults.all()] == [("Sam Example", "Mother")]
    assert contact.reference.startswith("FD") and contact.reference.endswith(f"{contact.pk:06d}")
    page = client.get(response["Location"]).content.decode()
    assert f"Your reference is {contact.reference}" in page
    assert contact.reference in page and "Received" in page and "Kai Example" in page
    queue = client_for(council.adviser).get("/front-door/").content.decode()
    assert contact.reference in queue


def test_consent_not_sought_waits_for_a_front_door_managers_confirmation_before_a_decision(council, fd_manager):
    client = client_for(council.partner)
    contact, _ = submit(client, consent="dispensed", consent_from=None, consent_how=None,
                        consent_dispensed_reason=ConsentDispensedReason.POLICE_INVESTIGATION, child_2_name=None)
    assert contact.consent == ConsentStatus.DISPENSED
    assert contact.consent_dispensed_reason == ConsentDispensedReason.POLICE_INVESTIGATION
    assert contact.consent_dispensed_asked is None and contact.consent_dispensed_confirmed_at is None
    row = contact.children.get()
    services.contact_child_link(acting_user=council.adviser, contact_child=row, child=council.unallocated)
    with pytest.raises(ValidationError, match="confirm dispensing with consent"):
        services.contact_decide(acting_user=fd_manager, contact_child=row, outcome="information_and_advice",
                                rationale="Advice to the police", details_in_order=True, consent_in_order=True)
    services.contact_consent_dispensing_confirm(acting_user=fd_manager, contact=contact)
    services.contact_decide(acting_user=fd_manager, contact_child=row, outcome="information_and_advice",
                            rationale="Advice to the police", details_in_order=True, consent_in_order=True)
    contact.refresh_from_db()
    assert contact.consent_dispensed_confirmed_by == fd_manager and contact.closed_at is not None


def test_a_partner_sees_only_their_own_submissions(council, other_partner):
    mine, _ = submit(client_for(council.partner))
    theirs, _ = submit(client_for(other_partner), child_1_name="Zed Other", child_2_name=None, source="2A")
    listing = client_for(council.partner).get("/partner/").content.decode()
    assert mine.reference in listing and theirs.reference not in listing and "Zed Other" not in listing
    assert client_for(council.partner).get(f"/partner/{theirs.pk}").status_code == 404
    assert client_for(other_partner).get(f"/partner/{mine.pk}").status_code == 404
    assert client_for(other_partner).get(f"/partner/{theirs.pk}").status_code == 200
    assert client_for(council.partner).get("/partner/999999").status_code == 404


def test_the_status_becomes_decision_made_without_showing_the_decision(council, fd_manager):
    client = client_for(council.partner)
    contact, _ = submit(client)
    first, second = contact.children.order_by("pk")
    services.contact_child_link(acting_user=council.adviser, contact_child=first, child=council.unallocated)
    services.contact_child_link(acting_user=council.adviser, contact_child=second, child=council.team_child)
    services.contact_decide(acting_user=fd_manager, contact_child=first, outcome="referral", rationale=RATIONALE,
                            details_in_order=True, consent_in_order=True, family_told=FAMILY_TOLD)
    assert "Received" in client.get(f"/partner/{contact.pk}").content.decode()
    assert "Decision made" not in client.get("/partner/").content.decode()
    second.refresh_from_db()
    services.contact_decide(acting_user=fd_manager, contact_child=second, outcome="no_further_action",
                            rationale=RATIONALE, details_in_order=True, consent_in_order=True, family_told=FAMILY_TOLD)
    assert Referral.objects.filter(contact_child=first).exists()
    pages = [client.get("/partner/").content.decode(), client.get(f"/partner/{contact.pk}").content.decode()]
    for page in pages:
        assert "Decision made" in page
        for secret in (RATIONALE, FAMILY_TOLD, "Referral to children's social care", "No further action",
                       "fdmanager", "Fdmanager", council.unallocated.la_child_id, council.team_child.la_child_id):
            assert secret not in page, secret


def test_a_partner_reaches_nothing_but_their_own_submissions(council, other_partner):
    theirs, _ = submit(client_for(other_partner), child_2_name=None)
    staff_contact, _ = submit(client_for(other_partner), child_2_name=None)
    client = client_for(council.partner)
    response = client.get("/")
    assert response.status_code == 302 and response["Location"] == "/partner/"
    for url in ("/children/", f"/children/{council.allocated.pk}/", "/children/new", "/front-door/",
                "/front-door/consultations/", f"/front-door/contacts/{staff_contact.pk}", "/front-door/performance",
                "/timescales/", "/admin/", "/admin/accounts/user/", f"/partner/{theirs.pk}"):
        assert client.get(url).status_code in (403, 404), url
    page = client.get("/partner/").content.decode()
    assert "Your referrals" in page and "Make a referral" in page
    assert "Find a child" not in page and "My caseload" not in page


def test_staff_do_not_use_the_partners_pages(council):
    for user in (council.adviser, council.manager, council.admin):
        assert client_for(user).get("/partner/").status_code == 403
        assert client_for(user).get("/partner/new").status_code == 403
    assert "Make a referral" not in client_for(council.adviser).get("/", follow=True).content.decode()


@pytest.mark.parametrize(("changes", "field_id", "message", "kept"), [
    ({"child_1_name": None, "child_1_dob-day": None, "child_1_dob-month": None, "child_1_dob-year": None,
      "child_1_address": None, "child_2_name": None},
     "id_child_1_name", "Add at least one child: enter the child&#39;s full name", "Called to a domestic incident"),
    ({"concern": ""}, "id_concern", "Enter what you are worried about", 'value="Kai Example"'),
    ({"consent": None}, "id_consent", "Select whether the family agrees to this referral", 'value="01632 960 555"'),
    ({"consent_from": ""}, "id_consent_from", "Enter who agreed to the referral", 'value="Mia Example"'),
    ({"consent": "dispensed"}, "id_consent_dispensed_reason", "Select why you did not ask the family",
     "Called to a domestic incident"),
    ({"child_1_name": ""}, "id_child_1_name", "Enter the child&#39;s full name", 'value="12 Kiln Lane'),
])
def test_the_form_keeps_what_was_typed_and_shows_errors_beside_the_fields(council, changes, field_id, message, kept):
    response = client_for(council.partner).post("/partner/new", referral_form(**changes))
    page = response.content.decode()
    assert response.status_code == 200
    assert Contact.objects.count() == 0
    assert "There is a problem" in page and f'href="#{field_id}"' in page
    assert f'id="{field_id}-error"' in page and message in page
    assert kept in page
    assert "<title>Error:" in page
