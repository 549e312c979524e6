"""Forms for the child in need episode, the assessment and the plan. Codes come from the DfE's sets, chosen only."""

from django import forms

from hearth.accounts.models import User
from hearth.children_in_need.models import (
    Assessment,
    AssessmentOutcome,
    CinPlan,
    ParentingAssessment,
    ParentingAssessmentKind,
    ParentingRecommendation,
    PlanAction,
    PlanReview,
    ReviewOutcome,
    Visit,
)
from hearth.core.concurrency import VersionField
from hearth.core.forms import Form, GovukDateField, ModelForm
from hearth.reference.codes import ASSESSMENT_FACTOR_THEMES, AssessmentFactor, PrimaryNeed, ReasonForClosure


class ReferralAllocationForm(Form):
    worker = forms.ModelChoiceField(label="Social worker", queryset=User.objects.none(),
                                    empty_label="Select a social worker")
    allocated_on = GovukDateField(label="Allocated from", past_only=True)
    target_on = GovukDateField(label="Earlier target for the assessment (optional)", required=False,
                               help_text="Leave blank for the statutory 45 working days")

    def __init__(self, *args, workers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["worker"].queryset = workers
        self.fields["worker"].label_from_instance = lambda user: f"{user} ({user.job_title})" if user.job_title else str(user)


class TargetForm(Form):
    target_on = GovukDateField(label="Earlier target for the assessment", required=False,
                               help_text="Leave blank to clear it: the statutory day stays as it is")


class ClosureForm(Form):
    closure_date = GovukDateField(label="Closure date", past_only=True)
    reason = forms.ChoiceField(label="Reason for closure", choices=ReasonForClosure.choices, widget=forms.RadioSelect,
                               error_messages={"required": "Select the reason for closure"})
    no_further_action = forms.BooleanField(label="No further action on the referral (closed before any service)",
                                           required=False)
    rationale = forms.CharField(label="Reason for the decision", widget=forms.Textarea,
                                error_messages={"required": "Enter the reason for the decision"})


class ClosureRequestForm(Form):
    closure_date = GovukDateField(label="Closure date", past_only=True)
    reason = forms.ChoiceField(label="Reason for closure", choices=ReasonForClosure.choices, widget=forms.RadioSelect,
                               error_messages={"required": "Select the reason for closure"})
    summary = forms.CharField(label="Summary of the work and why the episode can close", widget=forms.Textarea,
                              error_messages={"required": "Enter a summary of the work and why the episode can close"})


class ClosureDecisionForm(Form):
    agree = forms.ChoiceField(label="Do you agree to close the episode?", widget=forms.RadioSelect,
                              choices=[("yes", "Yes, close the episode as asked"),
                                       ("no", "No, the episode stays open")],
                              error_messages={"required": "Select whether you agree to close the episode"})
    rationale = forms.CharField(label="Reason for the decision", widget=forms.Textarea,
                                help_text="If you decline, say why: the social worker sees your reason",
                                error_messages={"required": "Enter the reason for the decision"})


class AssessmentStartForm(ModelForm):
    started_on = GovukDateField(label="Start date", past_only=True,
                                error_messages={"required": "Enter the assessment's start date"})

    class Meta:
        model = Assessment
        fields = ["started_on"]


class AssessmentForm(ModelForm):
    """The assessment as the worker writes it; the version read keeps a colleague's later save."""

    version = VersionField()
    factors = forms.MultipleChoiceField(label="Factors identified at assessment", choices=AssessmentFactor.choices,
                                        required=False, widget=forms.CheckboxSelectMultiple)
    primary_need = forms.ChoiceField(label="Primary need", required=False,
                                     choices=[("", "Select the primary need")] + PrimaryNeed.choices)
    outcome = forms.ChoiceField(label="Outcome of the assessment", required=False, widget=forms.RadioSelect,
                                choices=AssessmentOutcome.choices)

    class Meta:
        model = Assessment
        fields = ["family_history", "child_views", "family_views", "analysis", "factors", "disability_needs",
                  "cultural_needs", "primary_need", "outcome"]
        widgets = {name: forms.Textarea for name in ["family_history", "child_views", "family_views", "analysis",
                                                     "disability_needs", "cultural_needs"]}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["version"] = self.instance.version

    @staticmethod
    def factor_groups():
        """The factors by theme, as (theme, [(code, label)]), for grouped checkboxes."""
        labels = dict(AssessmentFactor.choices)
        return [(theme, [(code, labels[code]) for code in codes]) for theme, codes in ASSESSMENT_FACTOR_THEMES]


ASSESSMENT_EDIT_FIELDS = ["family_history", "child_views", "family_views", "analysis", "factors", "disability_needs",
                          "cultural_needs", "primary_need", "outcome"]


class AuthorisationForm(Form):
    decision = forms.ChoiceField(label="Your decision", widget=forms.RadioSelect, choices=[
        ("authorise", "Authorise the assessment"), ("return", "Return it to the social worker")],
        error_messages={"required": "Select whether you authorise the assessment or return it"})
    authorised_on = GovukDateField(label="Date of authorisation", past_only=True, required=False)
    internal_review_on = GovukDateField(
        label="Date of the internal review (optional)", past_only=True, required=False,
        help_text="The day you reviewed the assessment within the council, if it was reviewed before this decision")
    rationale = forms.CharField(label="Reason for the decision", widget=forms.Textarea,
                                help_text="If you return it, say what it needs",
                                error_messages={"required": "Enter the reason for the decision"})

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "authorise" and not cleaned.get("authorised_on") \
                and "authorised_on" not in self.errors:
            self.add_error("authorised_on", "Enter the date of authorisation")
        return cleaned


class VisitForm(ModelForm):
    visited_on = GovukDateField(label="Date of the visit", past_only=True,
                                error_messages={"required": "Enter the date of the visit"})

    class Meta:
        model = Visit
        fields = ["visited_on", "seen", "seen_alone", "note"]
        widgets = {"note": forms.Textarea}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("seen_alone") and not cleaned.get("seen"):
            self.add_error("seen_alone", "The child can only have been seen alone if they were seen")
        return cleaned


class PlanForm(ModelForm):
    started_on = GovukDateField(label="Start date", past_only=True,
                                error_messages={"required": "Enter the plan's start date"})

    class Meta:
        model = CinPlan
        fields = ["started_on", "needs", "child_views", "written_to_child"]
        widgets = {"needs": forms.Textarea, "child_views": forms.Textarea}


class PlanEditForm(ModelForm):
    version = VersionField()

    class Meta:
        model = CinPlan
        fields = ["needs", "child_views", "written_to_child"]
        widgets = {"needs": forms.Textarea, "child_views": forms.Textarea}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["version"] = self.instance.version


PLAN_EDIT_FIELDS = ["needs", "child_views", "written_to_child"]


class PlanEndForm(Form):
    ended_on = GovukDateField(label="End date", past_only=True, error_messages={"required": "Enter the end date"})
    version = VersionField()


class PlanActionForm(ModelForm):
    due_on = GovukDateField(label="By when", error_messages={"required": "Enter the date it is due"})

    class Meta:
        model = PlanAction
        fields = ["action", "owner", "due_on"]
        widgets = {"action": forms.Textarea}


class PlanReviewForm(ModelForm):
    held_on = GovukDateField(label="Date of the review", past_only=True,
                             error_messages={"required": "Enter the date of the review"})
    outcome = forms.ChoiceField(label="Outcome of the review", choices=ReviewOutcome.choices, widget=forms.RadioSelect,
                                error_messages={"required": "Select the outcome of the review"})

    class Meta:
        model = PlanReview
        fields = ["held_on", "outcome", "notes"]
        widgets = {"notes": forms.Textarea}


class ParentingAssessmentForm(ModelForm):
    kind = forms.ChoiceField(label="Kind of assessment", choices=ParentingAssessmentKind.choices,
                             widget=forms.RadioSelect, error_messages={"required": "Select the kind of assessment"})
    started_on = GovukDateField(label="Start date", past_only=True,
                                error_messages={"required": "Enter the assessment's start date"})

    class Meta:
        model = ParentingAssessment
        fields = ["kind", "parent", "started_on"]


class ParentingCompletionForm(Form):
    completed_on = GovukDateField(label="Completion date", past_only=True,
                                  error_messages={"required": "Enter the completion date"})
    recommendation = forms.ChoiceField(label="Recommendation", choices=ParentingRecommendation.choices,
                                       widget=forms.RadioSelect,
                                       error_messages={"required": "Select the recommendation"})
    findings = forms.CharField(label="Findings and recommendation", widget=forms.Textarea,
                               error_messages={"required": "Enter the findings that support the recommendation"})
    version = VersionField()
