"""Reads of people, already scoped to what the user may see."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch, Q, QuerySet

from hearth.accounts.models import AccessAction, User
from hearth.accounts.policy import (
    HIDDEN_CHILD,
    HIDDEN_PERSON,
    hidden_people,
    identifiable_people,
    log_access,
    log_access_many,
    visible_child_ids,
    visible_children,
)
from hearth.casework.models import Allocation
from hearth.core.prepared import Prepared
from hearth.core.rows import instances, related_rows
from hearth.people.identifiers import normalise_nhs_number
from hearth.people.models import (
    INVERSE_LABELS,
    Address,
    FormerName,
    Person,
    PersonDisability,
    PersonKind,
    Relationship,
    WarningNote,
    name_key_range,
)

SEARCH_LIMIT = 50


@dataclass(frozen=True)
class ChildSearch:
    text: str = ""
    date_of_birth: date | None = None

    @property
    def is_empty(self) -> bool:
        return not self.text.strip() and self.date_of_birth is None


def child_search(*, user: User, search: ChildSearch) -> list[Person]:
    """Children matching a name, ID or NHS number (and date of birth), among those the user may see.

    Every search is logged with its terms and how many it found.
    """
    if search.is_empty:
        return []
    children = visible_children(user)
    digits = normalise_nhs_number(search.text)
    if digits.isdigit() and len(digits) == 10:  # an NHS number, however it was spaced
        children = children.filter(nhs_number=digits)
    else:
        for word in search.text.split():
            matches = Q(la_child_id=word.upper()) | Q(upn=word.upper())
            # A word with digits in it is an identifier, never part of a name.
            if not any(char.isdigit() for char in word) and (key_range := name_key_range(word)):
                low, high = key_range
                matches |= Q(last_name_key__gte=low, last_name_key__lt=high)
                matches |= Q(first_name_key__gte=low, first_name_key__lt=high)
            children = children.filter(matches)
    if search.date_of_birth:
        children = children.filter(date_of_birth=search.date_of_birth)
    current = Allocation.objects.filter(ended_on__isnull=True).select_related("team", "worker")
    results = list(
        children.order_by("last_name", "first_name", "pk")
        .prefetch_related(Prefetch("allocations", queryset=current, to_attr="current_allocations"))
        [:SEARCH_LIMIT]
    )
    terms = search.text.strip() + (f" born {search.date_of_birth:%d/%m/%Y}" if search.date_of_birth else "")
    log_access(user=user, action=AccessAction.SEARCH, what="Child search", detail=terms,
               result_count=len(results))
    log_access_many(user=user, action=AccessAction.FOUND, what="Child search", detail=terms,
                    child_ids=[child.pk for child in results])
    return results


def likely_duplicates(*, user: User, first_name: str, last_name: str,
                      date_of_birth: date | None, nhs_number: str = "") -> list[Person]:
    """Records that may be the same person: the same NHS number, or a similar name and the same birth date.

    Restricted records are left out unless the user holds a grant, so the check reveals nothing.
    The match shows name, birth date and ID only, so the creator can avoid a duplicate.
    """
    matches = Q()
    if nhs_number:
        matches |= Q(nhs_number=normalise_nhs_number(nhs_number))
    if date_of_birth:
        same_name = Q(last_name__iexact=last_name.strip()) | Q(first_name__iexact=first_name.strip())
        if len(first_name.strip()) >= 2:
            same_name |= Q(first_name__istartswith=first_name.strip()[:2], last_name__istartswith=last_name.strip()[:1])
        matches |= Q(date_of_birth=date_of_birth) & same_name
    if not matches:
        return []
    found = list(identifiable_people(user).filter(matches).order_by("last_name", "first_name")[:10])
    terms = f"{first_name} {last_name} {date_of_birth or ''} {nhs_number}".strip()
    log_access(user=user, action=AccessAction.SEARCH, what="Duplicate check", detail=terms, result_count=len(found))
    log_access_many(user=user, action=AccessAction.FOUND, what="Duplicate check", detail=terms,
                    child_ids=[p.pk for p in found if p.kind == PersonKind.CHILD])
    return found


@dataclass(frozen=True)
class NetworkMember:
    """One person in a child's family network, as this user may see them."""

    relation: str  # how they relate to the child
    relationship: Relationship
    person: Person
    name: str  # their name, or "a child (person) you do not have access to"
    may_open: bool  # whether this user may open their record (a child's record they may see)


def family_network(user: User, child: Person) -> list[NetworkMember]:
    """Everyone related to the child, each named only if the policy lets this user see them (two queries at most)."""
    related = []
    for rel in Relationship.objects.filter(Q(relative=child) | Q(person=child)).select_related("person", "relative"):
        if rel.relative_id == child.pk:
            related.append((rel.get_kind_display(), rel, rel.person))
        else:
            related.append((INVERSE_LABELS[rel.kind], rel, rel.relative))
    children = visible_child_ids(user, [p.pk for _, _, p in related if p.kind == PersonKind.CHILD])
    hidden = hidden_people(user, [p for _, _, p in related if p.kind != PersonKind.CHILD])
    network = []
    for relation, rel, person in related:
        if person.kind == PersonKind.CHILD:
            shown = person.pk in children
            name = person.full_name if shown else HIDDEN_CHILD
        else:
            shown = False
            name = HIDDEN_PERSON if person.pk in hidden else person.full_name
        network.append(NetworkMember(relation, rel, person, name, shown))
    network.sort(key=lambda m: (m.relationship.ended_on is not None, m.relation, m.name))
    return network


def _record_values(child_id: int, variant: tuple) -> QuerySet:
    extra = variant[0]
    return Person.objects.filter(pk=child_id).values(
        **(extra() if extra else {}),
        record_addresses=related_rows(Address.objects.all(), "person", ADDRESS_FIELDS),
        record_disabilities=related_rows(PersonDisability.objects.all(), "person", ["id", "code"]),
        record_former_names=related_rows(FormerName.objects.all(), "person", ["id", "first_name", "last_name", "used_until"]),
        record_warnings=related_rows(WarningNote.objects.filter(ended_on__isnull=True), "person",
                              ["id", "category", "text", "review_on"]),
    )


# The record's one query, built once per process: building its dozen subqueries through the ORM cost more than
# running them (core/prepared.py).
_record_query = Prepared(_record_values)


def child_record(child: Person, *, extra: Callable[[], dict] | None = None, extra_names: tuple = ()) -> Person:
    """The child with what the record page shows: addresses, disabilities, former names and current warnings, all
    read in one query (`hearth.core.rows`), kept as `record_addresses`, `record_disabilities`, `former_names_list`
    and `current_warnings`; and the columns `extra()` gives (the journey apps' sections), kept as `record_values`.
    `extra_names` names what `extra()` gives (the sections registered), so the query prepared for it is kept only
    while they stay the same."""
    rows = _record_query.rows(child.pk, (extra, extra_names))
    found = rows[0] if rows else _record_values(child.pk, (extra, extra_names)).get()
    # Newest address first (the model's order), the rest in the order they were recorded.
    child.record_addresses = instances(Address, found["record_addresses"],
                                       order_by=lambda a: (a.moved_in is not None, a.moved_in or date.min, a.pk),
                                       reverse=True)
    child.record_disabilities = instances(PersonDisability, found["record_disabilities"], order_by=lambda d: d.pk)
    child.former_names_list = instances(FormerName, found["record_former_names"], order_by=lambda f: f.pk)
    child.current_warnings = instances(WarningNote, found["record_warnings"], order_by=lambda w: w.pk)
    shown = {"record_addresses", "record_disabilities", "record_former_names", "record_warnings"}
    child.record_values = {name: value for name, value in found.items() if name not in shown}
    return child


ADDRESS_FIELDS = ["id", "line_1", "line_2", "town", "postcode", "moved_in", "moved_out"]


def adults_in_network(user: User) -> QuerySet[Person]:
    """Adults linked to a child the user may see."""
    children = visible_children(user).values("pk")
    return Person.objects.filter(kind=PersonKind.ADULT).filter(
        Q(relationships_from__relative__in=children) | Q(relationships_to__person__in=children)
    ).distinct()
