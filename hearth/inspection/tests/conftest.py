"""Inspection fixtures: the council's coordinator (a senior leader) and the 2024 inspection with its two points."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from hearth.inspection import services
from hearth.inspection.frameworks import InspectionKind
from hearth.inspection.models import Inspection

POINTS = ["The management of contacts within Family Connect.",
          "The consistency of making children aged 16 and 17 years old who present as homeless aware of their "
          "rights and entitlements."]
GRADES_2024 = {"leaders": "1", "help_and_protection": "2", "children_in_care": "1", "care_leavers": "1",
               "overall": "1"}


@pytest.fixture
def coordinator(council):
    return council.leader


@pytest.fixture
def inspection_2024(council):
    return services.inspection_record(
        acting_user=council.leader, grades=GRADES_2024, points=POINTS,
        inspection=Inspection(local_authority="Telford and Wrekin Council", kind=InspectionKind.SHORT_ILACS,
                              started_on=date(2024, 4, 29), ended_on=date(2024, 5, 3), lead_inspector="Rebecca Quested",
                              report_received_on=date(2024, 7, 12), report_published_on=date(2024, 7, 12)))


@pytest.fixture
def plan(council, inspection_2024):
    return services.action_plan_start(acting_user=council.leader, inspection=inspection_2024)


@pytest.fixture
def visit_now(council):
    """A focused visit under way today, with the allocated child and the team's child in its sample."""
    today = timezone.localdate()
    visit = services.inspection_record(acting_user=council.leader, grades={}, inspection=Inspection(
        local_authority="Wrekinshire Council", kind=InspectionKind.FOCUSED_VISIT, started_on=today - timedelta(days=1),
        ended_on=today + timedelta(days=1), lead_inspector="An Inspector"))
    services.sample_add(acting_user=council.leader, inspection=visit,
                        la_child_ids=[council.allocated.la_child_id, council.team_child.la_child_id],
                        list_name="Children in need")
    return visit


@pytest.fixture
def visiting_inspector(council, visit_now):
    account = services.inspector_account_create(
        acting_user=council.leader, inspection=visit_now, first_name="Visiting", last_name="Inspector",
        email="visiting@ofsted.example", username="visiting", password="a-long-test-password")
    return account.user
