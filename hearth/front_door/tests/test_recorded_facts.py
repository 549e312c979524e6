"""Facts kept with the rows for the leaders' view: re-contacts, whatever order contacts arrive in; a decision's source; advice."""

from datetime import timedelta
from random import Random

from django.utils import timezone

from hearth.front_door import recontacts, services
from hearth.front_door.models import AdviceKind, Contact, ContactChild, ContactDecision
from hearth.front_door.services import DescribedChild

from .conftest import london

T = london(2026, 3, 2, 10, 0)


def test_a_row_is_a_re_contact_with_another_contact_up_to_365_days_before_or_at_the_same_moment():
    flags = recontacts.flags([
        (1, T),
        (2, T + timedelta(days=365)),  # exactly 365 days after the first: within the window
        (3, T + timedelta(days=365 * 2, seconds=1)),  # 365 days and a second after the second: outside it
        (4, T + timedelta(days=800)),
        (5, T + timedelta(days=800)),  # two contacts received at the same moment flag each other
    ])
    assert flags == {1: False, 2: True, 3: False, 4: True, 5: True}


def test_flags_agree_with_the_definition_on_random_histories():
    rng = Random(7)
    for _ in range(200):
        received = [(n, T + timedelta(days=rng.randint(0, 1500), hours=rng.choice([0, 0, 5]))) for n in range(rng.randint(0, 8))]
        expected = {n: any(other != n and at - timedelta(days=365) <= when <= at for other, when in received)
                    for n, at in received}
        assert recontacts.flags(received) == expected


def flag_of(contact, child) -> bool:
    return ContactChild.objects.get(contact=contact, child=child).recontact


def test_a_contact_within_a_year_of_another_is_recorded_as_a_re_contact(council, record_contact):
    first = record_contact(received_at=timezone.now() - timedelta(days=200))
    second = record_contact(received_at=timezone.now() - timedelta(days=2))
    assert not flag_of(first, council.unallocated) and flag_of(second, council.unallocated)


def test_a_contact_typed_up_late_makes_the_later_ones_re_contacts(council, record_contact):
    later = record_contact(received_at=timezone.now() - timedelta(days=2))
    assert not flag_of(later, council.unallocated)
    earlier = record_contact(received_at=timezone.now() - timedelta(days=30))
    assert flag_of(later, council.unallocated) and not flag_of(earlier, council.unallocated)
    changed = ContactChild.history.filter(contact_id=later.pk, recontact=True).get()
    assert changed.history_user == council.adviser and changed.history_type == "~"


def test_matching_a_described_child_sets_the_flag_and_a_second_match_undoes_the_first(council, record_contact):
    known = record_contact(received_at=timezone.now() - timedelta(days=100), children=[council.unallocated])
    later = record_contact(received_at=timezone.now() - timedelta(days=10), children=[council.allocated])
    described = record_contact(received_at=timezone.now() - timedelta(days=50),
                               children=[DescribedChild("Sam Example", None, "")])
    row = described.children.get()
    services.contact_child_link(acting_user=council.adviser, contact_child=row, child=council.unallocated)
    assert flag_of(described, council.unallocated)  # the known contact 50 days before
    # Matched to another child instead: the allocated child's later contact becomes a re-contact, and the first
    # child's rows are as they would have been without the match.
    row.refresh_from_db()
    services.contact_child_link(acting_user=council.adviser, contact_child=row, child=council.allocated)
    assert flag_of(described, council.allocated) is False  # nothing about this child in the year before day -50
    assert flag_of(later, council.allocated) is True
    assert flag_of(known, council.unallocated) is False


def test_marking_every_row_at_once_gives_the_flags_the_services_keep(council, record_contact):
    for days in (400, 300, 30, 29, 1):
        record_contact(received_at=timezone.now() - timedelta(days=days), children=[council.unallocated, council.allocated])
    kept = dict(ContactChild.objects.values_list("pk", "recontact"))
    ContactChild.objects.update(recontact=False)
    assert recontacts.mark_all(ContactChild) == sum(kept.values())
    assert dict(ContactChild.objects.values_list("pk", "recontact")) == kept


def test_a_decision_keeps_its_contacts_source_and_whether_it_has_a_rationale(council, record_contact, fd_manager):
    contact = record_contact(source="6")
    services.contact_decide(acting_user=fd_manager, contact_child=contact.children.get(), outcome="no_further_action",
                            rationale="Police have taken action; no role for children's services.",
                            details_in_order=True, consent_in_order=True)
    decision = ContactDecision.objects.get()
    assert (decision.source, decision.has_rationale, decision.contact) == ("6", True, contact)
    ContactDecision.objects.update(contact=record_contact())  # as if the column had just been added, wrongly filled
    from importlib import import_module

    from django.apps import apps

    import_module("hearth.front_door.migrations.0007_decision_contact").fill_in(apps, None)
    assert ContactDecision.objects.get().contact == contact


def test_the_migration_fills_in_the_facts_for_records_already_held(council, record_contact, fd_manager):
    from importlib import import_module

    from django.apps import apps

    fill_in = import_module("hearth.front_door.migrations.0003_recontact_flag_and_decision_source").fill_in
    for days in (300, 20):
        contact = record_contact(received_at=timezone.now() - timedelta(days=days), source="2A")
    services.contact_decide(acting_user=fd_manager, contact_child=contact.children.get(), outcome="no_further_action",
                            rationale="Below the threshold.", details_in_order=True, consent_in_order=True)
    kept = list(ContactChild.objects.order_by("pk").values_list("received_at", "recontact"))
    ContactChild.objects.update(received_at=timezone.now(), recontact=False)
    ContactDecision.objects.update(source="")
    fill_in(apps, None)
    assert list(ContactChild.objects.order_by("pk").values_list("received_at", "recontact")) == kept
    assert kept[1][1] is True and ContactDecision.objects.get().source == "2A"


def test_a_contact_keeps_when_senior_social_worker_advice_was_first_recorded(council, record_contact, senior):
    contact = record_contact()
    services.advice_record(acting_user=council.adviser, contact=contact, kind=AdviceKind.SCREENING_NOTE, text="Note")
    contact.refresh_from_db()
    assert contact.senior_advice_at is None
    first = services.advice_record(acting_user=senior, contact=contact, kind=AdviceKind.SENIOR_SOCIAL_WORKER,
                                   text="Refer for a single assessment.")
    services.advice_record(acting_user=senior, contact=contact, kind=AdviceKind.SENIOR_SOCIAL_WORKER, text="Still so.")
    contact.refresh_from_db()
    assert contact.senior_advice_at == first.given_at
    assert contact.history.filter(senior_advice_at=first.given_at).first().history_user == senior

    from importlib import import_module

    from django.apps import apps

    Contact.objects.update(senior_advice_at=None)
    import_module("hearth.front_door.migrations.0005_senior_advice_at").fill_in(apps, None)
    assert Contact.objects.get().senior_advice_at == first.given_at
