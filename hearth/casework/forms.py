"""Forms for case notes and allocations."""

from django import forms

from hearth.accounts.models import Team, User
from hearth.casework.models import CaseNote, CaseNoteKind, InvolvementRole
from hearth.core.concurrency import CurrentField, VersionField
from hearth.core.forms import Form, GovukDateField, GovukDateTimeField, ModelForm


class CaseNoteForm(ModelForm):
    kind = forms.ChoiceField(label="What kind of note is this?", choices=CaseNoteKind.choices, widget=forms.RadioSelect)
    occurred_at = GovukDateTimeField(label="When did it happen?", time_required=False,
                                     help_text="For example, 2 5 2025 at 14:30. Without a time, midday is recorded",
                                     error_messages={"required": "Enter the date it happened",
                                                     "future": "The time it happened must be now or in the past"})

    class Meta:
        model = CaseNote
        fields = ["kind", "title", "body", "child_words", "written_to_child"]
        labels = {"title": "Title", "body": "What happened"}
        widgets = {"body": forms.Textarea, "child_words": forms.Textarea}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("occurred_at"):
            self.instance.occurred_at = cleaned["occurred_at"]
        return cleaned


class CaseNoteCorrectionForm(CaseNoteForm):
    """A case note as it was read, to be corrected; the version read keeps a later correction by someone else."""

    version = VersionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("occurred_at", self.instance.occurred_at)
            self.initial["version"] = self.instance.version


CASE_NOTE_FIELDS = ["kind", "occurred_at", "title", "body", "child_words", "written_to_child"]


class AllocationForm(Form):
    team = forms.ModelChoiceField(label="Team", queryset=Team.objects.filter(is_active=True), empty_label="Select a team")
    worker = forms.ModelChoiceField(label="Worker", queryset=User.objects.none(), required=False,
                                    empty_label="No named worker yet", help_text="Must be a member of the team")
    started_on = GovukDateField(label="Allocated from", past_only=True)
    reason = forms.CharField(label="Reason", max_length=200, required=False)
    current = CurrentField()  # the allocation current when the page was read, so a newer one is never overwritten

    def __init__(self, *args, teams=None, **kwargs):
        super().__init__(*args, **kwargs)
        if teams is not None:
            self.fields["team"].queryset = teams
        self.fields["worker"].queryset = User.objects.filter(is_active=True, memberships__isnull=False).distinct()
        self.fields["worker"].label_from_instance = lambda user: f"{user} ({user.job_title})" if user.job_title else str(user)


ALLOCATION_FIELDS = ["team", "worker", "started_on", "reason"]


class InvolvementForm(Form):
    worker = forms.ModelChoiceField(label="Who", queryset=User.objects.none(), empty_label="Select the person")
    role = forms.ChoiceField(label="In what role", choices=[("", "Select the role")] + InvolvementRole.choices)
    started_on = GovukDateField(label="Working with the child from", past_only=True)
    reason = forms.CharField(label="Reason", max_length=200, required=False)

    def __init__(self, *args, workers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["worker"].queryset = workers
        self.fields["worker"].label_from_instance = lambda user: f"{user} ({user.job_title})" if user.job_title else str(user)


class InvolvementEndForm(Form):
    ended_on = GovukDateField(label="Last day", past_only=True)
    reason = forms.CharField(label="Why it ends", max_length=200)


class TeamWorkFilterForm(Form):
    """Which of the teams a manager manages their team's page shows: one, or all of them."""

    team = forms.ChoiceField(label="Team", required=False)

    def __init__(self, *args, teams: list[tuple[int, str]] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].choices = [("", "All your teams")] + [(str(pk), name) for pk, name in teams]

    def chosen_team(self) -> int | None:
        """The team asked for, or None for all (an unknown team is a field error, and all are shown)."""
        if not self.is_bound or not self.is_valid() or not self.cleaned_data["team"]:
            return None
        return int(self.cleaned_data["team"])
