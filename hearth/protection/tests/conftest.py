"""Fixtures for child protection: an IRO involved with the allocated child, and each step of the journey."""

from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone

from conftest import make_user
from hearth.accounts.models import ServiceArea, Team
from hearth.accounts.roles import RoleCode
from hearth.casework.models import Involvement, InvolvementRole
from hearth.people.models import Person, PersonKind, Relationship, RelationshipKind
from hearth.protection import services
from hearth.protection.models import Agency, ConferenceKind, ConferenceOutcome, Participation
from hearth.reference.codes import AbuseCategory


def moment(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def days_ago(n: int) -> date:
    return timezone.localdate() - timedelta(days=n)


@pytest.fixture
def iro(council):
    team = Team.objects.create(name="Safeguarding and Reviewing", service_area=ServiceArea.SAFEGUARDING)
    user = make_user("iro", RoleCode.IRO, team=team)
    Involvement.objects.create(child=council.allocated, worker=user, role=InvolvementRole.IRO,
                               started_on=date(2024, 1, 1), recorded_by=council.manager)
    return user


@pytest.fixture
def other_iro(council):
    return make_user("otheriro", RoleCode.IRO, team=council.other_team)


@pytest.fixture
def parent(council):
    mother = Person.objects.create(kind=PersonKind.ADULT, first_name="Maya", last_name="Allocated",
                                   created_by=council.manager)
    Relationship.objects.create(person=mother, relative=council.allocated, kind=RelationshipKind.PARENT,
                                has_parental_responsibility=True, recorded_by=council.manager)
    return mother


def held_discussion(council, *, held_on: date, enquiry=None):
    discussion = services.strategy_discussion_start(acting_user=council.worker, child=council.allocated,
                                                    reason="Bruising seen at school", enquiry=enquiry)
    discussion.requested_at = moment(held_on, 9)
    discussion.save()
    return services.strategy_discussion_hold(
        acting_user=council.worker, discussion=discussion, held_at=moment(held_on), chair=council.manager,
        agencies=[Agency.POLICE, Agency.HEALTH], other_agencies="", information_shared="Police hold no record.",
        immediate_safety_actions="Child stays with grandmother tonight.", see_child_by=held_on)


def started_enquiry(council, *, held_on: date):
    discussion = held_discussion(council, held_on=held_on)
    services.strategy_discussion_decide(acting_user=council.manager, discussion=discussion, start_enquiry=True,
                                        rationale="Injury unexplained; threshold for s47 met.")
    return discussion.started_enquiry


def enquiry_to_conference(council, *, held_on: date):
    enquiry = started_enquiry(council, held_on=held_on)
    return services.section_47_outcome(acting_user=council.manager, enquiry=enquiry, completed_on=held_on,
                                       concerns_substantiated=True, icpc_needed=True, icpc_not_needed_reason="",
                                       rationale="Concerns substantiated; conference needed.")


def initial_conference(council, iro, enquiry, *, held_on: date, category=AbuseCategory.PHYSICAL):
    return services.conference_record(
        acting_user=iro, child=council.allocated, kind=ConferenceKind.INITIAL, enquiry=enquiry, held_on=held_on,
        chair=iro, child_participation=Participation.ADVOCATE, child_views="I want to stay at home.",
        attendees=[("PC Jones", Agency.POLICE), ("Nurse Patel", Agency.HEALTH)], parents=[],
        outcome=ConferenceOutcome.PLAN, category=category, end_reason="", rationale="Risk of significant harm.")


@pytest.fixture
def open_plan(council, iro):
    """A plan started at an initial conference 20 days ago, from an enquiry begun the same day."""
    start = days_ago(20)
    enquiry = enquiry_to_conference(council, held_on=start)
    return initial_conference(council, iro, enquiry, held_on=start).plan
