"""Reads for the front door's consultation and contact pages, scoped to what the user may see."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from hearth.accounts import policy
from hearth.accounts.models import AccessAction, AccessEvent, User
from hearth.accounts.policy import log_access, log_access_many, visible_children
from hearth.casework.chronology import ChronologyEntry, chronology_for
from hearth.front_door import recontacts as recontact_rule
from hearth.front_door.models import Advice, Consultation, Contact, ContactAdult, ContactChild, InformationRequest
from hearth.people.models import Person, PersonKind
from hearth.people.selectors import likely_duplicates

FAMILY_HISTORY_LIMIT = 20
CONSULTATIONS_LIMIT = 50


def _with_everything(contacts: QuerySet[Contact]) -> QuerySet[Contact]:
    children = ContactChild.objects.select_related("child", "open_to_team", "decision", "decision__decided_by").order_by("pk")
    return contacts.select_related(
        "team", "assigned_to", "recorded_by", "submitted_by", "consent_dispensed_asked",
        "consent_dispensed_confirmed_by", "escalated_by", "from_consultation",
    ).prefetch_related(
        Prefetch("children", queryset=children),
        "adults",
        Prefetch("information_requests", queryset=InformationRequest.objects.select_related("requested_by")
                 .order_by("requested_at", "pk")),
        Prefetch("advice", queryset=Advice.objects.select_related("given_by").order_by("given_at", "pk")),
    )


def contact_detail(user: User, contact_id: int, *, what: str = "Front door contact", log: bool = True) -> Contact:
    """The contact with its children, adults, requests, advice and decisions read in a fixed number of queries.

    What the user may see of it is the policy's answer, kept as `contact.access`: a contact the user may not see
    gives the same 404 as one that does not exist (the refusal logged against each child on it); a child on it
    the user may not see is shown as "a child you do not have access to".
    """
    contact = _with_everything(Contact.objects.filter(pk=contact_id)).first()
    child_ids = [row.child_id for row in contact.children.all() if row.child_id] if contact else []
    access = policy.contact_access(user, team_id=contact.team_id, child_ids=child_ids) if contact else None
    if access is None or not access.visible:
        detail = f"contact id {contact_id}"
        log_access(user=user, action=AccessAction.DENIED, what=what, detail=detail)
        log_access_many(user=user, action=AccessAction.DENIED, what=what, detail=detail, child_ids=child_ids)
        raise Http404("No contact found")
    contact.access = access
    if log:
        log_contact_read(user, contact, what=what)
    return contact


def log_contact_read(user: User, contact: Contact, *, what: str = "Front door contact") -> None:
    """Log, against each child on the contact, a view of them or the refusal to show them (in one write)."""
    now = timezone.now()
    detail = contact.reference or ""
    AccessEvent.objects.bulk_create([
        AccessEvent(at=now, user=user, child_id=row.child_id, what=what[:200], detail=detail,
                    action=AccessAction.DENIED if row.child_id in contact.access.hidden else AccessAction.VIEW)
        for row in contact.children.all() if row.child_id
    ])


def child_shown(contact: Contact, row: ContactChild) -> bool:
    """Whether this child on the contact is shown by name to the user it was read for."""
    return row.child_id is None or row.child_id in contact.access.named


def contact_chain(contact: Contact) -> list[Contact]:
    """Every contact linked to this one by new information, first received first (one query).

    A chain shares its first receipt, so only contacts with the same first receipt are read, and the
    links between them are followed here.
    """
    candidates = {c.pk: c for c in Contact.objects.filter(first_received_at=contact.first_received_at)
                  .only("pk", "reference", "received_at", "first_received_at", "closed_at", "previous_id")}
    candidates[contact.pk] = contact
    following = {c.previous_id: c for c in candidates.values() if c.previous_id}
    first = contact
    while first.previous_id in candidates:
        first = candidates[first.previous_id]
    chain = [first]
    while chain[-1].pk in following and len(chain) <= len(candidates):
        chain.append(following[chain[-1].pk])
    return chain if len(chain) > 1 else []


@dataclass(frozen=True)
class Recontact:
    contact_id: int
    reference: str
    received_at: object
    closed: bool


def recontacts(contact: Contact) -> dict[int, list[Recontact]]:
    """For each child the user may see on the contact, the other contacts about them in the 12 months before (one query)."""
    child_ids = [row.child_id for row in contact.children.all() if row.child_id in contact.access.named]
    if not child_ids:
        return {}
    rows = (
        ContactChild.objects.filter(
            child_id__in=child_ids,
            contact__received_at__gte=contact.received_at - recontact_rule.RECONTACT_WINDOW,
            contact__received_at__lte=contact.received_at,
        )
        .exclude(contact=contact)
        .values_list("child_id", "contact_id", "contact__reference", "contact__received_at", "contact__closed_at")
        .order_by("-contact__received_at")
    )
    found: dict[int, list[Recontact]] = {}
    for child_id, contact_id, reference, received_at, closed_at in rows:
        found.setdefault(child_id, []).append(
            Recontact(contact_id, reference or f"Contact {contact_id}", received_at, closed_at is not None))
    return found


def family_history(contact: Contact, *, limit: int = FAMILY_HISTORY_LIMIT) -> list[tuple[Person, list[ChronologyEntry]]]:
    """The latest entries of the chronology of each child on the contact whose record the user may see, leaving out
    this contact's own entries (read by `contact_detail`, which logged each view and refusal).
    """
    own = reverse("front_door:contact", args=[contact.pk])
    history = []
    for row in contact.children.all():
        if row.child_id in contact.access.records:
            entries = [e for e in chronology_for(row.child) if e.url != own]
            history.append((row.child, entries[:limit]))
    return history


def _matchable_children(user: User) -> QuerySet[Person]:
    """Children the front door may match a contact to: those the policy lets the user identify.

    The front door receives contacts about children known to other teams, so its reach is wider than a
    caseload, but a restricted record stays invisible without a grant.
    """
    return policy.identifiable_people(user).filter(kind=PersonKind.CHILD)


def children_by_la_ids(user: User, ids: list[str]) -> tuple[list[Person], list[str]]:
    """The children with these LA child IDs (in the order typed), and the IDs not found. The search is logged."""
    wanted = []
    for typed in ids:
        if typed.upper() not in [w.upper() for w in wanted]:
            wanted.append(typed)
    if not wanted:
        return [], []
    query = Q()
    for typed in wanted:
        query |= Q(la_child_id__iexact=typed)
    by_id = {p.la_child_id.upper(): p for p in _matchable_children(user).filter(query)}
    found = [by_id[w.upper()] for w in wanted if w.upper() in by_id]
    missing = [w for w in wanted if w.upper() not in by_id]
    log_access(user=user, action=AccessAction.SEARCH, what="Front door: children by LA child ID",
               detail=", ".join(wanted), result_count=len(found))
    log_access_many(user=user, action=AccessAction.FOUND, what="Front door: children by LA child ID",
                    detail=", ".join(wanted), child_ids=[child.pk for child in found])
    return found, missing


def matchable_child(user: User, child_id: int) -> Person | None:
    """A child record chosen from the duplicate check, if the front door may match it."""
    return _matchable_children(user).filter(pk=child_id).first()


def described_matches(user: User, contact: Contact) -> dict[int, list[Person]]:
    """For each child described but not yet matched, the records that may be them (the duplicate check)."""
    matches = {}
    for row in contact.children.all():
        if row.child_id is None and row.described_name.strip():
            first, _, last = row.described_name.strip().rpartition(" ")
            first = first or last
            matches[row.pk] = [p for p in likely_duplicates(
                user=user, first_name=first, last_name=last, date_of_birth=row.described_date_of_birth,
            ) if p.kind == PersonKind.CHILD]
    return matches


def team_managers() -> QuerySet[User]:
    """The managers who can agree to dispense with consent: the team managers who manage a front-door team."""
    return policy.front_door_managers()


def recent_consultations(user: User, *, limit: int = CONSULTATIONS_LIMIT) -> list[Consultation]:
    """The latest calls for advice, newest first, for the front door's staff and managers."""
    if not policy.may_see_front_door(user):
        return []
    return list(Consultation.objects.select_related("advised_by", "became_contact").order_by("-received_at")[:limit])


def consultation_for(user: User, consultation_id: int) -> Consultation:
    if not policy.may_see_front_door(user):
        raise Http404("No consultation found")
    consultation = Consultation.objects.select_related("advised_by", "became_contact").filter(pk=consultation_id).first()
    if consultation is None:
        raise Http404("No consultation found")
    return consultation


TEAM_CONTACT_DAYS = 14
TEAM_CONTACT_LIMIT = 50


def team_contacts(user: User, team_ids: list[int], now: datetime) -> list[ContactChild]:
    """Children's rows on contacts received in the last 14 days about children open to one of these teams (the user's)
    when the contact arrived (newest first, at most 50): how the front door routes a contact to the team that
    already works with the child. Restricted children the user may not see are left out.
    """
    rows = (
        ContactChild.objects.filter(open_to_team_id__in=team_ids, received_at__gte=now - timedelta(days=TEAM_CONTACT_DAYS))
        .select_related("contact", "child", "open_to_team", "decision")
        .only("pk", "contact_id", "child_id", "open_to_team_id", "received_at",
              "contact__received_at", "contact__reference", "contact__referrer_agency", "contact__referrer_name",
              "child__first_name", "child__last_name", "open_to_team__name", "decision__outcome")
        .order_by("-received_at", "pk")
    )
    # Read a page at a time until the limit is reached: a busy team has hundreds of rows in the period, and the few
    # the user may not see would otherwise cost reading them all. The policy is applied to each page's children, not
    # joined in: as a subquery over every child, SQLite would evaluate it for the whole council first.
    found: list[ContactChild] = []
    offset = 0
    while len(found) < TEAM_CONTACT_LIMIT:
        page = list(rows[offset:offset + TEAM_CONTACT_LIMIT])
        visible = set(visible_children(user).filter(pk__in={row.child_id for row in page}).values_list("pk", flat=True))
        found.extend(row for row in page if row.child_id in visible)
        if len(page) < TEAM_CONTACT_LIMIT:
            break
        offset += TEAM_CONTACT_LIMIT
    return found[:TEAM_CONTACT_LIMIT]


def partner_submissions(user: User) -> QuerySet[Contact]:
    """A partner's own online referrals, newest first, with what they sent and nothing the front door added."""
    return Contact.objects.filter(submitted_by=user).only(
        "pk", "reference", "received_at", "closed_at", "submitted_by",
    ).prefetch_related(Prefetch("children", queryset=ContactChild.objects.only(
        "pk", "contact_id", "described_name").order_by("pk"))).order_by("-received_at", "-pk")


def partner_submission(user: User, pk: int) -> Contact:
    """One of a partner's own referrals, as they sent it; anyone else's is a 404, as if it did not exist."""
    contact = Contact.objects.filter(submitted_by=user, pk=pk).prefetch_related(
        Prefetch("children", queryset=ContactChild.objects.only(
            "pk", "contact_id", "described_name", "described_date_of_birth", "described_address").order_by("pk")),
        Prefetch("adults", queryset=ContactAdult.objects.only("pk", "contact_id", "name", "relationship").order_by("pk")),
    ).first()
    if contact is None:
        raise Http404("No referral found")
    return contact
