"""Forms for children's and adults' details. Thin: the services validate identifiers and rules."""

from django import forms
from django.utils.crypto import salted_hmac

from hearth.accounts.models import Team
from hearth.core.concurrency import VersionField
from hearth.core.forms import Form, GovukDateField, ModelForm
from hearth.people.identifiers import normalise_nhs_number
from hearth.people.models import Address, Person, Relationship, RelationshipKind, WarningNote
from hearth.reference.codes import Disability, Ethnicity, Sex, UPNUnknownReason

BLANK = [("", "Select one")]


class ChildSearchForm(Form):
    text = forms.CharField(
        label="Name, LA child ID, NHS number or UPN", required=False, max_length=100,
    )
    date_of_birth = GovukDateField(label="Date of birth", required=False, help_text="Optional. For example, 27 3 2015")

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not (cleaned.get("text") or "").strip() and not cleaned.get("date_of_birth"):
            raise forms.ValidationError("Enter a name, an identifier or a date of birth to search for")
        return cleaned


class PersonDetailsForm(ModelForm):
    """A child's identity and characteristics, as the census and the family describe them."""

    date_of_birth = GovukDateField(label="Date of birth", required=False, past_only=True,
                                   help_text="Leave blank for an unborn child. For example, 27 3 2015")
    expected_date_of_birth = GovukDateField(label="Expected date of birth", required=False,
                                            help_text="Only for an unborn child")
    sex = forms.ChoiceField(label="Sex", choices=Sex.choices)
    ethnicity = forms.ChoiceField(label="Ethnicity", choices=BLANK + Ethnicity.choices)
    upn_unknown_reason = forms.ChoiceField(label="If the UPN is not known, why", choices=BLANK + UPNUnknownReason.choices,
                                           required=False)
    nhs_number = forms.CharField(label="NHS number", max_length=13, required=False,
                                 help_text="10 digits, for example 943 476 5919")
    upn = forms.CharField(label="UPN", max_length=13, required=False, help_text="Unique pupil number, 13 characters")
    disabilities = forms.MultipleChoiceField(label="Disability", choices=Disability.choices, required=False,
                                             help_text="Select all that apply")

    class Meta:
        model = Person
        fields = [
            "first_name", "middle_names", "last_name", "preferred_name", "date_of_birth",
            "expected_date_of_birth", "sex", "gender_identity", "ethnicity", "first_language",
            "needs_interpreter", "religion", "nhs_number", "upn", "former_upn", "upn_unknown_reason",
            "is_uasc",
        ]
        labels = {"first_name": "First name", "last_name": "Last name", "middle_names": "Middle names"}

    def clean_nhs_number(self):
        """Spaces are how people write NHS numbers; the record keeps the digits."""
        return normalise_nhs_number(self.cleaned_data["nhs_number"])

    def clean_upn(self):
        return self.cleaned_data["upn"].strip().upper()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and "disabilities" not in self.initial:
            self.initial["disabilities"] = [d.code for d in self.instance.disabilities.all()]


class PersonEditForm(PersonDetailsForm):
    """A child's details as they were read, carrying the version read so a later change by someone else is not lost."""

    version = VersionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["version"] = self.instance.version


# The fields a conflict page compares for a child's details.
PERSON_EDIT_FIELDS = PersonDetailsForm.Meta.fields


class AddressForm(ModelForm):
    moved_in = GovukDateField(label="Date moved in", required=False, past_only=True)

    class Meta:
        model = Address
        fields = ["line_1", "line_2", "town", "postcode", "moved_in"]


class NewRelativeForm(Form):
    """Someone in the child's network: an existing child on record, or a new adult."""

    kind = forms.ChoiceField(label="How are they related to the child?", choices=RelationshipKind.choices,
                             help_text="They are the child's …")
    first_name = forms.CharField(label="First name", max_length=100)
    last_name = forms.CharField(label="Last name", max_length=100)
    date_of_birth = GovukDateField(label="Date of birth", required=False, past_only=True,
                                   help_text="If known. For example, 27 3 1985")
    has_parental_responsibility = forms.BooleanField(label="Has parental responsibility", required=False)
    lives_with = forms.BooleanField(label="Lives with the child", required=False)
    note = forms.CharField(label="Note", required=False, max_length=200)


class RelationshipEndForm(ModelForm):
    class Meta:
        model = Relationship
        fields = ["ended_on"]


class WarningForm(ModelForm):
    category = forms.ChoiceField(label="Kind of warning", choices=WarningNote._meta.get_field("category").choices)
    review_on = GovukDateField(label="Review by", required=False)

    class Meta:
        model = WarningNote
        fields = ["category", "text", "review_on"]
        labels = {"text": "What workers need to know"}


class NewChildForm(PersonDetailsForm):
    """Adding a child: the details, and which of the worker's teams the new record goes to."""

    team = forms.ModelChoiceField(label="Which team will hold the record?", queryset=Team.objects.none(),
                                  empty_label="Select a team",
                                  help_text="The team's manager will allocate a worker")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        teams = Team.objects.filter(memberships__user=user, is_active=True).order_by("name")
        self.fields["team"].queryset = teams
        if len(teams) == 1:
            self.fields["team"].initial = teams[0].pk
        elif not teams:
            # Service-wide roles see every record without an allocation.
            del self.fields["team"]

    def duplicate_check_key(self) -> str:
        """A fingerprint of the details the duplicate check looked at, so changing them checks again."""
        data = self.cleaned_data
        values = "|".join(str(data.get(name) or "").strip().lower()
                          for name in ("first_name", "last_name", "date_of_birth", "nhs_number"))
        return salted_hmac("hearth.duplicate-check", values).hexdigest()[:32]
