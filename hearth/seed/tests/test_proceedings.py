"""The seeded pre-proceedings' family network support, and care proceedings that end with their child's episode."""

from collections import defaultdict
from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType

from hearth.children_in_need.models import Referral
from hearth.people.models import PersonKind
from hearth.protection.proceedings.models import (
    CareProceedings,
    FamilyNetworkSupport,
    FamilyNetworkSupportKind,
    HearingKind,
    PreProceedings,
    PreProceedingsChild,
)
from hearth.protection.proceedings.services import in_network_of
from hearth.seed.generator import run_seed

from .test_episodes import first_invalid
from .test_generator import TODAY


@pytest.fixture(autouse=True)
def fresh_content_types():
    yield
    ContentType.objects.clear_cache()


@pytest.fixture
def demo_council(db):
    # Five years of history, so that several families have gone to court and most of those have a final order.
    run_seed(scale="demo", seed=3, today=TODAY, years=5)


def years_on(born: date, day: date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def episodes_of_cases() -> dict[int, list[Referral]]:
    """For each pre-proceedings case, the child in need episode of each of its children open when it began."""
    children = defaultdict(list)
    for case, child in PreProceedingsChild.objects.values_list("pre_proceedings_id", "child_id"):
        children[child].append(case)
    began = dict(PreProceedings.objects.values_list("pk", "started_on"))
    episodes = defaultdict(list)
    for referral in Referral.objects.filter(child_id__in=list(children)).order_by("pk"):
        for case in children[referral.child_id]:
            start = began[case]
            if referral.referral_date <= start and (referral.closure_date is None or referral.closure_date >= start):
                episodes[case].append(referral)
    return episodes


def network_support_goes_to_an_adult_of_a_childs_family_network_within_the_case():
    supports = list(FamilyNetworkSupport.objects.select_related("pre_proceedings", "recipient"))
    cases = PreProceedings.objects.count()
    assert supports, "no family network support was seeded: the checks below would prove nothing"
    assert first_invalid(FamilyNetworkSupport) is None
    supported = {support.pre_proceedings_id for support in supports}
    assert 0.3 * cases <= len(supported) <= 0.7 * cases, (len(supported), cases)
    children = defaultdict(list)
    for row in PreProceedingsChild.objects.select_related("child"):
        children[row.pre_proceedings_id].append(row.child)
    for support in supports:
        where = f"support {support.pk}"
        case, recipient = support.pre_proceedings, support.recipient
        kids = children[case.pk]
        assert recipient.pk not in {child.pk for child in kids}, where
        assert in_network_of(kids).filter(pk=recipient.pk).exists(), f"{where}: not in the family network"
        assert recipient.kind == PersonKind.ADULT and recipient.date_of_birth is not None, where
        assert years_on(recipient.date_of_birth, support.offered_on) >= 18, f"{where}: offered to a child"
        last = case.ended_on or TODAY
        assert case.started_on <= support.offered_on < TODAY and support.offered_on <= last, where
        dated = [day for day in (support.starts_on, support.ends_on) if day is not None]
        assert all(support.offered_on <= day <= last for day in dated), where
        if support.starts_on is None:
            assert support.ends_on is None, where
        elif support.ends_on is not None:
            assert support.starts_on <= support.ends_on, where
        if support.kind == FamilyNetworkSupportKind.FINANCIAL:
            assert support.amount is not None and 100 <= support.amount <= 5000, where
        else:
            assert support.amount is None, where
    kinds = [support.kind for support in supports]
    financial = kinds.count(FamilyNetworkSupportKind.FINANCIAL)
    assert 0 < financial < len(kinds), "financial support should be some of the support, not all or none"


def no_care_proceedings_outlive_their_childs_episode():
    proceedings = list(CareProceedings.objects.prefetch_related("hearings"))
    assert any(court.final_order for court in proceedings), "no final orders: the check below would prove little"
    episodes = episodes_of_cases()
    for court in proceedings:
        where = f"care proceedings {court.pk}"
        referrals = episodes[court.pre_proceedings_id]
        assert referrals, f"{where}: no episode open when pre-proceedings began"
        days = [hearing.held_on for hearing in court.hearings.all()] + [court.application_on]
        if court.final_order_on:
            days.append(court.final_order_on)
        for referral in referrals:
            if referral.closure_date is not None:
                assert all(day <= referral.closure_date for day in days), f"{where} outlives referral {referral.pk}"
                assert court.final_order, f"{where}: still in court but its episode closed"
    hearings = [hearing for court in proceedings for hearing in court.hearings.all()]
    final = [hearing for hearing in hearings if hearing.kind == HearingKind.FINAL]
    with_order = [court for court in proceedings if court.final_order]
    assert len(final) == len(with_order), "a final order without its final hearing, or the other way round"


def network_support_is_offered_and_ended_by_its_childs_episode_closure():
    # Support in a case whose episode closed was offered, and ended, by the episode's closure.
    episodes = episodes_of_cases()
    checked = 0
    for support in FamilyNetworkSupport.objects.all():
        for referral in episodes[support.pre_proceedings_id]:
            if referral.closure_date is not None:
                checked += 1
                assert support.offered_on <= referral.closure_date, f"support {support.pk}"
                assert support.ends_on is None or support.ends_on <= referral.closure_date, f"support {support.pk}"
    assert checked, "no support in a case whose episode closed: the check above proved nothing"


def test_the_seeded_proceedings_hold_together(demo_council):
    """One seeded council (a minute to make) for the three checks."""
    network_support_goes_to_an_adult_of_a_childs_family_network_within_the_case()
    no_care_proceedings_outlive_their_childs_episode()
    network_support_is_offered_and_ended_by_its_childs_episode_closure()
