"""The register: what each type of inspection grades, refusals beside the field, and judgements over time."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from conftest import client_for
from hearth.inspection import selectors, services
from hearth.inspection.frameworks import InspectionKind, JudgementArea, areas_judged
from hearth.inspection.models import Inspection
from hearth.inspection.tests.conftest import GRADES_2024, POINTS

A = JudgementArea


def new_inspection(kind, started_on, **fields):
    return Inspection(local_authority="Shropshire Council", kind=kind, started_on=started_on,
                      ended_on=started_on.replace(day=min(started_on.day + 4, 28)), lead_inspector="An Inspector", **fields)


def test_ilacs_from_2023_grades_children_in_care_and_care_leavers_apart():
    assert areas_judged(InspectionKind.STANDARD_ILACS, date(2024, 4, 29)) == (
        A.LEADERS, A.HELP_AND_PROTECTION, A.CHILDREN_IN_CARE, A.CARE_LEAVERS, A.OVERALL)


def test_ilacs_before_2023_graded_children_in_care_and_care_leavers_together():
    assert areas_judged(InspectionKind.SHORT_ILACS, date(2022, 2, 7)) == (
        A.LEADERS, A.HELP_AND_PROTECTION, A.CHILDREN_IN_CARE_AND_CARE_LEAVERS, A.OVERALL)


@pytest.mark.parametrize("kind", [InspectionKind.FOCUSED_VISIT, InspectionKind.JTAI, InspectionKind.MONITORING_VISIT])
def test_visits_grade_nothing(kind):
    assert areas_judged(kind, date(2024, 1, 1)) == ()


def test_an_inspection_is_recorded_with_its_grades_and_points(council, inspection_2024):
    assert inspection_2024.grades() == GRADES_2024
    assert [p.text for p in inspection_2024.improvement_points.all()] == POINTS


def test_a_grade_for_an_area_a_focused_visit_does_not_judge_is_refused_and_nothing_is_saved(council):
    with pytest.raises(ValidationError) as refused:
        services.inspection_record(acting_user=council.leader, grades={"overall": "2"},
                                   inspection=new_inspection(InspectionKind.FOCUSED_VISIT, date(2024, 3, 4)))
    assert "grade_overall" in refused.value.message_dict
    assert not Inspection.objects.exists()


def test_a_care_leavers_grade_alone_is_refused_for_an_ilacs_inspection_before_2023(council):
    with pytest.raises(ValidationError) as refused:
        services.inspection_record(acting_user=council.leader, grades={"care_leavers": "2"},
                                   inspection=new_inspection(InspectionKind.SHORT_ILACS, date(2022, 2, 7)))
    assert "does not grade this area" in refused.value.message_dict["grade_care_leavers"][0]


def test_a_grade_outside_the_four_is_refused(council):
    with pytest.raises(ValidationError) as refused:
        services.inspection_record(acting_user=council.leader, grades={"overall": "5"},
                                   inspection=new_inspection(InspectionKind.STANDARD_ILACS, date(2024, 3, 4)))
    assert "grade_overall" in refused.value.message_dict


def form_data(**changes):
    data = {"local_authority": "Shropshire Council", "kind": "focused_visit", "started_on-day": "4",
            "started_on-month": "3", "started_on-year": "2024", "ended_on-day": "6", "ended_on-month": "3",
            "ended_on-year": "2024", "lead_inspector": "An Inspector", "points": ""}
    data.update(changes)
    return data


def test_the_form_shows_the_refusal_of_a_grade_beside_its_field_and_keeps_what_was_typed(council):
    response = client_for(council.leader).post("/inspection/new", form_data(grade_overall="2"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert 'id="id_grade_overall-error"' in page and "A focused visit grades nothing" in page
    assert 'value="An Inspector"' in page
    assert not Inspection.objects.exists()


def test_the_form_refuses_a_grade_outside_the_four_beside_its_field(council):
    response = client_for(council.leader).post("/inspection/new", form_data(kind="standard_ilacs", grade_overall="9"))
    page = response.content.decode()
    assert 'id="id_grade_overall-error"' in page and "Select a valid choice" in page


def test_only_the_coordinator_records_inspections(council):
    assert client_for(council.manager).get("/inspection/new").status_code == 403
    assert client_for(council.worker).get("/inspection/").status_code == 403


def test_the_coordinator_records_an_inspection_through_the_form(council):
    response = client_for(council.leader).post("/inspection/new", form_data(
        kind="short_ilacs", **{"started_on-day": "29", "started_on-month": "4", "ended_on-day": "3",
                               "ended_on-month": "5"}, grade_help_and_protection="2", grade_overall="1",
        points="First point.\nSecond point."))
    inspection = Inspection.objects.get()
    assert response.status_code == 302
    assert inspection.grades() == {"help_and_protection": "2", "overall": "1"}
    assert inspection.improvement_points.count() == 2


def test_judgements_over_time_list_each_area_by_inspection_and_leave_visits_out(council, inspection_2024):
    services.inspection_record(acting_user=council.leader, grades={}, inspection=Inspection(
        local_authority=inspection_2024.local_authority, kind=InspectionKind.FOCUSED_VISIT,
        started_on=date(2022, 6, 6), ended_on=date(2022, 6, 8)))
    services.inspection_record(acting_user=council.leader, grades={"overall": "3"}, inspection=Inspection(
        local_authority=inspection_2024.local_authority, kind=InspectionKind.SIF,
        started_on=date(2016, 6, 1), ended_on=date(2016, 7, 29)))
    areas = {history.area: history.rows for history in selectors.judgements_over_time(inspection_2024.local_authority)}
    assert [grade for _, grade in areas[A.OVERALL]] == ["3", "1"]
    assert all(item.kind != InspectionKind.FOCUSED_VISIT for rows in areas.values() for item, _ in rows)
    assert [grade for _, grade in areas[A.ADOPTION]] == [""]  # graded in 2016, not recorded
    page = client_for(council.manager).get("/inspection/judgements?council=Telford and Wrekin Council").content.decode()
    assert "Requires improvement to be good" in page and "govuk-tag" in page


def test_the_report_is_attached_and_its_size_is_limited(council, inspection_2024):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_for(council.leader)
    response = client.post(f"/inspection/{inspection_2024.pk}/report/upload",
                           {"report": SimpleUploadedFile("report.txt", b"Inspection of Telford", "text/plain")})
    assert response.status_code == 302
    assert client.get(f"/inspection/{inspection_2024.pk}/report").content == b"Inspection of Telford"
    big = SimpleUploadedFile("big.txt", b"x" * (services.REPORT_MAX_BYTES + 1), "text/plain")
    response = client.post(f"/inspection/{inspection_2024.pk}/report/upload", {"report": big})
    assert "The file must be smaller than 10 MB" in response.content.decode()
