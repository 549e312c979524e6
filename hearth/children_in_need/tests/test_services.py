"""The child in need episode's writes: each rule as a test."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from conftest import client_for, make_user
from hearth.accounts.models import AuditEvent, ServiceArea, Team
from hearth.accounts.roles import RoleCode
from hearth.casework.models import Allocation, Decision
from hearth.children_in_need import services
from hearth.children_in_need.models import Assessment, AssessmentStatus, CinPlan, PlanReview, ReviewOutcome, Visit
from hearth.core.concurrency import EditConflict
from hearth.reference.codes import ReasonForClosure
from hearth.timescales.selectors import council_calendar

from .conftest import days_ago, fill_and_submit


def test_a_front_door_referral_opens_an_episode_in_the_childs_team_with_the_assessment_due_45_working_days_on(
        council, refer):
    referral = refer(council.allocated)
    assert referral.team == council.team
    assert referral.referral_date == timezone.localdate()
    assert referral.assessment_due_on == council_calendar().add_working_days(referral.referral_date, 45)
    assert not referral.re_referral and referral.allocated_on is None
    assert AuditEvent.objects.filter(verb="referral.open", child=council.allocated).exists()


def test_a_child_with_no_social_care_team_goes_to_the_first_safeguarding_team(council, refer):
    early_help = Team.objects.create(name="Family Hub North", service_area=ServiceArea.EARLY_HELP)
    Allocation.objects.create(child=council.unallocated, team=early_help, started_on=days_ago(30),
                              recorded_by=council.manager)
    assert refer(council.unallocated).team == council.team  # "Safeguarding 1" sorts before "Safeguarding 2"


def test_a_re_referral_within_12_months_is_flagged_when_it_opens(council, refer):
    refer(council.unallocated, received_at=timezone.now() - timedelta(days=300))
    assert refer(council.unallocated).re_referral


def test_a_referral_more_than_12_months_after_the_last_is_not_a_re_referral(council, refer):
    refer(council.unallocated, received_at=timezone.now() - timedelta(days=400))
    assert not refer(council.unallocated).re_referral


def test_twelve_months_before_a_leap_day_is_the_28th_of_february():
    assert services.twelve_months_before(date(2024, 2, 29)) == date(2023, 2, 28)
    assert services.twelve_months_before(date(2025, 6, 1)) == date(2024, 6, 1)


def test_a_front_door_manager_has_no_referral_queue(council, fd_manager):
    assert client_for(fd_manager).get("/children-in-need/referrals/").status_code == 403


def test_the_receiving_teams_manager_allocates_from_the_queue_through_the_casework_allocation(council, refer):
    referral = refer(council.unallocated)
    allocated = services.referral_allocate(acting_user=council.manager, referral=referral, worker=council.colleague,
                                           allocated_on=timezone.localdate())
    current = Allocation.objects.get(child=council.unallocated, ended_on__isnull=True)
    assert allocated.allocation == current and current.worker == council.colleague and current.team == council.team


def test_a_manager_of_another_team_cannot_allocate_the_referral(council, refer):
    other = make_user("othermanager", RoleCode.TEAM_MANAGER, team=council.other_team, manages=True)
    referral = refer(council.unallocated)
    with pytest.raises(PermissionDenied):
        services.referral_allocate(acting_user=other, referral=referral, worker=council.outsider,
                                   allocated_on=timezone.localdate())


def test_a_target_later_than_the_statutory_day_is_refused(council, refer):
    referral = refer(council.unallocated)
    with pytest.raises(ValidationError) as refused:
        services.referral_allocate(acting_user=council.manager, referral=referral, worker=council.worker,
                                   allocated_on=timezone.localdate(),
                                   target_on=referral.assessment_due_on + timedelta(days=1))
    assert refused.value.message_dict["target_on"] == ["The target date must be on or before the statutory due date"]


def test_an_assessment_authorised_before_it_started_is_refused_with_the_rule_named(council, started_assessment):
    submitted = fill_and_submit(council, started_assessment)
    with pytest.raises(ValidationError) as refused:
        services.assessment_authorise(acting_user=council.manager, assessment=submitted,
                                      authorised_on=submitted.started_on - timedelta(days=1), rationale="Good work.")
    assert refused.value.message_dict["authorised_on"] == [
        "The authorisation date must be on or after the assessment's start date"]


def test_the_internal_review_date_is_kept_and_one_out_of_order_is_refused_with_the_rule_named(
        council, started_assessment):
    submitted = fill_and_submit(council, started_assessment)
    for review_on, rule in [
            (submitted.started_on - timedelta(days=1), "The internal review date must be on or after the assessment's "
                                                       "start date"),
            (days_ago(0), "The internal review date must be on or before the authorisation date")]:
        with pytest.raises(ValidationError) as refused:
            services.assessment_authorise(acting_user=council.manager, assessment=submitted, authorised_on=days_ago(1),
                                          rationale="Good work.", internal_review_on=review_on)
        assert refused.value.message_dict["internal_review_on"] == [rule]
    authorised = services.assessment_authorise(acting_user=council.manager, assessment=submitted,
                                               authorised_on=days_ago(0), rationale="Good work.",
                                               internal_review_on=days_ago(1))
    authorised.refresh_from_db()
    assert authorised.internal_review_on == days_ago(1)


def test_a_return_keeps_the_internal_review_date(council, started_assessment):
    submitted = fill_and_submit(council, started_assessment)
    returned = services.assessment_return(acting_user=council.manager, assessment=submitted,
                                          rationale="The child's views are missing.", internal_review_on=days_ago(0))
    returned.refresh_from_db()
    assert returned.internal_review_on == days_ago(0) and returned.status == AssessmentStatus.IN_PROGRESS


def test_an_authorisation_without_a_rationale_is_refused(council, started_assessment):
    submitted = fill_and_submit(council, started_assessment)
    with pytest.raises(ValidationError) as refused:
        services.assessment_authorise(acting_user=council.manager, assessment=submitted,
                                      authorised_on=timezone.localdate(), rationale="  ")
    assert "rationale" in refused.value.message_dict
    assert not Decision.objects.filter(kind="assessment_authorisation").exists()


def test_a_social_worker_cannot_authorise_an_assessment(council, started_assessment):
    submitted = fill_and_submit(council, started_assessment)
    with pytest.raises(PermissionDenied):
        services.assessment_authorise(acting_user=council.worker, assessment=submitted,
                                      authorised_on=timezone.localdate(), rationale="I think it is fine.")


def test_the_manager_authorises_the_assessment_as_a_decision_and_its_primary_need_becomes_the_episodes(
        council, started_assessment):
    submitted = fill_and_submit(council, started_assessment)
    authorised = services.assessment_authorise(acting_user=council.manager, assessment=submitted,
                                               authorised_on=timezone.localdate(), rationale="Thorough and clear.")
    assert authorised.status == AssessmentStatus.AUTHORISED
    decision = Decision.objects.get(kind="assessment_authorisation")
    assert authorised.authorisation == decision and decision.decided_by == council.manager
    assert decision.team == council.team
    authorised.referral.refresh_from_db()
    assert authorised.referral.primary_need == "N1"


def test_the_manager_returns_an_assessment_with_a_reason_and_it_is_in_progress_again(council, started_assessment):
    submitted = fill_and_submit(council, started_assessment)
    returned = services.assessment_return(acting_user=council.manager, assessment=submitted,
                                          rationale="The child's views are missing.")
    assert returned.status == AssessmentStatus.IN_PROGRESS
    assert Decision.objects.get(kind="assessment_return").rationale == "The child's views are missing."


def test_an_assessment_cannot_be_submitted_without_its_factors_outcome_and_primary_need(council, started_assessment):
    with pytest.raises(ValidationError) as refused:
        services.assessment_submit(acting_user=council.worker, assessment=started_assessment)
    assert set(refused.value.message_dict) == {"factors", "outcome", "primary_need"}


def test_two_edits_of_the_same_assessment_version_never_silently_overwrite(council, started_assessment):
    first = Assessment.objects.get(pk=started_assessment.pk)
    second = Assessment.objects.get(pk=started_assessment.pk)
    first.analysis = "Worker's analysis."
    services.assessment_update(acting_user=council.worker, assessment=first, read_version=first.version)
    second.analysis = "Colleague's analysis."
    with pytest.raises(EditConflict):
        services.assessment_update(acting_user=council.colleague, assessment=second, read_version=second.version)
    assert Assessment.objects.get(pk=started_assessment.pk).analysis == "Worker's analysis."


def test_a_factor_outside_the_dfe_set_is_refused(council, started_assessment):
    started_assessment.factors = ["99Z"]
    with pytest.raises(ValidationError) as refused:
        services.assessment_update(acting_user=council.worker, assessment=started_assessment,
                                   read_version=started_assessment.version)
    assert "factors" in refused.value.message_dict


def test_a_visit_in_the_future_is_refused(council, allocated_referral):
    with pytest.raises(ValidationError) as refused:
        services.visit_record(acting_user=council.worker, referral=allocated_referral,
                              visit=Visit(visited_on=timezone.localdate() + timedelta(days=1), seen=True))
    assert refused.value.message_dict["visited_on"] == ["The date of the visit must be today or in the past"]


def test_a_visit_during_the_assessment_is_the_assessments_and_one_under_the_plan_sets_the_next_visit_due(
        council, started_assessment):
    during = services.visit_record(acting_user=council.worker, referral=started_assessment.referral,
                                   visit=Visit(visited_on=days_ago(7), seen=True, seen_alone=True))
    assert during.assessment == started_assessment and during.plan is None
    submitted = fill_and_submit(council, Assessment.objects.get(pk=started_assessment.pk))
    services.assessment_authorise(acting_user=council.manager, assessment=submitted, authorised_on=days_ago(3),
                                  rationale="Clear.")
    plan = services.cin_plan_start(acting_user=council.worker, referral=started_assessment.referral,
                                   plan=CinPlan(started_on=days_ago(2), needs="Routines."))
    under = services.visit_record(acting_user=council.worker, referral=started_assessment.referral,
                                  visit=Visit(visited_on=days_ago(1), seen=True))
    plan.refresh_from_db()
    assert under.plan == plan
    assert plan.next_visit_due_on == council_calendar().add_working_days(days_ago(1), 20)


def test_a_plan_ending_before_it_began_is_refused(council, plan):
    with pytest.raises(ValidationError) as refused:
        services.cin_plan_end(acting_user=council.worker, plan=plan, ended_on=plan.started_on - timedelta(days=1),
                              read_version=plan.version)
    assert refused.value.message_dict["ended_on"] == ["The plan's end date must be on or after its start date"]


def test_a_plan_starting_before_the_referral_is_refused(council, allocated_referral):
    with pytest.raises(ValidationError) as refused:
        services.cin_plan_start(acting_user=council.worker, referral=allocated_referral,
                                plan=CinPlan(started_on=allocated_referral.referral_date - timedelta(days=1),
                                             needs="Support."))
    assert "started_on" in refused.value.message_dict


def test_a_review_sets_the_next_review_due_from_its_date(council, plan):
    services.plan_review_record(acting_user=council.worker, plan=plan,
                                review=PlanReview(held_on=timezone.localdate(), outcome=ReviewOutcome.CONTINUE))
    plan.refresh_from_db()
    assert plan.next_review_due_on == timezone.localdate() + timedelta(days=90)
    assert plan.ended_on is None


def test_a_closure_before_the_referral_is_refused_with_the_rule_named(council, allocated_referral):
    with pytest.raises(ValidationError) as refused:
        services.referral_close(acting_user=council.manager, referral=allocated_referral,
                                closure_date=allocated_referral.referral_date - timedelta(days=1),
                                reason=ReasonForClosure.SERVICES_CEASED, rationale="No longer in need.")
    assert refused.value.message_dict["closure_date"] == ["The closure date must be on or after the referral date"]


def test_a_closure_without_a_rationale_is_refused(council, allocated_referral):
    with pytest.raises(ValidationError) as refused:
        services.referral_close(acting_user=council.manager, referral=allocated_referral,
                                closure_date=timezone.localdate(), reason=ReasonForClosure.SERVICES_CEASED,
                                rationale="")
    assert "rationale" in refused.value.message_dict


def test_a_social_worker_cannot_close_the_episode(council, allocated_referral):
    with pytest.raises(PermissionDenied):
        services.referral_close(acting_user=council.worker, referral=allocated_referral,
                                closure_date=timezone.localdate(), reason=ReasonForClosure.SERVICES_CEASED,
                                rationale="Done.")


def test_the_manager_closes_the_episode_as_a_decision_and_its_current_plan_ends(council, plan):
    referral = plan.referral
    closed = services.referral_close(acting_user=council.manager, referral=referral,
                                     closure_date=timezone.localdate(), reason=ReasonForClosure.SERVICES_CEASED,
                                     rationale="The family is managing well.")
    assert closed.closure_reason == "RC7" and closed.closure_decision.kind == "cin_closure"
    plan.refresh_from_db()
    assert plan.ended_on == timezone.localdate()
    with pytest.raises(ValidationError):
        services.visit_record(acting_user=council.worker, referral=closed, visit=Visit(visited_on=timezone.localdate()))


def test_a_referral_needing_no_further_action_closes_before_allocation(council, refer):
    referral = refer(council.unallocated)
    closed = services.referral_close(acting_user=council.manager, referral=referral,
                                     closure_date=timezone.localdate(), reason=ReasonForClosure.NO_FURTHER_ACTION,
                                     rationale="Information shows no need for a service.", no_further_action=True)
    assert closed.no_further_action and closed.closure_date == timezone.localdate()
