"""Writes to people's records. Each is one transaction with validation, history and audit."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hearth.accounts import policy
from hearth.accounts.audit import audit_record, save_with_history
from hearth.accounts.models import User
from hearth.core.concurrency import claim_version
from hearth.people.identifiers import nhs_number_problem, normalise_nhs_number, upn_problem
from hearth.people.models import (
    Address,
    Person,
    PersonDisability,
    PersonKind,
    Relationship,
    WarningNote,
)


def _validate_identifiers(person: Person) -> None:
    errors = {}
    if person.nhs_number:
        person.nhs_number = normalise_nhs_number(person.nhs_number)
        if problem := nhs_number_problem(person.nhs_number):
            errors["nhs_number"] = problem
    for field in ("upn", "former_upn"):
        value = getattr(person, field)
        if value:
            setattr(person, field, value.strip().upper())
            if problem := upn_problem(value):
                errors[field] = problem
    if person.date_of_birth and person.expected_date_of_birth:
        errors["expected_date_of_birth"] = "Give a date of birth or an expected date of birth, not both"
    if person.kind == PersonKind.CHILD and not (person.date_of_birth or person.expected_date_of_birth):
        errors["date_of_birth"] = "Enter the date of birth, or the expected date of birth for an unborn child"
    if person.date_of_birth and person.date_of_birth > timezone.localdate():
        errors["date_of_birth"] = "Date of birth must be today or in the past"
    if person.date_of_death and person.date_of_birth and person.date_of_death < person.date_of_birth:
        errors["date_of_death"] = "Date of death must be on or after the date of birth"
    if person.upn and person.upn_unknown_reason:
        errors["upn_unknown_reason"] = "Leave the reason blank when the UPN is known"
    if errors:
        raise ValidationError(errors)


def _require_case_writer(user: User) -> None:
    policy.require(policy.may_write(user), "Your role cannot change children's records.")


@transaction.atomic
def person_create(*, acting_user: User, person: Person, disabilities: list[str] = ()) -> Person:
    """Create a child's or adult's record, with a new LA child ID for a child."""
    _require_case_writer(acting_user)
    person.created_by = acting_user
    _validate_identifiers(person)
    save_with_history(person, acting_user=acting_user)
    if person.kind == PersonKind.CHILD and not person.la_child_id:
        # The ID is made from the new row's id, so it is set by a second save, which keeps its own history row.
        person.la_child_id = f"C{person.pk:07d}"
        save_with_history(person, acting_user=acting_user)
    for code in disabilities:
        PersonDisability.objects.create(person=person, code=code)
    audit_record(actor=acting_user, verb="person.create", child=person if person.kind == PersonKind.CHILD else None,
                 summary=f"Created the record of {person.full_name}")
    return person


@transaction.atomic
def person_update(*, acting_user: User, person: Person, read_version: int,
                  disabilities: list[str] | None = None) -> Person:
    """Save changes to a person's details onto the version they were read at; the history keeps what they were.

    A change saved by someone else since `read_version` is never overwritten: `EditConflict` is raised instead.
    """
    _require_case_writer(acting_user)
    claim_version(person, read_version)
    _validate_identifiers(person)
    save_with_history(person, acting_user=acting_user)
    if disabilities is not None:
        PersonDisability.objects.filter(person=person).exclude(code__in=disabilities).delete()
        existing = set(PersonDisability.objects.filter(person=person).values_list("code", flat=True))
        PersonDisability.objects.bulk_create(
            [PersonDisability(person=person, code=code) for code in disabilities if code not in existing]
        )
    audit_record(actor=acting_user, verb="person.update", child=person if person.kind == PersonKind.CHILD else None,
                 summary=f"Updated the details of {person.full_name}")
    return person


@transaction.atomic
def address_add(*, acting_user: User, person: Person, address: Address) -> Address:
    """Record an address, ending the current one on the day before the move."""
    _require_case_writer(acting_user)
    address.person = person
    if address.moved_in and address.moved_out and address.moved_out < address.moved_in:
        raise ValidationError({"moved_out": "The date moved out must be on or after the date moved in"})
    save_with_history(address, acting_user=acting_user)
    audit_record(actor=acting_user, verb="address.add", child=person, summary=f"Added address {address}")
    return address


@transaction.atomic
def relationship_add(*, acting_user: User, child: Person, relationship: Relationship) -> Relationship:
    """Add someone to the child's family network."""
    _require_case_writer(acting_user)
    relationship.recorded_by = acting_user
    if relationship.person_id == relationship.relative_id:
        raise ValidationError({"person": "A person cannot be related to themselves"})
    save_with_history(relationship, acting_user=acting_user)
    audit_record(actor=acting_user, verb="relationship.add", child=child,
                 summary=f"Added {relationship.person} as {relationship.get_kind_display()} of {relationship.relative}")
    return relationship


@transaction.atomic
def relative_add(*, acting_user: User, child: Person, adult: Person, relationship: Relationship) -> Relationship:
    """Create an adult's record and add them to the child's family network: both, or neither."""
    adult.kind = PersonKind.ADULT
    person_create(acting_user=acting_user, person=adult)
    relationship.person = adult
    relationship.relative = child
    return relationship_add(acting_user=acting_user, child=child, relationship=relationship)


@transaction.atomic
def warning_add(*, acting_user: User, person: Person, warning: WarningNote) -> WarningNote:
    """Add a warning to the top of a record."""
    _require_case_writer(acting_user)
    warning.person = person
    warning.recorded_by = acting_user
    save_with_history(warning, acting_user=acting_user)
    audit_record(actor=acting_user, verb="warning.add", child=person,
                 summary=f"Added a warning: {warning.get_category_display()}")
    return warning
