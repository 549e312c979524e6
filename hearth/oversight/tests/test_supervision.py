"""Supervision: who, the children discussed, reflections, decisions each with a rationale (and so in the list of
every decision), actions with owners and due dates, and who is overdue a supervision in each team."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone

from conftest import client_for
from hearth.casework import decision_sources
from hearth.oversight import selectors, supervision


def record(council, **changes):
    values = dict(acting_user=council.manager, worker=council.worker, held_at=timezone.now() - timedelta(hours=2),
                  reflections="I need to see Amara alone next time.",
                  children=[supervision.Discussed(council.allocated.la_child_id, "School attendance is improving")],
                  decisions=[supervision.Decided("Step down to early help", "The plan's outcomes are met",
                                                 council.allocated.la_child_id)],
                  actions=[supervision.Agreed("Book the step-down meeting", council.worker,
                                              timezone.localdate() + timedelta(days=7))])
    values.update(changes)
    return supervision.supervision_record(**values)


def test_a_supervision_keeps_children_reflections_decisions_and_actions(council):
    kept = record(council)
    assert kept.children.get().child == council.allocated
    assert kept.decisions.get().rationale == "The plan's outcomes are met"
    assert kept.actions.get().owner == council.worker


def test_a_decision_without_a_rationale_and_an_action_without_owner_or_date_are_refused(council):
    with pytest.raises(ValidationError) as refused:
        record(council, decisions=[supervision.Decided("Close the case", "")],
               actions=[supervision.Agreed("Write to the school", None, None)])
    assert {"rationale", "action_owner", "action_due_on"} <= set(refused.value.message_dict)


def test_supervision_decisions_are_listed_with_every_other_decision(council):
    record(council)
    today = timezone.localdate()
    rows = list(decision_sources.decisions(selectors.filters_for(council.leader, first=today - timedelta(days=1),
                                                                 last=today)))
    assert [(r["d_kind"], r["d_outcome"], r["d_team"]) for r in rows] == [
        ("supervision_decision", "Step down to early help", "Safeguarding 1")]


def test_a_worker_with_no_supervision_in_the_interval_is_overdue(council):
    record(council, held_at=timezone.now() - timedelta(days=40))
    record(council, worker=council.colleague, held_at=timezone.now() - timedelta(days=3))
    with override_settings(HEARTH_SUPERVISION_EVERY_DAYS=28):
        teams = {t.team: t for t in supervision.overdue_by_team(council.leader, timezone.localdate())}
    rows = {user.username: late for user, _, _, late in teams["Safeguarding 1"].rows}
    assert rows == {"worker": True, "colleague": False}
    assert teams["Safeguarding 1"].overdue == 1
    assert teams["Safeguarding 2"].overdue == 1  # the outsider: never supervised


def test_the_supervision_form_records_one_and_shows_the_refusals_beside_the_fields(council):
    client = client_for(council.manager)
    page = client.post("/oversight/supervision/new", {"decision": "Close the case"}).content.decode()
    assert 'id="id_worker-error"' in page and 'id="id_rationale-error"' in page
    today = timezone.localdate()
    response = client.post("/oversight/supervision/new", {
        "worker": council.worker.pk, "held_at-day": today.day, "held_at-month": today.month, "held_at-year": today.year,
        "held_at-time": "00:01", "children": f"{council.allocated.la_child_id} Attendance", "reflections": "Going well",
        "action": "Visit on Friday", "action_owner": council.worker.pk, "action_due_on-day": today.day,
        "action_due_on-month": today.month, "action_due_on-year": today.year})
    assert response.status_code == 302
    assert "Visit on Friday" in client.get(response["Location"]).content.decode()


def test_the_supervision_pages_read_within_the_query_budget(council, django_assert_max_num_queries):
    for n in range(10):
        record(council, held_at=timezone.now() - timedelta(days=n + 1))
    kept = record(council)
    client = client_for(council.manager)
    for url in ["/oversight/supervision/", "/oversight/supervision/new", f"/oversight/supervision/{kept.pk}"]:
        client.get(url)
        with django_assert_max_num_queries(15):
            assert client.get(url).status_code == 200, url
