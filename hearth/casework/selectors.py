"""Reads of casework, already scoped to what the user may see."""

from django.db.models import QuerySet

from hearth.accounts import policy
from hearth.accounts.models import Team, User
from hearth.casework.models import Allocation, CaseNote, Involvement
from hearth.people.models import Person


def caseload_for(user: User) -> QuerySet[Allocation]:
    """The children currently allocated to this worker whom they may see, oldest allocation first.

    Allocation already gives access, so the one thing the policy adds is a restricted child's grant
    (cheaper than filtering by the whole policy).
    """
    return (
        Allocation.objects.filter(policy.unrestricted_or_granted(user, "child"), worker=user, ended_on__isnull=True)
        .select_related("child", "team")
        .order_by("started_on", "child__last_name")
    )


def current_allocation(child: Person) -> Allocation | None:
    """The child's current allocation, if any (call only for a child the user may see)."""
    return Allocation.objects.filter(child=child, ended_on__isnull=True).select_related("team", "worker").first()


def allocations_for(child: Person) -> QuerySet[Allocation]:
    """A child's allocations, current first (call only for a child the user may see)."""
    return Allocation.objects.filter(child=child).select_related("team", "worker").order_by(
        "ended_on", "-started_on"
    )


def case_notes_for(child: Person) -> QuerySet[CaseNote]:
    """A child's case notes, newest event first (call only for a child the user may see)."""
    return CaseNote.objects.filter(child=child).select_related("author").order_by("-occurred_at")


def involvements_for(child: Person) -> QuerySet[Involvement]:
    """A child's involvements, current first (call only for a child the user may see)."""
    return Involvement.objects.filter(child=child).select_related("worker").order_by("ended_on", "-started_on", "-pk")


def involvements_of(user: User) -> QuerySet[Involvement]:
    """The children this user currently works with beside their allocated workers, whom they may see."""
    return (Involvement.objects.filter(policy.unrestricted_or_granted(user, "child"), worker=user, ended_on__isnull=True)
            .select_related("child").order_by("started_on", "child__last_name"))


def involvable_workers() -> QuerySet[User]:
    """Who may be named on an involvement, for the form's list."""
    return policy.involvable_users().order_by("last_name", "first_name")


def children_for_lists(user: User, child_ids) -> tuple[dict[int, Person], set[int]]:
    """The children a list of due items names, by id, and those of them it must not name (a restricted child without
    a grant): two queries at most (the grants are read only when one of them is restricted)."""
    children = {child.pk: child for child in Person.objects.filter(pk__in=list(child_ids))
                .only("pk", "first_name", "last_name", "la_child_id", "is_restricted")}
    return children, policy.hidden_on_lists(user, children.values())


def teams_named(team_ids) -> list[tuple[int, str]]:
    """These teams' ids and names, by name, for a filter (one query)."""
    return list(Team.objects.filter(pk__in=list(team_ids)).order_by("name").values_list("pk", "name"))
