"""The access policy for children's records, in one place. Deny by default.

Every question of the form "may this user see or do this" is answered here, and nowhere else.
Pages and services ask; they never compare roles or memberships themselves.

Seeing a child's record. A user sees a child's record when:
- the child is allocated to them, or to a team they are a member of (current allocations only);
- they are currently involved with the child (`casework.Involvement`: an IRO, a personal adviser, a parenting
  assessor, beside the allocated worker);
- the child is currently linked to them or to one of their teams by a journey app (a contact in
  screening is with the front door's team that holds it; later, an involvement links a child to an
  independent reviewing officer or a personal adviser). Journey apps add such links with
  `register_team_link` and `register_person_link`: a link is a fact ("this child is with this team
  now"); what it grants is decided here, and is the same as an allocation's;
- their role is service-wide (senior leaders and inspectors: every child who is not restricted);
- they opened it by breaking glass, with a reason, and that access has not expired.

A restricted child is invisible, in pages, lists and search, to anyone without an explicit,
unrevoked `AccessGrant`, whatever their allocation, link or role. Where a page would name a child the
user may not see (a sibling on a contact, a relative in a family network) it shows "a child you do not
have access to" instead: no name, no identifiers, no history. Administrators, performance analysts and
partner agencies see no children's records at all (analysts see figures, not case files; a partner
sees only their own online referrals).

Acting. A role acts within the teams the user is a member of, and a manager's powers within the teams
they manage (`Membership.manages`): the front door's powers belong to members of front-door teams;
deciding a contact's outcome, or allocating its advisers, to a manager of the team that holds it;
allocating a child to a manager of the receiving team or of the child's current team. Access opened
by breaking glass lets a user read, never allocate or grant.
"""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from hearth.accounts.models import (
    AccessAction,
    AccessEvent,
    AccessGrant,
    BreakGlassAccess,
    Membership,
    Role,
    ServiceArea,
    Team,
    User,
)
from hearth.accounts.roles import (
    BREAK_GLASS_ROLES,
    CASE_ROLES,
    CASE_WRITE_ROLES,
    MANAGER_ROLES,
    SERVICE_WIDE_ROLES,
    RoleCode,
)
from hearth.casework.models import Allocation, Involvement, InvolvementRole
from hearth.people.models import Person, PersonKind

HIDDEN_CHILD = "A child you do not have access to"
# A child's record's pages all start so; a refusal of one is logged against the child.
CHILD_PATH = re.compile(r"^/children/([0-9]{1,12})(?:/|$)")
HIDDEN_PERSON = "A person you do not have access to"

# Roles -----------------------------------------------------------------------------------------------------------

FRONT_DOOR_ROLES = frozenset({RoleCode.FRONT_DOOR_ADVISER, RoleCode.SENIOR_SOCIAL_WORKER, RoleCode.TEAM_MANAGER})
INSPECTION_READER_ROLES = frozenset({RoleCode.SENIOR_LEADER, RoleCode.TEAM_MANAGER, RoleCode.PERFORMANCE_ANALYST})
# Who sees the figures of the leaders' views (a front-door team's managers, senior leaders, analysts).
FIGURES_ROLES = frozenset({RoleCode.SENIOR_LEADER, RoleCode.PERFORMANCE_ANALYST})


def _codes(user: User) -> frozenset[str]:
    return user.role_codes if user.is_authenticated else frozenset()


def works_with_cases(user: User) -> bool:
    """Whether this user's roles reach children's records at all."""
    return user.is_authenticated and bool(_codes(user) & CASE_ROLES)


def may_write(user: User) -> bool:
    """Whether this user's roles may change case records (inspectors, analysts and partners only read)."""
    return user.is_authenticated and bool(_codes(user) & CASE_WRITE_ROLES)


def is_service_wide(user: User) -> bool:
    return bool(_codes(user) & SERVICE_WIDE_ROLES)


def is_partner(user: User) -> bool:
    """A partner agency's user, confined to their own online referrals."""
    return RoleCode.PARTNER in _codes(user)


def is_administrator(user: User) -> bool:
    """An active administrator: users, teams, roles and reference data, never case records."""
    return user.is_authenticated and user.is_active and RoleCode.ADMINISTRATOR in _codes(user)


def may_review_access_changes(user: User) -> bool:
    """The list of changes to who may see what: administrators and senior leaders."""
    return is_administrator(user) or (user.is_authenticated and is_senior_leader(user))


def needs_second_administrator(before: set[str] | frozenset[str], after: set[str] | frozenset[str]) -> bool:
    """Whether a change of roles gives an account both the administrator role and a case role, by adding one or the
    other (taking roles away never needs a second administrator)."""
    added = set(after) - set(before)
    mixes = RoleCode.ADMINISTRATOR in after and bool(set(after) & CASE_ROLES)
    return mixes and (RoleCode.ADMINISTRATOR in added or bool(added & CASE_ROLES))


def is_team_manager(user: User) -> bool:
    return RoleCode.TEAM_MANAGER in _codes(user)


def is_senior_leader(user: User) -> bool:
    return RoleCode.SENIOR_LEADER in _codes(user)


def is_manager(user: User) -> bool:
    """A team manager or a senior leader (who review emergency access and see who read a record)."""
    return bool(_codes(user) & MANAGER_ROLES)


def require(allowed: bool, message: str) -> None:
    """Refuse (403) what the policy does not allow, saying why."""
    if not allowed:
        raise PermissionDenied(message)


def require_write(user: User) -> None:
    """Refuse (403) a write by a user whose roles only read (the child's visibility is checked by child_for)."""
    require(may_write(user), "Your role can read records but not change them.")


# Teams -----------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Member:
    team_id: int
    service_area: str
    manages: bool


def memberships(user: User) -> list[Member]:
    """The user's teams, read once per request and kept on the user."""
    if not hasattr(user, "_policy_memberships"):
        user._policy_memberships = [
            Member(*row) for row in Membership.objects.filter(user=user, team__is_active=True)
            .values_list("team_id", "team__service_area", "manages")
        ] if user.is_authenticated else []
    return user._policy_memberships


def team_ids(user: User, *, managed: bool = False, service_area: str | None = None) -> set[int]:
    """The ids of the user's teams (only those they manage, or of one service area, if asked)."""
    return {m.team_id for m in memberships(user)
            if (m.manages or not managed) and (service_area is None or m.service_area == service_area)}


def manages_team(user: User, team_id: int | None) -> bool:
    return team_id is not None and is_team_manager(user) and team_id in team_ids(user, managed=True)


# Links from journey apps -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TeamLink:
    """Rows saying a child is currently with a team: `rows()` gives the current ones; the fields name the columns."""

    name: str
    rows: Callable[[], QuerySet]
    child: str = "child"
    team: str = "team"
    # The link's teams are all of this service area (the front door's contacts are held by front-door teams): a user
    # with no team there is never reached by it, so its subquery is left out of their every read.
    service_area: str | None = None


@dataclass(frozen=True)
class PersonLink:
    """Rows saying a child is currently with a person (an involvement)."""

    name: str
    rows: Callable[[], QuerySet]
    child: str = "child"
    user: str = "user"


_team_links: list[TeamLink] = []
_person_links: list[PersonLink] = []
# A further scope a derived app adds (an inspection's case sample): given a user, a Q over Person or None.
Scope = Callable[[User], Q | None]
_scopes: list[Scope] = []


def register_team_link(link: TeamLink) -> None:
    """Let a journey app say when a child is with a team; the team's members then see the child (never past a restriction)."""
    _team_links.append(link)


def register_person_link(link: PersonLink) -> None:
    """Let a journey app say when a child is with a person; that person then sees the child (never past a restriction)."""
    _person_links.append(link)


def register_scope(scope: Scope) -> None:
    """A scope defined in this module, wired in by the app whose records it reads (never past a restriction)."""
    _scopes.append(scope)


# Seeing children -------------------------------------------------------------------------------------------------


def _grant_exists(user: User) -> Exists:
    return Exists(AccessGrant.objects.filter(child=OuterRef("pk"), user=user, revoked_at__isnull=True))


def unrestricted_or_granted(user: User, field: str = "") -> Q:
    """A condition on a child (or on a row's `field` naming one): not restricted, or granted to this user."""
    prefix = f"{field}__" if field else ""
    granted = AccessGrant.objects.filter(child=OuterRef(field or "pk"), user=user, revoked_at__isnull=True)
    return Q(**{f"{prefix}is_restricted": False}) | Q(Exists(granted))


def _unrestricted_scope(user: User, *, break_glass: bool) -> Q:
    """Which unrestricted children this user's allocation, links, teams, role or break-glass reach.

    Each reach is a list of children read once in the query (`pk IN (subquery)`), not a subquery asked again for
    every candidate row: a search matching thousands of names checks each against lists of a few hundred.
    """
    if is_service_wide(user):
        return Q()
    current = Allocation.objects.filter(ended_on__isnull=True)
    # The team test is a subquery, not a list read first: one query fewer on every page.
    my_teams = Membership.objects.filter(user=user, team__is_active=True).values("team_id")
    reach = Q(pk__in=current.filter(worker=user).values("child_id"))
    reach |= Q(pk__in=current.filter(team_id__in=my_teams).values("child_id"))
    # A current involvement (an IRO, a personal adviser beside the allocated worker) reaches as far as an allocation.
    reach |= Q(pk__in=Involvement.objects.filter(worker=user, ended_on__isnull=True).values("child_id"))
    for link in _team_links:
        if link.service_area is not None and not team_ids(user, service_area=link.service_area):
            continue
        reach |= Q(pk__in=link.rows().filter(**{f"{link.team}__in": my_teams}).values(link.child))
    for link in _person_links:
        reach |= Q(pk__in=link.rows().filter(**{link.user: user}).values(link.child))
    if break_glass:
        reach |= Q(pk__in=BreakGlassAccess.objects.filter(user=user, expires_at__gt=timezone.now()).values("child_id"))
    for scope in _scopes:
        extra = scope(user)
        if extra is not None:
            reach |= extra
    return reach


def visible_children(user: User, *, break_glass: bool = True) -> QuerySet[Person]:
    """Every child's record this user may see (leaving out emergency access when `break_glass` is false)."""
    children = Person.objects.filter(kind=PersonKind.CHILD)
    if not works_with_cases(user):
        return children.none()
    granted = AccessGrant.objects.filter(user=user, revoked_at__isnull=True).values("child_id")
    return children.filter(
        (Q(is_restricted=False) & _unrestricted_scope(user, break_glass=break_glass)) | Q(pk__in=granted)
    )


def visible_child_ids(user: User, ids: Iterable[int | None]) -> set[int]:
    """Which of these children's records this user may see (one query, none for no ids)."""
    wanted = {pk for pk in ids if pk is not None}
    if not wanted:
        return set()
    return set(visible_children(user).filter(pk__in=wanted).values_list("pk", flat=True))


def can_view_child(user: User, child: Person) -> bool:
    """Whether this user may see this child's record."""
    return visible_children(user).filter(pk=child.pk).exists()


def can_write_child(user: User, child: Person) -> bool:
    """Whether this user may add to this child's record (readers such as inspectors may not)."""
    return may_write(user) and can_view_child(user, child)


def identifiable_people(user: User) -> QuerySet[Person]:
    """People this user may be shown by name when looking for a match (the duplicate check, matching a contact's child).

    Wider than the records the user may open, so that nobody adds a second record for a child known to another team,
    but a restricted record is left out, unnamed and uncounted, without a grant.
    """
    if not works_with_cases(user):
        return Person.objects.none()
    return Person.objects.filter(Q(is_restricted=False) | Q(_grant_exists(user)))


def hidden_people(user: User, people: Iterable[Person]) -> set[int]:
    """The ids of these people (loaded with `is_restricted`) whose names this user may not be shown.

    Reads grants only when one of them is restricted.
    """
    restricted = {p.pk for p in people if p is not None and p.is_restricted}
    if not restricted:
        return set()
    granted = set(AccessGrant.objects.filter(user=user, child_id__in=restricted, revoked_at__isnull=True)
                  .values_list("child_id", flat=True))
    return restricted - granted


def hidden_on_lists(user: User, children: Iterable[Person]) -> set[int]:
    """The ids of the children on a list of contacts (the worklist, the lists behind the figures) not to be named:
    a restricted child without a grant, and every child for a user who works from figures, not case files."""
    children = list(children)
    if not works_with_cases(user):
        return {child.pk for child in children}
    return hidden_people(user, children)


# A contact, and the children on it -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ContactAccess:
    """What one user may see of one contact: whether they see it at all, and which of its children by name."""

    visible: bool
    named: frozenset[int]  # children's record ids shown with their names on the contact
    records: frozenset[int]  # children whose records (chronology, history) the user may open
    hidden: frozenset[int]  # children on the contact shown as "a child you do not have access to"


def is_front_door_staff(user: User) -> bool:
    """A front-door role held in a front-door team."""
    return bool(_codes(user) & FRONT_DOOR_ROLES) and bool(team_ids(user, service_area=ServiceArea.FRONT_DOOR))


def contact_access(user: User, *, team_id: int, child_ids: Iterable[int | None]) -> ContactAccess:
    """May this user see this contact, and each child on it.

    The front-door team that holds a contact sees it whole, naming every child but a restricted one without a grant.
    Anyone else sees it only if they may see one of its children's records, and sees only those children by name.
    Senior leaders and inspectors see every contact, with the same rule for each child. In two queries at most.
    """
    ids = {pk for pk in child_ids if pk is not None}
    if not works_with_cases(user) or not (is_service_wide(user) or may_see_front_door(user) or ids):
        return ContactAccess(False, frozenset(), frozenset(), frozenset(ids))
    records = visible_child_ids(user, ids)
    holds_it = is_front_door_staff(user) and team_id in team_ids(user, service_area=ServiceArea.FRONT_DOOR)
    if holds_it:
        named = records | set(identifiable_people(user).filter(pk__in=ids - records).values_list("pk", flat=True)) \
            if ids - records else records
    else:
        named = records
    visible = holds_it or is_service_wide(user) or bool(records)
    return ContactAccess(visible, frozenset(named), frozenset(records), frozenset(ids - named))


# The front door's powers -----------------------------------------------------------------------------------------


def may_see_front_door(user: User) -> bool:
    """Who sees the front door's own pages (its worklist and consultations): its staff, and senior leaders (reading)."""
    return works_with_cases(user) and (is_front_door_staff(user) or is_senior_leader(user))


def may_screen(user: User, team_id: int | None = None) -> bool:
    """Record consultations and contacts, and screen them: front-door staff, in the team that holds the contact."""
    if not (may_write(user) and is_front_door_staff(user)):
        return False
    return team_id is None or team_id in team_ids(user, service_area=ServiceArea.FRONT_DOOR)


def may_give_senior_advice(user: User, team_id: int | None = None) -> bool:
    return RoleCode.SENIOR_SOCIAL_WORKER in _codes(user) and may_screen(user, team_id)


def may_decide_contact(user: User, team_id: int | None = None) -> bool:
    """Decide a contact's outcomes: a team manager who manages the front-door team that holds it."""
    managed = team_ids(user, managed=True, service_area=ServiceArea.FRONT_DOOR)
    return may_write(user) and is_team_manager(user) and (team_id in managed if team_id is not None else bool(managed))


def may_assign_contacts(user: User, team_id: int | None = None) -> bool:
    """Give a front-door team's contacts to its advisers: that team's manager."""
    return may_decide_contact(user, team_id)


def may_agree_to_dispense_consent(user: User) -> bool:
    """A manager of a front-door team agrees to go ahead without consent."""
    return may_decide_contact(user)


def front_door_managers() -> QuerySet[User]:
    """The managers who may agree to dispense with consent: team managers who manage a front-door team."""
    return User.objects.filter(
        is_active=True, roles__code=RoleCode.TEAM_MANAGER, memberships__manages=True,
        memberships__team__service_area=ServiceArea.FRONT_DOOR,
    ).distinct().order_by("last_name", "first_name")


def front_door_staff() -> QuerySet[User]:
    """Everyone active in a front-door team, each marked `is_adviser` if contacts may be given to them (one query)."""
    advisers = Role.objects.filter(code=RoleCode.FRONT_DOOR_ADVISER, users=OuterRef("pk"))
    return (User.objects.filter(is_active=True, memberships__team__service_area=ServiceArea.FRONT_DOOR)
            .annotate(is_adviser=Exists(advisers)).distinct().order_by("last_name", "first_name", "pk"))


def may_see_figures(user: User) -> bool:
    """The leaders' views: senior leaders, performance analysts, and the managers of front-door teams."""
    return bool(_codes(user) & FIGURES_ROLES) or (
        is_team_manager(user) and bool(team_ids(user, managed=True, service_area=ServiceArea.FRONT_DOOR)))


def may_see_contact_lists(user: User) -> bool:
    """The lists of contacts behind the leaders' figures link to contacts: not for analysts, who see figures only."""
    return may_see_figures(user) and works_with_cases(user)


# Casework powers -------------------------------------------------------------------------------------------------


def _current_team(child: Person) -> int | None:
    return Allocation.objects.filter(child=child, ended_on__isnull=True).values_list("team_id", flat=True).first()


def may_allocate(user: User, child: Person, team_id: int | None = None) -> bool:
    """Allocate a child: a team manager of the receiving team or of the child's current team, who sees the child
    other than by emergency access."""
    if not (may_write(user) and is_team_manager(user)):
        return False
    managed = team_ids(user, managed=True)
    if not managed or not ({team_id, _current_team(child)} & managed):
        return False
    return visible_children(user, break_glass=False).filter(pk=child.pk).exists()


def allocation_teams(user: User, child: Person) -> QuerySet[Team]:
    """The teams this user may allocate this child to: any, from the child's current team if they manage it;
    otherwise only the teams they manage; none if they see the child only by emergency access."""
    teams = Team.objects.filter(is_active=True)
    if not (may_write(user) and is_team_manager(user)) or not visible_children(
            user, break_glass=False).filter(pk=child.pk).exists():
        return teams.none()
    managed = team_ids(user, managed=True)
    return teams if _current_team(child) in managed else teams.filter(pk__in=managed)


def may_allocate_somewhere(user: User) -> bool:
    """Whether to offer the allocate button at all (the service checks the child and team)."""
    return may_write(user) and is_team_manager(user) and bool(team_ids(user, managed=True))


def may_add_involvement(user: User, child: Person, worker: User | None = None) -> bool:
    """Add (or end) someone's involvement with a child: a team manager of the child's current team, or of a team the
    involved worker belongs to, who sees the child other than by emergency access."""
    if not (may_write(user) and is_team_manager(user)):
        return False
    managed = team_ids(user, managed=True)
    reach = {_current_team(child)} | (team_ids(worker) if worker is not None else set())
    if not managed & reach:
        return False
    return visible_children(user, break_glass=False).filter(pk=child.pk).exists()


def may_be_involved(worker: User) -> bool:
    """Whom a child's involvement may name: an active user whose roles write to case records."""
    return worker.is_active and may_write(worker)


def involvable_users() -> QuerySet[User]:
    """Everyone `may_be_involved` allows, as a query."""
    return User.objects.filter(is_active=True, roles__code__in=CASE_WRITE_ROLES).distinct()


def may_end_allocation(user: User, allocation: Allocation) -> bool:
    return may_write(user) and manages_team(user, allocation.team_id)


def may_correct_case_note(user: User, note) -> bool:
    """Correct a case note: its author, or a manager of the child's current team, who may still write to the record."""
    if not can_write_child(user, note.child):
        return False
    return note.author_id == user.pk or manages_team(user, _current_team(note.child))


def may_coordinate_inspections(user: User) -> bool:
    """The council's inspection coordinator records inspections and keeps the action plan: a senior leader."""
    return user.is_authenticated and is_senior_leader(user)


def may_read_inspections(user: User) -> bool:
    """The register, the plan and its reports: senior leaders, team managers and performance analysts."""
    return bool(_codes(user) & INSPECTION_READER_ROLES)


def inspection_readers() -> QuerySet[User]:
    """Everyone `may_read_inspections` allows (an action's owner is one of them), as a query."""
    return User.objects.filter(is_active=True, roles__code__in=INSPECTION_READER_ROLES).distinct()


def is_inspection_inspector(user: User) -> bool:
    """An account made for one inspection, which sees only its case sample while its window is open."""
    return RoleCode.INSPECTION_INSPECTOR in _codes(user)


def may_oversee(user: User) -> bool:
    """Management oversight, audits and supervision: team managers (for their teams) and senior leaders (for all)."""
    return is_manager(user)


def oversees_every_team(user: User) -> bool:
    return is_senior_leader(user)


def may_see_access_log(user: User) -> bool:
    """Who may see "Seen by" and the changes to a record they can see: managers."""
    return works_with_cases(user) and is_manager(user)


def may_break_glass(user: User) -> bool:
    return bool(_codes(user) & BREAK_GLASS_ROLES)


def reachable_by_break_glass() -> QuerySet[Person]:
    """The records emergency access may open: any child's, never a restricted one."""
    return Person.objects.filter(kind=PersonKind.CHILD, is_restricted=False)


def may_review_break_glass(user: User, access: BreakGlassAccess | None = None) -> bool:
    """A manager reviews another person's emergency access, never their own."""
    return is_manager(user) and (access is None or access.user_id != user.pk)


# Logging ---------------------------------------------------------------------------------------------------------


def log_access(*, user: User, action: str, what: str, child: Person | None = None, child_id: int | None = None,
               detail: str = "", result_count: int | None = None) -> AccessEvent:
    """Write one access event: every read of a record, every search, every export, every refusal."""
    return AccessEvent.objects.create(
        user=user, action=action, child=child, child_id=child.pk if child else child_id, what=what[:200],
        detail=detail, result_count=result_count,
    )


def log_access_many(*, user: User, action: str, what: str, child_ids: Iterable[int], detail: str = "") -> None:
    """One access event for each child a list named (a search's results), in one write.

    Written as one INSERT of the children's ids, the rest of the row given once: a leaders' list names a few hundred
    children, and making a model instance of each cost more than the rest of the page. The database chains the rows
    as it chains every row.
    """
    ids = list(child_ids)
    if not ids:
        return
    meta = AccessEvent._meta
    quote = connection.ops.quote_name
    columns = ", ".join(quote(meta.get_field(name).column) for name in ("at", "user", "action", "what", "detail",
                                                                       "chain_hash", "child"))
    at = connection.ops.adapt_datetimefield_value(timezone.now())
    batch = max(1, (connection.features.max_query_params or 999) - 5)
    with transaction.atomic(), connection.cursor() as cursor:
        for start in range(0, len(ids), batch):
            part = ids[start:start + batch]
            cursor.execute(
                f"INSERT INTO {quote(meta.db_table)} ({columns}) SELECT %s, %s, %s, %s, %s, '', ids.column1 "
                f"FROM (VALUES {', '.join(['(%s)'] * len(part))}) AS ids",
                [at, user.pk, action, what[:200], detail, *part],
            )


def _existing_child_id(child_id: int) -> int | None:
    """The id of a child record, so a refusal is listed against it; None if no such child exists."""
    return Person.objects.filter(pk=child_id, kind=PersonKind.CHILD).values_list("pk", flat=True).first()


def child_for(user: User, child_id: int, *, what: str, action: str = AccessAction.VIEW,
              log: bool = True, write: bool = False) -> Person:
    """The child if this user may see them (and, with `write`, change their record), logging the read.

    A child the user may not see and a child that does not exist give the same 404, so a URL reveals nothing;
    the refusal is logged against the child when there is one. A reader asking to write is refused (403),
    and that is logged as refused, not as viewed.
    """
    child = visible_children(user).filter(pk=child_id).first()
    if child is None:
        log_access(user=user, action=AccessAction.DENIED, what=what, child_id=_existing_child_id(child_id),
                   detail=f"child id {child_id}")
        raise Http404("No child record found")
    if write and not may_write(user):
        log_access(user=user, action=AccessAction.DENIED, what=what, child=child, detail="Read-only role")
        require_write(user)
    if log:
        log_access(user=user, action=action, what=what, child=child)
    return child


def may_give_access_grant(user: User, child: Person) -> bool:
    """Whether this user may let someone see this restricted child: a senior leader, or a team manager who manages
    the team the child is allocated to now. Emergency access and grants the giver holds themselves never count."""
    if not user.is_authenticated or not user.is_active:
        return False
    if is_senior_leader(user):
        return True
    return is_team_manager(user) and manages_team(user, _current_team(child))


def may_confirm_dispensed_consent(user: User, contact) -> bool:
    """Who confirms a contact's dispensing with consent: the front-door manager the adviser asked, or a manager of the
    front-door team that holds the contact (a partner's referral names nobody)."""
    if not (user.is_active and may_agree_to_dispense_consent(user)):
        return False
    return user.pk == contact.consent_dispensed_asked_id or may_decide_contact(user, contact.team_id)


def log_refused_path(user: User, path: str) -> None:
    """Log a request refused outright (a partner trying a page outside their referrals), against the child it names."""
    match = CHILD_PATH.match(path)
    child_id = _existing_child_id(int(match.group(1))) if match else None
    log_access(user=user, action=AccessAction.DENIED, what="Page outside the user's reach", child_id=child_id,
               detail=path[:500])


# --- An inspection's case sample -----------------------------------------------------------------------------------
# An account made for one inspection (role INSPECTION_INSPECTOR, never service-wide) sees exactly the children in
# that inspection's case sample, and only while its access window is open: before it opens and after it closes,
# nothing. The inspection app registers the scope with the model of its sample, so this foundation module names no
# derived app. The sample model has `child` and `inspection`; an inspection's `inspector_accounts` have `user`,
# `opens_at` and `closes_at`. A restricted child in a sample stays invisible, as for every scope.

def inspection_sample_scope(sample_model) -> Scope:
    """The scope of inspectors' accounts: their inspection's sampled children, while the window is open."""
    def scope(user: User) -> Q | None:
        if RoleCode.INSPECTION_INSPECTOR not in _codes(user):
            return None
        now = timezone.now()
        sampled = sample_model.objects.filter(
            child=OuterRef("pk"), inspection__inspector_accounts__user=user,
            inspection__inspector_accounts__opens_at__lte=now, inspection__inspector_accounts__closes_at__gte=now,
        )
        return Q(Exists(sampled))

    return scope


# --- Child protection (strategy discussions, section 47 enquiries, conferences, plans) ----------------------------
# Who may do what: anyone who may write to the child's record records the work (a discussion asked for or held, the
# child seen, a core group, a visit, the plan's wording); a manager of the child's current team decides whether to
# start a section 47 enquiry and its outcome; an independent reviewing officer who may write to the child's record
# (a current involvement reaches as far as an allocation) chairs a conference and records its decision.


def may_record_protection_work(user: User, child: Person) -> bool:
    """Record a strategy discussion, the child seen, a core group, a visit or the plan's wording."""
    return can_write_child(user, child)


def may_decide_protection(user: User, child: Person) -> bool:
    """Decide whether to start a section 47 enquiry, and its outcome: a manager of the child's current team who
    sees the child other than by emergency access."""
    if not (may_write(user) and manages_team(user, _current_team(child))):
        return False
    return visible_children(user, break_glass=False).filter(pk=child.pk).exists()


def is_conference_chair(user: User) -> bool:
    """An independent reviewing officer, who may chair a child protection conference."""
    return user.is_authenticated and user.is_active and RoleCode.IRO in _codes(user)


def may_chair_conference(user: User, child: Person) -> bool:
    """Record a conference and its decision: an independent reviewing officer who may write to the child's record."""
    return is_conference_chair(user) and can_write_child(user, child)


def conference_chairs() -> QuerySet[User]:
    """Everyone who may chair a conference (independent reviewing officers), as a query."""
    return User.objects.filter(is_active=True, roles__code=RoleCode.IRO).distinct().order_by("last_name", "first_name")

# --- What is due: "My work", a team's work, and where each role lands ---------------------------------------------
# The pages of due items (hearth/casework/due.py) ask here who sees them and for which teams; the home page asks
# where a user's work is. The places are named here; the home page knows their addresses.

def may_see_my_work(user: User) -> bool:
    """"My work" (what is due for the children a user holds or works with, and their caseload): anyone whose roles
    write to case records; readers (inspectors) and those who see no records hold no work."""
    return user.is_authenticated and may_write(user)


def due_teams(user: User) -> set[int]:
    """The teams whose decisions and overdue work a user sees on the team's page: those they manage, as a team
    manager who may write (a senior leader oversees the whole service through the oversight pages instead)."""
    if not (user.is_authenticated and may_write(user) and is_team_manager(user)):
        return set()
    return team_ids(user, managed=True)


def may_see_team_work(user: User) -> bool:
    return bool(due_teams(user))


class Landing:
    """Where a user's work is, so that signing in (and "/") takes them there."""

    MY_WORK = "my_work"
    FRONT_DOOR = "front_door"  # the front door's worklist
    FIGURES = "figures"  # the leaders' view of the front door
    CASE_SAMPLE = "case_sample"  # an inspection's case sample
    FIND_A_CHILD = "find_a_child"
    ADMINISTRATION = "administration"
    PARTNER = "partner"  # a partner's own referrals
    HOME = "home"  # the page that says what the account gives


def landing(user: User) -> str:
    """Where this user's work is: the first that fits, in this order.

    A partner: their referrals. An inspector on an inspection: its case sample. Front-door staff (advisers, senior
    social workers and managers in a front-door team): the worklist. A senior leader: the leaders' figures. Anyone
    else who writes to case records (social workers and their managers, early help and specialist workers, IROs,
    personal advisers): "My work". An inspector or auditor (reads every record): finding a child. A performance
    analyst: the figures. An administrator: administration. Anyone else: the home page, which says what their
    account gives.
    """
    if not user.is_authenticated:
        return Landing.HOME
    if is_partner(user):
        return Landing.PARTNER
    if is_inspection_inspector(user):
        return Landing.CASE_SAMPLE
    if may_write(user) and is_front_door_staff(user):
        return Landing.FRONT_DOOR
    if is_senior_leader(user):
        return Landing.FIGURES
    if may_see_my_work(user):
        return Landing.MY_WORK
    if works_with_cases(user):
        return Landing.FIND_A_CHILD
    if may_see_figures(user):
        return Landing.FIGURES
    if is_administrator(user):
        return Landing.ADMINISTRATION
    return Landing.HOME

# --- Children in need: the episode, the assessment and the plan ----------------------------------------------------
# A referral waits in its receiving team's queue (a team link: the team sees the child meanwhile) until a manager of
# that team allocates a social worker. The worker who holds the child, or anyone involved with them who may write,
# records the assessment, the plan, its reviews and the visits. A manager of the child's current team authorises the
# assessment (or returns it), sets an earlier target and decides the episode's closure. Emergency access never counts.


def _sees_without_break_glass(user: User, child: Person) -> bool:
    return visible_children(user, break_glass=False).filter(pk=child.pk).exists()


def cin_queue_teams(user: User) -> set[int]:
    """The teams whose queue of referrals awaiting allocation this user works: the teams they manage (a front-door team
    hands referrals on and receives none)."""
    if not (may_write(user) and is_team_manager(user)):
        return set()
    return team_ids(user, managed=True) - team_ids(user, service_area=ServiceArea.FRONT_DOOR)


def may_see_cin_queue(user: User) -> bool:
    return bool(cin_queue_teams(user))


def may_allocate_referral(user: User, referral) -> bool:
    """Allocate a referral from the queue: a manager of the team that received it (who may allocate the child)."""
    return referral.team_id in cin_queue_teams(user) and may_allocate(user, referral.child, referral.team_id)


def may_record_cin_work(user: User, child: Person) -> bool:
    """Record the assessment, the plan, reviews and visits: anyone who may write to the child's record, other than by
    emergency access (the allocated worker, someone involved, their team)."""
    return may_write(user) and _sees_without_break_glass(user, child)


def may_decide_for_cin_episode(user: User, child: Person, team_id: int | None = None) -> bool:
    """Authorise or return an assessment, set its target, decide the episode's closure: a manager of the child's current
    team (or, before anyone is allocated, of the team that received the referral)."""
    if not (may_write(user) and is_team_manager(user)):
        return False
    if not ({_current_team(child), team_id} & team_ids(user, managed=True)) - {None}:
        return False
    return _sees_without_break_glass(user, child)


def may_authorise_assessment(user: User, child: Person, team_id: int | None = None) -> bool:
    return may_decide_for_cin_episode(user, child, team_id)


def may_close_cin_episode(user: User, child: Person, team_id: int | None = None) -> bool:
    return may_decide_for_cin_episode(user, child, team_id)


def may_record_parenting_assessment(user: User, child: Person) -> bool:
    """A parenting (or pre-birth) assessment is recorded by the parenting assessor working with the child now (a
    current `parenting_assessor` involvement), who may write to case records."""
    return may_write(user) and Involvement.objects.filter(
        child=child, worker=user, role=InvolvementRole.PARENTING_ASSESSOR, ended_on__isnull=True).exists()


# --- Pre-proceedings and care proceedings (hearth.protection.proceedings) ------------------------------------------
# Pre-proceedings begin at a legal planning (gateway) meeting: the decision to begin, and the decision to step up to
# court or step down, are a manager's (of the team that holds the child now) or a senior leader's. The letter, the
# meetings, family group conferences, family network support, the application and hearings are recorded by anyone
# who may write to every child's record in the case. The leaders' page names families: senior leaders see every
# team's, team managers their own teams'; neither sees a restricted child named without a grant.


def may_decide_pre_proceedings(user: User, child: Person) -> bool:
    """Begin pre-proceedings, or step up or down, for a child: a senior leader, or a team manager of the child's
    current team, who may write to the record and sees it other than by emergency access."""
    if not may_write(user):
        return False
    # The roles first, so a worker's view of a record costs no query to answer "no".
    if not is_senior_leader(user) and not (
            is_team_manager(user) and team_ids(user, managed=True) and manages_team(user, _current_team(child))):
        return False
    return visible_children(user, break_glass=False).filter(pk=child.pk).exists()


def may_record_pre_proceedings(user: User, children: Iterable[Person]) -> bool:
    """Record a step of a pre-proceedings case or of care proceedings: someone who may write to each child's record."""
    children = list(children)
    return may_write(user) and bool(children) and len(visible_child_ids(user, [c.pk for c in children])) == len(
        {c.pk for c in children})


def may_see_pre_proceedings_tracker(user: User) -> bool:
    """The leaders' page of pre-proceedings and proceedings: senior leaders, and managers of a team."""
    return user.is_authenticated and works_with_cases(user) and (
        is_senior_leader(user) or (is_team_manager(user) and bool(team_ids(user, managed=True))))


def pre_proceedings_tracker_teams(user: User) -> set[int] | None:
    """The teams whose families the leaders' page lists for this user: None for every team (a senior leader)."""
    return None if is_senior_leader(user) else team_ids(user, managed=True)


def may_begin_pre_proceedings_somewhere(user: User) -> bool:
    """Whether to offer "Begin pre-proceedings" on a record at all (the page checks the child): a senior leader, or a
    team manager of some team, who may write."""
    return may_write(user) and (is_senior_leader(user) or (is_team_manager(user) and bool(team_ids(user, managed=True))))


# --- Child protection for a child no team holds yet (the statutory pathway's gaps) -----------------------------------
# The front door may ask for a strategy discussion for a child nobody is allocated yet: the referral it opened waits
# in its receiving team's queue, and that team sees the child meanwhile (a team link). Until a team holds the child,
# the managers of that receiving team decide the section 47 question and the enquiry's outcome; once the child is
# allocated, the managers of the child's current team do. Emergency access never counts.


def may_decide_section_47(user: User, child: Person, receiving_team_id: int | None = None) -> bool:
    """Decide whether to start a section 47 enquiry, and its outcome: a manager of the child's current team, or, while
    no team holds the child, of the team that received the referral; who sees the child other than by emergency
    access."""
    if not (may_write(user) and is_team_manager(user)):
        return False
    current = _current_team(child)
    if not manages_team(user, current if current is not None else receiving_team_id):
        return False
    return _sees_without_break_glass(user, child)
