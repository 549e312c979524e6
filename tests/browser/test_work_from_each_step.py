"""What is due, in a real browser, from the journey apps' own records: a worker's "My work" and a manager's team's work
list items from each step of the statutory pathway (the assessment, the child protection plan, pre-proceedings), each
linking to the page where it is done. Every page reached is checked with axe-core (see conftest.py)."""

import re
from datetime import timedelta

from playwright.sync_api import expect

from hearth.casework import due
from hearth.children_in_need.tests.conftest import allocated_referral, refer  # noqa: F401  (fixtures)
from hearth.protection.proceedings import services as proceedings
from hearth.protection.proceedings.tests.conftest import case, family  # noqa: F401  (fixtures)
from hearth.protection.tests.conftest import iro, open_plan  # noqa: F401  (fixtures)
from hearth.reference.codes import PreProceedingsOutcome


def test_my_work_lists_what_each_step_leaves_due_and_opens_it(
        visitor, council, allocated_referral, open_plan, case):  # noqa: F811  (the fixtures imported above)
    proceedings.pre_proceedings_letter_record(acting_user=council.worker, pre_proceedings=case,
                                              sent_on=due.today() - timedelta(days=20))
    proceedings.pre_proceedings_meeting_record(acting_user=council.worker, pre_proceedings=case,
                                               held_on=due.today() - timedelta(days=10))
    page = visitor.page
    visitor.sign_in("worker")
    expect(page.get_by_role("heading", level=1)).to_have_text("My work")
    for title in ("Complete the child and family assessment", "Visit the child (child protection plan)",
                  "Hold the review child protection conference", "Hold the pre-proceedings review meeting"):
        expect(page.get_by_role("link", name=re.compile(re.escape(title))).first).to_be_visible()
    visitor.follow(page.get_by_role("link", name=re.compile("Complete the child and family assessment")).first)
    expect(page).to_have_url(re.compile(r"/children-in-need/\d+/"))


def test_a_managers_team_work_lists_the_decisions_awaiting_them_from_each_step(
        visitor, council, allocated_referral, case):  # noqa: F811  (the fixtures imported above)
    proceedings.pre_proceedings_step_propose(acting_user=council.worker, pre_proceedings=case,
                                             outcome=PreProceedingsOutcome.STEP_DOWN, reason="The family's plan works")
    page = visitor.page
    visitor.sign_in("manager")
    visitor.nav("My team's work")
    decisions = page.get_by_role("table", name=re.compile("decision"))
    expect(decisions.get_by_role("link", name=re.compile("Decide: step up or step down")).first).to_be_visible()
    visitor.follow(decisions.get_by_role("link", name=re.compile("Decide: step up or step down")).first)
    expect(page).to_have_url(re.compile(r"/pre-proceedings/\d+"))
