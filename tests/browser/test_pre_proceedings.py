"""Pre-proceedings end to end in a real browser: a manager begins them for two siblings, the social worker records
the letter before proceedings, a family group conference and the initial meeting, a manager steps the family down,
and the leaders' page shows the family throughout. Every page reached is checked with axe-core (see conftest.py)."""

import re
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from conftest import allocate, make_child
from hearth.casework.models import Decision
from hearth.people.models import Person, PersonKind, Relationship, RelationshipKind
from hearth.protection.proceedings.models import PreProceedings
from hearth.reference.codes import PreProceedingsOutcome


def fill_date(page, legend: str, day) -> None:
    group = page.get_by_role("group", name=legend, exact=True)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def test_a_family_goes_through_pre_proceedings_to_a_step_down_and_the_leaders_page_tracks_it(
        visitor, another_visitor, council):
    sister = council.allocated
    brother = make_child(council.manager, first_name="Ben", last_name="Allocated")
    allocate(brother, council.team, council.worker, council.manager)
    Relationship.objects.create(person=sister, relative=brother, kind=RelationshipKind.SIBLING,
                                recorded_by=council.manager)
    grandmother = Person.objects.create(kind=PersonKind.ADULT, first_name="Gwen", last_name="Allocated",
                                        created_by=council.manager)
    Relationship.objects.create(person=grandmother, relative=sister, kind=RelationshipKind.GRANDPARENT,
                                recorded_by=council.manager)
    today = timezone.localdate()
    page = visitor.page

    # The manager records the legal planning meeting's decision, for both children.
    visitor.sign_in("manager")
    visitor.open(f"/children/{sister.pk}/")
    visitor.follow(page.get_by_role("link", name=re.compile("^Begin pre-proceedings")))
    expect(page.get_by_role("heading", level=1)).to_have_text("Begin pre-proceedings")
    page.get_by_role("group", name="Which children are pre-proceedings for?").get_by_label("Ben Allocated").check()
    fill_date(page, "Date of the legal planning meeting", today - timedelta(days=20))
    visitor.follow(page.get_by_role("button", name="Record the decision"))
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the reason for the decision")
    expect(page.get_by_role("group", name="Which children are pre-proceedings for?").get_by_label(
        "Ben Allocated")).to_be_checked()
    page.get_by_label("Why pre-proceedings should begin").fill("Neglect has continued on a child protection plan.")
    visitor.follow(page.get_by_role("button", name="Record the decision"))
    expect(page.get_by_role("heading", name="Pre-proceedings: The Allocated family")).to_be_visible()
    expect(page.get_by_text("Started: letter before proceedings next")).to_be_visible()

    # The social worker records the letter (a date before the start is refused first), a conference and a meeting.
    worker = another_visitor()
    worker.sign_in("worker")
    worker.open(f"/children/{brother.pk}/")
    worker.follow(worker.page.get_by_role("link", name=re.compile("^Pre-proceedings")))
    worker.follow(worker.page.get_by_role("link", name="Record the letter before proceedings"))
    fill_date(worker.page, "Date the letter before proceedings was sent", today - timedelta(days=25))
    worker.follow(worker.page.get_by_role("button", name="Save"))
    expect(worker.page.locator("#id_sent_on-error")).to_contain_text(
        "The letter before proceedings must be sent on or after the day pre-proceedings began")
    fill_date(worker.page, "Date the letter before proceedings was sent", today - timedelta(days=18))
    worker.follow(worker.page.get_by_role("button", name="Save"))
    expect(worker.page.get_by_text("Letter sent: initial meeting next")).to_be_visible()

    worker.follow(worker.page.get_by_role("link", name="Record a family group conference offered"))
    fill_date(worker.page, "Date the meeting was offered", today - timedelta(days=18))
    worker.page.get_by_label("It was offered in the letter before proceedings").check()
    worker.follow(worker.page.get_by_role("button", name="Save"))
    worker.follow(worker.page.get_by_role("link", name=re.compile("^Record it held")))
    fill_date(worker.page, "Date the meeting was held", today - timedelta(days=12))
    worker.page.get_by_label("The family's plan").fill("Gwen collects the children from school every day.")
    worker.follow(worker.page.get_by_role("button", name="Save"))
    expect(worker.page.get_by_text("The family's plan: Gwen collects the children")).to_be_visible()

    worker.follow(worker.page.get_by_role("link", name="Record support for the family network"))
    worker.page.get_by_role("group", name="Who the support is for").get_by_label("Gwen Allocated").check()
    worker.page.get_by_role("group", name="Kind of support").get_by_label("Financial support").check()
    worker.page.get_by_label("What was offered").fill("Help with travel to the school run")
    worker.page.get_by_label("Amount, in pounds (financial support)").fill("-40")
    fill_date(worker.page, "Date offered", today - timedelta(days=11))
    worker.follow(worker.page.get_by_role("button", name="Save"))
    expect(worker.page.locator(".govuk-error-summary")).to_contain_text("The amount must be more than £0")
    worker.page.get_by_label("Amount, in pounds (financial support)").fill("120.00")
    worker.follow(worker.page.get_by_role("button", name="Save"))
    expect(worker.page.get_by_role("table", name="Support offered to the family network")).to_contain_text("£120.00")

    worker.follow(worker.page.get_by_role("link", name="Record the initial meeting"))
    fill_date(worker.page, "Date of the meeting", today - timedelta(days=10))
    worker.follow(worker.page.get_by_role("button", name="Save"))
    expect(worker.page.get_by_text("Meetings held: reviewing")).to_be_visible()
    worker.follow(worker.page.get_by_role("link", name="Propose a step up or step down"))
    worker.page.get_by_role("group", name="What do you propose?").get_by_label(re.compile("Step down")).check()
    worker.page.get_by_label("Why").fill("Gwen's support has made the home safe.")
    worker.follow(worker.page.get_by_role("button", name="Send to a manager"))
    expect(worker.page.get_by_text("Step decision awaiting a manager")).to_be_visible()

    # The manager's leaders' page shows the family and its stage; the manager steps the family down.
    visitor.nav("Pre-proceedings")
    listed = page.get_by_role("table", name="Families in pre-proceedings")
    expect(listed).to_contain_text("Amara Allocated, Ben Allocated")
    expect(listed).to_contain_text("Step decision awaiting a manager")
    expect(page.get_by_role("heading", name="1 family in pre-proceedings")).to_be_visible()
    visitor.follow(listed.get_by_role("link", name="Amara Allocated"))
    visitor.follow(page.get_by_role("link", name="Decide: step up or step down"))
    page.get_by_role("group", name="Decision").get_by_label(re.compile("Step down")).check()
    visitor.follow(page.get_by_role("button", name="Record the decision"))
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the reason for the decision")
    page.get_by_label("Reason for the decision").fill("The family's plan is keeping the children safe at home.")
    visitor.follow(page.get_by_role("button", name="Record the decision"))
    expect(page.get_by_text("Stepped down", exact=True)).to_be_visible()

    visitor.nav("Pre-proceedings")
    expect(page.get_by_text("No family is in pre-proceedings.")).to_be_visible()
    expect(page.get_by_role("table", name="Families who left pre-proceedings")).to_contain_text(
        "Step down: pre-proceedings end without care proceedings")

    case = PreProceedings.objects.get()
    assert case.outcome == PreProceedingsOutcome.STEP_DOWN and case.ended_on == today
    assert Decision.objects.filter(kind="pre_proceedings_step", child=brother).exists()
    assert case.family_meetings.get().held_on == today - timedelta(days=12)
