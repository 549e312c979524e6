"""The CIN census `CINdetails` derived from the records alone: one child walked through every step by the services,
then each field checked against the value put in."""

from datetime import date
from xml.etree import ElementTree

import pytest

from hearth.children_in_need import services as cin
from hearth.children_in_need.models import Assessment, CinPlan
from hearth.protection import services as protection
from hearth.protection.models import Agency, ConferenceKind, ConferenceOutcome, Participation, PlanEndReason
from hearth.protection.proceedings import services as proceedings
from hearth.protection.proceedings.models import FamilyGroupMeetingKind
from hearth.protection.tests.conftest import held_discussion, moment, started_enquiry
from hearth.reference.codes import (
    AbuseCategory,
    AssessmentFactor,
    PreProceedingsOutcome,
    PrimaryNeed,
    ReasonForClosure,
    ReferralSource,
)
from hearth.returns import cin_census as census
from hearth.returns import schema

# The child protection steps, built as the protection app's own tests build them.
enquiry_started = started_enquiry


def conference(council, iro, *, kind, held_on: date, outcome, category="", enquiry=None, plan=None, end_reason=""):
    return protection.conference_record(
        acting_user=iro, child=council.allocated, kind=kind, enquiry=enquiry, plan=plan, held_on=held_on, chair=iro,
        child_participation=Participation.ADVOCATE, child_views="I want to stay at home.",
        attendees=[("PC Jones", Agency.POLICE)], parents=[], outcome=outcome, category=category,
        end_reason=end_reason, rationale="The conference's reasons.")


def previous_plan(council, iro):
    """A plan from 2024, before the episode: started at a conference on 20 June, ended at a review on 19 September."""
    enquiry = enquiry_started(council, held_on=date(2024, 6, 3))
    protection.section_47_outcome(acting_user=council.manager, enquiry=enquiry, completed_on=date(2024, 6, 13),
                                  concerns_substantiated=True, icpc_needed=True, icpc_not_needed_reason="",
                                  rationale="Concerns substantiated.")
    enquiry.refresh_from_db()
    plan = conference(council, iro, kind=ConferenceKind.INITIAL, held_on=date(2024, 6, 20),
                      outcome=ConferenceOutcome.PLAN, category=AbuseCategory.PHYSICAL, enquiry=enquiry).plan
    conference(council, iro, kind=ConferenceKind.REVIEW, held_on=date(2024, 9, 19), outcome=ConferenceOutcome.END,
               plan=plan, end_reason=PlanEndReason.NO_LONGER_AT_RISK)
    return plan


@pytest.fixture
def episode(council, iro, refer):
    """Amara's 2025/26 episode, every step recorded through the services, in date order."""
    previous_plan(council, iro)

    # The front door: a contact from school on Tuesday 1 April 2025, decided as a referral.
    referral = refer(council.allocated, received_at=moment(date(2025, 4, 1)))
    referral = cin.referral_allocate(acting_user=council.manager, referral=referral, worker=council.worker,
                                     allocated_on=date(2025, 4, 2))

    # The assessment, with its factors, authorised by the manager.
    assessment = cin.assessment_start(acting_user=council.worker, referral=referral,
                                      assessment=Assessment(started_on=date(2025, 4, 3)))
    assessment.factors = [AssessmentFactor.NEGLECT, AssessmentFactor.MENTAL_HEALTH_PARENT,
                          AssessmentFactor.DOMESTIC_VIOLENCE_PARENT]
    assessment.primary_need = PrimaryNeed.ABUSE_OR_NEGLECT
    assessment.outcome = "cin_plan"
    assessment.analysis = "Mother is struggling; the children need support."
    cin.assessment_update(acting_user=council.worker, assessment=assessment, read_version=assessment.version)
    cin.assessment_submit(acting_user=council.worker, assessment=assessment)
    cin.assessment_authorise(acting_user=council.manager, assessment=assessment, authorised_on=date(2025, 4, 14),
                             rationale="A sound assessment: a plan is needed.", internal_review_on=date(2025, 4, 11))

    # A CIN plan from 15 April to 30 April, before the concerns grew.
    plan = cin.cin_plan_start(acting_user=council.worker, referral=referral,
                              plan=CinPlan(started_on=date(2025, 4, 15), needs="Food, routines, school attendance."))
    cin.cin_plan_end(acting_user=council.worker, plan=plan, ended_on=date(2025, 4, 30), read_version=plan.version)

    # A strategy discussion on Thursday 1 May 2025 starts the section 47 enquiry; a second one on 8 May belongs to it.
    enquiry = enquiry_started(council, held_on=date(2025, 5, 1))
    held_discussion(council, held_on=date(2025, 5, 8), enquiry=enquiry)
    protection.section_47_outcome(acting_user=council.manager, enquiry=enquiry, completed_on=date(2025, 5, 15),
                                  concerns_substantiated=True, icpc_needed=True, icpc_not_needed_reason="",
                                  rationale="Concerns substantiated; conference needed.")
    enquiry.refresh_from_db()

    # The initial conference on 20 May starts a plan for neglect; the first review changes it to emotional abuse, the
    # second keeps it, the third ends the plan.
    cp_plan = conference(council, iro, kind=ConferenceKind.INITIAL, held_on=date(2025, 5, 20),
                         outcome=ConferenceOutcome.PLAN, category=AbuseCategory.NEGLECT, enquiry=enquiry).plan
    conference(council, iro, kind=ConferenceKind.REVIEW, held_on=date(2025, 8, 12), outcome=ConferenceOutcome.CONTINUE,
               category=AbuseCategory.EMOTIONAL, plan=cp_plan)
    conference(council, iro, kind=ConferenceKind.REVIEW, held_on=date(2025, 11, 11),
               outcome=ConferenceOutcome.CONTINUE, category=AbuseCategory.EMOTIONAL, plan=cp_plan)
    conference(council, iro, kind=ConferenceKind.REVIEW, held_on=date(2026, 2, 10), outcome=ConferenceOutcome.END,
               plan=cp_plan, end_reason=PlanEndReason.LOOKED_AFTER)

    # Pre-proceedings from 1 September 2025, to care proceedings applied for on 12 January 2026.
    case = proceedings.pre_proceedings_start(acting_user=council.manager, children=[council.allocated],
                                             started_on=date(2025, 9, 1), rationale="Neglect continues on a plan.")
    proceedings.pre_proceedings_letter_record(acting_user=council.worker, pre_proceedings=case,
                                              sent_on=date(2025, 9, 5))
    meeting = proceedings.family_group_meeting_offer(
        acting_user=council.worker, pre_proceedings=case, kind=FamilyGroupMeetingKind.FAMILY_GROUP_CONFERENCE,
        offered_on=date(2025, 9, 5), offered_in_letter=True)
    for held_on in (date(2025, 9, 19), date(2025, 10, 31), date(2025, 12, 12)):
        proceedings.pre_proceedings_meeting_record(acting_user=council.worker, pre_proceedings=case, held_on=held_on)
    proceedings.family_group_meeting_held(acting_user=council.worker, meeting=meeting, held_on=date(2025, 10, 1),
                                          family_plan="Grandmother to care at weekends.",
                                          read_version=meeting.version)
    case.refresh_from_db()
    proceedings.pre_proceedings_step_decide(acting_user=council.manager, pre_proceedings=case,
                                            outcome=PreProceedingsOutcome.STEP_UP, decided_on=date(2026, 1, 9),
                                            rationale="No change despite the family's plan.")
    case.refresh_from_db()
    applied = proceedings.care_proceedings_apply(acting_user=council.worker, pre_proceedings=case,
                                                 application_on=date(2026, 1, 12))
    proceedings.parents_letter_record(acting_user=council.worker, proceedings=applied, sent_on=date(2026, 1, 13),
                                      read_version=applied.version)

    # The episode closes after the census year, on 30 June 2026.
    return cin.referral_close(acting_user=council.manager, referral=referral, closure_date=date(2026, 6, 30),
                              reason=ReasonForClosure.SERVICES_CEASED, rationale="Services are no longer needed.")


def test_every_field_of_cin_details_is_derived_from_the_records(episode):
    details = census.cin_details(episode)

    assert details.CINreferralDate == date(2025, 4, 1)
    assert details.ReferralSource == ReferralSource.SCHOOLS == "2A"
    assert details.PrimaryNeedCode == PrimaryNeed.ABUSE_OR_NEGLECT == "N1"
    assert details.CINclosureDate == date(2026, 6, 30)
    assert details.ReasonForClosure == ReasonForClosure.SERVICES_CEASED == "RC7"
    # The initial conference followed this episode's enquiry: it is given in the Section47 module, not here (2884).
    assert details.DateOfInitialCPC is None
    assert details.ReferralNFA is False

    (assessment,) = details.Assessments
    assert assessment.AssessmentActualStartDate == date(2025, 4, 3)
    assert assessment.AssessmentInternalReviewDate == date(2025, 4, 11)  # the manager's review before authorising
    assert assessment.AssessmentAuthorisationDate == date(2025, 4, 14)
    assert assessment.AssessmentFactors == ("16A", "4B", "3B")

    (cin_plan,) = details.CINPlanDates
    assert cin_plan.CINPlanStartDate == date(2025, 4, 15)
    assert cin_plan.CINPlanEndDate == date(2025, 4, 30)

    (section_47,) = details.Section47
    assert section_47.S47ActualStartDate == date(2025, 5, 1)
    # 15 working days from Thursday 1 May 2025, the early May bank holiday (Monday 5 May) not counted: Friday 23 May,
    # not the 22 May a count of weekdays gives; the later discussion on 8 May does not move the census target.
    assert section_47.InitialCPCtarget == date(2025, 5, 23)
    assert section_47.DateOfInitialCPC == date(2025, 5, 20)
    assert section_47.ICPCnotRequired is False

    (plan,) = details.ChildProtectionPlans  # the 2024 plan is before the episode: not in it
    assert plan.CPPstartDate == date(2025, 5, 20)
    assert plan.CPPendDate == date(2026, 2, 10)
    assert plan.InitialCategoryOfAbuse == AbuseCategory.NEGLECT == "NEG"
    assert plan.LatestCategoryOfAbuse == AbuseCategory.EMOTIONAL == "EMO"
    assert plan.NumberOfPreviousCPP == 1
    assert plan.CPPreviewDate == (date(2025, 8, 12), date(2025, 11, 11), date(2026, 2, 10))

    (pre_proceedings,) = details.PreProceedingsandFGDM
    assert pre_proceedings == {
        "PPStartDate": date(2025, 9, 1),
        "LBPSentDate": date(2025, 9, 5),
        "FGDMMeetingOffer": 1,
        "FGDMMeetingFac": 1,
        "InitialPPMeetingDate": date(2025, 9, 19),
        "ReviewMeetingsCount": 2,
        "StepDecisionDate": date(2026, 1, 9),
        "PPOutcome": PreProceedingsOutcome.STEP_UP,
        "CourtAppDate": date(2026, 1, 12),
        "LetterInitCPDate": date(2026, 1, 13),
    }


def test_the_census_year_return_is_as_at_its_reference_date(episode):
    (details,) = census.census_cin_details(episode.child, 2026)  # 1 April 2025 to 31 March 2026

    # Closed on 30 June 2026, after the reference date: open in this return.
    assert details.CINclosureDate is None and details.ReasonForClosure is None
    assert [plan.CPPendDate for plan in details.ChildProtectionPlans] == [date(2026, 2, 10)]
    assert details.Section47[0].DateOfInitialCPC == date(2025, 5, 20)
    assert details.PreProceedingsandFGDM[0]["CourtAppDate"] == date(2026, 1, 12)


def test_a_module_that_ended_before_the_census_year_is_left_out_of_its_return(episode):
    (details,) = census.census_cin_details(episode.child, 2027)  # 1 April 2026 to 31 March 2027

    assert details.CINclosureDate == date(2026, 6, 30)
    assert details.ReasonForClosure == ReasonForClosure.SERVICES_CEASED
    # The assessment, CIN plan, enquiry and CP plan all ended in 2025/26 (rules 4013, 8696, 8715, 8930).
    assert (details.Assessments, details.CINPlanDates, details.Section47, details.ChildProtectionPlans,
            details.PreProceedingsandFGDM) == ((), (), (), (), ())


def test_an_episode_after_the_census_year_is_not_in_its_return(episode):
    assert census.census_cin_details(episode.child, 2025) == []  # 1 April 2024 to 31 March 2025


def test_a_referral_with_no_further_action(council, refer):
    referral = refer(council.team_child, received_at=moment(date(2025, 6, 2)))
    cin.referral_close(acting_user=council.manager, referral=referral, closure_date=date(2025, 6, 3),
                       reason=ReasonForClosure.NO_FURTHER_ACTION, rationale="No need for a service.",
                       no_further_action=True)

    details = census.cin_details(referral)

    assert details.CINreferralDate == date(2025, 6, 2)
    assert details.ReferralSource == ReferralSource.SCHOOLS
    assert details.PrimaryNeedCode is None
    assert details.CINclosureDate == date(2025, 6, 3)
    assert details.ReasonForClosure == ReasonForClosure.NO_FURTHER_ACTION == "RC8"
    assert details.DateOfInitialCPC is None
    assert details.ReferralNFA is True
    assert (details.Assessments, details.CINPlanDates, details.Section47, details.ChildProtectionPlans,
            details.PreProceedingsandFGDM) == ((), (), (), (), ())


def test_an_enquiry_needing_no_conference_is_flagged_and_an_open_one_is_not(council, iro, refer):
    referral = refer(council.allocated, received_at=moment(date(2025, 6, 2)))
    cin.referral_allocate(acting_user=council.manager, referral=referral, worker=council.worker,
                          allocated_on=date(2025, 6, 2))
    decided = enquiry_started(council, held_on=date(2025, 6, 3))
    assert census.cin_details(referral).Section47[0].ICPCnotRequired is False  # still open
    protection.section_47_outcome(acting_user=council.manager, enquiry=decided, completed_on=date(2025, 6, 10),
                                  concerns_substantiated=False, icpc_needed=False,
                                  icpc_not_needed_reason="Concerns not substantiated.", rationale="No harm found.")

    (section_47,) = census.cin_details(referral).Section47
    assert section_47.ICPCnotRequired is True
    assert section_47.DateOfInitialCPC is None
    assert section_47.InitialCPCtarget == date(2025, 6, 24)


def test_a_childs_episodes_are_read_in_a_fixed_number_of_queries(episode, django_assert_num_queries):
    # Referrals with assessments, their CIN plans, enquiries, their conferences, CP plans, their categories, their
    # conferences, the child's initial conferences, pre-proceedings, their family meetings, their reviews: 11; and the
    # pre-proceedings app's census_items reads each case's care proceedings: one for the one case.
    with django_assert_num_queries(12):
        census.census_episodes(episode.child)


def test_on_a_day_in_the_year_each_step_is_as_it_stood_then(episode):
    period = census.CensusPeriod(start=date(2025, 4, 1), reference_date=date(2025, 10, 15))
    (details,) = census.census_episodes(episode.child, period=period)

    assert details.CINclosureDate is None
    (plan,) = details.ChildProtectionPlans
    assert (plan.CPPendDate, plan.LatestCategoryOfAbuse, plan.CPPreviewDate) == (None, "EMO", (date(2025, 8, 12),))
    (pre_proceedings,) = details.PreProceedingsandFGDM
    assert pre_proceedings == {
        "PPStartDate": date(2025, 9, 1), "LBPSentDate": date(2025, 9, 5), "FGDMMeetingOffer": 1,
        "FGDMMeetingFac": 1, "InitialPPMeetingDate": date(2025, 9, 19), "ReviewMeetingsCount": 0,
        "StepDecisionDate": None, "PPOutcome": None, "CourtAppDate": None, "LetterInitCPDate": None,
    }


def test_a_conference_for_an_earlier_episodes_enquiry_is_the_later_episodes_date_of_initial_cpc(council, iro, refer):
    first = refer(council.allocated, received_at=moment(date(2025, 6, 2)))
    enquiry = enquiry_started(council, held_on=date(2025, 6, 3))
    protection.section_47_outcome(acting_user=council.manager, enquiry=enquiry, completed_on=date(2025, 6, 10),
                                  concerns_substantiated=True, icpc_needed=True, icpc_not_needed_reason="",
                                  rationale="Concerns substantiated.")
    enquiry.refresh_from_db()
    cin.referral_close(acting_user=council.manager, referral=first, closure_date=date(2025, 6, 11),
                       reason=ReasonForClosure.SERVICES_CEASED, rationale="Family moved; returned the next day.")
    second = refer(council.allocated, received_at=moment(date(2025, 6, 12)))
    conference(council, iro, kind=ConferenceKind.INITIAL, held_on=date(2025, 6, 16), outcome=ConferenceOutcome.PLAN,
               category=AbuseCategory.NEGLECT, enquiry=enquiry)

    earlier, later = census.census_episodes(council.allocated)

    assert earlier.CINreferralDate == date(2025, 6, 2) and later.CINreferralDate == date(2025, 6, 12)
    assert earlier.Section47[0].DateOfInitialCPC is None and earlier.DateOfInitialCPC is None
    assert later.Section47 == () and later.DateOfInitialCPC == date(2025, 6, 16)
    assert [plan.CPPstartDate for plan in later.ChildProtectionPlans] == [date(2025, 6, 16)]
    assert census.cin_details(second) == later


# --- The XML against the copied schema, checked by lxml (hearth/returns/schema.py) -----------------------------------


def test_the_xml_of_an_episode_keeps_the_census_schema(episode):
    xml = census.cin_details_xml(census.cin_details(episode))

    assert schema.errors(xml) == []
    assert xml.findtext("Section47/InitialCPCtarget") == "2025-05-23"
    assert [node.tag for node in xml.find("Assessments")][:3] == [
        "AssessmentActualStartDate", "AssessmentInternalReviewDate", "AssessmentAuthorisationDate"]
    assert xml.findtext("Assessments/AssessmentInternalReviewDate") == "2025-04-11"
    assert [node.text for node in xml.findall("Assessments/FactorsIdentifiedAtAssessment/AssessmentFactors")] == [
        "16A", "4B", "3B"]
    assert [node.text for node in xml.findall("ChildProtectionPlans/Reviews/CPPreviewDate")] == [
        "2025-08-12", "2025-11-11", "2026-02-10"]
    assert xml.findtext("ReferralNFA") == "false"


def test_the_xml_of_a_referral_with_no_further_action_keeps_the_census_schema(council, refer):
    referral = refer(council.team_child, received_at=moment(date(2025, 6, 2)))
    cin.referral_close(acting_user=council.manager, referral=referral, closure_date=date(2025, 6, 3),
                       reason=ReasonForClosure.NO_FURTHER_ACTION, rationale="No need for a service.",
                       no_further_action=True)
    xml = census.cin_details_xml(census.cin_details(referral))

    assert schema.errors(xml) == []
    assert [node.tag for node in xml] == ["CINreferralDate", "ReferralSource", "CINclosureDate", "ReasonForClosure",
                                          "ReferralNFA"]
    assert xml.findtext("ReferralNFA") == "true"


def test_a_childs_first_plan_is_written_with_0_previous_plans_and_keeps_the_census_schema(council, iro, refer):
    referral = refer(council.allocated, received_at=moment(date(2025, 5, 1)))
    enquiry = enquiry_started(council, held_on=date(2025, 5, 1))
    protection.section_47_outcome(acting_user=council.manager, enquiry=enquiry, completed_on=date(2025, 5, 8),
                                  concerns_substantiated=True, icpc_needed=True, icpc_not_needed_reason="",
                                  rationale="Concerns substantiated.")
    enquiry.refresh_from_db()
    conference(council, iro, kind=ConferenceKind.INITIAL, held_on=date(2025, 5, 15), outcome=ConferenceOutcome.PLAN,
               category=AbuseCategory.NEGLECT, enquiry=enquiry)
    xml = census.cin_details_xml(census.cin_details(referral))

    assert xml.findtext("ChildProtectionPlans/NumberOfPreviousCPP") == "0"
    assert schema.errors(xml) == []


def test_the_copied_schema_takes_a_count_of_0_previous_plans_and_refuses_a_negative_one(council, iro, refer):
    referral = refer(council.allocated, received_at=moment(date(2025, 5, 1)))
    xml = census.cin_details_xml(census.cin_details(referral))
    plan = ElementTree.fromstring(
        "<ChildProtectionPlans><CPPstartDate>2025-05-15</CPPstartDate><InitialCategoryOfAbuse>NEG</InitialCategoryOfAbuse>"
        "<LatestCategoryOfAbuse>NEG</LatestCategoryOfAbuse><NumberOfPreviousCPP>-1</NumberOfPreviousCPP>"
        "</ChildProtectionPlans>")
    xml.append(plan)  # after ReferralNFA, as the schema orders them
    assert any("NumberOfPreviousCPP" in error for error in schema.errors(xml))
    plan.find("NumberOfPreviousCPP").text = "0"
    assert schema.errors(xml) == []


def test_the_schema_check_finds_an_element_out_of_order_and_a_code_outside_the_set():
    out_of_order = ElementTree.fromstring("<CINdetails><ReferralSource>1A</ReferralSource>"
                                          "<CINreferralDate>2025-04-01</CINreferralDate><ReferralNFA>false</ReferralNFA>"
                                          "</CINdetails>")
    outside_the_set = ElementTree.fromstring("<CINdetails><CINreferralDate>2025-04-01</CINreferralDate>"
                                             "<ReferralSource>9Z</ReferralSource><ReferralNFA>false</ReferralNFA>"
                                             "</CINdetails>")
    assert any("ReferralSource" in error and "Expected is ( CINreferralDate )" in error
               for error in schema.errors(out_of_order))
    assert any("'9Z' is not an element of the set" in error for error in schema.errors(outside_the_set))
