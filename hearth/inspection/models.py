"""Inspections of the council's children's services, their judgements, the action plan that answers them,
and the time-limited accounts inspectors read the council's case sample with."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from hearth.inspection.frameworks import AREA_ORDER, InspectionKind, JudgementArea, areas_judged, framework_name
from hearth.reference.codes import OfstedGrade

# An inspection report is a PDF of a few hundred kilobytes; 10 MB leaves room for appendices.
REPORT_MAX_BYTES = 10 * 1024 * 1024


class Inspection(models.Model):
    """One inspection of a council's children's services, from Ofsted's letter to its published report."""

    local_authority = models.CharField("Council inspected", max_length=120)
    kind = models.CharField("Type of inspection", max_length=30, choices=InspectionKind.choices)
    started_on = models.DateField("First day of the inspection")
    ended_on = models.DateField("Last day of the inspection")
    lead_inspector = models.CharField(max_length=120, blank=True)
    report_received_on = models.DateField("Final report received", null=True, blank=True)
    report_published_on = models.DateField("Report published", null=True, blank=True)
    notes = models.TextField(blank=True, help_text="For example, where the dates come from.")
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-started_on"]
        indexes = [models.Index(fields=["local_authority", "started_on"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(ended_on__gte=models.F("started_on")),
                                   name="inspection_ends_after_it_starts"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of {self.local_authority}, {self.started_on:%B %Y}"

    @property
    def areas(self) -> tuple[JudgementArea, ...]:
        return areas_judged(self.kind, self.started_on)

    @property
    def framework(self) -> str:
        return framework_name(self.kind, self.started_on)

    def grades(self) -> dict[str, str]:
        """Area code to grade code, from the judgements already loaded."""
        return {judgement.area: judgement.grade for judgement in self.judgements.all()}


class Judgement(models.Model):
    """The grade an inspection gave one area."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="judgements")
    area = models.CharField(max_length=40, choices=JudgementArea.choices)
    grade = models.CharField(max_length=1, choices=OfstedGrade.choices)
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["inspection", "area"], name="one_grade_per_area")]

    def __str__(self) -> str:
        return f"{self.get_area_display()}: {self.get_grade_display()}"

    @property
    def order(self) -> int:
        return AREA_ORDER[JudgementArea(self.area)]


class ImprovementPoint(models.Model):
    """One point of the report's "what needs to improve", in the report's words."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="improvement_points")
    number = models.PositiveSmallIntegerField()
    text = models.TextField("What needs to improve")
    history = HistoricalRecords()

    class Meta:
        ordering = ["inspection", "number"]
        constraints = [models.UniqueConstraint(fields=["inspection", "number"], name="one_point_per_number")]

    def __str__(self) -> str:
        return self.text


class InspectionReport(models.Model):
    """The report's text as published, kept in the database beside the inspection (size limited)."""

    inspection = models.OneToOneField(Inspection, on_delete=models.CASCADE, related_name="report")
    file_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    content = models.BinaryField()
    uploaded_at = models.DateTimeField(default=timezone.now)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    def __str__(self) -> str:
        return self.file_name


# --- The action plan ---------------------------------------------------------------------------------------------

class ActionPlan(models.Model):
    """The council's answer to an inspection's points, due to Ofsted 70 working days after the report's receipt."""

    inspection = models.OneToOneField(Inspection, on_delete=models.PROTECT, related_name="action_plan")
    submitted_on = models.DateField("Sent to Ofsted", null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"Action plan: {self.inspection}"


class ActionStatus(models.TextChoices):
    RED = "red", "Red: off track"
    AMBER = "amber", "Amber: at risk"
    GREEN = "green", "Green: on track"
    COMPLETE = "complete", "Complete"


STATUS_COLOURS = {ActionStatus.RED: "red", ActionStatus.AMBER: "yellow", ActionStatus.GREEN: "green",
                  ActionStatus.COMPLETE: "blue"}


class Action(models.Model):
    """One action against a point, with its owner, its due date and its status as the owner last reported it."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.PROTECT, related_name="actions")
    point = models.ForeignKey(ImprovementPoint, on_delete=models.PROTECT, related_name="actions")
    description = models.TextField("The action")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="inspection_actions")
    due_on = models.DateField("Due")
    status = models.CharField(max_length=10, choices=ActionStatus.choices, default=ActionStatus.GREEN)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["point__number", "due_on", "id"]
        indexes = [models.Index(fields=["owner", "status"])]

    def __str__(self) -> str:
        return self.description[:80]

    @property
    def status_colour(self) -> str:
        return STATUS_COLOURS[ActionStatus(self.status)]


class Milestone(models.Model):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="milestones")
    description = models.CharField(max_length=300)
    due_on = models.DateField("Due")
    completed_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.description


class ActionUpdate(models.Model):
    """The owner's report on an action: its status and what has happened. Each is kept."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    status = models.CharField(max_length=10, choices=ActionStatus.choices)
    note = models.TextField("Progress")
    written_at = models.DateTimeField(default=timezone.now)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-written_at", "-id"]
        indexes = [models.Index(fields=["action", "-written_at"])]

    def __str__(self) -> str:
        return f"{self.get_status_display()} at {self.written_at:%d/%m/%Y}"


class EvidenceKind(models.TextChoices):
    MEASURE = "measure", "A live measure in Hearth"
    AUDIT = "audit", "An audit"
    DOCUMENT = "document", "A document"


class Evidence(models.Model):
    """What shows an action's effect: a live measure (read again for each report), an audit or a document."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(max_length=10, choices=EvidenceKind.choices)
    title = models.CharField(max_length=200)
    measure = models.CharField(max_length=60, blank=True, help_text="For a measure: its code in the measures registry.")
    url = models.CharField("Address", max_length=500, blank=True)
    added_at = models.DateTimeField(default=timezone.now)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["added_at", "id"]
        verbose_name_plural = "evidence"

    def __str__(self) -> str:
        return self.title


# --- Inspectors' access ------------------------------------------------------------------------------------------

class SampledChild(models.Model):
    """A child on the lists the council gives an inspection's inspectors: all, and only, what they may read."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="sample")
    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    list_name = models.CharField("List", max_length=120, default="Case sample")
    added_at = models.DateTimeField(default=timezone.now)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["list_name", "id"]
        constraints = [models.UniqueConstraint(fields=["inspection", "child"], name="child_sampled_once")]
        indexes = [models.Index(fields=["child", "inspection"])]

    def __str__(self) -> str:
        return f"{self.child_id} in {self.list_name}"


class InspectorAccount(models.Model):
    """A read-only account for one named inspector, open only for the inspection's dates."""

    inspection = models.ForeignKey(Inspection, on_delete=models.PROTECT, related_name="inspector_accounts")
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="inspector_account")
    opens_at = models.DateTimeField()
    closes_at = models.DateTimeField()
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["user__last_name"]
        constraints = [models.CheckConstraint(condition=models.Q(closes_at__gt=models.F("opens_at")),
                                              name="inspector_account_closes_after_it_opens")]

    def __str__(self) -> str:
        return f"{self.user} for {self.inspection}"

    def is_open(self, now) -> bool:
        return self.opens_at <= now <= self.closes_at


# --- The self-evaluation -----------------------------------------------------------------------------------------

class SelfEvaluation(models.Model):
    """One dated version of the council's self-evaluation (SEF); a new version never changes an earlier one."""

    as_of = models.DateField("Self-evaluation as of")
    summary = models.TextField("Summary", blank=True)
    written_at = models.DateTimeField(default=timezone.now)
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-as_of", "-written_at", "-id"]

    def __str__(self) -> str:
        return f"Self-evaluation as of {self.as_of.day} {self.as_of:%B %Y}"


class SelfEvaluationSection(models.Model):
    """The council's own account of one ILACS judgement area: its strengths and what it knows it must improve."""

    self_evaluation = models.ForeignKey(SelfEvaluation, on_delete=models.CASCADE, related_name="sections")
    area = models.CharField(max_length=40, choices=JudgementArea.choices)
    strengths = models.TextField(blank=True)
    areas_to_improve = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["self_evaluation", "area"], name="one_section_per_area")]

    def __str__(self) -> str:
        return self.get_area_display()

    @property
    def order(self) -> int:
        return AREA_ORDER[JudgementArea(self.area)]
