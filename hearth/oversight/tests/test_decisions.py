"""Management oversight: every decision from every registered source, by team and period, its decider and its
rationale, the decisions with no rationale counted, and every figure the length of the list behind it."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conftest import client_for, make_user
from hearth.accounts.roles import RoleCode
from hearth.casework import decision_sources
from hearth.casework.models import Decision
from hearth.casework.services import decision_record
from hearth.front_door import services as front_door
from hearth.front_door.tests.conftest import unsaved_contact
from hearth.oversight import selectors


@pytest.fixture
def decisions(council):
    fd_manager = make_user("fdmanager", RoleCode.TEAM_MANAGER, team=council.front_door, manages=True)
    decision_record(acting_user=council.manager, child=council.allocated, kind="allocation",
                    outcome="Allocated to the team", rationale="The assessment shows a need for support")
    decision_record(acting_user=council.manager, child=council.team_child, kind="case_closure",
                    outcome="Case closed", rationale="The plan's outcomes are met")
    # A decision recorded before a rationale was required (kept from an older system).
    Decision.objects.create(child=council.team_child, kind="case_closure", outcome="Case closed", rationale="",
                            decided_by=council.manager, team_id=decision_sources.team_of(council.manager))
    contact = front_door.contact_record(acting_user=council.adviser, contact=unsaved_contact(),
                                        children=[council.unallocated], adults=())
    front_door.contact_decide(acting_user=fd_manager, contact_child=contact.children.get(), outcome="no_further_action",
                              rationale="The school's concern is explained and addressed",
                              details_in_order=True, consent_in_order=True, family_told="Told by phone")
    return fd_manager


def period(user):
    today = timezone.localdate()
    return selectors.filters_for(user, first=today - timedelta(days=7), last=today)


def test_every_source_is_read_in_one_union_all_query(council, decisions):
    filters = period(council.leader)
    with CaptureQueriesContext(connection) as captured:
        rows = list(decision_sources.decisions(filters))
    assert len(captured) == 1 and "UNION ALL" in captured[0]["sql"]
    assert {row["d_source"] for row in rows} == {"casework", "front_door"}
    assert len(rows) == 4


def test_a_periods_query_is_compiled_once_and_still_reads_what_is_recorded_after(council, decisions):
    """The SQL for a set of filters is kept (decision_sources._compiled); the rows are read afresh at each visit."""
    filters = period(council.leader)
    decision_sources._compiled.cache_clear()
    before = {row["kind"]: row["decisions"] for row in decision_sources.counts(filters) if row["team"] == "Safeguarding 1"}
    listed = len(list(decision_sources.decisions(filters)))
    compiled = decision_sources._compiled.cache_info().misses
    decision_record(acting_user=council.manager, child=council.allocated, kind="allocation", outcome="Moved on",
                    rationale="A later decision")
    after = {row["kind"]: row["decisions"] for row in decision_sources.counts(filters) if row["team"] == "Safeguarding 1"}
    assert after["allocation"] == before["allocation"] + 1
    assert len(list(decision_sources.decisions(filters))) == listed + 1
    assert decision_sources._compiled.cache_info().misses == compiled  # the same SQL, compiled once
    other_week = selectors.filters_for(council.leader, first=timezone.localdate() - timedelta(days=1),
                                       last=timezone.localdate())
    assert len(list(decision_sources.decisions(other_week))) == listed + 1
    assert decision_sources._compiled.cache_info().misses == compiled + 1  # other filters: compiled for them


def test_each_decision_is_listed_with_its_decider_team_and_rationale(council, decisions):
    rows = {row["d_rationale"]: row for row in decision_sources.decisions(period(council.leader))}
    contact = rows["The school's concern is explained and addressed"]
    assert (contact["d_kind"], contact["d_team"], contact["d_decider_first"]) == (
        "contact_outcome", "Family Connect", "Fdmanager")
    allocation = rows["The assessment shows a need for support"]
    assert (allocation["d_team"], allocation["d_child_id"]) == ("Safeguarding 1", council.allocated.pk)


def test_a_decision_keeps_the_team_its_decider_acted_for(council, decisions):
    """A move between teams later does not move the decisions a manager made, nor their counts."""
    from hearth.accounts.models import Membership

    Membership.objects.filter(user=council.manager).update(team=council.front_door)
    rows = {row["d_rationale"]: row for row in decision_sources.decisions(period(council.leader))}
    assert rows["The assessment shows a need for support"]["d_team"] == "Safeguarding 1"


def test_a_decision_of_an_unregistered_kind_is_refused(council):
    with pytest.raises(ValueError, match="not a registered kind"):
        decision_record(acting_user=council.manager, child=council.allocated, kind="made_up",
                        outcome="Something", rationale="A reason")


def test_decisions_with_no_rationale_are_counted(council, decisions):
    figures = {item.team: item for item in selectors.figures(period(council.leader))}
    assert figures["Safeguarding 1"].total == 3
    assert figures["Safeguarding 1"].total_without_rationale == 1
    assert figures["Family Connect"].by_kind == {"contact_outcome": 1}


def test_the_kinds_are_a_registered_list_with_labels():
    codes = {kind.code: kind.label for kind in decision_sources.kinds()}
    assert codes["contact_outcome"] == "Front door: a child's contact decided"
    assert "case_closure" in codes and "allocation" in codes


def test_a_team_manager_oversees_only_their_own_teams_decisions(council, decisions):
    rows = list(decision_sources.decisions(period(council.manager)))
    assert {row["d_team"] for row in rows} == {"Safeguarding 1"}


def test_only_managers_and_leaders_see_the_oversight_page(council):
    assert client_for(council.worker).get("/oversight/decisions").status_code == 403
    assert client_for(council.leader).get("/oversight/decisions").status_code == 200


FIGURE = re.compile(r'<a class="govuk-link" href="([^"]+)">(\d+)<span class="govuk-visually-hidden">')
LISTED = re.compile(r'<h2 class="govuk-heading-m" id="decisions">[^<]*\((\d+)\)</h2>')


def test_every_figure_on_the_page_equals_the_length_of_its_list(council, decisions):
    client = client_for(council.leader)
    page = client.get("/oversight/decisions").content.decode()
    figures = FIGURE.findall(page)
    assert len(figures) >= 8
    for href, figure in figures:
        listed = client.get(href.replace("&amp;", "&")).content.decode()
        assert int(LISTED.search(listed).group(1)) == int(figure), href
        table = listed.split('id="decisions"')[1]
        header = 1 if int(figure) else 0
        assert table.count('<tr class="govuk-table__row">') - header == int(figure), href


def test_the_kind_filter_lists_only_that_kind(council, decisions):
    page = client_for(council.leader).get("/oversight/decisions?kind=case_closure").content.decode()
    table = page.split('id="decisions"')[1]
    assert "Case closed" in table and "Allocated to the team" not in table
    assert "No rationale recorded" in table


def test_the_oversight_page_reads_within_the_query_budget(council, decisions, django_assert_max_num_queries):
    for n in range(30):
        decision_record(acting_user=council.manager, child=council.allocated, kind="allocation", outcome=f"Moved {n}",
                        rationale="Reason")
    client = client_for(council.leader)
    client.get("/oversight/decisions")
    with django_assert_max_num_queries(15):
        assert client.get("/oversight/decisions").status_code == 200


def test_a_manager_sees_the_decisions_awaiting_them(council):
    fd_manager = make_user("fdmanager", RoleCode.TEAM_MANAGER, team=council.front_door, manages=True)
    contact = front_door.contact_record(acting_user=council.adviser, contact=unsaved_contact(),
                                        children=[council.unallocated], adults=())
    page = client_for(fd_manager).get("/oversight/decisions").content.decode()
    assert "Awaiting your decision" in page and council.unallocated.full_name in page
    assert f"/front-door/contacts/{contact.pk}" in page
    assert "Awaiting your decision" not in client_for(council.manager).get("/oversight/decisions").content.decode()
