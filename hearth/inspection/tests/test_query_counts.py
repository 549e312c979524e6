"""Each inspection page reads a fixed number of queries, however many inspections, actions, updates, evidence,
sampled children or views there are (no N+1)."""

from datetime import date

import pytest

from conftest import client_for, make_child
from hearth.inspection import services
from hearth.inspection.models import Inspection

PAGE_BUDGET = 15


@pytest.fixture
def busy(council, inspection_2024, plan, visit_now, visiting_inspector):
    for year in range(2010, 2022, 2):
        services.inspection_record(acting_user=council.leader, grades={"overall": "2"}, points=["A point"],
                                   inspection=Inspection(local_authority=inspection_2024.local_authority, kind="sif",
                                                         started_on=date(year, 3, 1), ended_on=date(year, 3, 20)))
    for point in inspection_2024.improvement_points.all():
        for n in range(6):
            action = services.action_add(acting_user=council.leader, plan=plan, point=point,
                                         description=f"Action {n}", owner=council.manager, due_on=date(2025, 1, n + 1),
                                         milestones=[services.MilestonePlan("First step", date(2024, 11, n + 1))])
            for measure in ("front_door.timeliness", "front_door.recording", "front_door.chains"):
                services.evidence_add(acting_user=council.manager, action=action, kind="measure", title="",
                                      measure=measure)
            services.evidence_add(acting_user=council.manager, action=action, kind="audit", title="Audit",
                                  url="/front-door/")
            for status in ("amber", "green"):
                services.action_progress_record(acting_user=council.manager, action=action, status=status, note="Done")
    children = [make_child(council.manager, first_name=f"Sampled{n}") for n in range(12)]
    services.sample_add(acting_user=council.leader, inspection=visit_now,
                        la_child_ids=[child.la_child_id for child in children], list_name="More")
    inspector = client_for(visiting_inspector)
    for child in children[:5] + [council.allocated]:
        inspector.get(f"/children/{child.pk}/")
    return {"inspection": inspection_2024, "plan": plan, "visit": visit_now,
            "action": plan.actions.first(), "inspector": visiting_inspector}


def pages(busy):
    i, v = busy["inspection"].pk, busy["visit"].pk
    return {
        "register": ("leader", "/inspection/"),
        "judgements over time": ("leader", "/inspection/judgements?council=Telford and Wrekin Council"),
        "record an inspection": ("leader", "/inspection/new"),
        "change an inspection": ("leader", f"/inspection/{i}/change"),
        "inspection": ("leader", f"/inspection/{i}/"),
        "action plan": ("leader", f"/inspection/{i}/plan"),
        "add an action": ("leader", f"/inspection/{i}/plan/actions/new"),
        "action": ("manager", f"/inspection/actions/{busy['action'].pk}"),
        "progress report": ("leader", f"/inspection/{i}/plan/progress-report"),
        "inspectors' access": ("leader", f"/inspection/{v}/access"),
        "inspectors' views": ("leader", f"/inspection/{v}/access/views"),
        "case sample": ("inspector", "/inspection/sample"),
        "inspector's home": ("inspector", "/inspection/sample"),  # where an inspector lands
        "owner's home": ("manager", "/my-work"),  # where a manager lands
    }


PAGE_NAMES = ["register", "judgements over time", "record an inspection", "change an inspection", "inspection",
              "action plan", "add an action", "action", "progress report", "inspectors' access", "inspectors' views",
              "case sample", "inspector's home", "owner's home"]


@pytest.mark.parametrize("page", PAGE_NAMES)
def test_inspection_page_reads_within_the_query_budget(council, busy, django_assert_max_num_queries, page):
    who, url = pages(busy)[page]
    user = {"leader": council.leader, "manager": council.manager, "inspector": busy["inspector"]}[who]
    client = client_for(user)
    client.get(url)  # a first visit warms per-process caches (the calendar)
    with django_assert_max_num_queries(PAGE_BUDGET):
        response = client.get(url)
    assert response.status_code == 200


def test_the_pages_listed_are_every_page(busy):
    assert sorted(pages(busy)) == sorted(PAGE_NAMES)
