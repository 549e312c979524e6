"""Child protection: strategy discussions, section 47 enquiries, conferences and child protection plans.

Each dated step is a row with the date it happened, apart from when it was typed. The due days of the statutory
timescales are stored when the event that starts them is recorded (docs/adr/0008): later edits never move them.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from hearth.core.models import Versioned
from hearth.reference.codes import AbuseCategory


class Agency(models.TextChoices):
    """The agencies a strategy discussion or a conference may hear from."""

    POLICE = "police", "Police"
    HEALTH = "health", "Health"
    EDUCATION = "education", "Education (school, nursery or college)"
    SOCIAL_CARE = "social_care", "Children's social care"
    PROBATION = "probation", "Probation"
    HOUSING = "housing", "Housing"
    OTHER = "other", "Other"


class StrategyDiscussion(models.Model):
    """A strategy discussion, requested when a child may be at immediate risk and held with police and health.

    One begins a section 47 enquiry (`started_enquiry`); a later one during an enquiry belongs to it (`enquiry`).
    """

    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="strategy_discussions")
    referral = models.ForeignKey("children_in_need.Referral", on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="strategy_discussions")
    enquiry = models.ForeignKey("protection.Section47Enquiry", on_delete=models.PROTECT, null=True, blank=True,
                                related_name="discussions", help_text="The enquiry this discussion belongs to.")
    requested_at = models.DateTimeField(default=timezone.now)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField("Why a strategy discussion is needed", blank=True)
    held_at = models.DateTimeField(null=True, blank=True)
    chair = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                              related_name="+")
    # No callable default: the synthetic seed bulk-loads these rows and leaves it empty.
    agencies = models.JSONField("Agencies present", null=True, blank=True)
    other_agencies = models.CharField("Other agencies present", max_length=200, blank=True)
    information_shared = models.TextField(blank=True)
    immediate_safety_actions = models.TextField(blank=True)
    see_child_by = models.DateField("When the child is to be seen", null=True, blank=True)
    # The initial conference is due 15 working days after this discussion (Working Together 2023), as at its holding.
    icpc_due_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+")
    # The decision whether to start a section 47 enquiry (a casework Decision, by a manager).
    s47_decided = models.BooleanField(null=True, blank=True)
    decision = models.OneToOneField("casework.Decision", on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-requested_at"]
        indexes = [models.Index(fields=["child", "held_at"])]

    def __str__(self) -> str:
        return f"Strategy discussion for {self.child}"

    @property
    def agency_labels(self) -> list[str]:
        labels = [Agency(code).label for code in self.agencies or [] if code in Agency.values and code != Agency.OTHER]
        return labels + ([self.other_agencies] if self.other_agencies else [])


class Section47Enquiry(models.Model):
    """An enquiry into whether a child is suffering, or likely to suffer, significant harm (Children Act 1989 s47).

    Two due days for the initial conference are kept, each from its own event: `icpc_due_on` from the latest strategy
    discussion (Working Together 2023), `census_icpc_due_on` from the one that started the enquiry (the CIN
    census's InitialCPCtarget, from S47ActualStartDate).
    """

    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="section_47_enquiries")
    referral = models.ForeignKey("children_in_need.Referral", on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="+")
    started_by = models.OneToOneField(StrategyDiscussion, on_delete=models.PROTECT, related_name="started_enquiry")
    start_date = models.DateField()
    see_child_by = models.DateField()
    census_icpc_due_on = models.DateField()
    icpc_due_on = models.DateField()
    child_seen_on = models.DateField(null=True, blank=True)
    child_seen_alone = models.BooleanField(null=True, blank=True)
    interim_safety_plan = models.TextField(blank=True)
    concerns_substantiated = models.BooleanField(null=True, blank=True)
    icpc_needed = models.BooleanField(null=True, blank=True)
    icpc_not_needed_reason = models.TextField(blank=True)
    completed_on = models.DateField(null=True, blank=True)
    outcome_decision = models.OneToOneField("casework.Decision", on_delete=models.PROTECT, null=True, blank=True,
                                            related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-start_date", "-id"]
        # The open enquiries alone, for a team's lists: which team holds each is worked out per enquiry (its child's
        # allocation, else the referral's team), so without this every enquiry ever made was read.
        indexes = [models.Index(fields=["child", "completed_on"]),
                   models.Index(fields=["child"], condition=models.Q(completed_on__isnull=True), name="s47_open_by_child")]

    def __str__(self) -> str:
        return f"Section 47 enquiry for {self.child} from {self.start_date}"

    @property
    def is_open(self) -> bool:
        return self.completed_on is None


class ConferenceKind(models.TextChoices):
    INITIAL = "initial", "Initial child protection conference"
    REVIEW = "review", "Review child protection conference"


class ConferenceOutcome(models.TextChoices):
    PLAN = "plan", "A child protection plan"
    NO_PLAN = "no_plan", "No child protection plan"
    CONTINUE = "continue", "The plan continues"
    END = "end", "The plan ends"


class Participation(models.TextChoices):
    """Whether, and how, the child or a parent took part in a conference."""

    IN_PERSON = "in_person", "Attended in person"
    ONLINE = "online", "Attended online or by phone"
    PART = "part", "Attended part of the conference"
    ADVOCATE = "advocate", "Views given through an advocate"
    WRITTEN = "written", "Views given in writing or recorded beforehand"
    INVITED_DID_NOT = "did_not", "Invited but did not take part"
    NOT_INVITED = "not_invited", "Not invited (with the reason recorded)"
    TOO_YOUNG = "too_young", "Too young to take part"


class PlanEndReason(models.TextChoices):
    """Why a child protection plan ended."""

    NO_LONGER_AT_RISK = "no_longer_at_risk", "No longer at continuing risk of significant harm"
    LOOKED_AFTER = "looked_after", "Child became looked after"
    MOVED = "moved", "Child moved to another council's area"
    ADULT = "adult", "Child reached 18"
    DIED = "died", "Child died"
    OTHER = "other", "Other"


class ChildProtectionPlan(Versioned):
    """A child protection plan: from the initial conference that decided it to the review that ends it.

    Its timescales are stored at its start: the first core group within 10 working days of the initial conference,
    the first review within 3 months of it, the first statutory visit within the visit interval.
    """

    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="protection_plans")
    start_date = models.DateField()
    initial_category = models.CharField(max_length=3, choices=AbuseCategory.choices)
    latest_category = models.CharField(max_length=3, choices=AbuseCategory.choices)
    previous_plans = models.PositiveIntegerField(help_text="Plans the child had before this one, fixed at its start.")
    plan = models.TextField("The plan", blank=True)
    written_to_child = models.BooleanField(default=False,
                                           help_text="Written to the child, for them to read when they are older.")
    child_views = models.TextField("The child's views, wishes and feelings", blank=True)
    core_group_due_on = models.DateField()
    first_review_due_on = models.DateField()
    first_visit_due_on = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    end_reason = models.CharField(max_length=30, choices=PlanEndReason.choices, blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-start_date", "-id"]
        indexes = [models.Index(fields=["child", "end_date"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(end_date__isnull=True) | models.Q(end_date__gte=models.F("start_date")),
                                   name="cp_plan_ends_after_it_starts"),
        ]

    def __str__(self) -> str:
        return f"Child protection plan for {self.child} from {self.start_date}"

    @property
    def is_open(self) -> bool:
        return self.end_date is None


class Conference(models.Model):
    """An initial or review child protection conference, chaired by an independent reviewing officer."""

    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="protection_conferences")
    kind = models.CharField(max_length=10, choices=ConferenceKind.choices)
    enquiry = models.ForeignKey(Section47Enquiry, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="conferences")
    plan = models.ForeignKey(ChildProtectionPlan, on_delete=models.PROTECT, null=True, blank=True,
                             related_name="conferences", help_text="The plan it reviewed, or the plan it started.")
    held_on = models.DateField()
    chair = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    child_participation = models.CharField(max_length=20, choices=Participation.choices)
    child_views = models.TextField("The child's views, wishes and feelings", blank=True)
    outcome = models.CharField(max_length=10, choices=ConferenceOutcome.choices)
    category = models.CharField(max_length=3, choices=AbuseCategory.choices, blank=True)
    # A review's own due day for the next one: at most 6 months later, stored as at this review.
    next_review_due_on = models.DateField(null=True, blank=True)
    decision = models.OneToOneField("casework.Decision", on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["child", "-held_on"]), models.Index(fields=["plan", "-held_on"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.held_on}"


class ConferenceAttendee(models.Model):
    """Someone at a conference: a professional with their agency, or a family member with how they took part."""

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="attendees")
    name = models.CharField(max_length=150)
    agency = models.CharField(max_length=20, choices=Agency.choices, blank=True)
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                               help_text="A parent on the child's record.")
    participation = models.CharField(max_length=20, choices=Participation.choices, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class PlanCategory(models.Model):
    """A plan's category of abuse from a date: the first at its start, then a row for each change at a review."""

    plan = models.ForeignKey(ChildProtectionPlan, on_delete=models.CASCADE, related_name="categories")
    category = models.CharField(max_length=3, choices=AbuseCategory.choices)
    from_date = models.DateField()
    conference = models.ForeignKey(Conference, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["from_date", "id"]

    def __str__(self) -> str:
        return f"{self.get_category_display()} from {self.from_date}"


class CoreGroupMeeting(models.Model):
    """A meeting of the core group who carry out the plan between conferences."""

    plan = models.ForeignKey(ChildProtectionPlan, on_delete=models.PROTECT, related_name="core_groups")
    held_on = models.DateField()
    attendees = models.TextField("Who attended", blank=True)
    notes = models.TextField("What was agreed", blank=True)
    # The next meeting's due day, stored as at this meeting (docs/adr/0008). Empty only on meetings recorded before
    # the interval was kept; they set no next due day.
    next_due_on = models.DateField(null=True, blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["plan", "-held_on"])]

    def __str__(self) -> str:
        return f"Core group meeting on {self.held_on}"


class PlanVisit(models.Model):
    """A statutory visit to a child on a plan: the date, whether the child was seen, and seen alone."""

    plan = models.ForeignKey(ChildProtectionPlan, on_delete=models.PROTECT, related_name="visits")
    visited_on = models.DateField()
    child_seen = models.BooleanField()
    child_seen_alone = models.BooleanField(default=False)
    notes = models.TextField("What happened", blank=True)
    # The next visit's due day, stored as at this visit.
    next_due_on = models.DateField()
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-visited_on", "-id"]
        indexes = [models.Index(fields=["plan", "-visited_on"])]

    def __str__(self) -> str:
        return f"Visit on {self.visited_on}"


from hearth.protection.proceedings.models import *  # noqa: E402,F401,F403
