"""People's writes: history for every save, and an adult and their relationship added together or not at all."""

from datetime import date
from unittest import mock

import pytest
from django.core.exceptions import ValidationError

from hearth.accounts.models import AuditEvent
from hearth.people import services
from hearth.people.models import Person, PersonKind, Relationship, RelationshipKind


def test_a_new_childs_la_child_id_is_saved_with_history(council):
    child = services.person_create(acting_user=council.worker, person=Person(
        kind=PersonKind.CHILD, first_name="Nia", last_name="New", date_of_birth=date(2016, 2, 2)))
    assert Person.objects.get(pk=child.pk).la_child_id == f"C{child.pk:07d}"
    latest = child.history.order_by("-history_id").first()
    assert latest.la_child_id == child.la_child_id and latest.history_user == council.worker


def test_adding_a_relative_records_the_adult_and_the_relationship_with_history_and_audit(council):
    relationship = services.relative_add(
        acting_user=council.worker, child=council.allocated,
        adult=Person(first_name="Sam", last_name="Allocated", date_of_birth=date(1990, 5, 5)),
        relationship=Relationship(kind=RelationshipKind.PARENT, has_parental_responsibility=True))
    adult = relationship.person
    assert adult.kind == PersonKind.ADULT and relationship.relative == council.allocated
    assert adult.history.get().history_user == council.worker
    assert relationship.history.get().history_user == council.worker
    assert set(AuditEvent.objects.values_list("verb", flat=True)) == {"person.create", "relationship.add"}


def test_a_relative_whose_relationship_fails_leaves_no_adult_behind(council):
    adults = Person.objects.filter(kind=PersonKind.ADULT).count()
    with mock.patch.object(services, "relationship_add", side_effect=ValidationError({"kind": "Refused"})), \
            pytest.raises(ValidationError):
        services.relative_add(
            acting_user=council.worker, child=council.allocated,
            adult=Person(first_name="Orphan", last_name="Adult", date_of_birth=date(1990, 5, 5)),
            relationship=Relationship(kind=RelationshipKind.PARENT))
    assert Person.objects.filter(kind=PersonKind.ADULT).count() == adults
    assert not AuditEvent.objects.filter(verb="person.create").exists()
