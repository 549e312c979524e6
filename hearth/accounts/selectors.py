"""Reads for administration and for reviewing who may see what."""

from collections import defaultdict
from dataclasses import dataclass

from django.apps import apps
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from hearth.accounts import policy
from hearth.accounts.models import (
    AuditEvent,
    BreakGlassAccess,
    BreakGlassReview,
    Membership,
    RoleChangeRequest,
    Team,
    User,
)


@dataclass(frozen=True)
class ChangeKind:
    label: str
    verbs: tuple[str, ...]


# The changes to who may see what, by kind, as the access-changes page filters them.
ACCESS_CHANGE_KINDS: dict[str, ChangeKind] = {
    "roles": ChangeKind("Roles", ("user.roles_change",)),
    "approvals": ChangeKind("Second-administrator approvals",
                            ("user.roles_request", "role_request.approve", "role_request.refuse")),
    "memberships": ChangeKind("Team memberships", ("membership.add", "membership.change", "membership.end")),
    "grants": ChangeKind("Access to restricted records", ("access_grant.give", "access_grant.revoke")),
    "reviews": ChangeKind("Emergency access reviews", ("break_glass.review", "break_glass.review_correct")),
    "accounts": ChangeKind("Accounts", ("user.create", "user.change", "user.activate", "user.deactivate",
                                        "user.sign_out_everywhere")),
    "teams": ChangeKind("Teams and role descriptions", ("team.create", "team.change", "role.describe")),
}
ACCESS_CHANGE_VERBS = {verb: kind for kind, change in ACCESS_CHANGE_KINDS.items() for verb in change.verbs}


may_review_access_changes = policy.may_review_access_changes


def access_changes(*, kind: str = "", username: str = "") -> QuerySet[AuditEvent]:
    """Every change to who may see what, newest first, optionally of one kind and by or for one user."""
    verbs = ACCESS_CHANGE_KINDS[kind].verbs if kind in ACCESS_CHANGE_KINDS else tuple(ACCESS_CHANGE_VERBS)
    events = AuditEvent.objects.filter(verb__in=verbs)
    if username:
        events = events.filter(Q(actor__username__iexact=username) | Q(subject_user__username__iexact=username))
    return events.select_related("actor", "subject_user", "child").order_by("-at", "-pk")


def users_for_administration(*, text: str = "", role: str = "", team_id: int | None = None) -> QuerySet[User]:
    """Accounts by name, with their roles and teams read in two further queries, however many are shown."""
    users = User.objects.all()
    if text:
        for word in text.split():
            users = users.filter(Q(username__icontains=word) | Q(first_name__icontains=word)
                                 | Q(last_name__icontains=word) | Q(email__icontains=word))
    if role:
        users = users.filter(roles__code=role)
    if team_id:
        users = users.filter(memberships__team_id=team_id)
    return users.distinct().prefetch_related(
        "roles", Prefetch("memberships", queryset=Membership.objects.select_related("team").order_by("team__name"))
    ).order_by("last_name", "first_name", "username")


def user_for_administration(user_id: int) -> User | None:
    return (User.objects.prefetch_related(
        "roles", Prefetch("memberships", queryset=Membership.objects.select_related("team").order_by("team__name")))
        .filter(pk=user_id).first())


def user_history(user: User, limit: int = 50) -> list:
    """The versions of an account, newest first, each with the roles it held then (two queries)."""
    versions = list(user.history.select_related("history_user").order_by("-history_date", "-history_id")[:limit])
    held = defaultdict(list)
    links = (apps.get_model("accounts", "HistoricalUser_roles").objects
             .filter(history_id__in=[version.history_id for version in versions]).select_related("role"))
    for link in links:
        held[link.history_id].append(link.role)
    for version in versions:
        version.roles_then = sorted(str(role) for role in held[version.history_id])
    return versions


def teams_with_member_counts() -> QuerySet[Team]:
    return Team.objects.annotate(
        member_count=Count("memberships", distinct=True),
        manager_count=Count("memberships", filter=Q(memberships__manages=True), distinct=True),
    ).order_by("name")


def team_members(team: Team) -> list[Membership]:
    return list(team.memberships.select_related("user").order_by("user__last_name", "user__first_name"))


def pending_role_requests() -> QuerySet[RoleChangeRequest]:
    return (RoleChangeRequest.objects.filter(decided_at__isnull=True)
            .select_related("user", "requested_by").order_by("requested_at"))


def decided_role_requests(limit: int = 20) -> list[RoleChangeRequest]:
    return list(RoleChangeRequest.objects.filter(decided_at__isnull=False)
                .select_related("user", "requested_by", "decided_by").order_by("-decided_at")[:limit])


def break_glass_awaiting_review(limit: int = 200) -> list[BreakGlassAccess]:
    reviewed = BreakGlassReview.objects.filter(access=OuterRef("pk"))
    return list(BreakGlassAccess.objects.filter(~Exists(reviewed)).select_related("user", "child")
                .order_by("opened_at")[:limit])


def break_glass_reviews_latest(limit: int = 50) -> list[BreakGlassReview]:
    """The latest reviews and corrections, each with the access it concerns."""
    return list(BreakGlassReview.objects.select_related("access__user", "access__child", "reviewer", "corrects")
                .order_by("-reviewed_at", "-pk")[:limit])


def break_glass_with_reviews(access_id: int) -> tuple[BreakGlassAccess | None, list[BreakGlassReview]]:
    """One emergency access and its reviews, first review first, each correction after what it corrects."""
    access = BreakGlassAccess.objects.select_related("user", "child").filter(pk=access_id).first()
    if access is None:
        return None, []
    return access, list(access.reviews.select_related("reviewer").order_by("reviewed_at", "pk"))
