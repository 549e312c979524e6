"""Supervision: the record of a supervision (writes), who is overdue one (reads), and its decisions as a source
for every list of decisions across Hearth."""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import CharField, F, Max, QuerySet, Value
from django.http import Http404
from django.utils import timezone

from hearth.accounts import policy
from hearth.accounts.audit import audit_record, save_with_history
from hearth.accounts.models import Membership, User
from hearth.accounts.policy import visible_children
from hearth.accounts.roles import RoleCode
from hearth.casework.decision_sources import decider_team, register_kind, register_source, shape
from hearth.oversight.models import Supervision, SupervisionAction, SupervisionChild, SupervisionDecision

SUPERVISED_ROLES = (RoleCode.SOCIAL_WORKER, RoleCode.SENIOR_SOCIAL_WORKER, RoleCode.EARLY_HELP_WORKER,
                    RoleCode.SPECIALIST_WORKER, RoleCode.PERSONAL_ADVISER, RoleCode.FRONT_DOOR_ADVISER)
SUPERVISION_DECISION = register_kind("supervision_decision", "Decided in supervision")


@dataclass(frozen=True)
class Discussed:
    la_child_id: str
    discussion: str = ""


@dataclass(frozen=True)
class Decided:
    decision: str
    rationale: str
    la_child_id: str = ""


@dataclass(frozen=True)
class Agreed:
    description: str
    owner: User | None
    due_on: date | None


@transaction.atomic
def supervision_record(*, acting_user: User, worker: User | None, held_at: datetime | None, reflections: str,
                       children: list[Discussed], decisions: list[Decided], actions: list[Agreed]) -> Supervision:
    """Record a supervision held with a worker; each decision needs its rationale, each action an owner and date."""
    if not policy.may_oversee(acting_user):
        raise PermissionDenied("Supervision is recorded by the supervisor, a team manager or senior leader.")
    errors = {}
    if worker is None:
        errors["worker"] = "Choose the worker supervised"
    elif worker.pk == acting_user.pk:
        errors["worker"] = "A supervisor cannot record their own supervision"
    if held_at is None:
        errors["held_on"] = "Enter the date of the supervision"
    elif held_at > timezone.now():
        errors["held_on"] = "The date of the supervision must be today or in the past"
    wanted = {item.la_child_id for item in children if item.la_child_id} | {
        item.la_child_id for item in decisions if item.la_child_id}
    found = {c.la_child_id: c for c in visible_children(acting_user).filter(la_child_id__in=wanted)}
    if wanted - set(found):
        errors["children"] = f"No child you can see has the LA child ID {', '.join(sorted(wanted - set(found)))}"
    for item in decisions:
        if item.decision.strip() and not item.rationale.strip():
            errors["rationale"] = "Enter the rationale for the decision"
    for item in actions:
        if item.description.strip() and item.owner is None:
            errors["action_owner"] = "Choose who owns the action"
        if item.description.strip() and item.due_on is None:
            errors["action_due_on"] = "Enter the date the action is due"
    if errors:
        raise ValidationError(errors)
    supervision = Supervision(supervisor=acting_user, worker=worker, held_at=held_at, reflections=reflections.strip())
    save_with_history(supervision, acting_user=acting_user)
    for item in children:
        if item.la_child_id:
            save_with_history(SupervisionChild(supervision=supervision, child=found[item.la_child_id],
                                               discussion=item.discussion.strip()), acting_user=acting_user)
    for item in decisions:
        if item.decision.strip():
            row = SupervisionDecision(supervision=supervision, child=found.get(item.la_child_id),
                                      decision=item.decision.strip(), rationale=item.rationale.strip())
            save_with_history(row, acting_user=acting_user)
    for item in actions:
        if item.description.strip():
            row = SupervisionAction(supervision=supervision, description=item.description.strip(), owner=item.owner,
                                    due_on=item.due_on)
            save_with_history(row, acting_user=acting_user)
    audit_record(actor=acting_user, verb="supervision.record", summary=f"Recorded {supervision}",
                 detail={"supervision": supervision.pk})
    return supervision


def supervision_for(pk: int, user: User) -> Supervision:
    found = (Supervision.objects.filter(pk=pk).select_related("supervisor", "worker")
             .prefetch_related("children__child", "decisions__child", "actions__owner").first())
    if found is None or not (policy.may_oversee(user) or user.pk == found.worker_id):
        raise Http404("No such supervision")
    return found


@dataclass
class TeamSupervision:
    team: str
    rows: list[tuple[User, date | None, date | None, bool]] = field(default_factory=list)  # worker, last, due, overdue

    @property
    def overdue(self) -> int:
        return sum(1 for *_, late in self.rows if late)


def overdue_by_team(user: User, today: date) -> list[TeamSupervision]:
    """For each team the user oversees, each supervised worker's last supervision and whether one is overdue."""
    every = settings.HEARTH_SUPERVISION_EVERY_DAYS
    memberships = (Membership.objects.filter(manages=False, user__is_active=True,
                                             user__roles__code__in=SUPERVISED_ROLES)
                   .select_related("team", "user").annotate(last=Max("user__supervisions__held_at"))
                   .order_by("team__name", "user__last_name").distinct())
    if not policy.oversees_every_team(user):
        memberships = memberships.filter(team__in=Membership.objects.filter(user=user).values("team_id"))
    teams: dict[str, TeamSupervision] = {}
    for membership in memberships:
        last = timezone.localtime(membership.last).date() if membership.last else None
        due = date.fromordinal(last.toordinal() + every) if last else None
        teams.setdefault(membership.team.name, TeamSupervision(membership.team.name)).rows.append(
            (membership.user, last, due, due is None or due < today))
    return list(teams.values())


def recent_supervisions(user: User) -> QuerySet[Supervision]:
    found = Supervision.objects.select_related("supervisor", "worker")
    return found if policy.oversees_every_team(user) else found.filter(supervisor=user) | found.filter(worker=user)


def _decision_rows() -> QuerySet:
    team_id, team = decider_team("supervision__supervisor")
    return shape(SupervisionDecision.objects.all(), source="supervision",
                 kind=Value(SUPERVISION_DECISION.code, output_field=CharField()), decided_at="supervision__held_at",
                 outcome=F("decision"), rationale="rationale", decided_by="supervision__supervisor",
                 team_id=team_id, team=team, child="child")


register_source("supervision", _decision_rows)
