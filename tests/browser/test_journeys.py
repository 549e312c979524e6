"""Users' paths through Hearth, end to end in a real browser; each test is named for the behaviour.

Every page reached is checked with axe-core (see conftest.py).
"""

import re
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from hearth.accounts.models import AccessAction, AccessEvent, BreakGlassAccess
from hearth.casework.models import Allocation, CaseNote
from hearth.people.models import Person


def govuk_date(day) -> str:
    return f"{day.day} {day:%B %Y}"


def fill_date(page, legend: str, day) -> None:
    """Type a date into the GOV.UK date input whose fieldset has this legend."""
    group = page.get_by_role("group", name=legend, exact=True)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def error_summary(page):
    return page.locator(".govuk-error-summary")


def success_banner(page):
    return page.locator(".govuk-notification-banner--success")


# --- A social worker's day --------------------------------------------------------------------------

def test_social_worker_finds_a_child_reads_the_chronology_and_adds_a_case_note(visitor, council):
    page = visitor.page
    child = council.allocated
    visitor.sign_in("worker")

    expect(page.get_by_role("heading", level=1)).to_have_text("My work")
    visitor.follow(page.get_by_role("navigation", name="My work").get_by_role("link", name="My caseload"))
    expect(page.get_by_role("heading", level=1)).to_have_text("My caseload")
    caseload = page.get_by_role("table", name=re.compile("allocated to you"))
    expect(caseload.get_by_role("link", name="Amara Allocated")).to_be_visible()
    expect(caseload).to_contain_text(child.la_child_id)

    visitor.nav("Find a child")
    page.get_by_label("Name, LA child ID, NHS number or UPN").fill("Amara")
    visitor.follow(page.get_by_role("button", name="Search"))
    expect(page.get_by_role("heading", name="1 child found")).to_be_visible()
    visitor.follow(page.get_by_role("link", name="Amara Allocated"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Amara Allocated")
    expect(page.get_by_text("Worker Tester, Safeguarding 1, since 1 January 2024.")).to_be_visible()

    visitor.tab("Chronology")
    expect(page.get_by_role("heading", name="Chronology", exact=True)).to_be_visible()
    expect(page.get_by_text("Allocated to Worker Tester (Safeguarding 1)")).to_be_visible()
    page.get_by_role("group", name="Show only").get_by_label("Case note").check()
    visitor.follow(page.get_by_role("button", name="Apply filter"))
    expect(page.get_by_role("heading", name="Chronology: Case note")).to_be_visible()
    expect(page.get_by_text("Nothing recorded of this kind.")).to_be_visible()
    expect(page.get_by_text("Allocated to Worker Tester (Safeguarding 1)")).to_have_count(0)

    visitor.tab("Case notes")
    expect(page.get_by_text("No case notes yet.")).to_be_visible()
    visitor.follow(page.get_by_role("button", name="Add a case note"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a case note")

    yesterday = timezone.localdate() - timedelta(days=1)
    page.get_by_role("group", name="What kind of note is this?").get_by_label("Visit to the child").check()
    fill_date(page, "When did it happen?", yesterday)
    page.get_by_role("group", name="When did it happen?").get_by_label("Time (if known)").fill("14:30")
    page.get_by_label("Title").fill("Home visit after school")
    page.get_by_label("What happened").fill("Saw Amara at home with her mother.\nHer room was tidy and warm.")
    page.get_by_label("The child's words, wishes and feelings").fill("I like my new school and my teacher.")
    page.get_by_label("Written to child").check()
    visitor.follow(page.get_by_role("button", name="Save case note"))

    expect(success_banner(page)).to_contain_text("Case note saved")
    expect(page.get_by_role("heading", name="Home visit after school")).to_be_visible()
    expect(page.get_by_text("Written to the child", exact=True)).to_be_visible()
    expect(page.get_by_text(f"{govuk_date(yesterday)} at 2:30pm")).to_be_visible()
    expect(page.get_by_text("Her room was tidy and warm.")).to_be_visible()
    expect(page.locator(".govuk-inset-text")).to_have_text("I like my new school and my teacher.")

    visitor.tab("Summary")
    expect(page.get_by_role("link", name="Home visit after school")).to_be_visible()
    visitor.tab("Case notes")
    expect(page.get_by_role("table", name="Case notes, newest first")).to_contain_text("Home visit after school")
    visitor.tab("Chronology")
    expect(page.get_by_role("link", name="Visit to the child: Home visit after school")).to_be_visible()

    note = CaseNote.objects.get(child=child)
    assert (note.author.username, note.written_to_child, note.kind) == ("worker", True, "visit")
    assert timezone.localtime(note.occurred_at).date() == yesterday


def test_case_note_with_errors_shows_the_error_summary_and_keeps_what_was_typed(visitor, council):
    page = visitor.page
    visitor.sign_in("worker")
    visitor.open(f"/children/{council.allocated.pk}/case-notes/new")

    visitor.follow(page.get_by_role("button", name="Save case note"))
    summary = error_summary(page)
    expect(summary).to_be_visible()
    expect(summary.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert page.title().startswith("Error: ")
    for field in ("kind", "occurred_at", "title", "body"):
        expect(summary.locator(f'a[href^="#id_{field}"]')).to_have_count(1)
    expect(page.locator("#id_title-error")).to_contain_text("This field is required")

    page.get_by_label("Title").fill("Phone call with school")
    page.get_by_label("What happened").fill("The head of year called about attendance.")
    page.get_by_label("The child's words, wishes and feelings").fill("School is boring.")
    when = page.get_by_role("group", name="When did it happen?")
    when.get_by_label("Day").fill("3")
    when.get_by_label("Time (if known)").fill("9:15am")
    page.get_by_label("Written to child").check()
    visitor.follow(page.get_by_role("button", name="Save case note"))

    expect(summary).to_be_visible()
    expect(summary.get_by_role("link", name="The date must include a month and year")).to_be_visible()
    expect(summary.locator('a[href="#id_kind"]')).to_have_count(1)
    expect(summary.locator('a[href^="#id_title"]')).to_have_count(0)
    expect(page.get_by_label("Title")).to_have_value("Phone call with school")
    expect(page.get_by_label("What happened")).to_have_value("The head of year called about attendance.")
    expect(page.get_by_label("The child's words, wishes and feelings")).to_have_value("School is boring.")
    expect(when.get_by_label("Day")).to_have_value("3")
    expect(when.get_by_label("Time (if known)")).to_have_value("9:15am")
    expect(page.get_by_label("Written to child")).to_be_checked()

    summary.get_by_role("link", name="The date must include a month and year").click()
    expect(when.get_by_label("Day")).to_be_focused()
    assert not CaseNote.objects.exists()


# --- Records a user may not see -----------------------------------------------------------------------

def test_worker_outside_the_team_is_refused_the_record_with_a_404(visitor, council):
    page = visitor.page
    visitor.sign_in("outsider")
    visitor.open(f"/children/{council.allocated.pk}/", status=404)
    expect(page.get_by_text("Amara")).to_have_count(0)
    refused = AccessEvent.objects.get(user=council.outsider, action=AccessAction.DENIED)
    # The refusal is recorded against the child, so it appears on their "Seen by" page.
    assert refused.child == council.allocated and refused.detail == f"child id {council.allocated.pk}"


def test_restricted_child_is_not_found_by_a_senior_leader(visitor, council):
    page = visitor.page
    visitor.sign_in("leader")
    visitor.nav("Find a child")
    search_box = page.get_by_label("Name, LA child ID, NHS number or UPN")

    search_box.fill("Allocated")
    visitor.follow(page.get_by_role("button", name="Search"))
    expect(page.get_by_role("link", name="Amara Allocated")).to_be_visible()

    for words in ("Rhys", "Restricted", council.restricted.la_child_id):
        search_box.fill(words)
        visitor.follow(page.get_by_role("button", name="Search"))
        expect(page.get_by_role("heading", name="No children found")).to_be_visible()
        expect(page.get_by_text("Rhys")).to_have_count(0)
    visitor.open(f"/children/{council.restricted.pk}/", status=404)


# --- A manager's oversight --------------------------------------------------------------------------

def test_manager_allocates_the_team_child_to_a_colleague(visitor, another_visitor, council):
    page = visitor.page
    today = timezone.localdate()
    visitor.sign_in("manager")
    visitor.nav("Find a child")
    page.get_by_label("Name, LA child ID, NHS number or UPN").fill("Tomos")
    visitor.follow(page.get_by_role("button", name="Search"))
    expect(page.get_by_role("row", name="Tomos Teamchild")).to_contain_text("Not allocated (Safeguarding 1)")
    visitor.follow(page.get_by_role("link", name="Tomos Teamchild"))
    expect(page.get_by_text("No named worker, Safeguarding 1, since 1 January 2024.")).to_be_visible()

    visitor.follow(page.get_by_role("link", name="Allocate Tomos"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Allocate Tomos Teamchild")
    page.get_by_label("Team").select_option(label="Safeguarding 1")
    page.get_by_label("Worker").select_option(label="Colleague Tester")
    expect(page.get_by_role("group", name="Allocated from").get_by_label("Day")).to_have_value(str(today.day))
    page.get_by_label("Reason").fill("Colleague has capacity")
    visitor.follow(page.get_by_role("button", name="Allocate"))

    expect(success_banner(page)).to_contain_text("Tomos Teamchild allocated")
    expect(page.get_by_text(f"Colleague Tester, Safeguarding 1, since {govuk_date(today)}.")).to_be_visible()
    expect(page.get_by_text("No named worker, Safeguarding 1")).to_have_count(0)
    current = Allocation.objects.get(child=council.team_child, ended_on__isnull=True)
    assert current.worker == council.colleague

    colleague = another_visitor().sign_in("colleague")
    colleague.follow(colleague.page.get_by_role("navigation", name="My work").get_by_role("link", name="My caseload"))
    expect(colleague.page.get_by_role("table", name=re.compile("allocated to you"))
           .get_by_role("link", name="Tomos Teamchild")).to_be_visible()


def test_manager_sees_who_has_seen_the_record(visitor, another_visitor, council):
    worker = visitor.sign_in("worker")
    worker.follow(worker.page.get_by_role("navigation", name="My work").get_by_role("link", name="My caseload"))
    worker.follow(worker.page.get_by_role("link", name="Amara Allocated"))

    manager = another_visitor().sign_in("manager")
    page = manager.page
    manager.open(f"/children/{council.allocated.pk}/")
    manager.tab("Seen by")
    expect(page.get_by_role("heading", name="Who has seen this record")).to_be_visible()
    log = page.get_by_role("table", name="Access to this record")
    worker_views = log.get_by_role("row").filter(has_text="Worker Tester")
    expect(worker_views).to_have_count(1)
    expect(worker_views).to_contain_text("Viewed")
    expect(worker_views).to_contain_text("Child record")
    expect(log.get_by_role("row").filter(has_text="Manager Tester").first).to_be_visible()


def test_worker_has_no_seen_by_tab(visitor, council):
    page = visitor.page
    visitor.sign_in("worker")
    visitor.open(f"/children/{council.allocated.pk}/")
    expect(page.get_by_role("navigation", name="Child's record").get_by_role("link", name="Seen by")).to_have_count(0)
    visitor.open(f"/children/{council.allocated.pk}/seen-by", status=403)


# --- Emergency access -------------------------------------------------------------------------------

def test_emergency_access_is_opened_with_a_reason_and_reviewed_by_a_manager(visitor, another_visitor, council):
    child = council.unallocated
    reason = "Police called out of hours: need Una's address and family contacts tonight."
    outsider = visitor.sign_in("outsider")
    page = outsider.page
    outsider.open(f"/children/{child.pk}/", status=404)

    outsider.nav("Emergency access")
    expect(page.get_by_role("heading", level=1)).to_have_text("Emergency access to a record")
    page.get_by_label("LA child ID").fill(child.la_child_id)
    page.get_by_label("Why do you need to see this record now?").fill(reason)
    outsider.follow(page.get_by_role("button", name="Open the record"))
    assert page.url.rstrip("/").endswith(f"/children/{child.pk}")
    expect(success_banner(page)).to_contain_text(
        "Emergency access to Una Unallocated's record for 8 hours")
    expect(page.get_by_role("heading", level=1)).to_have_text("Una Unallocated")

    manager = another_visitor().sign_in("manager")
    review_page = manager.page
    manager.nav("Access reviews")
    expect(review_page.get_by_role("heading", name="Waiting for review (1)")).to_be_visible()
    waiting = review_page.get_by_role("row").filter(has_text="Outsider Tester")
    expect(waiting).to_contain_text(f"Una Unallocated ({child.la_child_id})")
    expect(waiting).to_contain_text(reason)
    manager.follow(waiting.get_by_role("link", name="Review access by Outsider Tester"))

    expect(review_page.get_by_role("heading", level=1)).to_have_text("Review emergency access")
    expect(review_page.locator(".govuk-summary-list")).to_contain_text(reason)
    review_page.get_by_label("Justified", exact=True).check()
    review_page.get_by_label("Note").fill("Out-of-hours call from the police; appropriate.")
    manager.follow(review_page.get_by_role("button", name="Record the review"))

    expect(success_banner(review_page)).to_contain_text("Review recorded")
    expect(review_page.get_by_role("heading", name="Waiting for review (0)")).to_be_visible()
    expect(review_page.get_by_text("Nothing is waiting for review.")).to_be_visible()
    reviewed = review_page.get_by_role("row").filter(has_text=child.la_child_id)
    expect(reviewed).to_contain_text("Justified")
    expect(reviewed).to_contain_text("Manager Tester")
    access = BreakGlassAccess.objects.get()
    review = access.reviews.get()
    assert (access.user, review.reviewer, review.outcome) == (council.outsider, council.manager, "justified")


def test_emergency_access_review_without_an_outcome_shows_the_error_summary(visitor, another_visitor, council):
    outsider = visitor.sign_in("outsider")
    outsider.nav("Emergency access")
    outsider.page.get_by_label("LA child ID").fill(council.unallocated.la_child_id)
    outsider.page.get_by_label("Why do you need to see this record now?").fill("Urgent call from a hospital ward.")
    outsider.follow(outsider.page.get_by_role("button", name="Open the record"))

    manager = another_visitor().sign_in("manager")
    manager.nav("Access reviews")
    manager.follow(manager.page.get_by_role("link", name="Review access by Outsider Tester"))
    manager.page.get_by_label("Note").fill("Checking with the ward.")
    manager.follow(manager.page.get_by_role("button", name="Record the review"))
    expect(error_summary(manager.page)).to_contain_text("There is a problem")
    expect(manager.page.get_by_label("Note")).to_have_value("Checking with the ward.")
    assert not BreakGlassAccess.objects.get().reviews.exists()


# --- Adding a child ---------------------------------------------------------------------------------

def test_adding_a_child_who_may_already_have_a_record_asks_before_saving(visitor, council):
    page = visitor.page
    existing = council.allocated
    visitor.sign_in("worker")
    visitor.nav("Add a child")
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a child")

    page.get_by_label("First name").fill("Amara")
    page.get_by_label("Last name").fill("Allocated")
    fill_date(page, "Date of birth", existing.date_of_birth)
    page.get_by_role("group", name="Sex").get_by_label("Female").check()
    page.get_by_label("Ethnicity").select_option(index=1)
    visitor.follow(page.get_by_role("button", name="Add the record"))

    expect(page.get_by_role("heading", name="This child may already have a record")).to_be_visible()
    matches = page.get_by_role("table", name="Possible matches")
    expect(matches).to_contain_text("Amara Allocated")
    expect(matches).to_contain_text(existing.la_child_id)
    expect(matches).to_contain_text("Similar name, same date of birth")
    assert Person.objects.filter(first_name="Amara").count() == 1
    expect(page.get_by_label("First name")).to_have_value("Amara")
    expect(page.get_by_role("group", name="Date of birth", exact=True).get_by_label("Year")).to_have_value("2015")

    visitor.follow(page.get_by_role("button", name="Save and add the record"))
    created = Person.objects.filter(first_name="Amara").exclude(pk=existing.pk).get()
    expect(success_banner(page)).to_contain_text(
        f"Record created for Amara Allocated ({created.la_child_id})")
    expect(page.get_by_role("heading", level=1)).to_have_text("Amara Allocated")
    assert page.url.rstrip("/").endswith(f"/children/{created.pk}")
    assert created.created_by == council.worker and created.sex == "F"


def test_adding_a_child_with_no_likely_match_saves_at_once(visitor, council):
    page = visitor.page
    visitor.sign_in("worker")
    visitor.nav("Add a child")
    page.get_by_label("First name").fill("Zofia")
    page.get_by_label("Last name").fill("Newcomer")
    fill_date(page, "Date of birth", council.allocated.date_of_birth)
    page.get_by_role("group", name="Sex").get_by_label("Female").check()
    page.get_by_label("Ethnicity").select_option(index=1)
    visitor.follow(page.get_by_role("button", name="Add the record"))
    expect(success_banner(page)).to_contain_text("Record created for Zofia Newcomer")
    expect(page.get_by_text("This child may already have a record")).to_have_count(0)


# --- Signing in and out -----------------------------------------------------------------------------

def test_sign_in_with_a_wrong_password_shows_the_error_summary(visitor, council):
    page = visitor.page
    visitor.open("/accounts/sign-in")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to Hearth")
    page.get_by_label("Username").fill("worker")
    page.get_by_label("Password").fill("not-the-password")
    visitor.follow(page.get_by_role("button", name="Sign in"))

    summary = error_summary(page)
    expect(summary.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(summary).to_contain_text("Enter a correct username and password")
    assert page.title().startswith("Error: ")
    assert page.url.endswith("/accounts/sign-in")
    expect(page.get_by_label("Username")).to_have_value("worker")
    expect(page.get_by_label("Password")).to_have_value("")


def test_signing_out_ends_the_session(visitor, council):
    page = visitor.page
    visitor.sign_in("worker")
    visitor.nav("Sign out")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign out")
    visitor.follow(page.get_by_role("main").get_by_role("button", name="Sign out"))
    assert page.url.endswith("/accounts/sign-in")
    expect(page.get_by_role("navigation", name="Menu").get_by_role("link")).to_have_count(0)

    visitor.open(f"/children/{council.allocated.pk}/")
    assert "/accounts/sign-in?next=" in page.url
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to Hearth")


def test_signing_in_returns_to_the_page_asked_for(visitor, council):
    page = visitor.page
    visitor.open(f"/children/{council.allocated.pk}/chronology")
    assert "/accounts/sign-in?next=" in page.url
    page.get_by_label("Username").fill("worker")
    page.get_by_label("Password").fill("a-long-test-password")
    visitor.follow(page.get_by_role("button", name="Sign in"))
    assert page.url.endswith(f"/children/{council.allocated.pk}/chronology")
    expect(page.get_by_role("heading", level=1)).to_have_text("Amara Allocated")


# --- Pages checked for accessibility on their own ---------------------------------------------------

def test_timescales_page_is_accessible(visitor, council):
    visitor.sign_in("worker")
    visitor.nav("Timescales")
    expect(visitor.page.get_by_role("heading", level=1)).to_have_text("Timescales")
    expect(visitor.page.get_by_role("table", name="Timescales measured")).to_be_visible()


def test_not_found_page_is_accessible(visitor, council):
    visitor.sign_in("worker")
    visitor.open("/no-such-page", status=404)


def test_five_wrong_passwords_lock_the_account(visitor, council):
    page = visitor.page
    visitor.open("/accounts/sign-in")
    for attempt in range(1, 6):
        page.get_by_label("Username").fill("worker")
        page.get_by_label("Password").fill(f"wrong-password-{attempt}")
        visitor.follow(page.get_by_role("button", name="Sign in"), status=200 if attempt < 5 else 403)
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account is locked")

    visitor.open("/accounts/sign-in")
    page.get_by_label("Username").fill("worker")
    page.get_by_label("Password").fill("a-long-test-password")
    visitor.follow(page.get_by_role("button", name="Sign in"), status=403)
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account is locked")


def test_pages_for_changing_a_record_are_accessible(visitor, council):
    child = council.allocated
    visitor.sign_in("worker")
    visitor.open(f"/children/{child.pk}/")
    for link, heading in (("Change details", f"Change {child.full_name}'s details"),
                          ("Add an address", "Add an address"),
                          ("Add someone to the network", "Add someone to the family network"),
                          ("Add a warning", "Add a warning")):
        visitor.follow(visitor.page.get_by_role("main").get_by_role("link", name=link))
        expect(visitor.page.get_by_role("heading", level=1)).to_have_text(heading)
        visitor.follow(visitor.page.get_by_role("button").last)
        visitor.open(f"/children/{child.pk}/")
    visitor.tab("Changes")
    expect(visitor.page.get_by_role("heading", name="Changes to the child's details")).to_be_visible()
