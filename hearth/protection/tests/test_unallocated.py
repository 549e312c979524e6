"""The section 47 question for a child no team holds yet: the front door asked for a strategy discussion, and the
referral waits in its receiving team's queue. The receiving team's managers decide it; nobody else does."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conftest import client_for, make_child, make_user
from hearth.accounts import policy
from hearth.accounts.roles import RoleCode
from hearth.casework import due
from hearth.children_in_need.models import Referral
from hearth.front_door import services as front_door
from hearth.front_door.models import Channel, ConsentNotApplicableReason, ConsentStatus, Contact
from hearth.protection import services
from hearth.protection.models import Agency, StrategyDiscussion
from hearth.reference.codes import ReferralSource


@pytest.fixture
def other_manager(council):
    return make_user("othermanager", RoleCode.TEAM_MANAGER, team=council.other_team, manages=True)


@pytest.fixture
def discussion(council, fd_manager):
    """The front door decided "strategy discussion now" for the unallocated child; a worker of the receiving team
    (council.team, the first safeguarding team) held it straight after (held any earlier, it would precede the request
    when the suite runs just after midnight)."""
    contact = front_door.contact_record(acting_user=council.adviser, children=[council.unallocated], contact=Contact(
        received_at=timezone.now() - timedelta(hours=3), channel=Channel.PHONE, referrer_name="PC Jones",
        referrer_agency="Wrekinshire Police", source=ReferralSource.POLICE, concern="Injury seen at school.",
        consent=ConsentStatus.NOT_APPLICABLE,
        consent_not_applicable_reason=ConsentNotApplicableReason.PARENT_MADE_CONTACT))
    contact_child = contact.children.get(child=council.unallocated)
    front_door.contact_decide(acting_user=fd_manager, contact_child=contact_child, outcome="strategy_discussion",
                              rationale="Immediate risk.", details_in_order=True, consent_in_order=True)
    requested = StrategyDiscussion.objects.get(child=council.unallocated)
    assert requested.referral.team == council.team and requested.referral.allocated_on is None
    return services.strategy_discussion_hold(
        acting_user=council.worker, discussion=requested, held_at=timezone.now(),
        chair=council.manager, agencies=[Agency.POLICE, Agency.HEALTH], other_agencies="",
        information_shared="Police attended the home.", immediate_safety_actions="Stays with an aunt.",
        see_child_by=timezone.localdate())


def decide(user, discussion):
    return services.strategy_discussion_decide(acting_user=user, discussion=discussion, start_enquiry=True,
                                               rationale="Unexplained injury; threshold met.")


def test_a_manager_of_the_receiving_team_decides_the_section_47_question_for_an_unallocated_child(council,
                                                                                                  discussion):
    assert not policy.may_decide_protection(council.manager, council.unallocated)  # the rule before this one
    assert policy.may_decide_section_47(council.manager, council.unallocated, council.team.pk)
    decided = decide(council.manager, discussion)
    assert decided.s47_decided and decided.started_enquiry.referral == discussion.referral
    enquiry = decided.started_enquiry
    services.section_47_outcome(acting_user=council.manager, enquiry=enquiry, completed_on=timezone.localdate(),
                                concerns_substantiated=True, icpc_needed=True, icpc_not_needed_reason="",
                                rationale="Conference needed.")


def test_a_manager_of_another_team_cannot_decide_it(council, discussion, other_manager):
    assert not policy.may_decide_section_47(other_manager, council.unallocated, council.team.pk)
    with pytest.raises(PermissionDenied):
        decide(other_manager, discussion)
    # Not through the page either: the child is not theirs to see.
    path = f"/children/{council.unallocated.pk}/strategy-discussions/{discussion.pk}/decide"
    assert client_for(other_manager).get(path).status_code == 404


def test_a_worker_of_the_receiving_team_cannot_decide_it(council, discussion):
    with pytest.raises(PermissionDenied):
        decide(council.worker, discussion)
    path = f"/children/{council.unallocated.pk}/strategy-discussions/{discussion.pk}"
    page = client_for(council.worker).get(path)
    assert page.status_code == 200 and "/decide" not in page.content.decode()
    assert client_for(council.worker).get(f"{path}/decide").status_code == 403


def test_once_a_team_holds_the_child_its_managers_decide_not_the_receiving_teams(council, discussion,
                                                                                 other_manager):
    from conftest import allocate

    allocate(council.unallocated, council.other_team, council.outsider, other_manager)
    assert not policy.may_decide_section_47(council.manager, council.unallocated, council.team.pk)
    assert policy.may_decide_section_47(other_manager, council.unallocated, council.team.pk)


def test_the_receiving_team_manager_decides_from_the_page_within_budget(council, discussion):
    client = client_for(council.manager)
    path = f"/children/{council.unallocated.pk}/strategy-discussions/{discussion.pk}"
    assert f"{path}/decide" in client.get(path).content.decode()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"{path}/decide").status_code == 200
    assert len(queries) <= 15
    response = client.post(f"{path}/decide", {"start_enquiry": "yes", "rationale": "Threshold met."})
    assert response.status_code == 302 and "/section-47/" in response["Location"]


def test_the_decision_awaits_the_receiving_teams_managers_in_their_teams_work(council, discussion):
    awaiting, _ = due.for_teams({council.team.pk}, today=timezone.localdate())
    assert [(row.kind, row.child_id) for row in awaiting if row.kind == "protection.s47_decision"] == [
        ("protection.s47_decision", council.unallocated.pk)]
    elsewhere, _ = due.for_teams({council.other_team.pk}, today=timezone.localdate())
    assert not [row for row in elsewhere if row.kind == "protection.s47_decision"]


def test_a_restricted_unallocated_child_without_a_grant_404s_for_the_receiving_teams_manager(council):
    child = make_child(council.manager, first_name="Rita", last_name="Restricted", is_restricted=True,
                       restriction_reason="Relative of a member of staff")
    referral = Referral.objects.create(child=child, referral_date=timezone.localdate(), team=council.team,
                                       assessment_due_on=timezone.localdate() + timedelta(days=60),
                                       recorded_by=council.adviser)
    held = StrategyDiscussion.objects.create(child=child, referral=referral, requested_by=council.adviser,
                                             held_at=timezone.now(), recorded_by=council.worker)
    assert not policy.may_decide_section_47(council.manager, child, council.team.pk)
    path = f"/children/{child.pk}/strategy-discussions/{held.pk}/decide"
    assert client_for(council.manager).get(path).status_code == 404
    with pytest.raises(PermissionDenied):
        decide(council.manager, held)
