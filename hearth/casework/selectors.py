"""Reads of casework, already scoped to what the user may see."""

from django.db.models import QuerySet

from hearth.accounts import policy
from hearth.accounts.models import User
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
