"""The seeded referrals continued as child in need episodes: every row as its service would store it, at England's
rates."""

from collections import defaultdict
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError

from hearth.accounts.models import Membership, User
from hearth.accounts.roles import RoleCode
from hearth.casework.models import Decision, Involvement, InvolvementRole
from hearth.children_in_need.models import (
    Assessment,
    AssessmentStatus,
    CinPlan,
    PlanReview,
    Referral,
    Visit,
)
from hearth.children_in_need.services import twelve_months_before
from hearth.people.models import Address, Relationship, RelationshipKind
from hearth.protection.clocks import core_group_due, first_review_due, visit_due
from hearth.protection.models import (
    Agency,
    ChildProtectionPlan,
    Conference,
    ConferenceAttendee,
    ConferenceKind,
    ConferenceOutcome,
    CoreGroupMeeting,
    PlanCategory,
    PlanVisit,
    Section47Enquiry,
    StrategyDiscussion,
)
from hearth.protection.proceedings.clocks import CARE_PROCEEDINGS_TARGET, PRE_PROCEEDINGS_REVIEW, STEP_DECISION, due_on
from hearth.protection.proceedings.models import (
    CareProceedings,
    FamilyGroupMeeting,
    Hearing,
    PreProceedings,
    PreProceedingsChild,
    PreProceedingsReview,
)
from hearth.reference.codes import AssessmentFactor, PreProceedingsOutcome, ReasonForClosure
from hearth.seed.episodes import yearly_counts
from hearth.seed.generator import SCALES, run_seed
from hearth.timescales.calendar import calendar_for

from .test_generator import TODAY


@pytest.fixture(autouse=True)
def fresh_content_types():
    yield
    ContentType.objects.clear_cache()


@pytest.fixture
def seeded(db):
    run_seed(scale="tiny", seed=7, today=TODAY)


def first_invalid(model, exclude=()):
    """The first row of the model that fails its own validation (fields, choices, constraints), with why."""
    for row in model.objects.order_by("pk").iterator():
        try:
            row.full_clean(exclude=list(exclude))
        except ValidationError as error:
            return f"{model.__name__} {row.pk}: {error.message_dict}"
    return None


@pytest.mark.parametrize("model", [Referral, Assessment, CinPlan, PlanReview, Visit, StrategyDiscussion,
                                   Section47Enquiry, Conference, ChildProtectionPlan, PlanCategory, Address])
def test_every_seeded_row_passes_its_models_validation(seeded, model):
    assert model.objects.exists(), f"no {model.__name__} rows were seeded: the check below would prove nothing"
    assert first_invalid(model) is None


def test_every_episode_keeps_the_rules_its_services_apply(seeded):
    calendar = calendar_for()
    managers = defaultdict(set)
    for team_id, user_id in Membership.objects.filter(manages=True).values_list("team_id", "user_id"):
        managers[team_id].add(user_id)
    referrals = list(Referral.objects.select_related("allocation", "closure_decision").order_by("child_id",
                                                                                                "referral_date", "pk"))
    earlier = {}
    for referral in referrals:
        where = f"referral {referral.pk}"
        assert referral.team_id is not None, where
        assert referral.assessment_due_on == calendar.add_working_days(referral.referral_date, 45), where
        before = earlier.get(referral.child_id)
        assert referral.re_referral == (before is not None and before >= twelve_months_before(referral.referral_date)), where
        earlier[referral.child_id] = referral.referral_date
        if referral.allocated_on is not None:
            assert referral.allocated_on >= referral.referral_date, where
            assert referral.allocation is not None, where
            assert (referral.allocation.child_id, referral.allocation.team_id, referral.allocation.started_on) == \
                (referral.child_id, referral.team_id, referral.allocated_on), where
        else:
            assert referral.allocation_id is None, where
        if referral.closure_date is not None:
            assert referral.referral_date <= referral.closure_date < TODAY, where
            assert referral.closure_reason in ReasonForClosure.values, where
            decision = referral.closure_decision
            assert decision is not None and decision.kind == "cin_closure" and decision.rationale, where
            assert decision.child_id == referral.child_id and decision.decided_by_id in managers[referral.team_id], where
        else:
            assert referral.closure_reason == "" and referral.closure_decision_id is None, where
    for assessment in Assessment.objects.select_related("referral", "authorisation"):
        where = f"assessment {assessment.pk}"
        referral = assessment.referral
        assert assessment.child_id == referral.child_id, where
        assert referral.referral_date <= assessment.started_on < TODAY, where
        assert set(assessment.factors) <= set(AssessmentFactor.values), where
        if assessment.status != AssessmentStatus.IN_PROGRESS:
            assert assessment.outcome and assessment.factors and assessment.primary_need, where
        if assessment.status == AssessmentStatus.AUTHORISED:
            assert assessment.started_on <= assessment.authorised_on < TODAY, where
            decision = assessment.authorisation
            assert decision.kind == "assessment_authorisation" and decision.rationale, where
            assert decision.decided_by_id == assessment.authorised_by_id in managers[referral.team_id], where
            assert referral.primary_need == assessment.primary_need, where
        else:
            assert assessment.authorisation_id is None and assessment.authorised_on is None, where
    for plan in CinPlan.objects.select_related("referral").prefetch_related("visits", "reviews"):
        where = f"plan {plan.pk}"
        assert plan.started_on >= plan.referral.referral_date, where
        if plan.referral.closure_date is not None:
            assert plan.ended_on is not None and plan.referral.closure_date >= plan.started_on, where
        seen = [visit.visited_on for visit in plan.visits.all() if visit.seen]
        assert plan.next_visit_due_on == calendar.add_working_days(max(seen, default=plan.started_on), 20), where
        reviews = [review.held_on for review in plan.reviews.all()]
        assert plan.next_review_due_on == max(reviews, default=plan.started_on) + timedelta(days=90), where
        for visit in plan.visits.all():
            assert plan.started_on <= visit.visited_on < TODAY and visit.referral_id == plan.referral_id, where
    kinds = set(Decision.objects.values_list("kind", flat=True))
    assert {"assessment_authorisation", "cin_closure"} <= kinds


def test_strategy_discussions_and_enquiries_keep_the_rules_their_services_apply(seeded):
    calendar = calendar_for()
    zone = ZoneInfo("Europe/London")
    for discussion in StrategyDiscussion.objects.select_related("referral", "decision"):
        where = f"strategy discussion {discussion.pk}"
        assert discussion.child_id == discussion.referral.child_id, where
        # Asked for at the front door, or by the allocated worker during the assessment (`strategy_discussion_start`).
        assert discussion.referral.strategy_discussion_now or \
            discussion.requested_by_id == discussion.referral.allocation.worker_id, where
        if discussion.held_at is None:
            assert discussion.decision_id is None and discussion.s47_decided is None, where
            continue
        held_on = discussion.held_at.astimezone(zone).date()
        assert held_on >= discussion.requested_at.astimezone(zone).date(), where
        assert discussion.agencies and set(discussion.agencies) <= set(Agency.values) and discussion.information_shared
        assert discussion.see_child_by >= held_on and discussion.icpc_due_on == calendar.add_working_days(held_on, 15)
        assert discussion.decision.kind == "s47_decision" and discussion.decision.rationale, where
        assert discussion.s47_decided == Section47Enquiry.objects.filter(started_by=discussion).exists(), where
    enquiries = list(Section47Enquiry.objects.select_related("started_by", "outcome_decision"))
    assert enquiries, "no enquiries were seeded: the checks below would prove nothing"
    for enquiry in enquiries:
        where = f"enquiry {enquiry.pk}"
        discussion = enquiry.started_by
        assert enquiry.start_date == discussion.held_at.astimezone(zone).date(), where
        assert enquiry.icpc_due_on == enquiry.census_icpc_due_on == discussion.icpc_due_on, where
        assert enquiry.child_seen_on is None or enquiry.start_date <= enquiry.child_seen_on < TODAY, where
        if enquiry.completed_on is not None:
            assert enquiry.start_date <= enquiry.completed_on < TODAY, where
            assert enquiry.icpc_needed or enquiry.icpc_not_needed_reason, where
            assert enquiry.outcome_decision.kind == "s47_outcome" and enquiry.outcome_decision.rationale, where
        else:
            assert enquiry.outcome_decision_id is None, where


def test_conferences_and_plans_keep_the_rules_their_service_applies(db):
    run_seed(scale="demo", seed=3, today=TODAY)
    calendar = calendar_for()
    iros = set(User.objects.filter(roles__code=RoleCode.IRO).values_list("pk", flat=True))
    conferences = list(Conference.objects.select_related("enquiry__started_by", "plan", "decision"))
    assert any(c.kind == ConferenceKind.REVIEW for c in conferences), "no reviews: the checks would prove little"
    for conference in conferences:
        where = f"conference {conference.pk}"
        assert conference.chair_id in iros and conference.decision.decided_by_id == conference.chair_id, where
        assert conference.held_on < TODAY and conference.decision.rationale, where
        if conference.kind == ConferenceKind.INITIAL:
            enquiry = conference.enquiry
            assert enquiry.icpc_needed and enquiry.child_id == conference.child_id, where
            assert conference.held_on >= enquiry.start_date and conference.decision.kind == "icpc_decision", where
            assert (conference.outcome == ConferenceOutcome.PLAN) == (conference.plan_id is not None), where
        else:
            plan = conference.plan
            assert plan.start_date < conference.held_on and conference.decision.kind == "rcpc_decision", where
            if conference.outcome == ConferenceOutcome.END:
                assert plan.end_date == conference.held_on and plan.end_reason, where
            else:
                assert conference.category, where
                assert plan.end_date is None or plan.end_date > conference.held_on, where
    for plan in ChildProtectionPlan.objects.prefetch_related("categories"):
        where = f"plan {plan.pk}"
        assert plan.core_group_due_on == core_group_due(plan.start_date, calendar), where
        assert plan.first_review_due_on == first_review_due(plan.start_date), where
        assert plan.first_visit_due_on == visit_due(plan.start_date, calendar), where
        categories = list(plan.categories.all())
        assert categories[0].category == plan.initial_category and categories[-1].category == plan.latest_category
        assert ChildProtectionPlan.objects.filter(child_id=plan.child_id, start_date__lt=plan.start_date).count() \
            == plan.previous_plans, where


def test_open_work_today_looks_like_a_service(seeded):
    assert Referral.objects.filter(closure_date__isnull=True, allocated_on__isnull=True).exists()  # in the queue
    open_assessments = Assessment.objects.exclude(status=AssessmentStatus.AUTHORISED)
    assert open_assessments.exists()
    assert CinPlan.objects.filter(ended_on__isnull=True).exists()


def test_the_yearly_figures_are_near_englands_rates(db):
    run_seed(scale="demo", seed=3, today=TODAY)
    plan = SCALES["demo"]
    figures = yearly_counts(TODAY, plan.default_years)
    assert abs(figures["referrals a year"] - plan.referrals_per_year) < 0.15 * plan.referrals_per_year, figures
    assert 12 < figures["re-referrals (%)"] < 32, figures
    assert abs(figures["assessments a year"] - plan.referrals_per_year) < 0.3 * plan.referrals_per_year, figures
    assert 8 < figures["assessments authorised past 45 working days (%)"] < 25, figures
    assert abs(figures["section 47 enquiries a year"] - plan.referrals_per_year / 3) < 0.3 * plan.referrals_per_year / 3
    assert abs(figures["CP plan starts a year"] - plan.referrals_per_year / 10) < 0.35 * plan.referrals_per_year / 10
    assert 10 < figures["initial conferences past 15 working days (%)"] < 35, figures
    assert 6 < figures["median length of ended CP plans (months)"] < 12, figures
    # The demo users' open work: the social worker has an assessment in progress, the manager one to authorise.
    open_work = Assessment.objects.filter(referral__closure_date__isnull=True)
    assert open_work.filter(status=AssessmentStatus.IN_PROGRESS,
                            referral__allocation__worker__username="demo.social.worker").exists()
    assert open_work.filter(status=AssessmentStatus.SUBMITTED,
                            referral__team__memberships__user__username="demo.manager",
                            referral__team__memberships__manages=True).exists()


@pytest.fixture
def demo_council(db):
    run_seed(scale="demo", seed=3, today=TODAY)


def test_every_seeded_row_of_a_plans_work_and_of_proceedings_passes_its_models_validation(demo_council):
    # One seed for all of them: a demo council takes a while to make.
    for model in [ConferenceAttendee, CoreGroupMeeting, PlanVisit, Involvement, PreProceedings, PreProceedingsChild,
                  PreProceedingsReview, FamilyGroupMeeting, CareProceedings, Hearing]:
        assert model.objects.exists(), f"no {model.__name__} rows were seeded: the check below would prove nothing"
        assert first_invalid(model) is None


def test_no_episode_closes_with_a_plan_or_an_enquiry_still_open(demo_council):
    plans = list(ChildProtectionPlan.objects.order_by("child_id", "start_date"))
    assert any(plan.end_date is None for plan in plans) and any(plan.end_date for plan in plans)
    referral_of = dict(Conference.objects.filter(kind=ConferenceKind.INITIAL, plan__isnull=False)
                       .values_list("plan_id", "enquiry__referral__closure_date"))
    for plan in plans:
        closed = referral_of[plan.pk]
        if closed is not None:
            assert plan.end_date is not None and plan.end_date <= closed, f"plan {plan.pk} outlives its episode"
    referred_in = dict(Conference.objects.filter(kind=ConferenceKind.INITIAL, plan__isnull=False)
                       .values_list("plan_id", "enquiry__referral_id"))
    came_back = 0
    for before, after in zip(plans, plans[1:], strict=False):
        if before.child_id == after.child_id:
            assert before.end_date is not None and before.end_date <= after.start_date, f"plans {before.pk}, {after.pk}"
            came_back += referred_in[before.pk] != referred_in[after.pk]
    assert came_back, "no child whose plan ended was referred again and started another plan"
    running = Section47Enquiry.objects.filter(completed_on__isnull=True, referral__closure_date__isnull=False)
    assert not running.exists(), list(running.values_list("pk", "referral__no_further_action"))


def test_a_plans_core_groups_visits_attendees_and_chair_are_as_the_services_store_them(demo_council):
    calendar = calendar_for()
    plans = {plan.pk: plan for plan in ChildProtectionPlan.objects.all()}
    # Three years of history leave little time for a plan to end and another to start: only some are second plans.
    assert sum(plan.previous_plans > 0 for plan in plans.values()) > 0.03 * len(plans), "few second plans"
    first_core_group = {}
    for meeting in CoreGroupMeeting.objects.order_by("held_on"):
        plan = plans[meeting.plan_id]
        assert plan.start_date <= meeting.held_on < TODAY and (plan.end_date is None or meeting.held_on <= plan.end_date)
        first_core_group.setdefault(plan.pk, meeting.held_on)
    late = sum(first_core_group[pk] > plan.core_group_due_on for pk, plan in plans.items() if pk in first_core_group)
    assert 0 < late < 0.5 * len(first_core_group)
    for visit in PlanVisit.objects.all():
        plan = plans[visit.plan_id]
        assert plan.start_date <= visit.visited_on < TODAY and (plan.end_date is None or visit.visited_on <= plan.end_date)
        assert visit.next_due_on == visit_due(visit.visited_on, calendar) and (visit.child_seen or not visit.child_seen_alone)
    assert PlanVisit.objects.filter(plan__end_date__isnull=True).exists()
    parents = set(Relationship.objects.filter(kind=RelationshipKind.PARENT).values_list("person_id", "relative_id"))
    for conference in Conference.objects.prefetch_related("attendees"):
        attendees = list(conference.attendees.all())
        assert any(attendee.agency == Agency.SOCIAL_CARE for attendee in attendees), f"conference {conference.pk}"
        for attendee in attendees:
            assert attendee.name and (attendee.agency or attendee.participation)
            assert attendee.person_id is None or (attendee.person_id, conference.child_id) in parents
    chairs = dict(Conference.objects.filter(kind=ConferenceKind.INITIAL, plan__isnull=False)
                  .values_list("plan_id", "chair_id"))
    involvements = {(i.child_id, i.worker_id, i.started_on): i for i in Involvement.objects.filter(role=InvolvementRole.IRO)}
    assert len(involvements) == len(plans)
    for plan in plans.values():
        involvement = involvements[(plan.child_id, chairs[plan.pk], plan.start_date)]
        assert involvement.ended_on == plan.end_date and (involvement.end_reason != "") == (plan.end_date is not None)


def test_pre_proceedings_and_care_proceedings_keep_the_rules_their_services_apply(demo_council):
    cases = list(PreProceedings.objects.prefetch_related("children__start_decision", "children__step_decision",
                                                         "reviews", "family_meetings"))
    assert cases, "no pre-proceedings were seeded: the checks below would prove nothing"
    for case in cases:
        where = f"pre-proceedings {case.pk}"
        assert case.started_on < TODAY and case.team_id is not None, where
        assert case.letter_sent_on is None or case.started_on <= case.letter_sent_on, where
        if case.initial_meeting_on is not None:
            assert case.letter_sent_on is not None and case.letter_sent_on <= case.initial_meeting_on, where
        meetings = [case.initial_meeting_on] + [review.held_on for review in case.reviews.all()] \
            if case.initial_meeting_on else []
        assert meetings == sorted(meetings) and all(day < TODAY for day in meetings), where
        for meeting in case.family_meetings.all():
            assert meeting.offered_on >= case.started_on and (meeting.held_on is None or meeting.held_on >= meeting.offered_on)
            assert not meeting.offered_in_letter or meeting.offered_on == case.letter_sent_on, where
        children = list(case.children.all())
        assert children, where
        for row in children:
            assert row.start_decision.kind == "pre_proceedings_start" and row.start_decision.rationale, where
            assert row.start_decision.child_id == row.child_id, where
            assert (row.step_decision_id is not None) == bool(case.outcome), where
        if case.outcome:
            assert case.step_decision_on >= case.started_on and all(day <= case.step_decision_on for day in meetings)
            assert all(row.step_decision.kind == "pre_proceedings_step" for row in children), where
            if case.outcome != PreProceedingsOutcome.STEP_UP:
                assert case.ended_on == case.step_decision_on and case.next_review_due_on is None, where
        elif meetings:
            assert case.ended_on is None and case.next_review_due_on == due_on(PRE_PROCEEDINGS_REVIEW, meetings[-1])
        if case.step_proposed:
            assert case.step_decision_due_on == due_on(STEP_DECISION, case.step_proposed_on), where
    stepped_down = [case for case in cases if case.outcome == PreProceedingsOutcome.STEP_DOWN]
    proceedings = list(CareProceedings.objects.select_related("pre_proceedings").prefetch_related("hearings"))
    assert stepped_down and proceedings, "pre-proceedings should both step down and go to court"
    for court in proceedings:
        where = f"care proceedings {court.pk}"
        case = court.pre_proceedings
        assert case.outcome == PreProceedingsOutcome.STEP_UP and court.application_on >= case.step_decision_on, where
        assert case.ended_on == court.application_on and court.application_on < TODAY, where
        assert court.target_on == due_on(CARE_PROCEEDINGS_TARGET, court.application_on), where
        assert court.urgent_reason or (case.letter_sent_on and case.letter_sent_on <= court.application_on), where
        assert all(court.application_on <= hearing.held_on < TODAY for hearing in court.hearings.all()), where
        assert (court.final_order == "") == (court.final_order_on is None), where
    figures = yearly_counts(TODAY, SCALES["demo"].default_years)
    assert figures["pre-proceedings entries a year"] > 0


def test_the_demo_users_have_work_past_the_front_door(demo_council):
    worker = User.objects.get(username="demo.social.worker")
    on_plan = ChildProtectionPlan.objects.filter(end_date__isnull=True, child__allocations__worker=worker,
                                                 child__allocations__ended_on__isnull=True)
    assert on_plan.exists(), "the demo social worker has no child on an open plan"
    assert Assessment.objects.filter(status=AssessmentStatus.IN_PROGRESS, referral__closure_date__isnull=True,
                                     referral__allocation__worker=worker).exists()
    manager = User.objects.get(username="demo.manager")
    teams = list(Membership.objects.filter(user=manager, manages=True).values_list("team_id", flat=True))
    assert Assessment.objects.filter(status=AssessmentStatus.SUBMITTED, referral__closure_date__isnull=True,
                                     referral__team_id__in=teams).exists()
    iro = User.objects.get(username="demo.iro")
    current = Involvement.objects.filter(worker=iro, role=InvolvementRole.IRO, ended_on__isnull=True)
    assert current.exists()
    assert set(current.values_list("child_id", flat=True)) <= set(
        ChildProtectionPlan.objects.filter(end_date__isnull=True).values_list("child_id", flat=True))
