"""The episode's pages: who may open them, what they show, and their query budgets."""

from datetime import timedelta

import pytest
from django.utils import timezone

from conftest import client_for, make_user
from hearth.accounts.models import AccessAction, AccessEvent
from hearth.accounts.roles import RoleCode
from hearth.casework.models import Involvement, InvolvementRole
from hearth.children_in_need import services
from hearth.children_in_need.models import AssessmentStatus, Referral, Visit

from .conftest import days_ago, fill_and_submit

PAGE_BUDGET = 15


def episode_url(referral) -> str:
    return f"/children/{referral.child_id}/children-in-need/{referral.pk}/"


@pytest.fixture
def involved(council, allocated_referral):
    """A parenting assessor in the other team, working with the allocated child."""
    assessor = make_user("assessor", RoleCode.SPECIALIST_WORKER, team=council.other_team)
    Involvement.objects.create(child=council.allocated, worker=assessor, role=InvolvementRole.PARENTING_ASSESSOR,
                               started_on=days_ago(5), recorded_by=council.manager)
    return assessor


@pytest.fixture
def restricted_referral(council):
    return Referral.objects.create(child=council.restricted, referral_date=days_ago(3), source="2A", team=council.team,
                                   recorded_by=council.manager, assessment_due_on=days_ago(-60))


@pytest.mark.parametrize("page", ["", "assessment", "plan"])
def test_the_allocated_worker_and_an_involved_worker_open_the_pages_and_another_team_does_not(
        council, plan, involved, page):
    referral = plan.referral
    url = episode_url(referral) + {"": "", "assessment": "assessment", "plan": f"plans/{plan.pk}/"}[page]
    assert client_for(council.worker).get(url).status_code == 200
    assert client_for(involved).get(url).status_code == 200
    assert client_for(council.outsider).get(url).status_code == 404
    assert AccessEvent.objects.filter(user=council.outsider, child=council.allocated,
                                      action=AccessAction.DENIED).exists()


def test_a_restricted_childs_episode_is_404_without_a_grant_even_for_the_allocated_worker(
        council, restricted_referral):
    assert client_for(council.worker).get(episode_url(restricted_referral)).status_code == 404
    assert client_for(council.worker).get(episode_url(restricted_referral) + "assessment").status_code == 404


def test_the_episode_page_shows_its_steps_within_the_query_budget(council, plan, django_assert_max_num_queries):
    services.visit_record(acting_user=council.worker, referral=plan.referral,
                          visit=Visit(visited_on=timezone.localdate(), seen=True, seen_alone=True))
    client = client_for(council.worker)
    client.get(episode_url(plan.referral))
    with django_assert_max_num_queries(PAGE_BUDGET):
        page = client.get(episode_url(plan.referral)).content.decode()
    for step in ("Referral received", "Allocated to Worker Tester", "Assessment started", "Assessment authorised",
                 "Child in need plan started", "Visit"):
        assert step in page
    assert "12:00am" not in page


def test_the_assessment_page_shows_the_statutory_day_the_target_and_the_chronology_within_budget(
        council, started_assessment, django_assert_max_num_queries):
    services.assessment_target_set(acting_user=council.manager, referral=started_assessment.referral,
                                   target_on=timezone.localdate() + timedelta(days=5))
    client = client_for(council.manager)
    url = episode_url(started_assessment.referral) + "assessment"
    client.get(url)
    with django_assert_max_num_queries(PAGE_BUDGET):
        page = client.get(url).content.decode()
    assert "Due (statutory, 45 working days)" in page and "Manager&#39;s target" in page
    assert "Referral to children&#39;s social care" in page  # drawn from the chronology


def test_the_plan_page_is_within_budget(council, plan, django_assert_max_num_queries):
    client = client_for(council.worker)
    url = episode_url(plan.referral) + f"plans/{plan.pk}/"
    client.get(url)
    with django_assert_max_num_queries(PAGE_BUDGET):
        page = client.get(url).content.decode()
    assert "Food, routines, school attendance." in page and "Next visit due" in page


def test_the_queue_lists_the_teams_unallocated_referrals_oldest_first_with_working_days_waiting(
        council, refer, django_assert_max_num_queries):
    older = refer(council.unallocated, received_at=timezone.now() - timedelta(days=7))
    newer = refer(council.team_child)
    client = client_for(council.manager)
    client.get("/children-in-need/referrals/")
    with django_assert_max_num_queries(PAGE_BUDGET):
        page = client.get("/children-in-need/referrals/").content.decode()
    assert page.index(older.child.full_name) < page.index(newer.child.full_name)
    assert "0 working days" in page
    assert f"/children-in-need/referrals/{older.pk}/allocate" in page


def test_the_queue_is_for_managers_and_names_no_restricted_child(council, restricted_referral):
    assert client_for(council.worker).get("/children-in-need/referrals/").status_code == 403
    page = client_for(council.manager).get("/children-in-need/referrals/").content.decode()
    assert "Rhys" not in page and "A child you do not have access to" in page


def test_a_manager_allocates_from_the_queue_and_the_referral_leaves_it(council, refer):
    referral = refer(council.unallocated)
    client = client_for(council.manager)
    today = timezone.localdate()
    response = client.post(f"/children-in-need/referrals/{referral.pk}/allocate", {
        "worker": council.colleague.pk, "allocated_on-day": today.day, "allocated_on-month": today.month,
        "allocated_on-year": today.year})
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.allocation.worker == council.colleague
    assert f"/children-in-need/referrals/{referral.pk}/allocate" not in client.get(
        "/children-in-need/referrals/").content.decode()


def test_another_teams_manager_cannot_open_the_allocation_page(council, refer):
    other = make_user("othermanager", RoleCode.TEAM_MANAGER, team=council.other_team, manages=True)
    referral = refer(council.unallocated)
    assert client_for(other).get(f"/children-in-need/referrals/{referral.pk}/allocate").status_code == 404


def test_an_authorisation_dated_before_the_start_is_shown_beside_the_field_and_keeps_what_was_typed(
        council, started_assessment):
    fill_and_submit(council, started_assessment)
    before = started_assessment.started_on - timedelta(days=1)
    response = client_for(council.manager).post(episode_url(started_assessment.referral) + "assessment/decide", {
        "decision": "authorise", "authorised_on-day": before.day, "authorised_on-month": before.month,
        "authorised_on-year": before.year, "rationale": "A clear analysis."})
    page = response.content.decode()
    assert response.status_code == 200
    assert "The authorisation date must be on or after the assessment&#39;s start date" in page
    assert "A clear analysis." in page
    started_assessment.refresh_from_db()
    assert started_assessment.status == AssessmentStatus.SUBMITTED


def test_an_internal_review_after_the_authorisation_is_refused_beside_the_field(council, started_assessment):
    fill_and_submit(council, started_assessment)
    today, yesterday = timezone.localdate(), timezone.localdate() - timedelta(days=1)
    response = client_for(council.manager).post(episode_url(started_assessment.referral) + "assessment/decide", {
        "decision": "authorise", "authorised_on-day": yesterday.day, "authorised_on-month": yesterday.month,
        "authorised_on-year": yesterday.year, "internal_review_on-day": today.day,
        "internal_review_on-month": today.month, "internal_review_on-year": today.year, "rationale": "Clear."})
    page = response.content.decode()
    assert response.status_code == 200
    assert "The internal review date must be on or before the authorisation date" in page
    started_assessment.refresh_from_db()
    assert started_assessment.status == AssessmentStatus.SUBMITTED and started_assessment.internal_review_on is None


def test_a_social_worker_is_refused_the_authorisation_page(council, started_assessment):
    fill_and_submit(council, started_assessment)
    url = episode_url(started_assessment.referral) + "assessment/decide"
    assert client_for(council.worker).get(url).status_code == 403


def test_a_visit_in_the_future_is_refused_beside_the_field(council, allocated_referral):
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = client_for(council.worker).post(episode_url(allocated_referral) + "visits/new", {
        "visited_on-day": tomorrow.day, "visited_on-month": tomorrow.month, "visited_on-year": tomorrow.year,
        "seen": "on", "note": "Saw the children at home."})
    page = response.content.decode()
    assert "Date of the visit must be today or in the past" in page and "Saw the children at home." in page
    assert not Visit.objects.exists()


def test_the_factors_are_chosen_from_checkboxes_grouped_by_theme(council, started_assessment):
    page = client_for(council.worker).get(episode_url(started_assessment.referral) + "assessment/edit").content.decode()
    assert 'type="checkbox"' in page and 'value="16A"' in page
    assert "Alcohol and drugs" in page and "Abuse or neglect" in page
    assert 'name="factors" type="text"' not in page


def test_the_childs_record_shows_the_open_episode_and_a_re_referral_flag(council, refer):
    refer(council.allocated, received_at=timezone.now() - timedelta(days=100))
    refer(council.allocated)
    page = client_for(council.worker).get(f"/children/{council.allocated.pk}/").content.decode()
    assert "Child in need" in page and "Re-referral within 12 months" in page


def test_the_childs_record_with_an_open_episode_stays_within_the_query_budget(
        council, plan, refer, django_assert_max_num_queries):
    services.visit_record(acting_user=council.worker, referral=plan.referral,
                          visit=Visit(visited_on=timezone.localdate(), seen=True, seen_alone=True))
    client = client_for(council.worker)
    client.get(f"/children/{council.allocated.pk}/")
    with django_assert_max_num_queries(PAGE_BUDGET):
        page = client.get(f"/children/{council.allocated.pk}/").content.decode()
    for step in ("Referral received", "Assessment authorised", "Child in need plan started", "Seen alone"):
        assert step in page


def test_a_colleagues_save_in_between_shows_the_conflict_and_keeps_what_was_typed(council, started_assessment):
    url = episode_url(started_assessment.referral) + "assessment/edit"
    read_version = started_assessment.version
    started_assessment.analysis = "The colleague's analysis."
    services.assessment_update(acting_user=council.colleague, assessment=started_assessment,
                               read_version=read_version)
    response = client_for(council.worker).post(url, {"version": read_version, "analysis": "My own analysis.",
                                                     "family_history": "", "child_views": "", "family_views": ""})
    page = response.content.decode()
    assert response.status_code == 409
    assert "changed this record after you opened it" in page and "My own analysis." in page
    started_assessment.refresh_from_db()
    assert started_assessment.analysis == "The colleague's analysis."


def test_an_inspector_reads_the_episode_but_is_offered_nothing_to_change(council, plan):
    page = client_for(council.inspector).get(episode_url(plan.referral)).content.decode()
    assert "Child in need episode from" in page
    assert "Record a visit" not in page and "Close the episode" not in page
    assert client_for(council.inspector).get(episode_url(plan.referral) + "visits/new").status_code == 403
