"""Involvements: someone working with a child beside the allocated worker, seen by the policy like the allocation."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from conftest import client_for, make_user
from hearth.accounts import policy
from hearth.accounts.models import AccessGrant, AuditEvent, ServiceArea, Team
from hearth.accounts.roles import RoleCode
from hearth.casework.models import Involvement, InvolvementRole
from hearth.casework.services import involvement_end, involvement_start


@pytest.fixture
def iro(council):
    service = Team.objects.create(name="IRO Service", service_area=ServiceArea.IRO_SERVICE)
    return make_user("iro", RoleCode.IRO, team=service)


def test_a_current_involvement_sees_the_child_as_the_allocated_worker_does_and_an_ended_one_does_not(council, iro):
    child = council.allocated
    assert not policy.can_view_child(iro, child)
    today = timezone.localdate()
    involvement = involvement_start(acting_user=council.manager, child=child, worker=iro, role=InvolvementRole.IRO,
                                    started_on=today - timedelta(days=10), reason="Child protection conference chair")
    assert policy.can_view_child(iro, child)
    assert client_for(iro).get(f"/children/{child.pk}/").status_code == 200
    assert client_for(iro).get("/")["Location"] == "/my-work"
    caseload = client_for(iro).get("/my-work/caseload").content.decode()
    assert child.full_name in caseload and "Independent reviewing officer" in caseload
    involvement_end(acting_user=council.manager, involvement=involvement, ended_on=today, reason="Plan ended")
    assert not policy.can_view_child(iro, child)
    assert client_for(iro).get(f"/children/{child.pk}/").status_code == 404
    involvement.refresh_from_db()
    assert involvement.history.first().history_user == council.manager
    assert AuditEvent.objects.filter(verb="involvement.end", child=child).exists()


def test_an_involvement_never_reaches_a_restricted_child_without_a_grant(council, iro):
    AccessGrant.objects.create(user=council.manager, child=council.restricted, reason="Manages the case",
                               granted_by=council.leader)
    involvement_start(acting_user=council.manager, child=council.restricted, worker=iro, role=InvolvementRole.IRO,
                      started_on=timezone.localdate())
    assert not policy.can_view_child(iro, council.restricted)
    AccessGrant.objects.create(user=iro, child=council.restricted, reason="Chairs the conference",
                               granted_by=council.leader)
    assert policy.can_view_child(iro, council.restricted)


def test_only_a_manager_of_the_childs_team_or_the_workers_team_adds_an_involvement(council, iro):
    with pytest.raises(PermissionDenied):
        involvement_start(acting_user=council.worker, child=council.allocated, worker=iro, role=InvolvementRole.IRO,
                          started_on=timezone.localdate())
    other_manager = make_user("othermanager", RoleCode.TEAM_MANAGER, team=council.other_team, manages=True)
    with pytest.raises(PermissionDenied):
        involvement_start(acting_user=other_manager, child=council.allocated, worker=iro, role=InvolvementRole.IRO,
                          started_on=timezone.localdate())


def test_an_involvement_refuses_a_future_start_a_reader_and_an_end_before_its_start(council, iro):
    today = timezone.localdate()
    with pytest.raises(ValidationError) as refused:
        involvement_start(acting_user=council.manager, child=council.allocated, worker=council.inspector,
                          role=InvolvementRole.OTHER, started_on=today + timedelta(days=1))
    assert set(refused.value.message_dict) == {"worker", "started_on"}
    involvement = involvement_start(acting_user=council.manager, child=council.allocated, worker=iro,
                                    role=InvolvementRole.IRO, started_on=today)
    with pytest.raises(ValidationError) as refused:
        involvement_end(acting_user=council.manager, involvement=involvement, ended_on=today - timedelta(days=1),
                        reason="")
    assert set(refused.value.message_dict) == {"ended_on", "reason"}
    assert Involvement.objects.get().ended_on is None


def test_a_manager_adds_and_ends_an_involvement_from_the_childs_record(council, iro):
    client = client_for(council.manager)
    page = client.get(f"/children/{council.allocated.pk}/").content.decode()
    assert f"/children/{council.allocated.pk}/involvements/new" in page
    today = timezone.localdate()
    response = client.post(f"/children/{council.allocated.pk}/involvements/new", {
        "worker": iro.pk, "role": InvolvementRole.IRO, "started_on-day": today.day, "started_on-month": today.month,
        "started_on-year": today.year, "reason": "Chairs the reviews"})
    assert response.status_code == 302
    involvement = Involvement.objects.get()
    page = client.get(f"/children/{council.allocated.pk}/").content.decode()
    assert "Iro Tester, independent reviewing officer" in page
    response = client.post(f"/children/{council.allocated.pk}/involvements/{involvement.pk}/end", {
        "ended_on-day": today.day, "ended_on-month": today.month, "ended_on-year": today.year, "reason": ""})
    assert response.status_code == 200 and 'id="reason-error"' in response.content.decode().replace("id_reason", "reason")
    assert Involvement.objects.get().ended_on is None
    response = client.post(f"/children/{council.allocated.pk}/involvements/{involvement.pk}/end", {
        "ended_on-day": today.day, "ended_on-month": today.month, "ended_on-year": today.year, "reason": "Case closed"})
    assert response.status_code == 302
    assert Involvement.objects.get().end_reason == "Case closed"


# Correcting a case note --------------------------------------------------------------------------------------------


def test_the_author_corrects_a_case_note_and_its_history_keeps_the_first_wording(council):
    from hearth.casework.models import CaseNote

    note = CaseNote.objects.create(child=council.allocated, author=council.worker, kind="visit", title="Home visit",
                                   body="Saw Amara at home.", occurred_at=timezone.now() - timedelta(days=1))
    client = client_for(council.worker)
    page = client.get(f"/children/{council.allocated.pk}/case-notes/{note.pk}").content.decode()
    assert "Correct this note" in page
    form = client.get(f"/children/{council.allocated.pk}/case-notes/{note.pk}/correct")
    assert form.status_code == 200 and "Saw Amara at home." in form.content.decode()
    when = timezone.localtime(note.occurred_at)
    data = {"kind": "visit", "occurred_at-day": when.day, "occurred_at-month": when.month,
            "occurred_at-year": when.year, "occurred_at-time": f"{when:%H:%M}", "title": "Home visit",
            "body": "Saw Amara at home with her mother.", "version": note.version}
    assert client.post(f"/children/{council.allocated.pk}/case-notes/{note.pk}/correct", data).status_code == 302
    note.refresh_from_db()
    assert note.body == "Saw Amara at home with her mother." and note.version == 2
    assert AuditEvent.objects.filter(verb="case_note.correct", child=council.allocated).exists()
    # A second correction from the same stale page is shown beside the first, not saved over it.
    stale = client.post(f"/children/{council.allocated.pk}/case-notes/{note.pk}/correct",
                        {**data, "body": "Saw Amara.", "version": 1})
    assert stale.status_code == 409 and "Saw Amara at home with her mother." in stale.content.decode()
    note.refresh_from_db()
    assert note.body == "Saw Amara at home with her mother."
    # A colleague who did not write it, and is no manager, may not correct it.
    assert client_for(council.colleague).get(
        f"/children/{council.allocated.pk}/case-notes/{note.pk}/correct").status_code == 403
