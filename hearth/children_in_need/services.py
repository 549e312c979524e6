"""Writes to children in need. Each is one transaction with validation, history and audit."""

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hearth.accounts import policy
from hearth.accounts.audit import audit_record, save_with_history
from hearth.accounts.models import ServiceArea, Team, User
from hearth.casework.models import Allocation
from hearth.casework.services import allocation_start, decision_record
from hearth.children_in_need.clocks import ASSESSMENT, PLAN_REVIEW, VISIT
from hearth.children_in_need.decisions import CIN_CLOSURE_DECLINE
from hearth.children_in_need.models import (
    Assessment,
    AssessmentStatus,
    CinPlan,
    ClosureRequest,
    ParentingAssessment,
    ParentingAssessmentKind,
    ParentingRecommendation,
    PlanAction,
    PlanReview,
    Referral,
    ReviewOutcome,
    Visit,
)
from hearth.core.concurrency import claim_version
from hearth.reference.codes import AssessmentFactor, ReasonForClosure
from hearth.timescales.selectors import council_calendar


def twelve_months_before(day: date) -> date:
    """The same day a year earlier (28 February for 29 February): a re-referral is one within 12 months of another."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)

# Teams whose children, already allocated there, are not held by children's social care: their referrals go to the
# council's assessment team instead of staying with them.
NOT_RECEIVING = {ServiceArea.FRONT_DOOR, ServiceArea.EARLY_HELP, ServiceArea.PARTNER_AGENCY, ServiceArea.CORPORATE}


def receiving_team(child) -> Team | None:
    """The team that receives a child's referral: the child's current team if it is a social care team, else the
    council's assessment team (the active team named by `HEARTH_CIN_ASSESSMENT_TEAM`, else the first active
    safeguarding team by name). The front door's decision names no team, so this rule decides."""
    current = Allocation.objects.filter(child=child, ended_on__isnull=True).select_related("team").first()
    if current is not None and current.team.is_active and current.team.service_area not in NOT_RECEIVING:
        return current.team
    teams = Team.objects.filter(is_active=True)
    named = getattr(settings, "HEARTH_CIN_ASSESSMENT_TEAM", "")
    return ((teams.filter(name=named).first() if named else None)
            or teams.filter(service_area=ServiceArea.SAFEGUARDING).order_by("name").first())


def is_re_referral(child_id: int, referral_date: date, *, exclude: int | None = None) -> bool:
    """Whether the child had another referral in the 12 months up to this referral date."""
    earlier = Referral.objects.filter(child_id=child_id, referral_date__lte=referral_date,
                                      referral_date__gte=twelve_months_before(referral_date))
    if exclude is not None:
        earlier = earlier.exclude(pk=exclude)
    return earlier.exists()


def assessment_due_on(referral_date: date) -> date:
    """The statutory due day of the assessment: 45 working days after the referral date (the council's calendar)."""
    return council_calendar().add_working_days(referral_date, ASSESSMENT.amount)


@transaction.atomic
def referral_open(*, acting_user: User, contact_child, strategy_discussion_now: bool = False) -> Referral:
    """Open the CIN episode for a child decided at the front door, dated from the chain's first receipt.

    It goes to the receiving team's queue; whether it is a re-referral and when its assessment is due are fixed now.
    """
    contact = contact_child.contact
    referral_date = timezone.localtime(contact.first_received_at).date()
    team = receiving_team(contact_child.child)
    referral = Referral(
        child=contact_child.child, source=contact.source, contact_child=contact_child, referral_date=referral_date,
        strategy_discussion_now=strategy_discussion_now, recorded_by=acting_user, team=team,
        assessment_due_on=assessment_due_on(referral_date),
    )
    referral.re_referral = is_re_referral(contact_child.child_id, referral_date)
    save_with_history(referral, acting_user=acting_user)
    audit_record(actor=acting_user, verb="referral.open", child=referral.child,
                 summary=f"Referral opened from contact {contact}" + (f", to {team}" if team else "")
                 + (" (a re-referral within 12 months)" if referral.re_referral else ""))
    return referral


def _locked(referral: Referral) -> Referral:
    return Referral.objects.select_for_update().select_related("child").get(pk=referral.pk)


def _require_open(referral: Referral) -> None:
    if referral.closure_date is not None:
        raise ValidationError("This episode has closed: nothing more can be recorded on it")


@transaction.atomic
def referral_allocate(*, acting_user: User, referral: Referral, worker: User, allocated_on: date,
                      target_on: date | None = None) -> Referral:
    """A manager of the receiving team allocates the referral's social worker, through the casework allocation."""
    referral = _locked(referral)
    policy.require(policy.may_allocate_referral(acting_user, referral),
                   "Only a manager of the team that received the referral can allocate it.")
    _require_open(referral)
    errors = {}
    if referral.allocated_on is not None:
        errors["worker"] = "This referral has already been allocated"
    if allocated_on < referral.referral_date:
        errors["allocated_on"] = "The allocation date must be on or after the referral date"
    if target_on is not None:
        if target_on < allocated_on:
            errors["target_on"] = "The target date must be on or after the allocation date"
        elif referral.assessment_due_on and target_on > referral.assessment_due_on:
            errors["target_on"] = "The target date must be on or before the statutory due date"
    if errors:
        raise ValidationError(errors)
    allocation = allocation_start(acting_user=acting_user, child=referral.child, team=referral.team, worker=worker,
                                  started_on=allocated_on, reason="Referral to children's social care")
    referral.allocation = allocation
    referral.allocated_on = allocated_on
    referral.assessment_target_on = target_on
    save_with_history(referral, acting_user=acting_user)
    audit_record(actor=acting_user, verb="referral.allocate", child=referral.child,
                 summary=f"Referral allocated to {worker} in {referral.team}")
    return referral


@transaction.atomic
def assessment_target_set(*, acting_user: User, referral: Referral, target_on: date | None) -> Referral:
    """A manager sets (or clears) an earlier target for the assessment; the statutory due day never moves."""
    referral = _locked(referral)
    policy.require(policy.may_decide_for_cin_episode(acting_user, referral.child, referral.team_id),
                   "Only a manager of the child's team can set the assessment's target.")
    _require_open(referral)
    if target_on is not None:
        if target_on < referral.referral_date:
            raise ValidationError({"target_on": "The target date must be on or after the referral date"})
        if referral.assessment_due_on and target_on > referral.assessment_due_on:
            raise ValidationError({"target_on": "The target date must be on or before the statutory due date"})
    referral.assessment_target_on = target_on
    save_with_history(referral, acting_user=acting_user)
    audit_record(actor=acting_user, verb="assessment.target", child=referral.child,
                 summary=f"Assessment target set to {target_on}" if target_on else "Assessment target cleared")
    return referral


def _closure_errors(referral: Referral, closure_date: date, reason: str) -> tuple[dict, CinPlan | None]:
    """What is wrong with closing the episode on this day for this reason (each beside its field), and its current
    plan (which ends with it)."""
    errors = {}
    if closure_date < referral.referral_date:
        errors["closure_date"] = "The closure date must be on or after the referral date"
    elif closure_date > timezone.localdate():
        errors["closure_date"] = "The closure date must be today or in the past"
    if reason not in ReasonForClosure.values:
        errors["reason"] = "Select the reason for closure"
    current_plan = referral.plans.filter(ended_on__isnull=True).first()
    if current_plan is not None and closure_date < current_plan.started_on:
        errors["closure_date"] = "The closure date must be on or after the plan's start date"
    return errors, current_plan


@transaction.atomic
def referral_close(*, acting_user: User, referral: Referral, closure_date: date, reason: str, rationale: str,
                   no_further_action: bool = False) -> Referral:
    """A manager of the child's team closes the episode with a date, a reason (RC1-RC9) and a rationale (a Decision).

    A referral that needs no further action (CIN census `ReferralNFA`) closes the same way, on its referral date or
    after it.
    """
    referral = _locked(referral)
    policy.require(policy.may_close_cin_episode(acting_user, referral.child, referral.team_id),
                   "Only a manager of the child's team can close the episode.")
    _require_open(referral)
    errors, current_plan = _closure_errors(referral, closure_date, reason)
    if not rationale.strip():
        errors["rationale"] = "Enter the reason for the decision"
    if errors:
        raise ValidationError(errors)
    decision = decision_record(acting_user=acting_user, child=referral.child, kind="cin_closure",
                               outcome=f"Child in need episode closed: {ReasonForClosure(reason).label}",
                               rationale=rationale.strip(), team_id=referral.team_id)
    if current_plan is not None:
        current_plan.ended_on = closure_date
        save_with_history(current_plan, acting_user=acting_user)
    referral.closure_date = closure_date
    referral.closure_reason = reason
    referral.closure_decision = decision
    referral.no_further_action = no_further_action
    save_with_history(referral, acting_user=acting_user)
    audit_record(actor=acting_user, verb="referral.close", child=referral.child,
                 summary=f"Episode closed on {closure_date}: {ReasonForClosure(reason).label}")
    return referral


@transaction.atomic
def closure_request(*, acting_user: User, referral: Referral, closure_date: date, reason: str,
                    summary: str) -> ClosureRequest:
    """The social worker asks for the episode's closure (a date, a reason RC1-RC9 and their summary); it awaits a
    manager of the child's team."""
    referral = _locked(referral)
    policy.require(policy.may_record_cin_work(acting_user, referral.child),
                   "Only someone who works with the child can ask for the episode's closure.")
    _require_open(referral)
    errors, _ = _closure_errors(referral, closure_date, reason)
    if not summary.strip():
        errors["summary"] = "Enter a summary of the work and why the episode can close"
    if referral.closure_requests.filter(decision__isnull=True).exists():
        errors["closure_date"] = "The episode's closure has already been asked for: a manager has yet to decide"
    if errors:
        raise ValidationError(errors)
    request = ClosureRequest(referral=referral, child=referral.child, closure_date=closure_date, reason=reason,
                             summary=summary.strip(), requested_by=acting_user)
    save_with_history(request, acting_user=acting_user)
    audit_record(actor=acting_user, verb="referral.closure_request", child=referral.child,
                 summary=f"Closure asked for, from {closure_date}: {ReasonForClosure(reason).label}")
    return request


@transaction.atomic
def closure_request_decide(*, acting_user: User, request: ClosureRequest, agree: bool,
                           rationale: str) -> ClosureRequest:
    """A manager of the child's team agrees to the closure asked for (the episode closes, a `cin_closure` decision)
    or declines it with their reason (kept, a `cin_closure_decline` decision; the episode stays open)."""
    request = ClosureRequest.objects.select_for_update().select_related("referral__child").get(pk=request.pk)
    referral = request.referral
    policy.require(policy.may_close_cin_episode(acting_user, referral.child, referral.team_id),
                   "Only a manager of the child's team can decide the episode's closure.")
    if not request.is_awaiting:
        raise ValidationError({"agree": "This request has already been decided"})
    if not rationale.strip():
        raise ValidationError({"rationale": "Enter the reason for the decision"})
    if agree:
        # The episode may have changed since the request (a plan started): the same rules are checked again.
        closed = referral_close(acting_user=acting_user, referral=referral, closure_date=request.closure_date,
                                reason=request.reason, rationale=rationale)
        request.decision = closed.closure_decision
    else:
        _require_open(referral)
        request.decision = decision_record(acting_user=acting_user, child=referral.child, kind=CIN_CLOSURE_DECLINE.code,
                                           outcome="Closure of the child in need episode declined",
                                           rationale=rationale.strip(), team_id=referral.team_id)
        audit_record(actor=acting_user, verb="referral.closure_decline", child=referral.child,
                     summary="Closure of the episode declined")
    request.agreed = agree
    save_with_history(request, acting_user=acting_user)
    return request


# The assessment --------------------------------------------------------------------------------------------------

ASSESSMENT_FIELDS = ["started_on", "family_history", "child_views", "family_views", "analysis", "factors",
                     "disability_needs", "cultural_needs", "primary_need", "outcome"]


def _validate_assessment(assessment: Assessment, referral: Referral) -> None:
    errors = {}
    if assessment.started_on < referral.referral_date:
        errors["started_on"] = "The start date must be on or after the referral date"
    elif assessment.started_on > timezone.localdate():
        errors["started_on"] = "The start date must be today or in the past"
    unknown = [code for code in assessment.factors if code not in AssessmentFactor.values]
    if unknown:
        errors["factors"] = "Select factors from the list"
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def assessment_start(*, acting_user: User, referral: Referral, assessment: Assessment) -> Assessment:
    """The social worker starts the episode's child and family assessment."""
    referral = _locked(referral)
    policy.require(policy.may_record_cin_work(acting_user, referral.child),
                   "Only someone working with the child can record the assessment.")
    _require_open(referral)
    if Assessment.objects.filter(referral=referral).exists():
        raise ValidationError({"started_on": "This episode's assessment has already started"})
    assessment.referral = referral
    assessment.child = referral.child
    assessment.recorded_by = acting_user
    _validate_assessment(assessment, referral)
    save_with_history(assessment, acting_user=acting_user)
    audit_record(actor=acting_user, verb="assessment.start", child=referral.child,
                 summary=f"Assessment started on {assessment.started_on}")
    return assessment


@transaction.atomic
def assessment_update(*, acting_user: User, assessment: Assessment, read_version: int) -> Assessment:
    """Save the worker's changes to an assessment in progress, onto the version they read (no silent overwrite)."""
    policy.require(policy.may_record_cin_work(acting_user, assessment.child),
                   "Only someone working with the child can record the assessment.")
    claim_version(assessment, read_version)
    stored = Assessment.objects.get(pk=assessment.pk)
    if stored.status == AssessmentStatus.AUTHORISED:
        raise ValidationError("The assessment has been authorised: it can no longer be changed")
    referral = Referral.objects.get(pk=assessment.referral_id)
    _require_open(referral)
    _validate_assessment(assessment, referral)
    save_with_history(assessment, acting_user=acting_user)
    audit_record(actor=acting_user, verb="assessment.update", child=assessment.child, summary="Assessment updated")
    return assessment


@transaction.atomic
def assessment_submit(*, acting_user: User, assessment: Assessment) -> Assessment:
    """The worker sends the assessment to their manager for authorisation: its outcome and factors must be there."""
    policy.require(policy.may_record_cin_work(acting_user, assessment.child),
                   "Only someone working with the child can submit the assessment.")
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.status != AssessmentStatus.IN_PROGRESS:
        raise ValidationError("The assessment is not in progress")
    errors = {}
    if not assessment.outcome:
        errors["outcome"] = "Select the assessment's outcome before submitting it"
    if not assessment.factors:
        errors["factors"] = "Select the factors identified at assessment before submitting it"
    if not assessment.primary_need:
        errors["primary_need"] = "Select the child's primary need before submitting it"
    if errors:
        raise ValidationError(errors)
    assessment.status = AssessmentStatus.SUBMITTED
    assessment.submitted_at = timezone.now()
    assessment.submitted_by = acting_user
    save_with_history(assessment, acting_user=acting_user)
    audit_record(actor=acting_user, verb="assessment.submit", child=assessment.child,
                 summary="Assessment submitted for authorisation")
    return assessment


def _awaiting_authorisation(acting_user: User, assessment: Assessment, verb: str) -> Assessment:
    assessment = Assessment.objects.select_for_update().select_related("referral", "child").get(pk=assessment.pk)
    policy.require(policy.may_authorise_assessment(acting_user, assessment.child, assessment.referral.team_id),
                   f"Only a manager of the child's team can {verb} the assessment.")
    if assessment.status != AssessmentStatus.SUBMITTED:
        raise ValidationError("The assessment is not awaiting authorisation")
    return assessment


def _internal_review_errors(assessment: Assessment, internal_review_on: date | None,
                            authorised_on: date | None) -> dict:
    if internal_review_on is None:
        return {}
    if internal_review_on < assessment.started_on:
        return {"internal_review_on": "The internal review date must be on or after the assessment's start date"}
    if internal_review_on > timezone.localdate():
        return {"internal_review_on": "The internal review date must be today or in the past"}
    if authorised_on is not None and internal_review_on > authorised_on:
        return {"internal_review_on": "The internal review date must be on or before the authorisation date"}
    return {}


@transaction.atomic
def assessment_authorise(*, acting_user: User, assessment: Assessment, authorised_on: date,
                         rationale: str, internal_review_on: date | None = None) -> Assessment:
    """The team manager authorises the assessment (a Decision); its primary need becomes the episode's. The day of an
    internal review before it, if there was one, is kept (CIN census AssessmentInternalReviewDate)."""
    assessment = _awaiting_authorisation(acting_user, assessment, "authorise")
    errors = {}
    if authorised_on < assessment.started_on:
        errors["authorised_on"] = "The authorisation date must be on or after the assessment's start date"
    elif authorised_on > timezone.localdate():
        errors["authorised_on"] = "The authorisation date must be today or in the past"
    errors.update(_internal_review_errors(assessment, internal_review_on,
                                          None if "authorised_on" in errors else authorised_on))
    if not rationale.strip():
        errors["rationale"] = "Enter the reason for the decision"
    if errors:
        raise ValidationError(errors)
    decision = decision_record(acting_user=acting_user, child=assessment.child, kind="assessment_authorisation",
                               outcome=f"Assessment authorised: {assessment.get_outcome_display()}",
                               rationale=rationale.strip(), team_id=assessment.referral.team_id)
    assessment.status = AssessmentStatus.AUTHORISED
    if internal_review_on is not None:
        assessment.internal_review_on = internal_review_on
    assessment.authorised_on = authorised_on
    assessment.authorised_by = acting_user
    assessment.authorisation = decision
    save_with_history(assessment, acting_user=acting_user)
    referral = _locked(assessment.referral)
    referral.primary_need = assessment.primary_need
    save_with_history(referral, acting_user=acting_user)
    audit_record(actor=acting_user, verb="assessment.authorise", child=assessment.child,
                 summary=f"Assessment authorised on {authorised_on}")
    return assessment


@transaction.atomic
def assessment_return(*, acting_user: User, assessment: Assessment, rationale: str,
                      internal_review_on: date | None = None) -> Assessment:
    """The team manager returns the assessment to the worker, saying why (a Decision); it is in progress again. The
    day of the internal review that found what it needs, if given, is kept (AssessmentInternalReviewDate)."""
    assessment = _awaiting_authorisation(acting_user, assessment, "return")
    errors = _internal_review_errors(assessment, internal_review_on, None)
    if not rationale.strip():
        errors["rationale"] = "Enter what the assessment needs before it can be authorised"
    if errors:
        raise ValidationError(errors)
    if internal_review_on is not None:
        assessment.internal_review_on = internal_review_on
    decision_record(acting_user=acting_user, child=assessment.child, kind="assessment_return",
                    outcome="Assessment returned to the social worker", rationale=rationale.strip(),
                    team_id=assessment.referral.team_id)
    assessment.status = AssessmentStatus.IN_PROGRESS
    save_with_history(assessment, acting_user=acting_user)
    audit_record(actor=acting_user, verb="assessment.return", child=assessment.child,
                 summary="Assessment returned to the social worker")
    return assessment


# Visits ----------------------------------------------------------------------------------------------------------


@transaction.atomic
def visit_record(*, acting_user: User, referral: Referral, visit: Visit) -> Visit:
    """Record a visit to the child (for the assessment while it is open, else under the current plan).

    Under a plan, the next visit's due day is stored from this one (docs/adr/0008).
    """
    referral = _locked(referral)
    policy.require(policy.may_record_cin_work(acting_user, referral.child),
                   "Only someone working with the child can record a visit.")
    _require_open(referral)
    errors = {}
    if visit.visited_on > timezone.localdate():
        errors["visited_on"] = "The date of the visit must be today or in the past"
    elif visit.visited_on < referral.referral_date:
        errors["visited_on"] = "The date of the visit must be on or after the referral date"
    if visit.seen_alone and not visit.seen:
        errors["seen_alone"] = "The child can only have been seen alone if they were seen"
    if errors:
        raise ValidationError(errors)
    visit.referral = referral
    visit.child = referral.child
    visit.recorded_by = acting_user
    plan = referral.plans.filter(ended_on__isnull=True).first()
    assessment = Assessment.objects.filter(referral=referral).exclude(status=AssessmentStatus.AUTHORISED).first()
    if plan is not None and visit.visited_on >= plan.started_on:
        visit.plan = plan
    elif assessment is not None:
        visit.assessment = assessment
    save_with_history(visit, acting_user=acting_user)
    if visit.plan is not None and visit.seen:
        plan = CinPlan.objects.select_for_update().get(pk=plan.pk)
        latest = plan.visits.filter(seen=True).order_by("-visited_on").values_list("visited_on", flat=True).first()
        plan.next_visit_due_on = council_calendar().add_working_days(latest, VISIT.amount)
        save_with_history(plan, acting_user=acting_user)
    audit_record(actor=acting_user, verb="cin_visit.record", child=referral.child,
                 summary=f"Visit on {visit.visited_on}: " + ("seen alone" if visit.seen_alone else
                                                             "seen" if visit.seen else "not seen"))
    return visit


# The plan --------------------------------------------------------------------------------------------------------

PLAN_FIELDS = ["started_on", "needs", "child_views", "written_to_child"]


@transaction.atomic
def cin_plan_start(*, acting_user: User, referral: Referral, plan: CinPlan) -> CinPlan:
    """Start a child in need plan on the episode; its first review and visit are due from its start."""
    referral = _locked(referral)
    policy.require(policy.may_record_cin_work(acting_user, referral.child),
                   "Only someone working with the child can start a plan.")
    _require_open(referral)
    errors = {}
    if referral.plans.filter(ended_on__isnull=True).exists():
        errors["started_on"] = "The episode already has a current plan"
    elif plan.started_on < referral.referral_date:
        errors["started_on"] = "The plan's start date must be on or after the referral date"
    elif plan.started_on > timezone.localdate():
        errors["started_on"] = "The plan's start date must be today or in the past"
    if errors:
        raise ValidationError(errors)
    plan.referral = referral
    plan.child = referral.child
    plan.recorded_by = acting_user
    plan.next_review_due_on = plan.started_on + timedelta(days=PLAN_REVIEW.amount)
    plan.next_visit_due_on = council_calendar().add_working_days(plan.started_on, VISIT.amount)
    save_with_history(plan, acting_user=acting_user)
    audit_record(actor=acting_user, verb="cin_plan.start", child=referral.child,
                 summary=f"Child in need plan started on {plan.started_on}")
    return plan


@transaction.atomic
def cin_plan_update(*, acting_user: User, plan: CinPlan, read_version: int) -> CinPlan:
    """Save changes to the plan onto the version read: two people's edits never silently overwrite each other."""
    policy.require(policy.may_record_cin_work(acting_user, plan.child),
                   "Only someone working with the child can change the plan.")
    claim_version(plan, read_version)
    stored = CinPlan.objects.get(pk=plan.pk)
    if stored.ended_on is not None:
        raise ValidationError("The plan has ended: it can no longer be changed")
    if plan.started_on != stored.started_on:
        # The start is the plan's clock: it cannot be moved once the plan has begun.
        raise ValidationError({"started_on": "The plan's start date cannot be changed once it has begun"})
    save_with_history(plan, acting_user=acting_user)
    audit_record(actor=acting_user, verb="cin_plan.update", child=plan.child, summary="Child in need plan updated")
    return plan


@transaction.atomic
def cin_plan_end(*, acting_user: User, plan: CinPlan, ended_on: date, read_version: int) -> CinPlan:
    """End the plan on a day on or after its start."""
    policy.require(policy.may_record_cin_work(acting_user, plan.child),
                   "Only someone working with the child can end the plan.")
    claim_version(plan, read_version)
    if plan.ended_on is not None:
        raise ValidationError("The plan has already ended")
    if ended_on < plan.started_on:
        raise ValidationError({"ended_on": "The plan's end date must be on or after its start date"})
    if ended_on > timezone.localdate():
        raise ValidationError({"ended_on": "The plan's end date must be today or in the past"})
    plan.ended_on = ended_on
    save_with_history(plan, acting_user=acting_user)
    audit_record(actor=acting_user, verb="cin_plan.end", child=plan.child, summary=f"Plan ended on {ended_on}")
    return plan


@transaction.atomic
def plan_action_add(*, acting_user: User, plan: CinPlan, action: PlanAction) -> PlanAction:
    """Add an action to the plan, with its owner and the day it is due."""
    policy.require(policy.may_record_cin_work(acting_user, plan.child),
                   "Only someone working with the child can change the plan.")
    if plan.ended_on is not None:
        raise ValidationError("The plan has ended: it can no longer be changed")
    if action.due_on < plan.started_on:
        raise ValidationError({"due_on": "The action's due date must be on or after the plan's start date"})
    action.plan = plan
    action.recorded_by = acting_user
    save_with_history(action, acting_user=acting_user)
    audit_record(actor=acting_user, verb="cin_plan.action", child=plan.child, summary=f"Plan action: {action.owner}")
    return action


@transaction.atomic
def plan_review_record(*, acting_user: User, plan: CinPlan, review: PlanReview) -> PlanReview:
    """Record a review of the plan; the next review is due from it (stored now). A review that ends the plan ends it."""
    plan = CinPlan.objects.select_for_update().get(pk=plan.pk)
    policy.require(policy.may_record_cin_work(acting_user, plan.child),
                   "Only someone working with the child can record a review.")
    errors = {}
    if plan.ended_on is not None:
        errors["held_on"] = "The plan has ended"
    elif review.held_on < plan.started_on:
        errors["held_on"] = "The review date must be on or after the plan's start date"
    elif review.held_on > timezone.localdate():
        errors["held_on"] = "The review date must be today or in the past"
    if errors:
        raise ValidationError(errors)
    review.plan = plan
    review.recorded_by = acting_user
    save_with_history(review, acting_user=acting_user)
    plan.next_review_due_on = review.held_on + timedelta(days=PLAN_REVIEW.amount)
    if review.outcome in (ReviewOutcome.END, ReviewOutcome.STEP_DOWN):
        plan.ended_on = review.held_on
    save_with_history(plan, acting_user=acting_user)
    audit_record(actor=acting_user, verb="cin_plan.review", child=plan.child,
                 summary=f"Plan reviewed on {review.held_on}: {review.get_outcome_display()}")
    return review


# Parenting assessments -------------------------------------------------------------------------------------------


@transaction.atomic
def parenting_assessment_start(*, acting_user: User, referral: Referral,
                               assessment: ParentingAssessment) -> ParentingAssessment:
    """The parenting assessor starts a parenting assessment (a pre-birth one only for an unborn child)."""
    referral = _locked(referral)
    policy.require(policy.may_record_parenting_assessment(acting_user, referral.child),
                   "Only the parenting assessor working with the child can record a parenting assessment.")
    _require_open(referral)
    errors = {}
    if assessment.kind == ParentingAssessmentKind.PRE_BIRTH and not referral.child.is_unborn:
        errors["kind"] = "A pre-birth assessment is only for an unborn child"
    if assessment.started_on < referral.referral_date:
        errors["started_on"] = "The start date must be on or after the referral date"
    elif assessment.started_on > timezone.localdate():
        errors["started_on"] = "The start date must be today or in the past"
    if errors:
        raise ValidationError(errors)
    assessment.referral = referral
    assessment.child = referral.child
    assessment.assessor = acting_user
    save_with_history(assessment, acting_user=acting_user)
    audit_record(actor=acting_user, verb="parenting_assessment.start", child=referral.child,
                 summary=f"{assessment.get_kind_display()} of {assessment.parent} started")
    return assessment


@transaction.atomic
def parenting_assessment_complete(*, acting_user: User, assessment: ParentingAssessment, completed_on: date,
                                  recommendation: str, findings: str, read_version: int) -> ParentingAssessment:
    """The assessor completes the parenting assessment with its date, recommendation and findings."""
    policy.require(policy.may_record_parenting_assessment(acting_user, assessment.child),
                   "Only the parenting assessor working with the child can record a parenting assessment.")
    claim_version(assessment, read_version)
    errors = {}
    if assessment.completed_on is not None:
        errors["completed_on"] = "This assessment has already been completed"
    elif completed_on < assessment.started_on:
        errors["completed_on"] = "The completion date must be on or after the assessment's start date"
    elif completed_on > timezone.localdate():
        errors["completed_on"] = "The completion date must be today or in the past"
    if recommendation not in ParentingRecommendation.values:
        errors["recommendation"] = "Select the recommendation"
    if not findings.strip():
        errors["findings"] = "Enter the findings that support the recommendation"
    if errors:
        raise ValidationError(errors)
    assessment.completed_on = completed_on
    assessment.recommendation = recommendation
    assessment.findings = findings.strip()
    save_with_history(assessment, acting_user=acting_user)
    audit_record(actor=acting_user, verb="parenting_assessment.complete", child=assessment.child,
                 summary=f"{assessment.get_kind_display()} completed: {assessment.get_recommendation_display()}")
    return assessment
