"""Pre-proceedings fixtures: a family of two siblings held by the council's first team, their mother, and a case."""

from datetime import timedelta

import pytest
from django.utils import timezone

from conftest import allocate, make_child
from hearth.people.models import Person, PersonKind, Relationship, RelationshipKind
from hearth.protection.proceedings import services


def days_ago(n: int):
    return timezone.localdate() - timedelta(days=n)


@pytest.fixture
def family(council):
    """Amara (allocated to the worker) and her brother Ben (allocated to the team), and their mother Mia."""
    brother = make_child(council.manager, first_name="Ben", last_name="Allocated")
    allocate(brother, council.team, council.worker, council.manager)
    mother = Person.objects.create(kind=PersonKind.ADULT, first_name="Mia", last_name="Allocated",
                                   created_by=council.manager)
    Relationship.objects.create(person=council.allocated, relative=brother, kind=RelationshipKind.SIBLING,
                                recorded_by=council.manager)
    for child in (council.allocated, brother):
        Relationship.objects.create(person=mother, relative=child, kind=RelationshipKind.PARENT,
                                    has_parental_responsibility=True, recorded_by=council.manager)
    return {"sister": council.allocated, "brother": brother, "mother": mother}


@pytest.fixture
def case(council, family):
    """Pre-proceedings for both children, begun 50 days ago at a legal planning meeting."""
    return services.pre_proceedings_start(
        acting_user=council.manager, children=[family["sister"], family["brother"]], started_on=days_ago(50),
        rationale="Neglect has continued despite a child protection plan.", family_name="The Allocated family")
