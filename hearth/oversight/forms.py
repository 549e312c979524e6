"""Forms for audits: thin, each field labelled; the rules are the services'."""

from django import forms

from hearth.core.forms import Form, GovukDateField
from hearth.oversight.models import FeedbackMethod
from hearth.reference.codes import OfstedGrade

GRADES = [("", "Choose a grade"), *OfstedGrade.choices]


class TemplateForm(Form):
    name = forms.CharField(label="Name of the audit", max_length=120, required=False)
    theme = forms.CharField(label="Theme", max_length=120, required=False, help_text=(
        "Help and protection, Children in care, Care leavers or Leadership put its findings in the self-evaluation"))
    questions = forms.CharField(label="Questions", widget=forms.Textarea, required=False, help_text="One on each line")


class SampleForm(Form):
    version = forms.TypedChoiceField(label="Audit", coerce=int)
    size = forms.IntegerField(label="How many cases", min_value=1, max_value=50, initial=3)
    team = forms.TypedChoiceField(label="Team", required=False, coerce=int, empty_value=None,
                                  help_text="Leave as any team to choose from every child open to a team")
    min_age = forms.IntegerField(label="Youngest age", required=False, min_value=0, max_value=25)
    max_age = forms.IntegerField(label="Oldest age", required=False, min_value=0, max_value=25)

    def __init__(self, *args, versions, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].choices = [(v.pk, f"{v.template.name} (version {v.number})") for v in versions]
        self.fields["team"].choices = [("", "Any team")] + [(t.pk, t.name) for t in teams]


class GradeForm(Form):
    overall_grade = forms.ChoiceField(label="Overall grade", choices=GRADES, required=False)
    findings = forms.CharField(label="Findings", widget=forms.Textarea, required=False)
    family_feedback_method = forms.ChoiceField(label="How the family's feedback was gathered", required=False,
                                               choices=FeedbackMethod.choices, widget=forms.RadioSelect)
    family_feedback = forms.CharField(label="What the family said", widget=forms.Textarea, required=False)

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            self.fields[f"question_{question.pk}"] = forms.ChoiceField(
                label=f"{question.number}. {question.text}", choices=GRADES, required=False)
            self.fields[f"comment_{question.pk}"] = forms.CharField(
                label=f"Comment on question {question.number}", required=False, widget=forms.Textarea)

    def question_fields(self):
        return [(self[f"question_{q.pk}"], self[f"comment_{q.pk}"]) for q in self.questions]

    def answers(self) -> dict[int, tuple[str, str]]:
        return {q.pk: (self.cleaned_data[f"question_{q.pk}"], self.cleaned_data[f"comment_{q.pk}"])
                for q in self.questions}


class ModerationForm(Form):
    grade = forms.ChoiceField(label="Moderated grade", choices=GRADES, required=False)
    note = forms.CharField(label="Why", widget=forms.Textarea, required=False)


class ReflectionForm(Form):
    reflection = forms.CharField(label="Your reflection", widget=forms.Textarea, required=False)


class AuditActionForm(Form):
    description = forms.CharField(label="Action", widget=forms.Textarea, required=False)
    owner = forms.TypedChoiceField(label="Owner", coerce=int, empty_value=None, required=False)
    due_on = GovukDateField(label="Action due", required=False)

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.owners = {u.pk: u for u in owners}
        self.fields["owner"].choices = [("", "Choose an owner")] + [(u.pk, str(u)) for u in owners]
