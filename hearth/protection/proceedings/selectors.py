"""Reads of pre-proceedings and care proceedings for pages, each for a child already read through the policy, or
scoped by the policy's answer for the leaders' page."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from hearth.accounts import policy
from hearth.accounts.models import Team, User
from hearth.people.models import Person
from hearth.protection.proceedings.models import (
    CareProceedings,
    FamilyGroupMeeting,
    FamilyNetworkSupport,
    PreProceedings,
    PreProceedingsChild,
)

_CHILDREN = Prefetch("children", queryset=PreProceedingsChild.objects.select_related("child").order_by("child_id"))


def pre_proceedings_for(child: Person) -> list[PreProceedings]:
    """The pre-proceedings a child is or was in, newest first, with their care proceedings (one query)."""
    return list(PreProceedings.objects.filter(children__child=child).select_related("care_proceedings")
                .order_by("-started_on", "-pk"))


def pre_proceedings_of(child: Person, pre_proceedings_id: int) -> PreProceedings:
    """One pre-proceedings case the child is in, with everything its page shows (404 if the child is not in it)."""
    found = (PreProceedings.objects.filter(pk=pre_proceedings_id, children__child=child)
             .select_related("team", "started_by", "step_proposed_by")
             .prefetch_related(_CHILDREN, "children__start_decision__decided_by",
                               "children__step_decision__decided_by", "reviews", "family_meetings",
                               Prefetch("network_support",
                                        queryset=FamilyNetworkSupport.objects.select_related("recipient")))
             .first())
    if found is None:
        raise Http404("No such pre-proceedings for this child")
    return found


def family_meeting_of(case: PreProceedings, meeting_id: int) -> FamilyGroupMeeting:
    """One family group meeting of a case already read through a child (404 if it is not the case's)."""
    found = FamilyGroupMeeting.objects.filter(pre_proceedings=case, pk=meeting_id).first()
    if found is None:
        raise Http404("No such family group meeting")
    return found


def care_proceedings_of(pre_proceedings: PreProceedings) -> CareProceedings | None:
    """The care proceedings that followed a step up, with their hearings (two queries), or None."""
    return (CareProceedings.objects.filter(pre_proceedings=pre_proceedings).prefetch_related("hearings").first())


@dataclass(frozen=True)
class NamedChild:
    child_id: int
    name: str
    may_open: bool


def named(user: User, children: list[Person]) -> list[NamedChild]:
    """Children as this user may be shown them: by name if they may see the record, else as a child they may not."""
    seen = policy.visible_child_ids(user, [child.pk for child in children])
    return [NamedChild(child.pk, child.full_name if child.pk in seen else policy.HIDDEN_CHILD, child.pk in seen)
            for child in children]


def tracker_teams(user: User) -> QuerySet[Team]:
    """The teams the leaders' page may be filtered to, for this user."""
    teams = Team.objects.filter(is_active=True).order_by("name")
    scope = policy.pre_proceedings_tracker_teams(user)
    return teams if scope is None else teams.filter(pk__in=scope)


@dataclass(frozen=True)
class Tracked:
    """A family in pre-proceedings or proceedings, as the leaders' page lists it."""

    case: PreProceedings
    proceedings: CareProceedings | None
    children: list[NamedChild]
    weeks: int  # since pre-proceedings began, or since the application


def _weeks(since: date, today: date) -> int:
    return max(0, (today - since).days // 7)


# How far back the leaders' page lists the pre-proceedings that have ended (stepped down, or up to court).
ENDED_WEEKS = 12


def tracker(user: User, *, today: date,
            team_id: int | None = None) -> tuple[list[Tracked], list[Tracked], list[Tracked]]:
    """Every open pre-proceedings case, every care proceedings without a final order, and the pre-proceedings ended in
    the last 12 weeks, in the user's teams (all for a senior leader), optionally one team's: five queries, however
    many families."""
    scope = policy.pre_proceedings_tracker_teams(user)
    wanted = scope if team_id is None else ({team_id} if scope is None or team_id in scope else set())
    # Only the fields the page shows: a few hundred families at a large council, where the rest cost more to load.
    shown = ("id", "family_name", "team_id", "team__name", "started_on", "letter_sent_on", "initial_meeting_on",
             "next_review_due_on", "step_proposed", "outcome", "ended_on")
    cases = PreProceedings.objects.filter(ended_on__isnull=True).select_related("team").only(*shown)
    proceedings = (CareProceedings.objects.filter(final_order_on__isnull=True).select_related("team", "pre_proceedings")
                   .only("id", "pre_proceedings_id", "team_id", "team__name", "application_on", "target_on",
                         *(f"pre_proceedings__{name}" for name in shown if not name.startswith("team"))))
    ended = (PreProceedings.objects.filter(ended_on__gte=today - timedelta(weeks=ENDED_WEEKS))
             .select_related("team").only(*shown))
    if wanted is not None:
        cases = cases.filter(team_id__in=wanted)
        proceedings = proceedings.filter(team_id__in=wanted)
        ended = ended.filter(team_id__in=wanted)
    cases = list(cases.order_by("started_on", "pk"))
    proceedings = list(proceedings.order_by("target_on", "pk"))
    ended = list(ended.order_by("-ended_on", "-pk"))
    # Each family's children, by name, in one flat read: as model instances, prefetched family by family, they cost
    # three times as much.
    children: dict[int, list[tuple[int, str]]] = {}
    for case_id, child_id, first_name, last_name in (
            PreProceedingsChild.objects
            .filter(pre_proceedings_id__in={case.pk for case in cases + ended}
                    | {found.pre_proceedings_id for found in proceedings})
            .order_by("child_id").values_list("pre_proceedings_id", "child_id", "child__first_name", "child__last_name")):
        children.setdefault(case_id, []).append((child_id, " ".join(part for part in (first_name, last_name) if part)))
    seen = policy.visible_child_ids(user, [child_id for found in children.values() for child_id, _ in found])

    def names(case_id: int) -> list[NamedChild]:
        return [NamedChild(child_id, name if child_id in seen else policy.HIDDEN_CHILD, child_id in seen)
                for child_id, name in children.get(case_id, [])]

    return ([Tracked(case, None, names(case.pk), _weeks(case.started_on, today)) for case in cases],
            [Tracked(found.pre_proceedings, found, names(found.pre_proceedings_id), _weeks(found.application_on, today))
             for found in proceedings],
            [Tracked(case, None, names(case.pk), _weeks(case.started_on, case.ended_on)) for case in ended])


def census_items(case: PreProceedings) -> dict:
    """The CIN census 2025/26 `PreProceedingsandFGDM` items of a case (the same for each child in it), derived from
    the records: a meeting offered in the letter and a meeting held are read from the family group meetings, the
    review count is counted, and the court application date is the care proceedings'. None where nothing is known.

    FGDMMeetingOffer is 1 or 0 once the letter is sent (rule 9007); FGDMMeetingFac is 1 or 0 once one is offered
    (rule 9010Q); ReviewMeetingsCount is given once the initial meeting is held (rule 9015Q).
    """
    meetings = list(case.family_meetings.all())
    offered = any(meeting.offered_in_letter for meeting in meetings)
    proceedings = CareProceedings.objects.filter(pre_proceedings=case).first()
    return {
        "PPStartDate": case.started_on,
        "LBPSentDate": case.letter_sent_on,
        "FGDMMeetingOffer": (1 if offered else 0) if case.letter_sent_on else None,
        "FGDMMeetingFac": (1 if any(meeting.held_on for meeting in meetings) else 0) if offered else None,
        "InitialPPMeetingDate": case.initial_meeting_on,
        "ReviewMeetingsCount": case.reviews.count() if case.initial_meeting_on else None,
        "StepDecisionDate": case.step_decision_on,
        "PPOutcome": case.outcome or None,
        "CourtAppDate": proceedings.application_on if proceedings else None,
        "LetterInitCPDate": proceedings.parents_letter_on if proceedings else None,
    }
