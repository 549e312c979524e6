"""Writes for quality-assurance audits: templates and their versions, sampling, grading, moderation, the
worker's reflection and actions. Each is one transaction with validation and an audit event."""

from datetime import date
from random import Random

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from hearth.accounts import policy
from hearth.accounts.audit import audit_record, save_with_history
from hearth.accounts.models import Team, User
from hearth.accounts.policy import visible_children
from hearth.casework.models import Allocation
from hearth.oversight.models import (
    Audit,
    AuditAction,
    AuditAnswer,
    AuditQuestion,
    AuditStatus,
    AuditTemplate,
    AuditTemplateVersion,
    FeedbackMethod,
)
from hearth.reference.codes import OfstedGrade

MAX_SAMPLE = 50


def require_auditor(user: User) -> None:
    if not policy.may_oversee(user):
        raise PermissionDenied("Audits are carried out by team managers and senior leaders.")


@transaction.atomic
def audit_template_create(*, acting_user: User, name: str, theme: str, questions: list[str]) -> AuditTemplateVersion:
    """A new kind of audit with its first version of questions."""
    require_auditor(acting_user)
    errors = {}
    if not name.strip():
        errors["name"] = "Enter the audit's name"
    elif AuditTemplate.objects.filter(name=name.strip()).exists():
        errors["name"] = "There is already an audit with that name"
    if not theme.strip():
        errors["theme"] = "Enter the theme"
    if not [q for q in questions if q.strip()]:
        errors["questions"] = "Enter at least one question"
    if errors:
        raise ValidationError(errors)
    template = AuditTemplate(name=name.strip(), theme=theme.strip(), created_by=acting_user)
    template.full_clean()
    template.save()
    return audit_template_revise(acting_user=acting_user, template=template, questions=questions)


@transaction.atomic
def audit_template_revise(*, acting_user: User, template: AuditTemplate, questions: list[str]) -> AuditTemplateVersion:
    """A new version of the template's questions; audits already made keep the version they used."""
    require_auditor(acting_user)
    texts = [q.strip() for q in questions if q.strip()]
    if not texts:
        raise ValidationError({"questions": "Enter at least one question"})
    latest = template.versions.order_by("-number").first()
    version = AuditTemplateVersion(template=template, number=(latest.number + 1) if latest else 1,
                                   created_by=acting_user)
    version.full_clean()
    version.save()
    AuditQuestion.objects.bulk_create([AuditQuestion(version=version, number=n, text=text)
                                       for n, text in enumerate(texts, start=1)])
    audit_record(actor=acting_user, verb="audit_template.revise", summary=f"{version}: {len(texts)} questions",
                 detail={"version": version.pk})
    return version


@transaction.atomic
def audit_sample(*, acting_user: User, version: AuditTemplateVersion, size: int, team: Team | None = None,
                 min_age: int | None = None, max_age: int | None = None, seed: int | None = None) -> list[Audit]:
    """Choose cases to audit at random among the children open to a team (any, or the one given) in an age range."""
    require_auditor(acting_user)
    if not 1 <= size <= MAX_SAMPLE:
        raise ValidationError({"size": f"Choose between 1 and {MAX_SAMPLE} cases"})
    if min_age is not None and max_age is not None and max_age < min_age:
        raise ValidationError({"max_age": "The oldest age must be the same as or more than the youngest"})
    today = timezone.localdate()
    current = Allocation.objects.filter(child=OuterRef("pk"), ended_on__isnull=True)
    children = visible_children(acting_user).filter(allocations__ended_on__isnull=True)
    if team is not None:
        children = children.filter(allocations__ended_on__isnull=True, allocations__team=team)
    if min_age is not None:
        children = children.filter(date_of_birth__lte=_years_before(today, min_age))
    if max_age is not None:
        children = children.filter(date_of_birth__gt=_years_before(today, max_age + 1))
    eligible = list(children.annotate(team_now=Subquery(current.values("team_id")[:1]),
                                      worker_now=Subquery(current.values("worker_id")[:1]))
                    .values_list("pk", "team_now", "worker_now").distinct().order_by("pk"))
    if not eligible:
        raise ValidationError({"size": "No children you can see match these criteria"})
    chosen = Random(seed).sample(eligible, min(size, len(eligible)))
    basis = ["random"]
    if team is not None:
        basis.append(f"open to {team}")
    if min_age is not None or max_age is not None:
        basis.append(f"aged {min_age if min_age is not None else 0} to {max_age if max_age is not None else 'any'}")
    audits = []
    for child_id, team_id, worker_id in chosen:
        audit = Audit(version=version, child_id=child_id, team_id=team_id, worker_id=worker_id, auditor=acting_user,
                      sampled_by=", ".join(basis)[:200])
        save_with_history(audit, acting_user=acting_user)
        audits.append(audit)
        audit_record(actor=acting_user, verb="audit.sample", summary=f"Sampled a case for {version}",
                     detail={"audit": audit.pk, "child": child_id})
    return audits


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


@transaction.atomic
def audit_grade(*, acting_user: User, audit: Audit, answers: dict[int, tuple[str, str]], overall_grade: str,
                findings: str, family_feedback: str, family_feedback_method: str) -> Audit:
    """The auditor's grade of each question and overall, the findings, and the family's feedback and how it came."""
    if acting_user.pk != audit.auditor_id:
        raise PermissionDenied("Only the case's auditor can grade it.")
    errors = {}
    questions = {q.pk: q for q in audit.version.questions.all()}
    for question_id in questions:
        grade = answers.get(question_id, ("", ""))[0]
        if grade not in OfstedGrade.values:
            errors[f"question_{question_id}"] = "Grade this question"
    if overall_grade not in OfstedGrade.values:
        errors["overall_grade"] = "Give the overall grade"
    if not findings.strip():
        errors["findings"] = "Enter the findings"
    if family_feedback_method not in FeedbackMethod.values:
        errors["family_feedback_method"] = "Say how the family's feedback was gathered, or that it was not"
    elif family_feedback_method != FeedbackMethod.NOT_GATHERED and not family_feedback.strip():
        errors["family_feedback"] = "Enter what the family said"
    if errors:
        raise ValidationError(errors)
    audit.answers.all().delete()
    AuditAnswer.objects.bulk_create([AuditAnswer(audit=audit, question_id=qid, grade=answers[qid][0],
                                                 comment=answers[qid][1].strip()) for qid in questions])
    audit.overall_grade, audit.findings = overall_grade, findings.strip()
    audit.family_feedback, audit.family_feedback_method = family_feedback.strip(), family_feedback_method
    audit.status, audit.graded_at = AuditStatus.GRADED, timezone.now()
    save_with_history(audit, acting_user=acting_user)
    audit_record(actor=acting_user, verb="audit.grade", child=audit.child,
                 summary=f"Graded {OfstedGrade(overall_grade).label}: {audit.version}", detail={"audit": audit.pk})
    return audit


@transaction.atomic
def audit_moderate(*, acting_user: User, audit: Audit, grade: str, note: str) -> Audit:
    """A second auditor's moderation: their grade stands, with why."""
    require_auditor(acting_user)
    if acting_user.pk == audit.auditor_id:
        raise PermissionDenied("A second auditor moderates: not the case's own auditor.")
    if audit.status == AuditStatus.SAMPLED:
        raise ValidationError("The audit has not been graded yet")
    errors = {}
    if grade not in OfstedGrade.values:
        errors["grade"] = "Give the moderated grade"
    if not note.strip():
        errors["note"] = "Enter the reason for the moderated grade"
    if errors:
        raise ValidationError(errors)
    audit.moderator, audit.moderated_grade, audit.moderation_note = acting_user, grade, note.strip()
    audit.status, audit.moderated_at = AuditStatus.MODERATED, timezone.now()
    save_with_history(audit, acting_user=acting_user)
    audit_record(actor=acting_user, verb="audit.moderate", child=audit.child,
                 summary=f"Moderated to {OfstedGrade(grade).label}", detail={"audit": audit.pk})
    return audit


@transaction.atomic
def audit_reflect(*, acting_user: User, audit: Audit, reflection: str) -> Audit:
    """The worker's reflection on the audit of their work."""
    if acting_user.pk != audit.worker_id:
        raise PermissionDenied("Only the worker whose case was audited can add their reflection.")
    if not reflection.strip():
        raise ValidationError({"reflection": "Enter your reflection"})
    audit.worker_reflection, audit.reflected_at = reflection.strip(), timezone.now()
    save_with_history(audit, acting_user=acting_user)
    audit_record(actor=acting_user, verb="audit.reflect", child=audit.child, summary="Reflected on the audit",
                 detail={"audit": audit.pk})
    return audit


@transaction.atomic
def audit_action_add(*, acting_user: User, audit: Audit, description: str, owner: User | None,
                     due_on: date | None) -> AuditAction:
    if acting_user.pk not in (audit.auditor_id, audit.moderator_id):
        raise PermissionDenied("The auditor or the moderator sets an audit's actions.")
    errors = {}
    if not description.strip():
        errors["description"] = "Enter the action"
    if owner is None:
        errors["owner"] = "Choose who owns this action"
    if due_on is None:
        errors["due_on"] = "Enter the date the action is due"
    if errors:
        raise ValidationError(errors)
    action = AuditAction(audit=audit, description=description.strip(), owner=owner, due_on=due_on,
                         created_by=acting_user)
    action.full_clean()
    action.save()
    audit_record(actor=acting_user, verb="audit.action_add", child=audit.child, summary=f"Action for {owner}",
                 detail={"audit": audit.pk, "action": action.pk})
    return action
