"""The inspection pages: the register and judgements over time, the action plan and its progress reports,
and inspectors' access (the case sample, the accounts and the daily list of what they read)."""

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from hearth.accounts.models import AccessAction
from hearth.accounts.policy import log_access
from hearth.core.http import add_service_errors
from hearth.inspection import access, measures, selectors, services
from hearth.inspection.forms import (
    ActionForm,
    DayForm,
    EvidenceForm,
    InspectionForm,
    InspectorAccountForm,
    ProgressForm,
    ReportDateForm,
    ReportUploadForm,
    SampleForm,
    SubmissionForm,
)
from hearth.inspection.frameworks import JudgementArea
from hearth.inspection.models import ActionStatus, EvidenceKind, Inspection
from hearth.reference.codes import OfstedGrade

SECTION = "inspections"
GRADE_COLOURS = {OfstedGrade.OUTSTANDING: "green", OfstedGrade.GOOD: "turquoise",
                 OfstedGrade.REQUIRES_IMPROVEMENT: "yellow", OfstedGrade.INADEQUATE: "red"}


def grade_tag(grade: str) -> tuple[str, str]:
    """A grade's words and its GOV.UK tag colour; a grade the inspection gave but Hearth lacks is 'Not recorded'."""
    if not grade:
        return "Not recorded", "grey"
    return OfstedGrade(grade).label, GRADE_COLOURS[OfstedGrade(grade)]


def _common(**context) -> dict:
    return {"section": SECTION, "grade_tag": grade_tag, "area_label": lambda code: JudgementArea(code).label,
            **context}


# --- The register ------------------------------------------------------------------------------------------------

def register_page(request: HttpRequest) -> HttpResponse:
    """Every inspection on record, by council, with its judgements and the plan's state."""
    access.require_reader(request.user)
    found = list(selectors.inspections())
    by_council: dict[str, list[Inspection]] = {}
    for item in found:
        by_council.setdefault(item.local_authority, []).append(item)
    return render(request, "inspection/register.html", _common(
        title="Inspections", by_council=by_council, coordinator=access.is_coordinator(request.user),
        sorted_judgements=selectors.sorted_judgements))


def judgements_page(request: HttpRequest) -> HttpResponse:
    """One council's judgements over time: a table for each area, by inspection."""
    access.require_reader(request.user)
    councils = selectors.councils()
    council = request.GET.get("council") or (councils[0] if councils else "")
    if councils and council not in councils:
        raise Http404("No inspections of that council")
    return render(request, "inspection/judgements.html", _common(
        title=f"Judgements over time: {council}", council=council, councils=councils,
        areas=selectors.judgements_over_time(council), back_url=reverse("inspection:register")))


def _inspection_form_page(request: HttpRequest, instance: Inspection | None) -> HttpResponse:
    access.require_coordinator(request.user)
    form = InspectionForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        record = services.inspection_amend if instance else services.inspection_record
        try:
            saved = record(acting_user=request.user, inspection=form.instance, grades=form.grades(),
                           points=form.point_texts())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{'Updated' if instance else 'Recorded'} the {saved.get_kind_display().lower()}")
            return redirect("inspection:detail", saved.pk)
    title = "Change the inspection" if instance else "Record an inspection"
    back = reverse("inspection:detail", args=[instance.pk]) if instance else reverse("inspection:register")
    return render(request, "inspection/inspection_form.html", _common(title=title, form=form, back_url=back))


def inspection_new(request: HttpRequest) -> HttpResponse:
    return _inspection_form_page(request, None)


def inspection_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _inspection_form_page(request, selectors.inspection(pk))


def inspection_detail(request: HttpRequest, pk: int) -> HttpResponse:
    access.require_reader(request.user)
    item = selectors.inspection(pk)
    return render(request, "inspection/inspection_detail.html", _common(
        title=str(item), inspection=item, judgements=selectors.sorted_judgements(item),
        deadline=selectors.plan_deadline(item, timezone.now()), coordinator=access.is_coordinator(request.user),
        upload_form=ReportUploadForm(), plan=getattr(item, "action_plan", None),
        report=getattr(item, "report", None), back_url=reverse("inspection:register")))


def report_upload(request: HttpRequest, pk: int) -> HttpResponse:
    access.require_coordinator(request.user)
    item = selectors.inspection(pk)
    form = ReportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.inspection_report_attach(acting_user=request.user, inspection=item, upload=form.cleaned_data["report"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Attached the report")
            return redirect("inspection:detail", item.pk)
    return render(request, "inspection/report_upload.html", _common(
        title="Attach the report", inspection=item, form=form, back_url=reverse("inspection:detail", args=[pk])))


def report_download(request: HttpRequest, pk: int) -> HttpResponse:
    access.require_reader(request.user)
    item = selectors.inspection(pk)
    report = getattr(item, "report", None)
    if report is None:
        raise Http404("No report attached")
    response = HttpResponse(bytes(report.content), content_type=report.content_type)
    response["Content-Disposition"] = f'attachment; filename="{report.file_name}"'
    return response


# --- The action plan ---------------------------------------------------------------------------------------------

def plan_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The plan: its deadline and time left, its submission, and each point's actions with their latest status."""
    access.require_reader(request.user)
    item = selectors.inspection(pk)
    plan = selectors.plan_with_actions(item)
    coordinator = access.is_coordinator(request.user)
    if request.method == "POST":
        access.require_coordinator(request.user)
        if plan is None:
            try:
                services.action_plan_start(acting_user=request.user, inspection=item)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            return redirect("inspection:plan", item.pk)
        form = SubmissionForm(request.POST)
        if form.is_valid():
            try:
                services.action_plan_submit(acting_user=request.user, plan=plan,
                                            submitted_on=form.cleaned_data["submitted_on"])
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Recorded the plan's submission to Ofsted")
                return redirect("inspection:plan", item.pk)
    else:
        form = SubmissionForm()
    actions_by_point = {point.pk: [] for point in item.improvement_points.all()}
    for action_row in (plan.actions.all() if plan else []):
        actions_by_point.setdefault(action_row.point_id, []).append(action_row)
    return render(request, "inspection/plan.html", _common(
        title=f"Action plan: {item}", inspection=item, plan=plan, coordinator=coordinator, form=form,
        deadline=selectors.plan_deadline(item, timezone.now()), actions_by_point=actions_by_point,
        back_url=reverse("inspection:detail", args=[pk])))


def action_new(request: HttpRequest, pk: int) -> HttpResponse:
    access.require_coordinator(request.user)
    item = selectors.inspection(pk)
    plan = getattr(item, "action_plan", None)
    if plan is None:
        raise Http404("Start the plan first")
    points = list(item.improvement_points.all())
    owners = list(selectors.possible_owners())
    initial = {"point": request.GET.get("point")}
    form = ActionForm(request.POST or None, points=points, owners=owners, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.action_add(acting_user=request.user, plan=plan, point=form.points.get(data["point"]),
                                description=data["description"], owner=form.owners.get(data["owner"]),
                                due_on=data["due_on"], milestones=form.milestones())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Added the action")
            return redirect("inspection:plan", item.pk)
    return render(request, "inspection/action_form.html", _common(
        title="Add an action", inspection=item, form=form, back_url=reverse("inspection:plan", args=[pk])))


def action_page(request: HttpRequest, pk: int) -> HttpResponse:
    """One action: its owner's updates (each kept), its milestones and its evidence; the owner reports here."""
    access.require_reader(request.user)
    item = selectors.action(pk)
    user = request.user
    is_owner = user.pk == item.owner_id
    progress = ProgressForm(initial={"status": item.status})
    evidence = EvidenceForm()
    if request.method == "POST":
        which = request.POST.get("form")
        try:
            if which == "progress":
                progress = ProgressForm(request.POST)
                if progress.is_valid():
                    services.action_progress_record(acting_user=user, action=item, status=progress.cleaned_data["status"],
                                                    note=progress.cleaned_data["note"])
                    messages.success(request, "Recorded your update")
                    return redirect("inspection:action", item.pk)
            elif which == "evidence":
                evidence = EvidenceForm(request.POST)
                if evidence.is_valid():
                    data = evidence.cleaned_data
                    services.evidence_add(acting_user=user, action=item, kind=data["kind"], title=data["title"],
                                          measure=data["measure"], url=data["url"])
                    messages.success(request, "Added the evidence")
                    return redirect("inspection:action", item.pk)
            else:
                raise Http404("No such form")
        except ValidationError as error:
            add_service_errors(progress if which == "progress" else evidence, error)
    form = progress if progress.errors else evidence if evidence.errors else None
    return render(request, "inspection/action.html", _common(
        title=f"Action: {item}", action=item, inspection=item.plan.inspection, is_owner=is_owner,
        may_add_evidence=is_owner or access.is_coordinator(user), progress=progress, evidence=evidence,
        form=form, statuses=ActionStatus, evidence_kinds=EvidenceKind,
        back_url=reverse("inspection:plan", args=[item.plan.inspection_id])))


def _report_context(request: HttpRequest, pk: int) -> dict:
    access.require_reader(request.user)
    item = selectors.inspection(pk, judgements=False)  # a progress report shows the plan, not the grades
    plan = selectors.plan_with_actions(item)
    if plan is None:
        raise Http404("No action plan yet")
    form = ReportDateForm(request.GET or None)
    as_of = timezone.localdate()
    audience = "scrutiny"
    if form.is_bound and form.is_valid():
        as_of = form.cleaned_data.get("as_of") or as_of
        audience = form.cleaned_data.get("audience") or audience
    actions = list(plan.actions.all())
    wanted = [e.measure for a in actions for e in a.evidence.all() if e.kind == EvidenceKind.MEASURE]
    readings = measures.readings_as_of(wanted, as_of)
    # Each action as it stood on the report's date: its latest update written by then.
    for action_row in actions:
        action_row.as_of_update = next((u for u in action_row.updates.all()
                                        if timezone.localtime(u.written_at).date() <= as_of), None)
    counts = {status: sum(1 for a in actions if (a.as_of_update.status if a.as_of_update else a.status) == status)
              for status in ActionStatus.values}
    audience_label = dict(form.fields["audience"].choices)[audience]
    return _common(
        title=f"Progress report on the action plan, {as_of.day} {as_of:%B %Y}", inspection=item, plan=plan,
        actions=actions, readings=readings, as_of=as_of, audience=audience, audience_label=audience_label,
        counts=counts, form=form, deadline=selectors.plan_deadline(item, timezone.now()), statuses=ActionStatus,
        evidence_kinds=EvidenceKind, back_url=reverse("inspection:plan", args=[pk]),
    )


def progress_report(request: HttpRequest, pk: int) -> HttpResponse:
    """The plan's progress as of a date, for the scrutiny committee or cabinet: a printable page."""
    context = _report_context(request, pk)
    log_access(user=request.user, action=AccessAction.VIEW, what=f"Action plan progress report: {context['inspection']}")
    return render(request, "inspection/progress_report.html", context)


def progress_report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The same report as a PDF (WeasyPrint), from the same template."""
    from hearth.inspection.pdf import render_pdf

    context = _report_context(request, pk)
    log_access(user=request.user, action=AccessAction.EXPORT,
               what=f"Action plan progress report (PDF): {context['inspection']}")
    pdf = render_pdf(request, "inspection/progress_report_pdf.html", context)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (f'attachment; filename="action-plan-progress-{context["audience"]}-'
                                       f'{context["as_of"].isoformat()}.pdf"')
    return response


# --- Inspectors' access ------------------------------------------------------------------------------------------

def access_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The coordinator's page: the case sample, the inspectors' accounts, and links to each day's views."""
    access.require_coordinator(request.user)
    item = selectors.inspection(pk)
    sample_form = SampleForm(request.POST if request.POST.get("form") == "sample" else None)
    account_form = InspectorAccountForm(request.POST if request.POST.get("form") == "account" else None)
    if request.method == "POST":
        try:
            if sample_form.is_bound and sample_form.is_valid():
                added = services.sample_add(acting_user=request.user, inspection=item, la_child_ids=sample_form.ids(),
                                            list_name=sample_form.cleaned_data["list_name"])
                messages.success(request, f"Added {len(added)} {'child' if len(added) == 1 else 'children'} to the sample")
                return redirect("inspection:access", item.pk)
            if account_form.is_bound and account_form.is_valid():
                data = account_form.cleaned_data
                account = services.inspector_account_create(
                    acting_user=request.user, inspection=item, first_name=data["first_name"],
                    last_name=data["last_name"], email=data["email"], username=data["username"],
                    password=data["password"])
                messages.success(request, f"Made a read-only account for {account.user}, open until the end of "
                                          f"{item.ended_on.day} {item.ended_on:%B %Y}")
                return redirect("inspection:access", item.pk)
        except ValidationError as error:
            add_service_errors(sample_form if sample_form.is_bound else account_form, error)
    form = sample_form if sample_form.errors else account_form if account_form.errors else None
    days = []
    day = item.started_on
    while day <= min(item.ended_on, timezone.localdate()):
        days.append(day)
        day = date.fromordinal(day.toordinal() + 1)
    return render(request, "inspection/access.html", _common(
        title=f"Inspectors' access: {item}", inspection=item, sample=list(selectors.sample(item)),
        accounts=list(selectors.accounts(item)), sample_form=sample_form, account_form=account_form, form=form,
        days=days, now=timezone.now(), back_url=reverse("inspection:detail", args=[pk])))


def views_page(request: HttpRequest, pk: int) -> HttpResponse:
    """What the inspection's inspectors read on one day (today unless another is chosen)."""
    access.require_coordinator(request.user)
    item = selectors.inspection(pk)
    form = DayForm(request.GET or None)
    day = timezone.localdate()
    if form.is_bound and form.is_valid() and form.cleaned_data.get("day"):
        day = form.cleaned_data["day"]
    events = list(selectors.views_on(item, day)[:500])
    return render(request, "inspection/views.html", _common(
        title=f"What inspectors read on {day.day} {day:%B %Y}", inspection=item, day=day, events=events, form=form,
        back_url=reverse("inspection:access", args=[pk])))


def my_sample_page(request: HttpRequest) -> HttpResponse:
    """An inspector's starting point: the children of the council's lists, and when their access closes."""
    if not access.is_inspection_inspector(request.user):
        raise PermissionDenied("This page is for inspectors on an inspection.")
    account = selectors.my_account(request.user)
    children = list(selectors.my_sample(request.user))
    log_access(user=request.user, action=AccessAction.SEARCH, what="Inspection case sample", result_count=len(children))
    return render(request, "inspection/my_sample.html", {
        "title": "Your case sample", "section": "case_sample", "account": account, "children": children})


# --- The self-evaluation -----------------------------------------------------------------------------------------

def _self_evaluation_context(version) -> dict:
    from hearth.inspection.frameworks import SELF_EVALUATION_AREAS

    wanted = [code for area in SELF_EVALUATION_AREAS for code in measures.AREA_MEASURES.get(area.value, [])]
    readings = measures.readings_as_of(wanted, version.as_of)
    sections = selectors.sections_by_area(version)
    themes = {area.value: measures.AREA_AUDIT_THEMES.get(area.value, "") for area in SELF_EVALUATION_AREAS}
    findings = selectors.audit_findings_by_theme([t for t in themes.values() if t], version.as_of)
    return _common(
        title=str(version), version=version, grade_label=lambda code: OfstedGrade(code).label if code else "",
        areas=[(area, sections.get(area.value),
                [readings[c] for c in measures.AREA_MEASURES.get(area.value, []) if c in readings],
                themes[area.value], findings.get(themes[area.value], []))
               for area in SELF_EVALUATION_AREAS])


def self_evaluations_page(request: HttpRequest) -> HttpResponse:
    from hearth.inspection.forms import CompareForm

    access.require_reader(request.user)
    versions = list(selectors.self_evaluations())
    form = CompareForm(versions=versions, initial={"before": versions[1].pk if len(versions) > 1 else None,
                                                   "after": versions[0].pk if versions else None})
    return render(request, "inspection/self_evaluations.html", _common(
        title="Self-evaluation", versions=versions, form=form, coordinator=access.is_coordinator(request.user)))


def self_evaluation_new(request: HttpRequest) -> HttpResponse:
    from hearth.inspection.forms import SelfEvaluationForm

    access.require_coordinator(request.user)
    latest = selectors.latest_self_evaluation()
    initial = {"as_of": timezone.localdate()}
    if latest:
        initial["summary"] = latest.summary
        for section in latest.sections.all():
            initial[f"{section.area}_strengths"] = section.strengths
            initial[f"{section.area}_improve"] = section.areas_to_improve
    form = SelfEvaluationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.self_evaluation_write(acting_user=request.user, as_of=form.cleaned_data["as_of"],
                                                     summary=form.cleaned_data["summary"], sections=form.sections())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Kept the {version}")
            return redirect("inspection:self_evaluation", version.pk)
    return render(request, "inspection/self_evaluation_form.html", _common(
        title="Write a new version of the self-evaluation", form=form, latest=latest,
        back_url=reverse("inspection:self_evaluations")))


def self_evaluation_page(request: HttpRequest, pk: int) -> HttpResponse:
    access.require_reader(request.user)
    context = _self_evaluation_context(selectors.self_evaluation(pk))
    return render(request, "inspection/self_evaluation.html", {
        **context, "back_url": reverse("inspection:self_evaluations")})


def self_evaluation_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    from hearth.inspection.pdf import render_pdf

    access.require_reader(request.user)
    version = selectors.self_evaluation(pk)
    log_access(user=request.user, action=AccessAction.EXPORT, what=f"{version} (PDF)")
    pdf = render_pdf(request, "inspection/self_evaluation_pdf.html", _self_evaluation_context(version))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="self-evaluation-{version.as_of.isoformat()}.pdf"'
    return response


def self_evaluation_compare(request: HttpRequest) -> HttpResponse:
    from hearth.inspection.forms import CompareForm
    from hearth.inspection.frameworks import SELF_EVALUATION_AREAS

    access.require_reader(request.user)
    versions = list(selectors.self_evaluations().prefetch_related("sections"))
    form = CompareForm(request.GET or None, versions=versions)
    if not form.is_valid():
        raise Http404("Choose two versions to compare")
    by_pk = {v.pk: v for v in versions}
    before, after = by_pk[form.cleaned_data["before"]], by_pk[form.cleaned_data["after"]]
    old, new = selectors.sections_by_area(before), selectors.sections_by_area(after)
    rows = []
    for area in SELF_EVALUATION_AREAS:
        for field, label in (("strengths", "Strengths"), ("areas_to_improve", "Areas to improve")):
            a = getattr(old.get(area.value), field, "") or ""
            b = getattr(new.get(area.value), field, "") or ""
            rows.append((area, label, a, b, selectors.word_changes(a, b)))
    return render(request, "inspection/self_evaluation_compare.html", _common(
        title="Compare two versions of the self-evaluation", before=before, after=after, rows=rows,
        summary_changes=selectors.word_changes(before.summary, after.summary),
        back_url=reverse("inspection:self_evaluations")))
