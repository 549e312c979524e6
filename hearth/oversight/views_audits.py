"""Quality-assurance audit pages: templates, sampling, grading with family feedback, moderation, the worker's
reflection, actions, and the audit themes by month with the audits behind each figure."""

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from hearth.accounts import policy
from hearth.accounts.models import Team, User
from hearth.core.http import add_service_errors
from hearth.oversight import selectors, services
from hearth.oversight.forms import (
    AuditActionForm,
    GradeForm,
    ModerationForm,
    ReflectionForm,
    SampleForm,
    TemplateForm,
)
from hearth.oversight.models import AuditStatus
from hearth.reference.codes import OfstedGrade

SECTION = "audits"


def _require_manager(request: HttpRequest) -> None:
    if not policy.may_oversee(request.user):
        raise PermissionDenied("Audits are for team managers and senior leaders.")


def audits_page(request: HttpRequest) -> HttpResponse:
    _require_manager(request)
    return render(request, "oversight/audits.html", {
        "title": "Audits", "section": SECTION, "to_do": list(selectors.audits_to_do(request.user)),
        "to_moderate": list(selectors.audits_to_moderate(request.user)[:50]),
        "templates": list(selectors.templates())})


def template_new(request: HttpRequest) -> HttpResponse:
    _require_manager(request)
    form = TemplateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.audit_template_create(acting_user=request.user, name=data["name"], theme=data["theme"],
                                           questions=data["questions"].splitlines())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Made the audit template")
            return redirect("oversight:audits")
    return render(request, "oversight/template_form.html", {
        "title": "Make an audit template", "section": SECTION, "form": form, "back_url": reverse("oversight:audits")})


def template_revise(request: HttpRequest, pk: int) -> HttpResponse:
    _require_manager(request)
    template = next((t for t in selectors.templates() if t.pk == pk), None)
    if template is None:
        raise Http404("No such audit template")
    latest = template.versions.all()[0]
    form = TemplateForm(request.POST or None, initial={
        "name": template.name, "theme": template.theme, "questions": "\n".join(q.text for q in latest.questions.all())})
    if request.method == "POST" and form.is_valid():
        try:
            version = services.audit_template_revise(acting_user=request.user, template=template,
                                                     questions=form.cleaned_data["questions"].splitlines())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Made version {version.number} of {template}")
            return redirect("oversight:audits")
    return render(request, "oversight/template_form.html", {
        "title": f"New version of {template}", "section": SECTION, "form": form, "revising": True,
        "back_url": reverse("oversight:audits")})


def sample_page(request: HttpRequest) -> HttpResponse:
    _require_manager(request)
    versions = selectors.latest_versions()
    teams = list(Team.objects.filter(is_active=True).order_by("name"))
    form = SampleForm(request.POST or None, versions=versions, teams=teams)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        by_pk = {v.pk: v for v in versions}
        try:
            audits = services.audit_sample(
                acting_user=request.user, version=by_pk[data["version"]], size=data["size"],
                team=next((t for t in teams if t.pk == data["team"]), None), min_age=data["min_age"],
                max_age=data["max_age"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Chose {len(audits)} {'case' if len(audits) == 1 else 'cases'} for you to audit")
            return redirect("oversight:audits")
    return render(request, "oversight/sample_form.html", {
        "title": "Choose cases to audit", "section": SECTION, "form": form, "back_url": reverse("oversight:audits")})


def audit_page(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    audit = selectors.audit(pk, user)
    questions = audit.version.questions.all()
    answers = {answer.question_id: answer for answer in audit.answers.all()}
    initial = {"overall_grade": audit.overall_grade, "findings": audit.findings,
               "family_feedback": audit.family_feedback, "family_feedback_method": audit.family_feedback_method}
    for question in questions:
        if question.pk in answers:
            initial[f"question_{question.pk}"] = answers[question.pk].grade
            initial[f"comment_{question.pk}"] = answers[question.pk].comment
    owners = list(User.objects.filter(is_active=True, roles__code__in=["team_manager", "senior_leader",
                                                                        "social_worker"]).distinct()
                  .order_by("last_name")[:200])
    which = request.POST.get("form") if request.method == "POST" else None
    grade_form = GradeForm(request.POST if which == "grade" else None, questions=questions, initial=initial)
    moderation_form = ModerationForm(request.POST if which == "moderate" else None)
    reflection_form = ReflectionForm(request.POST if which == "reflect" else None)
    action_form = AuditActionForm(request.POST if which == "action" else None, owners=owners)
    forms_by_name = {"grade": grade_form, "moderate": moderation_form, "reflect": reflection_form,
                     "action": action_form}
    if which in forms_by_name and forms_by_name[which].is_valid():
        data = forms_by_name[which].cleaned_data
        try:
            if which == "grade":
                services.audit_grade(acting_user=user, audit=audit, answers=grade_form.answers(),
                                     overall_grade=data["overall_grade"], findings=data["findings"],
                                     family_feedback=data["family_feedback"],
                                     family_feedback_method=data["family_feedback_method"])
            elif which == "moderate":
                services.audit_moderate(acting_user=user, audit=audit, grade=data["grade"], note=data["note"])
            elif which == "reflect":
                services.audit_reflect(acting_user=user, audit=audit, reflection=data["reflection"])
            else:
                services.audit_action_add(acting_user=user, audit=audit, description=data["description"],
                                          owner=action_form.owners.get(data["owner"]), due_on=data["due_on"])
        except ValidationError as error:
            add_service_errors(forms_by_name[which], error)
        else:
            messages.success(request, "Saved")
            return redirect("oversight:audit", audit.pk)
    form = forms_by_name.get(which)
    return render(request, "oversight/audit.html", {
        "title": f"Audit: {audit.version.template}", "section": SECTION, "audit": audit, "answers": answers,
        "grade_form": grade_form, "moderation_form": moderation_form, "reflection_form": reflection_form,
        "action_form": action_form, "form": form if form is not None and form.errors else None,
        "is_auditor": user.pk == audit.auditor_id, "is_worker": user.pk == audit.worker_id,
        "may_moderate": policy.may_oversee(user) and user.pk != audit.auditor_id and audit.status != AuditStatus.SAMPLED,
        "grade_label": lambda code: OfstedGrade(code).label if code else "Not graded",
        "back_url": reverse("oversight:audits") if policy.may_oversee(user) else None})


def themes_page(request: HttpRequest) -> HttpResponse:
    """Audits graded each month, by theme and grade; each figure opens the audits behind it."""
    _require_manager(request)
    months, figures = selectors.theme_figures(timezone.localdate())

    def list_url(theme: str, month: date, grade: str = "") -> str:
        query = {"theme": theme, "month": month.strftime("%Y-%m")}
        if grade:
            query["grade"] = grade
        return f"{reverse('oversight:audits_behind')}?{urlencode(query)}"

    return render(request, "oversight/themes.html", {
        "title": "Audit themes", "section": SECTION, "months": months, "figures": figures, "grades": OfstedGrade,
        "list_url": list_url})


def audits_behind_page(request: HttpRequest) -> HttpResponse:
    _require_manager(request)
    theme, grade = request.GET.get("theme", ""), request.GET.get("grade", "")
    try:
        month = date.fromisoformat(request.GET.get("month", "") + "-01")
    except ValueError:
        raise Http404("No such month") from None
    if grade and grade not in OfstedGrade.values:
        raise Http404("No such grade")
    audits = list(selectors.audits_behind(month=month, theme=theme, grade=grade)[:500])
    return render(request, "oversight/audits_behind.html", {
        "title": f"Audits graded in {month:%B %Y}", "section": SECTION, "audits": audits, "theme": theme,
        "grade": OfstedGrade(grade).label if grade else "", "month": month,
        "grade_label": lambda code: OfstedGrade(code).label if code else "Not graded",
        "back_url": reverse("oversight:audit_themes")})

