"""What is due in an episode: each open item, who must act, and that done items leave the list."""

from datetime import timedelta

from django.utils import timezone

from hearth.casework import due
from hearth.children_in_need import services
from hearth.children_in_need.clocks import VISIT
from hearth.children_in_need.models import PlanReview, ReviewOutcome, Visit
from hearth.timescales.selectors import council_calendar

from .conftest import fill_and_submit


def kinds(rows) -> set[str]:
    return {row.kind for row in rows}


def test_a_referral_awaiting_allocation_is_due_to_a_manager(council, refer):
    referral = refer(council.unallocated)
    rows = [row for row in due.for_child(council.unallocated.pk) if row.kind == "cin_referral_allocation"]
    assert len(rows) == 1 and rows[0].awaits == due.Awaits.MANAGER and rows[0].id == referral.pk


def test_a_referral_waiting_for_an_unallocated_child_reaches_the_receiving_teams_managers(council, refer):
    """The receiving team holds the referral before the child is allocated to it: its managers' list shows it, and
    no other team's does."""
    referral = refer(council.unallocated)
    waiting, _ = due.for_teams({referral.team_id}, today=timezone.localdate())
    assert [row.id for row in waiting if row.kind == "cin_referral_allocation"] == [referral.pk]
    others, _ = due.for_teams({council.front_door.pk}, today=timezone.localdate())
    assert "cin_referral_allocation" not in kinds(others)


def test_an_allocated_referral_has_its_assessment_due_to_the_worker_on_the_stored_day_or_the_earlier_target(
        council, allocated_referral):
    rows = [row for row in due.for_worker(council.worker) if row.kind == "cin_assessment"]
    assert [row.due_on for row in rows] == [allocated_referral.assessment_due_on]
    assert "cin_referral_allocation" not in kinds(due.for_child(council.allocated.pk))
    target = timezone.localdate() + timedelta(days=3)
    services.assessment_target_set(acting_user=council.manager, referral=allocated_referral, target_on=target)
    assert [row.due_on for row in due.for_worker(council.worker) if row.kind == "cin_assessment"] == [target]


def test_a_submitted_assessment_awaits_the_manager_and_is_no_longer_the_workers(council, started_assessment):
    fill_and_submit(council, started_assessment)
    waiting, _ = due.for_teams({council.team.pk}, today=timezone.localdate())
    assert "cin_assessment_authorisation" in kinds(waiting)
    assert "cin_assessment" not in kinds(due.for_worker(council.worker))


def test_an_authorised_assessment_leaves_the_lists(council, started_assessment):
    submitted = fill_and_submit(council, started_assessment)
    services.assessment_authorise(acting_user=council.manager, assessment=submitted, authorised_on=timezone.localdate(),
                                  rationale="Clear.")
    assert not kinds(due.for_child(council.allocated.pk)) & {"cin_assessment", "cin_assessment_authorisation"}


def test_a_current_plan_has_its_review_and_visit_due_to_the_worker(council, plan):
    rows = {row.kind: row for row in due.for_worker(council.worker)}
    assert rows["cin_plan_review"].due_on == plan.next_review_due_on
    assert rows["cin_visit"].due_on == plan.next_visit_due_on
    items = due.items(list(rows.values()), today=timezone.localdate(), calendar=council_calendar())
    assert {item.title for item in items} >= {"Review the child in need plan", "Visit the child (child in need plan)"}


def test_a_visit_moves_the_next_visit_due_and_an_ending_review_clears_both(council, plan):
    before = plan.next_visit_due_on
    services.visit_record(acting_user=council.worker, referral=plan.referral,
                          visit=Visit(visited_on=timezone.localdate(), seen=True))
    after = {row.kind: row.due_on for row in due.for_child(council.allocated.pk)}["cin_visit"]
    # Counted from the visit, not the plan's start: later whenever a working day has passed since the start (a visit
    # on the Saturday after a plan begun on a Friday bank holiday counts from the same Monday).
    assert after == council_calendar().add_working_days(timezone.localdate(), VISIT.amount) >= before
    assert after > before or not council_calendar().working_days_between(plan.started_on, timezone.localdate())
    services.plan_review_record(acting_user=council.worker, plan=plan,
                                review=PlanReview(held_on=timezone.localdate(), outcome=ReviewOutcome.END))
    assert not kinds(due.for_child(council.allocated.pk)) & {"cin_visit", "cin_plan_review"}
