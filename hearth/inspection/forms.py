"""Forms for the inspection pages: thin, each field labelled; the rules are the services'."""

from django import forms
from django.conf import settings

from hearth.core.forms import Form, GovukDateField, ModelForm
from hearth.inspection import measures
from hearth.inspection.frameworks import InspectionKind, JudgementArea
from hearth.inspection.models import ActionStatus, EvidenceKind, Inspection
from hearth.inspection.services import MilestonePlan, judgement_field
from hearth.reference.codes import OfstedGrade

NOT_GRADED = ("", "Not graded")
AREA_HINTS = {
    JudgementArea.LEADERS: "Graded by standard and short ILACS inspections",
    JudgementArea.HELP_AND_PROTECTION: "Graded by ILACS inspections and by the single inspection framework",
    JudgementArea.CHILDREN_IN_CARE: "Graded by ILACS inspections from 2023",
    JudgementArea.CARE_LEAVERS: "Graded by ILACS inspections from 2023 and by the single inspection framework",
    JudgementArea.CHILDREN_IN_CARE_AND_CARE_LEAVERS: "Graded by ILACS inspections from 2018 to 2022",
    JudgementArea.CHILDREN_LOOKED_AFTER: "Graded by the single inspection framework (before 2018)",
    JudgementArea.ADOPTION: "Graded by the single inspection framework (before 2018)",
    JudgementArea.LEADERSHIP_MANAGEMENT_GOVERNANCE: "Graded by the single inspection framework (before 2018)",
    JudgementArea.OVERALL: "Graded by standard and short ILACS inspections and by the single inspection framework",
}


class InspectionForm(ModelForm):
    kind = forms.ChoiceField(label="Type of inspection", choices=InspectionKind.choices, widget=forms.RadioSelect)
    started_on = GovukDateField(label="First day of the inspection")
    ended_on = GovukDateField(label="Last day of the inspection")
    report_received_on = GovukDateField(label="Date the final report was received", required=False, past_only=True,
                                        help_text="The action plan is due 70 working days after it. For example, 12 7 2024")
    report_published_on = GovukDateField(label="Date the report was published", required=False, past_only=True)
    points = forms.CharField(
        label="What needs to improve", required=False, widget=forms.Textarea,
        help_text="The report's points, one on each line, in the report's words")

    class Meta:
        model = Inspection
        fields = ["local_authority", "kind", "started_on", "ended_on", "lead_inspector", "report_received_on",
                  "report_published_on", "notes"]
        labels = {"local_authority": "Council inspected", "lead_inspector": "Lead inspector"}
        widgets = {"notes": forms.Textarea}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            self.fields["local_authority"].initial = settings.HEARTH_COUNCIL_NAME
        grades = self.instance.grades() if self.instance.pk else {}
        for area in JudgementArea:
            self.fields[judgement_field(area)] = forms.ChoiceField(
                label=area.label, required=False, choices=[NOT_GRADED, *OfstedGrade.choices],
                help_text=AREA_HINTS[area], initial=grades.get(area.value, ""))
        if self.instance.pk:
            self.fields["points"].initial = "\n".join(p.text for p in self.instance.improvement_points.all())

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("started_on"), cleaned.get("ended_on")
        if first and last and last < first:
            self.add_error("ended_on", "The last day must be the same as or after the first day")
        return cleaned

    @property
    def grade_fields(self):
        return [self[judgement_field(area)] for area in JudgementArea]

    def grades(self) -> dict[str, str]:
        # The raw choices as typed, so a grade the type does not judge reaches the service and is refused there.
        return {area.value: self.data.get(judgement_field(area), "") for area in JudgementArea}

    def point_texts(self) -> list[str]:
        return (self.cleaned_data.get("points") or "").splitlines()


class ReportUploadForm(Form):
    report = forms.FileField(label="Upload the report", help_text="A PDF or a text file, smaller than 10 MB")


class SubmissionForm(Form):
    submitted_on = GovukDateField(label="Date the plan was sent to Ofsted", past_only=True)


class ActionForm(Form):
    point = forms.TypedChoiceField(label="What needs to improve", coerce=int, widget=forms.RadioSelect,
                                   empty_value=None, required=False)
    description = forms.CharField(label="The action", widget=forms.Textarea, required=False)
    owner = forms.TypedChoiceField(label="Owner", coerce=int, empty_value=None, required=False,
                                   help_text="Who reports on this action")
    due_on = GovukDateField(label="Due", required=False)
    milestone_1 = forms.CharField(label="First milestone", required=False, max_length=300)
    milestone_1_due = GovukDateField(label="First milestone due", required=False)
    milestone_2 = forms.CharField(label="Second milestone", required=False, max_length=300)
    milestone_2_due = GovukDateField(label="Second milestone due", required=False)

    def __init__(self, *args, points, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.points = {point.pk: point for point in points}
        self.owners = {user.pk: user for user in owners}
        self.fields["point"].choices = [(p.pk, f"{p.number}. {p.text}") for p in points]
        self.fields["owner"].choices = [("", "Choose an owner")] + [
            (u.pk, f"{u} ({u.job_title})" if u.job_title else str(u)) for u in owners]

    def clean(self):
        cleaned = super().clean()
        for n in (1, 2):
            if cleaned.get(f"milestone_{n}") and not cleaned.get(f"milestone_{n}_due"):
                self.add_error(f"milestone_{n}_due", "Enter the date this milestone is due")
        return cleaned

    def milestones(self) -> list[MilestonePlan]:
        return [MilestonePlan(self.cleaned_data[f"milestone_{n}"], self.cleaned_data[f"milestone_{n}_due"])
                for n in (1, 2) if self.cleaned_data.get(f"milestone_{n}")]


class ProgressForm(Form):
    status = forms.ChoiceField(label="Status", choices=ActionStatus.choices, widget=forms.RadioSelect, required=False)
    note = forms.CharField(label="Progress since the last update", widget=forms.Textarea, required=False)


class EvidenceForm(Form):
    kind = forms.ChoiceField(label="Kind of evidence", choices=EvidenceKind.choices, widget=forms.RadioSelect,
                             required=False)
    measure = forms.ChoiceField(label="Measure", required=False,
                                help_text="For a live measure: its latest figures go in each progress report")
    title = forms.CharField(label="Title", required=False, max_length=200,
                            help_text="For a measure, leave blank to use the measure's name")
    url = forms.CharField(label="Address", required=False, max_length=500,
                          help_text="For an audit or a document: a page in Hearth (starting /) or https://")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measure"].choices = [("", "Choose a measure")] + measures.choices()


class ReportDateForm(Form):
    as_of = GovukDateField(label="Figures as of", required=False, past_only=True)
    audience = forms.ChoiceField(label="For", required=False, choices=[
        ("scrutiny", "Children and Young People Scrutiny Committee"), ("cabinet", "Cabinet")])


class SampleForm(Form):
    list_name = forms.CharField(label="List", max_length=120, initial="Case sample",
                                help_text="For example, Annex A list 1, or Children in care")
    la_child_ids = forms.CharField(label="LA child IDs", widget=forms.Textarea,
                                   help_text="One on each line")

    def ids(self) -> list[str]:
        return self.cleaned_data["la_child_ids"].split()


class InspectorAccountForm(Form):
    first_name = forms.CharField(label="First name", max_length=150)
    last_name = forms.CharField(label="Last name", max_length=150)
    email = forms.EmailField(label="Email address")
    username = forms.CharField(label="Username", max_length=150)
    password = forms.CharField(label="Initial password", widget=forms.PasswordInput, strip=False,
                               help_text="At least 12 characters. Give it to the inspector separately.")


class DayForm(Form):
    day = GovukDateField(label="Day", required=False, past_only=True)


class SelfEvaluationForm(Form):
    as_of = GovukDateField(label="Self-evaluation as of", past_only=True)
    summary = forms.CharField(label="Summary", widget=forms.Textarea, required=False)

    def __init__(self, *args, **kwargs):
        from hearth.inspection.frameworks import SELF_EVALUATION_AREAS

        super().__init__(*args, **kwargs)
        self.areas = SELF_EVALUATION_AREAS
        for area in self.areas:
            self.fields[f"{area.value}_strengths"] = forms.CharField(
                label="Strengths", widget=forms.Textarea, required=False)
            self.fields[f"{area.value}_improve"] = forms.CharField(
                label="Areas to improve", widget=forms.Textarea, required=False)

    def area_fields(self):
        return [(area, self[f"{area.value}_strengths"], self[f"{area.value}_improve"]) for area in self.areas]

    def sections(self) -> dict[str, tuple[str, str]]:
        return {area.value: (self.cleaned_data[f"{area.value}_strengths"], self.cleaned_data[f"{area.value}_improve"])
                for area in self.areas}


class CompareForm(Form):
    before = forms.TypedChoiceField(label="Earlier version", coerce=int)
    after = forms.TypedChoiceField(label="Later version", coerce=int)

    def __init__(self, *args, versions, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(v.pk, f"{v} (written {v.written_at:%d/%m/%Y %H:%M} by {v.written_by})") for v in versions]
        self.fields["before"].choices = choices
        self.fields["after"].choices = choices
