"""The front door's queue: open contacts, soonest due first, each with its RAG status.

The status is worked out in Python from the stored due moment (`Contact.decision_due_at`, set from the
chain's first receipt) and the time now, so a page of 50 rows costs no query per row. The same rule, as
moments, filters the queue in the database:

* Overdue (red): the due moment has passed.
* Due today (amber): not yet overdue, and due within the clock's amber allowance. For the standard clock
  (1 working day, amber_within 0) that is "due by the end of today"; the immediate-risk clock counts in
  hours with no amber allowance, so it is only ever on track or overdue.
* On track (green): everything else.

A decided contact is green if it was decided by its due moment and red if it was decided late.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import Prefetch, Q, QuerySet

from hearth.accounts import policy
from hearth.accounts.models import ServiceArea, Team, User
from hearth.core.jinja import govuk_date, govuk_datetime
from hearth.front_door.clocks import BY_URGENCY
from hearth.front_door.models import Contact, ContactChild, Urgency
from hearth.timescales.clocks import Rag, Unit, end_of_day, local_date
from hearth.timescales.selectors import council_calendar

PAGE_SIZE = 50
UNASSIGNED = "unassigned"

RAG_CHOICES = [("overdue", "Overdue"), ("due_today", "Due today"), ("on_track", "On track")]
_RAG_BY_CODE = {"overdue": Rag.RED, "due_today": Rag.AMBER, "on_track": Rag.GREEN}
OPEN_TAGS = {Rag.RED: ("Overdue", "red"), Rag.AMBER: ("Due today", "yellow"), Rag.GREEN: ("On track", "green")}
CLOSED_TAGS = {Rag.RED: ("Decided late", "red"), Rag.GREEN: ("Decided on time", "green")}


def amber_from(urgency: str, now: datetime) -> datetime | None:
    """The latest due moment that counts as "due today" (amber) for an open contact of this urgency, now.

    None when the clock has no amber allowance (an hour clock with amber_within 0: on track or overdue).
    """
    clock = BY_URGENCY[urgency]
    if clock.unit is Unit.HOURS:
        return now + timedelta(hours=clock.amber_within) if clock.amber_within else None
    today = local_date(now)
    if clock.unit is Unit.WORKING_DAYS:
        # Due days are working days, so "no more than n working days after today" ends on the n-th one.
        last = today if clock.amber_within == 0 else council_calendar().add_working_days(today, clock.amber_within)
    else:
        last = today + timedelta(days=clock.amber_within)
    return end_of_day(last)


def contact_rag(contact: Contact, now: datetime, amber: dict[str, datetime | None] | None = None) -> Rag:
    """The contact's RAG status at `now`, from its stored due moment (no query)."""
    due = contact.decision_due_at
    if contact.closed_at is not None:
        return Rag.GREEN if contact.closed_at <= due else Rag.RED
    if now > due:
        return Rag.RED
    last_amber = amber[contact.urgency] if amber is not None else amber_from(contact.urgency, now)
    return Rag.AMBER if last_amber is not None and due <= last_amber else Rag.GREEN


def rag_q(code: str, now: datetime) -> Q:
    """The database condition for open contacts with this RAG code (overdue, due_today, on_track)."""
    overdue = Q(decision_due_at__lt=now)
    due_today = Q(pk__in=[])
    for urgency in Urgency.values:
        last = amber_from(urgency, now)
        if last is not None:
            due_today |= Q(urgency=urgency, decision_due_at__gte=now, decision_due_at__lte=last)
    if code == "overdue":
        return overdue
    if code == "due_today":
        return due_today
    return Q(decision_due_at__gte=now) & ~due_today


@dataclass(frozen=True)
class WorklistFilters:
    team: int | None = None
    assigned: str = ""  # "", "unassigned" or a user's id
    urgency: str = ""
    source: str = ""
    pathway: str = ""
    rag: str = ""


def front_door_teams() -> list[Team]:
    return list(Team.objects.filter(service_area=ServiceArea.FRONT_DOOR, is_active=True).order_by("name"))


def front_door_staff() -> list[User]:
    """Everyone active in a front-door team, each marked `is_adviser` if they are a front-door adviser (one query)."""
    return list(policy.front_door_staff())


def queue(filters: WorklistFilters, now: datetime) -> QuerySet[Contact]:
    """Open contacts matching the filters, the soonest due first (served by the (closed_at, decision_due_at) index)."""
    contacts = Contact.objects.filter(closed_at__isnull=True)
    if filters.team:
        contacts = contacts.filter(team_id=filters.team)
    if filters.assigned == UNASSIGNED:
        contacts = contacts.filter(assigned_to__isnull=True)
    elif filters.assigned:
        contacts = contacts.filter(assigned_to_id=int(filters.assigned))
    for name in ("urgency", "source", "pathway"):
        if getattr(filters, name):
            contacts = contacts.filter(**{name: getattr(filters, name)})
    if filters.rag:
        contacts = contacts.filter(rag_q(filters.rag, now))
    return contacts.order_by("decision_due_at", "pk")


def in_order(ids: list[int]) -> list[Contact]:
    """The contacts with these ids, in this order, with what their rows show (a page of a list read as ids)."""
    loaded = {contact.pk: contact for contact in for_rows(Contact.objects.filter(pk__in=ids))}
    return [loaded[pk] for pk in ids]


def for_rows(contacts: QuerySet[Contact]) -> QuerySet[Contact]:
    """What a row shows, read in three queries for any page: the contacts, and their children."""
    children = ContactChild.objects.select_related("child").only(
        "pk", "contact_id", "described_name", "recontact", "child__id", "child__first_name", "child__last_name",
        "child__is_restricted",
    ).order_by("pk")
    return contacts.select_related("assigned_to").prefetch_related(Prefetch("children", queryset=children))


@dataclass
class ContactRow:
    contact: Contact
    rag: Rag
    tag_text: str
    tag_colour: str
    due_text: str
    children: list[tuple[str, bool]] = field(default_factory=list)  # each child's name, and whether a re-contact

    @property
    def chained(self) -> bool:
        return self.contact.previous_id is not None


def child_name(row: ContactChild, hidden: set[int], *, no_names: bool = False) -> str:
    if no_names:
        return policy.HIDDEN_CHILD
    if row.child_id is None:
        return f"{row.described_name or 'Name not given'} (not yet matched)"
    if row.child_id in hidden:
        return policy.HIDDEN_CHILD
    return row.child.full_name


def _due_text(contact: Contact) -> str:
    if BY_URGENCY[contact.urgency].unit is Unit.HOURS:
        return govuk_datetime(contact.decision_due_at)
    return f"{govuk_date(contact.decision_due_at)} (end of the day)"


def rows(contacts, now: datetime, *, user: User) -> list[ContactRow]:
    """Each contact with its status, due time and children's names, as the policy lets this user see them
    (the children are prefetched; grants are read only if a restricted child is on the page)."""
    contacts = list(contacts)
    amber = {urgency: amber_from(urgency, now) for urgency in Urgency.values}
    on_page = [row.child for contact in contacts for row in contact.children.all() if row.child_id]
    hidden = policy.hidden_on_lists(user, on_page)
    no_names = not policy.works_with_cases(user)
    result = []
    for contact in contacts:
        rag = contact_rag(contact, now, amber)
        text, colour = (OPEN_TAGS if contact.closed_at is None else CLOSED_TAGS)[rag]
        result.append(ContactRow(contact=contact, rag=rag, tag_text=text, tag_colour=colour,
                                 due_text=_due_text(contact),
                                 children=[(child_name(row, hidden, no_names=no_names), row.recontact)
                                           for row in contact.children.all()]))
    return result
