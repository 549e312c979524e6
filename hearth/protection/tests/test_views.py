"""Child protection pages: who may open them, what they refuse, and their query budgets."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import client_for, make_user
from hearth.accounts.models import AccessAction, AccessEvent
from hearth.accounts.roles import RoleCode
from hearth.protection.models import ChildProtectionPlan, Conference, PlanVisit, StrategyDiscussion
from hearth.protection.tests.conftest import days_ago

BUDGET = 15


def date_fields(name: str, day) -> dict:
    return {f"{name}-day": str(day.day), f"{name}-month": str(day.month), f"{name}-year": str(day.year)}


@pytest.fixture
def pages(council, open_plan):
    child = council.allocated.pk
    enquiry = open_plan.conferences.get().enquiry
    return {
        "plan": f"/children/{child}/protection-plans/{open_plan.pk}",
        "enquiry": f"/children/{child}/section-47/{enquiry.pk}",
        "conference": f"/children/{child}/conferences/{open_plan.conferences.get().pk}",
        "discussion": f"/children/{child}/strategy-discussions/{enquiry.started_by_id}",
        "record": f"/children/{child}/",
    }


def test_the_allocated_worker_and_the_involved_iro_open_every_page(council, iro, pages):
    for user in (council.worker, iro):
        client = client_for(user)
        for name, path in pages.items():
            assert client.get(path).status_code == 200, (user, name)


def test_a_worker_of_another_team_gets_404_and_the_refusal_is_logged(council, pages):
    client = client_for(council.outsider)
    for path in pages.values():
        assert client.get(path).status_code == 404
    assert AccessEvent.objects.filter(user=council.outsider, child=council.allocated,
                                      action=AccessAction.DENIED).count() == len(pages)


def test_every_read_of_a_protection_page_is_logged(council, pages):
    client_for(council.worker).get(pages["plan"])
    assert AccessEvent.objects.filter(user=council.worker, child=council.allocated, action=AccessAction.VIEW,
                                      what="Child protection plan").exists()


def test_a_restricted_child_without_a_grant_404s_even_for_the_allocated_worker(council):
    response = client_for(council.worker).get(f"/children/{council.restricted.pk}/strategy-discussions/new")
    assert response.status_code == 404
    discussion = StrategyDiscussion.objects.create(child=council.restricted, requested_by=council.manager)
    path = f"/children/{council.restricted.pk}/strategy-discussions/{discussion.pk}"
    assert client_for(council.worker).get(path).status_code == 404
    iro = make_user("restrictediro", RoleCode.IRO, team=council.other_team)
    assert client_for(iro).get(f"/children/{council.restricted.pk}/conferences/new?plan=1").status_code == 404


def test_an_inspector_reads_the_plan_but_may_not_record_a_visit(council, pages, open_plan):
    client = client_for(council.inspector)
    assert client.get(pages["plan"]).status_code == 200
    assert client.get(f"/children/{council.allocated.pk}/protection-plans/{open_plan.pk}/visits/new").status_code == 403


def test_a_social_worker_may_not_record_a_conference_or_decide_an_outcome(council, pages, open_plan):
    client = client_for(council.worker)
    assert client.get(f"/children/{council.allocated.pk}/conferences/new?plan={open_plan.pk}").status_code == 403
    enquiry = open_plan.conferences.get().enquiry
    assert client.get(f"/children/{council.allocated.pk}/section-47/{enquiry.pk}/outcome").status_code == 403


@pytest.mark.parametrize("page", ["plan", "enquiry", "conference", "discussion", "record"])
def test_each_page_stays_within_the_query_budget(council, iro, pages, open_plan, page):
    client = client_for(council.worker)
    client.get(pages[page])  # the session and the calendar warm
    with CaptureQueriesContext(connection) as queries:
        assert client.get(pages[page]).status_code == 200
    assert len(queries) <= BUDGET, [query["sql"][:120] for query in queries]


def test_the_plan_page_does_not_grow_with_visits(council, pages, open_plan):
    client = client_for(council.worker)
    client.get(pages["plan"])
    with CaptureQueriesContext(connection) as one:
        client.get(pages["plan"])
    for n in range(5):
        PlanVisit.objects.create(plan=open_plan, visited_on=days_ago(n + 1), child_seen=True, next_due_on=days_ago(0),
                                 recorded_by=council.worker)
    with CaptureQueriesContext(connection) as many:
        client.get(pages["plan"])
    assert len(many) == len(one)


def test_the_childs_record_shows_the_open_plan_and_links_to_it(council, pages, open_plan):
    page = client_for(council.worker).get(pages["record"]).content.decode()
    assert "Child protection" in page and "Physical abuse" in page
    assert pages["plan"] in page and pages["enquiry"] in page
    assert "Next review conference" in page and "Next visit" in page


def test_the_plan_page_and_the_record_show_the_next_core_group_due_after_a_meeting(council, pages, open_plan):
    from hearth.protection import services

    client = client_for(council.worker)
    assert "Next core group" not in client.get(pages["plan"]).content.decode()
    meeting = services.core_group_record(acting_user=council.worker, plan=open_plan, held_on=days_ago(3),
                                         attendees="All", notes="")
    due_by = f"Due by {meeting.next_due_on.day} {meeting.next_due_on:%B %Y}"
    assert "Next core group" in (page := client.get(pages["plan"]).content.decode()) and due_by in page
    assert f"Next meeting due by {meeting.next_due_on.day} {meeting.next_due_on:%B %Y}" in client.get(
        pages["record"]).content.decode()


def test_a_worker_starts_a_discussion_from_the_page_and_a_blank_reason_is_refused(council):
    client = client_for(council.worker)
    path = f"/children/{council.allocated.pk}/strategy-discussions/new"
    page = client.post(path, {"reason": ""}).content.decode()
    assert "There is a problem" in page and "Enter why a strategy discussion is needed" in page
    assert client.post(path, {"reason": "Disclosure"}).status_code == 302
    assert StrategyDiscussion.objects.get().requested_by == council.worker


def test_recording_a_discussion_keeps_what_was_typed_when_the_child_is_to_be_seen_before_it(council):
    discussion = StrategyDiscussion.objects.create(child=council.allocated, requested_by=council.worker)
    path = f"/children/{council.allocated.pk}/strategy-discussions/{discussion.pk}/held"
    today = days_ago(0)
    response = client_for(council.worker).post(path, {
        "held_at-day": str(today.day), "held_at-month": str(today.month), "held_at-year": str(today.year),
        "held_at-time": "00:01", "chair": council.manager.pk, "agencies": ["police", "health"],
        "information_shared": "Police know the family.", **date_fields("see_child_by", days_ago(1))})
    page = response.content.decode()
    assert "The day the child is to be seen must be on or after the discussion" in page
    assert "Police know the family." in page
    assert StrategyDiscussion.objects.get().held_at is None


def test_a_visit_in_the_future_is_refused_beside_the_field(council, open_plan):
    path = f"/children/{council.allocated.pk}/protection-plans/{open_plan.pk}/visits/new"
    response = client_for(council.worker).post(path, {**date_fields("visited_on", days_ago(-2)), "child_seen": "yes",
                                                      "child_seen_alone": "yes", "notes": "Saw her"})
    page = response.content.decode()
    assert "Date of the visit must be today or in the past" in page and "Saw her" in page
    assert not PlanVisit.objects.exists()


def test_the_iro_records_a_review_that_ends_the_plan(council, iro, open_plan, parent):
    path = f"/children/{council.allocated.pk}/conferences/new?plan={open_plan.pk}"
    client = client_for(iro)
    form = client.get(path).content.decode()
    assert "Did Maya Allocated take part, and how?" in form
    response = client.post(path, {
        **date_fields("held_on", days_ago(1)), "chair": iro.pk, "child_participation": "written",
        f"parent_{parent.pk}": "in_person", "attendee_1_name": "PC Jones", "attendee_1_agency": "police",
        "outcome": "end", "category": "PHY", "end_reason": "no_longer_at_risk", "rationale": "Safe at home now."})
    assert response.status_code == 302
    open_plan.refresh_from_db()
    assert open_plan.end_date == days_ago(1)
    conference = Conference.objects.get(kind="review")
    assert list(conference.attendees.values_list("name", "participation")) == [
        ("PC Jones", ""), ("Maya Allocated", "in_person")]


def test_an_edit_of_the_plan_made_after_another_is_not_silently_lost(council, open_plan):
    path = f"/children/{council.allocated.pk}/protection-plans/{open_plan.pk}/edit"
    version = open_plan.version
    first = client_for(council.worker).post(path, {"plan": "Mum to attend parenting course", "version": version})
    assert first.status_code == 302
    second = client_for(council.colleague).post(path, {"plan": "School to check in daily", "version": version})
    assert second.status_code == 409
    assert ChildProtectionPlan.objects.get().plan == "Mum to attend parenting course"


def test_a_manager_deciding_without_a_rationale_is_told_beside_the_field(council):
    from hearth.protection.tests.conftest import held_discussion

    discussion = held_discussion(council, held_on=days_ago(3))
    path = f"/children/{council.allocated.pk}/strategy-discussions/{discussion.pk}/decide"
    assert client_for(council.worker).get(path).status_code == 403
    page = client_for(council.manager).post(path, {"start_enquiry": "yes", "rationale": ""}).content.decode()
    assert "Enter the reason for the decision" in page
    discussion.refresh_from_db()
    assert discussion.decision_id is None


def test_an_initial_conference_before_the_discussion_or_with_a_category_outside_the_dfe_set_is_refused(council, iro):
    from hearth.protection.tests.conftest import enquiry_to_conference

    enquiry = enquiry_to_conference(council, held_on=days_ago(3))
    path = f"/children/{council.allocated.pk}/conferences/new?enquiry={enquiry.pk}"
    typed = {"chair": iro.pk, "child_participation": "too_young", "outcome": "plan", "rationale": "Risk remains."}
    page = client_for(iro).post(path, {**typed, **date_fields("held_on", days_ago(4)), "category": "PHY"}).content.decode()
    assert "The conference date must be on or after the strategy discussion" in page and "Risk remains." in page
    page = client_for(iro).post(path, {**typed, **date_fields("held_on", days_ago(1)), "category": "XYZ"}).content.decode()
    assert "Select a valid choice" in page
    assert not Conference.objects.exists()
