"""Pre-proceedings (the Public Law Outline) and care proceedings, for a child or the children of one family.

A family's siblings usually enter pre-proceedings together, so a pre-proceedings case has its children. Each fact is
recorded once: the family group decision-making meetings are their own rows (the census's "FGDM offered" and "FGDM
held" are read from them), the review meetings are rows (their count is counted), and the court application date is
the care proceedings' application date. Due days are stored when their clock starts (docs/adr/0008).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from hearth.core.models import Versioned
from hearth.reference.codes import PreProceedingsOutcome


class PreProceedings(Versioned):
    """A pre-proceedings case: the council's decision, at a legal planning (gateway) meeting, to begin the Public Law
    Outline with a family, and each step after it until the step up to court or the step down."""

    family_name = models.CharField(max_length=100, blank=True, help_text="How the family is known, for example "
                                   "the Example family.")
    team = models.ForeignKey("accounts.Team", on_delete=models.PROTECT, related_name="+", null=True, blank=True,
                             help_text="The team that held the children when pre-proceedings began.")
    started_on = models.DateField("Date of the legal planning meeting decision")
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    letter_sent_on = models.DateField("Date the letter before proceedings was sent", null=True, blank=True)
    initial_meeting_on = models.DateField("Date of the initial pre-proceedings meeting", null=True, blank=True)
    next_review_due_on = models.DateField(null=True, blank=True,
                                          help_text="Set when a meeting is held: the review is due as at then.")
    # A worker's proposal to step up or down waits for a manager's decision.
    step_proposed = models.CharField(max_length=1, choices=PreProceedingsOutcome.choices, blank=True)
    step_proposal_reason = models.TextField(blank=True)
    step_proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                         null=True, blank=True)
    step_proposed_on = models.DateField(null=True, blank=True)
    step_decision_due_on = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=1, choices=PreProceedingsOutcome.choices, blank=True)
    step_decision_on = models.DateField("Date of the step up or step down decision", null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True,
                                help_text="A step down, or the application to court after a step up.")
    recorded_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-started_on", "-pk"]
        verbose_name = "pre-proceedings"
        verbose_name_plural = "pre-proceedings"
        indexes = [models.Index(fields=["ended_on", "team"])]

    def __str__(self) -> str:
        return f"Pre-proceedings from {self.started_on}"

    @property
    def is_open(self) -> bool:
        return self.ended_on is None

    @property
    def is_stepped_up(self) -> bool:
        return self.outcome == PreProceedingsOutcome.STEP_UP

    @property
    def stage(self) -> str:
        """Where the case has got to, in the words a leader uses."""
        if self.outcome == PreProceedingsOutcome.STEP_UP:
            return "Stepped up: in care proceedings" if self.ended_on else "Stepped up: application to court next"
        if self.outcome:
            return "Stepped down" if self.outcome == PreProceedingsOutcome.STEP_DOWN else "Ended"
        if self.step_proposed:
            return "Step decision awaiting a manager"
        if self.initial_meeting_on:
            return "Meetings held: reviewing"
        if self.letter_sent_on:
            return "Letter sent: initial meeting next"
        return "Started: letter before proceedings next"


class PreProceedingsChild(models.Model):
    """A child in a pre-proceedings case, with the decisions recorded for them (one Decision row each)."""

    pre_proceedings = models.ForeignKey(PreProceedings, on_delete=models.PROTECT, related_name="children")
    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="pre_proceedings")
    start_decision = models.ForeignKey("casework.Decision", on_delete=models.PROTECT, related_name="+")
    step_decision = models.ForeignKey("casework.Decision", on_delete=models.PROTECT, related_name="+", null=True,
                                      blank=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["pre_proceedings", "child"], name="one_row_per_child_in_plo")]

    def __str__(self) -> str:
        return f"{self.child} in {self.pre_proceedings}"


class PreProceedingsReview(models.Model):
    """A review meeting after the initial pre-proceedings meeting."""

    pre_proceedings = models.ForeignKey(PreProceedings, on_delete=models.PROTECT, related_name="reviews")
    held_on = models.DateField("Date of the review meeting")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["held_on", "pk"]

    def __str__(self) -> str:
        return f"Review meeting on {self.held_on}"


class FamilyGroupMeetingKind(models.TextChoices):
    FAMILY_GROUP_CONFERENCE = "fgc", "Family group conference"
    OTHER = "other", "Other family group decision-making meeting"


class FamilyGroupMeeting(Versioned):
    """A family group decision-making meeting (most often a family group conference): offered, held, and the plan
    the family made."""

    pre_proceedings = models.ForeignKey(PreProceedings, on_delete=models.PROTECT, related_name="family_meetings")
    kind = models.CharField(max_length=10, choices=FamilyGroupMeetingKind.choices,
                            default=FamilyGroupMeetingKind.FAMILY_GROUP_CONFERENCE)
    offered_on = models.DateField("Date the meeting was offered")
    offered_in_letter = models.BooleanField("Offered in the letter before proceedings", default=False)
    held_on = models.DateField("Date the meeting was held", null=True, blank=True)
    family_plan = models.TextField("The family's plan", blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["offered_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} offered on {self.offered_on}"


class FamilyNetworkSupportKind(models.TextChoices):
    FINANCIAL = "financial", "Financial support"
    PRACTICAL = "practical", "Practical support, for example childcare or transport"
    OTHER = "other", "Other support"


class FamilyNetworkSupport(models.Model):
    """Support offered to someone in the child's family network, financial support among it (the Family Network
    pilot): what, how much, to whom, and when."""

    pre_proceedings = models.ForeignKey(PreProceedings, on_delete=models.PROTECT, related_name="network_support")
    recipient = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+",
                                  help_text="A person in the family network of a child in the case.")
    kind = models.CharField(max_length=10, choices=FamilyNetworkSupportKind.choices)
    description = models.CharField("What was offered", max_length=300)
    amount = models.DecimalField("Amount in pounds", max_digits=9, decimal_places=2, null=True, blank=True)
    offered_on = models.DateField("Date offered")
    starts_on = models.DateField("Date the support starts", null=True, blank=True)
    ends_on = models.DateField("Date the support ends", null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["offered_on", "pk"]
        constraints = [models.CheckConstraint(condition=models.Q(amount__isnull=True) | models.Q(amount__gt=0),
                                              name="network_support_amount_positive")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} offered on {self.offered_on}"


class FinalOrder(models.TextChoices):
    CARE_ORDER = "care_order", "Care order"
    SUPERVISION_ORDER = "supervision_order", "Supervision order"
    SPECIAL_GUARDIANSHIP_ORDER = "sgo", "Special guardianship order"
    CHILD_ARRANGEMENTS_ORDER = "cao", "Child arrangements order"
    PLACEMENT_ORDER = "placement_order", "Placement order"
    NO_ORDER = "no_order", "No order"
    WITHDRAWN = "withdrawn", "Application withdrawn"


class CareProceedings(Versioned):
    """Care proceedings: the council's application to court for the children of a pre-proceedings case, its hearings
    and its final order. The 26-week target is stored when the application is made."""

    pre_proceedings = models.OneToOneField(PreProceedings, on_delete=models.PROTECT, related_name="care_proceedings")
    team = models.ForeignKey("accounts.Team", on_delete=models.PROTECT, related_name="+", null=True, blank=True)
    application_on = models.DateField("Date the application was made to court")
    urgent_reason = models.TextField(blank=True, help_text="Why the application could not wait for the letter "
                                     "before proceedings.")
    target_on = models.DateField(help_text="26 weeks from the application, stored when it was made.")
    parents_letter_on = models.DateField("Date the letter telling the parents of the application was sent",
                                         null=True, blank=True)
    final_order = models.CharField(max_length=20, choices=FinalOrder.choices, blank=True)
    final_order_on = models.DateField("Date of the final order", null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-application_on", "-pk"]
        verbose_name_plural = "care proceedings"
        indexes = [models.Index(fields=["final_order_on", "team"])]

    def __str__(self) -> str:
        return f"Care proceedings from {self.application_on}"

    @property
    def is_open(self) -> bool:
        return self.final_order_on is None


class HearingKind(models.TextChoices):
    INTERIM = "interim", "Interim hearing"
    CASE_MANAGEMENT = "cmh", "Case management hearing"
    FURTHER_CASE_MANAGEMENT = "fcmh", "Further case management hearing"
    ISSUES_RESOLUTION = "irh", "Issues resolution hearing"
    FINAL = "final", "Final hearing"
    OTHER = "other", "Other hearing"


class Hearing(models.Model):
    """A hearing in care proceedings."""

    care_proceedings = models.ForeignKey(CareProceedings, on_delete=models.PROTECT, related_name="hearings")
    held_on = models.DateField("Date of the hearing")
    kind = models.CharField(max_length=10, choices=HearingKind.choices)
    outcome = models.CharField("What the court decided or directed", max_length=500)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["held_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.held_on}"


__all__ = [
    "CareProceedings", "FamilyGroupMeeting", "FamilyNetworkSupport", "Hearing", "PreProceedings",
    "PreProceedingsChild", "PreProceedingsReview",
]
