"""A child protection journey in a real browser, every page checked with axe: a strategy discussion, the section 47
enquiry, the initial conference, the plan with its core group (and the next one due) and visit, and the review
conference that ends it."""

from datetime import date

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from conftest import make_user
from hearth.accounts.models import ServiceArea, Team
from hearth.accounts.roles import RoleCode
from hearth.casework.models import Involvement, InvolvementRole
from hearth.protection.models import ChildProtectionPlan, Section47Enquiry


@pytest.fixture
def iro(council):
    team = Team.objects.create(name="Safeguarding and Reviewing", service_area=ServiceArea.SAFEGUARDING)
    user = make_user("iro", RoleCode.IRO, team=team)
    Involvement.objects.create(child=council.allocated, worker=user, role=InvolvementRole.IRO,
                               started_on=date(2024, 1, 1), recorded_by=council.manager)
    return user


def fill_date(scope, legend: str, day) -> None:
    group = scope.get_by_role("group", name=legend, exact=True)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def answer(page, question: str, choice: str) -> None:
    page.get_by_role("group", name=question, exact=True).get_by_label(choice, exact=True).check()


def saved(page, text: str) -> None:
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(text)


def test_strategy_discussion_to_section_47_to_conference_to_a_plan_that_a_review_ends(
        visitor, another_visitor, council, iro):
    child = council.allocated
    today = timezone.localdate()
    now = timezone.localtime()

    # The allocated worker asks for a strategy discussion and records it held.
    page = visitor.page
    visitor.sign_in("worker")
    visitor.open(f"/children/{child.pk}/")
    expect(page.get_by_role("heading", name="Child protection")).to_be_visible()
    visitor.follow(page.get_by_role("link", name="Ask for a strategy discussion"))
    visitor.follow(page.get_by_role("button", name="Ask for the discussion"))
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter why a strategy discussion is needed")
    page.get_by_label("Why is a strategy discussion needed?").fill("Amara told her teacher she was hit at home.")
    visitor.follow(page.get_by_role("button", name="Ask for the discussion"))
    saved(page, "Strategy discussion requested")
    visitor.follow(page.get_by_role("button", name="Record the discussion as held"))
    fill_date(page, "When was it held?", today)
    page.get_by_role("group", name="When was it held?").get_by_label("Time", exact=True).fill(now.strftime("%H:%M"))
    page.get_by_label("Who chaired it?").select_option(label="Manager Tester")
    page.get_by_label("Police").check()
    page.get_by_label("Health").check()
    page.get_by_label("Information shared").fill("Police: no previous call-outs. GP: bruising seen last month.")
    page.get_by_label("Immediate actions to keep the child safe").fill("Amara stays with her grandmother tonight.")
    fill_date(page, "When is the child to be seen?", today)
    visitor.follow(page.get_by_role("button", name="Save"))
    saved(page, "Strategy discussion recorded")
    expect(page.get_by_text("Police, Health")).to_be_visible()

    # The team manager decides to start a section 47 enquiry.
    manager = another_visitor().sign_in("manager")
    manager.open(page.url.removeprefix(manager.live_server.url))
    manager.follow(manager.page.get_by_role("button", name="Decide whether to start a section 47 enquiry"))
    answer(manager.page, "Start a section 47 enquiry?", "Yes")
    manager.page.get_by_label("Why (the rationale for the decision)").fill("An unexplained injury to a child of 10.")
    manager.follow(manager.page.get_by_role("button", name="Record the decision"))
    saved(manager.page, "Section 47 enquiry started")
    enquiry = Section47Enquiry.objects.get(child=child)
    expect(manager.page.get_by_text("CIN census target")).to_be_visible()

    # The worker records seeing the child alone the same day.
    visitor.open(f"/children/{child.pk}/section-47/{enquiry.pk}")
    visitor.follow(page.get_by_role("button", name="Record the child seen or the safety plan"))
    fill_date(page, "When was the child seen?", today)
    answer(page, "Was the child seen alone?", "Yes")
    page.get_by_label("Interim safety plan").fill("No contact with father until the conference.")
    visitor.follow(page.get_by_role("button", name="Save"))
    saved(page, "Section 47 enquiry updated")

    # The manager decides the outcome: substantiated, an initial conference.
    manager.open(f"/children/{child.pk}/section-47/{enquiry.pk}")
    manager.follow(manager.page.get_by_role("button", name="Decide the outcome"))
    fill_date(manager.page, "Date of the outcome", today)
    answer(manager.page, "Were the concerns substantiated?", "Yes")
    answer(manager.page, "Is an initial child protection conference needed?", "Yes")
    manager.page.get_by_label("Why (the rationale for the decision)").fill("Injury consistent with Amara's account.")
    manager.follow(manager.page.get_by_role("button", name="Record the outcome"))
    saved(manager.page, "Outcome of the section 47 enquiry recorded")

    # The involved IRO chairs the initial conference, which starts a plan.
    chair = another_visitor().sign_in("iro")
    chair.open(f"/children/{child.pk}/section-47/{enquiry.pk}")
    chair.follow(chair.page.get_by_role("button", name="Record the initial conference"))
    fill_date(chair.page, "Date of the conference", today)
    chair.page.get_by_label("Did the child take part, and how?").select_option(label="Views given through an advocate")
    chair.page.get_by_label("Attendee 1: name").fill("PC Jones")
    chair.page.get_by_label("Attendee 1: agency").select_option(label="Police")
    answer(chair.page, "The conference's decision", "A child protection plan")
    answer(chair.page, "Category of abuse", "Physical abuse")
    chair.page.get_by_label("Why (the rationale for the decision)").fill("Continuing risk of significant harm.")
    chair.follow(chair.page.get_by_role("button", name="Record the conference"))
    saved(chair.page, "Initial child protection conference recorded")
    chair.follow(chair.page.get_by_role("link", name="Child protection plan from"))
    plan = ChildProtectionPlan.objects.get(child=child)
    expect(chair.page.get_by_role("heading", name="Child protection plan", level=1)).to_be_visible()

    # The worker holds the first core group and visits.
    visitor.open(f"/children/{child.pk}/")
    visitor.follow(page.get_by_role("link", name=f"Open since {today.day} {today:%B %Y}"))
    visitor.follow(page.get_by_role("button", name="Record a core group meeting"))
    fill_date(page, "Date of the meeting", today)
    page.get_by_label("What was agreed").fill("Parenting course referral; school to check in daily.")
    visitor.follow(page.get_by_role("button", name="Save"))
    saved(page, "Core group meeting recorded")
    # The next core group is due the council's interval after this one, stored at the meeting.
    next_core_group = plan.core_groups.get().next_due_on
    expect(page.locator(".govuk-summary-list__row", has_text="Next core group")).to_contain_text(
        f"Due by {next_core_group.day} {next_core_group:%B %Y}")
    visitor.follow(page.get_by_role("button", name="Record a visit"))
    fill_date(page, "Date of the visit", date(today.year + 1, 1, 1))
    answer(page, "Was the child seen?", "Yes")
    answer(page, "Was the child seen alone?", "Yes")
    visitor.follow(page.get_by_role("button", name="Save"))
    expect(page.locator(".govuk-error-summary")).to_contain_text("Date of the visit must be today or in the past")
    fill_date(page, "Date of the visit", today)
    visitor.follow(page.get_by_role("button", name="Save"))
    saved(page, "Visit recorded")
    expect(page.get_by_text("Seen alone")).to_be_visible()

    # The IRO's review conference ends the plan.
    chair.open(f"/children/{child.pk}/protection-plans/{plan.pk}")
    chair.follow(chair.page.get_by_role("button", name="Record a review conference"))
    fill_date(chair.page, "Date of the conference", today)
    chair.page.get_by_label("Did the child take part, and how?").select_option(label="Attended in person")
    answer(chair.page, "The conference's decision", "The plan ends")
    chair.page.get_by_label("If the plan ends, why").select_option(label="No longer at continuing risk of significant harm")
    chair.page.get_by_label("Why (the rationale for the decision)").fill("Safe at home; father has moved out.")
    chair.follow(chair.page.get_by_role("button", name="Record the conference"))
    saved(chair.page, "Review child protection conference recorded")
    plan.refresh_from_db()
    assert plan.end_date == today

    visitor.open(f"/children/{child.pk}/chronology")
    expect(page.get_by_role("link", name="Child protection plan ended")).to_be_visible()
    expect(page.get_by_role("link", name="Strategy discussion held")).to_be_visible()
    expect(page.get_by_role("link", name="Child protection visit: child seen alone")).to_be_visible()
