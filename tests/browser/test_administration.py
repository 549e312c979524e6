"""An administrator's path on Hearth's own pages, end to end in a real browser.

Every page reached is checked with axe-core (see conftest.py).
"""

from playwright.sync_api import expect

from conftest import make_user
from hearth.accounts import services
from hearth.accounts.models import AuditEvent, BreakGlassAccess, Membership, RoleChangeRequest, User
from hearth.accounts.roles import RoleCode


def success_banner(page):
    return page.locator(".govuk-notification-banner--success")


def test_an_administrator_creates_a_user_gives_them_a_team_and_a_role_and_sees_the_change_reviewed(visitor, council):
    page = visitor.page
    visitor.sign_in("admin")
    visitor.nav("Administration")
    expect(page.get_by_role("heading", level=1)).to_have_text("Administration")

    visitor.follow(page.get_by_role("link", name="Users", exact=True))
    visitor.follow(page.get_by_role("button", name="Add a user"))
    page.get_by_label("First name").fill("Nia")
    page.get_by_label("Last name").fill("Newstarter")
    page.get_by_label("Username").fill("nia.newstarter")
    page.get_by_label("First password").fill("short")
    visitor.follow(page.get_by_role("button", name="Add the user"))
    expect(page.locator(".govuk-error-summary")).to_contain_text("There is a problem")
    expect(page.get_by_label("Username")).to_have_value("nia.newstarter")
    page.get_by_label("First password").fill("a-long-first-password-for-nia")
    visitor.follow(page.get_by_role("button", name="Add the user"))
    expect(success_banner(page)).to_contain_text("Account added for Nia Newstarter")
    expect(page.get_by_text("No roles: this account sees nothing.")).to_be_visible()

    visitor.follow(page.get_by_role("button", name="Add to a team"))
    page.get_by_label("Team", exact=True).select_option(label="Safeguarding 1")
    visitor.follow(page.get_by_role("button", name="Add to the team"))
    expect(success_banner(page)).to_contain_text("Nia Newstarter added to Safeguarding 1")

    visitor.follow(page.get_by_role("button", name="Set roles"))
    page.get_by_label("Social worker", exact=True).check()
    visitor.follow(page.get_by_role("button", name="Save the roles"))
    expect(success_banner(page)).to_contain_text("Roles saved")
    expect(page.get_by_role("listitem").filter(has_text="Social worker")).to_be_visible()

    visitor.follow(page.get_by_role("link", name="Every access change made to or by Nia Newstarter"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Access changes")
    expect(page.get_by_role("row").filter(has_text="Roles of Nia Newstarter changed to Social worker")).to_contain_text(
        "Admin Tester")
    expect(page.get_by_text("Added Nia Newstarter to Safeguarding 1")).to_be_visible()
    page.get_by_label("Kind of change").select_option(label="Team memberships")
    visitor.follow(page.get_by_role("button", name="Filter"))
    expect(page.get_by_text("Added Nia Newstarter to Safeguarding 1")).to_be_visible()
    expect(page.get_by_text("Roles of Nia Newstarter changed")).to_have_count(0)

    user = User.objects.get(username="nia.newstarter")
    assert set(user.roles.values_list("code", flat=True)) == {RoleCode.SOCIAL_WORKER}
    assert Membership.objects.filter(user=user, team=council.team).exists()
    assert user.history.latest().history_user == council.admin
    assert AuditEvent.objects.filter(subject_user=user).count() == 3


def test_a_case_role_for_an_administrator_waits_for_a_second_administrator(visitor, another_visitor, council):
    make_user("admin2", RoleCode.ADMINISTRATOR)
    page = visitor.page
    visitor.sign_in("admin")
    visitor.open(f"/accounts/administration/users/{council.worker.pk}/roles")
    page.get_by_label("Administrator", exact=True).check()
    page.get_by_label("Reason for the change").fill("Covers the systems desk on Fridays")
    visitor.follow(page.get_by_role("button", name="Save the roles"))
    expect(success_banner(page)).to_contain_text("waits for a second administrator")
    visitor.follow(page.get_by_role("link", name="waiting for a second administrator"))
    expect(page.get_by_role("button", name="Approve the change")).to_have_count(0)
    expect(page.get_by_text("a different administrator must approve it")).to_be_visible()

    second = another_visitor().sign_in("admin2")
    second.nav("Administration")
    second.follow(second.page.get_by_role("link", name="Waiting for a second administrator"))
    second.follow(second.page.get_by_role("link", name="Decide the change of roles for Worker Tester"))
    expect(second.page.locator(".govuk-summary-list")).to_contain_text("Covers the systems desk on Fridays")
    second.follow(second.page.get_by_role("button", name="Approve the change"))
    expect(success_banner(second.page)).to_contain_text("Approved: the roles have changed")
    second.nav("Access changes")
    expect(second.page.get_by_text("Approved the change of Worker Tester's roles asked by Admin Tester")).to_be_visible()
    assert RoleChangeRequest.objects.get().decided_by.username == "admin2"
    assert council.worker.roles.filter(code=RoleCode.ADMINISTRATOR).exists()


def test_every_administration_page_passes_the_accessibility_checks(visitor, council):
    page = visitor.page
    visitor.sign_in("admin")
    membership = Membership.objects.get(user=council.worker, team=council.team)
    for path in ("/accounts/administration/teams", f"/accounts/administration/teams/{council.team.pk}",
                 f"/accounts/administration/teams/{council.team.pk}/edit", "/accounts/administration/roles",
                 "/accounts/administration/roles/iro", "/accounts/administration/approvals",
                 f"/accounts/administration/users/{council.worker.pk}/details",
                 f"/accounts/administration/memberships/{membership.pk}", f"/accounts/administration/users/{council.admin.pk}",
                 "/accounts/administration/users?role=social_worker", "/timescales/closure-days/"):
        visitor.open(path)
    visitor.open("/accounts/administration/teams/new")
    visitor.follow(page.get_by_role("button", name="Add the team"))
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the team's name")
    visitor.open("/timescales/closure-days/new")
    page.get_by_label("Day").fill("29")
    page.get_by_label("Month").fill("12")
    page.get_by_label("Year").fill("2026")
    page.get_by_label("Why the council is closed").fill("Council closure between Christmas and New Year")
    visitor.follow(page.get_by_role("button", name="Add the closure day"))
    expect(success_banner(page)).to_contain_text("29 December 2026 added as a closure day")
    visitor.follow(page.get_by_role("link", name="Remove 29 December 2026"))
    visitor.follow(page.get_by_role("button", name="Remove the closure day"))
    expect(page.get_by_text("No closure days recorded.")).to_be_visible()


def test_a_review_of_emergency_access_stands_and_a_correction_is_shown_beside_it(visitor, council):
    services.break_glass_open(acting_user=council.outsider, la_child_id=council.unallocated.la_child_id,
                              reason="Hospital called about Una at night")
    access = BreakGlassAccess.objects.get()
    services.break_glass_review(acting_user=council.leader, access=access, outcome="not_justified", note="No log")
    page = visitor.page
    visitor.sign_in("manager")
    visitor.nav("Access reviews")
    visitor.follow(page.get_by_role("link", name="See the review of access by Outsider Tester"))
    expect(page.get_by_role("button", name="Record the review")).to_have_count(0)
    visitor.follow(page.get_by_role("button", name="Correct the review"))
    page.get_by_label("Justified", exact=True).check()
    visitor.follow(page.get_by_role("button", name="Record the correction"))
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter why the review is being corrected")
    page.get_by_label("Why is the review being corrected?").fill("The hospital's call is in the out-of-hours log")
    visitor.follow(page.get_by_role("button", name="Record the correction"))
    expect(success_banner(page)).to_contain_text("Correction recorded")
    expect(page.get_by_role("heading", name="Correction")).to_be_visible()
    expect(page.get_by_text("The hospital's call is in the out-of-hours log")).to_be_visible()
    expect(page.get_by_text("No log")).to_be_visible()
    assert [review.outcome for review in access.reviews.order_by("pk")] == ["not_justified", "justified"]
