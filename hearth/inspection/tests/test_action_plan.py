"""The action plan: its deadline 70 working days from the report's receipt, actions with owners and due dates,
the owner's updates (each kept) and evidence, and the progress report as a page and as a PDF."""

import shutil
import subprocess
from datetime import UTC, date, datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from conftest import client_for, make_user
from hearth.accounts.roles import RoleCode
from hearth.inspection import clocks, selectors, services
from hearth.inspection.models import ActionUpdate, Inspection
from hearth.timescales import clocks as registry
from hearth.timescales.calendar import calendar_for
from hearth.timescales.clocks import LONDON


def test_the_plan_clock_is_registered():
    assert registry.get("inspection.action_plan") is clocks.ACTION_PLAN


def test_action_plan_due_70_working_days_after_receipt_across_the_august_bank_holiday():
    # Received Friday 12 July 2024: 70 working days, not counting Monday 26 August, is Monday 21 October.
    due = registry.due_at(clocks.ACTION_PLAN, datetime(2024, 7, 12, 9, tzinfo=LONDON), calendar_for())
    assert due.astimezone(LONDON).date() == date(2024, 10, 21)
    # Had it been received on 10 June 2024, the plan would have been due on 17 September.
    due = registry.due_at(clocks.ACTION_PLAN, datetime(2024, 6, 10, 9, tzinfo=LONDON), calendar_for())
    assert due.astimezone(LONDON).date() == date(2024, 9, 17)


def test_a_local_closure_day_moves_the_plan_deadline(council, inspection_2024):
    from hearth.timescales.models import LocalClosureDay

    closure = LocalClosureDay.objects.create(day=date(2024, 8, 27), reason="Council closure")
    reading = selectors.plan_deadline(inspection_2024, datetime(2024, 9, 2, tzinfo=UTC))
    assert reading.due_at.astimezone(LONDON).date() == date(2024, 10, 22)
    closure.delete()  # the test's rollback would leave the cached calendar with the closure


def test_the_plan_deadline_shows_time_left_and_is_met_by_its_submission(council, inspection_2024, plan):
    reading = selectors.plan_deadline(inspection_2024, datetime(2024, 10, 14, 12, tzinfo=LONDON))
    assert reading.working_days_remaining == 5 and reading.status == "amber"
    plan.submitted_on = date(2024, 10, 18)
    plan.save()
    inspection = Inspection.objects.select_related("action_plan").get(pk=inspection_2024.pk)
    reading = selectors.plan_deadline(inspection, datetime(2024, 11, 7, tzinfo=LONDON))
    assert reading.is_complete and reading.met


def test_the_submission_is_recorded_through_the_plan_page(council, inspection_2024, plan):
    response = client_for(council.leader).post(f"/inspection/{inspection_2024.pk}/plan", {
        "submitted_on-day": "18", "submitted_on-month": "10", "submitted_on-year": "2024"})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.submitted_on == date(2024, 10, 18) and plan.submitted_by == council.leader


def add(council, plan, **changes):
    values = dict(acting_user=council.leader, plan=plan, point=plan.inspection.improvement_points.first(),
                  description="Review how contacts are managed", owner=council.manager, due_on=date(2024, 12, 20))
    values.update(changes)
    return services.action_add(**values)


def test_an_action_without_an_owner_or_a_due_date_is_refused(council, plan):
    with pytest.raises(ValidationError) as refused:
        add(council, plan, owner=None, due_on=None)
    assert set(refused.value.message_dict) == {"owner", "due_on"}
    assert not plan.actions.exists()


def test_the_action_form_shows_the_refusals_beside_the_fields_and_keeps_what_was_typed(council, plan):
    point = plan.inspection.improvement_points.first()
    response = client_for(council.leader).post(f"/inspection/{plan.inspection_id}/plan/actions/new", {
        "point": point.pk, "description": "Review how contacts are managed", "owner": ""})
    page = response.content.decode()
    assert 'id="id_owner-error"' in page and "Choose who owns this action" in page
    assert 'id="id_due_on-error"' in page and "Enter the date the action is due" in page
    assert "Review how contacts are managed</textarea>" in page


def test_only_the_owner_reports_progress_and_every_update_is_kept(council, plan):
    action = add(council, plan)
    with pytest.raises(PermissionDenied):
        services.action_progress_record(acting_user=council.leader, action=action, status="red", note="Late")
    services.action_progress_record(acting_user=council.manager, action=action, status="amber", note="Options drafted")
    services.action_progress_record(acting_user=council.manager, action=action, status="green", note="In use")
    action.refresh_from_db()
    assert action.status == "green"
    assert list(ActionUpdate.objects.filter(action=action).order_by("id").values_list("status", "author")) == [
        ("amber", council.manager.pk), ("green", council.manager.pk)]


def test_an_update_needs_a_note(council, plan):
    with pytest.raises(ValidationError) as refused:
        services.action_progress_record(acting_user=council.manager, action=add(council, plan), status="green", note=" ")
    assert "note" in refused.value.message_dict


def test_evidence_links_a_live_measure_with_its_address(council, plan):
    evidence = services.evidence_add(acting_user=council.manager, action=add(council, plan), kind="measure",
                                     title="", measure="front_door.recording")
    assert evidence.title == "Front door: decisions and advice on record"
    assert evidence.url.startswith("/front-door/performance?view=outcomes")


def test_evidence_from_outside_hearth_must_be_a_secure_address(council, plan):
    with pytest.raises(ValidationError) as refused:
        services.evidence_add(acting_user=council.manager, action=add(council, plan), kind="document",
                              title="Protocol", url="javascript:alert(1)")
    assert "url" in refused.value.message_dict


@pytest.fixture
def plan_with_evidence(council, plan):
    action = add(council, plan)
    services.evidence_add(acting_user=council.manager, action=action, kind="measure", title="",
                          measure="front_door.timeliness")
    services.evidence_add(acting_user=council.manager, action=action, kind="audit", title="Contacts audit, October",
                          url="/front-door/")
    services.action_progress_record(acting_user=council.manager, action=action, status="amber",
                                    note="Linked contacts in use from 4 November")
    add(council, plan, point=plan.inspection.improvement_points.last(), description="Appoint a senior lead")
    return plan


def test_the_progress_report_shows_each_action_its_evidence_and_the_figures_behind_it(council, plan_with_evidence):
    page = client_for(council.leader).get(f"/inspection/{plan_with_evidence.inspection_id}/plan/progress-report")
    text = page.content.decode()
    assert page.status_code == 200
    assert "Review how contacts are managed" in text and "Appoint a senior lead" in text
    assert "Linked contacts in use from 4 November" in text
    assert "Front door: decisions within one working day" in text and "All contacts decided" in text
    assert "Contacts audit, October" in text


def test_the_progress_report_as_of_an_earlier_date_leaves_out_later_updates(council, plan_with_evidence):
    text = client_for(council.leader).get(
        f"/inspection/{plan_with_evidence.inspection_id}/plan/progress-report?as_of-day=1&as_of-month=1"
        "&as_of-year=2024&audience=cabinet").content.decode()
    assert "Linked contacts in use from 4 November" not in text
    assert "None by this date" in text and "Cabinet" in text


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_the_progress_report_pdf_holds_the_same_text(council, plan_with_evidence, tmp_path):
    response = client_for(council.leader).get(
        f"/inspection/{plan_with_evidence.inspection_id}/plan/progress-report.pdf?audience=scrutiny")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(response.content)
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True)
                    .stdout.split())
    assert "Progress report on the action plan" in text
    assert "Children and Young People Scrutiny Committee" in text
    assert "The management of contacts within Family Connect." in text
    assert "Review how contacts are managed" in text and "Linked contacts in use from 4 November" in text
    assert "All contacts decided" in text


def test_a_worker_cannot_read_the_plan(council, plan):
    assert client_for(council.worker).get(f"/inspection/{plan.inspection_id}/plan").status_code == 403


def test_an_owner_sees_their_actions_on_the_home_page(council, plan):
    add(council, plan)
    owner = make_user("owner", RoleCode.TEAM_MANAGER)
    add(council, plan, owner=owner, description="Publish the leaflet for 16- and 17-year-olds")
    page = client_for(owner).get("/", follow=True).content.decode()  # a manager lands on My work
    assert "Your actions in inspection action plans" in page and "Publish the leaflet" in page
    assert "Review how contacts are managed" not in page
