"""Parenting assessments by the parenting assessment team, including pre-birth assessments for unborn children."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from conftest import client_for, make_child, make_user
from hearth.accounts.roles import RoleCode
from hearth.casework.chronology import chronology_for
from hearth.casework.models import Allocation, Involvement, InvolvementRole
from hearth.children_in_need import services
from hearth.children_in_need.models import ParentingAssessment, ParentingAssessmentKind, ParentingRecommendation

from .conftest import days_ago


@pytest.fixture
def assessor(council):
    """A specialist worker in the other team, working with the allocated child as their parenting assessor."""
    user = make_user("assessor", RoleCode.SPECIALIST_WORKER, team=council.other_team)
    Involvement.objects.create(child=council.allocated, worker=user, role=InvolvementRole.PARENTING_ASSESSOR,
                               started_on=days_ago(20), recorded_by=council.manager)
    return user


def test_the_parenting_assessor_starts_and_completes_an_assessment_with_its_recommendation(
        council, allocated_referral, assessor):
    started = services.parenting_assessment_start(
        acting_user=assessor, referral=allocated_referral,
        assessment=ParentingAssessment(kind=ParentingAssessmentKind.PARENTING, parent="Mother, Sam Allocated",
                                       started_on=days_ago(5)))
    done = services.parenting_assessment_complete(
        acting_user=assessor, assessment=started, completed_on=timezone.localdate(),
        recommendation=ParentingRecommendation.CARE_WITH_SUPPORT, findings="Warm and responsive; needs routines.",
        read_version=started.version)
    assert done.assessor == assessor and done.completed_on == timezone.localdate()
    titles = [entry.title for entry in chronology_for(council.allocated) if entry.kind == "parenting_assessment"]
    assert "Parenting assessment of Mother, Sam Allocated started" in titles
    assert any(title.endswith("can care for the child with support") for title in titles)


def test_the_allocated_social_worker_is_not_the_parenting_assessor(council, allocated_referral):
    with pytest.raises(PermissionDenied):
        services.parenting_assessment_start(
            acting_user=council.worker, referral=allocated_referral,
            assessment=ParentingAssessment(kind=ParentingAssessmentKind.PARENTING, parent="Mother",
                                           started_on=timezone.localdate()))


def test_a_completion_before_the_start_is_refused_with_the_rule_named(council, allocated_referral, assessor):
    started = services.parenting_assessment_start(
        acting_user=assessor, referral=allocated_referral,
        assessment=ParentingAssessment(kind=ParentingAssessmentKind.PARENTING, parent="Father",
                                       started_on=days_ago(2)))
    with pytest.raises(ValidationError) as refused:
        services.parenting_assessment_complete(
            acting_user=assessor, assessment=started, completed_on=days_ago(3),
            recommendation=ParentingRecommendation.NOT_SAFE, findings="Findings.", read_version=started.version)
    assert refused.value.message_dict["completed_on"] == [
        "The completion date must be on or after the assessment's start date"]


def test_a_pre_birth_assessment_is_only_for_an_unborn_child(council, allocated_referral, assessor, refer):
    with pytest.raises(ValidationError) as refused:
        services.parenting_assessment_start(
            acting_user=assessor, referral=allocated_referral,
            assessment=ParentingAssessment(kind=ParentingAssessmentKind.PRE_BIRTH, parent="Mother",
                                           started_on=timezone.localdate()))
    assert "kind" in refused.value.message_dict
    unborn = make_child(council.manager, first_name="Baby", last_name="Example", date_of_birth=None,
                        expected_date_of_birth=timezone.localdate() + timedelta(days=60))
    Allocation.objects.create(child=unborn, team=council.team, worker=council.worker, started_on=days_ago(30),
                              recorded_by=council.manager)
    Involvement.objects.create(child=unborn, worker=assessor, role=InvolvementRole.PARENTING_ASSESSOR,
                               started_on=days_ago(5), recorded_by=council.manager)
    referral = refer(unborn)
    pre_birth = services.parenting_assessment_start(
        acting_user=assessor, referral=referral,
        assessment=ParentingAssessment(kind=ParentingAssessmentKind.PRE_BIRTH, parent="Mother, Kim Example",
                                       started_on=timezone.localdate()))
    assert pre_birth.kind == ParentingAssessmentKind.PRE_BIRTH


def test_the_assessor_sees_the_episode_and_starts_an_assessment_from_its_page(council, allocated_referral, assessor):
    url = f"/children/{council.allocated.pk}/children-in-need/{allocated_referral.pk}/"
    client = client_for(assessor)
    assert "Start a parenting assessment" in client.get(url).content.decode()
    today = timezone.localdate()
    response = client.post(url + "parenting/new", {"kind": "parenting", "parent": "Mother", "started_on-day": today.day,
                                                    "started_on-month": today.month, "started_on-year": today.year})
    assert response.status_code == 302
    assert ParentingAssessment.objects.get().assessor == assessor
    assert "Start a parenting assessment" not in client_for(council.worker).get(url).content.decode()
