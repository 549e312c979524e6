"""The access policy for children's records, in one place. Deny by default.

A user sees a child's record when:
- the child is allocated to them, or to a team they belong to (current allocations);
- their role's scope covers the child (senior leaders, analysts and inspectors: every
  child who is not restricted; journey apps may add scopes, such as the front door's
  "children in screening", through `register_scope`);
- they opened it by breaking glass, with a reason, and that access has not expired.

A restricted child is invisible, in pages and in search, to anyone without an explicit,
unrevoked `AccessGrant`, whatever their allocation or role. Administrators and partner
agencies have no case scope at all.
"""

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from hearth.accounts.models import AccessAction, AccessEvent, AccessGrant, BreakGlassAccess, Membership, User
from hearth.casework.models import Allocation
from hearth.people.models import Person, PersonKind

# A journey app's extra scope: given a user, a Q over Person, or None if it adds nothing.
Scope = Callable[[User], Q | None]
_scopes: list[Scope] = []


def register_scope(scope: Scope) -> None:
    """Let a journey app widen who may see a child (never past a restriction)."""
    _scopes.append(scope)


def _grant_exists(user: User) -> Exists:
    return Exists(AccessGrant.objects.filter(child=OuterRef("pk"), user=user, revoked_at__isnull=True))


def _unrestricted_scope(user: User) -> Q:
    """Which unrestricted children this user's allocation, team, role or break-glass reach."""
    if user.is_service_wide:
        return Q()
    current = Allocation.objects.filter(child=OuterRef("pk"), ended_on__isnull=True)
    # The team test is a subquery, not a list read first: one query fewer on every page.
    my_teams = Membership.objects.filter(user=user).values("team_id")
    reach = Q(Exists(current.filter(worker=user))) | Q(Exists(current.filter(team_id__in=my_teams)))
    reach |= Q(Exists(BreakGlassAccess.objects.filter(
        child=OuterRef("pk"), user=user, expires_at__gt=timezone.now()
    )))
    for scope in _scopes:
        extra = scope(user)
        if extra is not None:
            reach |= extra
    return reach


def visible_children(user: User) -> QuerySet[Person]:
    """Every child's record this user may see."""
    children = Person.objects.filter(kind=PersonKind.CHILD)
    if not user.is_authenticated or not user.works_with_cases:
        return children.none()
    return children.filter((Q(is_restricted=False) & _unrestricted_scope(user)) | Q(_grant_exists(user)))


def can_view_child(user: User, child: Person) -> bool:
    """Whether this user may see this child's record."""
    return visible_children(user).filter(pk=child.pk).exists()


def can_write_child(user: User, child: Person) -> bool:
    """Whether this user may add to this child's record (readers such as inspectors may not)."""
    return user.may_write_cases and can_view_child(user, child)


def log_access(*, user: User, action: str, what: str, child: Person | None = None,
               detail: str = "", result_count: int | None = None) -> AccessEvent:
    """Write one access event: every read of a record, every search, every export."""
    return AccessEvent.objects.create(
        user=user, action=action, child=child, what=what[:200], detail=detail, result_count=result_count
    )


def child_for(user: User, child_id: int, *, what: str, action: str = AccessAction.VIEW,
              log: bool = True) -> Person:
    """The child if this user may see them, logging the read; otherwise 404, logged as refused.

    A child the user may not see and a child that does not exist give the same 404, so a
    URL reveals nothing.
    """
    child = visible_children(user).filter(pk=child_id).first()
    if child is None:
        log_access(user=user, action=AccessAction.DENIED, what=what, detail=f"child id {child_id}")
        raise Http404("No child record found")
    if log:
        log_access(user=user, action=action, what=what, child=child)
    return child


def require_write(user: User) -> None:
    """Refuse (403) a write by a user whose roles only read (the child's visibility is checked by child_for)."""
    if not user.may_write_cases:
        raise PermissionDenied("Your role can read records but not change them.")


# --- An inspection's case sample -----------------------------------------------------------------------------------
# An account made for one inspection (role INSPECTION_INSPECTOR, never service-wide) sees exactly the children in
# that inspection's case sample, and only while its access window is open: before it opens and after it closes,
# nothing. The inspection app registers the scope with the model of its sample, so this foundation module names no
# derived app. The sample model has `child` and `inspection`; an inspection's `inspector_accounts` have `user`,
# `opens_at` and `closes_at`. A restricted child in a sample stays invisible, as for every scope.

def inspection_sample_scope(sample_model) -> Scope:
    """The scope of inspectors' accounts: their inspection's sampled children, while the window is open."""
    from hearth.accounts.roles import RoleCode

    def scope(user: User) -> Q | None:
        if RoleCode.INSPECTION_INSPECTOR not in user.role_codes:
            return None
        now = timezone.now()
        sampled = sample_model.objects.filter(
            child=OuterRef("pk"), inspection__inspector_accounts__user=user,
            inspection__inspector_accounts__opens_at__lte=now, inspection__inspector_accounts__closes_at__gte=now,
        )
        return Q(Exists(sampled))

    return scope
