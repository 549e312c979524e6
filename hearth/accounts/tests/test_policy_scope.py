"""The access policy's answers past a child's own page: children on contacts, family networks, managers' team scope,
what every attempt leaves in the log, and roles that see only what they may do."""

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from conftest import allocate, client_for, make_child, make_user
from hearth.accounts import policy
from hearth.accounts.models import AccessAction, AccessEvent, AccessGrant
from hearth.accounts.roles import RoleCode
from hearth.accounts.services import break_glass_open
from hearth.casework.models import Allocation, CaseNote
from hearth.casework.services import allocation_start
from hearth.front_door import services as front_door
from hearth.front_door.models import Channel, ConsentNotApplicableReason, ConsentStatus, Contact
from hearth.front_door.outcomes import NO_FURTHER_ACTION
from hearth.people.models import Relationship, RelationshipKind
from hearth.reference.codes import ReferralSource


def record_contact(council, children, by=None) -> Contact:
    return front_door.contact_record(acting_user=by or council.adviser, children=children, contact=Contact(
        received_at=timezone.now() - timedelta(hours=1), channel=Channel.PHONE, referrer_name="Jo Bloggs",
        referrer_agency="Oakfield Primary School", source=ReferralSource.SCHOOLS, concern="Worried about the family.",
        consent=ConsentStatus.NOT_APPLICABLE, consent_not_applicable_reason=ConsentNotApplicableReason.PARENT_MADE_CONTACT))


@pytest.fixture
def siblings(council):
    """A contact about two siblings: one allocated to the other safeguarding team, one restricted with a case note."""
    sibling = make_child(council.manager, first_name="Sian", last_name="Sibling")
    allocate(sibling, council.other_team, council.outsider, council.manager)
    CaseNote.objects.create(child=council.restricted, author=council.worker, kind="visit", title="Secret visit note",
                            body="Only for those granted.", occurred_at=timezone.now() - timedelta(days=3))
    contact = record_contact(council, [sibling, council.restricted])
    return sibling, contact


# 1. One policy for a contact and every child on it ------------------------------------------------------------------


def test_a_worker_who_sees_one_sibling_sees_the_other_on_the_contact_as_a_child_they_do_not_have_access_to(
        council, siblings):
    sibling, contact = siblings
    client = client_for(council.outsider)
    page = client.get(f"/front-door/contacts/{contact.pk}").content.decode()
    assert sibling.full_name in page
    assert "Rhys" not in page and council.restricted.la_child_id not in page and "Restricted" not in page
    assert policy.HIDDEN_CHILD in page
    refused = AccessEvent.objects.filter(user=council.outsider, child=council.restricted, action=AccessAction.DENIED)
    assert refused.exists()
    assert AccessEvent.objects.filter(user=council.outsider, child=sibling, action=AccessAction.VIEW).exists()


def test_the_family_history_of_a_contact_leaves_out_the_chronology_of_a_child_the_user_may_not_see(council, siblings):
    _, contact = siblings
    response = client_for(council.outsider).get(f"/front-door/contacts/{contact.pk}/family-history")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Secret visit note" not in page and "Rhys" not in page
    # The restricted child's own chronology is refused too, as before.
    assert client_for(council.outsider).get(f"/children/{council.restricted.pk}/chronology").status_code == 404


def test_the_front_door_sees_a_restricted_child_on_its_own_contact_only_with_a_grant(council, siblings):
    sibling, contact = siblings
    page = client_for(council.adviser).get(f"/front-door/contacts/{contact.pk}").content.decode()
    assert sibling.full_name in page and "Rhys" not in page and policy.HIDDEN_CHILD in page
    AccessGrant.objects.create(user=council.adviser, child=council.restricted, reason="Screening", granted_by=council.leader)
    page = client_for(council.adviser).get(f"/front-door/contacts/{contact.pk}").content.decode()
    assert "Rhys" in page


def test_a_contact_about_no_child_the_user_may_see_is_not_found_and_each_refusal_is_logged(council, siblings):
    _, contact = siblings
    assert client_for(council.colleague).get(f"/front-door/contacts/{contact.pk}").status_code == 404
    refused = AccessEvent.objects.filter(user=council.colleague, action=AccessAction.DENIED)
    assert set(refused.exclude(child=None).values_list("child_id", flat=True)) == {siblings[0].pk, council.restricted.pk}


# 2. Managers act within their teams ----------------------------------------------------------------------------------


def test_a_manager_outside_the_front_door_cannot_read_its_pages_or_decide_its_contacts(council):
    contact = record_contact(council, [council.unallocated])
    client = client_for(council.manager)
    assert client.get("/front-door/").status_code == 403
    assert client.get("/front-door/consultations/").status_code == 403
    assert client.get(f"/front-door/contacts/{contact.pk}").status_code == 404
    assert client.get(f"/front-door/contacts/{contact.pk}/family-history").status_code == 404
    with pytest.raises(PermissionDenied):
        front_door.contact_decide(acting_user=council.manager, contact_child=contact.children.get(),
                                  outcome=NO_FURTHER_ACTION.code, rationale="Closing it", details_in_order=True,
                                  consent_in_order=True)
    assert Contact.objects.get(pk=contact.pk).closed_at is None


def test_a_manager_sees_a_contact_about_a_child_their_team_works_with_but_cannot_decide_it(council, fd_manager):
    contact = record_contact(council, [council.allocated])
    page = client_for(council.manager).get(f"/front-door/contacts/{contact.pk}").content.decode()
    assert council.allocated.full_name in page and "Record the decision" not in page
    page = client_for(fd_manager).get(f"/front-door/contacts/{contact.pk}").content.decode()
    assert "Record the decision" in page


def test_only_a_manager_of_the_front_door_team_that_holds_a_contact_decides_it(council, fd_manager):
    other_front_door = council.front_door.__class__.objects.create(name="Out of hours front door",
                                                                   service_area=council.front_door.service_area)
    other_manager = make_user("othermanager", RoleCode.TEAM_MANAGER, team=other_front_door, manages=True)
    contact = record_contact(council, [council.unallocated])
    row = contact.children.get()
    with pytest.raises(PermissionDenied):
        front_door.contact_decide(acting_user=other_manager, contact_child=row, outcome=NO_FURTHER_ACTION.code,
                                  rationale="Not ours", details_in_order=True, consent_in_order=True)
    front_door.contact_decide(acting_user=fd_manager, contact_child=row, outcome=NO_FURTHER_ACTION.code,
                              rationale="No concerns once checked", details_in_order=True, consent_in_order=True)


def test_allocating_needs_to_manage_the_receiving_team_or_the_childs_current_team(council):
    other_manager = make_user("othermanager", RoleCode.TEAM_MANAGER, team=council.other_team, manages=True)
    today = timezone.localdate()
    # The current team's manager may hand the child to another team.
    allocation_start(acting_user=council.manager, child=council.team_child, team=council.other_team, worker=None,
                     started_on=today, reason="Transfer")
    # A member of a team who does not manage it may not allocate to it.
    member = make_user("member", RoleCode.TEAM_MANAGER, team=council.team)
    with pytest.raises(PermissionDenied):
        allocation_start(acting_user=member, child=council.allocated, team=council.team, worker=None, started_on=today)
    # The new team's manager now may; the old team's manager may no longer.
    allocation_start(acting_user=other_manager, child=council.team_child, team=council.other_team,
                     worker=council.outsider, started_on=today)
    with pytest.raises(PermissionDenied):
        allocation_start(acting_user=council.manager, child=council.team_child, team=council.team, worker=None,
                         started_on=today)


def test_emergency_access_never_enables_an_allocation(council):
    break_glass_open(acting_user=council.manager, la_child_id=council.unallocated.la_child_id,
                     reason="Police called out of hours about this child")
    client = client_for(council.manager)
    assert client.get(f"/children/{council.unallocated.pk}/").status_code == 200
    page = client.get(f"/children/{council.unallocated.pk}/allocate").content.decode()
    assert council.team.name not in page  # no team to choose
    response = client.post(f"/children/{council.unallocated.pk}/allocate", {
        "team": council.team.pk, "started_on-day": date.today().day, "started_on-month": date.today().month,
        "started_on-year": date.today().year, "reason": "Make it permanent"})
    assert response.status_code in (200, 400, 403)
    with pytest.raises(PermissionDenied):
        allocation_start(acting_user=council.manager, child=council.unallocated, team=council.team, worker=None,
                         started_on=timezone.localdate())
    assert not Allocation.objects.filter(child=council.unallocated).exists()


# 3. Restricted children are never named --------------------------------------------------------------------------


def test_a_restricted_sibling_is_not_named_in_a_family_network(council):
    Relationship.objects.create(person=council.restricted, relative=council.allocated, kind=RelationshipKind.SIBLING,
                                recorded_by=council.manager)
    page = client_for(council.leader).get(f"/children/{council.allocated.pk}/").content.decode()
    assert "Rhys" not in page and council.restricted.la_child_id not in page
    assert policy.HIDDEN_CHILD in page and f"/children/{council.restricted.pk}/" not in page


def test_a_sibling_the_user_may_not_open_is_not_named_or_linked_in_a_family_network(council):
    Relationship.objects.create(person=council.unallocated, relative=council.allocated, kind=RelationshipKind.SIBLING,
                                recorded_by=council.manager)
    worker_page = client_for(council.worker).get(f"/children/{council.allocated.pk}/").content.decode()
    assert "Unallocated" not in worker_page and policy.HIDDEN_CHILD in worker_page
    leader_page = client_for(council.leader).get(f"/children/{council.allocated.pk}/").content.decode()
    assert f'href="/children/{council.unallocated.pk}/"' in leader_page


# 14. Every attempt on a child's record is recorded against the child ----------------------------------------------


def test_a_refused_view_is_recorded_against_the_child_and_shown_on_seen_by(council):
    assert client_for(council.outsider).get(f"/children/{council.allocated.pk}/").status_code == 404
    assert AccessEvent.objects.filter(user=council.outsider, child=council.allocated, action=AccessAction.DENIED).exists()
    page = client_for(council.manager).get(f"/children/{council.allocated.pk}/seen-by").content.decode()
    assert "Outsider Tester" in page and "Refused" in page


def test_each_child_a_search_found_is_recorded_against_that_child(council):
    client_for(council.worker).get("/children/", {"text": "Allocated"})
    found = AccessEvent.objects.get(user=council.worker, action=AccessAction.FOUND)
    assert found.child == council.allocated and found.detail == "Allocated"
    page = client_for(council.manager).get(f"/children/{council.allocated.pk}/seen-by").content.decode()
    assert "Found in search" in page


def test_a_page_refused_for_a_read_only_role_is_logged_as_refused_not_viewed(council):
    client = client_for(council.inspector)
    assert client.get(f"/children/{council.allocated.pk}/details").status_code == 403
    assert client.get(f"/children/{council.allocated.pk}/case-notes/new").status_code == 403
    events = AccessEvent.objects.filter(user=council.inspector, child=council.allocated)
    assert set(events.values_list("action", flat=True)) == {AccessAction.DENIED}


def test_a_partners_refused_attempt_is_logged_against_the_child(council):
    assert client_for(council.partner).get(f"/children/{council.allocated.pk}/chronology").status_code == 404
    event = AccessEvent.objects.get(user=council.partner)
    assert event.action == AccessAction.DENIED and event.child == council.allocated
    assert event.detail == f"/children/{council.allocated.pk}/chronology"


# 15. Each role is shown only what it may do -----------------------------------------------------------------------


def test_a_senior_leader_reads_the_front_door_without_buttons_to_record(council):
    page = client_for(council.leader).get("/front-door/").content.decode()
    assert "Record a contact" not in page and "Record a consultation" not in page
    page = client_for(council.adviser).get("/front-door/").content.decode()
    assert "Record a contact" in page


def test_an_analyst_sees_the_figures_and_the_contacts_behind_them_but_no_childs_record(council):
    record_contact(council, [council.allocated])
    client = client_for(council.analyst)
    assert client.get("/front-door/performance").status_code == 200
    today = timezone.localdate()
    listing = client.get("/front-door/performance/contacts", {
        "from": (today - timedelta(days=7)).isoformat(), "to": today.isoformat(), "basis": "received"})
    assert listing.status_code == 200
    page = listing.content.decode()
    assert "Amara" not in page and 'href="/front-door/contacts/' not in page
    assert client.get(f"/children/{council.allocated.pk}/").status_code == 404
    assert client.get("/children/", {"text": "Allocated"}).status_code == 403


def test_the_demo_has_a_front_door_team_manager():
    from hearth.seed.generator import DEMO_USERS

    assert ("demo.front.door.manager", RoleCode.TEAM_MANAGER, "Family Connect") in DEMO_USERS


# No access decision outside the policy module ---------------------------------------------------------------------

HEARTH = Path(__file__).resolve().parents[2]
# What deciding access looks like: reading a user's roles, filtering on restriction or on who manages a team, or the
# role properties the policy replaced. (Administration edits roles and memberships as data; that is not deciding.)
DECIDING = re.compile(r"\.role_codes\b|has_role\(|is_restricted=(True|False)|\.filter\([^)]*manages=True"
                      r"|may_write_cases|works_with_cases\b(?!\()|is_manager\b(?!\()")
ALLOWED = {"accounts/policy.py", "accounts/models.py", "accounts/roles.py"}


def test_no_module_outside_the_policy_decides_access():
    offenders = []
    for path in sorted(HEARTH.rglob("*")):
        relative = path.relative_to(HEARTH).as_posix()
        if path.suffix not in {".py", ".html"} or relative in ALLOWED:
            continue
        if "/tests/" in f"/{relative}" or "/migrations/" in relative or relative.startswith("seed/"):
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if DECIDING.search(line) and "policy." not in line:
                offenders.append(f"{relative}:{number}: {line.strip()}")
    assert offenders == []
