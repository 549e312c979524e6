"""Users, teams, roles, explicit grants, and the logs of who read and changed what."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac
from simple_history.models import HistoricalRecords

from hearth.accounts.roles import RoleCode


class ServiceArea(models.TextChoices):
    FRONT_DOOR = "front_door", "Front door (MASH)"
    EARLY_HELP = "early_help", "Early help"
    CATE = "cate", "Exploitation (CATE)"
    SAFEGUARDING = "safeguarding", "Safeguarding"
    CHILDREN_IN_CARE = "children_in_care", "Children in care"
    CARE_LEAVERS = "care_leavers", "Care leavers"
    IRO_SERVICE = "iro_service", "IRO service"
    FOSTERING = "fostering", "Fostering"
    ADOPTION = "adoption", "Adoption"
    DISABLED_CHILDREN = "disabled_children", "Disabled children"
    OUT_OF_HOURS = "out_of_hours", "Out of hours"
    PARTNER_AGENCY = "partner_agency", "Partner agency"
    CORPORATE = "corporate", "Corporate"


class Team(models.Model):
    name = models.CharField(max_length=120, unique=True)
    service_area = models.CharField(max_length=32, choices=ServiceArea.choices)
    is_active = models.BooleanField(default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Role(models.Model):
    code = models.CharField(max_length=40, choices=RoleCode.choices, unique=True)
    description = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.get_code_display()


class User(AbstractUser):
    """A person who signs in: staff, a partner agency's worker, or an inspector."""

    job_title = models.CharField(max_length=120, blank=True)
    agency = models.CharField(max_length=120, blank=True, help_text="For partner agency users.")
    roles = models.ManyToManyField(Role, blank=True, related_name="users")
    teams = models.ManyToManyField(Team, through="Membership", blank=True, related_name="members")
    session_generation = models.PositiveIntegerField(
        default=0, help_text="Raised to end every session of this user on their next request.")
    # The roles are kept with each version; the password hash and sign-in times are not history.
    history = HistoricalRecords(m2m_fields=[roles], excluded_fields=["password", "last_login"])

    class Meta:
        ordering = ["last_name", "first_name"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def _get_session_auth_hash(self, secret=None):
        """The password's HMAC, with the session generation mixed in once it has been raised.

        Django compares this with the hash kept in the session on every request, from the user
        row it reads anyway: raising the generation ends every session of the user, whatever
        the session backend, at no extra query. Generation 0 gives Django's own hash, so no
        session ends when this field is first added.
        """
        value = self.password if not self.session_generation else f"{self.password}:{self.session_generation}"
        return salted_hmac("django.contrib.auth.models.AbstractBaseUser.get_session_auth_hash", value,
                           secret=secret, algorithm="sha256").hexdigest()

    @property
    def role_codes(self) -> frozenset[str]:
        """This user's role codes, read once per request (what they allow is decided by `hearth.accounts.policy`)."""
        if not hasattr(self, "_role_codes"):
            self._role_codes = frozenset(self.roles.values_list("code", flat=True))
        return self._role_codes


class Membership(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="memberships")
    manages = models.BooleanField(default=False, help_text="This user manages the team.")
    # Ending a membership deletes the row: its history keeps when it began, changed and ended.
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "team"], name="one_membership_per_team")]

    def __str__(self) -> str:
        return f"{self.user} in {self.team}"


class AccessGrant(models.Model):
    """An explicit permission to see one restricted child's record."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="access_grants")
    child = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="access_grants")
    reason = models.TextField()
    granted_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    granted_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    history = HistoricalRecords()

    class Meta:
        indexes = [models.Index(fields=["user", "revoked_at"])]

    def __str__(self) -> str:
        return f"{self.user} may see {self.child}"


class BreakGlassAccess(models.Model):
    """An emergency opening of a record outside the user's scope, with the reason typed."""

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="break_glass")
    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="break_glass")
    reason = models.TextField()
    opened_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()

    class Meta:
        ordering = ["-opened_at"]
        indexes = [models.Index(fields=["user", "expires_at"])]

    def __str__(self) -> str:
        return f"Emergency access by {self.user} at {self.opened_at:%d/%m/%Y %H:%M}"


class ReviewOutcome(models.TextChoices):
    JUSTIFIED = "justified", "Justified"
    NOT_JUSTIFIED = "not_justified", "Not justified: to be followed up"


class BreakGlassReview(models.Model):
    """A manager's decision on one emergency access. It stands: a correction is a new review
    that names the one it corrects, and both are kept."""

    access = models.ForeignKey(BreakGlassAccess, on_delete=models.PROTECT, related_name="reviews")
    reviewer = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    reviewed_at = models.DateTimeField(default=timezone.now)
    outcome = models.CharField(max_length=20, choices=ReviewOutcome.choices)
    note = models.TextField(blank=True)
    corrects = models.OneToOneField("self", on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="correction")
    history = HistoricalRecords()

    class Meta:
        ordering = ["reviewed_at"]
        indexes = [models.Index(fields=["-reviewed_at"])]
        constraints = [
            # One first review per access; any further review corrects an earlier one.
            models.UniqueConstraint(fields=["access"], condition=models.Q(corrects__isnull=True),
                                    name="one_first_review_per_access"),
        ]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} by {self.reviewer} at {self.reviewed_at:%d/%m/%Y %H:%M}"


class RequestOutcome(models.TextChoices):
    APPROVED = "approved", "Approved"
    REFUSED = "refused", "Refused"


class RoleChangeRequest(models.Model):
    """A change of roles that mixes the administrator role with a case role, waiting for a
    second administrator: it takes effect only when a different administrator approves it."""

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="role_change_requests")
    roles_before = models.JSONField(default=list, help_text="The role codes the user held when asked.")
    roles_requested = models.JSONField(default=list, help_text="The role codes the user would hold.")
    reason = models.TextField(blank=True)
    requested_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=20, choices=RequestOutcome.choices, blank=True)
    decision_note = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["requested_at"]
        indexes = [models.Index(fields=["decided_at", "requested_at"])]

    def __str__(self) -> str:
        return f"Roles for {self.user} asked by {self.requested_by}"

    @property
    def is_pending(self) -> bool:
        return self.decided_at is None


class AppendOnlyError(Exception):
    """The access and audit logs are only ever added to."""


class AppendOnlyQuerySet(models.QuerySet):
    """Rows may be added (`create`, `bulk_create`) and read; never changed or deleted."""

    def _refuse(self, *args, **kwargs):
        raise AppendOnlyError(f"{self.model._meta.verbose_name_plural} are append-only: rows cannot be changed or deleted")

    update = delete = _update = _raw_delete = bulk_update = update_or_create = _refuse


AppendOnlyManager = models.Manager.from_queryset(AppendOnlyQuerySet)


class AppendOnly(models.Model):
    """A log row: saved once, then never changed. The database chains and guards it too (hearth.accounts.chain)."""

    chain_position = models.BigIntegerField(null=True, unique=True, editable=False,
                                            help_text="The row's place in its table's hash chain, set by the database.")
    chain_hash = models.CharField(max_length=64, blank=True, default="", editable=False,
                                  help_text="SHA-256 of the previous row's hash and this row, set by the database.")

    objects = AppendOnlyManager()

    class Meta:
        abstract = True
        base_manager_name = "objects"

    def save(self, *, force_insert=False, force_update=False, using=None, update_fields=None):
        if not self._state.adding or force_update or update_fields is not None:
            raise AppendOnlyError(f"{self._meta.verbose_name} {self.pk} is append-only: it cannot be changed")
        super().save(force_insert=True, using=using)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(f"{self._meta.verbose_name} {self.pk} is append-only: it cannot be deleted")


class AccessAction(models.TextChoices):
    VIEW = "view", "Viewed"
    SEARCH = "search", "Searched"
    FOUND = "found", "Found in search"
    EXPORT = "export", "Exported"
    DENIED = "denied", "Refused"
    BREAK_GLASS = "break_glass", "Broke glass"


class AccessEvent(AppendOnly):
    """One read of a child's record, one search or one export: who, what, when and why.

    Kept apart from the change history, as reads are far more numerous than writes and
    are reviewed differently ("who has seen this record").
    """

    at = models.DateTimeField(default=timezone.now)
    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="access_events")
    action = models.CharField(max_length=20, choices=AccessAction.choices)
    child = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="access_events"
    )
    what = models.CharField(max_length=200, help_text="The page, search or export.")
    detail = models.TextField(blank=True, help_text="The search terms, or the reason given.")
    result_count = models.PositiveIntegerField(null=True, blank=True)

    class Meta(AppendOnly.Meta):
        ordering = ["-at"]
        indexes = [models.Index(fields=["child", "-at"]), models.Index(fields=["user", "-at"])]

    def __str__(self) -> str:
        return f"{self.get_action_display()} by {self.user_id} at {self.at:%d/%m/%Y %H:%M}"


class AuditEvent(AppendOnly):
    """A domain event written in the same transaction as the change it records."""

    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(User, on_delete=models.PROTECT, related_name="audit_events")
    verb = models.CharField(max_length=80, help_text="What was done, as <entity>.<action>.")
    child = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="audit_events"
    )
    summary = models.CharField(max_length=300)
    detail = models.JSONField(default=dict, blank=True)
    subject_user = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        help_text="The user whose account or access was changed, for changes to who may see what.")

    class Meta(AppendOnly.Meta):
        ordering = ["-at"]
        indexes = [models.Index(fields=["child", "-at"]), models.Index(fields=["verb", "-at"])]

    def __str__(self) -> str:
        return f"{self.verb} by {self.actor_id}"
