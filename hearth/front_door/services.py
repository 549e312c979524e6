"""Writes at the front door. Each is one transaction with validation, history and audit."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hearth.accounts import policy
from hearth.accounts.audit import audit_record, save_with_history
from hearth.accounts.models import ServiceArea, Team, User
from hearth.casework.models import Allocation
from hearth.core.concurrency import claim_version
from hearth.core.jinja import govuk_date
from hearth.front_door import outcomes, recontacts
from hearth.front_door.clocks import BY_URGENCY
from hearth.front_door.models import (
    AccommodationWish,
    Advice,
    AdviceKind,
    Channel,
    ConsentStatus,
    Consultation,
    Contact,
    ContactAdult,
    ContactChild,
    ContactDecision,
    InformationRequest,
    RightsToldHow,
    RiskIndicator,
    Urgency,
)
from hearth.people.models import Person, PersonKind
from hearth.timescales.clocks import due_at, local_date
from hearth.timescales.selectors import council_calendar


@dataclass(frozen=True)
class DescribedChild:
    """A child as a referrer describes them, before the front door matches them to a record."""

    name: str
    date_of_birth: date | None = None
    address: str = ""


def _require_front_door_worker(user: User, team_id: int | None = None) -> None:
    """Only front-door staff record at the front door, and only on the contacts their own team holds."""
    policy.require(policy.may_screen(user, team_id), "Only front-door staff of the team that holds it can record this.")


def front_door_team(user: User | None = None) -> Team:
    """The team that receives contacts: the recording worker's own front-door team, or else the first active one."""
    teams = Team.objects.filter(service_area=ServiceArea.FRONT_DOOR, is_active=True).order_by("pk")
    own = policy.team_ids(user, service_area=ServiceArea.FRONT_DOOR) if user is not None else set()
    team = (teams.filter(pk__in=own).first() if own else None) or teams.first()
    if team is None:
        raise ValidationError("There is no active front-door team to receive contacts. Ask an administrator.")
    return team


def _validate_consent(contact: Contact) -> dict[str, str]:
    errors = {}
    if contact.consent == ConsentStatus.OBTAINED:
        if not contact.consent_from.strip():
            errors["consent_from"] = "Enter who gave consent"
        if not contact.consent_how.strip():
            errors["consent_how"] = "Enter how consent was given, for example by phone"
    elif contact.consent == ConsentStatus.DISPENSED:
        if not contact.consent_dispensed_reason:
            errors["consent_dispensed_reason"] = "Select why consent was dispensed with"
        asked = contact.consent_dispensed_asked
        if asked is None:
            # A partner's online referral gives the reason; any front-door manager confirms it.
            if contact.submitted_by_id is None:
                errors["consent_dispensed_asked"] = "Select the manager you asked to agree to dispense with consent"
        elif not policy.may_agree_to_dispense_consent(asked):
            errors["consent_dispensed_asked"] = "Only a manager of a front-door team can agree to dispense with consent"
    elif contact.consent == ConsentStatus.NOT_APPLICABLE:
        if not contact.consent_not_applicable_reason:
            errors["consent_not_applicable_reason"] = "Select why consent does not apply"
    else:
        errors["consent"] = "Select whether consent was obtained, dispensed with, or does not apply"
    return errors


def _stamp_clock(contact: Contact) -> None:
    """The decision is due from the chain's first receipt; nothing later moves it back."""
    contact.decision_due_at = due_at(BY_URGENCY[contact.urgency], contact.first_received_at, council_calendar())


def _attach_children(contact: Contact, children: list[Person | DescribedChild], acting_user: User) -> None:
    people = [c for c in children if isinstance(c, Person)]
    current = {a.child_id: a.team_id for a in Allocation.objects.filter(child__in=people, ended_on__isnull=True)}
    seen_before = recontacts.recontacted([c.pk for c in people], received_at=contact.received_at, contact_id=contact.pk)
    for child in children:
        if isinstance(child, Person):
            if child.kind != PersonKind.CHILD:
                raise ValidationError({"children": f"{child} is an adult: a contact is about children"})
            row = ContactChild(contact=contact, received_at=contact.received_at, child=child,
                               open_to_team_id=current.get(child.pk), recontact=child.pk in seen_before)
        else:
            row = ContactChild(contact=contact, received_at=contact.received_at, described_name=child.name,
                               described_date_of_birth=child.date_of_birth, described_address=child.address)
        # Validated above and by the contact's own checks; the history row names who recorded it.
        row._history_user = acting_user
        row.save()


@transaction.atomic
def contact_record(*, acting_user: User, contact: Contact, children: list[Person | DescribedChild],
                   adults: list[tuple[str, str]] = (), previous: Contact | None = None) -> Contact:
    """Record a contact: its receipt time, consent answer and children, and start its decision clock.

    A contact about a closed contact's children with new information is linked to it, and its
    timeliness counts from the first receipt in the chain (closing and reopening never resets it).
    """
    errors = {}
    now = timezone.now()
    if contact.received_at is None:
        errors["received_at"] = "Enter the date and time the contact was received"
    elif contact.received_at > now:
        errors["received_at"] = "The time received cannot be in the future"
    if not children:
        errors["children"] = "Add at least one child the contact is about"
    errors.update(_validate_consent(contact))
    if previous is not None and previous.is_open:
        errors["previous"] = "Add new information to the open contact instead of starting another"
    if errors:
        raise ValidationError(errors)
    if contact.submitted_by_id is None:
        _require_front_door_worker(acting_user, contact.team_id)
    contact.recorded_by = acting_user
    # Only the manager's own act confirms dispensing with consent, never the record of the contact.
    contact.consent_dispensed_confirmed_by = contact.consent_dispensed_confirmed_at = None
    contact.team_id = contact.team_id or front_door_team(None if contact.submitted_by_id else acting_user).pk
    contact.previous = previous
    contact.first_received_at = previous.first_received_at if previous else contact.received_at
    _stamp_clock(contact)
    unknown = set(contact.risk_indicators) - set(RiskIndicator.values)
    if unknown:
        raise ValidationError({"risk_indicators": f"Unknown risk indicators: {', '.join(sorted(unknown))}"})
    save_with_history(contact, acting_user=acting_user)
    # The reference is made from the new row's id, so it is set by a second save, which keeps its own history row.
    contact.reference = f"FD{timezone.localtime(contact.received_at):%y}-{contact.pk:06d}"
    save_with_history(contact, acting_user=acting_user)
    _attach_children(contact, children, acting_user)
    # A contact recorded after later ones about the same child makes those re-contacts.
    recontacts.refresh([c.pk for c in children if isinstance(c, Person)], acting_user=acting_user)
    for name, relationship in adults:
        ContactAdult.objects.create(contact=contact, name=name, relationship=relationship)
    for child in contact.children.exclude(child=None).select_related("child"):
        audit_record(actor=acting_user, verb="contact.record", child=child.child,
                     summary=f"Contact {contact.reference} received from {contact.referrer_agency or contact.referrer_name}")
    return contact


@transaction.atomic
def consultation_record(*, acting_user: User, consultation: Consultation) -> Consultation:
    """Record a call for advice: who called, what they asked and the advice given. No child record."""
    _require_front_door_worker(acting_user)
    if consultation.received_at and consultation.received_at > timezone.now():
        raise ValidationError({"received_at": "The time of the call cannot be in the future"})
    consultation.advised_by = consultation.advised_by if consultation.advised_by_id else acting_user
    save_with_history(consultation, acting_user=acting_user)
    audit_record(actor=acting_user, verb="consultation.record",
                 summary=f"Consultation with {consultation.caller_name} ({consultation.caller_agency})")
    return consultation


@transaction.atomic
def consultation_convert(*, acting_user: User, consultation: Consultation, contact: Contact,
                         children: list[Person | DescribedChild], adults: list[tuple[str, str]] = ()) -> Contact:
    """Turn a consultation into a contact, once consent has been asked about."""
    if consultation.became_contact_id:
        raise ValidationError("This consultation is already a contact")
    contact = contact_record(acting_user=acting_user, contact=contact, children=children, adults=adults)
    consultation.became_contact = contact
    save_with_history(consultation, acting_user=acting_user)
    return contact


def _require_open(contact: Contact) -> None:
    if not contact.is_open:
        raise ValidationError("This contact is closed: record new information as a new, linked contact")


def _audit_contact(acting_user: User, contact: Contact, verb: str, summary: str) -> None:
    """One audit event for each child on the contact who has a record, or one for the contact if none has yet."""
    children = [row.child for row in contact.children.exclude(child=None).select_related("child")]
    for child in children or [None]:
        audit_record(actor=acting_user, verb=verb, child=child, summary=summary)


@transaction.atomic
def advice_record(*, acting_user: User, contact: Contact, kind: str, text: str) -> Advice:
    """Record advice on a contact with its author: front-door staff only, and senior social worker advice needs that role."""
    _require_open(contact)
    _require_front_door_worker(acting_user, contact.team_id)
    if kind == AdviceKind.SENIOR_SOCIAL_WORKER:
        policy.require(policy.may_give_senior_advice(acting_user, contact.team_id),
                       "Only a senior social worker can record senior social worker advice.")
    if not text.strip():
        raise ValidationError({"text": "Enter the advice"})
    advice = Advice(contact=contact, kind=kind, text=text.strip(), given_by=acting_user)
    save_with_history(advice, acting_user=acting_user)
    if kind == AdviceKind.SENIOR_SOCIAL_WORKER and contact.senior_advice_at is None:
        contact.senior_advice_at = advice.given_at
        save_with_history(contact, acting_user=acting_user)
    audit_record(actor=acting_user, verb="contact.advice", summary=f"{advice.get_kind_display()} on {contact}")
    return advice


@transaction.atomic
def information_request_send(*, acting_user: User, contact: Contact, agency: str, asked: str) -> InformationRequest:
    """Ask a partner agency for what it knows about the contact's family."""
    _require_open(contact)
    _require_front_door_worker(acting_user, contact.team_id)
    request = InformationRequest(contact=contact, agency=agency, asked=asked, requested_by=acting_user)
    save_with_history(request, acting_user=acting_user)
    _audit_contact(acting_user, contact, "contact.information_request", f"Contact {contact}: asked {request.agency}")
    return request


@transaction.atomic
def information_request_answer(*, acting_user: User, request: InformationRequest, answer: str) -> InformationRequest:
    """Record what a partner agency said."""
    _require_open(request.contact)
    _require_front_door_worker(acting_user, request.contact.team_id)
    if not answer.strip():
        raise ValidationError({"answer": "Enter what the agency said"})
    request.answer = answer.strip()
    request.answered_at = timezone.now()
    save_with_history(request, acting_user=acting_user)
    _audit_contact(acting_user, request.contact, "contact.information_answer",
                   f"Contact {request.contact}: answer from {request.agency}")
    return request


@transaction.atomic
def contact_set_awaiting_information(*, acting_user: User, contact: Contact, awaiting: bool, note: str,
                                     read_version: int | None = None) -> Contact:
    """Mark a contact as waiting for partners, saying for what, or as no longer waiting. The decision clock does not stop.

    Given the version of the contact the user saw, a change saved since is never overwritten (`EditConflict`).
    """
    _require_front_door_worker(acting_user, contact.team_id)
    if read_version is not None:
        claim_version(contact, read_version)
    _require_open(contact)
    if awaiting and not note.strip():
        raise ValidationError({"note": "Enter what you are waiting for, and from whom"})
    contact.awaiting_information = awaiting
    contact.awaiting_information_note = note.strip()
    save_with_history(contact, acting_user=acting_user)
    if awaiting:
        summary = f"Contact {contact} awaiting information: {contact.awaiting_information_note}"
    else:
        summary = f"Contact {contact} no longer awaiting information" + (
            f": {contact.awaiting_information_note}" if contact.awaiting_information_note else "")
    _audit_contact(acting_user, contact, "contact.awaiting_information", summary)
    return contact


@transaction.atomic
def contact_escalate(*, acting_user: User, contact: Contact, reason: str, read_version: int | None = None) -> Contact:
    """Treat an open contact as immediate risk, saying why: its decision falls due sooner, never later.

    Given the version of the contact the user saw, a change saved since is never overwritten (`EditConflict`).
    """
    _require_front_door_worker(acting_user, contact.team_id)
    if read_version is not None:
        claim_version(contact, read_version)
    _require_open(contact)
    if not reason.strip():
        raise ValidationError({"reason": "Enter why the contact is immediate risk"})
    contact.urgency = Urgency.IMMEDIATE
    contact.escalation_reason = reason.strip()
    contact.escalated_at = timezone.now()
    contact.escalated_by = acting_user
    before = contact.decision_due_at
    _stamp_clock(contact)
    contact.decision_due_at = min(before, contact.decision_due_at)
    save_with_history(contact, acting_user=acting_user)
    _audit_contact(acting_user, contact, "contact.escalate",
                   f"Contact {contact} escalated to immediate risk: {contact.escalation_reason}")
    return contact


@transaction.atomic
def contacts_assign(*, acting_user: User, contacts: list[Contact], adviser: User) -> int:
    """A manager gives open contacts to an adviser in the front-door team that holds them."""
    policy.require(policy.may_assign_contacts(acting_user), "Only a manager of a front-door team can allocate contacts.")
    adviser_teams = policy.team_ids(adviser, service_area=ServiceArea.FRONT_DOOR)
    if not adviser_teams:
        raise ValidationError({"adviser": f"{adviser} is not in a front-door team"})
    assigned = 0
    for contact in contacts:
        policy.require(policy.may_assign_contacts(acting_user, contact.team_id),
                       f"You do not manage the team that holds contact {contact}.")
        if contact.team_id not in adviser_teams:
            raise ValidationError({"adviser": f"{adviser} is not in the team that holds contact {contact}"})
        if contact.is_open:
            contact.assigned_to = adviser
            save_with_history(contact, acting_user=acting_user)
            assigned += 1
    audit_record(actor=acting_user, verb="contact.assign", summary=f"Allocated {assigned} contacts to {adviser}")
    return assigned


@transaction.atomic
def contact_child_link(*, acting_user: User, contact_child: ContactChild, child: Person) -> ContactChild:
    """Match a described child to their record (found, or created after the duplicate check)."""
    _require_open(contact_child.contact)
    _require_front_door_worker(acting_user, contact_child.contact.team_id)
    if child.kind != PersonKind.CHILD:
        raise ValidationError({"child": "Choose a child's record"})
    if ContactChild.objects.filter(contact=contact_child.contact, child=child).exclude(pk=contact_child.pk).exists():
        raise ValidationError({"child": "This child is already on the contact"})
    matched_before = contact_child.child_id
    contact_child.child = child
    allocation = Allocation.objects.filter(child=child, ended_on__isnull=True).first()
    contact_child.open_to_team_id = allocation.team_id if allocation else None
    contact_child.recontact = child.pk in recontacts.recontacted([child.pk], received_at=contact_child.received_at,
                                                                 contact_id=contact_child.contact_id)
    save_with_history(contact_child, acting_user=acting_user)
    recontacts.refresh([child.pk, matched_before], acting_user=acting_user)
    audit_record(actor=acting_user, verb="contact.link_child", child=child,
                 summary=f"Matched to contact {contact_child.contact}")
    return contact_child


CONFIRM_CONSENT_FIRST = ("Consent was dispensed with and no manager has confirmed it yet: a team manager must "
                         "confirm dispensing with consent on this page before a decision is recorded")


@transaction.atomic
def contact_consent_dispensing_confirm(*, acting_user: User, contact: Contact) -> Contact:
    """The manager asked (or any front-door team manager) confirms, as their own act, that consent is dispensed with."""
    # Lock the row and read its state afresh into the caller's contact, which stays the one to use afterwards.
    Contact.objects.select_for_update().filter(pk=contact.pk).values_list("pk").get()
    contact.refresh_from_db(fields=["consent", "consent_dispensed_asked", "consent_dispensed_confirmed_by",
                                    "consent_dispensed_confirmed_at", "closed_at"])
    _require_open(contact)
    if contact.consent != ConsentStatus.DISPENSED:
        raise ValidationError("Consent was not dispensed with on this contact: there is nothing to confirm")
    if contact.consent_dispensed_confirmed_at is not None:
        raise ValidationError("Dispensing with consent has already been confirmed")
    policy.require(policy.may_confirm_dispensed_consent(acting_user, contact),
                   "Only the manager asked, or a manager of the front-door team that holds it, can confirm dispensing "
                   "with consent.")
    contact.consent_dispensed_confirmed_by = acting_user
    contact.consent_dispensed_confirmed_at = timezone.now()
    save_with_history(contact, acting_user=acting_user)
    _audit_contact(acting_user, contact, "contact.consent_dispensing_confirm",
                   f"Contact {contact}: confirmed dispensing with consent ({contact.get_consent_dispensed_reason_display()})")
    return contact


def asks_homeless_rights(contact: Contact, contact_child: ContactChild) -> bool:
    """Whether this child's decision records that they were told their rights and entitlements: a child of 16 or 17
    on the day the contact was received, on a contact that says a 16- or 17-year-old presents as homeless (its risk
    indicator). A child whose age is not known is asked too: the indicator says they are 16 or 17. A child not yet
    matched to a record is not decided for at all, so is not asked."""
    if contact_child.child_id is None or RiskIndicator.HOMELESS_16_17 not in (contact.risk_indicators or []):
        return False
    age = contact_child.child.age_on(local_date(contact.received_at))
    return age is None or age in (16, 17)


def _homeless_rights_errors(contact: Contact, told_on: date | None, how: str, wish: str) -> dict[str, str]:
    errors = {}
    received_on = local_date(contact.received_at)
    if told_on is None:
        errors["rights_told_on"] = ("Enter the date they were told their rights and entitlements, including to be "
                                    "accommodated by the council")
    elif told_on > timezone.localdate():
        errors["rights_told_on"] = "The date they were told must be today or in the past"
    elif told_on < received_on:
        errors["rights_told_on"] = (f"The date they were told cannot be before the contact was received "
                                    f"({govuk_date(received_on)})")
    if how not in RightsToldHow.values:
        errors["rights_told_how"] = "Select how they were told"
    if wish not in AccommodationWish.values:
        errors["accommodation_wish"] = "Select what they want"
    return errors


@transaction.atomic
def contact_decide(*, acting_user: User, contact_child: ContactChild, outcome: str, rationale: str,
                   details_in_order: bool, consent_in_order: bool, family_told: str = "",
                   rights_told_on: date | None = None, rights_told_how: str = "", rights_written: bool = False,
                   accommodation_wish: str = "") -> ContactDecision:
    """A team manager decides one child's outcome, with a rationale; the contact closes when every child has one.
    A 16- or 17-year-old who presents as homeless is not decided for until the record says when and how they were
    told their rights and entitlements, including to be accommodated, and what they want."""
    contact = Contact.objects.select_for_update().get(pk=contact_child.contact_id)
    policy.require(policy.may_decide_contact(acting_user, contact.team_id),
                   "Only a manager of the front-door team that holds the contact can decide its outcome.")
    if contact_child.child_id is not None:
        policy.require(policy.can_view_child(acting_user, contact_child.child),
                       "You do not have access to this child's record.")
    _require_open(contact)
    if contact.awaits_consent_confirmation:
        raise ValidationError(CONFIRM_CONSENT_FIRST)
    errors = {}
    if contact_child.child_id is None:
        errors["outcome"] = "Match the child to their record before deciding"
    if outcome not in {o.code for o in outcomes.all_outcomes()}:
        errors["outcome"] = "Select an outcome"
    if not rationale.strip():
        errors["rationale"] = "Enter the reason for the decision"
    if hasattr(contact_child, "decision"):
        errors["outcome"] = "This child's outcome has already been decided"
    homeless = asks_homeless_rights(contact, contact_child)
    if homeless:
        errors.update(_homeless_rights_errors(contact, rights_told_on, rights_told_how, accommodation_wish))
    if errors:
        raise ValidationError(errors)
    decision = ContactDecision(contact_child=contact_child, outcome=outcome, rationale=rationale.strip(),
                               details_in_order=details_in_order, consent_in_order=consent_in_order,
                               family_told=family_told.strip(), decided_by=acting_user, contact=contact,
                               source=contact.source, team_id=contact.team_id)
    if homeless:
        decision.rights_told_on, decision.rights_told_how = rights_told_on, rights_told_how
        decision.rights_written, decision.accommodation_wish = rights_written, accommodation_wish
    save_with_history(decision, acting_user=acting_user)
    chosen = outcomes.get(outcome)
    if chosen.hand_on is not None:
        chosen.hand_on(contact_child=contact_child, acting_user=acting_user, decision=decision)
    audit_record(actor=acting_user, verb="contact.decide", child=contact_child.child,
                 summary=f"Contact {contact}: {chosen.label}")
    if not contact.children.filter(decision__isnull=True).exists():
        contact.closed_at = decision.decided_at
        contact.awaiting_information = False
        save_with_history(contact, acting_user=acting_user)
    return decision


@transaction.atomic
def partner_referral_submit(*, acting_user: User, contact: Contact, children: list[DescribedChild],
                            adults: list[tuple[str, str]] = ()) -> Contact:
    """A partner agency's online referral: it arrives as a contact in the queue, received now."""
    policy.require(policy.is_partner(acting_user), "Only partner agency users submit online referrals.")
    contact.received_at = timezone.now()
    contact.channel = Channel.ONLINE
    contact.submitted_by = acting_user
    contact.referrer_name = contact.referrer_name or acting_user.get_full_name()
    contact.referrer_agency = acting_user.agency
    return contact_record(acting_user=acting_user, contact=contact, children=children, adults=adults)
