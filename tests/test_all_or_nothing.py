"""A service that fails after any of its writes leaves the database exactly as it was.

Each service below is run once to count its writes (INSERT, UPDATE, DELETE), then again
once per write with a failure injected just before that write reaches the database; every
table's row count and checksum must be what they were before.
"""

from datetime import date

import pytest
from django.db import connection, transaction

from conftest import make_child, make_user
from hearth.accounts.roles import RoleCode
from hearth.core.integrity import database_snapshot
from hearth.front_door import services as front_door
from hearth.front_door.models import ContactChild
from hearth.front_door.tests.conftest import unsaved_contact
from hearth.people import services as people
from hearth.people.models import Person, PersonKind, Relationship

WRITES = ("INSERT", "UPDATE", "DELETE")


class InjectedFailure(Exception):
    pass


class FailOnWrite:
    """A `connection.execute_wrapper` that counts writes and raises before the Nth (never, if `fail_at` is None)."""

    def __init__(self, fail_at: int | None = None):
        self.fail_at = fail_at
        self.writes = 0

    def __call__(self, execute, sql, params, many, context):
        if sql.lstrip().upper().startswith(WRITES):
            self.writes += 1
            if self.writes == self.fail_at:
                raise InjectedFailure(f"write {self.writes}: {sql[:60]}")
        return execute(sql, params, many, context)


def count_writes(service) -> int:
    """Run the service once, counting its writes, and undo it."""
    counter = FailOnWrite()
    with transaction.atomic():
        with connection.execute_wrapper(counter):
            service()
        transaction.set_rollback(True)
    return counter.writes


def assert_all_or_nothing(service, *, at_least: int) -> int:
    """Fail the service at each of its writes in turn; each time the database must be as it was."""
    writes = count_writes(service)
    assert writes >= at_least
    before = database_snapshot()
    for fail_at in range(1, writes + 1):
        failure = FailOnWrite(fail_at)
        with pytest.raises(InjectedFailure), connection.execute_wrapper(failure):
            service()
        assert failure.writes == fail_at
        assert database_snapshot() == before, f"write {fail_at} of {writes} left rows behind"
    service()
    assert database_snapshot() != before  # the snapshot does see the service's rows
    return writes


def test_recording_a_contact_about_three_children_and_two_adults_is_all_or_nothing(council):
    sibling = make_child(council.manager, first_name="Sam", last_name="Allocated")

    def record():
        return front_door.contact_record(
            acting_user=council.adviser, contact=unsaved_contact(),
            children=[council.allocated, sibling, front_door.DescribedChild(name="Baby Allocated")],
            adults=[("Dee Allocated", "Mother"), ("Lee Allocated", "Mother's partner")],
        )

    assert_all_or_nothing(record, at_least=10)


def test_deciding_a_referral_that_opens_a_cin_referral_is_all_or_nothing(council):
    fd_manager = make_user("fdmanager", RoleCode.TEAM_MANAGER, team=council.front_door, manages=True)
    contact = front_door.contact_record(acting_user=council.adviser, contact=unsaved_contact(),
                                        children=[council.allocated])

    def decide():
        contact_child = ContactChild.objects.get(contact=contact)  # fresh each time: a failed run leaves no decision
        return front_door.contact_decide(
            acting_user=fd_manager, contact_child=contact_child, outcome="referral",
            rationale="Bruising and hunger reported by school; needs a child and family assessment.",
            details_in_order=True, consent_in_order=True, family_told="Mother told by phone.",
        )

    assert_all_or_nothing(decide, at_least=4)
    assert contact.children.get().child.referrals.count() == 1


def test_adding_a_new_adult_to_the_family_network_is_all_or_nothing(council):
    def add():
        return people.relative_add(
            acting_user=council.manager, child=council.allocated,
            adult=Person(first_name="Dee", last_name="Allocated", date_of_birth=date(1990, 2, 3)),
            relationship=Relationship(kind="parent", has_parental_responsibility=True, lives_with=True),
        )

    assert_all_or_nothing(add, at_least=4)
    adult = Person.objects.get(first_name="Dee", last_name="Allocated")
    assert adult.kind == PersonKind.ADULT
    assert Relationship.objects.filter(person=adult, relative=council.allocated).count() == 1
