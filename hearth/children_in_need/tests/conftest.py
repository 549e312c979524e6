"""Children in need fixtures: referrals made as the front door makes them, and a way to walk an episode on."""

from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from conftest import earlier_today
from hearth.children_in_need import services
from hearth.children_in_need.models import Assessment, CinPlan, Referral
from hearth.children_in_need.outcomes import REFERRAL
from hearth.front_door import services as front_door
from hearth.front_door.models import Channel, ConsentNotApplicableReason, ConsentStatus, Contact
from hearth.reference.codes import AssessmentFactor, PrimaryNeed, ReferralSource


@pytest.fixture
def refer(council, fd_manager):
    """refer(child, received_at=...): a contact about the child, decided at the front door as a referral."""

    def make(child, received_at: datetime | None = None) -> Referral:
        contact = front_door.contact_record(acting_user=council.adviser, children=[child], contact=Contact(
            received_at=received_at or earlier_today(hours=2), channel=Channel.PHONE,
            referrer_name="Jo Bloggs", referrer_agency="Oakfield Primary School", source=ReferralSource.SCHOOLS,
            concern="Came to school hungry.", consent=ConsentStatus.NOT_APPLICABLE,
            consent_not_applicable_reason=ConsentNotApplicableReason.PARENT_MADE_CONTACT))
        contact_child = contact.children.get(child=child)
        front_door.contact_decide(acting_user=fd_manager, contact_child=contact_child, outcome=REFERRAL.code,
                                  rationale="Needs a social work assessment.", details_in_order=True,
                                  consent_in_order=True)
        return Referral.objects.get(contact_child=contact_child)

    return make


def days_ago(n: int) -> date:
    return timezone.localdate() - timedelta(days=n)


@pytest.fixture
def allocated_referral(council, refer):
    """A referral of the allocated child, received ten days ago and allocated to their worker."""
    referral = refer(council.allocated, received_at=timezone.now() - timedelta(days=10))
    return services.referral_allocate(acting_user=council.manager, referral=referral, worker=council.worker,
                                      allocated_on=days_ago(9))


@pytest.fixture
def started_assessment(council, allocated_referral) -> Assessment:
    return services.assessment_start(acting_user=council.worker, referral=allocated_referral,
                                     assessment=Assessment(started_on=days_ago(8)))


def fill_and_submit(council, assessment: Assessment) -> Assessment:
    assessment.factors = [AssessmentFactor.NEGLECT, AssessmentFactor.MENTAL_HEALTH_PARENT]
    assessment.primary_need = PrimaryNeed.ABUSE_OR_NEGLECT
    assessment.outcome = "cin_plan"
    assessment.analysis = "Mother is struggling; the children need support."
    services.assessment_update(acting_user=council.worker, assessment=assessment, read_version=assessment.version)
    return services.assessment_submit(acting_user=council.worker, assessment=assessment)


@pytest.fixture
def plan(council, started_assessment) -> CinPlan:
    submitted = fill_and_submit(council, started_assessment)
    services.assessment_authorise(acting_user=council.manager, assessment=submitted, authorised_on=days_ago(2),
                                  rationale="A sound assessment: a plan is needed.")
    return services.cin_plan_start(acting_user=council.worker, referral=started_assessment.referral,
                                   plan=CinPlan(started_on=days_ago(1), needs="Food, routines, school attendance."))
