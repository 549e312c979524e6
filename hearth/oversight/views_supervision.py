"""Supervision pages: record a supervision, read one, and who is overdue one in each team."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from hearth.accounts import policy
from hearth.accounts.models import User
from hearth.core.forms import Form, GovukDateField, GovukDateTimeField
from hearth.core.http import add_service_errors
from hearth.oversight import supervision

SECTION = "supervision"


class SupervisionForm(Form):
    worker = forms.TypedChoiceField(label="Worker supervised", coerce=int, empty_value=None, required=False)
    held_at = GovukDateTimeField(label="When was the supervision?", required=False, time_required=False,
                                 help_text="For example, 2 5 2025 at 14:30. Without a time, midday is recorded")
    children = forms.CharField(label="Children discussed", required=False, widget=forms.Textarea,
                               help_text="One on each line: the LA child ID, then what was discussed")
    reflections = forms.CharField(label="The worker's reflections", required=False, widget=forms.Textarea)
    decision = forms.CharField(label="Decision", required=False, widget=forms.Textarea)
    decision_child = forms.CharField(label="LA child ID the decision is about (if any)", required=False)
    rationale = forms.CharField(label="Rationale for the decision", required=False, widget=forms.Textarea)
    action = forms.CharField(label="Action agreed", required=False, widget=forms.Textarea)
    action_owner = forms.TypedChoiceField(label="Action owner", coerce=int, empty_value=None, required=False)
    action_due_on = GovukDateField(label="Action due", required=False)

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.people = {user.pk: user for user in people}
        choices = [("", "Choose a person")] + [(u.pk, f"{u} ({u.job_title})" if u.job_title else str(u)) for u in people]
        self.fields["worker"].choices = choices
        self.fields["action_owner"].choices = choices

    def discussed(self) -> list[supervision.Discussed]:
        found = []
        for line in self.cleaned_data["children"].splitlines():
            parts = line.strip().split(maxsplit=1)
            if parts:
                found.append(supervision.Discussed(parts[0], parts[1] if len(parts) > 1 else ""))
        return found


def _people() -> list[User]:
    return list(User.objects.filter(is_active=True, roles__code__in=[*supervision.SUPERVISED_ROLES, "team_manager"])
                .distinct().order_by("last_name", "first_name")[:500])


def supervision_page(request: HttpRequest) -> HttpResponse:
    """Who is overdue a supervision in each team, and the latest supervisions."""
    if not policy.may_oversee(request.user):
        raise PermissionDenied("Supervision records are for team managers and senior leaders.")
    return render(request, "oversight/supervision.html", {
        "title": "Supervision", "section": SECTION, "every": settings.HEARTH_SUPERVISION_EVERY_DAYS,
        "teams": supervision.overdue_by_team(request.user, timezone.localdate()),
        "recent": list(supervision.recent_supervisions(request.user)[:20])})


def supervision_new(request: HttpRequest) -> HttpResponse:
    if not policy.may_oversee(request.user):
        raise PermissionDenied("Supervision is recorded by the supervisor, a team manager or senior leader.")
    form = SupervisionForm(request.POST or None, people=_people())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            record = supervision.supervision_record(
                acting_user=request.user, worker=form.people.get(data["worker"]),
                held_at=data["held_at"],
                reflections=data["reflections"], children=form.discussed(),
                decisions=[supervision.Decided(data["decision"], data["rationale"], data["decision_child"].strip())],
                actions=[supervision.Agreed(data["action"], form.people.get(data["action_owner"]),
                                            data["action_due_on"])])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Recorded the supervision")
            return redirect("oversight:supervision_detail", record.pk)
    return render(request, "oversight/supervision_form.html", {
        "title": "Record a supervision", "section": SECTION, "form": form,
        "back_url": reverse("oversight:supervision")})


def supervision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    record = supervision.supervision_for(pk, request.user)
    return render(request, "oversight/supervision_detail.html", {
        "title": str(record), "section": SECTION, "record": record,
        "back_url": reverse("oversight:supervision") if policy.may_oversee(request.user) else None})
