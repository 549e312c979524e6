"""Writes to child protection. Each is one transaction with validation, history and audit.

Dates out of order are refused with the rule named beside the field; a decision without its rationale, or by a role
the policy does not allow, is refused. Due days are worked out once, when the event that starts them is recorded.
"""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hearth.accounts import policy
from hearth.accounts.audit import audit_record, save_with_history
from hearth.accounts.models import User
from hearth.casework.services import decision_record
from hearth.children_in_need.models import Referral
from hearth.children_in_need.services import referral_open
from hearth.core.concurrency import claim_version
from hearth.core.jinja import govuk_date
from hearth.people.models import Person
from hearth.protection import clocks
from hearth.protection.decisions import ICPC_DECISION, RCPC_DECISION, S47_DECISION, S47_OUTCOME
from hearth.protection.models import (
    Agency,
    ChildProtectionPlan,
    Conference,
    ConferenceAttendee,
    ConferenceKind,
    ConferenceOutcome,
    CoreGroupMeeting,
    PlanCategory,
    PlanVisit,
    Section47Enquiry,
    StrategyDiscussion,
)
from hearth.reference.codes import AbuseCategory
from hearth.timescales.selectors import council_calendar


def receiving_team(referral: Referral | None) -> int | None:
    """The team that received the referral a discussion or an enquiry belongs to (its managers decide until a team
    holds the child)."""
    return referral.team_id if referral is not None else None


def _local_day(moment: datetime) -> date:
    return timezone.localtime(moment).date()


def _refuse(errors: dict) -> None:
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def strategy_discussion_request(*, acting_user: User, contact_child, requested_at: datetime) -> StrategyDiscussion:
    """A child at immediate risk: open the referral and ask for a strategy discussion, in one transaction."""
    referral = referral_open(acting_user=acting_user, contact_child=contact_child, strategy_discussion_now=True)
    discussion = StrategyDiscussion(child=contact_child.child, referral=referral, requested_by=acting_user,
                                    requested_at=requested_at)
    save_with_history(discussion, acting_user=acting_user)
    audit_record(actor=acting_user, verb="strategy_discussion.request", child=discussion.child,
                 summary=f"Strategy discussion requested from contact {contact_child.contact}")
    return discussion


@transaction.atomic
def strategy_discussion_start(*, acting_user: User, child: Person, reason: str,
                              enquiry: Section47Enquiry | None = None) -> StrategyDiscussion:
    """A social worker asks for a strategy discussion for a child they work with (or a later one during an enquiry)."""
    policy.require(policy.may_record_protection_work(acting_user, child),
                   "Only someone who works with the child can ask for a strategy discussion.")
    _refuse({"reason": "Enter why a strategy discussion is needed"} if not reason.strip() else {})
    if enquiry is not None and (enquiry.child_id != child.pk or not enquiry.is_open):
        raise ValidationError({"reason": "The enquiry has ended: a later discussion belongs to an open enquiry"})
    referral = enquiry.referral if enquiry else Referral.objects.filter(child=child).order_by("-referral_date").first()
    discussion = StrategyDiscussion(child=child, referral=referral, enquiry=enquiry, requested_by=acting_user,
                                    reason=reason.strip())
    save_with_history(discussion, acting_user=acting_user)
    audit_record(actor=acting_user, verb="strategy_discussion.request", child=child,
                 summary="Strategy discussion requested" + (" during the section 47 enquiry" if enquiry else ""))
    return discussion


@transaction.atomic
def strategy_discussion_hold(*, acting_user: User, discussion: StrategyDiscussion, held_at: datetime, chair: User,
                             agencies: list[str], other_agencies: str, information_shared: str,
                             immediate_safety_actions: str, see_child_by: date) -> StrategyDiscussion:
    """Record a strategy discussion as held; the initial conference's due day runs from it, stored now."""
    child = discussion.child
    policy.require(policy.may_record_protection_work(acting_user, child),
                   "Only someone who works with the child can record the strategy discussion.")
    discussion = StrategyDiscussion.objects.select_for_update().get(pk=discussion.pk)
    errors = {}
    if discussion.held_at is not None:
        errors["held_at"] = "This strategy discussion has already been recorded as held"
    elif held_at > timezone.now():
        errors["held_at"] = "The time it was held must be now or in the past"
    elif _local_day(held_at) < _local_day(discussion.requested_at):
        errors["held_at"] = ("The discussion must be held on or after the day it was asked for "
                             f"({govuk_date(discussion.requested_at)})")
    unknown = [code for code in agencies if code not in Agency.values]
    if unknown or not (agencies or other_agencies.strip()):
        errors["agencies"] = "Select the agencies present"
    if Agency.OTHER in agencies and not other_agencies.strip():
        errors["other_agencies"] = "Enter the other agencies present"
    if not information_shared.strip():
        errors["information_shared"] = "Enter the information shared"
    if see_child_by is None:
        errors["see_child_by"] = "Enter when the child is to be seen"
    elif "held_at" not in errors and see_child_by < _local_day(held_at):
        errors["see_child_by"] = "The day the child is to be seen must be on or after the discussion"
    _refuse(errors)
    held_on = _local_day(held_at)
    discussion.held_at = held_at
    discussion.chair = chair
    discussion.agencies = list(dict.fromkeys(agencies))
    discussion.other_agencies = other_agencies.strip()
    discussion.information_shared = information_shared.strip()
    discussion.immediate_safety_actions = immediate_safety_actions.strip()
    discussion.see_child_by = see_child_by
    discussion.icpc_due_on = clocks.icpc_due(held_on, council_calendar())
    discussion.recorded_by = acting_user
    save_with_history(discussion, acting_user=acting_user)
    enquiry = discussion.enquiry
    if enquiry is not None and enquiry.is_open and not enquiry.conferences.exists():
        # Working Together counts the initial conference from the last discussion held: this new event moves the
        # practice due day; the census target stays with the discussion that started the enquiry.
        enquiry.icpc_due_on = max(enquiry.icpc_due_on, discussion.icpc_due_on)
        save_with_history(enquiry, acting_user=acting_user)
    audit_record(actor=acting_user, verb="strategy_discussion.hold", child=child,
                 summary=f"Strategy discussion held on {govuk_date(held_on)}")
    return discussion


@transaction.atomic
def strategy_discussion_decide(*, acting_user: User, discussion: StrategyDiscussion, start_enquiry: bool,
                               rationale: str) -> StrategyDiscussion:
    """A manager decides, from a discussion held, whether to start a section 47 enquiry (a Decision)."""
    child = discussion.child
    policy.require(policy.may_decide_section_47(acting_user, child, receiving_team(discussion.referral)),
                   "Only a manager of the child's team (or, before one holds the child, of the team that received the "
                   "referral) can decide whether to start a section 47 enquiry.")
    discussion = StrategyDiscussion.objects.select_for_update().get(pk=discussion.pk)
    errors = {}
    if discussion.held_at is None:
        errors["start_enquiry"] = "Record the strategy discussion as held before deciding"
    elif discussion.decision_id is not None or discussion.enquiry_id is not None:
        errors["start_enquiry"] = "A decision has already been made for this discussion"
    if not rationale.strip():
        errors["rationale"] = "Enter the reason for the decision"
    _refuse(errors)
    outcome = "Start a section 47 enquiry" if start_enquiry else "No section 47 enquiry"
    discussion.decision = decision_record(acting_user=acting_user, child=child, kind=S47_DECISION.code,
                                          outcome=outcome, rationale=rationale.strip())
    discussion.s47_decided = start_enquiry
    save_with_history(discussion, acting_user=acting_user)
    if start_enquiry:
        enquiry = Section47Enquiry(
            child=child, referral=discussion.referral, started_by=discussion, start_date=_local_day(discussion.held_at),
            see_child_by=discussion.see_child_by or _local_day(discussion.held_at),
            census_icpc_due_on=discussion.icpc_due_on, icpc_due_on=discussion.icpc_due_on, recorded_by=acting_user)
        save_with_history(enquiry, acting_user=acting_user)
        audit_record(actor=acting_user, verb="section_47.start", child=child,
                     summary=f"Section 47 enquiry started on {govuk_date(enquiry.start_date)}")
    return discussion


@transaction.atomic
def section_47_record(*, acting_user: User, enquiry: Section47Enquiry, child_seen_on: date | None,
                      child_seen_alone: bool | None, interim_safety_plan: str) -> Section47Enquiry:
    """Record the child seen (the day, and whether alone) and the interim safety plan of an open enquiry."""
    policy.require(policy.may_record_protection_work(acting_user, enquiry.child),
                   "Only someone who works with the child can record the enquiry's work.")
    errors = {}
    if not enquiry.is_open:
        errors["child_seen_on"] = "This enquiry has ended"
    elif child_seen_on is not None and child_seen_on < enquiry.start_date:
        errors["child_seen_on"] = ("The day the child was seen must be on or after the enquiry's start "
                                   f"({govuk_date(enquiry.start_date)})")
    elif child_seen_on is not None and child_seen_on > timezone.localdate():
        errors["child_seen_on"] = "The day the child was seen must be today or in the past"
    if child_seen_on is not None and child_seen_alone is None:
        errors["child_seen_alone"] = "Select whether the child was seen alone"
    _refuse(errors)
    enquiry.child_seen_on = child_seen_on
    enquiry.child_seen_alone = child_seen_alone if child_seen_on else None
    enquiry.interim_safety_plan = interim_safety_plan.strip()
    save_with_history(enquiry, acting_user=acting_user)
    audit_record(actor=acting_user, verb="section_47.record", child=enquiry.child, summary="Section 47 enquiry updated")
    return enquiry


@transaction.atomic
def section_47_outcome(*, acting_user: User, enquiry: Section47Enquiry, completed_on: date,
                       concerns_substantiated: bool, icpc_needed: bool, icpc_not_needed_reason: str,
                       rationale: str) -> Section47Enquiry:
    """A manager decides the enquiry's outcome: concerns substantiated or not, an initial conference or not."""
    child = enquiry.child
    policy.require(policy.may_decide_section_47(acting_user, child, receiving_team(enquiry.referral)),
                   "Only a manager of the child's team (or, before one holds the child, of the team that received the "
                   "referral) can decide the outcome of a section 47 enquiry.")
    enquiry = Section47Enquiry.objects.select_for_update().get(pk=enquiry.pk)
    errors = {}
    if not enquiry.is_open:
        errors["completed_on"] = "The outcome of this enquiry has already been decided"
    elif completed_on < enquiry.start_date:
        errors["completed_on"] = ("The outcome date must be on or after the enquiry's start "
                                  f"({govuk_date(enquiry.start_date)})")
    elif completed_on > timezone.localdate():
        errors["completed_on"] = "The outcome date must be today or in the past"
    if not icpc_needed and not icpc_not_needed_reason.strip():
        errors["icpc_not_needed_reason"] = "Enter why no initial child protection conference is needed"
    if not rationale.strip():
        errors["rationale"] = "Enter the reason for the decision"
    _refuse(errors)
    outcome = ("Concerns substantiated" if concerns_substantiated else "Concerns not substantiated") + (
        ": initial child protection conference" if icpc_needed else ": no initial conference")
    enquiry.outcome_decision = decision_record(acting_user=acting_user, child=child, kind=S47_OUTCOME.code,
                                               outcome=outcome, rationale=rationale.strip())
    enquiry.completed_on = completed_on
    enquiry.concerns_substantiated = concerns_substantiated
    enquiry.icpc_needed = icpc_needed
    enquiry.icpc_not_needed_reason = "" if icpc_needed else icpc_not_needed_reason.strip()
    save_with_history(enquiry, acting_user=acting_user)
    return enquiry


def _last_discussion_day(enquiry: Section47Enquiry) -> date:
    held = [moment for moment in StrategyDiscussion.objects.filter(enquiry=enquiry, held_at__isnull=False)
            .values_list("held_at", flat=True)]
    return max([enquiry.start_date, *(_local_day(moment) for moment in held)])


@transaction.atomic
def conference_record(*, acting_user: User, child: Person, kind: str, held_on: date, chair: User,
                      child_participation: str, child_views: str, attendees: list[tuple[str, str]],
                      parents: list[tuple[Person, str]], outcome: str, category: str, end_reason: str,
                      rationale: str, enquiry: Section47Enquiry | None = None,
                      plan: ChildProtectionPlan | None = None) -> Conference:
    """Record a child protection conference chaired by an independent reviewing officer, and its decision.

    An initial conference may start a plan; a review continues it (perhaps with a new category, kept as a row) or
    ends it on the day of the review, with the reason.
    """
    policy.require(policy.may_chair_conference(acting_user, child),
                   "Only an independent reviewing officer working with the child can record a conference.")
    errors = {}
    if not policy.is_conference_chair(chair):
        errors["chair"] = "The chair must be an independent reviewing officer"
    if held_on > timezone.localdate():
        errors["held_on"] = "The conference date must be today or in the past"
    if category and category not in AbuseCategory.values:
        errors["category"] = "Select a category of abuse"
    if kind == ConferenceKind.INITIAL:
        if enquiry is None or enquiry.child_id != child.pk:
            raise ValidationError({"held_on": "An initial conference follows a section 47 enquiry"})
        if not enquiry.icpc_needed:
            errors["outcome"] = "The enquiry's outcome did not call for an initial conference"
        elif enquiry.conferences.exists():
            errors["outcome"] = "This enquiry's initial conference has already been recorded"
        last = _last_discussion_day(enquiry)
        if "held_on" not in errors and held_on < last:
            errors["held_on"] = f"The conference date must be on or after the strategy discussion ({govuk_date(last)})"
        if outcome not in (ConferenceOutcome.PLAN, ConferenceOutcome.NO_PLAN):
            errors["outcome"] = "Select whether the child needs a child protection plan"
        if outcome == ConferenceOutcome.PLAN and not category:
            errors["category"] = "Select the category of abuse"
    else:
        if plan is None or plan.child_id != child.pk:
            raise ValidationError({"held_on": "A review conference reviews a child protection plan"})
        plan = ChildProtectionPlan.objects.select_for_update().get(pk=plan.pk)
        if not plan.is_open:
            errors["outcome"] = "This plan has already ended"
        last = plan.conferences.order_by("-held_on").values_list("held_on", flat=True).first() or plan.start_date
        if "held_on" not in errors and held_on < plan.start_date:
            errors["held_on"] = (("A plan cannot end before it began: " if outcome == ConferenceOutcome.END else "")
                                 + f"the review must be on or after the plan's start ({govuk_date(plan.start_date)})")
        elif "held_on" not in errors and held_on <= last and last != plan.start_date:
            errors["held_on"] = f"The review must be after the last conference ({govuk_date(last)})"
        if outcome not in (ConferenceOutcome.CONTINUE, ConferenceOutcome.END):
            errors["outcome"] = "Select whether the plan continues or ends"
        if outcome == ConferenceOutcome.CONTINUE and not category:
            errors["category"] = "Select the category of abuse"
        if outcome == ConferenceOutcome.END and not end_reason:
            errors["end_reason"] = "Select why the plan ends"
    if not child_participation:
        errors["child_participation"] = "Select whether, and how, the child took part"
    if any(not how for _, how in parents):
        errors["parents"] = "Select whether, and how, each parent took part"
    if not rationale.strip():
        errors["rationale"] = "Enter the reason for the decision"
    _refuse(errors)

    decision = decision_record(
        acting_user=acting_user, child=child, kind=(ICPC_DECISION if kind == ConferenceKind.INITIAL else RCPC_DECISION).code,
        outcome=ConferenceOutcome(outcome).label + (f": {AbuseCategory(category).label}" if category else ""),
        rationale=rationale.strip())
    conference = Conference(child=child, kind=kind, enquiry=enquiry, plan=plan, held_on=held_on, chair=chair,
                            child_participation=child_participation, child_views=child_views.strip(), outcome=outcome,
                            category=category or "", decision=decision, recorded_by=acting_user)
    if kind == ConferenceKind.REVIEW and outcome == ConferenceOutcome.CONTINUE:
        conference.next_review_due_on = clocks.later_review_due(held_on)
    save_with_history(conference, acting_user=acting_user)
    for name, agency in attendees:
        save_with_history(ConferenceAttendee(conference=conference, name=name.strip(), agency=agency),
                          acting_user=acting_user)
    for parent, how in parents:
        save_with_history(ConferenceAttendee(conference=conference, name=parent.full_name, person=parent,
                                             participation=how), acting_user=acting_user)

    if kind == ConferenceKind.INITIAL and outcome == ConferenceOutcome.PLAN:
        calendar = council_calendar()
        plan = ChildProtectionPlan(
            child=child, start_date=held_on, initial_category=category, latest_category=category,
            previous_plans=ChildProtectionPlan.objects.filter(child=child).count(),
            core_group_due_on=clocks.core_group_due(held_on, calendar), first_review_due_on=clocks.first_review_due(held_on),
            first_visit_due_on=clocks.visit_due(held_on, calendar), recorded_by=acting_user)
        save_with_history(plan, acting_user=acting_user)
        conference.plan = plan
        save_with_history(conference, acting_user=acting_user)
        save_with_history(PlanCategory(plan=plan, category=category, from_date=held_on, conference=conference,
                                       recorded_by=acting_user), acting_user=acting_user)
        audit_record(actor=acting_user, verb="cp_plan.start", child=child,
                     summary=f"Child protection plan started: {AbuseCategory(category).label}")
    elif kind == ConferenceKind.REVIEW:
        if category and category != plan.latest_category:
            plan.latest_category = category
            save_with_history(PlanCategory(plan=plan, category=category, from_date=held_on, conference=conference,
                                           recorded_by=acting_user), acting_user=acting_user)
        if outcome == ConferenceOutcome.END:
            plan.end_date = held_on
            plan.end_reason = end_reason
            audit_record(actor=acting_user, verb="cp_plan.end", child=child, summary="Child protection plan ended")
        save_with_history(plan, acting_user=acting_user)
    audit_record(actor=acting_user, verb="conference.record", child=child,
                 summary=f"{conference.get_kind_display()} on {govuk_date(held_on)}")
    return conference


def _require_open_plan_day(plan: ChildProtectionPlan, day: date, field: str, what: str) -> None:
    errors = {}
    if not plan.is_open:
        errors[field] = "This plan has ended"
    elif day > timezone.localdate():
        errors[field] = f"The {what} date must be today or in the past"
    elif day < plan.start_date:
        errors[field] = f"The {what} date must be on or after the plan's start ({govuk_date(plan.start_date)})"
    _refuse(errors)


@transaction.atomic
def core_group_record(*, acting_user: User, plan: ChildProtectionPlan, held_on: date, attendees: str,
                      notes: str) -> CoreGroupMeeting:
    """Record a core group meeting of an open plan; the next is due the council's interval after it, stored now."""
    policy.require(policy.may_record_protection_work(acting_user, plan.child),
                   "Only someone who works with the child can record a core group meeting.")
    _require_open_plan_day(plan, held_on, "held_on", "meeting")
    meeting = CoreGroupMeeting(plan=plan, held_on=held_on, attendees=attendees.strip(), notes=notes.strip(),
                               next_due_on=clocks.next_core_group_due(held_on, council_calendar()),
                               recorded_by=acting_user)
    save_with_history(meeting, acting_user=acting_user)
    audit_record(actor=acting_user, verb="core_group.record", child=plan.child,
                 summary=f"Core group meeting on {govuk_date(held_on)}")
    return meeting


@transaction.atomic
def plan_visit_record(*, acting_user: User, plan: ChildProtectionPlan, visited_on: date, child_seen: bool,
                      child_seen_alone: bool, notes: str) -> PlanVisit:
    """Record a statutory visit; the next is due the visit interval after it, stored now."""
    policy.require(policy.may_record_protection_work(acting_user, plan.child),
                   "Only someone who works with the child can record a visit.")
    _require_open_plan_day(plan, visited_on, "visited_on", "visit")
    _refuse({"child_seen_alone": "A child not seen cannot have been seen alone"} if child_seen_alone and not child_seen
            else {})
    visit = PlanVisit(plan=plan, visited_on=visited_on, child_seen=child_seen, child_seen_alone=child_seen_alone,
                      notes=notes.strip(), next_due_on=clocks.visit_due(visited_on, council_calendar()),
                      recorded_by=acting_user)
    save_with_history(visit, acting_user=acting_user)
    audit_record(actor=acting_user, verb="cp_visit.record", child=plan.child,
                 summary=f"Statutory visit on {govuk_date(visited_on)}")
    return visit


@transaction.atomic
def plan_update(*, acting_user: User, plan: ChildProtectionPlan, read_version: int) -> ChildProtectionPlan:
    """Save the plan's wording onto the version read, so nobody's edit is silently overwritten."""
    policy.require(policy.may_record_protection_work(acting_user, plan.child),
                   "Only someone who works with the child can change the plan.")
    claim_version(plan, read_version)
    save_with_history(plan, acting_user=acting_user)
    audit_record(actor=acting_user, verb="cp_plan.update", child=plan.child, summary="Child protection plan changed")
    return plan
