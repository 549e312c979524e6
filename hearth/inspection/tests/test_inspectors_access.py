"""Inspectors' accounts: exactly the case sample while the inspection lasts, read only, every view logged,
sign-in refused and sessions ended after the last day."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from conftest import client_for
from hearth.accounts.models import AccessAction, AccessEvent
from hearth.accounts.policy import can_view_child, can_write_child, visible_children
from hearth.inspection import services
from hearth.inspection.models import SampledChild


def test_an_inspection_inspector_sees_exactly_the_sample_while_the_window_is_open(council, visiting_inspector):
    assert set(visible_children(visiting_inspector)) == {council.allocated, council.team_child}
    assert not can_view_child(visiting_inspector, council.unallocated)


def test_a_restricted_child_cannot_be_sampled_by_a_coordinator_without_a_grant(council, visit_now):
    with pytest.raises(ValidationError):
        services.sample_add(acting_user=council.leader, inspection=visit_now,
                            la_child_ids=[council.restricted.la_child_id], list_name="Children in need")


def test_a_restricted_child_in_the_sample_stays_invisible(council, visit_now, visiting_inspector):
    SampledChild.objects.create(inspection=visit_now, child=council.restricted, added_by=council.leader)
    assert not can_view_child(visiting_inspector, council.restricted)


def test_the_sample_is_invisible_once_the_window_closes(council, visiting_inspector):
    account = visiting_inspector.inspector_account
    account.closes_at = timezone.now() - timedelta(minutes=1)
    account.save()
    assert not visible_children(visiting_inspector).exists()


def test_the_sample_is_invisible_before_the_window_opens(council, visiting_inspector):
    account = visiting_inspector.inspector_account
    account.opens_at = timezone.now() + timedelta(hours=1)
    account.save()
    assert not visible_children(visiting_inspector).exists()


def test_another_inspections_sample_is_not_visible(council, visiting_inspector, inspection_2024):
    other = services.inspection_record(acting_user=council.leader, grades={}, inspection=type(inspection_2024)(
        local_authority="Wrekinshire Council", kind="focused_visit", started_on=timezone.localdate(),
        ended_on=timezone.localdate()))
    services.sample_add(acting_user=council.leader, inspection=other, la_child_ids=[council.unallocated.la_child_id],
                        list_name="Other")
    assert not can_view_child(visiting_inspector, council.unallocated)


def test_an_inspection_inspector_cannot_write(council, visiting_inspector):
    assert not can_write_child(visiting_inspector, council.allocated)
    response = client_for(visiting_inspector).post(f"/children/{council.allocated.pk}/case-notes/new", {})
    assert response.status_code == 403


def test_an_inspection_inspector_cannot_reach_the_inspection_pages_or_extend_access(council, visit_now,
                                                                                   visiting_inspector):
    client = client_for(visiting_inspector)
    assert client.get(f"/inspection/{visit_now.pk}/access").status_code == 403
    assert client.get(f"/inspection/{visit_now.pk}/change").status_code == 403
    assert client.get("/inspection/").status_code == 403


def test_every_view_by_an_inspector_is_logged_and_listed_for_the_coordinator(council, visit_now, visiting_inspector):
    client = client_for(visiting_inspector)
    assert client.get("/inspection/sample").status_code == 200
    assert client.get(f"/children/{council.allocated.pk}/").status_code == 200
    assert client.get(f"/children/{council.unallocated.pk}/").status_code == 404
    actions = list(AccessEvent.objects.filter(user=visiting_inspector).order_by("at").values_list("action", "child"))
    # The refusal is recorded against the child asked for, so it is on that child's "Seen by" page too.
    assert actions == [(AccessAction.SEARCH, None), (AccessAction.VIEW, council.allocated.pk),
                       (AccessAction.DENIED, council.unallocated.pk)]
    page = client_for(council.leader).get(f"/inspection/{visit_now.pk}/access/views").content.decode()
    assert "3 views on" in page and council.allocated.full_name in page and "Refused" in page


def sign_in(client, username):
    return client.post("/accounts/sign-in", {"username": username, "password": "a-long-test-password"})


def test_an_inspector_signs_in_during_the_inspection(council, visiting_inspector):
    client = Client()
    assert sign_in(client, "visiting").status_code == 302
    assert client.get("/")["Location"] == "/inspection/sample"
    assert "Your case sample" in client.get("/inspection/sample").content.decode()


def test_sign_in_is_refused_after_the_end_date_and_an_open_session_ends(council, visiting_inspector):
    client = Client()
    assert sign_in(client, "visiting").status_code == 302
    account = visiting_inspector.inspector_account
    account.closes_at = timezone.now() - timedelta(seconds=1)
    account.save()
    response = client.get(f"/children/{council.allocated.pk}/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/sign-in")
    response = sign_in(Client(), "visiting")
    assert response.status_code == 200 and "Enter a correct username and password" in response.content.decode()


def test_an_account_is_not_made_for_an_inspection_that_has_ended(council, inspection_2024):
    with pytest.raises(ValidationError):
        services.inspector_account_create(acting_user=council.leader, inspection=inspection_2024, first_name="Late",
                                          last_name="Inspector", email="late@ofsted.example", username="late",
                                          password="a-long-test-password")


def test_a_sample_of_an_unknown_child_is_refused_beside_the_field(council, visit_now):
    response = client_for(council.leader).post(f"/inspection/{visit_now.pk}/access", {
        "form": "sample", "list_name": "Children in care", "la_child_ids": "NOSUCH1"})
    page = response.content.decode()
    assert 'id="id_la_child_ids-error"' in page and "NOSUCH1" in page


def test_an_inspection_inspector_does_not_widen_the_service_wide_inspector_role(council, visiting_inspector):
    # The long-standing inspector role still reads every unrestricted child; the new one reads the sample only.
    assert visible_children(council.inspector).count() == 3
