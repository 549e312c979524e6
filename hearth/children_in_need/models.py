"""The child in need episode: the referral that opens it, the assessment, the CIN plan, visits and closure.

One `Referral` is one episode (CIN census `CINdetails`): it opens at the referral date (the chain's first receipt),
waits in the receiving team's queue until a manager allocates a social worker, and closes with a date and a reason
(RC1-RC9) decided by a manager. Its assessment, plans and visits hang from it.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from hearth.core.models import Versioned
from hearth.reference.codes import PrimaryNeed, ReasonForClosure, ReferralSource


class Referral(models.Model):
    """A contact accepted for a statutory response: the child in need episode (CIN census `CINdetails`).

    The referral date is the date the council first received the information: the first receipt of the contact's
    chain, so re-recording never moves it. The assessment's due day and whether it is a re-referral are facts fixed
    when it opens.
    """

    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="referrals")
    referral_date = models.DateField()
    source = models.CharField(max_length=3, choices=ReferralSource.choices)
    contact_child = models.OneToOneField("front_door.ContactChild", on_delete=models.PROTECT, null=True, blank=True,
                                         related_name="referral")
    strategy_discussion_now = models.BooleanField(default=False)
    team = models.ForeignKey("accounts.Team", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                             help_text="The team that receives the referral and allocates its social worker.")
    re_referral = models.BooleanField(
        default=False, editable=False,
        help_text="Opened within 12 months of a previous referral of the same child (fixed when it opens).")
    assessment_due_on = models.DateField(
        null=True, blank=True, editable=False,
        help_text="The assessment's statutory due day (45 working days from the referral date), stored at the start.")
    assessment_target_on = models.DateField(
        null=True, blank=True, help_text="An earlier target for the assessment a manager has set.")
    allocation = models.ForeignKey("casework.Allocation", on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", help_text="The allocation made from the queue.")
    allocated_on = models.DateField(null=True, blank=True)
    primary_need = models.CharField(max_length=2, choices=PrimaryNeed.choices, blank=True)
    no_further_action = models.BooleanField("No further action on the referral", default=False)
    closure_date = models.DateField(null=True, blank=True)
    closure_reason = models.CharField(max_length=3, choices=ReasonForClosure.choices, blank=True)
    closure_decision = models.ForeignKey("casework.Decision", on_delete=models.PROTECT, null=True, blank=True,
                                         related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-referral_date"]
        indexes = [models.Index(fields=["child", "-referral_date"]), models.Index(fields=["referral_date"]),
                   # The queue: only the referrals still waiting (a few in a whole service), each team's oldest first.
                   models.Index(fields=["team", "referral_date"], name="referral_waiting",
                                condition=models.Q(allocated_on__isnull=True, closure_date__isnull=True,
                                                   team__isnull=False))]
        constraints = [
            models.CheckConstraint(condition=models.Q(closure_date__isnull=True)
                                   | models.Q(closure_date__gte=models.F("referral_date")),
                                   name="referral_closes_after_it_opens"),
        ]

    def __str__(self) -> str:
        return f"Referral of {self.child} on {self.referral_date}"

    @property
    def is_open(self) -> bool:
        return self.closure_date is None

    @property
    def is_allocated(self) -> bool:
        return self.allocated_on is not None

    @property
    def assessment_due(self):
        """The day the assessment is due: the manager's earlier target, else the statutory day."""
        return self.assessment_target_on or self.assessment_due_on


class AssessmentOutcome(models.TextChoices):
    NO_FURTHER_ACTION = "no_further_action", "No further action"
    EARLY_HELP = "early_help", "Early help"
    CIN_PLAN = "cin_plan", "Child in need plan"
    STRATEGY_DISCUSSION = "strategy_discussion", "Strategy discussion"
    CHILD_IN_CARE = "child_in_care", "Child in care"


class AssessmentStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", "In progress"
    SUBMITTED = "submitted", "Awaiting authorisation"
    AUTHORISED = "authorised", "Authorised"


class Assessment(Versioned):
    """The child and family assessment of an episode, written by the social worker and authorised by the manager."""

    referral = models.OneToOneField(Referral, on_delete=models.PROTECT, related_name="assessment")
    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="cin_assessments")
    started_on = models.DateField("Start date")
    family_history = models.TextField("Family history", blank=True)
    child_views = models.TextField("The child's views, wishes and feelings", blank=True,
                                   help_text="In the child's own words where possible.")
    family_views = models.TextField("The family's views", blank=True)
    analysis = models.TextField("Analysis", blank=True)
    factors = models.JSONField("Factors identified at assessment", default=list, blank=True)
    disability_needs = models.TextField("Disability", blank=True)
    cultural_needs = models.TextField("Cultural or religious needs", blank=True)
    primary_need = models.CharField("Primary need", max_length=2, choices=PrimaryNeed.choices, blank=True)
    outcome = models.CharField(max_length=30, choices=AssessmentOutcome.choices, blank=True)
    status = models.CharField(max_length=20, choices=AssessmentStatus.choices, default=AssessmentStatus.IN_PROGRESS)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+")
    # CIN census AssessmentInternalReviewDate (optional in the schema): the day the assessment was reviewed within the
    # council before it was authorised, the manager's review of the submitted assessment. Recorded by the manager
    # when they authorise or return it; empty when there was no such review.
    internal_review_on = models.DateField("Internal review date", null=True, blank=True)
    authorised_on = models.DateField(null=True, blank=True)
    authorised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="+")
    authorisation = models.ForeignKey("casework.Decision", on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        indexes = [models.Index(fields=["status"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(authorised_on__isnull=True)
                                   | models.Q(authorised_on__gte=models.F("started_on")),
                                   name="assessment_authorised_after_it_starts"),
        ]

    def __str__(self) -> str:
        return f"Assessment of {self.child} from {self.started_on}"


class CinPlan(Versioned):
    """A child in need plan: the child's needs, the actions with their owners and dates, and the child's views."""

    referral = models.ForeignKey(Referral, on_delete=models.PROTECT, related_name="plans")
    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="cin_plans")
    started_on = models.DateField("Start date")
    ended_on = models.DateField("End date", null=True, blank=True)
    needs = models.TextField("The child's needs")
    child_views = models.TextField("The child's views, wishes and feelings", blank=True)
    written_to_child = models.BooleanField("Written to the child", default=False,
                                           help_text="The plan is written to the child, for them to read.")
    next_review_due_on = models.DateField(editable=False,
                                          help_text="Stored when the plan starts or is reviewed (docs/adr/0008).")
    next_visit_due_on = models.DateField(editable=False,
                                         help_text="Stored when the plan starts or the child is visited.")
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-started_on", "-id"]
        # Open plans by the day their next review or visit is due, for the overdue lists. Partial, not led by
        # `ended_on`: SQLite's statistics know only the average number of plans a day ends on, took "not ended" to
        # be as few, and read every open plan for a worker's 25 children instead of their own plans.
        indexes = [models.Index(fields=["next_review_due_on"], condition=models.Q(ended_on__isnull=True),
                                name="cinplan_open_review_due"),
                   models.Index(fields=["next_visit_due_on"], condition=models.Q(ended_on__isnull=True),
                                name="cinplan_open_visit_due")]
        constraints = [
            models.CheckConstraint(condition=models.Q(ended_on__isnull=True)
                                   | models.Q(ended_on__gte=models.F("started_on")),
                                   name="cin_plan_ends_after_it_starts"),
        ]

    def __str__(self) -> str:
        return f"Child in need plan for {self.child} from {self.started_on}"

    @property
    def is_current(self) -> bool:
        return self.ended_on is None


class PlanAction(models.Model):
    """One action on a CIN plan: what, who owns it, and by when."""

    plan = models.ForeignKey(CinPlan, on_delete=models.PROTECT, related_name="actions")
    action = models.TextField("What will be done")
    owner = models.CharField("Who will do it", max_length=120)
    due_on = models.DateField("By when")
    done_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.action[:60]


class ReviewOutcome(models.TextChoices):
    CONTINUE = "continue", "The plan continues"
    STEP_DOWN = "step_down", "Step down to early help"
    END = "end", "The plan ends: the child no longer needs it"
    STEP_UP = "step_up", "Step up: a strategy discussion is needed"


class PlanReview(models.Model):
    """A review of a CIN plan: when it was held and what it decided."""

    plan = models.ForeignKey(CinPlan, on_delete=models.PROTECT, related_name="reviews")
    held_on = models.DateField("Date of the review")
    outcome = models.CharField(max_length=20, choices=ReviewOutcome.choices)
    notes = models.TextField("What the review found", blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"Review on {self.held_on}"


class Visit(models.Model):
    """A visit to the child during the episode: for the assessment or under the plan, whether seen and seen alone."""

    referral = models.ForeignKey(Referral, on_delete=models.PROTECT, related_name="visits")
    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="cin_visits")
    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, null=True, blank=True, related_name="visits")
    plan = models.ForeignKey(CinPlan, on_delete=models.PROTECT, null=True, blank=True, related_name="visits")
    visited_on = models.DateField("Date of the visit")
    seen = models.BooleanField("The child was seen", default=True)
    seen_alone = models.BooleanField("The child was seen alone", default=False)
    note = models.TextField("Notes", blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-visited_on", "-id"]
        indexes = [models.Index(fields=["child", "-visited_on"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(seen_alone=False) | models.Q(seen=True),
                                   name="cin_visit_seen_alone_only_if_seen"),
        ]

    def __str__(self) -> str:
        return f"Visit to {self.child} on {self.visited_on}"


class ParentingAssessmentKind(models.TextChoices):
    PARENTING = "parenting", "Parenting assessment"
    PRE_BIRTH = "pre_birth", "Pre-birth assessment"


class ParentingRecommendation(models.TextChoices):
    CARE_WITH_SUPPORT = "care_with_support", "The parent can care for the child with support"
    CARE_INDEPENDENTLY = "care_independently", "The parent can care for the child without further support"
    NOT_SAFE = "not_safe", "The parent cannot safely care for the child"
    FURTHER_ASSESSMENT = "further_assessment", "Further specialist assessment is needed"


class ParentingAssessment(Versioned):
    """A parenting assessment by the parenting assessment team (a pre-birth assessment for an unborn child), with its
    own start, completion and recommendation, during a child in need episode."""

    referral = models.ForeignKey(Referral, on_delete=models.PROTECT, related_name="parenting_assessments")
    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="parenting_assessments")
    kind = models.CharField("Kind of assessment", max_length=20, choices=ParentingAssessmentKind.choices)
    parent = models.CharField("Who is assessed", max_length=120, help_text="For example, the mother, Sam Example")
    assessor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    started_on = models.DateField("Start date")
    completed_on = models.DateField("Completion date", null=True, blank=True)
    recommendation = models.CharField(max_length=30, choices=ParentingRecommendation.choices, blank=True)
    findings = models.TextField("Findings and recommendation", blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-started_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(completed_on__isnull=True)
                                   | models.Q(completed_on__gte=models.F("started_on")),
                                   name="parenting_assessment_completed_after_it_starts"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of {self.parent} from {self.started_on}"


class ClosureRequest(models.Model):
    """The social worker's request to close the episode (date, reason RC1-RC9, their summary), for a manager of the
    child's team to agree or decline.

    Agreeing closes the episode with the manager's `cin_closure` decision; declining keeps the manager's reason (a
    `cin_closure_decline` decision) and the episode stays open. Either way `decision` is the manager's, with its
    decider, time and rationale; a request with none awaits the manager.
    """

    referral = models.ForeignKey(Referral, on_delete=models.PROTECT, related_name="closure_requests")
    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="cin_closure_requests")
    closure_date = models.DateField("Closure date")
    reason = models.CharField("Reason for closure", max_length=3, choices=ReasonForClosure.choices)
    summary = models.TextField("Summary of the work and why the episode can close")
    requested_at = models.DateTimeField(default=timezone.now)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    agreed = models.BooleanField(null=True, blank=True)
    decision = models.OneToOneField("casework.Decision", on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-requested_at", "-id"]
        indexes = [models.Index(fields=["referral", "-requested_at"])]
        constraints = [
            models.UniqueConstraint(fields=["referral"], condition=models.Q(decision__isnull=True),
                                    name="one_closure_request_awaiting_per_episode"),
        ]

    def __str__(self) -> str:
        return f"Closure requested for {self.child} on {self.closure_date}"

    @property
    def is_awaiting(self) -> bool:
        return self.decision_id is None
