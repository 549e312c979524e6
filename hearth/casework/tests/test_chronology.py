"""The chronology: one entry for each dated event every app registers, newest first, each worded as it was recorded."""

from datetime import date, datetime

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import make_child
from hearth.casework import chronology
from hearth.casework.chronology import ChronologyEntry, at_start_of, chronology_for
from hearth.casework.models import Allocation, CaseNote, Decision
from hearth.children_in_need.models import Referral
from hearth.early_help.models import EarlyHelpRequest
from hearth.front_door.models import Channel, ConsentStatus, Contact, ContactChild, ContactDecision
from hearth.people.models import Address, Relationship, WarningNote
from hearth.protection.models import StrategyDiscussion
from hearth.reference.codes import ReferralSource


def london(*args) -> datetime:
    return timezone.make_aware(datetime(*args))


def everything_about(council):
    """A child with one event of every kind, a day apart, and what the chronology should say of each, newest first."""
    manager, worker = council.manager, council.worker
    child = make_child(manager, first_name="Cerys", last_name="Chronicle", date_of_birth=date(2014, 5, 6))
    child.created_at = london(2024, 1, 2, 9)
    child.save()
    sibling = make_child(manager, first_name="Ifan", last_name="Chronicle")
    Address.objects.create(person=child, line_1="1 Mill Lane", town="Wrekin", postcode="WR1 1AA", moved_in=date(2024, 1, 3))
    Relationship.objects.create(person=sibling, relative=child, kind="sibling", started_on=date(2024, 1, 4),
                                note="Lives with Cerys", recorded_by=manager)
    warning = WarningNote.objects.create(person=child, category="violence", text="Dog at the address.",
                                         recorded_by=manager, recorded_at=london(2024, 1, 5, 10))
    note = CaseNote.objects.create(child=child, kind="visit", occurred_at=london(2024, 1, 6, 11), title="Visit",
                                   body="Seen alone. " * 40, author=worker)
    Allocation.objects.create(child=child, team=council.team, worker=worker, started_on=date(2024, 1, 7),
                              reason="For assessment", recorded_by=manager)
    Decision.objects.create(child=child, kind="allocation", outcome="Allocate for assessment", rationale="Risks unclear",
                            decided_by=manager, decided_at=london(2024, 1, 8, 12))
    contact = Contact.objects.create(
        reference="FD24-000001", received_at=london(2024, 1, 9, 13), first_received_at=london(2024, 1, 9, 13),
        decision_due_at=london(2024, 1, 10, 23, 59), channel=Channel.PHONE, referrer_name="Jo Bloggs",
        referrer_agency="", source=ReferralSource.POLICE, concern="Shouting heard.", consent=ConsentStatus.NOT_APPLICABLE,
        team=council.front_door, recorded_by=council.adviser, closed_at=london(2024, 1, 10, 14))
    row = ContactChild.objects.create(contact=contact, child=child, received_at=contact.received_at)
    ContactDecision.objects.create(contact_child=row, contact=contact, outcome="referral", rationale="Needs assessment",
                                   details_in_order=True, consent_in_order=True, decided_by=manager,
                                   decided_at=london(2024, 1, 10, 14), source=contact.source,
                                   team=contact.team)
    referral = Referral.objects.create(child=child, referral_date=date(2024, 1, 11), source=ReferralSource.POLICE,
                                       contact_child=row, strategy_discussion_now=True, recorded_by=manager)
    StrategyDiscussion.objects.create(child=child, requested_at=london(2024, 1, 12, 15), requested_by=manager)
    EarlyHelpRequest.objects.create(child=child, requested_on=date(2024, 1, 13), recorded_by=manager)
    contact_url = reverse("front_door:contact", args=[contact.pk])
    return child, [
        ChronologyEntry(at_start_of(date(2024, 1, 13)), "early_help", "Stepped to early help (Family Hubs)",
                        on_day=date(2024, 1, 13)),
        ChronologyEntry(london(2024, 1, 12, 15), "strategy_discussion", "Strategy discussion requested",
                        by="Manager Tester"),
        ChronologyEntry(at_start_of(date(2024, 1, 11)), "referral",
                        "Referral to children's social care: strategy discussion now", summary="Source: Police",
                        url=f"/children/{child.pk}/children-in-need/{referral.pk}/",
                        on_day=date(2024, 1, 11)),
        ChronologyEntry(london(2024, 1, 10, 14), "contact", "Contact decision: Referral to children's social care",
                        summary="Needs assessment", by="Manager Tester", url=contact_url),
        ChronologyEntry(london(2024, 1, 9, 13), "contact", "Contact FD24-000001 from Jo Bloggs",
                        summary="Shouting heard.", url=contact_url),
        ChronologyEntry(london(2024, 1, 8, 12), "decision", "Decision: Allocate for assessment", summary="Risks unclear",
                        by="Manager Tester"),
        ChronologyEntry(at_start_of(date(2024, 1, 7)), "allocation", "Allocated to Worker Tester (Safeguarding 1)",
                        summary="For assessment", on_day=date(2024, 1, 7)),
        ChronologyEntry(london(2024, 1, 6, 11), "case_note", f"{note.get_kind_display()}: Visit",
                        summary=("Seen alone. " * 40)[:300], by="Worker Tester",
                        url=reverse("casework:case_note", args=[child.pk, note.pk])),
        ChronologyEntry(london(2024, 1, 5, 10), "warning", f"Warning added: {warning.get_category_display()}",
                        summary="Dog at the address.", by="Manager Tester", url=reverse("people:child", args=[child.pk])),
        ChronologyEntry(at_start_of(date(2024, 1, 4)), "family", "Sibling: Ifan Chronicle", summary="Lives with Cerys",
                        on_day=date(2024, 1, 4)),
        ChronologyEntry(at_start_of(date(2024, 1, 3)), "address", "Moved address", summary="1 Mill Lane, Wrekin, WR1 1AA",
                        on_day=date(2024, 1, 3)),
        ChronologyEntry(london(2024, 1, 2, 9), "record", "Record created", summary=f"LA child ID {child.la_child_id}"),
        ChronologyEntry(at_start_of(date(2014, 5, 6)), "record", "Born", on_day=date(2014, 5, 6)),
    ]


def test_every_kind_of_event_is_in_the_chronology_newest_first_as_it_was_recorded(council):
    child, expected = everything_about(council)
    assert chronology_for(child) == expected


def test_the_chronology_can_be_limited_to_some_kinds(council):
    child, expected = everything_about(council)
    assert chronology_for(child, only=["contact", "record"]) == [e for e in expected if e.kind in ("contact", "record")]


def test_every_source_is_read_in_one_query(council, django_assert_num_queries):
    child, expected = everything_about(council)
    with django_assert_num_queries(1):
        assert len(chronology_for(child)) == len(expected)


def test_the_union_is_built_once_and_read_for_each_child_as_the_orm_reads_it(council):
    """The prepared SQL (core/prepared.py) gives each child exactly what the ORM's union gives, for every kind or
    some; a second child gets its own rows, not the first child's."""
    child, expected = everything_about(council)
    other = make_child(council.manager, first_name="Other", last_name="Child")
    CaseNote.objects.create(child=other, kind="visit", occurred_at=london(2024, 2, 1, 9), title="Other visit",
                            body="Seen.", author=council.worker)
    def read(rows):
        return sorted((row["source_kind"], chronology._as_moment(row["source_moment"]),
                       chronology._as_day(row["source_day"]), repr(chronology._as_fields(row["source_fields"])))
                      for row in rows)

    for wanted in (None, frozenset({"contact", "record"})):
        prepared = chronology._prepared.rows(child.pk, wanted)
        assert prepared is not None  # every registered source can be prepared
        orm = chronology._union(child, chronology._sources_for(wanted))
        assert read(prepared) == read(orm) and len(prepared) > 2
    assert chronology_for(child) == expected
    assert [entry.title for entry in chronology_for(other) if entry.kind == "case_note"] == [
        "Visit to the child: Other visit"]


def test_a_source_that_reads_more_than_the_childs_id_is_built_at_each_read(db):
    """A query that differs between two children in anything but their id is never prepared."""
    from hearth.core.prepared import Prepared
    from hearth.people.models import Person

    by_id = Prepared(lambda key, variant: Person.objects.filter(pk=key).values("pk"))
    by_something_else = Prepared(lambda key, variant: Person.objects.filter(pk=key, last_name=str(key)).values("pk"))
    by_a_list = Prepared(lambda key, variant: Person.objects.filter(pk__in=key[0]).values("pk"))
    not_using_the_key = Prepared(lambda key, variant: Person.objects.filter(pk=1).values("pk"))
    assert by_id.rows(123) == [] and by_a_list.rows(([123, 456],)) == []
    assert by_something_else.rows(123) is None and not_using_the_key.rows(123) is None
    assert by_a_list.rows(([],)) is None  # an empty list is the ORM's to answer


def test_an_event_recorded_as_a_day_shows_as_that_day_not_as_midnight(council):
    child, _ = everything_about(council)
    client = Client()
    client.force_login(council.manager)
    page = client.get(reverse("casework:chronology", args=[child.pk])).content.decode()
    assert '<time datetime="2024-01-11">11 January 2024</time>' in page  # the referral, dated
    assert "12:00am" not in page
    assert '<time datetime="2024-01-10T14:00:00+00:00">10 January 2024 at 2:00pm</time>' in page  # the decision, timed
    export = client.get(reverse("casework:chronology_export", args=[child.pk])).content.decode()
    assert "11/01/2024,Referral," in export and "10/01/2024 14:00,Contact," in export
