"""Closure asked for by the social worker, then decided by a manager of the child's team: agreed (the episode closes
with a `cin_closure` decision) or declined with a reason that is kept. The manager's own closure still works."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conftest import client_for, make_user
from hearth.accounts.roles import RoleCode
from hearth.casework import due
from hearth.casework.models import Decision
from hearth.children_in_need import services
from hearth.children_in_need.models import ClosureRequest, Referral
from hearth.children_in_need.tests.conftest import days_ago
from hearth.timescales.selectors import council_calendar


def ask(council, referral, *, closure_date=None, reason="RC4", summary="The family no longer need a service.",
        by=None):
    return services.closure_request(acting_user=by or council.worker, referral=referral,
                                    closure_date=closure_date or timezone.localdate(), reason=reason, summary=summary)


def date_fields(name: str, day) -> dict:
    return {f"{name}-day": str(day.day), f"{name}-month": str(day.month), f"{name}-year": str(day.year)}


def test_the_worker_asks_for_closure_and_it_awaits_the_manager_of_the_childs_team(council, allocated_referral):
    asked = ask(council, allocated_referral)
    assert asked.is_awaiting and asked.requested_by == council.worker
    awaiting, _ = due.for_teams({council.team.pk}, today=timezone.localdate())
    [row] = [row for row in awaiting if row.kind == "cin_closure_request"]
    assert row.child_id == council.allocated.pk and row.due_on == timezone.localdate()
    [item] = due.items([row], today=timezone.localdate(), calendar=council_calendar)
    assert item.url.endswith(f"/closure-request/{asked.pk}/decide") and "RC4" in item.detail
    elsewhere, _ = due.for_teams({council.other_team.pk}, today=timezone.localdate())
    assert not [row for row in elsewhere if row.kind == "cin_closure_request"]
    assert not [row for row in due.for_worker(council.worker) if row.kind == "cin_closure_request"]
    # Nothing is closed by asking.
    allocated_referral.refresh_from_db()
    assert allocated_referral.is_open


def test_the_manager_agrees_and_the_episode_closes_with_a_cin_closure_decision(council, plan):
    asked = ask(council, plan.referral, closure_date=timezone.localdate(), reason="RC7")
    decided = services.closure_request_decide(acting_user=council.manager, request=asked, agree=True,
                                              rationale="The plan's aims are met.")
    referral = Referral.objects.get(pk=plan.referral.pk)
    assert decided.agreed and decided.decision == referral.closure_decision
    assert referral.closure_date == timezone.localdate() and referral.closure_reason == "RC7"
    assert decided.decision.kind == "cin_closure" and decided.decision.decided_by == council.manager
    plan.refresh_from_db()
    assert plan.ended_on == timezone.localdate()
    assert not [row for row in due.for_child(council.allocated.pk) if row.kind == "cin_closure_request"]


def test_the_manager_declines_with_a_reason_that_is_kept_and_the_episode_stays_open(council, allocated_referral):
    asked = ask(council, allocated_referral)
    with pytest.raises(ValidationError) as refused:
        services.closure_request_decide(acting_user=council.manager, request=asked, agree=False, rationale=" ")
    assert "rationale" in refused.value.message_dict
    decided = services.closure_request_decide(acting_user=council.manager, request=asked, agree=False,
                                              rationale="School attendance is still low: keep the plan going.")
    decided.refresh_from_db()
    assert decided.agreed is False and decided.decision.kind == "cin_closure_decline"
    assert decided.decision.rationale == "School attendance is still low: keep the plan going."
    allocated_referral.refresh_from_db()
    assert allocated_referral.is_open and allocated_referral.closure_decision is None
    assert not [row for row in due.for_child(council.allocated.pk) if row.kind == "cin_closure_request"]
    # A new request may follow; a decided one cannot be decided again.
    ask(council, allocated_referral)
    with pytest.raises(ValidationError):
        services.closure_request_decide(acting_user=council.manager, request=decided, agree=True, rationale="Fine.")


def test_a_closure_date_before_the_referral_is_refused_beside_the_field(council, allocated_referral):
    with pytest.raises(ValidationError) as refused:
        ask(council, allocated_referral, closure_date=allocated_referral.referral_date - timedelta(days=1))
    assert refused.value.message_dict["closure_date"] == ["The closure date must be on or after the referral date"]


def test_a_closure_date_out_of_order_is_refused_beside_the_field(council, plan):
    with pytest.raises(ValidationError) as refused:
        ask(council, plan.referral, closure_date=plan.started_on - timedelta(days=1))
    assert refused.value.message_dict["closure_date"] == ["The closure date must be on or after the plan's start date"]
    with pytest.raises(ValidationError) as refused:
        ask(council, plan.referral, closure_date=timezone.localdate() + timedelta(days=1))
    assert refused.value.message_dict["closure_date"] == ["The closure date must be today or in the past"]
    with pytest.raises(ValidationError) as refused:
        ask(council, plan.referral, reason="RC0", summary="")
    assert {"reason", "summary"} <= set(refused.value.message_dict)
    assert not ClosureRequest.objects.exists()


def test_only_one_request_awaits_at_a_time(council, allocated_referral):
    ask(council, allocated_referral)
    with pytest.raises(ValidationError) as refused:
        ask(council, allocated_referral)
    assert "already been asked for" in refused.value.message_dict["closure_date"][0]


def test_who_may_ask_and_who_may_decide(council, allocated_referral):
    with pytest.raises(PermissionDenied):
        ask(council, allocated_referral, by=council.outsider)
    asked = ask(council, allocated_referral)
    other_manager = make_user("othermanager", RoleCode.TEAM_MANAGER, team=council.other_team, manages=True)
    for user in (council.worker, other_manager):
        with pytest.raises(PermissionDenied):
            services.closure_request_decide(acting_user=user, request=asked, agree=True, rationale="Agreed.")
    assert not Decision.objects.filter(kind__startswith="cin_closure").exists()


def test_the_managers_direct_closure_still_works_and_ends_a_request_awaiting(council, allocated_referral):
    ask(council, allocated_referral)
    services.referral_close(acting_user=council.manager, referral=allocated_referral,
                            closure_date=timezone.localdate(), reason="RC8", rationale="Case transferred.")
    assert not [row for row in due.for_child(council.allocated.pk) if row.kind == "cin_closure_request"]


# The pages ---------------------------------------------------------------------------------------------------------


def test_the_worker_asks_from_the_episode_page_and_a_bad_date_keeps_what_was_typed(council, allocated_referral):
    client = client_for(council.worker)
    episode = f"/children/{council.allocated.pk}/children-in-need/{allocated_referral.pk}/"
    assert "Ask to close the episode" in client.get(episode).content.decode()
    early = allocated_referral.referral_date - timedelta(days=3)
    response = client.post(episode + "closure-request", {**date_fields("closure_date", early), "reason": "RC4",
                                                         "summary": "Family doing well now."})
    page = response.content.decode()
    assert response.status_code == 200 and "The closure date must be on or after the referral date" in page
    assert "Family doing well now." in page
    response = client.post(episode + "closure-request", {**date_fields("closure_date", days_ago(0)), "reason": "RC4",
                                                         "summary": "Family doing well now."})
    assert response.status_code == 302
    assert "Awaiting a manager" in client.get(episode).content.decode()


def test_the_manager_declines_from_the_page_within_budget(council, allocated_referral):
    asked = ask(council, allocated_referral)
    client = client_for(council.manager)
    path = f"/children/{council.allocated.pk}/children-in-need/{allocated_referral.pk}/closure-request/{asked.pk}/decide"
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(path)
    assert page.status_code == 200 and "The family no longer need a service." in page.content.decode()
    assert len(queries) <= 15, [query["sql"][:120] for query in queries]
    response = client.post(path, {"agree": "no", "rationale": ""})
    assert response.status_code == 200 and "Enter the reason for the decision" in response.content.decode()
    response = client.post(path, {"agree": "no", "rationale": "Not yet: attendance is low."})
    assert response.status_code == 302
    episode = client.get(response["Location"]).content.decode()
    assert "Declined by" in episode and "Not yet: attendance is low." in episode


def test_the_episode_page_with_a_closure_asked_for_is_within_budget_for_the_worker_and_the_manager(
        council, allocated_referral):
    ask(council, allocated_referral)
    episode = f"/children/{council.allocated.pk}/children-in-need/{allocated_referral.pk}/"
    for user, shown in ((council.worker, "Awaiting a manager"), (council.manager, "Decide")):
        client = client_for(user)
        client.get(episode)
        with CaptureQueriesContext(connection) as queries:
            page = client.get(episode).content.decode()
        assert len(queries) <= 15, (user, [query["sql"][:120] for query in queries])
        assert shown in page and "The family no longer need a service." in page


def test_access_to_the_pages_for_each_role(council, allocated_referral):
    asked = ask(council, allocated_referral)
    base = f"/children/{council.allocated.pk}/children-in-need/{allocated_referral.pk}/closure-request"
    assert client_for(council.worker).get(base).status_code == 200
    assert client_for(council.worker).get(f"{base}/{asked.pk}/decide").status_code == 403
    assert client_for(council.outsider).get(base).status_code == 404
    assert client_for(council.outsider).get(f"{base}/{asked.pk}/decide").status_code == 404
    involved = make_user("involved", RoleCode.SOCIAL_WORKER, team=council.other_team)
    from hearth.casework.models import Involvement, InvolvementRole

    Involvement.objects.create(child=council.allocated, worker=involved, role=InvolvementRole.CO_WORKER,
                               started_on=days_ago(30), recorded_by=council.manager)
    assert client_for(involved).get(base).status_code == 200


def test_a_restricted_child_without_a_grant_404s(council):
    referral = Referral.objects.create(child=council.restricted, referral_date=days_ago(5), team=council.team,
                                       recorded_by=council.manager)
    path = f"/children/{council.restricted.pk}/children-in-need/{referral.pk}/closure-request"
    assert client_for(council.worker).get(path).status_code == 404
    assert client_for(council.manager).get(path).status_code == 404


def test_the_closure_asked_for_and_the_managers_answer_are_in_the_chronology(council, allocated_referral):
    from hearth.casework.chronology import chronology_for

    asked = ask(council, allocated_referral, summary="Family doing well.")
    services.closure_request_decide(acting_user=council.manager, request=asked, agree=False,
                                    rationale="Not yet: one more review.")
    entries = chronology_for(council.allocated)
    [entry] = [entry for entry in entries if entry.kind == "cin_closure_request"]
    assert entry.title == "Closure of the episode asked for" and entry.occurred_at == asked.requested_at
    assert "Family doing well." in entry.summary and entry.url.endswith(f"/{allocated_referral.pk}/#closure")
    assert any(entry.kind == "decision" and "declined" in entry.title for entry in entries)
