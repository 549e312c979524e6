"""Writes to pre-proceedings and care proceedings. Each is one transaction with validation, history and audit.

Dates are checked against the steps before them, and a refusal names the rule beside the field it concerns (the
keys of each ValidationError are the form's field names).
"""

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from hearth.accounts import policy
from hearth.accounts.audit import audit_record, save_with_history
from hearth.accounts.models import User
from hearth.casework.models import Allocation
from hearth.casework.services import decision_record
from hearth.core.concurrency import claim_version
from hearth.core.jinja import govuk_date
from hearth.people.models import Person, Relationship
from hearth.protection.proceedings.clocks import (
    CARE_PROCEEDINGS_TARGET,
    PRE_PROCEEDINGS_REVIEW,
    STEP_DECISION,
    due_on,
)
from hearth.protection.proceedings.models import (
    CareProceedings,
    FamilyGroupMeeting,
    FamilyNetworkSupport,
    FamilyNetworkSupportKind,
    Hearing,
    PreProceedings,
    PreProceedingsChild,
    PreProceedingsReview,
)
from hearth.reference.codes import PreProceedingsOutcome

START_KIND = "pre_proceedings_start"
STEP_KIND = "pre_proceedings_step"


def _not_future(field: str, day: date, label: str) -> None:
    if day > timezone.localdate():
        raise ValidationError({field: f"{label} must be today or in the past"})


def _on_or_after(field: str, day: date, earlier: date | None, rule: str) -> None:
    if earlier is not None and day < earlier:
        raise ValidationError({field: f"{rule} ({govuk_date(earlier)})"})


def _children_of(pre_proceedings: PreProceedings) -> list[Person]:
    return [row.child for row in pre_proceedings.children.select_related("child")]


def _require_recorder(acting_user: User, pre_proceedings: PreProceedings) -> list[Person]:
    children = _children_of(pre_proceedings)
    if not policy.may_record_pre_proceedings(acting_user, children):
        raise PermissionDenied("Only someone who may write to every child's record in the case can record this.")
    return children


def _require_decider(acting_user: User, children: list[Person]) -> None:
    if not all(policy.may_decide_pre_proceedings(acting_user, child) for child in children):
        raise PermissionDenied("Only a manager of the children's team, or a senior leader, can make this decision.")


def _audit(acting_user: User, children: list[Person], verb: str, summary: str) -> None:
    for child in children:
        audit_record(actor=acting_user, verb=verb, child=child, summary=summary)


def _claimed(pre_proceedings: PreProceedings, read_version: int | None) -> PreProceedings:
    if read_version is not None:
        claim_version(pre_proceedings, read_version)
    return pre_proceedings


@transaction.atomic
def pre_proceedings_start(*, acting_user: User, children: list[Person], started_on: date, rationale: str,
                          family_name: str = "") -> PreProceedings:
    """Begin pre-proceedings for a child or siblings, as decided at a legal planning meeting, with the reason."""
    if not children:
        raise ValidationError({"children": "Select the children pre-proceedings are for"})
    _require_decider(acting_user, children)
    if not rationale.strip():
        raise ValidationError({"rationale": "Enter the reason for the decision"})
    _not_future("started_on", started_on, "The date of the legal planning meeting")
    already = (PreProceedingsChild.objects.filter(child__in=children, pre_proceedings__ended_on__isnull=True)
               .select_related("child").first())
    if already is not None:
        raise ValidationError({"children": f"{already.child.full_name} is already in pre-proceedings"})
    team_id = (Allocation.objects.filter(child=children[0], ended_on__isnull=True)
               .values_list("team_id", flat=True).first())
    pre_proceedings = PreProceedings(family_name=family_name.strip(), team_id=team_id, started_on=started_on,
                                     started_by=acting_user)
    save_with_history(pre_proceedings, acting_user=acting_user)
    for child in children:
        decision = decision_record(acting_user=acting_user, child=child, kind=START_KIND,
                                   outcome="Begin pre-proceedings (Public Law Outline)", rationale=rationale,
                                   team_id=team_id)
        save_with_history(PreProceedingsChild(pre_proceedings=pre_proceedings, child=child, start_decision=decision),
                          acting_user=acting_user)
    _audit(acting_user, children, "pre_proceedings.start", f"Pre-proceedings began on {govuk_date(started_on)}")
    return pre_proceedings


def _require_open(pre_proceedings: PreProceedings) -> None:
    if pre_proceedings.outcome:
        raise ValidationError("These pre-proceedings have ended: nothing more can be added to them")


@transaction.atomic
def pre_proceedings_letter_record(*, acting_user: User, pre_proceedings: PreProceedings, sent_on: date,
                                  read_version: int | None = None) -> PreProceedings:
    """Record the day the letter before proceedings was sent to the parents."""
    children = _require_recorder(acting_user, pre_proceedings)
    _claimed(pre_proceedings, read_version)
    _require_open(pre_proceedings)
    _not_future("sent_on", sent_on, "The date the letter was sent")
    _on_or_after("sent_on", sent_on, pre_proceedings.started_on,
                 "The letter before proceedings must be sent on or after the day pre-proceedings began")
    if pre_proceedings.initial_meeting_on and sent_on > pre_proceedings.initial_meeting_on:
        raise ValidationError({"sent_on": "The letter before proceedings must be sent before the initial meeting "
                                          f"({govuk_date(pre_proceedings.initial_meeting_on)})"})
    pre_proceedings.letter_sent_on = sent_on
    save_with_history(pre_proceedings, acting_user=acting_user)
    _audit(acting_user, children, "pre_proceedings.letter", f"Letter before proceedings sent {govuk_date(sent_on)}")
    return pre_proceedings


@transaction.atomic
def pre_proceedings_meeting_record(*, acting_user: User, pre_proceedings: PreProceedings, held_on: date,
                                   read_version: int | None = None) -> PreProceedings:
    """Record a pre-proceedings meeting: the initial one, then each review. The next review falls due 6 weeks on."""
    children = _require_recorder(acting_user, pre_proceedings)
    _claimed(pre_proceedings, read_version)
    _require_open(pre_proceedings)
    _not_future("held_on", held_on, "The date of the meeting")
    _on_or_after("held_on", held_on, pre_proceedings.started_on,
                 "A pre-proceedings meeting must be on or after the day pre-proceedings began")
    if pre_proceedings.letter_sent_on is None:
        raise ValidationError({"held_on": "Record the letter before proceedings first: it invites the parents to "
                                          "the initial meeting"})
    _on_or_after("held_on", held_on, pre_proceedings.letter_sent_on,
                 "A pre-proceedings meeting must be on or after the day the letter before proceedings was sent")
    if pre_proceedings.initial_meeting_on is None:
        pre_proceedings.initial_meeting_on = held_on
        what = "Initial pre-proceedings meeting"
    else:
        last = pre_proceedings.reviews.order_by("-held_on").values_list("held_on", flat=True).first()
        _on_or_after("held_on", held_on, last or pre_proceedings.initial_meeting_on,
                     "A review meeting must be after the last meeting" if last else
                     "A review meeting must be on or after the initial meeting")
        save_with_history(PreProceedingsReview(pre_proceedings=pre_proceedings, held_on=held_on,
                                               recorded_by=acting_user), acting_user=acting_user)
        what = "Pre-proceedings review meeting"
    # Due as at the meeting: a later change to the calendar or the record does not move it (docs/adr/0008).
    pre_proceedings.next_review_due_on = due_on(PRE_PROCEEDINGS_REVIEW, held_on)
    save_with_history(pre_proceedings, acting_user=acting_user)
    _audit(acting_user, children, "pre_proceedings.meeting", f"{what} held {govuk_date(held_on)}")
    return pre_proceedings


@transaction.atomic
def family_group_meeting_offer(*, acting_user: User, pre_proceedings: PreProceedings, kind: str, offered_on: date,
                               offered_in_letter: bool) -> FamilyGroupMeeting:
    """Record that a family group conference (or another family group decision-making meeting) was offered."""
    children = _require_recorder(acting_user, pre_proceedings)
    _require_open(pre_proceedings)
    _not_future("offered_on", offered_on, "The date the meeting was offered")
    _on_or_after("offered_on", offered_on, pre_proceedings.started_on,
                 "A family group meeting offered in pre-proceedings must be offered on or after the day they began")
    if offered_in_letter and offered_on != pre_proceedings.letter_sent_on:
        raise ValidationError({"offered_in_letter": "Record the letter before proceedings first, and give its date "
                                                    "as the day offered" if pre_proceedings.letter_sent_on is None
                               else "A meeting offered in the letter was offered on the day the letter was sent "
                                    f"({govuk_date(pre_proceedings.letter_sent_on)})"})
    meeting = FamilyGroupMeeting(pre_proceedings=pre_proceedings, kind=kind, offered_on=offered_on,
                                 offered_in_letter=offered_in_letter, recorded_by=acting_user)
    save_with_history(meeting, acting_user=acting_user)
    _audit(acting_user, children, "family_group_meeting.offer",
           f"{meeting.get_kind_display()} offered {govuk_date(offered_on)}")
    return meeting


@transaction.atomic
def family_group_meeting_held(*, acting_user: User, meeting: FamilyGroupMeeting, held_on: date, family_plan: str,
                              read_version: int) -> FamilyGroupMeeting:
    """Record that a family group meeting was held, and the plan the family made."""
    children = _require_recorder(acting_user, meeting.pre_proceedings)
    claim_version(meeting, read_version)
    _not_future("held_on", held_on, "The date the meeting was held")
    _on_or_after("held_on", held_on, meeting.offered_on, "The meeting must be held on or after the day it was offered")
    if not family_plan.strip():
        raise ValidationError({"family_plan": "Enter the plan the family made, or what the meeting agreed"})
    meeting.held_on = held_on
    meeting.family_plan = family_plan
    save_with_history(meeting, acting_user=acting_user)
    _audit(acting_user, children, "family_group_meeting.held",
           f"{meeting.get_kind_display()} held {govuk_date(held_on)}")
    return meeting


def in_network_of(children: list[Person]):
    """People related to any of these children by a current relationship (the recipients support may go to)."""
    ids = [child.pk for child in children]
    current = Q(ended_on__isnull=True)
    return Person.objects.filter(
        Q(pk__in=Relationship.objects.filter(current, relative_id__in=ids).values("person_id"))
        | Q(pk__in=Relationship.objects.filter(current, person_id__in=ids).values("relative_id"))
    ).exclude(pk__in=ids)


@transaction.atomic
def family_network_support_record(*, acting_user: User, pre_proceedings: PreProceedings, recipient: Person,
                                  kind: str, description: str, amount: Decimal | None, offered_on: date,
                                  starts_on: date | None = None, ends_on: date | None = None) -> FamilyNetworkSupport:
    """Record support offered to someone in the family network: what, how much (in pounds), to whom, and when."""
    children = _require_recorder(acting_user, pre_proceedings)
    if not in_network_of(children).filter(pk=recipient.pk).exists():
        raise ValidationError({"recipient": "Support goes to someone in a child's family network: add them to the "
                                            "network first"})
    if kind == FamilyNetworkSupportKind.FINANCIAL and amount is None:
        raise ValidationError({"amount": "Enter the amount of financial support, in pounds and pence"})
    if amount is not None and (amount <= 0 or amount != amount.quantize(Decimal("0.01"))):
        raise ValidationError({"amount": "The amount must be more than £0, in pounds and pence, like 150.00"})
    _not_future("offered_on", offered_on, "The date the support was offered")
    _on_or_after("offered_on", offered_on, pre_proceedings.started_on,
                 "Support in pre-proceedings is offered on or after the day they began")
    if starts_on is not None:
        _on_or_after("starts_on", starts_on, offered_on, "The support starts on or after the day it was offered")
    if ends_on is not None:
        _on_or_after("ends_on", ends_on, starts_on or offered_on,
                     "The support ends on or after the day it starts" if starts_on else
                     "The support ends on or after the day it was offered")
    support = FamilyNetworkSupport(pre_proceedings=pre_proceedings, recipient=recipient, kind=kind,
                                   description=description, amount=amount, offered_on=offered_on,
                                   starts_on=starts_on, ends_on=ends_on, recorded_by=acting_user)
    save_with_history(support, acting_user=acting_user)
    _audit(acting_user, children, "family_network_support.record",
           f"{support.get_kind_display()} offered {govuk_date(offered_on)}")
    return support


@transaction.atomic
def pre_proceedings_step_propose(*, acting_user: User, pre_proceedings: PreProceedings, outcome: str, reason: str,
                                 read_version: int | None = None) -> PreProceedings:
    """A worker proposes stepping up to care proceedings or stepping down; a manager decides within 5 working days."""
    children = _require_recorder(acting_user, pre_proceedings)
    _claimed(pre_proceedings, read_version)
    _require_open(pre_proceedings)
    if not reason.strip():
        raise ValidationError({"reason": "Enter why you propose it"})
    today = timezone.localdate()
    pre_proceedings.step_proposed = outcome
    pre_proceedings.step_proposal_reason = reason
    pre_proceedings.step_proposed_by = acting_user
    pre_proceedings.step_proposed_on = today
    pre_proceedings.step_decision_due_on = due_on(STEP_DECISION, today)
    save_with_history(pre_proceedings, acting_user=acting_user)
    _audit(acting_user, children, "pre_proceedings.step_propose",
           f"Proposed: {PreProceedingsOutcome(outcome).label}")
    return pre_proceedings


@transaction.atomic
def pre_proceedings_step_decide(*, acting_user: User, pre_proceedings: PreProceedings, outcome: str, decided_on: date,
                                rationale: str, read_version: int | None = None) -> PreProceedings:
    """A manager decides to step up to care proceedings or to step down, with the reason: a Decision for each child.

    CIN census 2025/26 rule 9009: the step decision is on or after the day pre-proceedings began.
    """
    children = _children_of(pre_proceedings)
    _require_decider(acting_user, children)
    _claimed(pre_proceedings, read_version)
    _require_open(pre_proceedings)
    if not rationale.strip():
        raise ValidationError({"rationale": "Enter the reason for the decision"})
    _not_future("decided_on", decided_on, "The date of the decision")
    _on_or_after("decided_on", decided_on, pre_proceedings.started_on,
                 "The step up or step down decision must be on or after the day pre-proceedings began")
    label = PreProceedingsOutcome(outcome).label
    pre_proceedings.outcome = outcome
    pre_proceedings.step_decision_on = decided_on
    if outcome != PreProceedingsOutcome.STEP_UP:
        pre_proceedings.ended_on = decided_on
        pre_proceedings.next_review_due_on = None
    save_with_history(pre_proceedings, acting_user=acting_user)
    for row in pre_proceedings.children.select_related("child"):
        row.step_decision = decision_record(acting_user=acting_user, child=row.child, kind=STEP_KIND, outcome=label,
                                            rationale=rationale, team_id=pre_proceedings.team_id)
        save_with_history(row, acting_user=acting_user)
    _audit(acting_user, children, "pre_proceedings.step_decide", f"Decided: {label}")
    return pre_proceedings


@transaction.atomic
def care_proceedings_apply(*, acting_user: User, pre_proceedings: PreProceedings, application_on: date,
                           urgent_reason: str = "") -> CareProceedings:
    """Record the application to court after a step up; the 26-week target is stored as at the application.

    CIN census 2025/26 rule 9012: the application is on or after the decision to step up. An application before the
    letter before proceedings (or with none) is allowed only with the reason it could not wait.
    """
    children = _require_recorder(acting_user, pre_proceedings)
    if pre_proceedings.outcome != PreProceedingsOutcome.STEP_UP:
        raise ValidationError({"application_on": "A manager decides to step up to care proceedings before the "
                                                 "application is recorded"})
    if hasattr(pre_proceedings, "care_proceedings"):
        raise ValidationError({"application_on": "The application for these children is already recorded"})
    _not_future("application_on", application_on, "The date of the application")
    _on_or_after("application_on", application_on, pre_proceedings.step_decision_on,
                 "The application to court must be on or after the decision to step up")
    letter = pre_proceedings.letter_sent_on
    if (letter is None or application_on < letter) and not urgent_reason.strip():
        raise ValidationError({"urgent_reason": (
            "No letter before proceedings was sent: give the reason the application could not wait" if letter is None
            else f"The application is before the letter before proceedings ({govuk_date(letter)}): give the reason "
                 "it could not wait")})
    proceedings = CareProceedings(pre_proceedings=pre_proceedings, team_id=pre_proceedings.team_id,
                                  application_on=application_on, urgent_reason=urgent_reason,
                                  target_on=due_on(CARE_PROCEEDINGS_TARGET, application_on), recorded_by=acting_user)
    save_with_history(proceedings, acting_user=acting_user)
    pre_proceedings.ended_on = application_on
    pre_proceedings.next_review_due_on = None
    save_with_history(pre_proceedings, acting_user=acting_user)
    _audit(acting_user, children, "care_proceedings.apply", f"Application to court made {govuk_date(application_on)}")
    return proceedings


@transaction.atomic
def parents_letter_record(*, acting_user: User, proceedings: CareProceedings, sent_on: date,
                          read_version: int) -> CareProceedings:
    """Record the letter telling the parents that care proceedings have been applied for.

    CIN census 2025/26 rule 9013: it is sent on or after the application to court.
    """
    children = _require_recorder(acting_user, proceedings.pre_proceedings)
    claim_version(proceedings, read_version)
    _not_future("sent_on", sent_on, "The date the letter was sent")
    _on_or_after("sent_on", sent_on, proceedings.application_on,
                 "The letter telling the parents of the application is sent on or after the application")
    proceedings.parents_letter_on = sent_on
    save_with_history(proceedings, acting_user=acting_user)
    _audit(acting_user, children, "care_proceedings.parents_letter",
           f"Letter to the parents about the application sent {govuk_date(sent_on)}")
    return proceedings


@transaction.atomic
def hearing_record(*, acting_user: User, proceedings: CareProceedings, held_on: date, kind: str,
                   outcome: str) -> Hearing:
    """Record a hearing in care proceedings and what the court decided or directed."""
    children = _require_recorder(acting_user, proceedings.pre_proceedings)
    _not_future("held_on", held_on, "The date of the hearing")
    _on_or_after("held_on", held_on, proceedings.application_on,
                 "A hearing must be on or after the day the application was made")
    hearing = Hearing(care_proceedings=proceedings, held_on=held_on, kind=kind, outcome=outcome,
                      recorded_by=acting_user)
    save_with_history(hearing, acting_user=acting_user)
    _audit(acting_user, children, "care_proceedings.hearing", f"{hearing.get_kind_display()} {govuk_date(held_on)}")
    return hearing


@transaction.atomic
def final_order_record(*, acting_user: User, proceedings: CareProceedings, final_order: str, made_on: date,
                       read_version: int) -> CareProceedings:
    """Record the court's final order, which ends the proceedings."""
    children = _require_recorder(acting_user, proceedings.pre_proceedings)
    claim_version(proceedings, read_version)
    if proceedings.final_order_on is not None:
        raise ValidationError({"final_order": "The final order is already recorded"})
    _not_future("made_on", made_on, "The date of the final order")
    _on_or_after("made_on", made_on, proceedings.application_on,
                 "The final order must be on or after the day the application was made")
    proceedings.final_order = final_order
    proceedings.final_order_on = made_on
    save_with_history(proceedings, acting_user=acting_user)
    _audit(acting_user, children, "care_proceedings.final_order",
           f"Final order: {proceedings.get_final_order_display()} {govuk_date(made_on)}")
    return proceedings
