"""The front door's paths, end to end in a real browser; each test is named for the behaviour.

Consultations, contacts and consent, the worklist, advice, a manager's decision, a partner agency's online
referral, and new information on a closed contact, timed from the first receipt, as the leaders' view counts it.
Every page reached is checked with axe-core (see conftest.py).
"""

import re
from datetime import UTC, datetime, time, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from conftest import make_user
from hearth.accounts.roles import RoleCode
from hearth.children_in_need.models import Referral
from hearth.core.jinja import govuk_date, govuk_datetime
from hearth.front_door import services
from hearth.front_door.models import (
    Advice,
    AdviceKind,
    Channel,
    ConsentNotApplicableReason,
    ConsentStatus,
    Consultation,
    Contact,
    ContactDecision,
    Pathway,
)
from hearth.people.models import Person
from hearth.reference.codes import ReferralSource
from hearth.timescales.clocks import end_of_day
from hearth.timescales.selectors import council_calendar

from .conftest import PASSWORD, assert_accessible

# --- Fixtures -----------------------------------------------------------------------------------------

@pytest.fixture
def fd_manager(council):
    """A team manager in the front-door team (as hearth/front_door/tests/conftest.py makes one)."""
    return make_user("fdmanager", RoleCode.TEAM_MANAGER, team=council.front_door, manages=True)


# --- Helpers ------------------------------------------------------------------------------------------

def fill_date(scope, legend: str, day) -> None:
    """Type a date into the GOV.UK date input whose fieldset has this legend."""
    group = scope.get_by_role("group", name=legend, exact=True)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def date_boxes(scope, legend: str) -> tuple[str, str, str]:
    group = scope.get_by_role("group", name=legend, exact=True)
    return tuple(group.get_by_label(part).input_value() for part in ("Day", "Month", "Year"))


def minutes_ago(minutes: int) -> datetime:
    """A London moment a few minutes ago, to the minute (what a person types in the time box)."""
    return timezone.localtime().replace(second=0, microsecond=0) - timedelta(minutes=minutes)


def figures_in(row) -> list[str]:
    """A row of the leaders' figures as shown, without the words only screen readers hear."""
    return [re.sub(r"\s*\(.*", "", text, flags=re.S).strip() for text in row.get_by_role("cell").all_inner_texts()]


def success_banner(page):
    return page.locator(".govuk-notification-banner--success")


def error_summary(page):
    return page.locator(".govuk-error-summary")


def h1(page):
    return page.get_by_role("heading", level=1)


def tag(page, text: str):
    return page.locator("strong.govuk-tag", has_text=re.compile(f"^\\s*{re.escape(text)}\\s*$"))


def working_days_before(day, n: int):
    """The date n working days before `day`: n working days lie after it, up to and including `day`."""
    calendar, earlier = council_calendar(), day
    while calendar.working_days_between(earlier, day) < n:
        earlier -= timedelta(days=1)
    return earlier


def expected_due(received: datetime) -> tuple[datetime, str]:
    """The standard clock's due moment (end of the next working day) and the open contact's tag today."""
    due_day = council_calendar().add_working_days(received.date(), 1)
    return end_of_day(due_day), ("Due today" if due_day == timezone.localdate() else "On track")


def fill_moment(scope, legend: str, moment: datetime) -> None:
    """Type a London moment into the date-time fieldset with this legend: day, month, year and time."""
    fill_date(scope, legend, moment.date())
    scope.get_by_role("group", name=legend, exact=True).get_by_label("Time", exact=True).fill(moment.strftime("%H:%M"))


def record_the_when(page, received: datetime) -> None:
    fill_moment(page, "When was it received?", received)


def sign_in_partner(visitor, username: str = "partner"):
    """A partner signs in and is sent straight to their referrals (not the staff home page)."""
    page = visitor.page
    visitor.open("/accounts/sign-in")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    visitor.follow(page.get_by_role("button", name="Sign in"))
    assert page.url.endswith("/partner/"), page.url
    return visitor


# --- A call for advice ----------------------------------------------------------------------------------

def test_a_consultation_is_recorded_as_advice_with_no_contact_and_no_child_record(visitor, council):
    page = visitor.page
    people = Person.objects.count()
    called = minutes_ago(20)
    visitor.sign_in("adviser")
    visitor.nav("Front door")
    expect(h1(page)).to_have_text("Front door worklist")
    visitor.follow(page.get_by_role("button", name="Record a consultation"))
    expect(h1(page)).to_have_text("Record a consultation")

    fill_moment(page, "When was the call?", called)
    page.get_by_label("Caller's name").fill("Priya Shah")
    page.get_by_label("Caller's agency").fill("Oakfield Primary School")
    page.get_by_label("Caller's phone number").fill("01632 960 123")
    page.get_by_label("What did they ask about?").fill("A pupil seems withdrawn since the holidays; should we refer?")
    page.get_by_label("Advice given").fill("Talk to the parents first and use the early help assessment.")
    visitor.follow(page.get_by_role("button", name="Record the consultation"))

    expect(success_banner(page)).to_contain_text("Consultation recorded")
    expect(h1(page)).to_have_text("Consultation with Priya Shah")
    details = page.locator(".govuk-summary-list")
    expect(details).to_contain_text(govuk_datetime(called))
    expect(details).to_contain_text("Oakfield Primary School")
    expect(details).to_contain_text("A pupil seems withdrawn since the holidays; should we refer?")
    expect(details).to_contain_text("Talk to the parents first and use the early help assessment.")
    expect(details).to_contain_text("Adviser Tester")
    expect(page.get_by_role("button", name="Convert to a contact")).to_be_visible()

    visitor.follow(page.get_by_role("link", name="All consultations"))
    listed = page.get_by_role("table", name="Latest consultations")
    row = listed.get_by_role("row").filter(has_text="Priya Shah")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Priya Shah (Oakfield Primary School)")
    expect(row).to_contain_text("Adviser Tester")
    expect(row.get_by_role("cell").last).to_have_text("No")

    consultation = Consultation.objects.get()
    assert (consultation.advised_by, consultation.became_contact) == (council.adviser, None)
    assert consultation.received_at == called
    assert not Contact.objects.exists()
    assert Person.objects.count() == people


def test_a_call_at_a_time_the_clocks_skipped_is_refused_and_one_they_repeated_is_asked_about(visitor, council):
    page = visitor.page
    visitor.sign_in("adviser")
    visitor.open("/front-door/consultations/new")
    when = page.get_by_role("group", name="When was the call?", exact=True)
    expect(page.get_by_role("group", name=re.compile("which 01:30 was it"))).to_have_count(0)
    fill_date(page, "When was the call?", datetime(2025, 3, 30).date())
    when.get_by_label("Time", exact=True).fill("01:30")
    page.get_by_label("Caller's name").fill("Priya Shah")
    page.get_by_label("Caller's agency").fill("Wrekinshire Police")
    page.get_by_label("What did they ask about?").fill("A night-time call about a child left alone.")
    page.get_by_label("Advice given").fill("Call the out of hours team now.")
    visitor.follow(page.get_by_role("button", name="Record the consultation"))
    expect(error_summary(page).get_by_role("link", name=(
        "01:30 on 30 March 2025 did not happen: clocks went forward from 01:00 to 02:00"))).to_be_visible()
    expect(when.get_by_label("Time", exact=True)).to_have_value("01:30")

    fill_date(page, "When was the call?", datetime(2025, 10, 26).date())
    visitor.follow(page.get_by_role("button", name="Record the consultation"))
    expect(error_summary(page)).to_contain_text("01:30 on 26 October 2025 happened twice")
    which = page.get_by_role("group", name="The clocks went back that night: which 01:30 was it?")
    expect(which).to_be_visible()
    page.get_by_label("Greenwich Mean Time (GMT): the second 01:30").check()
    visitor.follow(page.get_by_role("button", name="Record the consultation"))

    expect(success_banner(page)).to_contain_text("Consultation recorded")
    assert Consultation.objects.get().received_at == datetime(2025, 10, 26, 1, 30, tzinfo=UTC)


# --- A contact, consent obtained, decided as a referral ---------------------------------------------------

def test_contact_with_consent_is_screened_then_decided_as_a_referral_by_the_front_door_manager(
        visitor, another_visitor, council, fd_manager):
    page = visitor.page
    child = council.allocated
    received = minutes_ago(30)
    due_at, rag = expected_due(received)

    visitor.sign_in("adviser")
    visitor.nav("Front door")
    visitor.follow(page.get_by_role("button", name="Record a contact"))
    expect(h1(page)).to_have_text("Record a contact")
    record_the_when(page, received)
    page.get_by_role("group", name="How did it arrive?").get_by_label("Phone call").check()
    page.get_by_label("Referrer's name").fill("Priya Shah")
    page.get_by_label("Referrer's agency").fill("Oakfield Primary School")
    page.get_by_label("Referrer's phone number").fill("01632 960 123")
    page.get_by_label("Referral source").select_option(label="Schools")
    page.get_by_label("LA child IDs of children who already have a record").fill(child.la_child_id)
    page.get_by_label("The concern, in the referrer's words").fill(
        "Amara came to school hungry and with a bruise on her arm she would not explain.")
    page.get_by_role("group", name="Risk indicators").get_by_label("Physical abuse").check()
    page.get_by_label("Consent obtained").check()
    page.get_by_label("Who gave consent?").fill("Sam Allocated (mother)")
    page.get_by_label("How was consent given?").fill("By phone to the school")
    visitor.follow(page.get_by_role("button", name="Record the contact"))

    contact = Contact.objects.get()
    expect(success_banner(page)).to_contain_text(f"Contact {contact.reference} recorded")
    expect(h1(page)).to_have_text(f"Contact {contact.reference}")
    expect(tag(page, "Open")).to_be_visible()
    expect(tag(page, rag)).to_be_visible()
    expect(page.get_by_text(f"Decision due by {govuk_datetime(due_at)}")).to_be_visible()
    summary = page.locator(".govuk-summary-list").first
    expect(summary).to_contain_text(govuk_datetime(received))
    expect(summary).to_contain_text("Consent obtained: from Sam Allocated (mother), By phone to the school")
    expect(page.get_by_role("heading", name=f"Amara Allocated ({child.la_child_id})")).to_be_visible()
    expect(page.get_by_text("Awaiting a team manager's decision.")).to_be_visible()

    visitor.nav("Front door")
    row = page.get_by_role("table", name=re.compile("open contact")).get_by_role("row").filter(has_text=contact.reference)
    expect(row).to_contain_text(govuk_datetime(received))
    expect(row).to_contain_text("Amara Allocated")
    expect(row).to_contain_text("Oakfield Primary School")
    expect(row).to_contain_text(f"{govuk_date(due_at)} (end of the day)")
    expect(tag(row, rag)).to_be_visible()

    manager = another_visitor().sign_in("fdmanager")
    decide = manager.page
    manager.nav("Front door")
    manager.follow(decide.get_by_role("link", name=contact.reference))
    expect(h1(decide)).to_have_text(f"Contact {contact.reference}")
    decide.get_by_role("group", name="Outcome for Amara").get_by_label("Referral to children's social care").check()
    decide.get_by_label("Reason for the decision").fill(
        "An unexplained injury and hunger: a child and family assessment is needed.")
    decide.get_by_label("The child's details are in order").check()
    decide.get_by_label("The consent recorded is in order").check()
    decide.get_by_label("What the family was told").fill("Mother told by phone that a social worker will visit.")
    manager.follow(decide.get_by_role("button", name="Record the decision"))

    expect(success_banner(decide)).to_contain_text(
        "Decision recorded for Amara Allocated: Referral to children's social care")
    expect(tag(decide, "Closed")).to_be_visible()
    expect(tag(decide, "Decided on time")).to_be_visible()
    expect(decide.get_by_role("button", name="Record the decision")).to_have_count(0)
    decision = decide.locator(".govuk-summary-card").filter(has_text="Amara Allocated")
    expect(decision).to_contain_text("Referral to children's social care")
    expect(decision).to_contain_text("Fdmanager Tester")
    expect(decision).to_contain_text("An unexplained injury and hunger: a child and family assessment is needed.")
    manager.nav("Front door")
    expect(decide.get_by_role("link", name=contact.reference)).to_have_count(0)

    # Amara is open to the worker's team: the contact reaches the team's home pages as well as the chronology.
    worker = another_visitor().sign_in("worker")
    routed = worker.page.get_by_role("table", name=re.compile("about children open to your team"))
    row = routed.get_by_role("row").filter(has_text=contact.reference)
    expect(row).to_contain_text("Amara Allocated")
    expect(row).to_contain_text("Oakfield Primary School")
    expect(tag(row, "Decided: Referral to children's social care")).to_be_visible()
    worker.follow(row.get_by_role("link", name=contact.reference))
    expect(h1(worker.page)).to_have_text(f"Contact {contact.reference}")
    worker.open(f"/children/{child.pk}/")
    worker.tab("Chronology")
    history = worker.page.locator(".moj-timeline")
    expect(history.get_by_role("link", name=f"Contact {contact.reference} from Oakfield Primary School")).to_be_visible()
    expect(history.get_by_role("link", name="Contact decision: Referral to children's social care")).to_be_visible()
    expect(history.get_by_role("heading", name="Referral to children's social care", exact=True)).to_be_visible()

    referral = Referral.objects.get(child=child)
    contact.refresh_from_db()
    assert referral.referral_date == received.date() == timezone.localtime(contact.first_received_at).date()
    assert referral.contact_child.contact == contact and referral.source == ReferralSource.SCHOOLS
    assert contact.closed_at is not None
    assert ContactDecision.objects.get().decided_by == fd_manager


# --- Consent dispensed with --------------------------------------------------------------------------------

def test_consent_dispensed_with_needs_a_reason_and_the_manager_asked_who_then_confirms_it(
        visitor, council, fd_manager, another_visitor):
    page = visitor.page
    received = minutes_ago(45)
    visitor.sign_in("adviser")
    visitor.open("/front-door/contacts/new")
    consent = page.get_by_role("group", name="Has the family consented to this contact?")
    when = page.get_by_role("group", name="When was it received?", exact=True)
    assert consent.bounding_box()["y"] < when.bounding_box()["y"], "consent is asked about first"
    for follow_up in ("Who gave consent?", "Which manager did you ask to agree?"):
        expect(page.get_by_label(follow_up)).to_be_hidden()
    expect(page.get_by_role("group", name="Why does consent not apply?")).to_be_hidden()
    page.get_by_label("Consent dispensed with").check()
    expect(page.get_by_label("Which manager did you ask to agree?")).to_be_visible()
    expect(page.get_by_label("Who gave consent?")).to_be_hidden()
    assert_accessible(page)  # with a branch revealed
    record_the_when(page, received)
    page.get_by_role("group", name="How did it arrive?").get_by_label("Email").check()
    page.get_by_label("Referrer's name").fill("Dr Ada Jones")
    page.get_by_label("Referrer's agency").fill("Wrekin Medical Practice")
    page.get_by_label("Referral source").select_option(label="Health services: general practitioner (GP)")
    page.get_by_label("LA child IDs of children who already have a record").fill(council.unallocated.la_child_id)
    concern = "Una disclosed that her stepfather hits her when her mother is at work."
    page.get_by_label("The concern, in the referrer's words").fill(concern)
    visitor.follow(page.get_by_role("button", name="Record the contact"))

    summary = error_summary(page)
    expect(summary.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert page.title().startswith("Error: ")
    expect(summary.get_by_role("link", name="Select why consent was dispensed with")).to_have_attribute(
        "href", "#id_consent_dispensed_reason")
    expect(summary.get_by_role("link", name="Select the manager you asked to agree to dispense with consent")
           ).to_have_attribute("href", "#id_consent_dispensed_asked")
    expect(page.locator("#id_consent_dispensed_reason-error")).to_contain_text("Select why consent was dispensed with")
    expect(page.locator("#id_consent_dispensed_asked-error")).to_contain_text(
        "Select the manager you asked to agree to dispense with consent")
    assert not Contact.objects.exists()

    expect(page.get_by_label("Consent dispensed with")).to_be_checked()
    expect(page.get_by_role("group", name="Why was consent dispensed with?")).to_be_visible()
    expect(page.get_by_label("Who gave consent?")).to_be_hidden()
    expect(page.get_by_label("Referrer's name")).to_have_value("Dr Ada Jones")
    expect(page.get_by_label("Referrer's agency")).to_have_value("Wrekin Medical Practice")
    expect(page.get_by_label("The concern, in the referrer's words")).to_have_value(concern)
    expect(page.get_by_label("LA child IDs of children who already have a record")).to_have_value(
        council.unallocated.la_child_id)
    expect(page.get_by_role("group", name="How did it arrive?").get_by_label("Email")).to_be_checked()
    when = page.get_by_role("group", name="When was it received?", exact=True)
    expect(when.get_by_label("Time", exact=True)).to_have_value(received.strftime("%H:%M"))
    assert date_boxes(page, "When was it received?") == (str(received.day), str(received.month), str(received.year))

    reason = page.get_by_role("group", name="Why was consent dispensed with?")
    reason.get_by_label("Seeking consent would place the child at risk of significant harm").check()
    page.get_by_label("Which manager did you ask to agree?").select_option(label="Fdmanager Tester")
    visitor.follow(page.get_by_role("button", name="Record the contact"))

    contact = Contact.objects.get()
    expect(success_banner(page)).to_contain_text(f"Contact {contact.reference} recorded")
    expect(page.locator(".govuk-summary-list").first).to_contain_text(
        "Consent dispensed with: Seeking consent would place the child at risk of significant harm. "
        "Asked Fdmanager Tester to agree. Not yet confirmed by a manager")
    assert (contact.consent, contact.consent_dispensed_reason) == (ConsentStatus.DISPENSED, "significant_harm")
    assert contact.consent_dispensed_asked == fd_manager
    expect(page.get_by_role("button", name="Confirm dispensing with consent")).to_have_count(0)

    manager = another_visitor().sign_in("fdmanager")
    manager.open(f"/front-door/contacts/{contact.pk}")
    expect(manager.page.get_by_role("button", name="Record the decision")).to_have_count(0)
    manager.follow(manager.page.get_by_role("button", name="Confirm dispensing with consent"))
    expect(success_banner(manager.page)).to_contain_text("Dispensing with consent confirmed")
    expect(manager.page.locator(".govuk-summary-list").first).to_contain_text("Confirmed by Fdmanager Tester")
    expect(manager.page.get_by_role("button", name="Record the decision")).to_have_count(1)
    contact.refresh_from_db()
    assert contact.consent_dispensed_confirmed_by == fd_manager and contact.consent_dispensed_confirmed_at


# --- A police domestic abuse notification ------------------------------------------------------------------

def test_police_domestic_abuse_notification_gets_police_triage_advice_and_the_worklist_filters_by_pathway(
        visitor, council, fd_manager):
    page = visitor.page
    received = minutes_ago(60)
    services.contact_record(acting_user=council.adviser, children=[council.team_child], contact=Contact(
        received_at=received, channel=Channel.PHONE, referrer_name="Jo Bloggs", referrer_agency="Oakfield Primary School",
        source=ReferralSource.SCHOOLS, concern="Tomos is often late and tired.", consent=ConsentStatus.NOT_APPLICABLE,
        consent_not_applicable_reason=ConsentNotApplicableReason.PARENT_MADE_CONTACT))
    standard = Contact.objects.get()

    visitor.sign_in("adviser")
    visitor.nav("Front door")
    visitor.follow(page.get_by_role("button", name="Record a contact"))
    record_the_when(page, received)
    page.get_by_role("group", name="How did it arrive?").get_by_label("Police notification").check()
    page.get_by_role("group", name="Pathway").get_by_label(
        "Police domestic abuse notification (triaged with police)").check()
    page.get_by_label("Referrer's name").fill("PC Dan Evans")
    page.get_by_label("Referrer's agency").fill("Wrekinshire Police")
    page.get_by_label("Referral source").select_option(label="Police")
    page.get_by_label("LA child IDs of children who already have a record").fill(council.unallocated.la_child_id)
    page.get_by_label("The concern, in the referrer's words").fill(
        "Police called to the home overnight: Una's mother assaulted by her partner while Una was present.")
    page.get_by_role("group", name="Risk indicators").get_by_label("Domestic abuse").check()
    page.get_by_label("Consent dispensed with").check()
    page.get_by_role("group", name="Why was consent dispensed with?").get_by_label(
        "Seeking consent would prejudice a police investigation").check()
    page.get_by_label("Which manager did you ask to agree?").select_option(label="Fdmanager Tester")
    visitor.follow(page.get_by_role("button", name="Record the contact"))

    contact = Contact.objects.exclude(pk=standard.pk).get()
    assert (contact.channel, contact.pathway) == (Channel.POLICE_NOTIFICATION, Pathway.DOMESTIC_ABUSE)
    expect(success_banner(page)).to_contain_text(f"Contact {contact.reference} recorded")
    expect(tag(page, "Domestic abuse pathway")).to_be_visible()
    warning = page.get_by_text("A police domestic abuse notification: record the police triage advice.")
    expect(warning).to_be_visible()
    expect(page.get_by_text("No advice recorded.")).to_be_visible()

    page.get_by_role("group", name="What kind of entry is this?").get_by_label("Police domestic abuse triage").check()
    page.get_by_label("Advice or note").fill(
        "Triaged with DS Patel: high risk, MARAC referral made; the perpetrator is on bail away from the home.")
    visitor.follow(page.get_by_role("button", name="Record", exact=True))

    advice = Advice.objects.get()
    assert (advice.kind, advice.given_by, advice.contact) == (AdviceKind.POLICE_TRIAGE, council.adviser, contact)
    expect(success_banner(page)).to_contain_text("Police domestic abuse triage recorded")
    entry = page.locator(".govuk-inset-text").filter(has_text="Triaged with DS Patel")
    expect(entry).to_contain_text(
        f"Police domestic abuse triage, by Adviser Tester, {govuk_datetime(advice.given_at)}")
    expect(entry).to_contain_text("the perpetrator is on bail away from the home.")
    expect(warning).to_have_count(0)

    visitor.nav("Front door")
    expect(page.get_by_role("table", name="2 open contacts")).to_be_visible()
    page.get_by_label("Pathway").select_option(label="Police domestic abuse notification (triaged with police)")
    visitor.follow(page.get_by_role("button", name="Apply filters"))
    listed = page.get_by_role("table", name="1 open contact matching the filters")
    expect(listed.get_by_role("link", name=contact.reference)).to_be_visible()
    expect(listed.get_by_role("row").filter(has_text=contact.reference)).to_contain_text("Wrekinshire Police")
    expect(page.get_by_role("link", name=standard.reference)).to_have_count(0)
    expect(page.get_by_label("Pathway")).to_have_value(Pathway.DOMESTIC_ABUSE)

    page.get_by_label("Pathway").select_option(label="Standard screening")
    visitor.follow(page.get_by_role("button", name="Apply filters"))
    expect(page.get_by_role("link", name=standard.reference)).to_be_visible()
    expect(page.get_by_role("link", name=contact.reference)).to_have_count(0)


# --- A partner agency's online referral ----------------------------------------------------------------------

def test_partner_online_referral_is_matched_and_decided_and_the_partner_sees_only_its_status(
        visitor, another_visitor, council, fd_manager):
    child = council.unallocated
    partner = sign_in_partner(another_visitor())
    sent = partner.page
    expect(h1(sent)).to_have_text("Your referrals")
    expect(sent.get_by_text("You have not sent any referrals yet.")).to_be_visible()
    partner.nav("Make a referral")
    expect(h1(sent)).to_have_text("Make a referral to children's services")
    consent = sent.get_by_role("group", name="Does the family know about this referral, and do they agree to it?")
    about_you = sent.get_by_role("heading", name="About you")
    assert consent.bounding_box()["y"] < about_you.bounding_box()["y"], "consent is asked about first"
    consent.get_by_label("Yes, the family knows about this referral and agrees to it").check()
    sent.get_by_label("Who agreed?").fill("Kim Unallocated (mother)")
    sent.get_by_label("How did they agree?").fill("In person at the police station")
    expect(sent.get_by_label("Your name")).to_have_value("Partner Tester")
    sent.get_by_label("A phone number we can call you on").fill("01632 960 555")
    expect(sent.get_by_label("What kind of agency are you referring from?")).to_have_value(ReferralSource.POLICE)
    first_child = sent.get_by_role("group", name="Child 1", exact=True)
    first_child.get_by_label("Full name").fill("Una Unallocated")
    fill_date(first_child, "Date of birth", child.date_of_birth)
    first_child.get_by_label("Address").fill("12 Station Road, Wellington, TF1 1AA")
    sent.get_by_label("What are you worried about?").fill(
        "Una was found walking alone at 2am and said she did not want to go home.")
    partner.follow(sent.get_by_role("button", name="Send the referral"))

    contact = Contact.objects.get()
    assert (contact.submitted_by, contact.channel) == (council.partner, Channel.ONLINE)
    expect(success_banner(sent)).to_contain_text(f"Referral sent. Your reference is {contact.reference}")
    expect(h1(sent)).to_have_text(f"Referral {contact.reference}")
    expect(tag(sent, "Received")).to_be_visible()
    partner.nav("Your referrals")
    expect(sent.get_by_role("row").filter(has_text=contact.reference)).to_contain_text("Received")

    page = visitor.page
    visitor.sign_in("adviser")
    visitor.nav("Front door")
    row = page.get_by_role("row").filter(has_text=contact.reference)
    expect(row).to_contain_text(govuk_datetime(contact.received_at))
    expect(row).to_contain_text("Una Unallocated (not yet matched)")
    expect(row).to_contain_text("Wrekinshire Police")
    visitor.follow(row.get_by_role("link", name=contact.reference))
    expect(page.get_by_text("Front door contact · online referral")).to_be_visible()
    expect(page.get_by_role("heading", name="Una Unallocated (not yet matched to a record)")).to_be_visible()
    expect(page.get_by_text(f"Una Unallocated, born 1 January 2015, {child.la_child_id}")).to_be_visible()
    visitor.follow(page.get_by_role("button", name=re.compile(r"^This is the child\s*: Una Unallocated$")))
    expect(success_banner(page)).to_contain_text(f"Matched to Una Unallocated ({child.la_child_id})")
    expect(page.get_by_role("heading", name=f"Una Unallocated ({child.la_child_id})")).to_be_visible()
    assert contact.children.get().child == child

    manager = another_visitor().sign_in("fdmanager")
    decide = manager.page
    manager.open(f"/front-door/contacts/{contact.pk}")
    outcome, rationale = "Information and advice", "Mother is engaging; signposted to the youth service and early help."
    decide.get_by_role("group", name="Outcome for Una").get_by_label(outcome).check()
    decide.get_by_label("Reason for the decision").fill(rationale)
    decide.get_by_label("The child's details are in order").check()
    decide.get_by_label("The consent recorded is in order").check()
    manager.follow(decide.get_by_role("button", name="Record the decision"))
    expect(success_banner(decide)).to_contain_text(f"Decision recorded for Una Unallocated: {outcome}")
    expect(tag(decide, "Closed")).to_be_visible()

    partner.open("/partner/")
    row = sent.get_by_role("row").filter(has_text=contact.reference)
    expect(tag(row, "Decision made")).to_be_visible()
    partner.follow(row.get_by_role("link", name=contact.reference))
    expect(tag(sent, "Decision made")).to_be_visible()
    main = sent.get_by_role("main")
    expect(main).to_contain_text("A decision has been made for every child.")
    expect(main).not_to_contain_text(outcome)
    expect(main).not_to_contain_text(rationale)
    expect(main).not_to_contain_text("Fdmanager")
    expect(main).not_to_contain_text(child.la_child_id)
    partner.open("/children/", status=404)
    partner.open(f"/children/{child.pk}/", status=404)
    partner.open(f"/front-door/contacts/{contact.pk}", status=404)
    expect(sent.get_by_text(rationale)).to_have_count(0)
    partner.open("/front-door/", status=404)


# --- New information on a closed contact ----------------------------------------------------------------------

@pytest.fixture
def decided_three_working_days_ago(council, fd_manager):
    """A contact received at 10am three working days ago and decided on time, two hours later."""
    today = timezone.localdate()
    received = timezone.make_aware(datetime.combine(working_days_before(today, 3), time(10, 0)))
    contact = services.contact_record(acting_user=council.adviser, children=[council.unallocated], contact=Contact(
        received_at=received, channel=Channel.PHONE, referrer_name="Jo Bloggs", referrer_agency="Oakfield Primary School",
        source=ReferralSource.SCHOOLS, concern="Una has missed school for a week and nobody answers at home.",
        consent=ConsentStatus.OBTAINED, consent_from="Kim Unallocated (mother)", consent_how="By phone to the school"))
    decision = services.contact_decide(
        acting_user=fd_manager, contact_child=contact.children.get(), outcome="information_and_advice",
        rationale="Mother explained the absence; the school will follow up.", details_in_order=True,
        consent_in_order=True)
    decided = received + timedelta(hours=2)  # on time: before the end of the next working day
    ContactDecision.objects.filter(pk=decision.pk).update(decided_at=decided)
    Contact.objects.filter(pk=contact.pk).update(closed_at=decided)
    contact.refresh_from_db()
    return contact


def test_new_information_on_a_closed_contact_is_a_linked_contact_timed_from_the_first_receipt(
        visitor, another_visitor, council, fd_manager, decided_three_working_days_ago):
    first = decided_three_working_days_ago
    first_received = timezone.localtime(first.first_received_at)
    due_at, _ = expected_due(first_received)
    assert due_at < timezone.now(), "the chain's first receipt is three working days ago"
    page = visitor.page
    visitor.sign_in("adviser")
    visitor.open(f"/front-door/contacts/{first.pk}")
    expect(tag(page, "Closed")).to_be_visible()
    expect(tag(page, "Decided on time")).to_be_visible()
    expect(page.get_by_role("button", name="Record the decision")).to_have_count(0)
    visitor.follow(page.get_by_role("button", name="Add new information"))

    expect(h1(page)).to_have_text("Add new information")
    expect(page.locator(".govuk-inset-text")).to_contain_text(
        f"New information about contact {first.reference}, closed on {govuk_datetime(first.closed_at)}")
    expect(page.locator(".govuk-inset-text")).to_contain_text(
        f"its timeliness counts from the first receipt, {govuk_datetime(first_received)}")
    expect(page.get_by_label("Referrer's name")).to_have_value("Jo Bloggs")
    expect(page.get_by_label("LA child IDs of children who already have a record")).to_have_value(
        council.unallocated.la_child_id)
    received = minutes_ago(5)
    record_the_when(page, received)
    page.get_by_label("The concern, in the referrer's words").fill(
        "Una came back to school today with a black eye and says she has been kept at home.")
    page.get_by_label("Consent obtained").check()
    page.get_by_label("Who gave consent?").fill("Kim Unallocated (mother)")
    page.get_by_label("How was consent given?").fill("By phone to the school")
    visitor.follow(page.get_by_role("button", name="Record the new contact"))

    linked = Contact.objects.get(previous=first)
    assert linked.first_received_at == first.first_received_at and linked.decision_due_at == due_at
    expect(success_banner(page)).to_contain_text(f"Contact {linked.reference} recorded, linked to {first.reference}")
    chain = page.locator("#chain + ol")
    expect(page.get_by_role("heading", name="Linked contacts")).to_be_visible()
    expect(chain.get_by_role("listitem")).to_have_count(2)
    expect(chain.get_by_role("listitem").first).to_contain_text(
        f"{first.reference}, received {govuk_datetime(first_received)}, closed")
    expect(chain.get_by_role("link", name=first.reference)).to_be_visible()
    expect(chain.get_by_role("listitem").last).to_contain_text(f"{linked.reference} (this contact)")
    expect(tag(page, "Overdue")).to_be_visible()
    expect(page.get_by_text(f"Decision due by {govuk_datetime(due_at)}")).to_be_visible()
    expect(page.get_by_text(f"measured from the first receipt in this chain: {govuk_datetime(first_received)}")).to_be_visible()
    expect(page.get_by_text(re.compile("Re-contact: 1 other contact about this child"))).to_be_visible()

    visitor.nav("Front door")
    row = page.get_by_role("row").filter(has_text=linked.reference)
    expect(row).to_contain_text(f"Chain from {govuk_datetime(first_received)} (first receipt)")
    expect(tag(row, "Overdue")).to_be_visible()
    expect(tag(row, "Re-contact")).to_be_visible()  # Una was on the first contact, days before

    manager = another_visitor().sign_in("fdmanager")
    manager.open(f"/front-door/contacts/{linked.pk}")
    decide = manager.page
    decide.get_by_role("group", name="Outcome for Una").get_by_label("Referral to children's social care").check()
    decide.get_by_label("Reason for the decision").fill("An injury and missed schooling: an assessment is needed.")
    decide.get_by_label("The child's details are in order").check()
    decide.get_by_label("The consent recorded is in order").check()
    manager.follow(decide.get_by_role("button", name="Record the decision"))
    expect(tag(decide, "Decided late")).to_be_visible()
    referral = Referral.objects.get(child=council.unallocated)
    assert referral.referral_date == first_received.date(), "the referral dates from the chain's first receipt"

    leader = another_visitor().sign_in("leader")
    figures = leader.page
    leader.nav("Front door performance")
    expect(h1(figures)).to_have_text("Front door performance")
    figures.get_by_text("Choose the dates").click()
    fill_date(figures, "From", first_received.date())
    fill_date(figures, "To", timezone.localdate())
    leader.follow(figures.get_by_role("button", name="Show these dates"))
    expect(figures.get_by_text(f"{govuk_date(first_received)} to {govuk_date(timezone.localdate())}").first).to_be_visible()

    timeliness = figures.get_by_role("table", name="Decisions within one working day")
    all_row = timeliness.get_by_role("row").filter(has_text="All contacts decided")
    linked_row = timeliness.get_by_role("row").filter(has_text="Linked to a closed contact")
    not_linked_row = timeliness.get_by_role("row").filter(has_text="Not linked")
    assert figures_in(all_row) == ["2", "1", "50%", "1"], figures_in(all_row)
    assert figures_in(linked_row) == ["1", "0", "0%", "1"], figures_in(linked_row)
    assert figures_in(not_linked_row) == ["1", "1", "100%", "0"], figures_in(not_linked_row)

    chains = figures.get_by_role("table", name="Contacts closed and followed by a new contact")
    for measure, count in [("Linked contacts received in the period", "1"), ("Linked contacts decided in the period", "1"),
                           ("decided late, from the first receipt", "1"), ("decided on time, from the first receipt", "0")]:
        expect(chains.get_by_role("row").filter(has_text=measure).get_by_role("cell")).to_have_text(
            re.compile(f"^{count}\\b"))

    leader.follow(linked_row.get_by_role("link", name=re.compile(r"^1 \(Late: ")))
    expect(h1(figures)).to_have_text("Contacts behind a figure")
    expect(figures.get_by_role("main").get_by_role("list").first).to_contain_text("decided late (from the first receipt)")
    expect(figures.get_by_role("main").get_by_role("list").first).to_contain_text("linked to a closed contact")
    listed = figures.get_by_role("table", name="1 contact")
    row = listed.get_by_role("row").filter(has_text=linked.reference)
    expect(row).to_contain_text(f"Chain from {govuk_datetime(first_received)} (first receipt)")
    expect(tag(row, "Decided late")).to_be_visible()
    expect(listed.get_by_role("link", name=first.reference)).to_have_count(0)


# --- Who may see the front door, and the leaders' charts ------------------------------------------------------

def test_a_social_worker_outside_the_front_door_cannot_open_its_worklist(visitor, council):
    page = visitor.page
    visitor.sign_in("worker")
    expect(page.get_by_role("navigation", name="Menu").get_by_role("link", name="Front door")).to_have_count(0)
    visitor.open("/front-door/", status=403)
    expect(page.get_by_role("heading", name="Front door worklist")).to_have_count(0)
    visitor.open("/front-door/contacts/new", status=403)
    visitor.open("/front-door/performance", status=403)


def test_the_leaders_view_of_the_front_door_and_its_charts_are_accessible(visitor, council, fd_manager,
                                                                         decided_three_working_days_ago):
    page = visitor.page
    visitor.sign_in("fdmanager")
    visitor.nav("Front door performance")
    parts = page.get_by_role("navigation", name="Parts of the front door's performance")
    for part in ("Outcomes and recording", "Re-contacts", "Timeliness"):
        visitor.follow(parts.get_by_role("link", name=part))
        expect(page.get_by_role("heading", level=2, name=part)).to_be_visible()
        expect(page.locator("svg[role=img]").first).to_be_visible()
        assert page.locator("svg[role=img]").count() >= 1
    page.get_by_text("Choose the dates").click()
    page.get_by_role("group", name="From", exact=True).get_by_label("Month").fill("")
    visitor.follow(page.get_by_role("button", name="Show these dates"))
    expect(error_summary(page).get_by_role("link", name="From must include a month")).to_be_visible()


# --- A 16- or 17-year-old presenting as homeless ----------------------------------------------------------------

def test_a_homeless_17_year_old_is_told_their_rights_before_the_manager_decides_and_the_contact_shows_it(
        visitor, council, fd_manager):
    today = timezone.localdate()
    young_person = Person.objects.create(kind="child", first_name="Kai", last_name="Example", la_child_id="H0000017",
                                         date_of_birth=today.replace(year=today.year - 17) - timedelta(days=30),
                                         created_by=council.adviser)
    contact = services.contact_record(acting_user=council.adviser, children=[young_person], contact=Contact(
        received_at=max(minutes_ago(30), timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)),
        channel=Channel.PHONE, referrer_name="Dee Ward", referrer_agency="Wrekinshire Housing",
        source=ReferralSource.HOUSING, concern="Kai was asked to leave home and has slept on friends' sofas for a week.",
        consent=ConsentStatus.NOT_APPLICABLE, consent_not_applicable_reason=ConsentNotApplicableReason.PARENT_MADE_CONTACT,
        risk_indicators=["homeless_16_17"]))
    page = visitor.page
    visitor.sign_in("fdmanager")
    visitor.open(f"/front-door/contacts/{contact.pk}")
    expect(page.get_by_role("heading", name="Rights and entitlements: a 16- or 17-year-old presenting as homeless")
           ).to_be_visible()
    page.get_by_role("group", name="Outcome for Kai").get_by_label("Referral to children's social care").check()
    page.get_by_label("Reason for the decision").fill("A joint assessment with housing of Kai's needs.")
    page.get_by_label("The child's details are in order").check()
    page.get_by_label("The consent recorded is in order").check()
    page.get_by_role("group", name="How were they told?").get_by_label("In person").check()
    visitor.follow(page.get_by_role("button", name="Record the decision"), status=400)

    expect(error_summary(page)).to_contain_text("Enter the date they were told their rights and entitlements")
    expect(error_summary(page)).to_contain_text("Select what they want")
    expect(page.get_by_label("Reason for the decision")).to_have_value("A joint assessment with housing of Kai's needs.")
    expect(page.get_by_role("group", name="How were they told?").get_by_label("In person")).to_be_checked()
    fill_date(page, "When were they told their rights and entitlements?", today)
    page.get_by_label("They were given written information for their age").check()
    page.get_by_role("group", name="What do they want?").get_by_label(
        "Wants to be accommodated by the council (section 20)").check()
    visitor.follow(page.get_by_role("button", name="Record the decision"))

    expect(success_banner(page)).to_contain_text("Decision recorded for Kai Example")
    decision = page.locator(".govuk-summary-card").filter(has_text="Kai Example")
    expect(decision).to_contain_text(f"{govuk_date(today)}, in person; given written information for their age")
    expect(decision).to_contain_text("Wants to be accommodated by the council (section 20)")
    saved = ContactDecision.objects.get()
    assert (saved.rights_told_on, saved.rights_told_how, saved.accommodation_wish) == (today, "in_person",
                                                                                       "accommodated")
