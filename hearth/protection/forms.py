"""Forms for child protection: codes are chosen from the DfE's sets (never typed), dates in the GOV.UK pattern."""

from django import forms

from hearth.core.concurrency import VersionField
from hearth.core.forms import Form, GovukDateField, GovukDateTimeField, ModelForm
from hearth.protection.models import (
    Agency,
    ChildProtectionPlan,
    ConferenceKind,
    ConferenceOutcome,
    Participation,
    PlanEndReason,
)
from hearth.reference.codes import AbuseCategory

YES_NO = [("yes", "Yes"), ("no", "No")]
ATTENDEE_ROWS = 6


def yes(value: str | None) -> bool | None:
    return {"yes": True, "no": False}.get(value or "")


def _yes_no(label: str, *, required: bool = True, message: str = "") -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=YES_NO, widget=forms.RadioSelect, required=required,
                             error_messages={"required": message or f"Select yes or no: {label.lower()}"})


class DiscussionStartForm(Form):
    reason = forms.CharField(label="Why is a strategy discussion needed?", widget=forms.Textarea,
                             error_messages={"required": "Enter why a strategy discussion is needed"})


class DiscussionHoldForm(Form):
    held_at = GovukDateTimeField(label="When was it held?", error_messages={
        "required": "Enter when the discussion was held",
        "future": "The time it was held must be now or in the past"})
    chair = forms.ModelChoiceField(label="Who chaired it?", queryset=None, empty_label="Select the chair",
                                   error_messages={"required": "Select who chaired the discussion"})
    agencies = forms.MultipleChoiceField(label="Agencies present", choices=Agency.choices,
                                         widget=forms.CheckboxSelectMultiple, required=False,
                                         help_text="Select all that apply")
    other_agencies = forms.CharField(label="Other agencies present (if any)", max_length=200, required=False)
    information_shared = forms.CharField(label="Information shared", widget=forms.Textarea, required=False)
    immediate_safety_actions = forms.CharField(label="Immediate actions to keep the child safe",
                                               widget=forms.Textarea, required=False)
    see_child_by = GovukDateField(label="When is the child to be seen?",
                                  help_text="Usually the same day. For example, 27 3 2025",
                                  error_messages={"required": "Enter when the child is to be seen"})

    def __init__(self, *args, chairs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chair"].queryset = chairs


class DiscussionDecideForm(Form):
    start_enquiry = _yes_no("Start a section 47 enquiry?", message="Select whether to start a section 47 enquiry")
    rationale = forms.CharField(label="Why (the rationale for the decision)", widget=forms.Textarea,
                                error_messages={"required": "Enter the reason for the decision"})


class EnquiryRecordForm(Form):
    child_seen_on = GovukDateField(label="When was the child seen?", past_only=True, required=False,
                                   help_text="Leave empty until the child has been seen. For example, 27 3 2025")
    child_seen_alone = _yes_no("Was the child seen alone?", required=False)
    interim_safety_plan = forms.CharField(label="Interim safety plan", widget=forms.Textarea, required=False)


class EnquiryOutcomeForm(Form):
    completed_on = GovukDateField(label="Date of the outcome", past_only=True,
                                  error_messages={"required": "Enter the date of the outcome"})
    concerns_substantiated = _yes_no("Were the concerns substantiated?",
                                     message="Select whether the concerns were substantiated")
    icpc_needed = _yes_no("Is an initial child protection conference needed?",
                          message="Select whether an initial child protection conference is needed")
    icpc_not_needed_reason = forms.CharField(label="If not, why not", widget=forms.Textarea, required=False)
    rationale = forms.CharField(label="Why (the rationale for the decision)", widget=forms.Textarea,
                                error_messages={"required": "Enter the reason for the decision"})


class ConferenceForm(Form):
    """A conference: its date, chair, who attended, how the child and each parent took part, and its decision."""

    held_on = GovukDateField(label="Date of the conference", past_only=True,
                             error_messages={"required": "Enter the date of the conference"})
    chair = forms.ModelChoiceField(label="Chair (independent reviewing officer)", queryset=None,
                                   empty_label="Select the chair", error_messages={"required": "Select the chair"})
    child_participation = forms.ChoiceField(label="Did the child take part, and how?",
                                            choices=[("", "Select how the child took part")] + Participation.choices,
                                            error_messages={"required": "Select whether, and how, the child took part"})
    child_views = forms.CharField(label="The child's views, wishes and feelings", widget=forms.Textarea, required=False)
    outcome = forms.ChoiceField(label="The conference's decision", widget=forms.RadioSelect,
                                error_messages={"required": "Select the conference's decision"})
    category = forms.ChoiceField(label="Category of abuse", choices=AbuseCategory.choices, widget=forms.RadioSelect,
                                 required=False, help_text="For a plan that starts or continues")
    end_reason = forms.ChoiceField(label="If the plan ends, why", required=False,
                                   choices=[("", "Select the reason")] + PlanEndReason.choices)
    rationale = forms.CharField(label="Why (the rationale for the decision)", widget=forms.Textarea,
                                error_messages={"required": "Enter the reason for the decision"})

    def __init__(self, *args, kind: str, chairs, parents, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.parents = list(parents)
        self.fields["chair"].queryset = chairs
        outcomes = ([ConferenceOutcome.PLAN, ConferenceOutcome.NO_PLAN] if kind == ConferenceKind.INITIAL
                    else [ConferenceOutcome.CONTINUE, ConferenceOutcome.END])
        self.fields["outcome"].choices = [(outcome.value, outcome.label) for outcome in outcomes]
        if kind == ConferenceKind.INITIAL:
            del self.fields["end_reason"]
        for parent in self.parents:
            self.fields[f"parent_{parent.pk}"] = forms.ChoiceField(
                label=f"Did {parent.full_name} take part, and how?",
                choices=[("", "Select how they took part")] + Participation.choices,
                error_messages={"required": f"Select whether, and how, {parent.full_name} took part"})
        for row in range(1, ATTENDEE_ROWS + 1):
            self.fields[f"attendee_{row}_name"] = forms.CharField(label=f"Attendee {row}: name", max_length=150,
                                                                  required=False)
            self.fields[f"attendee_{row}_agency"] = forms.ChoiceField(
                label=f"Attendee {row}: agency", required=False, choices=[("", "Select the agency")] + Agency.choices)

    @property
    def field_order_shown(self) -> list[str]:
        parents = [f"parent_{parent.pk}" for parent in self.parents]
        attendees = [f"attendee_{row}_{part}" for row in range(1, ATTENDEE_ROWS + 1) for part in ("name", "agency")]
        tail = ["outcome", "category"] + (["end_reason"] if "end_reason" in self.fields else []) + ["rationale"]
        return ["held_on", "chair", "child_participation", "child_views", *parents, *attendees, *tail]

    def clean(self):
        cleaned = super().clean()
        for row in range(1, ATTENDEE_ROWS + 1):
            name, agency = cleaned.get(f"attendee_{row}_name"), cleaned.get(f"attendee_{row}_agency")
            if agency and not name:
                self.add_error(f"attendee_{row}_name", f"Enter the name of attendee {row}")
            elif name and not agency:
                self.add_error(f"attendee_{row}_agency", f"Select the agency of attendee {row}")
        return cleaned

    def attendees(self) -> list[tuple[str, str]]:
        return [(self.cleaned_data[f"attendee_{row}_name"], self.cleaned_data[f"attendee_{row}_agency"])
                for row in range(1, ATTENDEE_ROWS + 1) if self.cleaned_data.get(f"attendee_{row}_name")]

    def parent_participation(self) -> list[tuple[object, str]]:
        return [(parent, self.cleaned_data[f"parent_{parent.pk}"]) for parent in self.parents]


class CoreGroupForm(Form):
    held_on = GovukDateField(label="Date of the meeting", past_only=True,
                             error_messages={"required": "Enter the date of the meeting"})
    attendees = forms.CharField(label="Who attended", widget=forms.Textarea, required=False)
    notes = forms.CharField(label="What was agreed", widget=forms.Textarea, required=False)


class VisitForm(Form):
    visited_on = GovukDateField(label="Date of the visit", past_only=True,
                                error_messages={"required": "Enter the date of the visit"})
    child_seen = _yes_no("Was the child seen?", message="Select whether the child was seen")
    child_seen_alone = _yes_no("Was the child seen alone?", message="Select whether the child was seen alone")
    notes = forms.CharField(label="What happened", widget=forms.Textarea, required=False)


class PlanForm(ModelForm):
    """The plan's wording, edited onto the version read."""

    version = VersionField()

    class Meta:
        model = ChildProtectionPlan
        fields = ["plan", "child_views", "written_to_child"]
        widgets = {"plan": forms.Textarea, "child_views": forms.Textarea}
        help_texts = {"plan": "What will change, who will do what, and by when: written so the child can understand it"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["version"] = self.instance.version


PLAN_FIELDS = ["plan", "child_views", "written_to_child"]
