"""The seeded front door: a year's contacts with realistic outcomes, clocks as the service sets them, and open work."""

from collections import Counter, defaultdict
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db.models import F, Max, Min
from django.utils import timezone

from hearth.accounts.models import Membership, ServiceArea, User
from hearth.casework.models import Allocation
from hearth.children_in_need.models import Referral
from hearth.early_help.models import EarlyHelpRequest
from hearth.front_door import outcomes, recontacts, services
from hearth.front_door.clocks import BY_URGENCY
from hearth.front_door.models import (
    Advice,
    AdviceKind,
    Channel,
    ConsentStatus,
    Contact,
    ContactChild,
    ContactDecision,
    Pathway,
    RiskIndicator,
    Urgency,
)
from hearth.protection.models import StrategyDiscussion
from hearth.seed.contacts import OUTCOME_MIX
from hearth.seed.generator import SCALES, run_seed
from hearth.timescales.calendar import calendar_for
from hearth.timescales.clocks import due_at

from .test_generator import TODAY

MIDNIGHT = datetime.combine(TODAY, time(0), tzinfo=ZoneInfo("Europe/London"))


@pytest.fixture(autouse=True)
def fresh_content_types():
    yield
    ContentType.objects.clear_cache()


@pytest.fixture
def seeded(db):
    run_seed(scale="tiny", seed=7, today=TODAY)


def first_outcomes() -> Counter:
    """Each decided contact's outcome, as its first child's."""
    found = {}
    for contact_id, outcome in ContactDecision.objects.order_by("contact_child_id").values_list(
            "contact_child__contact_id", "outcome"):
        found.setdefault(contact_id, outcome)
    return Counter(found.values())


def test_a_year_of_contacts_with_the_outcomes_in_roughly_the_right_shares(seeded):
    target = SCALES["tiny"].contacts_per_year
    assert target - 5 <= Contact.objects.count() <= target + 5
    mix = first_outcomes()
    decided = sum(mix.values())
    assert decided == Contact.objects.filter(closed_at__isnull=False).count()
    assert set(mix) <= {outcome.code for outcome in outcomes.all_outcomes()}
    share = {code: mix[code] / decided for code in OUTCOME_MIX}
    assert abs(share["no_further_action"] + share["information_and_advice"] - 0.56) < 0.10, share
    assert abs(share["early_help"] - 0.24) < 0.08, share
    assert 0.08 < share["referral"] + share["strategy_discussion"] < 0.30, share
    assert share["strategy_discussion"] > 0, share
    # Referrals are a child's, at England's rate: the scale's referrals a year (one year here).
    referrals = Referral.objects.count()
    assert abs(referrals - SCALES["tiny"].referrals_per_year) <= 0.25 * SCALES["tiny"].referrals_per_year, referrals
    siblings = Counter(ContactChild.objects.values_list("contact_id", flat=True))
    assert any(count >= 2 for count in siblings.values())


def test_decision_due_moments_are_the_services_and_chains_keep_their_first_receipt(seeded):
    calendar = calendar_for()
    contacts = list(Contact.objects.select_related("previous"))
    for contact in contacts:
        assert contact.decision_due_at == due_at(BY_URGENCY[contact.urgency], contact.first_received_at, calendar)
        assert contact.reference == f"FD{timezone.localtime(contact.received_at):%y}-{contact.pk:06d}"
        assert contact.first_received_at <= contact.received_at <= contact.recorded_at + timedelta(seconds=1) or \
            contact.submitted_by_id
        assert set(contact.risk_indicators) <= set(RiskIndicator.values)
        if contact.previous_id:
            assert contact.first_received_at == contact.previous.first_received_at
            assert contact.previous.closed_at is not None and contact.previous.closed_at <= contact.received_at
        else:
            assert contact.first_received_at == contact.received_at
    chained = sum(1 for contact in contacts if contact.previous_id)
    assert chained >= 2
    assert Contact.objects.filter(pathway=Pathway.DOMESTIC_ABUSE, channel=Channel.POLICE_NOTIFICATION).exists()
    assert Contact.objects.filter(urgency=Urgency.IMMEDIATE).exists()


def test_every_decided_contact_is_closed_by_team_managers_at_the_front_door_with_a_rationale(seeded):
    managers = set(Membership.objects.filter(team__service_area=ServiceArea.FRONT_DOOR, manages=True)
                   .values_list("user_id", flat=True))
    for contact in Contact.objects.prefetch_related("children__decision"):
        rows = list(contact.children.all())
        decisions = [row.decision for row in rows if hasattr(row, "decision")]
        if contact.closed_at is None:
            assert decisions == []
            continue
        assert len(decisions) == len(rows)
        assert contact.closed_at == max(decision.decided_at for decision in decisions)
        for row, decision in zip(rows, decisions, strict=True):
            assert row.child_id is not None
            assert decision.decided_by_id in managers and decision.rationale
            assert contact.received_at < decision.decided_at < MIDNIGHT
    late = Contact.objects.filter(closed_at__gt=F("decision_due_at")).count()
    assert 0 < late < Contact.objects.filter(closed_at__isnull=False).count() * 0.2


def test_referrals_strategy_discussions_and_early_help_follow_the_decisions(seeded):
    outcomes_seen = set()
    for decision in ContactDecision.objects.select_related("contact_child__contact"):
        row, contact = decision.contact_child, decision.contact_child.contact
        outcomes_seen.add(decision.outcome)
        if decision.outcome in ("referral", "strategy_discussion"):
            referral = Referral.objects.get(contact_child=row)
            assert referral.child_id == row.child_id and referral.source == contact.source
            assert referral.referral_date == timezone.localtime(contact.first_received_at).date()
            assert referral.strategy_discussion_now == (decision.outcome == "strategy_discussion")
            assert StrategyDiscussion.objects.filter(referral=referral).exists() == referral.strategy_discussion_now
        elif decision.outcome == "early_help":
            request = EarlyHelpRequest.objects.get(contact_child=row)
            assert request.requested_on == timezone.localtime(decision.decided_at).date()
    assert Referral.objects.count() == ContactDecision.objects.filter(
        outcome__in=["referral", "strategy_discussion"]).count()
    assert {"referral", "early_help"} <= outcomes_seen  # else the checks above went unexercised


def test_a_child_who_became_a_case_was_referred_just_before(seeded):
    front_door = {}
    for allocation in Allocation.objects.filter(team__service_area=ServiceArea.FRONT_DOOR):
        front_door.setdefault(allocation.child_id, []).append(allocation)
    started = 0
    for allocation in Allocation.objects.filter(team__service_area=ServiceArea.SAFEGUARDING).select_related("team"):
        screened = [a for a in front_door.get(allocation.child_id, []) if a.ended_on == allocation.started_on]
        if not screened:
            continue
        started += 1
        referral_dates = Referral.objects.filter(child_id=allocation.child_id).values_list("referral_date", flat=True)
        assert any(allocation.started_on - timedelta(days=30) <= day <= allocation.started_on
                   for day in referral_dates), allocation
    assert started >= 5


def test_consent_is_recorded_as_the_service_requires(seeded):
    counts = Counter(Contact.objects.values_list("consent", flat=True))
    total = sum(counts.values())
    assert counts[ConsentStatus.OBTAINED] > total * 0.6
    assert counts[ConsentStatus.DISPENSED] >= 1 and counts[ConsentStatus.NOT_APPLICABLE] >= 5
    for contact in Contact.objects.select_related("consent_dispensed_asked", "consent_dispensed_confirmed_by"):
        assert services._validate_consent(contact) == {}, contact
        if contact.consent == ConsentStatus.DISPENSED and not contact.submitted_by_id:
            assert contact.consent_dispensed_asked.memberships.filter(
                team__service_area=ServiceArea.FRONT_DOOR, manages=True).exists()
            assert contact.consent_dispensed_confirmed_by == contact.consent_dispensed_asked


def test_dispensing_with_consent_is_confirmed_before_every_decision(seeded):
    dispensed = Contact.objects.filter(consent=ConsentStatus.DISPENSED)
    assert dispensed.exists()
    for contact in dispensed:
        if contact.closed_at is not None:
            assert contact.consent_dispensed_confirmed_by is not None
            assert contact.received_at <= contact.consent_dispensed_confirmed_at <= contact.closed_at


def test_open_contacts_wait_in_the_queue_some_assigned(seeded):
    open_contacts = Contact.objects.filter(closed_at__isnull=True)
    assert open_contacts.count() >= 3
    assert not open_contacts.filter(received_at__lt=MIDNIGHT - timedelta(days=11)).exists()
    assert open_contacts.aggregate(latest=Max("received_at"))["latest"] < MIDNIGHT
    assert open_contacts.filter(assigned_to__isnull=False).exists()


def test_the_demo_partner_has_one_decided_and_one_waiting_referral(seeded):
    partner = User.objects.get(username="demo.partner")
    submitted = list(Contact.objects.filter(submitted_by=partner).order_by("received_at"))
    assert len(submitted) == 2
    decided, waiting = submitted
    assert all(contact.channel == Channel.ONLINE and contact.recorded_by == partner for contact in submitted)
    assert decided.closed_at is not None and waiting.closed_at is None
    assert waiting.consent == ConsentStatus.DISPENSED and waiting.consent_dispensed_asked is None
    assert waiting.awaits_consent_confirmation
    row = waiting.children.get()
    assert row.child_id is None and row.described_name and row.described_address


def test_the_same_seed_gives_the_same_contacts(db):
    def snapshot():
        return list(Contact.objects.order_by("pk").values_list(
            "reference", "received_at", "decision_due_at", "closed_at", "source", "consent", "previous_id"))

    run_seed(scale="tiny", seed=7, today=TODAY)
    first = snapshot()
    run_seed(scale="tiny", seed=7, today=TODAY, force=True)
    assert snapshot() == first


def test_the_facts_kept_for_the_leaders_view_agree_with_the_records_they_come_from(seeded):
    assert not ContactChild.objects.exclude(received_at=F("contact__received_at")).exists()
    assert not ContactDecision.objects.exclude(source=F("contact_child__contact__source")).exists()
    assert not ContactDecision.objects.exclude(contact=F("contact_child__contact")).exists()
    first_advice = dict(Advice.objects.filter(kind=AdviceKind.SENIOR_SOCIAL_WORKER).values("contact_id")
                        .annotate(first=Min("given_at")).values_list("contact_id", "first"))
    assert dict(Contact.objects.exclude(senior_advice_at=None).values_list("pk", "senior_advice_at")) == first_advice
    by_child = defaultdict(list)
    for row_id, child_id, received_at in ContactChild.objects.exclude(child=None).values_list("pk", "child_id",
                                                                                               "received_at"):
        by_child[child_id].append((row_id, received_at))
    expected = {row: flag for rows in by_child.values() for row, flag in recontacts.flags(rows).items()}
    assert dict(ContactChild.objects.exclude(child=None).values_list("pk", "recontact")) == expected
    assert sum(expected.values()) > 10 and not ContactDecision.objects.filter(has_rationale=False).exists()


def test_a_contact_awaiting_information_says_what_it_waits_for(seeded):
    waiting = Contact.objects.filter(awaiting_information=True)
    assert waiting.exists()
    assert not waiting.filter(awaiting_information_note="").exists()
