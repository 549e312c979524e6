"""Child protection's writes: each step, its stored due days, and what is refused."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from hearth.casework import due
from hearth.casework.models import Decision
from hearth.protection import services
from hearth.protection.models import (
    ChildProtectionPlan,
    ConferenceKind,
    ConferenceOutcome,
    Participation,
    PlanCategory,
    PlanEndReason,
)
from hearth.protection.tests.conftest import (
    days_ago,
    enquiry_to_conference,
    held_discussion,
    initial_conference,
    started_enquiry,
)
from hearth.reference.codes import AbuseCategory
from hearth.timescales.models import LocalClosureDay
from hearth.timescales.selectors import council_calendar


def review(council, iro, plan, *, held_on, outcome=ConferenceOutcome.CONTINUE, category=AbuseCategory.PHYSICAL,
           end_reason="", rationale="Progress made."):
    return services.conference_record(
        acting_user=iro, child=council.allocated, kind=ConferenceKind.REVIEW, plan=plan, held_on=held_on, chair=iro,
        child_participation=Participation.IN_PERSON, child_views="", attendees=[], parents=[], outcome=outcome,
        category=category, end_reason=end_reason, rationale=rationale)


def test_a_social_worker_asks_for_a_strategy_discussion_for_their_allocated_child(council):
    discussion = services.strategy_discussion_start(acting_user=council.worker, child=council.allocated,
                                                    reason="Disclosure at school")
    assert discussion.requested_by == council.worker and discussion.held_at is None
    assert [row.kind for row in due.for_child(council.allocated.pk)] == ["protection.strategy_discussion"]


def test_a_worker_of_another_team_cannot_ask_for_a_strategy_discussion(council):
    with pytest.raises(PermissionDenied):
        services.strategy_discussion_start(acting_user=council.outsider, child=council.allocated, reason="Worry")


def test_icpc_due_15_working_days_after_the_discussion_stored_when_it_is_held(council):
    discussion = held_discussion(council, held_on=date(2025, 12, 15))
    assert discussion.icpc_due_on == date(2026, 1, 8)
    # A closure day added later does not move a due day already stored (docs/adr/0008).
    LocalClosureDay.objects.create(day=date(2026, 1, 5), reason="Flood")
    discussion.refresh_from_db()
    assert discussion.icpc_due_on == date(2026, 1, 8)


def test_a_discussion_held_before_it_was_asked_for_is_refused_with_the_rule(council):
    discussion = services.strategy_discussion_start(acting_user=council.worker, child=council.allocated, reason="W")
    with pytest.raises(ValidationError) as refused:
        services.strategy_discussion_hold(
            acting_user=council.worker, discussion=discussion, held_at=timezone.now() - timedelta(days=3),
            chair=council.manager, agencies=["police"], other_agencies="", information_shared="x",
            immediate_safety_actions="", see_child_by=timezone.localdate())
    assert "on or after the day it was asked for" in refused.value.message_dict["held_at"][0]


def test_only_a_manager_of_the_childs_team_decides_on_a_section_47_enquiry(council):
    discussion = held_discussion(council, held_on=date(2025, 6, 2))
    with pytest.raises(PermissionDenied):
        services.strategy_discussion_decide(acting_user=council.worker, discussion=discussion, start_enquiry=True,
                                            rationale="Because")
    with pytest.raises(ValidationError) as refused:
        services.strategy_discussion_decide(acting_user=council.manager, discussion=discussion, start_enquiry=True,
                                            rationale="  ")
    assert "rationale" in refused.value.message_dict
    assert not Decision.objects.exists()


def test_the_decision_to_start_an_enquiry_is_a_decision_and_starts_the_enquiry_from_the_discussion(council):
    enquiry = started_enquiry(council, held_on=date(2025, 6, 2))
    decision = Decision.objects.get(kind="s47_decision")
    assert decision.decided_by == council.manager and decision.outcome == "Start a section 47 enquiry"
    assert enquiry.start_date == date(2025, 6, 2)
    assert enquiry.icpc_due_on == enquiry.census_icpc_due_on == date(2025, 6, 23)
    kinds = {row.kind for row in due.for_child(council.allocated.pk)}
    assert {"protection.child_seen", "protection.s47_outcome"} <= kinds


def test_icpc_due_from_the_last_discussion_while_the_census_target_keeps_the_first(council):
    enquiry = started_enquiry(council, held_on=date(2025, 6, 2))
    held_discussion(council, held_on=date(2025, 6, 9), enquiry=enquiry)
    enquiry.refresh_from_db()
    assert enquiry.census_icpc_due_on == date(2025, 6, 23)  # InitialCPCtarget: from S47ActualStartDate
    assert enquiry.icpc_due_on == date(2025, 6, 30)  # Working Together 2023: from the last discussion


def test_the_child_seen_before_the_enquiry_began_is_refused(council):
    enquiry = started_enquiry(council, held_on=date(2025, 6, 2))
    with pytest.raises(ValidationError) as refused:
        services.section_47_record(acting_user=council.worker, enquiry=enquiry, child_seen_on=date(2025, 6, 1),
                                   child_seen_alone=True, interim_safety_plan="")
    assert "on or after the enquiry's start" in refused.value.message_dict["child_seen_on"][0]
    services.section_47_record(acting_user=council.worker, enquiry=enquiry, child_seen_on=date(2025, 6, 2),
                               child_seen_alone=True, interim_safety_plan="Stay with grandmother")
    assert "protection.child_seen" not in {row.kind for row in due.for_child(council.allocated.pk)}


def test_no_conference_needs_a_reason_and_the_outcome_is_a_managers_decision(council):
    enquiry = started_enquiry(council, held_on=date(2025, 6, 2))
    with pytest.raises(ValidationError) as refused:
        services.section_47_outcome(acting_user=council.manager, enquiry=enquiry, completed_on=date(2025, 6, 5),
                                    concerns_substantiated=False, icpc_needed=False, icpc_not_needed_reason="",
                                    rationale="No harm found")
    assert "icpc_not_needed_reason" in refused.value.message_dict
    with pytest.raises(PermissionDenied):
        services.section_47_outcome(acting_user=council.worker, enquiry=enquiry, completed_on=date(2025, 6, 5),
                                    concerns_substantiated=False, icpc_needed=False, icpc_not_needed_reason="Safe",
                                    rationale="No harm found")


def test_an_initial_conference_due_item_carries_both_due_days(council):
    enquiry_to_conference(council, held_on=date(2025, 6, 2))
    [item] = [row for row in due.for_child(council.allocated.pk) if row.kind == "protection.initial_conference"]
    assert item.due_on == date(2025, 6, 23) and item.fields["census_due_on"] == "2025-06-23"


def test_a_conference_before_its_strategy_discussion_is_refused(council, iro):
    enquiry = enquiry_to_conference(council, held_on=date(2025, 6, 2))
    with pytest.raises(ValidationError) as refused:
        initial_conference(council, iro, enquiry, held_on=date(2025, 5, 30))
    assert refused.value.message_dict["held_on"] == [
        "The conference date must be on or after the strategy discussion (2 June 2025)"]


def test_only_an_iro_working_with_the_child_records_a_conference(council, iro, other_iro):
    enquiry = enquiry_to_conference(council, held_on=date(2025, 6, 2))
    for user in (council.worker, other_iro):
        with pytest.raises(PermissionDenied):
            initial_conference(council, user, enquiry, held_on=date(2025, 6, 16))


def test_an_initial_conference_starts_a_plan_with_its_due_days_and_first_category(council, iro):
    enquiry = enquiry_to_conference(council, held_on=date(2025, 6, 2))
    conference = initial_conference(council, iro, enquiry, held_on=date(2025, 6, 16))
    plan = conference.plan
    assert plan.start_date == date(2025, 6, 16) and plan.previous_plans == 0
    assert plan.initial_category == plan.latest_category == AbuseCategory.PHYSICAL
    assert plan.core_group_due_on == date(2025, 6, 30)
    assert plan.first_review_due_on == date(2025, 9, 16)
    assert plan.first_visit_due_on == date(2025, 6, 30)
    assert Decision.objects.get(kind="icpc_decision").decided_by == iro
    assert [c.attendees.count() for c in [conference]] == [2]
    kinds = {row.kind for row in due.for_child(council.allocated.pk)}
    assert {"protection.core_group", "protection.plan_visit", "protection.review_conference"} <= kinds
    assert "protection.initial_conference" not in kinds


def test_a_visit_moves_the_next_visit_due_and_a_future_visit_is_refused(council, open_plan):
    with pytest.raises(ValidationError) as refused:
        services.plan_visit_record(acting_user=council.worker, plan=open_plan, visited_on=timezone.localdate()
                                   + timedelta(days=1), child_seen=True, child_seen_alone=True, notes="")
    assert "today or in the past" in refused.value.message_dict["visited_on"][0]
    visit = services.plan_visit_record(acting_user=council.worker, plan=open_plan, visited_on=days_ago(2),
                                       child_seen=True, child_seen_alone=True, notes="Played in her room")
    [row] = [row for row in due.for_child(council.allocated.pk) if row.kind == "protection.plan_visit"]
    assert row.due_on == visit.next_due_on


def test_a_core_group_closes_its_due_item(council, open_plan):
    services.core_group_record(acting_user=council.worker, plan=open_plan, held_on=days_ago(15), attendees="All",
                               notes="Agreed the plan")
    assert "protection.core_group" not in {row.kind for row in due.for_child(council.allocated.pk)}


def test_after_each_core_group_the_next_is_due_30_working_days_later_stored_at_the_meeting(council, open_plan):
    first = services.core_group_record(acting_user=council.worker, plan=open_plan, held_on=days_ago(15),
                                       attendees="All", notes="Agreed the plan")
    assert first.next_due_on == council_calendar().add_working_days(days_ago(15), 30)
    [row] = [row for row in due.for_child(council.allocated.pk) if row.kind.endswith("core_group")]
    assert row.kind == "protection.next_core_group" and row.due_on == first.next_due_on
    # A closure day added later does not move the due day stored (docs/adr/0008).
    LocalClosureDay.objects.create(day=days_ago(1), reason="Flood")
    [row] = [row for row in due.for_child(council.allocated.pk) if row.kind == "protection.next_core_group"]
    assert row.due_on == first.next_due_on
    second = services.core_group_record(acting_user=council.worker, plan=open_plan, held_on=days_ago(1),
                                        attendees="All", notes="Reviewed progress")
    assert second.next_due_on > first.next_due_on
    [row] = [row for row in due.for_child(council.allocated.pk) if row.kind == "protection.next_core_group"]
    assert row.due_on == second.next_due_on
    [item] = [item for item in due.items(due.for_worker(council.worker), today=timezone.localdate(),
                                         calendar=council_calendar) if item.kind == "protection.next_core_group"]
    assert item.title == "Hold the next core group meeting" and f"/protection-plans/{open_plan.pk}" in item.url


def test_an_ended_plan_has_no_core_group_due(council, iro, open_plan):
    services.core_group_record(acting_user=council.worker, plan=open_plan, held_on=days_ago(2), attendees="All",
                               notes="")
    review(council, iro, open_plan, held_on=days_ago(1), outcome=ConferenceOutcome.END,
           end_reason=PlanEndReason.NO_LONGER_AT_RISK)
    assert not [row for row in due.for_child(council.allocated.pk) if row.kind.endswith("core_group")]


def test_a_review_changes_the_category_keeping_a_row_for_each_and_sets_the_next_review(council, iro, open_plan):
    conference = review(council, iro, open_plan, held_on=days_ago(1), category=AbuseCategory.NEGLECT)
    open_plan.refresh_from_db()
    assert open_plan.initial_category == AbuseCategory.PHYSICAL and open_plan.latest_category == AbuseCategory.NEGLECT
    assert list(PlanCategory.objects.filter(plan=open_plan).values_list("category", flat=True)) == ["PHY", "NEG"]
    [row] = [row for row in due.for_child(council.allocated.pk) if row.kind == "protection.review_conference"]
    assert row.due_on == conference.next_review_due_on


def test_a_plan_cannot_end_before_it_began(council, iro, open_plan):
    with pytest.raises(ValidationError) as refused:
        review(council, iro, open_plan, held_on=open_plan.start_date - timedelta(days=1), outcome=ConferenceOutcome.END,
               end_reason=PlanEndReason.NO_LONGER_AT_RISK)
    assert "A plan cannot end before it began" in refused.value.message_dict["held_on"][0]


def test_a_review_that_ends_the_plan_needs_a_reason_and_a_rationale(council, iro, open_plan):
    with pytest.raises(ValidationError) as refused:
        review(council, iro, open_plan, held_on=days_ago(1), outcome=ConferenceOutcome.END, rationale="")
    assert {"end_reason", "rationale"} <= set(refused.value.message_dict)
    review(council, iro, open_plan, held_on=days_ago(1), outcome=ConferenceOutcome.END,
           end_reason=PlanEndReason.NO_LONGER_AT_RISK)
    open_plan.refresh_from_db()
    assert open_plan.end_date == days_ago(1) and not open_plan.is_open
    assert not [row for row in due.for_child(council.allocated.pk) if row.kind.startswith("protection.")]
    assert Decision.objects.filter(kind="rcpc_decision").count() == 1


def test_a_second_plan_counts_the_first_as_previous(council, iro, open_plan):
    review(council, iro, open_plan, held_on=days_ago(10), outcome=ConferenceOutcome.END,
           end_reason=PlanEndReason.NO_LONGER_AT_RISK)
    enquiry = enquiry_to_conference(council, held_on=days_ago(5))
    second = initial_conference(council, iro, enquiry, held_on=days_ago(2), category=AbuseCategory.EMOTIONAL).plan
    assert second.previous_plans == 1
    assert ChildProtectionPlan.objects.filter(child=council.allocated, end_date__isnull=True).get() == second


def test_the_chronology_shows_each_dated_step(council, iro, open_plan):
    from hearth.casework.chronology import chronology_for

    services.plan_visit_record(acting_user=council.worker, plan=open_plan, visited_on=days_ago(2), child_seen=True,
                               child_seen_alone=True, notes="")
    titles = {entry.title for entry in chronology_for(council.allocated)}
    assert {"Strategy discussion requested", "Strategy discussion held", "Section 47 enquiry started",
            "Section 47 enquiry completed", "Initial child protection conference: a child protection plan",
            "Child protection plan started", "Child protection visit: child seen alone"} <= titles



def test_the_worker_and_the_involved_iro_see_the_workers_items_and_the_manager_the_decisions(council, iro):
    enquiry = started_enquiry(council, held_on=date(2025, 6, 2))
    worker_kinds = {row.kind for row in due.for_worker(council.worker)}
    assert "protection.child_seen" in worker_kinds and "protection.s47_outcome" not in worker_kinds
    assert "protection.child_seen" in {row.kind for row in due.for_worker(iro)}
    awaiting, overdue = due.for_teams([council.team.pk], today=date(2025, 6, 24))
    assert [(row.kind, row.id) for row in awaiting] == [("protection.s47_outcome", enquiry.pk)]
    assert "protection.child_seen" in {row.kind for row in overdue}
    assert not any(due.for_teams([council.other_team.pk], today=date(2025, 6, 24)))


def test_a_discussion_held_awaits_a_managers_section_47_decision(council):
    discussion = held_discussion(council, held_on=date(2025, 6, 2))
    awaiting, _ = due.for_teams([council.team.pk], today=date(2025, 6, 3))
    assert [(row.kind, row.id) for row in awaiting] == [("protection.s47_decision", discussion.pk)]
