"""Oversight, end to end in a real browser: an auditor samples cases and grades one with the family's feedback,
a supervision is recorded with an action, and the decisions behind a figure of management oversight are listed.
Every page reached is checked with axe-core (conftest.py)."""

from datetime import date

from django.utils import timezone
from playwright.sync_api import expect

from conftest import allocate, make_child
from hearth.casework.services import decision_record
from hearth.oversight import services
from hearth.oversight.models import Audit, AuditStatus, Supervision

from .test_front_door import error_summary, fill_date, h1, success_banner


def test_an_auditor_samples_three_cases_and_grades_one_with_the_familys_feedback(visitor, council):
    for n in range(4):
        allocate(make_child(council.manager, first_name=f"Teen{n}", date_of_birth=date(2011, 5, 1)), council.team,
                 council.worker, council.manager)
    services.audit_template_create(acting_user=council.leader, name="Decisions and oversight",
                                   theme="Help and protection",
                                   questions=["Is the decision timely?", "Is the rationale clear?"])
    page = visitor.page
    visitor.sign_in("leader")
    visitor.nav("Audits")
    visitor.follow(page.get_by_role("button", name="Choose cases to audit"))
    page.get_by_label("How many cases").fill("3")
    page.get_by_label("Team").select_option(label="Safeguarding 1")
    page.get_by_label("Youngest age").fill("12")
    page.get_by_label("Oldest age").fill("17")
    visitor.follow(page.get_by_role("button", name="Choose the cases"))
    expect(success_banner(page)).to_contain_text("Chose 3 cases for you to audit")
    assert Audit.objects.filter(child__first_name__startswith="Teen").count() == 3

    visitor.follow(page.get_by_role("table", name="Cases chosen for you").get_by_role("link").first)
    visitor.follow(page.get_by_role("button", name="Save the grades"))
    expect(error_summary(page)).to_contain_text("Say how the family's feedback was gathered")
    page.get_by_label("1. Is the decision timely?").select_option(label="Good")
    page.get_by_label("2. Is the rationale clear?").select_option(label="Requires improvement to be good")
    page.get_by_label("Overall grade").select_option(label="Good")
    page.get_by_label("Findings").fill("Timely decisions; the rationale does not always say what the child wants.")
    page.get_by_role("group", name="How the family's feedback was gathered").get_by_label("By phone").check()
    page.get_by_label("What the family said").fill("Mum said she knew what would happen next.")
    visitor.follow(page.get_by_role("button", name="Save the grades"))
    expect(success_banner(page)).to_contain_text("Saved")
    graded = Audit.objects.get(status=AuditStatus.GRADED)
    assert (graded.overall_grade, graded.family_feedback_method) == ("2", "phone")

    visitor.follow(page.get_by_role("link", name="Back"))
    visitor.follow(page.get_by_role("link", name="See the audit themes by month"))
    help_and_protection = page.get_by_role("table", name="Help and protection")
    row = help_and_protection.get_by_role("row").filter(has_text=timezone.localdate().strftime("%B %Y"))
    visitor.follow(row.get_by_role("link").nth(1))  # the month's "good" figure
    expect(page.locator("#audit-count")).to_have_text("1 audit")


def test_a_supervision_is_recorded_with_a_decision_and_an_action(visitor, council):
    page = visitor.page
    visitor.sign_in("manager")
    visitor.nav("Supervision")
    expect(page.get_by_role("table", name="Safeguarding 1: 2 overdue")).to_be_visible()
    visitor.follow(page.get_by_role("button", name="Record a supervision"))
    page.get_by_label("Worker supervised").select_option(label="Worker Tester")
    fill_date(page, "When was the supervision?", timezone.localdate())
    when = page.get_by_role("group", name="When was the supervision?", exact=True)
    when.get_by_label("Time (if known)", exact=True).fill("00:01")
    page.get_by_label("Children discussed").fill(f"{council.allocated.la_child_id} School attendance is improving")
    page.get_by_label("The worker's reflections").fill("I should see Amara on her own next time.")
    page.get_by_label("Decision", exact=True).fill("Continue the child in need plan")
    page.get_by_label("Rationale for the decision").fill("The plan is working; attendance is up.")
    page.get_by_label("Action agreed").fill("Visit Amara at school")
    page.get_by_label("Action owner").select_option(label="Worker Tester")
    fill_date(page, "Action due", date.fromordinal(timezone.localdate().toordinal() + 7))
    visitor.follow(page.get_by_role("button", name="Record the supervision"))
    expect(success_banner(page)).to_contain_text("Recorded the supervision")
    expect(page.get_by_text("Visit Amara at school")).to_be_visible()
    assert Supervision.objects.get().actions.get().owner == council.worker
    visitor.follow(page.get_by_role("link", name="Back"))
    expect(page.get_by_role("table", name="Safeguarding 1: 1 overdue")).to_be_visible()


def test_the_decisions_behind_a_management_oversight_figure_are_listed(visitor, council):
    decision_record(acting_user=council.manager, child=council.allocated, kind="allocation",
                    outcome="Allocated to the team", rationale="The assessment shows a need for support")
    page = visitor.page
    visitor.sign_in("leader")
    visitor.nav("Management oversight")
    expect(h1(page)).to_have_text("Management oversight: decisions")
    figures = page.get_by_role("table", name="Decisions by team")
    visitor.follow(figures.get_by_role("row").filter(has_text="Safeguarding 1").get_by_role("link").first)
    expect(page.get_by_role("heading", name="The decisions chosen (1)")).to_be_visible()
    expect(page.get_by_text("The assessment shows a need for support")).to_be_visible()
