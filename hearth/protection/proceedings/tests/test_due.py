"""What is due from pre-proceedings and care proceedings, as the workers' and managers' lists read it."""

from datetime import timedelta

from django.utils import timezone

from hearth.casework import due
from hearth.protection.proceedings import services
from hearth.protection.proceedings.tests.conftest import days_ago
from hearth.reference.codes import PreProceedingsOutcome
from hearth.timescales.clocks import Rag
from hearth.timescales.selectors import council_calendar


def _meetings(council, case, meeting_days_ago):
    services.pre_proceedings_letter_record(acting_user=council.worker, pre_proceedings=case, sent_on=days_ago(49))
    case.refresh_from_db()
    services.pre_proceedings_meeting_record(acting_user=council.worker, pre_proceedings=case,
                                            held_on=days_ago(meeting_days_ago))
    case.refresh_from_db()
    return case


def test_no_review_is_due_before_the_initial_meeting(council, family, case):
    assert due.for_child(family["sister"].pk) == []


def test_the_review_is_due_to_the_worker_of_each_child_six_weeks_after_the_meeting(council, family, case):
    _meetings(council, case, 45)
    rows = due.for_worker(council.worker)
    assert {(row.kind, row.child_id) for row in rows} == {
        ("pre_proceedings_review", family["sister"].pk), ("pre_proceedings_review", family["brother"].pk)}
    assert {row.due_on for row in rows} == {days_ago(45) + timedelta(weeks=6)}
    [item, _] = due.items(rows, today=timezone.localdate(), calendar=council_calendar())
    assert item.rag is Rag.RED  # 45 days since the meeting: the six-week review is overdue
    assert item.url == f"/children/{item.child_id}/pre-proceedings/{case.pk}"
    _, overdue = due.for_teams({council.team.pk}, today=timezone.localdate())
    assert {row.kind for row in overdue} == {"pre_proceedings_review"}


def test_a_review_held_moves_the_next_one_six_weeks_on(council, family, case):
    case = _meetings(council, case, 45)
    services.pre_proceedings_meeting_record(acting_user=council.worker, pre_proceedings=case, held_on=days_ago(1))
    [row] = [row for row in due.for_child(family["sister"].pk) if row.kind == "pre_proceedings_review"]
    assert row.due_on == days_ago(1) + timedelta(weeks=6)


def test_a_proposal_awaits_a_manager_not_the_worker(council, family, case):
    services.pre_proceedings_step_propose(acting_user=council.worker, pre_proceedings=case,
                                          outcome=PreProceedingsOutcome.STEP_UP, reason="No change")
    assert [row.kind for row in due.for_worker(council.worker)] == []
    awaiting, _ = due.for_teams({council.team.pk}, today=timezone.localdate())
    assert {row.kind for row in awaiting} == {"pre_proceedings_step"}
    [item, _] = due.items(awaiting, today=timezone.localdate(), calendar=council_calendar())
    assert item.detail == "Proposed: Step up: apply to court for care proceedings"
    assert item.due_on == council_calendar().add_working_days(timezone.localdate(), 5)


def test_another_teams_manager_is_not_asked(council, family, case):
    services.pre_proceedings_step_propose(acting_user=council.worker, pre_proceedings=case,
                                          outcome=PreProceedingsOutcome.STEP_DOWN, reason="Improved")
    awaiting, _ = due.for_teams({council.other_team.pk}, today=timezone.localdate())
    assert awaiting == []
