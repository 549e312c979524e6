"""The front door: consultations, contacts about children, consent, screening, advice and decisions.

Ofsted's finding this app answers: advice and decisions were not always recorded; contacts
were closed and reopened to extend screening time; consent was misunderstood, and calls
for advice were recorded as contacts before consent was sought. So here: a call for advice
is a consultation (no contact, no child record); a contact cannot be saved without a
consent answer; advice and decisions are rows with an author, a time and a rationale; a
decided contact is closed for good, and new information starts a linked contact whose
timeliness counts from the first receipt in its chain.
"""

from django.conf import settings
from django.db import models
from django.db.models import ExpressionWrapper, Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from hearth.core.models import Versioned
from hearth.front_door.expressions import TenthsOfAnHour
from hearth.reference.codes import ReferralSource


class Channel(models.TextChoices):
    PHONE = "phone", "Phone call"
    EMAIL = "email", "Email"
    ONLINE = "online", "Online referral form"
    POLICE_NOTIFICATION = "police_notification", "Police notification"
    IN_PERSON = "in_person", "In person"


class Urgency(models.TextChoices):
    STANDARD = "standard", "Standard: decision within 1 working day"
    IMMEDIATE = "immediate", "Immediate risk: decision within the hour"


class Pathway(models.TextChoices):
    STANDARD = "standard", "Standard screening"
    DOMESTIC_ABUSE = "domestic_abuse", "Police domestic abuse notification (triaged with police)"


class ConsentStatus(models.TextChoices):
    OBTAINED = "obtained", "Consent obtained"
    DISPENSED = "dispensed", "Consent dispensed with"
    NOT_APPLICABLE = "not_applicable", "Not applicable"


class ConsentDispensedReason(models.TextChoices):
    SIGNIFICANT_HARM = "significant_harm", "Seeking consent would place the child at risk of significant harm"
    POLICE_INVESTIGATION = "police_investigation", "Seeking consent would prejudice a police investigation"


class ConsentNotApplicableReason(models.TextChoices):
    PARENT_MADE_CONTACT = "parent_made_contact", "The parent or carer made the contact"
    YOUNG_PERSON_SELF = "young_person_self", "The young person contacted us themselves"
    OTHER = "other", "Other (explain in the notes)"


class RiskIndicator(models.TextChoices):
    DOMESTIC_ABUSE = "domestic_abuse", "Domestic abuse"
    EXPLOITATION = "exploitation", "Exploitation (criminal or sexual)"
    NEGLECT = "neglect", "Neglect"
    PHYSICAL_ABUSE = "physical_abuse", "Physical abuse"
    SEXUAL_ABUSE = "sexual_abuse", "Sexual abuse"
    EMOTIONAL_ABUSE = "emotional_abuse", "Emotional abuse"
    PARENTAL_MENTAL_HEALTH = "parental_mental_health", "Parental mental health"
    CHILD_MENTAL_HEALTH = "child_mental_health", "Child's mental health"
    SUBSTANCE_MISUSE = "substance_misuse", "Parental substance misuse"
    MISSING = "missing", "Going missing"
    HOMELESS_16_17 = "homeless_16_17", "Homeless 16 or 17 year old"
    OTHER = "other", "Other"


class Consultation(models.Model):
    """A professional's call for advice: recorded as advice, never as a contact or a child record."""

    received_at = models.DateTimeField()
    caller_name = models.CharField(max_length=120)
    caller_agency = models.CharField(max_length=120)
    caller_phone = models.CharField(max_length=40, blank=True)
    question = models.TextField(help_text="What the caller asked about, without identifying the family.")
    advice = models.TextField(help_text="The advice given.")
    advised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    became_contact = models.OneToOneField("Contact", on_delete=models.PROTECT, null=True, blank=True,
                                          related_name="from_consultation")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-received_at"]

    def __str__(self) -> str:
        return f"Consultation with {self.caller_name} ({self.caller_agency})"


class Contact(Versioned):
    """Information about one or more children received by the front door."""

    reference = models.CharField(max_length=20, unique=True, null=True, blank=True)
    received_at = models.DateTimeField(help_text="When it reached the council, not when it was typed.")
    first_received_at = models.DateTimeField(
        help_text="When the first contact in this chain was received: timeliness counts from here.")
    previous = models.OneToOneField("self", on_delete=models.PROTECT, null=True, blank=True, related_name="next",
                                    help_text="The closed contact this one adds new information to.")
    channel = models.CharField(max_length=30, choices=Channel.choices)
    pathway = models.CharField(max_length=20, choices=Pathway.choices, default=Pathway.STANDARD)
    urgency = models.CharField(max_length=20, choices=Urgency.choices, default=Urgency.STANDARD)
    decision_due_at = models.DateTimeField(help_text="Derived from the chain's first receipt and the urgency.")
    referrer_name = models.CharField(max_length=120)
    referrer_agency = models.CharField(max_length=120, blank=True)
    referrer_phone = models.CharField(max_length=40, blank=True)
    source = models.CharField("Referral source", max_length=3, choices=ReferralSource.choices)
    concern = models.TextField(help_text="The concern in the referrer's own words.")
    consent = models.CharField(max_length=20, choices=ConsentStatus.choices)
    consent_from = models.CharField(max_length=120, blank=True)
    consent_how = models.CharField(max_length=120, blank=True)
    consent_at = models.DateTimeField(null=True, blank=True)
    consent_dispensed_reason = models.CharField(max_length=30, choices=ConsentDispensedReason.choices, blank=True)
    consent_dispensed_asked = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        help_text="The team manager the adviser asked to agree to dispensing with consent (none on a partner's referral).")
    consent_dispensed_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        help_text="The manager who confirmed, as their own act, that consent is dispensed with.")
    consent_dispensed_confirmed_at = models.DateTimeField(null=True, blank=True)
    consent_not_applicable_reason = models.CharField(max_length=30, choices=ConsentNotApplicableReason.choices,
                                                     blank=True)
    risk_indicators = models.JSONField(default=list, blank=True)
    awaiting_information = models.BooleanField(default=False, help_text="Waiting for partners; the clock runs on.")
    awaiting_information_note = models.TextField(
        blank=True, help_text="What the contact waits for, or what arrived: the history keeps each note.")
    escalation_reason = models.TextField(blank=True, help_text="Why the contact was treated as immediate risk.")
    escalated_at = models.DateTimeField(null=True, blank=True)
    escalated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+")
    team = models.ForeignKey("accounts.Team", on_delete=models.PROTECT, related_name="contacts")
    assigned_to = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="assigned_contacts")
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="submitted_contacts", help_text="A partner agency's online referral.")
    closed_at = models.DateTimeField(null=True, blank=True)
    senior_advice_at = models.DateTimeField(
        null=True, blank=True, editable=False,
        help_text="When senior social worker advice was first recorded on the contact (the advice itself is an Advice).")
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # The time from the chain's first receipt to the decision, for the leaders' median and 90th percentile: the
    # database computes it from the two moments (null while open), so it is never out of step with them.
    tenths_to_decision = models.GeneratedField(
        expression=TenthsOfAnHour("closed_at", "first_received_at"), output_field=models.IntegerField(),
        db_persist=True)
    # The generated column is the database's to compute: history keeps the two moments themselves.
    history = HistoricalRecords(excluded_fields=["tenths_to_decision"])

    class Meta:
        ordering = ["decision_due_at"]
        indexes = [
            models.Index(fields=["received_at"]),
            models.Index(fields=["first_received_at"]),
            models.Index(fields=["submitted_by", "-received_at"]),
            # Covering indexes for the leaders' weekly figures: the rows themselves are never read.
            # The id is in each, as PostgreSQL's indexes do not hold it of themselves.
            models.Index(fields=["received_at", "previous", "closed_at", "decision_due_at", "id"],
                         name="contact_received_cover"),
            # Also the only index that begins with the closing time: SQLite (3.40) never counts a generated column
            # as covered by an index, so with a second index on `closed_at` it may choose that one and read every
            # row for the time to decision; with this one alone it reads the value from the index.
            models.Index(fields=["closed_at", "decision_due_at", "previous", "first_received_at", "senior_advice_at",
                                 "tenths_to_decision", "id"], name="contact_closed_advice_cover"),
            models.Index(fields=["received_at", "consent", "consent_dispensed_reason"], name="contact_consent_cover"),
        ]

    def __str__(self) -> str:
        return self.reference or f"Contact {self.pk}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    @property
    def awaits_consent_confirmation(self) -> bool:
        """Consent is dispensed with and no manager has yet confirmed it: no decision until one does."""
        return self.consent == ConsentStatus.DISPENSED and self.consent_dispensed_confirmed_at is None


class ContactChild(models.Model):
    """One child on a contact, with their own outcome. A partner's referral describes the child first."""

    contact = models.ForeignKey(Contact, on_delete=models.PROTECT, related_name="children")
    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, null=True, blank=True,
                              related_name="front_door_contacts")
    described_name = models.CharField(max_length=200, blank=True, help_text="As the referrer gave it.")
    described_date_of_birth = models.DateField(null=True, blank=True)
    described_address = models.CharField(max_length=300, blank=True)
    open_to_team = models.ForeignKey("accounts.Team", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                     help_text="The team the child was allocated to when the contact arrived.")
    # The contact's time of receipt, which never changes once it is recorded, kept with each child on it so the
    # re-contacts of a period are one index's entries.
    received_at = models.DateTimeField(editable=False)
    recontact = models.BooleanField(
        default=False, editable=False,
        help_text="The child was on another contact received in the 365 days before this one (kept by recontacts.py).")
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["contact", "child"], name="a_child_once_per_contact"),
        ]
        indexes = [
            models.Index(fields=["child", "contact"]),
            # The leaders' re-contact figures and the lists behind them: the re-contacts alone, rows never read.
            models.Index(fields=["received_at", "child", "contact"], condition=Q(recontact=True),
                         name="contactchild_recontacts"),
            # A team's new contacts about the children it works with (its members' home pages).
            models.Index(fields=["open_to_team", "received_at"], name="contactchild_team_received"),
        ]

    def __str__(self) -> str:
        return f"{self.child or self.described_name} on {self.contact}"


class ContactAdult(models.Model):
    contact = models.ForeignKey(Contact, on_delete=models.PROTECT, related_name="adults")
    name = models.CharField(max_length=200)
    relationship = models.CharField(max_length=120, help_text="To the children, for example mother, partner of mother.")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    def __str__(self) -> str:
        return f"{self.name} ({self.relationship})"


class InformationRequest(models.Model):
    """A request to a partner agency for what it knows, and its answer."""

    contact = models.ForeignKey(Contact, on_delete=models.PROTECT, related_name="information_requests")
    agency = models.CharField(max_length=120)
    asked = models.TextField()
    requested_at = models.DateTimeField(default=timezone.now)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    answer = models.TextField(blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"Request to {self.agency}"


class AdviceKind(models.TextChoices):
    SENIOR_SOCIAL_WORKER = "senior_social_worker", "Senior social worker advice"
    CATE = "cate", "Exploitation team (CATE) consultation"
    POLICE_TRIAGE = "police_triage", "Police domestic abuse triage"
    SCREENING_NOTE = "screening_note", "Screening note"


class Advice(models.Model):
    """Advice given on a contact, recorded with its author: never only spoken."""

    contact = models.ForeignKey(Contact, on_delete=models.PROTECT, related_name="advice")
    kind = models.CharField(max_length=30, choices=AdviceKind.choices)
    text = models.TextField()
    given_at = models.DateTimeField(default=timezone.now)
    given_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["given_at"]
        indexes = [models.Index(fields=["contact", "kind"], name="advice_contact_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} by {self.given_by_id}"


class RightsToldHow(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    PHONE_OR_VIDEO = "phone_or_video", "By phone or video call"
    IN_WRITING = "in_writing", "In writing only (they could not be spoken to)"


class AccommodationWish(models.TextChoices):
    ACCOMMODATED = "accommodated", "Wants to be accommodated by the council (section 20)"
    FAMILY_OR_FRIENDS = "family_or_friends", "Wants help to stay with family or friends"
    NOT_ACCOMMODATED = "not_accommodated", "Does not want to be accommodated"
    UNDECIDED = "undecided", "Has not decided yet"


class ContactDecision(models.Model):
    """A team manager's decision on one child's contact: the outcome, who, when and why; for a 16- or 17-year-old
    who presents as homeless, when and how they were told their rights and entitlements, including to be
    accommodated, and what they want (the inspection's second "what needs to improve" point)."""

    contact_child = models.OneToOneField(ContactChild, on_delete=models.PROTECT, related_name="decision")
    outcome = models.CharField(max_length=40)
    rationale = models.TextField()
    details_in_order = models.BooleanField("The child's details are in order")
    consent_in_order = models.BooleanField("The consent recorded is in order")
    family_told = models.TextField("What the family was told", blank=True)
    rights_told_on = models.DateField("Told their rights and entitlements on", null=True, blank=True)
    rights_told_how = models.CharField("How they were told", max_length=20, choices=RightsToldHow.choices, blank=True)
    rights_written = models.BooleanField("Given written information for their age", default=False)
    accommodation_wish = models.CharField("What they want", max_length=20, choices=AccommodationWish.choices,
                                          blank=True)
    decided_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    contact = models.ForeignKey(Contact, on_delete=models.PROTECT, related_name="decisions", editable=False,
                                help_text="The child's contact, kept with the decision (a row never moves contact).")
    source = models.CharField(
        "Referral source", max_length=3, choices=ReferralSource.choices, editable=False,
        help_text="The contact's referral source (fixed once the contact is recorded), kept with the decision.")
    team = models.ForeignKey(
        "accounts.Team", on_delete=models.PROTECT, related_name="+", editable=False,
        help_text="The front door team the contact was with when the decision was made, kept with the decision.")
    has_rationale = models.GeneratedField(
        expression=ExpressionWrapper(~Q(rationale=""), output_field=models.BooleanField()),
        output_field=models.BooleanField(), db_persist=True)
    # The generated column is the database's to compute: history keeps the rationale itself.
    history = HistoricalRecords(excluded_fields=["has_rationale"])

    class Meta:
        indexes = [
            # Covering index for the leaders' outcomes by source, management oversight's count by team and the
            # contacts behind a period's decisions: the decisions themselves are never read. One index for all
            # three, since SQLite does not count the generated `has_rationale` as covered and would choose between
            # two indexes on `decided_at` by chance.
            models.Index(fields=["decided_at", "source", "outcome", "team", "has_rationale", "contact"],
                         name="decision_period_cover"),
            # The leaders' count of homeless 16- and 17-year-olds told their rights: the few decisions that record
            # it, where the covering index above would send the count to every decision of the period.
            models.Index(fields=["decided_at", "rights_written", "accommodation_wish", "contact"],
                         name="decision_homeless_rights", condition=Q(rights_told_on__isnull=False)),
        ]

    def __str__(self) -> str:
        return f"{self.outcome} for {self.contact_child}"
