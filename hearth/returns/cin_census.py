"""The CIN census `CINdetails` of a child in need episode, derived from Hearth's records alone.

Each field carries the DfE's element name (hearth/reference/specs/cin-census-2024.xsd, `cindetailstype` and the types
it holds), in the schema's order, and is read from the one record that holds the fact: nothing is typed twice for the
return. The 2025/26 `PreProceedingsandFGDM` block is read by the pre-proceedings app (`census_items`).

The episode's modules are the rows that hang from its referral (its assessment, its CIN plans, its section 47
enquiries), and, for what is recorded against the child rather than the referral, the rows dated within the episode:
the child protection plans that started in it and the pre-proceedings that began in it.

For a return, `census_cin_details(child, year)` gives each episode open in the census year (1 April to 31 March) as at
its reference date (31 March): a step dated after it is not yet known, and a module that ended before 1 April is left
out (rules 4013, 8696, 8715 and 8930: its end must fall within the census year).

A field the records do not hold is None, and is listed in `NOT_RECORDED` with the reason, never invented.

These reads are for the council's statutory return, not for a page: they take no user, so no page may show them
without first reading the child through the access policy. The `returns` app is derived: it reads the journey apps'
records (children in need, protection), which never import it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from xml.etree import ElementTree

from django.db.models import Prefetch

from hearth.children_in_need.models import AssessmentStatus, CinPlan, Referral
from hearth.people.models import Person
from hearth.protection.models import ChildProtectionPlan, Conference, ConferenceKind, PlanCategory, Section47Enquiry
from hearth.protection.proceedings.models import PreProceedings
from hearth.protection.proceedings.selectors import census_items

# The fields of CINdetails Hearth does not record, and why: reported with every return, not filled in.
NOT_RECORDED = {
    "NumberOfPreviousCPP": (
        "Counted from the plans on Hearth's records when the plan starts: plans the child had with another council, "
        "or before Hearth's records begin, are not counted unless they were recorded."),
}


@dataclass(frozen=True)
class CensusPeriod:
    """A census year: 1 April to 31 March, the reference date its last day."""

    start: date
    reference_date: date

    @classmethod
    def ending(cls, year: int) -> CensusPeriod:
        """The census year that ends on 31 March of `year` (the 2025/26 census is `ending(2026)`)."""
        return cls(start=date(year - 1, 4, 1), reference_date=date(year, 3, 31))


@dataclass(frozen=True)
class AssessmentDetails:
    """`assessmentstype`."""

    AssessmentActualStartDate: date
    AssessmentInternalReviewDate: date | None
    AssessmentAuthorisationDate: date | None
    AssessmentFactors: tuple[str, ...]


@dataclass(frozen=True)
class CinPlanDates:
    """`cinplandatesttype`."""

    CINPlanStartDate: date
    CINPlanEndDate: date | None


@dataclass(frozen=True)
class Section47Details:
    """`section47type`."""

    S47ActualStartDate: date
    InitialCPCtarget: date
    DateOfInitialCPC: date | None
    ICPCnotRequired: bool


@dataclass(frozen=True)
class ChildProtectionPlanDetails:
    """`childprotectionplanstype`."""

    CPPstartDate: date
    CPPendDate: date | None
    InitialCategoryOfAbuse: str
    LatestCategoryOfAbuse: str
    NumberOfPreviousCPP: int
    CPPreviewDate: tuple[date, ...]


@dataclass(frozen=True)
class CinDetails:
    """`cindetailstype`, with the 2025/26 `PreProceedingsandFGDM` blocks (one per pre-proceedings case)."""

    CINreferralDate: date
    ReferralSource: str
    PrimaryNeedCode: str | None
    CINclosureDate: date | None
    ReasonForClosure: str | None
    DateOfInitialCPC: date | None
    Assessments: tuple[AssessmentDetails, ...]
    CINPlanDates: tuple[CinPlanDates, ...]
    Section47: tuple[Section47Details, ...]
    ReferralNFA: bool
    ChildProtectionPlans: tuple[ChildProtectionPlanDetails, ...]
    PreProceedingsandFGDM: tuple[dict, ...] = field(default=())


def _known(day: date | None, as_at: date | None) -> date | None:
    """A date as it stood on `as_at`: a step dated after it had not happened yet."""
    return day if day is not None and (as_at is None or day <= as_at) else None


def _began(day: date, as_at: date | None) -> bool:
    return as_at is None or day <= as_at


def _within(start: date, end: date | None, period: CensusPeriod | None) -> bool:
    """A module belongs to the period's return when it began by its reference date and had not ended before it."""
    if period is None:
        return True
    return start <= period.reference_date and (end is None or end >= period.start)


def _in_episode(day: date, referral: Referral) -> bool:
    return day >= referral.referral_date and (referral.closure_date is None or day <= referral.closure_date)


def _assessment(referral: Referral, as_at: date | None) -> tuple[AssessmentDetails, ...]:
    assessment = getattr(referral, "assessment", None)
    if assessment is None or not _began(assessment.started_on, as_at):
        return ()
    authorised_on = (_known(assessment.authorised_on, as_at)
                     if assessment.status == AssessmentStatus.AUTHORISED else None)
    # Rule 8614: the factors are given only for a completed (authorised) assessment.
    factors = tuple(dict.fromkeys(assessment.factors or [])) if authorised_on else ()
    # AssessmentInternalReviewDate: the manager's review of the assessment within the council before authorisation
    # (optional in the schema, checked by no census rule), as the manager recorded it when authorising or returning it.
    return (AssessmentDetails(AssessmentActualStartDate=assessment.started_on,
                              AssessmentInternalReviewDate=_known(assessment.internal_review_on, as_at),
                              AssessmentAuthorisationDate=authorised_on, AssessmentFactors=factors),)


def _initial_conference(enquiry: Section47Enquiry) -> Conference | None:
    return next((conference for conference in enquiry.conferences.all() if conference.kind == ConferenceKind.INITIAL),
                None)


def _section_47(enquiry: Section47Enquiry, referral: Referral, as_at: date | None) -> Section47Details:
    conference = _initial_conference(enquiry)
    if conference is not None and not _in_episode(conference.held_on, referral):
        conference = None  # held after this episode closed: the later episode gives it (see DateOfInitialCPC)
    decided = _known(enquiry.completed_on, as_at) is not None
    return Section47Details(
        S47ActualStartDate=enquiry.start_date,
        # Stored when the enquiry started: 15 working days from the strategy discussion that began it (docs/adr/0008).
        InitialCPCtarget=enquiry.census_icpc_due_on,
        DateOfInitialCPC=_known(conference.held_on, as_at) if conference else None,
        ICPCnotRequired=decided and enquiry.icpc_needed is False)


def _protection_plan(plan: ChildProtectionPlan, as_at: date | None) -> ChildProtectionPlanDetails:
    categories = [row for row in plan.categories.all() if _began(row.from_date, as_at)]
    reviews = sorted(conference.held_on for conference in plan.conferences.all()
                     if conference.kind == ConferenceKind.REVIEW and _began(conference.held_on, as_at))
    return ChildProtectionPlanDetails(
        CPPstartDate=plan.start_date, CPPendDate=_known(plan.end_date, as_at),
        InitialCategoryOfAbuse=plan.initial_category,
        LatestCategoryOfAbuse=categories[-1].category if categories else plan.latest_category,
        NumberOfPreviousCPP=plan.previous_plans, CPPreviewDate=tuple(reviews))


def _pre_proceedings(case: PreProceedings, as_at: date | None) -> dict:
    """The case's `PreProceedingsandFGDM` items (the pre-proceedings app's reading), as they stood on `as_at`."""
    items = census_items(case)
    if as_at is None:
        return items
    known = {name: (_known(value, as_at) if isinstance(value, date) else value) for name, value in items.items()}
    letter = known["LBPSentDate"]
    offered = letter is not None and any(meeting.offered_in_letter for meeting in case.family_meetings.all())
    known["FGDMMeetingOffer"] = (1 if offered else 0) if letter else None
    known["FGDMMeetingFac"] = ((1 if any(_known(meeting.held_on, as_at) for meeting in case.family_meetings.all())
                                else 0) if offered else None)
    known["ReviewMeetingsCount"] = (sum(1 for review in case.reviews.all() if review.held_on <= as_at)
                                    if known["InitialPPMeetingDate"] else None)
    known["PPOutcome"] = items["PPOutcome"] if known["StepDecisionDate"] else None
    return known


def _details(referral: Referral, *, plans: list[ChildProtectionPlan], conferences: list[Conference],
             cases: list[PreProceedings], period: CensusPeriod | None) -> CinDetails:
    as_at = period.reference_date if period else None
    closure_date = _known(referral.closure_date, as_at)
    enquiries = [enquiry for enquiry in referral.census_enquiries
                 if _began(enquiry.start_date, as_at)
                 and _within(enquiry.start_date, _known(_done_on(enquiry), as_at), period)]
    own = {enquiry.pk for enquiry in referral.census_enquiries}
    # Rule 2884: an initial conference is given once. One held in this episode for an enquiry of an earlier episode
    # (or of none) is the episode's own DateOfInitialCPC; otherwise it sits in its Section47 module.
    elsewhere = sorted(conference.held_on for conference in conferences
                       if conference.kind == ConferenceKind.INITIAL and conference.enquiry_id not in own
                       and _in_episode(conference.held_on, referral) and _known(conference.held_on, as_at)
                       and _within(conference.held_on, conference.held_on, period))
    assessments = tuple(found for found in _assessment(referral, as_at)
                        if _within(found.AssessmentActualStartDate, found.AssessmentAuthorisationDate, period))
    cin_plans = tuple(CinPlanDates(CINPlanStartDate=plan.started_on, CINPlanEndDate=_known(plan.ended_on, as_at))
                      for plan in sorted(referral.plans.all(), key=lambda plan: (plan.started_on, plan.pk))
                      if _began(plan.started_on, as_at) and _within(plan.started_on, _known(plan.ended_on, as_at), period))
    protection_plans = tuple(_protection_plan(plan, as_at) for plan in plans
                             if _in_episode(plan.start_date, referral) and _began(plan.start_date, as_at)
                             and _within(plan.start_date, _known(plan.end_date, as_at), period))
    return CinDetails(
        CINreferralDate=referral.referral_date,
        ReferralSource=referral.source,
        PrimaryNeedCode=referral.primary_need or None,
        CINclosureDate=closure_date,
        ReasonForClosure=(referral.closure_reason or None) if closure_date else None,
        DateOfInitialCPC=elsewhere[0] if elsewhere else None,
        Assessments=assessments,
        CINPlanDates=cin_plans,
        Section47=tuple(_section_47(enquiry, referral, as_at) for enquiry in enquiries),
        ReferralNFA=referral.no_further_action and closure_date is not None,
        ChildProtectionPlans=protection_plans,
        PreProceedingsandFGDM=tuple(_pre_proceedings(case, as_at) for case in cases
                                    if _in_episode(case.started_on, referral) and _began(case.started_on, as_at)
                                    and _within(case.started_on, _known(case.ended_on, as_at), period)),
    )


def _done_on(enquiry: Section47Enquiry) -> date | None:
    """The day a section 47 module is complete for the census: its initial conference, or the decision none is
    needed (rule 8868)."""
    conference = _initial_conference(enquiry)
    if conference is not None:
        return conference.held_on
    return enquiry.completed_on if enquiry.icpc_needed is False else None


def census_episodes(child: Person, *, period: CensusPeriod | None = None) -> list[CinDetails]:
    """Every CIN episode of the child, oldest first, as CINdetails (in a census period's return, if given): a fixed
    number of queries however many episodes and modules."""
    referrals = Referral.objects.filter(child=child)
    if period is not None:
        referrals = referrals.filter(referral_date__lte=period.reference_date).exclude(
            closure_date__lt=period.start)
    return _derive(child, referrals, period)


def _derive(child: Person, referrals, period: CensusPeriod | None) -> list[CinDetails]:
    referrals = list(referrals.select_related("assessment").prefetch_related(
        Prefetch("plans", queryset=CinPlan.objects.order_by("started_on", "pk"))).order_by("referral_date", "pk"))
    enquiries = list(Section47Enquiry.objects.filter(referral__in=referrals).prefetch_related("conferences")
                     .order_by("start_date", "pk"))
    for referral in referrals:
        referral.census_enquiries = [enquiry for enquiry in enquiries if enquiry.referral_id == referral.pk]
    plans = list(ChildProtectionPlan.objects.filter(child=child).prefetch_related(
        Prefetch("categories", queryset=PlanCategory.objects.order_by("from_date", "pk")), "conferences")
        .order_by("start_date", "pk"))
    conferences = list(Conference.objects.filter(child=child, kind=ConferenceKind.INITIAL).order_by("held_on", "pk"))
    cases = list(PreProceedings.objects.filter(children__child=child).prefetch_related("family_meetings", "reviews")
                 .order_by("started_on", "pk"))
    return [_details(referral, plans=plans, conferences=conferences, cases=cases, period=period)
            for referral in referrals]


def census_cin_details(child: Person, year: int) -> list[CinDetails]:
    """The child's CINdetails in the census year ending 31 March `year`, as at that reference date."""
    return census_episodes(child, period=CensusPeriod.ending(year))


def cin_details(referral: Referral) -> CinDetails:
    """One episode's CINdetails, everything recorded so far."""
    return _derive(referral.child, Referral.objects.filter(pk=referral.pk), None)[0]


# --- The XML of a CINdetails (the 2024 schema's `cindetailstype`) ------------------------------------------------------
# Written with the standard library and checked with lxml (`hearth/returns/schema.py`). Elements are in the schema's order; an
# empty optional element is left out. The 2025/26 PreProceedingsandFGDM block is not in the 2024 schema Hearth holds,
# so it is not written until the schema of that year is copied into hearth/reference/specs/.
#
# NumberOfPreviousCPP is the number of child protection plans the child had before this one: 0 for a first plan, and
# required for every plan (DfE rule 8730). The 2024 schema as published by liia-tools typed it xs:positiveInteger,
# which no first plan can meet; writing 1, or leaving the element out, would misreport the child or break rule 8730.
# So the copy in hearth/reference/specs/ is corrected to xs:nonNegativeInteger, as liia-tools' earlier schemas (an
# integer from 0) had it, the correction noted in its README, and the true count, 0 included, is written.


def _date(parent: ElementTree.Element, name: str, day: date | None) -> None:
    if day is not None:
        ElementTree.SubElement(parent, name).text = day.isoformat()


def _text(parent: ElementTree.Element, name: str, value: str | int | None) -> None:
    if value not in (None, ""):
        ElementTree.SubElement(parent, name).text = str(value)


def _yes_no(value: bool) -> str:
    return "true" if value else "false"


def cin_details_xml(details: CinDetails) -> ElementTree.Element:
    """The `CINdetails` element of one episode, as the census schema orders it."""
    root = ElementTree.Element("CINdetails")
    _date(root, "CINreferralDate", details.CINreferralDate)
    _text(root, "ReferralSource", details.ReferralSource)
    _text(root, "PrimaryNeedCode", details.PrimaryNeedCode)
    _date(root, "CINclosureDate", details.CINclosureDate)
    _text(root, "ReasonForClosure", details.ReasonForClosure)
    _date(root, "DateOfInitialCPC", details.DateOfInitialCPC)
    for assessment in details.Assessments:
        element = ElementTree.SubElement(root, "Assessments")
        _date(element, "AssessmentActualStartDate", assessment.AssessmentActualStartDate)
        _date(element, "AssessmentInternalReviewDate", assessment.AssessmentInternalReviewDate)
        _date(element, "AssessmentAuthorisationDate", assessment.AssessmentAuthorisationDate)
        if assessment.AssessmentFactors:
            factors = ElementTree.SubElement(element, "FactorsIdentifiedAtAssessment")
            for code in assessment.AssessmentFactors:
                _text(factors, "AssessmentFactors", code)
    for plan in details.CINPlanDates:
        element = ElementTree.SubElement(root, "CINPlanDates")
        _date(element, "CINPlanStartDate", plan.CINPlanStartDate)
        _date(element, "CINPlanEndDate", plan.CINPlanEndDate)
    for enquiry in details.Section47:
        element = ElementTree.SubElement(root, "Section47")
        _date(element, "S47ActualStartDate", enquiry.S47ActualStartDate)
        _date(element, "InitialCPCtarget", enquiry.InitialCPCtarget)
        _date(element, "DateOfInitialCPC", enquiry.DateOfInitialCPC)
        _text(element, "ICPCnotRequired", _yes_no(enquiry.ICPCnotRequired))
    _text(root, "ReferralNFA", _yes_no(details.ReferralNFA))
    for plan in details.ChildProtectionPlans:
        element = ElementTree.SubElement(root, "ChildProtectionPlans")
        _date(element, "CPPstartDate", plan.CPPstartDate)
        _date(element, "CPPendDate", plan.CPPendDate)
        _text(element, "InitialCategoryOfAbuse", plan.InitialCategoryOfAbuse)
        _text(element, "LatestCategoryOfAbuse", plan.LatestCategoryOfAbuse)
        _text(element, "NumberOfPreviousCPP", plan.NumberOfPreviousCPP)
        if plan.CPPreviewDate:
            reviews = ElementTree.SubElement(element, "Reviews")
            for day in plan.CPPreviewDate:
                _date(reviews, "CPPreviewDate", day)
    return root
