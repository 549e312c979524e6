"""Pre-proceedings pages: who may open them, what bad input gets, the child's record, the leaders' page and the
queries each page takes."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from conftest import allocate, client_for, make_child, make_user
from hearth.accounts import policy
from hearth.accounts.models import AccessAction, AccessEvent, AccessGrant, Team
from hearth.accounts.roles import RoleCode
from hearth.casework.models import Involvement, InvolvementRole
from hearth.protection.proceedings import services
from hearth.protection.proceedings.models import FamilyNetworkSupport, PreProceedings
from hearth.protection.proceedings.tests.conftest import days_ago
from hearth.reference.codes import PreProceedingsOutcome


def case_url(child, case, step=""):
    return f"/children/{child.pk}/pre-proceedings/{case.pk}" + (f"/{step}" if step else "")


def date_data(name, day: date) -> dict:
    return {f"{name}-day": str(day.day), f"{name}-month": str(day.month), f"{name}-year": str(day.year)}


@pytest.fixture
def involved(council, family):
    """A family group conference coordinator from another team, working with the sister only."""
    coordinator = make_user("coordinator", RoleCode.SPECIALIST_WORKER, team=council.other_team)
    Involvement.objects.create(child=family["sister"], worker=coordinator, role=InvolvementRole.FGC_COORDINATOR,
                               started_on=days_ago(60), recorded_by=council.manager)
    return coordinator


# Who may open the page ------------------------------------------------------------------------------------------


def test_the_allocated_worker_opens_the_case_and_the_read_is_logged(council, family, case):
    response = client_for(council.worker).get(case_url(family["sister"], case))
    assert response.status_code == 200
    page = response.content.decode()
    assert "The Allocated family" in page and "Ben Allocated" in page
    assert "Record</a>" in page or "Record<span" in page  # the letter can be recorded
    assert AccessEvent.objects.filter(user=council.worker, child=family["sister"], what="Pre-proceedings",
                                      action=AccessAction.VIEW).exists()


def test_an_involved_worker_opens_the_case_but_sees_a_sibling_they_may_not_see_unnamed(council, family, case,
                                                                                       involved):
    response = client_for(involved).get(case_url(family["sister"], case))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Ben Allocated" not in page and policy.HIDDEN_CHILD in page
    assert "Record a family group conference offered" not in page  # not every child's record is theirs to write
    assert client_for(involved).get(case_url(family["brother"], case)).status_code == 404


def test_a_worker_of_another_team_gets_not_found(council, family, case):
    assert client_for(council.outsider).get(case_url(family["sister"], case)).status_code == 404
    assert client_for(council.outsider).get(case_url(family["sister"], case, "letter")).status_code == 404
    assert AccessEvent.objects.filter(user=council.outsider, child=family["sister"],
                                      action=AccessAction.DENIED).exists()


def test_a_restricted_childs_case_is_not_found_without_a_grant(council):
    AccessGrant.objects.create(user=council.manager, child=council.restricted, reason="Manager of the case",
                               granted_by=council.leader)
    case = services.pre_proceedings_start(acting_user=council.manager, children=[council.restricted],
                                          started_on=days_ago(5), rationale="Serious concerns")
    assert client_for(council.manager).get(case_url(council.restricted, case)).status_code == 200
    assert client_for(council.worker).get(case_url(council.restricted, case)).status_code == 404


def test_a_case_is_opened_only_through_a_child_in_it(council, family, case):
    assert client_for(council.worker).get(case_url(council.team_child, case)).status_code == 404


def test_only_a_manager_of_the_team_or_a_senior_leader_may_begin_pre_proceedings(council, family):
    url = f"/children/{family['sister'].pk}/pre-proceedings/new"
    assert client_for(council.manager).get(url).status_code == 200
    assert client_for(council.worker).get(url).status_code == 403
    assert client_for(council.inspector).get(url).status_code == 403
    assert client_for(council.outsider).get(url).status_code == 404


def test_the_manager_begins_pre_proceedings_for_both_siblings(council, family):
    response = client_for(council.manager).post(f"/children/{family['sister'].pk}/pre-proceedings/new", {
        "children": [family["sister"].pk, family["brother"].pk], "family_name": "The Allocated family",
        **date_data("started_on", days_ago(2)), "rationale": "Neglect continues"})
    case = PreProceedings.objects.get()
    assert response.status_code == 302 and response["Location"] == case_url(family["sister"], case)
    assert {row.child_id for row in case.children.all()} == {family["sister"].pk, family["brother"].pk}


def test_a_decision_to_begin_without_a_reason_is_refused_beside_the_field_keeping_what_was_typed(council, family):
    response = client_for(council.manager).post(f"/children/{family['sister'].pk}/pre-proceedings/new", {
        "children": [family["sister"].pk], "family_name": "Kept family name", **date_data("started_on", days_ago(2)),
        "rationale": ""})
    page = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in page
    assert "Enter the reason for the decision" in page and 'value="Kept family name"' in page
    assert not PreProceedings.objects.exists()


# Bad input ------------------------------------------------------------------------------------------------------


def test_a_letter_dated_before_the_start_is_refused_with_the_rule_beside_the_field(council, family, case):
    response = client_for(council.worker).post(case_url(family["sister"], case, "letter"), {
        "version": case.version, **date_data("sent_on", days_ago(60))})
    page = response.content.decode()
    assert response.status_code == 200
    assert "The letter before proceedings must be sent on or after the day pre-proceedings began" in page
    assert 'id="id_sent_on-error"' in page and f'value="{days_ago(60).day}"' in page
    case.refresh_from_db()
    assert case.letter_sent_on is None


def test_a_letter_saved_on_a_stale_page_shows_the_shared_conflict_page_and_loses_nothing(council, family, case):
    """Two edits of the same version: the second is not saved over the first, but shown beside it (docs/adr/0011)."""
    colleague = client_for(council.colleague)
    colleague.post(case_url(family["sister"], case, "letter"), {"version": case.version,
                                                                **date_data("sent_on", days_ago(45))})
    client = client_for(council.worker)
    response = client.post(case_url(family["sister"], case, "letter"), {
        "version": case.version, **date_data("sent_on", days_ago(44))})
    page = response.content.decode()
    assert response.status_code == 409
    assert f"{council.colleague} changed this record after you opened it" in page and 'id="conflict"' in page
    assert "Their change and yours" in page and "Date the letter before proceedings was sent" in page
    assert str(days_ago(45)) in page and str(days_ago(44)) in page  # theirs and yours, side by side
    assert f'value="{days_ago(44).day}"' in page  # what was typed is kept in the form
    case.refresh_from_db()
    assert case.letter_sent_on == days_ago(45)
    # Saving again from the conflict page puts the user's change on top of the newer version.
    response = client.post(case_url(family["sister"], case, "letter"), {
        "version": case.version, **date_data("sent_on", days_ago(44))})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.letter_sent_on == days_ago(44)


def test_a_proposal_on_a_stale_page_shows_the_other_change_and_the_proposal(council, family, case):
    read_version = case.version
    services.pre_proceedings_letter_record(acting_user=council.colleague, pre_proceedings=case, sent_on=days_ago(40),
                                           read_version=read_version)
    response = client_for(council.worker).post(case_url(family["sister"], case, "propose"), {
        "version": read_version, "outcome": PreProceedingsOutcome.STEP_UP, "reason": "No change in six weeks."})
    page = response.content.decode()
    assert response.status_code == 409 and "changed this record after you opened it" in page
    assert "Date the letter before proceedings was sent" in page and "No change in six weeks." in page
    case.refresh_from_db()
    assert case.step_proposed == "" and case.letter_sent_on == days_ago(40)


@pytest.mark.parametrize("typed, message", [
    ("abc", "Enter the amount in pounds and pence"),
    ("0", "The amount must be more than £0"),
    ("-20", "The amount must be more than £0"),
    ("12.345", "no more than 2 digits after the point"),
])
def test_an_amount_must_be_positive_pounds_and_pence(council, family, case, typed, message):
    response = client_for(council.worker).post(case_url(family["sister"], case, "family-network-support/new"), {
        "version": case.version, "recipient": family["mother"].pk, "kind": "financial", "description": "Rent",
        "amount": typed, **date_data("offered_on", days_ago(3))})
    page = response.content.decode()
    assert response.status_code == 200 and message in page and f'value="{typed}"' in page
    assert not FamilyNetworkSupport.objects.exists()


def test_an_amount_typed_with_a_pound_sign_and_commas_is_kept_in_pounds_and_pence(council, family, case):
    response = client_for(council.worker).post(case_url(family["sister"], case, "family-network-support/new"), {
        "version": case.version, "recipient": family["mother"].pk, "kind": "financial", "description": "Rent",
        "amount": "£1,250.5", **date_data("offered_on", days_ago(3))})
    assert response.status_code == 302
    assert FamilyNetworkSupport.objects.get().amount == Decimal("1250.50")


def test_a_social_worker_cannot_open_the_decision_form(council, family, case):
    assert client_for(council.worker).get(case_url(family["sister"], case, "decide")).status_code == 403
    assert client_for(council.manager).get(case_url(family["sister"], case, "decide")).status_code == 200


def test_an_application_before_the_letter_asks_for_the_reason_it_was_urgent(council, family, case):
    services.pre_proceedings_step_decide(acting_user=council.manager, pre_proceedings=case,
                                         outcome=PreProceedingsOutcome.STEP_UP, decided_on=days_ago(3),
                                         rationale="Serious injury")
    response = client_for(council.worker).post(case_url(family["sister"], case, "care-proceedings/new"), {
        **date_data("application_on", days_ago(2)), "urgent_reason": ""})
    assert "give the reason the application could not wait" in response.content.decode()


# The child's record ---------------------------------------------------------------------------------------------


def test_the_childs_record_links_to_the_open_pre_proceedings(council, family, case, django_assert_max_num_queries):
    client = client_for(council.worker)
    client.get(f"/children/{family['brother'].pk}/")
    with django_assert_max_num_queries(15):
        response = client.get(f"/children/{family['brother'].pk}/")
    page = response.content.decode()
    assert "Pre-proceedings and care proceedings" in page
    assert case_url(family["brother"], case) in page


def test_the_childs_record_offers_a_manager_the_way_to_begin(council, family):
    page = client_for(council.manager).get(f"/children/{family['sister'].pk}/").content.decode()
    assert f"/children/{family['sister'].pk}/pre-proceedings/new" in page
    page = client_for(council.worker).get(f"/children/{family['sister'].pk}/").content.decode()
    assert "pre-proceedings/new" not in page


def test_the_case_page_reads_within_the_query_budget(council, family, case, django_assert_max_num_queries):
    client = client_for(council.worker)
    client.get(case_url(family["sister"], case))
    with django_assert_max_num_queries(15):
        assert client.get(case_url(family["sister"], case)).status_code == 200


# The leaders' page ----------------------------------------------------------------------------------------------


@pytest.fixture
def many_families(council, family, case):
    """Four more families in pre-proceedings in both teams, two in care proceedings, one restricted child."""
    other_manager = make_user("othermanager", RoleCode.TEAM_MANAGER, team=council.other_team, manages=True)
    made = []
    for n in range(4):
        team, manager = (council.team, council.manager) if n % 2 else (council.other_team, other_manager)
        child = make_child(council.manager, first_name=f"Kid{n}", last_name="Family")
        allocate(child, team, None, council.manager)
        made.append(services.pre_proceedings_start(acting_user=manager, children=[child],
                                                   started_on=days_ago(230 if n == 0 else 30 + n),
                                                   rationale="Concerns"))
    # The first family applied to court 200 days ago (past the 26-week target), the second 10 days ago.
    for found, letter, decided, applied in ((made[0], 225, 210, 200), (made[1], 28, 20, 10)):
        services.pre_proceedings_letter_record(acting_user=council.leader, pre_proceedings=found,
                                               sent_on=days_ago(letter))
        found.refresh_from_db()
        services.pre_proceedings_step_decide(acting_user=council.leader, pre_proceedings=found,
                                             outcome=PreProceedingsOutcome.STEP_UP, decided_on=days_ago(decided),
                                             rationale="No change")
        found.refresh_from_db()
        services.care_proceedings_apply(acting_user=council.leader, pre_proceedings=found,
                                        application_on=days_ago(applied))
    AccessGrant.objects.create(user=council.manager, child=council.restricted, reason="Case manager",
                               granted_by=council.leader)
    services.pre_proceedings_start(acting_user=council.manager, children=[council.restricted],
                                   started_on=days_ago(3), rationale="Concerns")
    return made


def table_rows(page: str, caption: str) -> list[str]:
    """The body rows of the table with this caption, as HTML."""
    table = page.split(f">{caption}</caption>", 1)[1].split("</table>", 1)[0]
    return table.split("<tbody", 1)[1].split('<tr class="govuk-table__row">')[1:]


def test_the_leaders_page_lists_every_family_with_figures_equal_to_the_lists(council, many_families,
                                                                              django_assert_max_num_queries):
    client = client_for(council.leader)
    client.get("/protection/pre-proceedings")
    with django_assert_max_num_queries(15):
        response = client.get("/protection/pre-proceedings")
    assert response.status_code == 200
    page = response.content.decode()
    pre, court = table_rows(page, "Families in pre-proceedings"), table_rows(page, "Families in care proceedings")
    assert len(pre) == 4 and len(court) == 2
    assert "4 families in pre-proceedings" in page and "2 families in care proceedings" in page
    assert "Rhys" not in page and policy.HIDDEN_CHILD in page  # a senior leader without a grant
    assert "weeks over" in court[0] and "weeks left" in court[1]  # soonest target first
    ben = next(row for row in pre if "Ben Allocated" in row)
    assert f">{50 // 7}<" in ben and "Started: letter before proceedings next" in ben


def test_the_leaders_page_filters_by_team(council, many_families):
    page = client_for(council.leader).get("/protection/pre-proceedings",
                                          {"team": council.other_team.pk}).content.decode()
    rows = table_rows(page, "Families in pre-proceedings") + table_rows(page, "Families in care proceedings")
    assert len(rows) == 2 and all("Safeguarding 2" in row for row in rows)
    assert "1 family in pre-proceedings" in page and "1 family in care proceedings" in page


def test_a_team_manager_sees_only_their_teams_families(council, many_families):
    for query in ({}, {"team": council.other_team.pk}):  # asking for another team's gives their own teams'
        page = client_for(council.manager).get("/protection/pre-proceedings", query).content.decode()
        rows = table_rows(page, "Families in pre-proceedings") + table_rows(page, "Families in care proceedings")
        assert len(rows) == 4 and all("Safeguarding 1" in row for row in rows)
        assert "Rhys Restricted" in page  # granted to this manager


@pytest.mark.parametrize("who", ["worker", "analyst", "inspector", "partner", "admin"])
def test_the_leaders_page_is_for_senior_leaders_and_managers_only(council, who):
    assert client_for(getattr(council, who)).get("/protection/pre-proceedings").status_code in (403, 404)


def test_the_leaders_page_is_in_the_navigation_of_those_who_may_see_it(council):
    def page(user) -> str:
        return client_for(user).get("/", follow=True).content.decode()

    assert 'href="/protection/pre-proceedings"' in page(council.leader)
    assert 'href="/protection/pre-proceedings"' in page(council.manager)
    assert 'href="/protection/pre-proceedings"' not in page(council.worker)


def test_a_manager_with_no_team_to_manage_may_not_see_the_leaders_page(council):
    lone = make_user("lone", RoleCode.TEAM_MANAGER, team=Team.objects.create(name="Unmanaged"))
    assert client_for(lone).get("/protection/pre-proceedings").status_code == 403


def test_the_leaders_page_counts_a_family_once_whatever_its_number_of_children(council, family, case):
    page = client_for(council.leader).get("/protection/pre-proceedings").content.decode()
    assert len(table_rows(page, "Families in pre-proceedings")) == 1
    assert "1 family in pre-proceedings" in page and "No family is in care proceedings" in page


def test_weeks_against_the_target_count_from_the_application(council, family, case):
    services.pre_proceedings_step_decide(acting_user=council.manager, pre_proceedings=case,
                                         outcome=PreProceedingsOutcome.STEP_UP, decided_on=days_ago(40),
                                         rationale="No change")
    case.refresh_from_db()
    proceedings = services.care_proceedings_apply(acting_user=council.worker, pre_proceedings=case,
                                                  application_on=days_ago(35), urgent_reason="Urgent")
    page = client_for(council.leader).get("/protection/pre-proceedings").content.decode()
    [row] = table_rows(page, "Families in care proceedings")
    assert ">5<" in row and "21 weeks left" in row
    assert proceedings.target_on == days_ago(35) + timedelta(weeks=26)
    assert "No family is in pre-proceedings" in page  # stepped up and applied: in proceedings only


def test_a_family_stepped_down_leaves_the_list_and_shows_among_those_who_left_recently(council, family, case):
    services.pre_proceedings_step_decide(acting_user=council.manager, pre_proceedings=case,
                                         outcome=PreProceedingsOutcome.STEP_DOWN, decided_on=days_ago(1),
                                         rationale="The family's plan is working")
    page = client_for(council.leader).get("/protection/pre-proceedings").content.decode()
    assert "No family is in pre-proceedings" in page
    [row] = table_rows(page, "Families who left pre-proceedings")
    assert "Step down" in row and "Ben Allocated" in row and f">{49 // 7}<" in row
    assert "1 family left pre-proceedings in the last 12 weeks" in page


@pytest.mark.parametrize("who", ["worker", "manager", "leader"])
def test_the_childs_record_section_is_read_with_the_record_and_asks_nothing_more(council, family, case, who,
                                                                                 django_assert_num_queries):
    from hearth.people.models import Person
    from hearth.protection.proceedings.sections import columns, pre_proceedings_section

    user = getattr(council, who)
    policy.memberships(user)
    user.role_codes  # noqa: B018 - the record's page has read them already
    for child in (family["sister"], council.team_child):  # one in pre-proceedings, one not
        values = Person.objects.filter(pk=child.pk).values(**columns()).get()
        with django_assert_num_queries(0):
            pre_proceedings_section(user, child, values)


def test_care_proceedings_pages_record_hearings_and_the_final_order(council, family, case):
    services.pre_proceedings_step_decide(acting_user=council.manager, pre_proceedings=case,
                                         outcome=PreProceedingsOutcome.STEP_UP, decided_on=days_ago(30),
                                         rationale="Serious injury")
    client = client_for(council.worker)
    response = client.post(case_url(family["brother"], case, "care-proceedings/new"), {
        **date_data("application_on", days_ago(28)), "urgent_reason": "The child was injured at home"})
    assert response.status_code == 302
    assert client_for(council.outsider).get(case_url(family["brother"], case, "care-proceedings/hearing")
                                            ).status_code == 404
    response = client.post(case_url(family["brother"], case, "care-proceedings/hearing"), {
        **date_data("held_on", days_ago(29)), "kind": "cmh", "outcome": "Directions"})
    assert "A hearing must be on or after the day the application was made" in response.content.decode()
    client.post(case_url(family["brother"], case, "care-proceedings/hearing"), {
        **date_data("held_on", days_ago(20)), "kind": "cmh", "outcome": "Parenting assessment directed"})
    proceedings = case.care_proceedings
    client.post(case_url(family["brother"], case, "care-proceedings/final-order"), {
        "version": proceedings.version, "final_order": "sgo", **date_data("made_on", days_ago(1))})
    page = client.get(case_url(family["brother"], case)).content.decode()
    assert "Parenting assessment directed" in page and "Special guardianship order" in page
    assert "Record the final order" not in page
    assert client.get(case_url(family["brother"], case, "care-proceedings/hearing")).status_code == 404


def test_a_family_group_conference_of_another_case_is_not_found_through_this_one(council, family, case):
    other = services.pre_proceedings_start(acting_user=council.manager, children=[council.team_child],
                                           started_on=days_ago(5), rationale="Concerns")
    meeting = services.family_group_meeting_offer(acting_user=council.worker, pre_proceedings=other, kind="fgc",
                                                  offered_on=days_ago(4), offered_in_letter=False)
    client = client_for(council.worker)
    assert client.get(case_url(council.team_child, other, f"family-group-conference/{meeting.pk}/held")
                      ).status_code == 200
    assert client.get(case_url(family["sister"], case, f"family-group-conference/{meeting.pk}/held")
                      ).status_code == 404
