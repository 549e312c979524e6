"""Allocations, case notes and decisions: the casework every journey app shares."""

from django.conf import settings
from django.db import models
from django.db.models import ExpressionWrapper, Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from hearth.core.models import Versioned


class Allocation(Versioned):
    """A child allocated to a team and, usually, a named worker, from one date to another."""

    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="allocations")
    team = models.ForeignKey("accounts.Team", on_delete=models.PROTECT, related_name="allocations")
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="allocations"
    )
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    reason = models.CharField(max_length=200, blank=True)
    end_reason = models.CharField(max_length=200, blank=True, help_text="Why the allocation ended, when a manager ended it.")
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-started_on", "-id"]
        indexes = [
            models.Index(fields=["worker", "ended_on"]),
            models.Index(fields=["team", "ended_on"]),
            models.Index(fields=["child", "ended_on"]),
        ]
        constraints = [
            models.UniqueConstraint(fields=["child"], condition=models.Q(ended_on__isnull=True),
                                    name="one_current_allocation_per_child"),
            models.CheckConstraint(condition=models.Q(ended_on__isnull=True) | models.Q(ended_on__gte=models.F("started_on")),
                                   name="allocation_ends_after_it_starts"),
        ]

    def __str__(self) -> str:
        return f"Allocation to {self.worker or self.team} from {self.started_on}"

    @property
    def is_current(self) -> bool:
        return self.ended_on is None


class InvolvementRole(models.TextChoices):
    """The roles in which someone works with a child beside the allocated social worker."""

    IRO = "iro", "Independent reviewing officer"
    PERSONAL_ADVISER = "personal_adviser", "Personal adviser"
    PARENTING_ASSESSOR = "parenting_assessor", "Parenting assessor"
    EXPLOITATION_WORKER = "exploitation_worker", "Exploitation (CATE) worker"
    FGC_COORDINATOR = "fgc_coordinator", "Family group conference coordinator"
    EARLY_HELP_LEAD = "early_help_lead", "Early help lead"
    CO_WORKER = "co_worker", "Co-working social worker"
    OTHER = "other", "Other"


class Involvement(models.Model):
    """Someone working with a child in a role beside the allocation (an IRO, a personal adviser), from one date to another.

    A child has one allocation and any number of involvements; the access policy treats a current involvement
    like the allocation.
    """

    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="involvements")
    worker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="involvements")
    role = models.CharField(max_length=30, choices=InvolvementRole.choices)
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    reason = models.CharField(max_length=200, blank=True)
    end_reason = models.CharField(max_length=200, blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["ended_on", "-started_on", "-id"]
        indexes = [models.Index(fields=["worker", "ended_on"]), models.Index(fields=["child", "ended_on"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(ended_on__isnull=True) | models.Q(ended_on__gte=models.F("started_on")),
                                   name="involvement_ends_after_it_starts"),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.worker}"

    @property
    def is_current(self) -> bool:
        return self.ended_on is None


class CaseNoteKind(models.TextChoices):
    VISIT = "visit", "Visit to the child"
    STATUTORY_VISIT = "statutory_visit", "Statutory visit"
    DIRECT_WORK = "direct_work", "Direct work with the child"
    PHONE_CALL = "phone_call", "Phone call"
    MEETING = "meeting", "Meeting"
    MANAGEMENT_OVERSIGHT = "management_oversight", "Management oversight"
    SUPERVISION = "supervision", "Supervision"
    CORRESPONDENCE = "correspondence", "Letter or email"
    OTHER = "other", "Other"


class CaseNote(Versioned):
    """What happened, when it happened (not when it was typed), and what the child said."""

    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="case_notes")
    kind = models.CharField(max_length=30, choices=CaseNoteKind.choices)
    occurred_at = models.DateTimeField(help_text="When the event happened.")
    title = models.CharField(max_length=150)
    body = models.TextField()
    child_words = models.TextField(
        "The child's words, wishes and feelings", blank=True,
        help_text="What the child said, in their own words where possible.",
    )
    written_to_child = models.BooleanField(
        default=False, help_text="Written to the child, for them to read when they are older."
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="case_notes")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-occurred_at"]
        indexes = [models.Index(fields=["child", "-occurred_at"])]

    def __str__(self) -> str:
        return self.title


class Decision(models.Model):
    """A decision about a child: who made it, when, and why. Never a status flipped silently.

    Journey apps record their decisions here (or in a model with the same three fields);
    `kind` names the decision, one of the kinds registered in `decision_sources`, for example "case_closure".
    The decider's team is kept with the row when it is recorded (docs/adr/0005): a move between teams later
    does not move the decisions they made, and oversight reads it without a lookup per row.
    """

    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="decisions")
    kind = models.CharField(max_length=60)
    outcome = models.CharField(max_length=200)
    rationale = models.TextField()
    decided_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="decisions")
    team = models.ForeignKey("accounts.Team", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                             help_text="The team the decider acted for, fixed when the decision was recorded.")
    has_rationale = models.GeneratedField(
        expression=ExpressionWrapper(~Q(rationale=""), output_field=models.BooleanField()),
        output_field=models.BooleanField(), db_persist=True)
    # The generated column is the database's to compute: history keeps the rationale itself.
    history = HistoricalRecords(excluded_fields=["has_rationale"])

    class Meta:
        ordering = ["-decided_at"]
        indexes = [models.Index(fields=["child", "-decided_at"]), models.Index(fields=["kind", "-decided_at"]),
                   # Management oversight's count of a period's decisions by team and kind, and its pages: the rows
                   # are not read for the count. The only index that begins with `decided_at`: SQLite (3.40) does not
                   # count the generated `has_rationale` as covered, and would otherwise choose another by chance.
                   models.Index(fields=["decided_at", "team", "kind", "has_rationale"], name="decision_oversight_cover")]

    def __str__(self) -> str:
        return f"{self.kind}: {self.outcome}"
