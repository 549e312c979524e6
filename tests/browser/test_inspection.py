"""The inspection cycle, end to end in a real browser; each test is named for the behaviour.

The coordinator records an inspection with its judgements and its points of what needs to improve, builds
the action plan with owned actions, an owner reports progress with evidence, and the scrutiny committee's
progress report is downloaded as a PDF. An inspector on a visit reads only the case sample, every view
logged, and is refused once the visit has ended. Every page reached is checked with axe-core (conftest.py).
"""

import shutil
import subprocess
from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from hearth.accounts.models import AccessEvent
from hearth.inspection.models import Action, ActionUpdate, Inspection, InspectorAccount

from .conftest import PASSWORD
from .test_front_door import error_summary, fill_date, h1, success_banner

POINTS = ("The management of contacts within Family Connect.\n"
          "The consistency of making children aged 16 and 17 years old who present as homeless aware of their "
          "rights and entitlements.")


def choose_grade(page, area: str, grade: str) -> None:
    page.get_by_label(area, exact=True).select_option(label=grade)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_coordinator_records_the_inspection_builds_the_plan_an_owner_reports_and_scrutiny_gets_a_pdf(
        visitor, another_visitor, council, tmp_path):
    page = visitor.page
    visitor.sign_in("leader")
    visitor.nav("Inspections")
    visitor.follow(page.get_by_role("button", name="Record an inspection"))
    expect(h1(page)).to_have_text("Record an inspection")

    page.get_by_label("Council inspected").fill("Telford and Wrekin Council")
    page.get_by_role("group", name="Type of inspection").get_by_label("Short ILACS inspection").check()
    fill_date(page, "First day of the inspection", date(2024, 4, 29))
    fill_date(page, "Last day of the inspection", date(2024, 5, 3))
    page.get_by_label("Lead inspector").fill("Rebecca Quested")
    fill_date(page, "Date the final report was received", date(2024, 7, 12))
    fill_date(page, "Date the report was published", date(2024, 7, 12))
    choose_grade(page, "The impact of leaders on social work practice with children and families", "Outstanding")
    choose_grade(page, "The experiences and progress of children who need help and protection", "Good")
    choose_grade(page, "The experiences and progress of children in care", "Outstanding")
    choose_grade(page, "The experiences and progress of care leavers", "Outstanding")
    # A grade the 2023 framework does not give: refused beside its field, and nothing typed is lost.
    choose_grade(page, "The experiences and progress of children in care and care leavers", "Good")
    choose_grade(page, "Overall effectiveness", "Outstanding")
    page.get_by_label("What needs to improve").fill(POINTS)
    visitor.follow(page.get_by_role("button", name="Save the inspection"))
    expect(error_summary(page)).to_contain_text("does not grade this area")
    expect(page.get_by_label("Lead inspector")).to_have_value("Rebecca Quested")
    choose_grade(page, "The experiences and progress of children in care and care leavers", "Not graded")
    visitor.follow(page.get_by_role("button", name="Save the inspection"))

    expect(success_banner(page)).to_contain_text("Recorded the short ilacs inspection")
    judgements = page.get_by_role("table", name="Judgements of this inspection")
    expect(judgements.get_by_role("row").filter(has_text="help and protection")).to_contain_text("Good")
    expect(judgements.get_by_role("row").filter(has_text="Overall effectiveness")).to_contain_text("Outstanding")
    expect(page.get_by_text("Due by 21 October 2024")).to_be_visible()

    visitor.follow(page.get_by_role("button", name="Start the action plan"))
    expect(h1(page)).to_have_text("Action plan")
    visitor.follow(page.get_by_role("link", name="Add an action for point 1"))
    visitor.follow(page.get_by_role("button", name="Add the action"))
    expect(error_summary(page)).to_contain_text("Choose who owns this action")
    expect(error_summary(page)).to_contain_text("Enter the date the action is due")
    page.get_by_label("The action").fill("Review how contacts are managed in Family Connect")
    page.get_by_label("Owner").select_option(label="Manager Tester")
    fill_date(page, "Due", date(2024, 12, 20))
    page.get_by_label("First milestone", exact=True).fill("Options paper to the senior management team")
    fill_date(page, "First milestone due", date(2024, 9, 24))
    visitor.follow(page.get_by_role("button", name="Add the action"))
    expect(success_banner(page)).to_contain_text("Added the action")
    visitor.follow(page.get_by_role("link", name="Add an action for point 2"))
    page.get_by_label("The action").fill("A senior lead leads the work on 16- and 17-year-olds who are homeless")
    page.get_by_label("Owner").select_option(label="Leader Tester")
    fill_date(page, "Due", date(2024, 9, 30))
    visitor.follow(page.get_by_role("button", name="Add the action"))
    assert Action.objects.count() == 2

    owner = another_visitor()
    owner.sign_in("manager")
    owner.follow(owner.page.get_by_role("link", name="Review how contacts are managed in Family Connect"))
    owner_page = owner.page
    owner_page.get_by_role("group", name="Status").get_by_label("Amber: at risk").check()
    owner_page.get_by_label("Progress since the last update").fill("Options drafted: linked contacts instead of "
                                                                   "closing and re-opening.")
    owner.follow(owner_page.get_by_role("button", name="Save the update"))
    expect(success_banner(owner_page)).to_contain_text("Recorded your update")
    owner_page.get_by_role("group", name="Kind of evidence").get_by_label("A live measure in Hearth").check()
    owner_page.get_by_label("Measure", exact=True).select_option(label="Front door: decisions within one working day")
    owner.follow(owner_page.get_by_role("button", name="Add the evidence"))
    expect(owner_page.get_by_role("link", name="Front door: decisions within one working day")).to_be_visible()
    update = ActionUpdate.objects.get()
    assert (update.author, update.status) == (council.manager, "amber")

    visitor.follow(page.get_by_role("link", name="Progress report as of today", exact=True))
    expect(page.get_by_text("Options drafted: linked contacts")).to_be_visible()
    with page.expect_download() as downloading:
        page.get_by_role("link", name="Download this report (PDF)").click()
    pdf = tmp_path / "report.pdf"
    downloading.value.save_as(pdf)
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True)
                    .stdout.split())
    assert "Children and Young People Scrutiny Committee" in text
    assert "The management of contacts within Family Connect." in text
    assert "Review how contacts are managed in Family Connect" in text
    assert "Options drafted: linked contacts instead of closing and re-opening." in text
    assert "Front door: decisions within one working day" in text and "All contacts decided" in text


def test_an_inspector_reads_only_the_sample_every_view_is_logged_and_is_refused_after_the_end_date(
        visitor, another_visitor, council):
    from hearth.inspection import services

    today = timezone.localdate()
    visit = services.inspection_record(acting_user=council.leader, grades={}, inspection=Inspection(
        local_authority="Wrekinshire Council", kind="focused_visit", started_on=today,
        ended_on=today + timedelta(days=2), lead_inspector="An Inspector"))
    page = visitor.page
    visitor.sign_in("leader")
    visitor.open(f"/inspection/{visit.pk}/access")
    page.get_by_label("List", exact=True).fill("Children in need")
    page.get_by_label("LA child IDs").fill(council.allocated.la_child_id)
    visitor.follow(page.get_by_role("button", name="Add to the sample"))
    expect(success_banner(page)).to_contain_text("Added 1 child to the sample")
    page.get_by_label("First name").fill("Visiting")
    page.get_by_label("Last name").fill("Inspector")
    page.get_by_label("Email address").fill("visiting@ofsted.example")
    page.get_by_label("Username").fill("visiting")
    page.get_by_label("Initial password").fill(PASSWORD)
    visitor.follow(page.get_by_role("button", name="Make the account"))
    expect(success_banner(page)).to_contain_text("Made a read-only account for Visiting Inspector")

    inspector = another_visitor()
    inspector.sign_in("visiting")
    inspector.nav("Case sample")
    sample = inspector.page.get_by_role("table")
    expect(sample.get_by_role("row")).to_have_count(2)
    inspector.follow(sample.get_by_role("link", name=council.allocated.full_name))
    expect(h1(inspector.page)).to_contain_text(council.allocated.full_name)
    inspector.open(f"/children/{council.unallocated.pk}/", status=404)

    visitor.open(f"/inspection/{visit.pk}/access/views")
    views = page.get_by_role("table")
    expect(views).to_contain_text(council.allocated.full_name)
    expect(views).to_contain_text("Refused")
    assert AccessEvent.objects.filter(user__username="visiting", child=council.allocated).exists()

    # The visit ends: the open session ends with it, and signing in again is refused.
    InspectorAccount.objects.filter(user__username="visiting").update(closes_at=timezone.now() - timedelta(seconds=1))
    inspector.open(f"/children/{council.allocated.pk}/")
    expect(h1(inspector.page)).to_contain_text("Sign in")
    inspector.page.get_by_label("Username").fill("visiting")
    inspector.page.get_by_label("Password").fill(PASSWORD)
    inspector.follow(inspector.page.get_by_role("button", name="Sign in"))
    expect(inspector.page.get_by_text("Enter a correct username and password")).to_be_visible()


def test_a_new_version_of_the_self_evaluation_is_written_and_compared_with_the_previous(visitor, council):
    from hearth.inspection import services

    services.self_evaluation_write(
        acting_user=council.leader, as_of=date(2025, 3, 31), summary="A good service.",
        sections={"help_and_protection": ("Contacts are decided quickly.", "Advice is not always recorded.")})
    page = visitor.page
    visitor.sign_in("leader")
    visitor.open("/inspection/self-evaluation/")
    visitor.follow(page.get_by_role("button", name="Write a new version"))
    expect(page.get_by_role("group", name="The experiences and progress of children who need help and protection")
           .get_by_label("Strengths")).to_have_value("Contacts are decided quickly.")
    group = page.get_by_role("group", name="The experiences and progress of children who need help and protection")
    group.get_by_label("Strengths").fill("Contacts are decided within a working day of the first receipt.")
    visitor.follow(page.get_by_role("button", name="Keep this version"))
    expect(success_banner(page)).to_contain_text("Kept the Self-evaluation as of")
    expect(page.get_by_text("Front door: decisions within one working day").first).to_be_visible()
    visitor.follow(page.get_by_role("link", name="Back"))
    visitor.follow(page.get_by_role("button", name="Compare"))
    expect(page.locator("ins").first).to_contain_text("within a working day of the first receipt.")
    expect(page.locator("del").first).to_contain_text("quickly.")
