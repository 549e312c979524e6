"""Children and adults as persons, and the family network between them."""

import unicodedata

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from hearth.core.models import Versioned
from hearth.reference.codes import Disability, Ethnicity, Sex, UPNUnknownReason


def name_key(name: str) -> str:
    """A name folded for search: lower case, accents dropped, letters only ("O'Brien" -> "obrien")."""
    folded = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode().lower()
    return "".join(char for char in folded if "a" <= char <= "z")


def name_key_range(word: str) -> tuple[str, str] | None:
    """The half-open range of keys starting with a word, which any B-tree index can answer."""
    key = name_key(word)
    if not key:
        return None
    return key, key[:-1] + chr(ord(key[-1]) + 1)


class PersonKind(models.TextChoices):
    CHILD = "child", "Child or young person"
    ADULT = "adult", "Adult"


class Person(Versioned):
    """A child (a case record, from before birth to 25) or an adult in a child's network."""

    kind = models.CharField(max_length=10, choices=PersonKind.choices, default=PersonKind.CHILD)
    la_child_id = models.CharField(
        "LA child ID", max_length=20, unique=True, null=True, blank=True,
        help_text="The council's own identifier, as sent in the statutory returns.",
    )
    first_name = models.CharField(max_length=100)
    middle_names = models.CharField(max_length=200, blank=True)
    last_name = models.CharField(max_length=100)
    preferred_name = models.CharField(max_length=100, blank=True, help_text="What they like to be called.")
    date_of_birth = models.DateField(null=True, blank=True)
    expected_date_of_birth = models.DateField(
        null=True, blank=True, help_text="For an unborn child, the expected date of birth."
    )
    date_of_death = models.DateField(null=True, blank=True)
    sex = models.CharField(max_length=1, choices=Sex.choices, default=Sex.UNKNOWN)
    gender_identity = models.CharField(
        max_length=100, blank=True, help_text="In the person's own words, if they have shared it."
    )
    ethnicity = models.CharField(max_length=4, choices=Ethnicity.choices, default=Ethnicity.NOBT)
    first_language = models.CharField(max_length=60, blank=True)
    needs_interpreter = models.BooleanField(default=False)
    religion = models.CharField(max_length=60, blank=True)
    nhs_number = models.CharField("NHS number", max_length=10, blank=True, db_index=True)
    upn = models.CharField("UPN", max_length=13, blank=True, db_index=True, help_text="Unique pupil number.")
    former_upn = models.CharField("Former UPN", max_length=13, blank=True)
    upn_unknown_reason = models.CharField(
        "Reason the UPN is not known", max_length=3, choices=UPNUnknownReason.choices, blank=True
    )
    is_uasc = models.BooleanField("Unaccompanied asylum-seeking child", default=False)
    uasc_ceased_on = models.DateField("Date UASC status ceased", null=True, blank=True)
    is_restricted = models.BooleanField(
        default=False,
        help_text="Visible only to users with an explicit grant (for example a staff member's relative).",
    )
    restriction_reason = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # Derived from the names on every save, so search can use an index on any database.
    first_name_key = models.CharField(max_length=100, editable=False, default="")
    last_name_key = models.CharField(max_length=100, editable=False, default="")
    history = HistoricalRecords(excluded_fields=["first_name_key", "last_name_key"])

    class Meta:
        ordering = ["last_name", "first_name"]
        indexes = [
            models.Index(fields=["last_name_key", "first_name_key"]),
            models.Index(fields=["first_name_key"]),
            models.Index(fields=["date_of_birth"]),
            models.Index(fields=["kind", "is_restricted"]),
        ]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs):
        self.refresh_search_keys()
        super().save(*args, **kwargs)

    def refresh_search_keys(self) -> None:
        self.first_name_key = name_key(self.first_name)
        self.last_name_key = name_key(self.last_name)

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.first_name, self.last_name) if part)

    @property
    def is_unborn(self) -> bool:
        return self.date_of_birth is None and self.expected_date_of_birth is not None

    def age_on(self, day) -> int | None:
        """Age in whole years on a day, or None if not yet born or not known."""
        if self.date_of_birth is None:
            return None
        born = self.date_of_birth
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


class PersonDisability(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="disabilities")
    code = models.CharField(max_length=4, choices=Disability.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "code"], name="one_row_per_disability")]

    def __str__(self) -> str:
        return self.get_code_display()


class FormerName(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="former_names")
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    used_until = models.DateField(null=True, blank=True)
    note = models.CharField(max_length=200, blank=True)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"


class Address(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="addresses")
    line_1 = models.CharField("Address line 1", max_length=120)
    line_2 = models.CharField("Address line 2", max_length=120, blank=True)
    town = models.CharField("Town or city", max_length=80)
    postcode = models.CharField(max_length=10)
    moved_in = models.DateField(null=True, blank=True)
    moved_out = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-moved_in"]

    def __str__(self) -> str:
        return ", ".join(part for part in (self.line_1, self.line_2, self.town, self.postcode) if part)


class RelationshipKind(models.TextChoices):
    PARENT = "parent", "Parent"
    STEP_PARENT = "step_parent", "Step-parent"
    SIBLING = "sibling", "Sibling"
    HALF_SIBLING = "half_sibling", "Half-sibling"
    GRANDPARENT = "grandparent", "Grandparent"
    AUNT_UNCLE = "aunt_uncle", "Aunt or uncle"
    KINSHIP_CARER = "kinship_carer", "Kinship carer"
    FOSTER_CARER = "foster_carer", "Foster carer"
    PARENTS_PARTNER = "parents_partner", "Parent's partner"
    HOUSEHOLD_MEMBER = "household_member", "Household member"
    FAMILY_FRIEND = "family_friend", "Family friend"
    OTHER = "other", "Other"


# How the relationship reads from the other side ("A is the parent of B" → "B is the child of A").
INVERSE_LABELS = {
    RelationshipKind.PARENT: "Child",
    RelationshipKind.STEP_PARENT: "Step-child",
    RelationshipKind.SIBLING: "Sibling",
    RelationshipKind.HALF_SIBLING: "Half-sibling",
    RelationshipKind.GRANDPARENT: "Grandchild",
    RelationshipKind.AUNT_UNCLE: "Niece or nephew",
    RelationshipKind.KINSHIP_CARER: "Cared for (kinship)",
    RelationshipKind.FOSTER_CARER: "Foster child",
    RelationshipKind.PARENTS_PARTNER: "Partner's child",
    RelationshipKind.HOUSEHOLD_MEMBER: "Household member",
    RelationshipKind.FAMILY_FRIEND: "Family friend",
    RelationshipKind.OTHER: "Other",
}


class Relationship(models.Model):
    """`person` is the `kind` of `relative`: a parent (person) of a child (relative)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="relationships_from")
    relative = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="relationships_to")
    kind = models.CharField(max_length=20, choices=RelationshipKind.choices)
    has_parental_responsibility = models.BooleanField(default=False)
    lives_with = models.BooleanField("Lives in the same household", default=False)
    started_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)
    note = models.CharField(max_length=200, blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=~models.Q(person=models.F("relative")), name="not_related_to_self"),
        ]

    def __str__(self) -> str:
        return f"{self.person} is {self.get_kind_display()} of {self.relative}"


class WarningCategory(models.TextChoices):
    RISK_TO_WORKERS = "risk_to_workers", "Risk to workers"
    VIOLENCE = "violence", "Violence or aggression"
    DOG = "dog", "Dangerous animal at the address"
    SAFEGUARDING = "safeguarding", "Safeguarding alert"
    OTHER = "other", "Other"


class WarningNote(models.Model):
    """A warning shown at the top of a record, for example a risk to visiting workers."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="warnings")
    category = models.CharField(max_length=20, choices=WarningCategory.choices)
    text = models.TextField()
    review_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"{self.get_category_display()}: {self.text[:50]}"
