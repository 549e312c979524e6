"""The access policy, role by role, against allocated, team, unallocated and restricted children."""

import pytest

from conftest import client_for, make_child
from hearth.accounts import policy
from hearth.accounts.models import AccessAction, AccessEvent, AccessGrant

# For each user in the fixture council: which children they may see.
EXPECTED = {
    "worker": {"allocated", "team"},
    "colleague": {"allocated", "team"},
    "outsider": set(),
    "manager": {"allocated", "team"},
    "adviser": set(),
    "leader": {"allocated", "team", "unallocated"},
    "analyst": set(),  # figures, not case files
    "inspector": {"allocated", "team", "unallocated"},
    "partner": set(),
    "admin": set(),
}
CASES = [(user, child) for user in EXPECTED for child in ("allocated", "team", "unallocated", "restricted")]


@pytest.mark.parametrize(("username", "which"), CASES)
def test_viewing_a_record_follows_the_policy_and_is_logged(council, username, which):
    user, child = getattr(council, username), council.children[which]
    response = client_for(user).get(f"/children/{child.pk}/")
    if which in EXPECTED[username]:
        assert response.status_code == 200
        assert AccessEvent.objects.filter(user=user, child=child, action=AccessAction.VIEW).exists()
    else:
        assert response.status_code in (403, 404)
        assert not AccessEvent.objects.filter(user=user, child=child, action=AccessAction.VIEW).exists()


@pytest.mark.parametrize(("username", "which"), CASES)
def test_search_finds_only_children_the_user_may_see(council, username, which):
    user, child = getattr(council, username), council.children[which]
    response = client_for(user).get("/children/", {"text": child.last_name})
    if policy.works_with_cases(user):
        assert response.status_code == 200
        assert (child.la_child_id in response.content.decode()) == (which in EXPECTED[username])
        assert AccessEvent.objects.filter(user=user, action=AccessAction.SEARCH, detail=child.last_name).exists()
    else:
        assert response.status_code in (403, 404)  # 404 for a partner, confined to their referrals


@pytest.mark.parametrize(("username", "which"), CASES)
def test_exporting_a_chronology_follows_the_policy_and_is_logged(council, username, which):
    user, child = getattr(council, username), council.children[which]
    response = client_for(user).get(f"/children/{child.pk}/chronology.csv")
    exported = AccessEvent.objects.filter(user=user, child=child, action=AccessAction.EXPORT)
    if which in EXPECTED[username]:
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/csv")
        assert exported.count() == 1
    else:
        assert response.status_code == 404
        assert not exported.exists()


def test_a_record_you_may_not_see_is_indistinguishable_from_one_that_does_not_exist(council):
    client = client_for(council.outsider)
    hidden = client.get(f"/children/{council.allocated.pk}/")
    missing = client.get("/children/999999/")
    assert hidden.status_code == missing.status_code == 404
    assert hidden.content == missing.content
    denied = AccessEvent.objects.filter(user=council.outsider, action=AccessAction.DENIED)
    assert denied.count() == 2


def test_a_restricted_record_needs_an_explicit_grant_even_for_the_allocated_worker(council):
    client = client_for(council.worker)
    assert client.get(f"/children/{council.restricted.pk}/").status_code == 404
    AccessGrant.objects.create(user=council.worker, child=council.restricted, reason="Allocated worker",
                               granted_by=council.manager)
    assert client.get(f"/children/{council.restricted.pk}/").status_code == 200
    assert council.restricted.la_child_id in client.get("/children/", {"text": "Restricted"}).content.decode()


def test_a_revoked_grant_hides_the_restricted_record_again(council):
    from django.utils import timezone

    grant = AccessGrant.objects.create(user=council.leader, child=council.restricted, reason="Audit",
                                       granted_by=council.manager)
    client = client_for(council.leader)
    assert client.get(f"/children/{council.restricted.pk}/").status_code == 200
    grant.revoked_at = timezone.now()
    grant.save()
    assert client.get(f"/children/{council.restricted.pk}/").status_code == 404


def test_an_ended_allocation_no_longer_gives_access(council):
    from datetime import date

    allocation = council.allocated.allocations.get()
    allocation.ended_on = date(2024, 6, 1)
    allocation.save()
    assert client_for(council.worker).get(f"/children/{council.allocated.pk}/").status_code == 404


def test_the_duplicate_check_never_reveals_a_restricted_record(council):
    # A visible child with the same first name and birth date, so the check has a match to show beside the hidden one.
    visible = make_child(council.manager, first_name=council.restricted.first_name, last_name="Visible")
    response = client_for(council.manager).post("/children/new", {
        "first_name": council.restricted.first_name, "last_name": council.restricted.last_name,
        "date_of_birth-day": "1", "date_of_birth-month": "1", "date_of_birth-year": "2015",
        "sex": "M", "ethnicity": "WBRI", "team": council.team.pk,
    })
    page = response.content.decode()
    assert response.status_code == 200 and "This child may already have a record" in page
    assert visible.la_child_id in page
    assert council.restricted.la_child_id not in page


def test_readers_cannot_write_to_a_record_they_can_see(council):
    client = client_for(council.inspector)
    assert client.get(f"/children/{council.allocated.pk}/").status_code == 200
    assert client.get(f"/children/{council.allocated.pk}/case-notes/new").status_code == 403
    assert client.get("/children/new").status_code == 403


def test_an_administrator_manages_users_but_sees_no_case_records(council):
    client = client_for(council.admin)
    assert client.get("/children/", {"text": "Allocated"}).status_code == 403
    assert client.get(f"/children/{council.allocated.pk}/").status_code == 404
    response = client.get("/")
    assert response.status_code == 302 and response["Location"] == "/accounts/administration/"
    assert "administration" in client.get(response["Location"]).content.decode()


def test_a_partner_reaches_no_child_record(council):
    client = client_for(council.partner)
    for url in ("/children/", f"/children/{council.allocated.pk}/", f"/children/{council.allocated.pk}/chronology",
                f"/children/{council.allocated.pk}/chronology.csv", "/children/new"):
        assert client.get(url).status_code in (403, 404), url


def test_the_caseload_leaves_out_a_restricted_child_until_the_worker_is_granted_access(council):
    client = client_for(council.worker)
    page = client.get("/my-work/caseload").content.decode()
    assert council.allocated.la_child_id in page  # the caseload itself is on the page
    assert council.restricted.la_child_id not in page
    AccessGrant.objects.create(user=council.worker, child=council.restricted, reason="Allocated worker",
                               granted_by=council.manager)
    assert council.restricted.la_child_id in client.get("/my-work/caseload").content.decode()
    assert council.allocated.la_child_id in client.get("/my-work/caseload").content.decode()
    AccessGrant.objects.create(user=council.worker, child=council.restricted, reason="Allocated worker",
                               granted_by=council.manager)
    assert council.restricted.la_child_id in client.get("/my-work/caseload").content.decode()
