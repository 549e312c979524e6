"""Forms for consultations, contacts, screening and decisions. Thin: the services hold the rules."""

import re

from django import forms

from hearth.core.concurrency import VersionField
from hearth.core.forms import Form, GovukDateField, GovukDateTimeField
from hearth.front_door import outcomes, selectors
from hearth.front_door.models import (
    AccommodationWish,
    AdviceKind,
    Channel,
    ConsentDispensedReason,
    ConsentNotApplicableReason,
    ConsentStatus,
    Consultation,
    Contact,
    Pathway,
    RightsToldHow,
    RiskIndicator,
    Urgency,
)
from hearth.front_door.services import DescribedChild
from hearth.people.models import Person
from hearth.reference.codes import ReferralSource

BLANK = [("", "Select one")]
DESCRIBED_CHILDREN = 3
ADULTS = 3
FUTURE = "The time received cannot be in the future"


def clean_adult_rows(form: forms.Form, count: int) -> list[tuple[str, str]]:
    """The adults typed into a contact's numbered rows, as (name, relationship), with each half-filled row marked."""
    adults = []
    for n in range(1, count + 1):
        name = (form.cleaned_data.get(f"adult_{n}_name") or "").strip()
        relationship = (form.cleaned_data.get(f"adult_{n}_relationship") or "").strip()
        if relationship and not name:
            form.add_error(f"adult_{n}_name", "Enter the adult's name")
        elif name and not relationship:
            form.add_error(f"adult_{n}_relationship", "Enter how the adult is related to the children")
        elif name:
            adults.append((name, relationship))
    return adults


class ConsultationForm(Form):
    """A professional's call for advice: who called, what they asked, the advice given. No family details."""

    received_at = GovukDateTimeField(label="When was the call?", help_text="For example, 27 3 2025 at 14:30",
                                     error_messages={"required": "Enter the date and time of the call",
                                                     "time": "Enter the time of the call",
                                                     "future": "The time of the call cannot be in the future"})
    caller_name = forms.CharField(label="Caller's name", max_length=120,
                                  error_messages={"required": "Enter the caller's name"})
    caller_agency = forms.CharField(label="Caller's agency", max_length=120,
                                    help_text="For example, Oakfield Primary School",
                                    error_messages={"required": "Enter the caller's agency"})
    caller_phone = forms.CharField(label="Caller's phone number", max_length=40, required=False)
    question = forms.CharField(label="What did they ask about?", widget=forms.Textarea,
                               help_text="Do not identify the family: this is advice, not a contact",
                               error_messages={"required": "Enter what the caller asked about"})
    advice = forms.CharField(label="Advice given", widget=forms.Textarea,
                             error_messages={"required": "Enter the advice you gave"})

    def build(self) -> Consultation:
        data = self.cleaned_data
        return Consultation(received_at=data["received_at"], caller_name=data["caller_name"],
                            caller_agency=data["caller_agency"], caller_phone=data["caller_phone"],
                            question=data["question"], advice=data["advice"])


class ContactForm(Form):
    """A contact: the consent answer first, then when it arrived, from whom, and about which children."""

    consent = forms.ChoiceField(
        label="Has the family consented to this contact?", choices=ConsentStatus.choices, widget=forms.RadioSelect,
        error_messages={"required": "Select whether consent was obtained, dispensed with, or does not apply"},
    )
    consent_from = forms.CharField(label="Who gave consent?", max_length=120, required=False,
                                   help_text="For example, Sam Jones (mother)")
    consent_how = forms.CharField(label="How was consent given?", max_length=120, required=False,
                                  help_text="For example, by phone to the referrer")
    consent_at = GovukDateTimeField(label="When was consent given?", required=False, time_required=False,
                                    help_text="If known. For example, 27 3 2025 at 14:30",
                                    error_messages={"future": "The time consent was given cannot be in the future"})
    consent_dispensed_reason = forms.ChoiceField(label="Why was consent dispensed with?", required=False,
                                                 choices=ConsentDispensedReason.choices, widget=forms.RadioSelect)
    consent_dispensed_asked = forms.ModelChoiceField(
        label="Which manager did you ask to agree?", required=False, queryset=selectors.team_managers(),
        empty_label="Select the manager",
        help_text="They confirm it on the contact's page, and no decision is made until a manager does")
    consent_not_applicable_reason = forms.ChoiceField(label="Why does consent not apply?", required=False,
                                                      choices=ConsentNotApplicableReason.choices,
                                                      widget=forms.RadioSelect)

    received_at = GovukDateTimeField(
        label="When was it received?", help_text="When it reached the council, not now. For example, 27 3 2025 at 14:30",
        error_messages={"required": "Enter the date and time the contact was received",
                        "time": "Enter the time the contact was received", "future": FUTURE})
    channel = forms.ChoiceField(label="How did it arrive?", choices=Channel.choices, widget=forms.RadioSelect,
                                error_messages={"required": "Select how the contact arrived"})
    pathway = forms.ChoiceField(label="Pathway", choices=Pathway.choices, widget=forms.RadioSelect, initial=Pathway.STANDARD,
                                error_messages={"required": "Select the pathway"})
    urgency = forms.ChoiceField(label="Urgency", choices=Urgency.choices, widget=forms.RadioSelect, initial=Urgency.STANDARD,
                                error_messages={"required": "Select the urgency"})
    referrer_name = forms.CharField(label="Referrer's name", max_length=120,
                                    error_messages={"required": "Enter the referrer's name"})
    referrer_agency = forms.CharField(label="Referrer's agency", max_length=120, required=False,
                                      help_text="Leave blank for a member of the public")
    referrer_phone = forms.CharField(label="Referrer's phone number", max_length=40, required=False)
    source = forms.ChoiceField(label="Referral source", choices=BLANK + ReferralSource.choices,
                               help_text="As reported in the children in need census",
                               error_messages={"required": "Select the referral source"})
    concern = forms.CharField(label="The concern, in the referrer's words", widget=forms.Textarea,
                              error_messages={"required": "Enter the concern"})

    risk_indicators = forms.MultipleChoiceField(label="Risk indicators", choices=RiskIndicator.choices, required=False,
                                                help_text="Select all that the contact describes")
    children = forms.CharField(label="LA child IDs of children who already have a record", required=False,
                               max_length=300, help_text="Separate IDs with commas, for example C0001234, C0001235")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["consent_dispensed_asked"].queryset = selectors.team_managers()
        for n in range(1, DESCRIBED_CHILDREN + 1):
            self.fields[f"child_{n}_name"] = forms.CharField(label="Full name", max_length=200, required=False)
            self.fields[f"child_{n}_dob"] = GovukDateField(label="Date of birth", required=False, past_only=True,
                                                           help_text="If known. For example, 27 3 2015")
        for n in range(1, ADULTS + 1):
            self.fields[f"adult_{n}_name"] = forms.CharField(label="Full name", max_length=200, required=False)
            self.fields[f"adult_{n}_relationship"] = forms.CharField(
                label="Relationship to the children", max_length=120, required=False,
                help_text="For example, mother, or partner of mother")

    @property
    def described_rows(self):
        return [(n, self[f"child_{n}_name"], self[f"child_{n}_dob"]) for n in range(1, DESCRIBED_CHILDREN + 1)]

    @property
    def adult_rows(self):
        return [(n, self[f"adult_{n}_name"], self[f"adult_{n}_relationship"]) for n in range(1, ADULTS + 1)]

    def clean(self):
        cleaned = super().clean()
        known: list[Person] = []
        if "children" not in self.errors:
            typed = [part for part in re.split(r"[\s,;]+", cleaned.get("children") or "") if part]
            known, missing = selectors.children_by_la_ids(self.user, typed)
            for child_id in missing:
                self.add_error("children", f"No child has the LA child ID {child_id}. Check it, or describe the child below")
        described = []
        for n in range(1, DESCRIBED_CHILDREN + 1):
            name, dob = (cleaned.get(f"child_{n}_name") or "").strip(), cleaned.get(f"child_{n}_dob")
            if dob and not name:
                self.add_error(f"child_{n}_name", "Enter the child's name")
            elif name:
                described.append(DescribedChild(name=name, date_of_birth=dob))
        if not known and not described and "children" not in self.errors and not any(
                f"child_{n}_name" in self.errors for n in range(1, DESCRIBED_CHILDREN + 1)):
            self.add_error("children", "Add at least one child the contact is about: enter an LA child ID or describe the child")
        cleaned["child_list"] = known + described
        cleaned["adult_list"] = clean_adult_rows(self, ADULTS)
        return cleaned

    def build(self) -> tuple[Contact, list, list[tuple[str, str]]]:
        """The unsaved contact, its children (records and descriptions) and its adults, for the service."""
        data = self.cleaned_data
        consent = data["consent"]
        contact = Contact(
            received_at=data["received_at"], channel=data["channel"], pathway=data["pathway"],
            urgency=data["urgency"], referrer_name=data["referrer_name"], referrer_agency=data["referrer_agency"],
            referrer_phone=data["referrer_phone"], source=data["source"], concern=data["concern"], consent=consent,
            risk_indicators=list(data["risk_indicators"]),
        )
        if consent == ConsentStatus.OBTAINED:
            contact.consent_from, contact.consent_how = data["consent_from"], data["consent_how"]
            contact.consent_at = data.get("consent_at")
        elif consent == ConsentStatus.DISPENSED:
            contact.consent_dispensed_reason = data["consent_dispensed_reason"]
            contact.consent_dispensed_asked = data["consent_dispensed_asked"]
        elif consent == ConsentStatus.NOT_APPLICABLE:
            contact.consent_not_applicable_reason = data["consent_not_applicable_reason"]
        return contact, data["child_list"], data["adult_list"]


def contact_initial_from_consultation(consultation: Consultation) -> dict:
    """What a consultation already says about the referrer and the concern. The receipt time is asked afresh."""
    return {"referrer_name": consultation.caller_name, "referrer_agency": consultation.caller_agency,
            "referrer_phone": consultation.caller_phone, "concern": consultation.question, "channel": Channel.PHONE}


def contact_initial_from_previous(contact: Contact) -> dict:
    """New information on a closed contact: the same referrer and children; receipt and consent asked afresh."""
    rows = list(contact.children.all())
    initial = {
        "channel": contact.channel, "pathway": contact.pathway, "referrer_name": contact.referrer_name,
        "referrer_agency": contact.referrer_agency, "referrer_phone": contact.referrer_phone, "source": contact.source,
        "risk_indicators": list(contact.risk_indicators),
        "children": ", ".join(row.child.la_child_id for row in rows if row.child_id and row.child.la_child_id),
    }
    described = [row for row in rows if row.child_id is None][:DESCRIBED_CHILDREN]
    for n, row in enumerate(described, start=1):
        initial[f"child_{n}_name"] = row.described_name
        initial[f"child_{n}_dob"] = row.described_date_of_birth
    for n, adult in enumerate(list(contact.adults.all())[:ADULTS], start=1):
        initial[f"adult_{n}_name"] = adult.name
        initial[f"adult_{n}_relationship"] = adult.relationship
    return initial


class InformationRequestForm(Form):
    agency = forms.CharField(label="Agency", max_length=120, help_text="For example, Wrekinshire Police, the GP, the school",
                             error_messages={"required": "Enter the agency you are asking"})
    asked = forms.CharField(label="What are you asking?", widget=forms.Textarea,
                            error_messages={"required": "Enter what you are asking the agency"})


class InformationAnswerForm(Form):
    answer = forms.CharField(label="What the agency said", widget=forms.Textarea,
                             error_messages={"required": "Enter what the agency said"})


class AwaitingForm(Form):
    """Waiting for partners (what for, and from whom), or the information has arrived (a note is optional)."""

    note = forms.CharField(label="What are you waiting for, and from whom?", widget=forms.Textarea, required=False,
                           help_text="For example, the police's record of call-outs to the address")
    version = VersionField()  # of the contact as the page showed it


class EscalationForm(Form):
    reason = forms.CharField(label="Why is this immediate risk?", widget=forms.Textarea,
                             error_messages={"required": "Enter why the contact is immediate risk"})
    version = VersionField()  # of the contact as the page showed it


class AdviceForm(Form):
    kind = forms.ChoiceField(label="What kind of entry is this?", choices=AdviceKind.choices, widget=forms.RadioSelect,
                             error_messages={"required": "Select what kind of entry this is"})
    text = forms.CharField(label="Advice or note", widget=forms.Textarea, error_messages={"required": "Enter the advice"})


class MatchChildForm(Form):
    la_child_id = forms.CharField(label="LA child ID", max_length=20,
                                  error_messages={"required": "Enter the child's LA child ID"})


class DecisionForm(Form):
    """A team manager's decision for one child: the outcome, why, and what the family was told."""

    outcome = forms.ChoiceField(label="Outcome", widget=forms.RadioSelect, error_messages={"required": "Select an outcome"})
    rationale = forms.CharField(label="Reason for the decision", widget=forms.Textarea,
                                error_messages={"required": "Enter the reason for the decision"})
    details_in_order = forms.BooleanField(label="The child's details are in order", required=False)
    consent_in_order = forms.BooleanField(label="The consent recorded is in order", required=False)
    family_told = forms.CharField(label="What the family was told", widget=forms.Textarea, required=False)
    # Asked only of a 16- or 17-year-old who presents as homeless (services.asks_homeless_rights); the service says
    # which of them is missing.
    rights_told_on = GovukDateField(label="When were they told their rights and entitlements?", required=False,
                                    help_text="Including their right to be accommodated by the council. "
                                              "For example, 27 3 2026")
    rights_told_how = forms.ChoiceField(label="How were they told?", choices=RightsToldHow.choices,
                                        widget=forms.RadioSelect, required=False)
    rights_written = forms.BooleanField(label="They were given written information for their age", required=False)
    accommodation_wish = forms.ChoiceField(label="What do they want?", choices=AccommodationWish.choices,
                                           widget=forms.RadioSelect, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = [(o.code, o.label) for o in outcomes.all_outcomes()]

    @property
    def outcome_hints(self) -> dict[str, str]:
        return {o.code: o.hint for o in outcomes.all_outcomes()}
