"""Writes to the inspection register, the action plan and inspectors' access.

Each is one transaction: the acting user's right is checked, the rows validated (full_clean) and saved
with their history, and a domain audit event written.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from hearth.accounts.audit import audit_record, save_with_history
from hearth.accounts.models import Role, User
from hearth.accounts.policy import visible_children
from hearth.accounts.roles import ROLE_DESCRIPTIONS, RoleCode
from hearth.inspection.access import is_coordinator, require_coordinator
from hearth.inspection.frameworks import SELF_EVALUATION_AREAS, InspectionKind, JudgementArea, areas_judged
from hearth.inspection.models import (
    REPORT_MAX_BYTES,
    Action,
    ActionPlan,
    ActionStatus,
    ActionUpdate,
    Evidence,
    EvidenceKind,
    ImprovementPoint,
    Inspection,
    InspectionReport,
    InspectorAccount,
    Milestone,
    SampledChild,
    SelfEvaluation,
    SelfEvaluationSection,
)
from hearth.reference.codes import OfstedGrade
from hearth.timescales.clocks import LONDON, end_of_day

REPORT_TYPES = {"application/pdf": ".pdf", "text/plain": ".txt"}


def judgement_field(area: str) -> str:
    """The form field (and error key) for one area's grade."""
    return f"grade_{area}"


def _check_judgements(inspection: Inspection, grades: dict[str, str]) -> dict[str, str]:
    """The grades to keep, or a ValidationError naming each refused grade's field and why."""
    judged = set(areas_judged(inspection.kind, inspection.started_on))
    kind_label = InspectionKind(inspection.kind).label if inspection.kind in InspectionKind.values else "this type"
    errors, kept = {}, {}
    for area, grade in grades.items():
        if not grade:
            continue
        if area not in JudgementArea.values:
            errors[None] = f"There is no judgement area called {area}"
        elif grade not in OfstedGrade.values:
            errors[judgement_field(area)] = ("Choose outstanding, good, requires improvement to be good or "
                                             "inadequate")
        elif area not in judged:
            reason = ("grades nothing" if not judged else
                      f"under the {inspection.framework} does not grade this area")
            errors[judgement_field(area)] = f"A {kind_label.lower()} {reason}: leave it as not graded"
        else:
            kept[area] = grade
    if errors:
        raise ValidationError(errors)
    return kept


def _save_points(inspection: Inspection, points: Iterable[str]) -> None:
    texts = [text.strip() for text in points if text.strip()]
    existing = {point.number: point for point in inspection.improvement_points.all()}
    for number, text in enumerate(texts, start=1):
        point = existing.pop(number, None) or ImprovementPoint(inspection=inspection, number=number)
        if point.text != text:
            point.text = text
            point.full_clean()
            point.save()
    for point in existing.values():
        if point.actions.exists():
            raise ValidationError({"points": f"Point {point.number} has actions in the plan: keep it"})
        point.delete()


def _save_judgements(inspection: Inspection, grades: dict[str, str]) -> None:
    kept = _check_judgements(inspection, grades)
    inspection.judgements.exclude(area__in=list(kept)).delete()
    for area, grade in kept.items():
        inspection.judgements.update_or_create(area=area, defaults={"grade": grade})


@transaction.atomic
def inspection_record(*, acting_user: User, inspection: Inspection, grades: dict[str, str],
                      points: Iterable[str] = ()) -> Inspection:
    """Record an inspection with its judgements and its "what needs to improve" points."""
    require_coordinator(acting_user)
    inspection.recorded_by = acting_user
    _check_judgements(inspection, grades)  # refuse before anything is written
    save_with_history(inspection, acting_user=acting_user)
    _save_judgements(inspection, grades)
    _save_points(inspection, points)
    audit_record(actor=acting_user, verb="inspection.record", summary=f"Recorded {inspection}",
                 detail={"inspection": inspection.pk, "grades": grades})
    return inspection


@transaction.atomic
def inspection_amend(*, acting_user: User, inspection: Inspection, grades: dict[str, str],
                     points: Iterable[str] = ()) -> Inspection:
    """Correct an inspection's details, judgements or points; its inspectors' accounts follow its dates."""
    require_coordinator(acting_user)
    _check_judgements(inspection, grades)
    save_with_history(inspection, acting_user=acting_user)
    _save_judgements(inspection, grades)
    _save_points(inspection, points)
    for account in inspection.inspector_accounts.all():
        account.opens_at, account.closes_at = access_window(inspection)
        save_with_history(account, acting_user=acting_user)
    audit_record(actor=acting_user, verb="inspection.amend", summary=f"Amended {inspection}",
                 detail={"inspection": inspection.pk, "grades": grades})
    return inspection


@transaction.atomic
def inspection_report_attach(*, acting_user: User, inspection: Inspection, upload) -> InspectionReport:
    """Keep the report's text (a PDF or plain text, at most REPORT_MAX_BYTES) with the inspection."""
    require_coordinator(acting_user)
    if upload.size > REPORT_MAX_BYTES:
        raise ValidationError({"report": f"The file must be smaller than {REPORT_MAX_BYTES // (1024 * 1024)} MB"})
    if upload.size == 0:
        raise ValidationError({"report": "The selected file is empty"})
    content_type = (upload.content_type or "").split(";")[0]
    if content_type not in REPORT_TYPES:
        raise ValidationError({"report": "The selected file must be a PDF or a text file"})
    content = upload.read()
    if content_type == "application/pdf" and not content.startswith(b"%PDF"):
        raise ValidationError({"report": "The selected file is not a PDF"})
    InspectionReport.objects.filter(inspection=inspection).delete()
    report = InspectionReport(inspection=inspection, file_name=upload.name[:200], content_type=content_type,
                              size=len(content), content=content, uploaded_by=acting_user)
    report.full_clean()
    report.save()
    audit_record(actor=acting_user, verb="inspection.report_attach",
                 summary=f"Attached the report of {inspection}: {report.file_name}",
                 detail={"inspection": inspection.pk, "size": report.size})
    return report


# --- The action plan ---------------------------------------------------------------------------------------------

@transaction.atomic
def action_plan_start(*, acting_user: User, inspection: Inspection) -> ActionPlan:
    """Open the action plan for an inspection whose report lists what needs to improve."""
    require_coordinator(acting_user)
    if not inspection.improvement_points.exists():
        raise ValidationError("Record the report's points of what needs to improve before starting a plan")
    plan = ActionPlan(inspection=inspection, created_by=acting_user)
    save_with_history(plan, acting_user=acting_user)
    audit_record(actor=acting_user, verb="action_plan.start", summary=f"Started the action plan for {inspection}",
                 detail={"inspection": inspection.pk})
    return plan


@transaction.atomic
def action_plan_submit(*, acting_user: User, plan: ActionPlan, submitted_on: date) -> ActionPlan:
    """Record the day the plan was sent to Ofsted."""
    require_coordinator(acting_user)
    if submitted_on > timezone.localdate():
        raise ValidationError({"submitted_on": "The date sent must be today or in the past"})
    received = plan.inspection.report_received_on
    if received and submitted_on < received:
        raise ValidationError({"submitted_on": "The plan cannot be sent before the report was received"})
    plan.submitted_on, plan.submitted_by = submitted_on, acting_user
    save_with_history(plan, acting_user=acting_user)
    audit_record(actor=acting_user, verb="action_plan.submit", summary=f"Sent the action plan to Ofsted on {submitted_on}",
                 detail={"plan": plan.pk})
    return plan


@dataclass(frozen=True)
class MilestonePlan:
    description: str
    due_on: date


@transaction.atomic
def action_add(*, acting_user: User, plan: ActionPlan, point: ImprovementPoint | None, description: str,
               owner: User | None, due_on: date | None, milestones: Iterable[MilestonePlan] = ()) -> Action:
    """Add an action against one point of the plan, with its owner, its due date and any milestones."""
    require_coordinator(acting_user)
    errors = {}
    if point is None or point.inspection_id != plan.inspection_id:
        errors["point"] = "Choose the point of the report this action answers"
    if not description.strip():
        errors["description"] = "Enter the action"
    if owner is None:
        errors["owner"] = "Choose who owns this action"
    elif not owner.is_active:
        errors["owner"] = "The owner must have an active account"
    if due_on is None:
        errors["due_on"] = "Enter the date the action is due"
    if errors:
        raise ValidationError(errors)
    action = Action(plan=plan, point=point, description=description.strip(), owner=owner, due_on=due_on,
                    created_by=acting_user)
    save_with_history(action, acting_user=acting_user)
    for milestone in milestones:
        row = Milestone(action=action, description=milestone.description, due_on=milestone.due_on)
        save_with_history(row, acting_user=acting_user)
    audit_record(actor=acting_user, verb="action_plan.action_add", summary=f"Added an action for {owner}: {action}",
                 detail={"plan": plan.pk, "action": action.pk})
    return action


@transaction.atomic
def action_progress_record(*, acting_user: User, action: Action, status: str, note: str) -> ActionUpdate:
    """The owner's update: the action's RAG status and a note of progress, kept with its author and time."""
    if acting_user.pk != action.owner_id:
        raise PermissionDenied("Only the action's owner can report its progress.")
    errors = {}
    if status not in ActionStatus.values:
        errors["status"] = "Choose red, amber, green or complete"
    if not note.strip():
        errors["note"] = "Enter what has happened since the last update"
    if errors:
        raise ValidationError(errors)
    update = ActionUpdate(action=action, status=status, note=note.strip(), author=acting_user)
    update.full_clean()
    update.save()
    action.status = status
    save_with_history(action, acting_user=acting_user)
    audit_record(actor=acting_user, verb="action_plan.action_progress",
                 summary=f"{ActionStatus(status).label}: {action}", detail={"action": action.pk, "update": update.pk})
    return update


@transaction.atomic
def evidence_add(*, acting_user: User, action: Action, kind: str, title: str, measure: str = "",
                 url: str = "") -> Evidence:
    """Link evidence to an action: a registered live measure, or the address of an audit or a document."""
    from hearth.inspection import measures

    if acting_user.pk != action.owner_id and not is_coordinator(acting_user):
        raise PermissionDenied("Only the action's owner or the coordinator can add its evidence.")
    errors = {}
    if kind not in EvidenceKind.values:
        errors["kind"] = "Choose a measure, an audit or a document"
    if kind == EvidenceKind.MEASURE:
        if measure not in measures.codes():
            errors["measure"] = "Choose one of Hearth's measures"
        else:
            title = title.strip() or measures.get(measure).title
            url = measures.get(measure).url()
    else:
        measure = ""
        if not url.strip():
            errors["url"] = "Enter the address of the audit or the document"
        elif not (url.startswith("/") or url.startswith("https://")):
            errors["url"] = "Enter an address in Hearth (starting with /) or a secure web address (https://)"
    if not title.strip():
        errors["title"] = "Enter a title for the evidence"
    if errors:
        raise ValidationError(errors)
    evidence = Evidence(action=action, kind=kind, title=title.strip(), measure=measure, url=url.strip(),
                        added_by=acting_user)
    evidence.full_clean()
    evidence.save()
    audit_record(actor=acting_user, verb="action_plan.evidence_add", summary=f"Evidence for {action}: {evidence}",
                 detail={"action": action.pk, "evidence": evidence.pk})
    return evidence


@transaction.atomic
def milestone_complete(*, acting_user: User, milestone: Milestone, completed_on: date) -> Milestone:
    if acting_user.pk != milestone.action.owner_id and not is_coordinator(acting_user):
        raise PermissionDenied("Only the action's owner or the coordinator can complete its milestones.")
    milestone.completed_on = completed_on
    save_with_history(milestone, acting_user=acting_user)
    audit_record(actor=acting_user, verb="action_plan.milestone_complete", summary=f"Milestone met: {milestone}",
                 detail={"milestone": milestone.pk})
    return milestone


# --- Inspectors' access ------------------------------------------------------------------------------------------

def access_window(inspection: Inspection) -> tuple[datetime, datetime]:
    """From the start of the inspection's first day to the end of its last, in London."""
    opens = datetime.combine(inspection.started_on, time(0, 0), tzinfo=LONDON).astimezone(UTC)
    return opens, end_of_day(inspection.ended_on)


@transaction.atomic
def sample_add(*, acting_user: User, inspection: Inspection, la_child_ids: Iterable[str],
               list_name: str) -> list[SampledChild]:
    """Put children, by their LA child ID, on a list for the inspection's inspectors (the coordinator's choice)."""
    require_coordinator(acting_user)
    wanted = [value.strip() for value in la_child_ids if value.strip()]
    if not wanted:
        raise ValidationError({"la_child_ids": "Enter the LA child ID of at least one child"})
    if not list_name.strip():
        raise ValidationError({"list_name": "Enter the name of the list"})
    found = {child.la_child_id: child for child in visible_children(acting_user).filter(la_child_id__in=wanted)}
    missing = [value for value in wanted if value not in found]
    if missing:
        raise ValidationError({"la_child_ids": f"No child you can see has the LA child ID {', '.join(missing)}"})
    already = set(inspection.sample.filter(child__in=found.values()).values_list("child_id", flat=True))
    added = []
    for child in found.values():
        if child.pk in already:
            continue
        row = SampledChild(inspection=inspection, child=child, list_name=list_name.strip(), added_by=acting_user)
        row.full_clean()
        row.save()
        added.append(row)
        audit_record(actor=acting_user, verb="inspection.sample_add", child=child,
                     summary=f"Added to the case sample ({row.list_name}) of {inspection}",
                     detail={"inspection": inspection.pk})
    return added


@transaction.atomic
def inspector_account_create(*, acting_user: User, inspection: Inspection, first_name: str, last_name: str,
                             email: str, username: str, password: str) -> InspectorAccount:
    """A read-only account for a named inspector, open for the inspection's dates and no longer."""
    require_coordinator(acting_user)
    errors = {}
    if not first_name.strip() or not last_name.strip():
        errors["last_name"] = "Enter the inspector's first and last names"
    if User.objects.filter(username=username).exists():
        errors["username"] = "That username is taken"
    if inspection.ended_on < timezone.localdate():
        errors[None] = "The inspection has ended: its inspectors' access has closed"
    user = User(username=username, first_name=first_name.strip(), last_name=last_name.strip(), email=email,
                job_title="Inspector", agency="Ofsted")
    try:
        validate_password(password, user)
    except ValidationError as error:
        errors["password"] = error.messages
    if errors:
        raise ValidationError(errors)
    user.set_password(password)
    user.full_clean()
    user.save()
    role, _ = Role.objects.get_or_create(
        code=RoleCode.INSPECTION_INSPECTOR,
        defaults={"description": ROLE_DESCRIPTIONS[RoleCode.INSPECTION_INSPECTOR]})
    user.roles.set([role])
    opens_at, closes_at = access_window(inspection)
    account = InspectorAccount(inspection=inspection, user=user, opens_at=opens_at, closes_at=closes_at,
                               created_by=acting_user)
    save_with_history(account, acting_user=acting_user)
    audit_record(actor=acting_user, verb="inspection.inspector_account_create",
                 summary=f"Made a read-only account for {user} for {inspection}",
                 detail={"inspection": inspection.pk, "user": user.pk})
    return account


# --- The self-evaluation -----------------------------------------------------------------------------------------

@transaction.atomic
def self_evaluation_write(*, acting_user: User, as_of: date, summary: str,
                          sections: dict[str, tuple[str, str]]) -> SelfEvaluation:
    """Keep a new dated version of the self-evaluation: each area's strengths and areas to improve."""

    require_coordinator(acting_user)
    if as_of > timezone.localdate():
        raise ValidationError({"as_of": "The date must be today or in the past"})
    if not any(strengths.strip() or improve.strip() for strengths, improve in sections.values()):
        raise ValidationError("Write about at least one area")
    version = SelfEvaluation(as_of=as_of, summary=summary.strip(), written_by=acting_user)
    version.full_clean()
    version.save()
    for area in SELF_EVALUATION_AREAS:
        strengths, improve = sections.get(area.value, ("", ""))
        section = SelfEvaluationSection(self_evaluation=version, area=area.value, strengths=strengths.strip(),
                                        areas_to_improve=improve.strip())
        section.full_clean()
        section.save()
    audit_record(actor=acting_user, verb="self_evaluation.write", summary=f"Wrote the {version}",
                 detail={"self_evaluation": version.pk})
    return version
