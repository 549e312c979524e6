"""The child in need episode end to end in a real browser: a contact decided as a referral, allocated from the
receiving team's queue, assessed and authorised, a plan, a visit and the closure; and a re-referral flagged.
Every page reached is checked with axe-core (see conftest.py)."""

import re
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from conftest import earlier_today
from hearth.casework.models import Decision
from hearth.children_in_need.models import Assessment, AssessmentStatus, CinPlan, Referral, Visit
from hearth.core.jinja import govuk_date
from hearth.front_door import services as front_door
from hearth.front_door.models import Channel, ConsentNotApplicableReason, ConsentStatus, Contact
from hearth.reference.codes import ReferralSource


def record_contact(council, child, received_at=None) -> Contact:
    return front_door.contact_record(acting_user=council.adviser, children=[child], contact=Contact(
        received_at=received_at or earlier_today(hours=1), channel=Channel.PHONE,
        referrer_name="Priya Shah", referrer_agency="Oakfield Primary School", source=ReferralSource.SCHOOLS,
        concern="Came to school hungry.", consent=ConsentStatus.NOT_APPLICABLE,
        consent_not_applicable_reason=ConsentNotApplicableReason.PARENT_MADE_CONTACT))


def success_banner(page):
    return page.locator(".govuk-notification-banner--success")


def fill_date(scope, legend: str, day) -> None:
    group = scope.get_by_role("group", name=legend, exact=True)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def decide_as_referral(visitor, contact: Contact, first_name: str) -> None:
    """The front-door manager decides the child's outcome on the contact's page: a referral."""
    page = visitor.page
    visitor.nav("Front door")
    visitor.follow(page.get_by_role("link", name=contact.reference))
    page.get_by_role("group", name=f"Outcome for {first_name}").get_by_label("Referral to children's social care").check()
    page.get_by_label("Reason for the decision").fill("Hunger and no explanation: an assessment is needed.")
    page.get_by_label("The child's details are in order").check()
    page.get_by_label("The consent recorded is in order").check()
    visitor.follow(page.get_by_role("button", name="Record the decision"))
    expect(success_banner(page)).to_contain_text("Referral to children's social care")


def test_a_referral_is_allocated_from_the_queue_assessed_authorised_planned_visited_and_closed(
        visitor, another_visitor, council, fd_manager):
    child = council.unallocated
    contact = record_contact(council, child)
    decide_as_referral(visitor.sign_in("fdmanager"), contact, "Una")
    referral = Referral.objects.get(child=child)
    today = timezone.localdate()

    # The receiving team's manager allocates from the queue.
    manager = another_visitor().sign_in("manager")
    queue = manager.page
    manager.nav("Referrals")
    row = queue.get_by_role("row").filter(has_text="Una Unallocated")
    expect(row).to_contain_text("Safeguarding 1")
    expect(row).to_contain_text("0 working days")
    expect(row).to_contain_text(govuk_date(referral.assessment_due_on))
    manager.follow(row.get_by_role("link", name=re.compile("Allocate")))
    queue.get_by_label("Social worker").select_option(label="Worker Tester")
    manager.follow(queue.get_by_role("button", name="Allocate"))
    expect(success_banner(queue)).to_contain_text("Una Unallocated's referral allocated to Worker Tester")
    expect(queue.get_by_text("No referrals are waiting for allocation.")).to_be_visible()

    # The worker finds the episode on the child's record and writes the assessment.
    worker = another_visitor().sign_in("worker")
    page = worker.page
    worker.open(f"/children/{child.pk}/")
    expect(page.get_by_role("heading", name="Child in need")).to_be_visible()
    worker.follow(page.get_by_role("link", name=re.compile("Open episode from")))
    expect(page.get_by_text("Allocated to Worker Tester")).to_be_visible()
    worker.follow(page.get_by_role("button", name="Start the assessment"))
    worker.follow(page.locator("form").get_by_role("button", name="Start the assessment"))
    expect(success_banner(page)).to_contain_text("Assessment started")
    expect(page.get_by_role("heading", name=re.compile("chronology"))).to_be_visible()
    page.get_by_label("Family history").fill("Mother moved to the area last year; no earlier involvement.")
    page.get_by_label("The child's views, wishes and feelings").fill("Una said she is hungry when mum is poorly.")
    page.get_by_label("Analysis").fill("Mother's poor mental health leaves Una without meals.")
    page.get_by_role("group", name="Abuse or neglect").get_by_label("16A: Neglect").check()
    page.get_by_role("group", name="Health and disability").get_by_label("4B: Mental health of the parent(s) or carer(s)").check()
    page.get_by_label("Primary need").select_option(label="Abuse or neglect")
    page.get_by_role("group", name="Outcome of the assessment").get_by_label("Child in need plan").check()
    worker.follow(page.get_by_role("button", name="Save the assessment"))
    expect(success_banner(page)).to_contain_text("Assessment saved")
    worker.follow(page.get_by_role("button", name="Submit for authorisation"))
    expect(success_banner(page)).to_contain_text("Assessment sent to your manager for authorisation")

    # The manager authorises it: a date before the start is refused beside the field, then it is authorised.
    assessment = Assessment.objects.get(referral=referral)
    manager.open(f"/children/{child.pk}/children-in-need/{referral.pk}/assessment")
    manager.follow(queue.get_by_role("button", name="Authorise or return the assessment"))
    queue.get_by_label("Authorise the assessment").check()
    fill_date(queue, "Date of authorisation", assessment.started_on - timedelta(days=1))
    queue.get_by_label("Reason for the decision").fill("Clear analysis; a plan is needed.")
    manager.follow(queue.get_by_role("button", name="Record the decision"))
    expect(queue.locator(".govuk-error-message")).to_contain_text(
        "The authorisation date must be on or after the assessment's start date")
    expect(queue.get_by_label("Reason for the decision")).to_have_value("Clear analysis; a plan is needed.")
    fill_date(queue, "Date of authorisation", today)
    manager.follow(queue.get_by_role("button", name="Record the decision"))
    expect(success_banner(queue)).to_contain_text("Assessment authorised")
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.AUTHORISED
    assert Decision.objects.filter(kind="assessment_authorisation", decided_by=council.manager).exists()

    # The worker starts the plan and records a visit.
    worker.open(f"/children/{child.pk}/children-in-need/{referral.pk}/")
    worker.follow(page.get_by_role("button", name="Start a child in need plan"))
    page.get_by_label("The child's needs").fill("Regular meals; support for mother's mental health.")
    page.get_by_label("Written to the child").check()
    worker.follow(page.get_by_role("button", name="Start the plan"))
    expect(success_banner(page)).to_contain_text("Child in need plan started")
    expect(page.get_by_text("Next visit due")).to_be_visible()
    worker.follow(page.get_by_role("button", name="Record a visit"))
    fill_date(page, "Date of the visit", today + timedelta(days=1))
    worker.follow(page.get_by_role("button", name="Record the visit"))
    expect(page.locator(".govuk-error-message")).to_contain_text("Date of the visit must be today or in the past")
    fill_date(page, "Date of the visit", today)
    page.get_by_label("The child was seen alone").check()
    worker.follow(page.get_by_role("button", name="Record the visit"))
    expect(success_banner(page)).to_contain_text("Visit recorded")
    visit = Visit.objects.get(referral=referral)
    assert visit.plan == CinPlan.objects.get(referral=referral) and visit.seen_alone

    # The manager closes the episode with a reason and a rationale.
    manager.open(f"/children/{child.pk}/children-in-need/{referral.pk}/")
    manager.follow(queue.get_by_role("button", name="Close the episode"))
    queue.get_by_label("Services ceased for any other reason, including child no longer in need").check()
    queue.get_by_label("Reason for the decision").fill("Meals are regular and mother is supported by her GP.")
    manager.follow(queue.get_by_role("button", name="Close the episode"))
    expect(success_banner(queue)).to_contain_text("Child in need episode closed")
    expect(queue.locator("strong.govuk-tag", has_text="Closed")).to_be_visible()
    referral.refresh_from_db()
    assert referral.closure_reason == "RC7" and referral.closure_decision.kind == "cin_closure"


def test_a_child_referred_again_within_12_months_is_shown_as_a_re_referral(visitor, another_visitor, council,
                                                                           fd_manager):
    child = council.allocated
    earlier = record_contact(council, child, received_at=timezone.now() - timedelta(days=200))
    front_door.contact_decide(acting_user=fd_manager, contact_child=earlier.children.get(), outcome="referral",
                              rationale="An assessment is needed.", details_in_order=True, consent_in_order=True)
    contact = record_contact(council, child)
    decide_as_referral(visitor.sign_in("fdmanager"), contact, "Amara")
    assert Referral.objects.filter(child=child, re_referral=True).count() == 1

    worker = another_visitor().sign_in("worker")
    worker.open(f"/children/{child.pk}/")
    expect(worker.page.locator("strong.govuk-tag", has_text="Re-referral within 12 months")).to_be_visible()


def test_the_worker_asks_for_closure_the_manager_declines_with_a_reason_then_agrees(visitor, another_visitor, council,
                                                                                   fd_manager):
    from hearth.children_in_need import services

    child = council.unallocated
    contact = record_contact(council, child)
    decide_as_referral(visitor.sign_in("fdmanager"), contact, "Una")
    referral = services.referral_allocate(acting_user=council.manager, referral=Referral.objects.get(child=child),
                                          worker=council.worker, allocated_on=timezone.localdate())
    episode = f"/children/{child.pk}/children-in-need/{referral.pk}/"
    today = timezone.localdate()

    # The worker asks: a closure date before the referral is refused beside the field, keeping the summary.
    worker = another_visitor().sign_in("worker")
    page = worker.page
    worker.open(episode)
    worker.follow(page.get_by_role("button", name="Ask to close the episode"))
    fill_date(page, "Closure date", referral.referral_date - timedelta(days=2))
    page.get_by_label("Special guardianship order").check()
    page.get_by_label("Summary of the work and why the episode can close").fill("Una lives with her aunt under an SGO.")
    worker.follow(page.get_by_role("button", name="Ask for closure"))
    expect(page.locator(".govuk-error-message")).to_contain_text(
        "The closure date must be on or after the referral date")
    expect(page.get_by_label("Summary of the work and why the episode can close")).to_have_value(
        "Una lives with her aunt under an SGO.")
    fill_date(page, "Closure date", today)
    worker.follow(page.get_by_role("button", name="Ask for closure"))
    expect(success_banner(page)).to_contain_text("Closure asked for")
    expect(page.get_by_text("Awaiting a manager")).to_be_visible()

    # The manager finds it in their team's work, and declines it with a reason the worker then reads.
    manager = another_visitor().sign_in("manager")
    queue = manager.page
    manager.open(episode)
    manager.follow(queue.get_by_role("link", name=re.compile("^Decide the closure")))
    expect(queue.get_by_text("Una lives with her aunt under an SGO.")).to_be_visible()
    queue.get_by_label("No, the episode stays open").check()
    queue.get_by_label("Reason for the decision").fill("The order is not yet made: keep the plan until it is.")
    manager.follow(queue.get_by_role("button", name="Record the decision"))
    expect(success_banner(queue)).to_contain_text("Closure declined")
    worker.open(episode)
    expect(page.get_by_text("The order is not yet made: keep the plan until it is.")).to_be_visible()

    # Asked again, the manager agrees: the episode closes with the manager's cin_closure decision.
    worker.follow(page.get_by_role("button", name="Ask to close the episode"))
    fill_date(page, "Closure date", today)
    page.get_by_label("Special guardianship order").check()
    page.get_by_label("Summary of the work and why the episode can close").fill("The order was made today.")
    worker.follow(page.get_by_role("button", name="Ask for closure"))
    manager.open(episode)
    manager.follow(queue.get_by_role("link", name=re.compile("^Decide the closure")))
    queue.get_by_label("Yes, close the episode as asked").check()
    queue.get_by_label("Reason for the decision").fill("The special guardianship order is made.")
    manager.follow(queue.get_by_role("button", name="Record the decision"))
    expect(success_banner(queue)).to_contain_text("Child in need episode closed")
    referral.refresh_from_db()
    assert referral.closure_reason == "RC4" and referral.closure_decision.kind == "cin_closure"

