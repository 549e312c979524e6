"""Quality-assurance audits of case records (templates of versioned questions, a sample of cases, grades,
findings, moderation, the worker's reflection, families' feedback and actions) and supervision records."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from hearth.reference.codes import OfstedGrade


class AuditTemplate(models.Model):
    """A kind of audit, such as "Front door decisions", under a theme; its questions are versioned."""

    name = models.CharField(max_length=120, unique=True)
    theme = models.CharField(max_length=120, help_text="For example, Help and protection, or Children in care")
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["theme", "name"]

    def __str__(self) -> str:
        return self.name


class AuditTemplateVersion(models.Model):
    """The questions of a template as they stood from one version on; an audit keeps the version it used."""

    template = models.ForeignKey(AuditTemplate, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveSmallIntegerField()
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["template", "-number"]
        constraints = [models.UniqueConstraint(fields=["template", "number"], name="one_template_version_number")]

    def __str__(self) -> str:
        return f"{self.template} (version {self.number})"


class AuditQuestion(models.Model):
    version = models.ForeignKey(AuditTemplateVersion, on_delete=models.PROTECT, related_name="questions")
    number = models.PositiveSmallIntegerField()
    text = models.TextField()

    class Meta:
        ordering = ["version", "number"]

    def __str__(self) -> str:
        return self.text


class FeedbackMethod(models.TextChoices):
    PHONE = "phone", "By phone"
    VISIT = "visit", "In person, at a visit"
    QUESTIONNAIRE = "questionnaire", "By questionnaire"
    NOT_GATHERED = "not_gathered", "Not gathered"


class AuditStatus(models.TextChoices):
    SAMPLED = "sampled", "To audit"
    GRADED = "graded", "Graded"
    MODERATED = "moderated", "Moderated"


class Audit(models.Model):
    """One case audited: the child, the worker and team at the time, the auditor's grades and findings."""

    version = models.ForeignKey(AuditTemplateVersion, on_delete=models.PROTECT, related_name="audits")
    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    worker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                               related_name="audits_of_my_work")
    team = models.ForeignKey("accounts.Team", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    auditor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="audits")
    sampled_at = models.DateTimeField(default=timezone.now)
    sampled_by = models.CharField("How the case was chosen", max_length=200)
    status = models.CharField(max_length=10, choices=AuditStatus.choices, default=AuditStatus.SAMPLED)
    overall_grade = models.CharField(max_length=1, choices=OfstedGrade.choices, blank=True)
    findings = models.TextField(blank=True)
    family_feedback = models.TextField(blank=True)
    family_feedback_method = models.CharField(max_length=20, choices=FeedbackMethod.choices, blank=True)
    graded_at = models.DateTimeField(null=True, blank=True)
    moderator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+")
    moderated_grade = models.CharField(max_length=1, choices=OfstedGrade.choices, blank=True)
    moderation_note = models.TextField(blank=True)
    moderated_at = models.DateTimeField(null=True, blank=True)
    worker_reflection = models.TextField(blank=True)
    reflected_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-sampled_at", "-id"]
        indexes = [models.Index(fields=["graded_at", "overall_grade"]), models.Index(fields=["auditor", "status"])]

    def __str__(self) -> str:
        return f"Audit of {self.child_id} ({self.version})"

    @property
    def grade(self) -> str:
        """The grade that stands: the moderator's, once moderated, else the auditor's."""
        return self.moderated_grade or self.overall_grade


class AuditAnswer(models.Model):
    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(AuditQuestion, on_delete=models.PROTECT, related_name="+")
    grade = models.CharField(max_length=1, choices=OfstedGrade.choices)
    comment = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["audit", "question"], name="one_answer_per_question")]

    def __str__(self) -> str:
        return f"{self.get_grade_display()}: question {self.question_id}"


class AuditAction(models.Model):
    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="actions")
    description = models.TextField()
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField()
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.description[:80]


# --- Supervision -------------------------------------------------------------------------------------------------

class Supervision(models.Model):
    """A supervisor's supervision of a worker: the children discussed, the worker's reflections, the decisions
    made (each with its rationale) and the actions agreed."""

    supervisor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="supervisions_given")
    worker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="supervisions")
    held_at = models.DateTimeField("When it was held")
    reflections = models.TextField("The worker's reflections", blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-held_at", "-id"]
        indexes = [models.Index(fields=["worker", "-held_at"])]

    def __str__(self) -> str:
        return f"Supervision of {self.worker} by {self.supervisor}"


class SupervisionChild(models.Model):
    supervision = models.ForeignKey(Supervision, on_delete=models.CASCADE, related_name="children")
    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    discussion = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"Child {self.child_id} discussed"


class SupervisionDecision(models.Model):
    supervision = models.ForeignKey(Supervision, on_delete=models.CASCADE, related_name="decisions")
    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    decision = models.TextField()
    rationale = models.TextField()

    def __str__(self) -> str:
        return self.decision[:80]


class SupervisionAction(models.Model):
    supervision = models.ForeignKey(Supervision, on_delete=models.CASCADE, related_name="actions")
    description = models.TextField()
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField()

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.description[:80]
