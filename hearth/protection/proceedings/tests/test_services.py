"""The rules of pre-proceedings and care proceedings, as the services keep them."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from conftest import make_user
from hearth.accounts.models import AuditEvent
from hearth.accounts.roles import RoleCode
from hearth.casework import chronology, due
from hearth.casework.models import Decision
from hearth.protection.proceedings import services
from hearth.protection.proceedings.models import FamilyNetworkSupportKind, FinalOrder, HearingKind
from hearth.protection.proceedings.tests.conftest import days_ago
from hearth.reference.codes import PreProceedingsOutcome


def _fresh(case):
    case.refresh_from_db()
    return case


def letter_and_meeting(council, case, *, letter=45, meeting=40):
    services.pre_proceedings_letter_record(acting_user=council.worker, pre_proceedings=case, sent_on=days_ago(letter))
    services.pre_proceedings_meeting_record(acting_user=council.worker, pre_proceedings=_fresh(case),
                                            held_on=days_ago(meeting))
    return _fresh(case)


# Beginning ------------------------------------------------------------------------------------------------------


def test_beginning_pre_proceedings_records_a_decision_with_its_reason_for_each_child(council, family, case):
    decisions = Decision.objects.filter(kind=services.START_KIND)
    assert {d.child_id for d in decisions} == {family["sister"].pk, family["brother"].pk}
    assert all(d.rationale.startswith("Neglect") and d.decided_by == council.manager for d in decisions)
    assert all(d.team_id == council.team.pk for d in decisions)
    assert case.team == council.team
    assert AuditEvent.objects.filter(verb="pre_proceedings.start").count() == 2
    assert case.history.count() == 1


def test_beginning_without_a_reason_is_refused(council, family):
    with pytest.raises(ValidationError) as refused:
        services.pre_proceedings_start(acting_user=council.manager, children=[family["sister"]],
                                       started_on=days_ago(1), rationale="  ")
    assert "rationale" in refused.value.message_dict
    assert not Decision.objects.exists()


def test_a_social_worker_may_not_begin_pre_proceedings(council, family):
    with pytest.raises(PermissionDenied):
        services.pre_proceedings_start(acting_user=council.worker, children=[family["sister"]],
                                       started_on=days_ago(1), rationale="Concerns")


def test_a_manager_of_another_team_may_not_begin_pre_proceedings(council, family):
    other = make_user("othermanager", RoleCode.TEAM_MANAGER, team=council.other_team, manages=True)
    with pytest.raises(PermissionDenied):
        services.pre_proceedings_start(acting_user=other, children=[family["sister"]], started_on=days_ago(1),
                                       rationale="Concerns")


def test_a_senior_leader_may_begin_pre_proceedings(council, family):
    case = services.pre_proceedings_start(acting_user=council.leader, children=[family["sister"]],
                                          started_on=days_ago(1), rationale="Head of service decision")
    assert case.children.count() == 1


def test_a_child_already_in_pre_proceedings_cannot_begin_them_again(council, family, case):
    with pytest.raises(ValidationError) as refused:
        services.pre_proceedings_start(acting_user=council.manager, children=[family["brother"]],
                                       started_on=days_ago(1), rationale="Again")
    assert "already in pre-proceedings" in refused.value.message_dict["children"][0]


def test_a_legal_planning_meeting_in_the_future_is_refused(council, family):
    with pytest.raises(ValidationError) as refused:
        services.pre_proceedings_start(acting_user=council.manager, children=[family["sister"]],
                                       started_on=timezone.localdate() + timedelta(days=1), rationale="Concerns")
    assert "started_on" in refused.value.message_dict


# The steps in order ---------------------------------------------------------------------------------------------


def test_a_letter_before_the_start_is_refused_naming_the_rule(council, case):
    with pytest.raises(ValidationError) as refused:
        services.pre_proceedings_letter_record(acting_user=council.worker, pre_proceedings=case,
                                               sent_on=days_ago(51))
    assert refused.value.message_dict["sent_on"][0].startswith(
        "The letter before proceedings must be sent on or after the day pre-proceedings began")


def test_a_meeting_before_the_letter_is_refused(council, case):
    services.pre_proceedings_letter_record(acting_user=council.worker, pre_proceedings=case, sent_on=days_ago(45))
    with pytest.raises(ValidationError) as refused:
        services.pre_proceedings_meeting_record(acting_user=council.worker, pre_proceedings=_fresh(case),
                                                held_on=days_ago(46))
    assert "on or after the day the letter before proceedings was sent" in refused.value.message_dict["held_on"][0]


def test_a_meeting_before_the_start_is_refused(council, case):
    services.pre_proceedings_letter_record(acting_user=council.worker, pre_proceedings=case, sent_on=days_ago(50))
    with pytest.raises(ValidationError) as refused:
        services.pre_proceedings_meeting_record(acting_user=council.worker, pre_proceedings=_fresh(case),
                                                held_on=days_ago(55))
    assert "on or after the day pre-proceedings began" in refused.value.message_dict["held_on"][0]


def test_the_first_meeting_is_the_initial_one_and_later_ones_are_reviews_counted(council, case):
    case = letter_and_meeting(council, case)
    assert case.initial_meeting_on == days_ago(40)
    services.pre_proceedings_meeting_record(acting_user=council.worker, pre_proceedings=case, held_on=days_ago(10))
    case = _fresh(case)
    assert case.reviews.count() == 1
    assert case.initial_meeting_on == days_ago(40)


def test_a_review_is_due_six_weeks_after_the_last_meeting_and_stored_then(council, case):
    case = letter_and_meeting(council, case)
    assert case.next_review_due_on == days_ago(40) + timedelta(weeks=6)
    services.pre_proceedings_meeting_record(acting_user=council.worker, pre_proceedings=case, held_on=days_ago(3))
    assert _fresh(case).next_review_due_on == days_ago(3) + timedelta(weeks=6)


def test_a_review_before_the_last_meeting_is_refused(council, case):
    case = letter_and_meeting(council, case)
    with pytest.raises(ValidationError) as refused:
        services.pre_proceedings_meeting_record(acting_user=council.worker, pre_proceedings=case,
                                                held_on=days_ago(41))
    assert "on or after the initial meeting" in refused.value.message_dict["held_on"][0]


def test_a_worker_outside_the_childrens_teams_may_not_record_a_step(council, case):
    with pytest.raises(PermissionDenied):
        services.pre_proceedings_letter_record(acting_user=council.outsider, pre_proceedings=case,
                                               sent_on=days_ago(45))


# Family group conferences and network support -------------------------------------------------------------------


def test_a_family_group_conference_offered_in_the_letter_is_offered_on_the_letters_day(council, case):
    services.pre_proceedings_letter_record(acting_user=council.worker, pre_proceedings=case, sent_on=days_ago(45))
    with pytest.raises(ValidationError) as refused:
        services.family_group_meeting_offer(acting_user=council.worker, pre_proceedings=_fresh(case), kind="fgc",
                                            offered_on=days_ago(44), offered_in_letter=True)
    assert "offered_in_letter" in refused.value.message_dict
    meeting = services.family_group_meeting_offer(acting_user=council.worker, pre_proceedings=_fresh(case),
                                                  kind="fgc", offered_on=days_ago(45), offered_in_letter=True)
    held = services.family_group_meeting_held(acting_user=council.worker, meeting=meeting, held_on=days_ago(30),
                                              family_plan="Grandmother collects the children from school.",
                                              read_version=meeting.version)
    assert held.held_on == days_ago(30) and held.version == 2


def test_a_family_group_conference_held_before_it_was_offered_is_refused(council, case):
    meeting = services.family_group_meeting_offer(acting_user=council.worker, pre_proceedings=case, kind="fgc",
                                                  offered_on=days_ago(40), offered_in_letter=False)
    with pytest.raises(ValidationError) as refused:
        services.family_group_meeting_held(acting_user=council.worker, meeting=meeting, held_on=days_ago(41),
                                           family_plan="A plan", read_version=meeting.version)
    assert "on or after the day it was offered" in refused.value.message_dict["held_on"][0]


def test_financial_support_goes_to_someone_in_the_network_in_positive_pounds_and_pence(council, family, case):
    support = services.family_network_support_record(
        acting_user=council.worker, pre_proceedings=case, recipient=family["mother"],
        kind=FamilyNetworkSupportKind.FINANCIAL, description="Help with rent while the children stay with her",
        amount=Decimal("250.50"), offered_on=days_ago(20))
    assert support.amount == Decimal("250.50")
    for amount in (Decimal("0"), Decimal("-5"), Decimal("1.005")):
        with pytest.raises(ValidationError) as refused:
            services.family_network_support_record(
                acting_user=council.worker, pre_proceedings=case, recipient=family["mother"],
                kind=FamilyNetworkSupportKind.FINANCIAL, description="Rent", amount=amount, offered_on=days_ago(20))
        assert "amount" in refused.value.message_dict


def test_financial_support_needs_an_amount(council, family, case):
    with pytest.raises(ValidationError) as refused:
        services.family_network_support_record(
            acting_user=council.worker, pre_proceedings=case, recipient=family["mother"],
            kind=FamilyNetworkSupportKind.FINANCIAL, description="Rent", amount=None, offered_on=days_ago(20))
    assert "amount" in refused.value.message_dict


def test_support_to_someone_outside_the_network_is_refused(council, case):
    with pytest.raises(ValidationError) as refused:
        services.family_network_support_record(
            acting_user=council.worker, pre_proceedings=case, recipient=council.unallocated,
            kind=FamilyNetworkSupportKind.PRACTICAL, description="Transport", amount=None, offered_on=days_ago(20))
    assert "recipient" in refused.value.message_dict


def test_support_ending_before_it_starts_is_refused(council, family, case):
    with pytest.raises(ValidationError) as refused:
        services.family_network_support_record(
            acting_user=council.worker, pre_proceedings=case, recipient=family["mother"],
            kind=FamilyNetworkSupportKind.PRACTICAL, description="Childcare", amount=None, offered_on=days_ago(20),
            starts_on=days_ago(10), ends_on=days_ago(15))
    assert "ends on or after the day it starts" in refused.value.message_dict["ends_on"][0]


# Step up, step down ---------------------------------------------------------------------------------------------


def test_a_step_decision_without_a_reason_is_refused(council, case):
    with pytest.raises(ValidationError) as refused:
        services.pre_proceedings_step_decide(acting_user=council.manager, pre_proceedings=case,
                                             outcome=PreProceedingsOutcome.STEP_DOWN, decided_on=days_ago(1),
                                             rationale="")
    assert "rationale" in refused.value.message_dict


def test_a_social_worker_may_propose_but_not_decide_a_step(council, case):
    services.pre_proceedings_step_propose(acting_user=council.worker, pre_proceedings=case,
                                          outcome=PreProceedingsOutcome.STEP_DOWN, reason="Home conditions improved")
    with pytest.raises(PermissionDenied):
        services.pre_proceedings_step_decide(acting_user=council.worker, pre_proceedings=_fresh(case),
                                             outcome=PreProceedingsOutcome.STEP_DOWN, decided_on=days_ago(0),
                                             rationale="Improved")


def test_a_proposed_step_awaits_a_manager_then_the_decision_ends_pre_proceedings(council, family, case):
    case = letter_and_meeting(council, case)
    services.pre_proceedings_step_propose(acting_user=council.worker, pre_proceedings=case,
                                          outcome=PreProceedingsOutcome.STEP_DOWN, reason="Home conditions improved")
    awaiting, _ = due.for_teams({council.team.pk}, today=timezone.localdate())
    assert {(row.kind, row.child_id) for row in awaiting} == {
        ("pre_proceedings_step", family["sister"].pk), ("pre_proceedings_step", family["brother"].pk)}
    services.pre_proceedings_step_decide(acting_user=council.manager, pre_proceedings=_fresh(case),
                                         outcome=PreProceedingsOutcome.STEP_DOWN, decided_on=days_ago(0),
                                         rationale="The family's plan is working")
    case = _fresh(case)
    assert case.ended_on == days_ago(0) and case.outcome == PreProceedingsOutcome.STEP_DOWN
    assert Decision.objects.filter(kind=services.STEP_KIND).count() == 2
    assert due.for_child(family["sister"].pk) == []


def test_nothing_more_is_added_once_stepped_down(council, case):
    services.pre_proceedings_step_decide(acting_user=council.manager, pre_proceedings=case,
                                         outcome=PreProceedingsOutcome.STEP_DOWN, decided_on=days_ago(0),
                                         rationale="Improved")
    with pytest.raises(ValidationError):
        services.pre_proceedings_letter_record(acting_user=council.worker, pre_proceedings=_fresh(case),
                                               sent_on=days_ago(1))


# Care proceedings -----------------------------------------------------------------------------------------------


def _stepped_up(council, case, *, on=20):
    services.pre_proceedings_step_decide(acting_user=council.manager, pre_proceedings=case,
                                         outcome=PreProceedingsOutcome.STEP_UP, decided_on=days_ago(on),
                                         rationale="No change in six weeks")
    return _fresh(case)


def test_the_application_comes_after_a_step_up(council, case):
    with pytest.raises(ValidationError) as refused:
        services.care_proceedings_apply(acting_user=council.worker, pre_proceedings=case, application_on=days_ago(1))
    assert "step up" in refused.value.message_dict["application_on"][0]


def test_an_application_without_a_letter_needs_the_reason_it_was_urgent(council, case):
    case = _stepped_up(council, case)
    with pytest.raises(ValidationError) as refused:
        services.care_proceedings_apply(acting_user=council.worker, pre_proceedings=case, application_on=days_ago(10))
    assert "could not wait" in refused.value.message_dict["urgent_reason"][0]
    proceedings = services.care_proceedings_apply(acting_user=council.worker, pre_proceedings=case,
                                                  application_on=days_ago(10),
                                                  urgent_reason="The baby was injured at home")
    assert proceedings.urgent_reason


def test_an_application_before_the_step_up_decision_is_refused(council, case):
    case = letter_and_meeting(council, case)
    case = _stepped_up(council, case)
    with pytest.raises(ValidationError) as refused:
        services.care_proceedings_apply(acting_user=council.worker, pre_proceedings=case, application_on=days_ago(21))
    assert "on or after the decision to step up" in refused.value.message_dict["application_on"][0]


def test_the_26_week_target_is_stored_at_the_application_and_due_until_the_final_order(council, family, case):
    case = letter_and_meeting(council, case)
    case = _stepped_up(council, case)
    proceedings = services.care_proceedings_apply(acting_user=council.worker, pre_proceedings=case,
                                                  application_on=days_ago(14))
    assert proceedings.target_on == days_ago(14) + timedelta(weeks=26)
    assert _fresh(case).ended_on == days_ago(14)
    kinds = {row.kind for row in due.for_child(family["brother"].pk)}
    assert kinds == {"care_proceedings_target"}
    services.hearing_record(acting_user=council.worker, proceedings=proceedings, held_on=days_ago(7),
                            kind=HearingKind.CASE_MANAGEMENT, outcome="Timetable set; parenting assessment directed")
    with pytest.raises(ValidationError):
        services.hearing_record(acting_user=council.worker, proceedings=proceedings, held_on=days_ago(15),
                                kind=HearingKind.INTERIM, outcome="Too early")
    services.final_order_record(acting_user=council.worker, proceedings=proceedings,
                                final_order=FinalOrder.SUPERVISION_ORDER, made_on=days_ago(0),
                                read_version=proceedings.version)
    assert due.for_child(family["brother"].pk) == []


def test_each_dated_step_is_in_each_childs_chronology_on_its_day(council, family, case):
    case = letter_and_meeting(council, case)
    meeting = services.family_group_meeting_offer(acting_user=council.worker, pre_proceedings=case, kind="fgc",
                                                  offered_on=days_ago(45), offered_in_letter=True)
    services.family_group_meeting_held(acting_user=council.worker, meeting=meeting, held_on=days_ago(30),
                                       family_plan="Grandmother helps", read_version=meeting.version)
    services.family_network_support_record(
        acting_user=council.worker, pre_proceedings=case, recipient=family["mother"],
        kind=FamilyNetworkSupportKind.FINANCIAL, description="Rent", amount=Decimal("1200"), offered_on=days_ago(20))
    entries = chronology.chronology_for(family["brother"],
                                        only=["pre_proceedings", "family_group_conference", "family_network_support"])
    titles = {entry.title: entry.occurred_at for entry in entries}
    assert set(titles) == {
        "Pre-proceedings began (legal planning meeting)", "Letter before proceedings sent",
        "Initial pre-proceedings meeting", "Family group conference offered in the letter before proceedings",
        "Family group conference held", "Financial support of £1,200.00 offered to Mia Allocated"}
    assert timezone.localtime(titles["Letter before proceedings sent"]).date() == days_ago(45)
    assert all(timezone.localtime(moment).hour == 0 for moment in titles.values())


def test_the_census_items_are_derived_from_the_records(council, family, case):
    from hearth.protection.proceedings.selectors import census_items

    assert census_items(case) == {
        "PPStartDate": days_ago(50), "LBPSentDate": None, "FGDMMeetingOffer": None, "FGDMMeetingFac": None,
        "InitialPPMeetingDate": None, "ReviewMeetingsCount": None, "StepDecisionDate": None, "PPOutcome": None,
        "CourtAppDate": None, "LetterInitCPDate": None}
    case = letter_and_meeting(council, case)
    assert census_items(case)["FGDMMeetingOffer"] == 0 and census_items(case)["ReviewMeetingsCount"] == 0
    meeting = services.family_group_meeting_offer(acting_user=council.worker, pre_proceedings=case, kind="fgc",
                                                  offered_on=days_ago(45), offered_in_letter=True)
    assert (census_items(case)["FGDMMeetingOffer"], census_items(case)["FGDMMeetingFac"]) == (1, 0)
    services.family_group_meeting_held(acting_user=council.worker, meeting=meeting, held_on=days_ago(30),
                                       family_plan="Plan", read_version=meeting.version)
    services.pre_proceedings_meeting_record(acting_user=council.worker, pre_proceedings=case, held_on=days_ago(25))
    case = _stepped_up(council, case)
    proceedings = services.care_proceedings_apply(acting_user=council.worker, pre_proceedings=case,
                                                  application_on=days_ago(14))
    with pytest.raises(ValidationError) as refused:
        services.parents_letter_record(acting_user=council.worker, proceedings=proceedings, sent_on=days_ago(15),
                                       read_version=proceedings.version)
    assert "on or after the application" in refused.value.message_dict["sent_on"][0]
    proceedings.refresh_from_db()
    services.parents_letter_record(acting_user=council.worker, proceedings=proceedings, sent_on=days_ago(13),
                                   read_version=proceedings.version)
    case.refresh_from_db()
    items = census_items(case)
    assert items["FGDMMeetingFac"] == 1 and items["ReviewMeetingsCount"] == 1
    assert items["PPOutcome"] == PreProceedingsOutcome.STEP_UP and items["StepDecisionDate"] == days_ago(20)
    assert (items["CourtAppDate"], items["LetterInitCPDate"]) == (days_ago(14), days_ago(13))


def test_the_decision_kinds_are_registered_for_oversight():
    from hearth.casework import decision_sources

    assert decision_sources.label_for(services.START_KIND).startswith("Beginning pre-proceedings")
    assert decision_sources.label_for(services.STEP_KIND).startswith("Stepping up")
