"""Forms for the steps of pre-proceedings and care proceedings. Thin: the services check the order of the dates."""

from decimal import Decimal

from django import forms

from hearth.core.concurrency import VersionField
from hearth.core.forms import Form, GovukDateField
from hearth.protection.proceedings.models import (
    FamilyGroupMeetingKind,
    FamilyNetworkSupportKind,
    FinalOrder,
    HearingKind,
)
from hearth.reference.codes import PreProceedingsOutcome

RATIONALE_HINT = "Why: what the family has been told must change, and what the evidence shows."


class PoundsField(forms.DecimalField):
    """An amount in pounds and pence, typed with or without the pound sign and commas."""

    def __init__(self, **kwargs):
        super().__init__(max_digits=9, decimal_places=2, min_value=Decimal("0.01"), error_messages={
            "invalid": "Enter the amount in pounds and pence, like 150.00",
            "max_decimal_places": "Enter the amount in pounds and pence, with no more than 2 digits after the point",
            "max_digits": "Enter an amount less than £10,000,000",
            "max_whole_digits": "Enter an amount less than £10,000,000",
            "min_value": "The amount must be more than £0",
        }, **kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(",", "").removeprefix("£").strip()
        return super().to_python(value)


class StartForm(Form):
    children = forms.MultipleChoiceField(label="Which children are pre-proceedings for?",
                                         widget=forms.CheckboxSelectMultiple,
                                         help_text="Brothers and sisters usually enter pre-proceedings together.",
                                         error_messages={"required": "Select the children pre-proceedings are for"})
    family_name = forms.CharField(label="How the family is known (optional)", max_length=100, required=False,
                                  help_text="For example, the Example family")
    started_on = GovukDateField(label="Date of the legal planning meeting", past_only=True,
                                error_messages={"required": "Enter the date of the legal planning meeting"})
    rationale = forms.CharField(label="Why pre-proceedings should begin", widget=forms.Textarea,
                                help_text=RATIONALE_HINT,
                                error_messages={"required": "Enter the reason for the decision"})

    def __init__(self, *args, children=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["children"].choices = [(str(child.pk), child.full_name) for child in children]


class LetterForm(Form):
    version = VersionField()
    sent_on = GovukDateField(label="Date the letter before proceedings was sent", past_only=True,
                             error_messages={"required": "Enter the date the letter was sent"})


class MeetingForm(Form):
    version = VersionField()
    held_on = GovukDateField(label="Date of the meeting", past_only=True,
                             error_messages={"required": "Enter the date of the meeting"})


class FamilyMeetingOfferForm(Form):
    kind = forms.ChoiceField(label="What was offered", choices=FamilyGroupMeetingKind.choices,
                             widget=forms.RadioSelect, initial=FamilyGroupMeetingKind.FAMILY_GROUP_CONFERENCE)
    offered_on = GovukDateField(label="Date the meeting was offered", past_only=True,
                                error_messages={"required": "Enter the date the meeting was offered"})
    offered_in_letter = forms.BooleanField(label="It was offered in the letter before proceedings", required=False)


class FamilyMeetingHeldForm(Form):
    version = VersionField()
    held_on = GovukDateField(label="Date the meeting was held", past_only=True,
                             error_messages={"required": "Enter the date the meeting was held"})
    family_plan = forms.CharField(label="The family's plan", widget=forms.Textarea,
                                  help_text="What the family and their network agreed to do, in their words.",
                                  error_messages={"required": "Enter the plan the family made"})


class SupportForm(Form):
    recipient = forms.ChoiceField(label="Who the support is for", widget=forms.RadioSelect,
                                  error_messages={"required": "Select who the support is for"})
    kind = forms.ChoiceField(label="Kind of support", choices=FamilyNetworkSupportKind.choices,
                             widget=forms.RadioSelect, error_messages={"required": "Select the kind of support"})
    description = forms.CharField(label="What was offered", max_length=300,
                                  error_messages={"required": "Enter what was offered"})
    amount = PoundsField(label="Amount, in pounds (financial support)", required=False)
    offered_on = GovukDateField(label="Date offered", past_only=True,
                                error_messages={"required": "Enter the date the support was offered"})
    starts_on = GovukDateField(label="Date the support starts (optional)", required=False)
    ends_on = GovukDateField(label="Date the support ends (optional)", required=False)

    def __init__(self, *args, recipients=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recipient"].choices = [(str(person.pk), person.full_name) for person in recipients]


class ProposeForm(Form):
    version = VersionField()
    outcome = forms.ChoiceField(label="What do you propose?", choices=PreProceedingsOutcome.choices,
                                widget=forms.RadioSelect, error_messages={"required": "Select what you propose"})
    reason = forms.CharField(label="Why", widget=forms.Textarea,
                             error_messages={"required": "Enter why you propose it"})


class DecideForm(Form):
    version = VersionField()
    outcome = forms.ChoiceField(label="Decision", choices=PreProceedingsOutcome.choices, widget=forms.RadioSelect,
                                error_messages={"required": "Select the decision"})
    decided_on = GovukDateField(label="Date of the decision", past_only=True,
                                error_messages={"required": "Enter the date of the decision"})
    rationale = forms.CharField(label="Reason for the decision", widget=forms.Textarea, help_text=RATIONALE_HINT,
                                error_messages={"required": "Enter the reason for the decision"})


class ApplicationForm(Form):
    application_on = GovukDateField(label="Date the application was made to court", past_only=True,
                                    error_messages={"required": "Enter the date of the application"})
    urgent_reason = forms.CharField(
        label="If the application could not wait for the letter before proceedings, why (optional)",
        widget=forms.Textarea, required=False)


class ParentsLetterForm(Form):
    version = VersionField()
    sent_on = GovukDateField(label="Date the letter telling the parents of the application was sent", past_only=True,
                             error_messages={"required": "Enter the date the letter was sent"})


class HearingForm(Form):
    held_on = GovukDateField(label="Date of the hearing", past_only=True,
                             error_messages={"required": "Enter the date of the hearing"})
    kind = forms.ChoiceField(label="Kind of hearing", choices=[("", "Select the kind of hearing"),
                                                               *HearingKind.choices],
                             error_messages={"required": "Select the kind of hearing"})
    outcome = forms.CharField(label="What the court decided or directed", max_length=500, widget=forms.Textarea,
                              error_messages={"required": "Enter what the court decided or directed"})


class FinalOrderForm(Form):
    version = VersionField()
    final_order = forms.ChoiceField(label="Final order", choices=FinalOrder.choices, widget=forms.RadioSelect,
                                    error_messages={"required": "Select the final order"})
    made_on = GovukDateField(label="Date of the final order", past_only=True,
                             error_messages={"required": "Enter the date of the final order"})
