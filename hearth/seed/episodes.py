"""Each seeded referral continued as a child in need episode, as the children in need services would record it.

`SeedContacts` makes the referrals at the front door and notes where each went: the team and worker it was allocated
to and when, and when the child's time with social care ended (or that it is still open), or that it is still in the
receiving team's queue. `SeedEpisodes` writes, in bulk as the rest of the seed (ADR 0004), what the services store:

- the referral with its receiving team, allocation and allocation day, the stored `re_referral` flag (another
  referral of the child in the 12 months up to its date) and `assessment_due_on` (45 working days, the council's
  calendar), as `referral_open` and `referral_allocate` store them;
- the child and family assessment, started on allocation, with factors (CIN census codes), primary need and
  outcome; most authorised by a manager of the team (an `assessment_authorisation` Decision), about 15% past the 45
  working days; open ones in progress or awaiting authorisation;
- a child in need plan where the assessment found one was needed, with visits about every 20 working days and
  reviews about every three months, and the due days stored as `visit_record` and `plan_review_record` store them;
- the episode's closure when the child's time with social care ended: a reason (RC codes) and a `cin_closure`
  Decision; a referral never allocated is closed with no further action (CIN census `ReferralNFA`) unless it is
  recent, when it waits in the queue.

Decisions and plans get their keys here (after the rest of the council is written) so the rows that point at them
can be written with them; a referral's allocation, which the builder wrote, is linked by one UPDATE at the end.
"""

import time
from collections import Counter
from datetime import date, datetime, timedelta
from datetime import time as clock_time
from decimal import Decimal

from django.conf import settings
from django.db import connection, models

from hearth.accounts.models import ServiceArea, Team, User
from hearth.accounts.roles import RoleCode
from hearth.casework.models import Allocation, Decision, Involvement, InvolvementRole
from hearth.children_in_need.clocks import ASSESSMENT, PLAN_REVIEW, VISIT
from hearth.children_in_need.models import (
    Assessment,
    AssessmentOutcome,
    AssessmentStatus,
    CinPlan,
    PlanReview,
    Referral,
    ReviewOutcome,
    Visit,
)
from hearth.children_in_need.services import twelve_months_before
from hearth.people.models import Person, PersonKind, Relationship, RelationshipKind
from hearth.protection.clocks import (
    FIRST_CORE_GROUP,
    PLAN_VISIT,
    core_group_due,
    first_review_due,
    icpc_due,
    later_review_due,
    visit_due,
)
from hearth.protection.models import (
    Agency,
    ChildProtectionPlan,
    Conference,
    ConferenceAttendee,
    ConferenceKind,
    ConferenceOutcome,
    CoreGroupMeeting,
    Participation,
    PlanCategory,
    PlanEndReason,
    PlanVisit,
    Section47Enquiry,
    StrategyDiscussion,
)
from hearth.protection.proceedings.clocks import CARE_PROCEEDINGS_TARGET, PRE_PROCEEDINGS_REVIEW, STEP_DECISION
from hearth.protection.proceedings.models import (
    CareProceedings,
    FamilyGroupMeeting,
    FamilyGroupMeetingKind,
    FamilyNetworkSupport,
    FamilyNetworkSupportKind,
    FinalOrder,
    Hearing,
    HearingKind,
    PreProceedings,
    PreProceedingsChild,
    PreProceedingsReview,
)
from hearth.protection.proceedings.services import START_KIND, STEP_KIND
from hearth.reference.codes import AbuseCategory, PreProceedingsOutcome, PrimaryNeed, ReasonForClosure

WRITE_ORDER = [Decision, Referral, StrategyDiscussion, Section47Enquiry, ChildProtectionPlan, Conference, PlanCategory,
               ConferenceAttendee, CoreGroupMeeting, PlanVisit, Involvement, Assessment, CinPlan, PlanReview, Visit,
               PreProceedings, PreProceedingsChild, PreProceedingsReview, FamilyGroupMeeting, FamilyNetworkSupport,
               CareProceedings, Hearing]
KEYED = (Decision, Referral, StrategyDiscussion, Section47Enquiry, ChildProtectionPlan, Conference, CinPlan,
         PreProceedings, CareProceedings)
OWN_KEYS = tuple(model for model in KEYED if model is not Referral)  # a referral's key came from the front door
ICPC_IN_TIME = 0.8      # initial conferences within 15 working days of the strategy discussion (England: about 80%)
PLAN_STARTED = 0.88     # initial conferences with room for a plan that start one (overall about 82%)
CATEGORIES = [(AbuseCategory.NEGLECT, 50), (AbuseCategory.EMOTIONAL, 37), (AbuseCategory.PHYSICAL, 6),
              (AbuseCategory.SEXUAL, 4), (AbuseCategory.MULTIPLE, 3)]
S47_STARTED = 0.92      # held strategy discussions that start a section 47 enquiry
# Enquiries that lead to an initial child protection conference (England: about 35%): of those whose episode runs on
# past LONG_EPISODE_DAYS, of those still open today, and of the others.
ICPC_NEEDED_LONG = 0.32
ICPC_NEEDED_OPEN = 0.42  # of those whose episode is still open today (their plans run on to their length)
ICPC_NEEDED_SHORT = 0.08
LONG_EPISODE_DAYS = 120
ICPC_AGAIN = 0.9        # the same, for a child whose earlier plan has ended
# Children who come back to social care after an episode ends are, far more often than others, those whose episode
# found significant harm (England: about a quarter of plans are second or later ones). The seed draws each child's
# referrals before their steps, so an episode of a child referred again after it ends more often has a strategy
# discussion during its assessment and a conference, where the episode leaves room for a plan.
ICPC_RETURNS = 0.9          # enquiries leading to an initial conference, in such an episode with room for a plan
DISCUSSION_RETURNS = 0.75   # its referrals with no strategy discussion at the front door for which the worker asks
RETURNS_ROOM_DAYS = 100     # for one, if the episode runs at least this long from its allocation
RETURNS_REASON = "New concerns during the assessment: the child may be at risk of significant harm."
PLAN_AGAIN = 0.92       # initial conferences that start a plan, for such a child
HARMED_AGAIN = 0.9      # children whose plan ended, in an episode running on, for whom new concerns come
DISCUSSION_AGAIN = 0.7   # referrals of a child whose plan ended for which the worker asks for a strategy discussion
AGAIN_REASON = "The child was on a child protection plan before; the new concerns are of the same harm."
MIN_PLAN_DAYS = 60      # a plan starts only if the episode has at least this long to run
PLAN_LOG_MEDIAN = 5.45  # log of the median days a plan is wanted for (reviews then end it: a median of ~9 months)
DEMO_IRO_SHARE = 0.15   # the plans the demo IRO chairs
CORE_GROUP_ATTENDEES = "Social worker, mother, health visitor or school nurse, designated safeguarding lead."
CORE_GROUP_NOTES = ["Actions reviewed: school attendance improving; mother attending the parenting course.",
                    "The home conditions are better; the health visitor will see the baby weekly.",
                    "Father has not engaged; the social worker will write to him. Other actions on track."]
ATTENDEE_FIRST = ["Sam", "Alex", "Jo", "Priya", "Chris", "Hannah", "Tom", "Aisha", "Mark", "Ruth"]
ATTENDEE_LAST = ["Patel", "Jones", "Evans", "Hughes", "Begum", "Price", "Roberts", "Khan", "Ward", "Lloyd"]
ATTENDEE_ROLE = {Agency.POLICE: "police", Agency.HEALTH: "health visitor", Agency.EDUCATION: "designated "
                 "safeguarding lead", Agency.HOUSING: "housing officer", Agency.PROBATION: "probation officer"}
PARENT_PARTICIPATION = [Participation.IN_PERSON, Participation.ONLINE, Participation.PART,
                        Participation.INVITED_DID_NOT]
PARENT_WEIGHTS = [60, 20, 8, 12]

# Assessments drawn past their due day; with those the episode's own length makes late, about 15% are (England
# 2023-24: about 15%).
PAST_45_DAYS = 0.10
SUBMITTED = 0.35        # of the assessments not yet authorised today, those awaiting the manager
QUEUE_DAYS = 10         # an unallocated referral younger than this is still in the queue; an older one closed NFA

# Primary need (CIN census), weighted roughly as England's assessments find it, with the factors that go with it.
NEEDS = [
    (PrimaryNeed.ABUSE_OR_NEGLECT, 55, ["16A", "17A", "18C", "3A", "3B", "4B", "2B", "19C", "1B"]),
    (PrimaryNeed.FAMILY_DYSFUNCTION, 14, ["3A", "3B", "4B", "17A", "1B", "2B"]),
    (PrimaryNeed.ACUTE_STRESS, 9, ["4B", "6B", "7A", "20"]),
    (PrimaryNeed.SOCIALLY_UNACCEPTABLE, 5, ["14A", "10A", "13A", "24A", "2A", "11A"]),
    (PrimaryNeed.PARENTAL_DISABILITY, 4, ["4B", "6B", "5B", "7A"]),
    (PrimaryNeed.ABSENT_PARENTING, 3, ["8F", "9A", "20"]),
    (PrimaryNeed.LOW_INCOME, 1, ["20", "4B"]),
    (PrimaryNeed.NOT_IN_NEED, 5, ["21"]),
]
DISABILITY_NEED = (PrimaryNeed.CHILD_DISABILITY, ["5A", "6A", "4A"])
NEED_WEIGHTS = [weight for _, weight, _ in NEEDS]
AUTHORISED_RATIONALES = [
    "The assessment is thorough and analytical, the child's voice is clear, and the outcome follows from the "
    "evidence. Authorised.",
    "The risks and strengths are weighed clearly; I agree with the recommended outcome.",
    "Checks with partners are complete and the family's views are recorded. The plan is proportionate. Authorised.",
]
CLOSURE_RATIONALES = {
    ReasonForClosure.NO_FURTHER_ACTION: "The assessment found no needs that call for a plan; the family know how "
                                        "to seek help again.",
    ReasonForClosure.EARLY_HELP: "Needs can be met by the Family Hub's team around the family; the family agree.",
    ReasonForClosure.SERVICES_CEASED: "The plan's outcomes have been achieved and the review agreed the child no "
                                      "longer needs a plan.",
    ReasonForClosure.ANOTHER_AUTHORITY: "The family moved away; the case has been transferred to the new council.",
    ReasonForClosure.CHILD_ARRANGEMENTS_ORDER: "A child arrangements order settles where the child lives; no "
                                               "further social care role.",
    ReasonForClosure.SPECIAL_GUARDIANSHIP_ORDER: "A special guardianship order was made; support continues "
                                                 "through the special guardianship team.",
}
NFA_RATIONALE = ("The referral was reviewed in the receiving team: the information does not need an assessment, "
                 "and the referrer has been told. No further action.")
ASSESSMENT_TEXT = {
    "family_history": "Mother and the children have lived in Wrekinshire all their lives; previous contacts about "
                      "arguments at home and school attendance.",
    "child_views": "Home is OK most days. I don't like it when they shout. I want to stay at my school.",
    "family_views": "Mother wants help with the children's behaviour and says things have been hard since the "
                    "separation.",
    "analysis": "The child's needs are being met in part; the worries are about the adults' conflict and its effect "
                "on the child. Strengths: the child's school and their grandmother.",
}
PLAN_NEEDS = "To feel safe at home, to go to school every day, and for the adults to manage their arguments away from "\
             "the children."
# Pre-proceedings: the families of children on plans who enter them (England: some tens of families a year at a
# council of la's size), and what the decisions say.
PRE_PROCEEDINGS_SHARE = 0.2
PRE_PROCEEDINGS_RATIONALE = ("The legal planning meeting agreed the threshold for proceedings is met; pre-proceedings "
                             "give the parents a last chance to make the changes in the plan, with legal advice.")
STEP_RATIONALES = {
    PreProceedingsOutcome.STEP_DOWN: "The parents have made and kept the changes; the children are safe under the "
                                     "child protection plan. Step down.",
    PreProceedingsOutcome.STEP_UP: "Despite the support offered the risks remain; an application to court is "
                                   "needed to keep the children safe.",
    PreProceedingsOutcome.OTHER: "The family have moved away and the case is transferred; pre-proceedings end.",
}
FAMILY_PLAN = "Grandmother to care for the children at weekends; an uncle to take them to school; no contact with " \
              "the adult concerned."
# Support offered to the family network in pre-proceedings (the Family Network pilot): about half the families are
# offered some, about a third of those financial support (local grants of a few hundred to a few thousand pounds),
# to an adult of a child's network: a grandparent (or other wider family) where there is one, else a parent or a
# parent's partner. Nothing is offered to a child.
NETWORK_SUPPORT_SHARE = 0.5
NETWORK_FINANCIAL_SHARE = 0.33
NETWORK_AMOUNTS = (200, 3500)   # pounds, drawn in steps of 10
NETWORK_KINDS = (RelationshipKind.GRANDPARENT, RelationshipKind.AUNT_UNCLE, RelationshipKind.KINSHIP_CARER,
                 RelationshipKind.PARENT, RelationshipKind.STEP_PARENT, RelationshipKind.PARENTS_PARTNER)
NETWORK_PREFERRED = (RelationshipKind.GRANDPARENT, RelationshipKind.AUNT_UNCLE, RelationshipKind.KINSHIP_CARER)
NETWORK_SUPPORT = {
    FamilyNetworkSupportKind.FINANCIAL: [
        "A one-off grant for beds and bedding so the children can stay over at weekends.",
        "Help with travel costs to look after the children after school.",
        "A weekly allowance while they care for the children under the family plan.",
        "A grant towards a larger car to take the children to school and contact.",
    ],
    FamilyNetworkSupportKind.PRACTICAL: [
        "Childcare two days a week so they can keep to the family plan.",
        "Transport to school for the children on the days they stay.",
        "A family support worker to help with routines at bedtime.",
    ],
    FamilyNetworkSupportKind.OTHER: [
        "Independent legal advice on special guardianship.",
        "Help with a housing application for a home with room for the children.",
        "A place on a parenting course for kinship carers.",
    ],
}
ADULT_YEARS = 18
# A step up needs the episode to run on while the court decides (a final order is made by the episode's end): with
# less room than this the family is stepped down instead.
COURT_ROOM_DAYS = 56
FINAL_ORDERS = [FinalOrder.CARE_ORDER, FinalOrder.SUPERVISION_ORDER, FinalOrder.SPECIAL_GUARDIANSHIP_ORDER,
                FinalOrder.CHILD_ARRANGEMENTS_ORDER, FinalOrder.PLACEMENT_ORDER, FinalOrder.NO_ORDER,
                FinalOrder.WITHDRAWN]
FINAL_ORDER_WEIGHTS = [40, 15, 20, 10, 10, 3, 2]
VISIT_NOTES = ["Seen at home with mother present, then alone in their room.", "Seen at school in the quiet room.",
               "Seen at home; bedroom seen.", "Mother answered; the child was at their father's."]


class _WorkingDays:
    """The council's calendar for the seed's years, its working days listed once: adding working days is then a
    lookup, not a walk day by day (the same answers as `WorkingDayCalendar.add_working_days`)."""

    def __init__(self, calendar, first: date, last: date):
        self.calendar = calendar
        self.first, self.last = first, last
        self.days = [first + timedelta(days=offset) for offset in range((last - first).days + 1)
                     if calendar.is_working_day(first + timedelta(days=offset))]
        # For each day of the span, how many of the listed working days are on or before it.
        self.upto = []
        count, index = 0, 0
        for offset in range((last - first).days + 1):
            day = first + timedelta(days=offset)
            while index < len(self.days) and self.days[index] <= day:
                index += 1
                count += 1
            self.upto.append(count)

    def add_working_days(self, day: date, count: int) -> date:
        if count >= 1 and self.first <= day <= self.last:
            index = self.upto[(day - self.first).days] + count - 1
            if index < len(self.days):
                return self.days[index]
        return self.calendar.add_working_days(day, count)

    def is_working_day(self, day: date) -> bool:
        return self.calendar.is_working_day(day)


class SeedEpisodes:
    """Writes the referrals' episodes for the seed's contacts (`c`), once every contact has been made."""

    def __init__(self, contacts):
        from hearth.seed.generator import _Table

        self.c = contacts
        self.b = contacts.b
        self.rng = contacts.rng
        self.calendar = _WorkingDays(contacts.calendar, self.b.window_start - timedelta(days=400),
                                     self.b.today + timedelta(days=800))
        self.zone = contacts.zone
        self.tables = {model: _Table(model, with_pk=model in KEYED) for model in WRITE_ORDER}
        self.next_pk = {model: (model.objects.aggregate(last=models.Max("pk"))["last"] or 0) + 1
                        for model in OWN_KEYS}
        self.rows: dict[type, list[tuple]] = {model: [] for model in WRITE_ORDER}
        states = [state for state in self.b.team_by_name.values()]
        self.managers = {state.team.id: [user.id for user in state.managers] for state in states}
        self.workers = {state.team.id: [user.id for user in state.workers] for state in states}
        self.area_of_team = contacts.area_of_team
        # The receiving team as `services.receiving_team` chooses it for a child with no social care team.
        teams = Team.objects.filter(is_active=True)
        named = getattr(settings, "HEARTH_CIN_ASSESSMENT_TEAM", "")
        receiving = ((teams.filter(name=named).values_list("pk", flat=True).first() if named else None)
                     or teams.filter(service_area=ServiceArea.SAFEGUARDING).order_by("name")
                     .values_list("pk", flat=True).first())
        self.receiving_team = receiving
        self.iros = list(User.objects.filter(roles__code=RoleCode.IRO).order_by("pk").values_list("pk", flat=True))
        self.plans_before: Counter[int] = Counter()  # each child's child protection plans so far
        self.allocated: list[tuple] = []  # (referral, child, team, allocated on), linked at the end
        self.plan_ends: dict[int, date] = {}  # the day each child's latest plan ended (date.max while open)
        self.cp_plans: list[tuple] = []  # (plan, child, start, end, team, worker, episode ends), for pre-proceedings
        self.demo_worker = User.objects.filter(username="demo.social.worker").values_list("pk", flat=True).first()
        self.demo_plan_wanted = self.demo_worker is not None
        self.demo_iro = User.objects.filter(username="demo.iro").values_list("pk", flat=True).first()
        self.user_names = {pk: f"{first} {last}" for pk, first, last in
                           User.objects.values_list("pk", "first_name", "last_name")}
        self.parents: dict[int, list[tuple[int, str]]] = {}
        for child, parent, first, last in (Relationship.objects.filter(kind=RelationshipKind.PARENT)
                                           .order_by("relative_id", "person_id")
                                           .values_list("relative_id", "person_id", "person__first_name",
                                                        "person__last_name")):
            self.parents.setdefault(child, []).append((parent, " ".join(part for part in (first, last) if part)))
        self.counts: Counter[str] = Counter()
        self.today = self.b.today
        self.yesterday = self.b.yesterday
        self.returns_later = False  # whether the child of the episode being written is referred again after it

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def at(self, day: date, earliest: float = 9, latest: float = 17) -> datetime:
        minutes = self.rng.randrange(int(earliest * 60), int(latest * 60))
        moment = datetime.combine(day, clock_time(minutes // 60, minutes % 60), tzinfo=self.zone)
        return min(moment, self.b.day_start - timedelta(minutes=1))

    def put(self, model, **values) -> int | None:
        if model in OWN_KEYS:
            values["id"] = self.next_pk[model]
            self.next_pk[model] += 1
        self.rows[model].append(self.tables[model].row(values))
        return values.get("id")

    def decision(self, child: int, kind: str, outcome: str, rationale: str, day: date, by: int,
                 team: int | None) -> int:
        return self.put(Decision, child=child, kind=kind, outcome=outcome[:200], rationale=rationale,
                        decided_at=self.at(day), decided_by=by, team=team)

    def manager_of(self, team: int, fallback: int) -> int:
        managers = self.managers.get(team)
        return self.rng.choice(managers) if managers else fallback

    # -- The whole pass.

    def write_all(self) -> None:
        records = sorted(self.c.episodes, key=lambda record: (record[1], record[2], record[0]))
        last_referred: dict[int, date] = {}
        # Whether the child is referred again, and allocated, after each record's episode has ended: walking each
        # child's records backwards, the date of the child's latest allocated referral so far.
        returns = [False] * len(records)
        child_then, latest = None, date.min
        for index in range(len(records) - 1, -1, -1):
            record = records[index]
            child, placed = record[1], record[9]
            if child != child_then:
                child_then, latest = child, date.min
            if placed is not None and placed[3] is not None and placed[3] < latest:
                returns[index] = True
            if placed is not None and placed[2] >= record[2]:  # allocated (as `episode` reads it)
                latest = max(latest, record[2])
        for index, record in enumerate(records):
            child, referral_date = record[1], record[2]
            earlier = last_referred.get(child)
            re_referral = earlier is not None and earlier >= twelve_months_before(referral_date)
            last_referred[child] = referral_date
            self.returns_later = returns[index]
            self.episode(record, re_referral)
        self.returns_later = False
        self.pre_proceedings()
        for model in WRITE_ORDER:
            rows = self.rows[model]
            if rows:
                self.tables[model].insert(rows)
                self.b.counts[model._meta.db_table] += len(rows)
        self.link_allocations()
        counts = self.counts
        self.b.write(f"  episodes {len(records):,}: {counts['assessments']:,} assessments "
                     f"({counts['authorised']:,} authorised, {counts['authorised_late']:,} late), "
                     f"{counts['plans']:,} CIN plans, {counts['closed'] + counts['closed_nfa']:,} closed, "
                     f"{counts['queued']:,} in the queue [{time.monotonic() - self.b.started:.1f}s]")

    def link_allocations(self) -> None:
        """Each allocated referral's allocation: the builder's row (the first) for the child, team and day it names.

        Matched here rather than by a correlated UPDATE, which SQLite, with no statistics yet on a table just
        written, runs through the team index (measured: over a minute at `la`)."""
        first = {}
        for pk, child, team, started in (Allocation.objects.order_by("-pk")
                                         .values_list("pk", "child_id", "team_id", "started_on")):
            first[(child, team, started)] = pk
        rows = [(first[(child, team, day)], pk) for pk, child, team, day in self.allocated
                if (child, team, day) in first]
        with connection.cursor() as cursor:
            cursor.executemany(f"UPDATE {Referral._meta.db_table} SET allocation_id = %s WHERE id = %s", rows)

    def episode(self, record: list, re_referral: bool) -> None:
        pk, child, referral_date, source, contact_child, strategy, _, decided, manager, placed, _ = record
        rng = self.rng
        decided_on = decided.astimezone(self.zone).date()
        due_on = self.calendar.add_working_days(referral_date, ASSESSMENT.amount)
        values = dict(id=pk, child=child, referral_date=referral_date, source=source, contact_child=contact_child,
                      strategy_discussion_now=strategy, re_referral=re_referral, assessment_due_on=due_on,
                      recorded_at=decided, recorded_by=manager)
        unplaced = placed is None or placed[2] < referral_date
        # A referral never allocated is closed with no further action once it is old enough; a strategy discussion
        # it had then decided against an enquiry (an enquiry is never left running on a closed episode).
        nfa = unplaced and (self.today - decided_on).days > QUEUE_DAYS
        discussed = None
        if strategy:
            discussed = self.strategy(pk, child, decided, manager, record[10],
                                      placed[0] if placed else self.receiving_team, placed[1] if placed else manager,
                                      ends=None if unplaced else placed[3], enquiry_allowed=not nfa,
                                      allocated=not unplaced)
        if unplaced:
            team = self.receiving_team
            values["team"] = team
            if nfa:
                closed = min(self.yesterday, max(decided_on + timedelta(days=rng.randint(0, 5)), discussed or date.min))
                by = self.manager_of(team, manager)
                values.update(no_further_action=True, closure_date=closed,
                              closure_reason=ReasonForClosure.NO_FURTHER_ACTION,
                              closure_decision=self.decision(
                                  child, "cin_closure",
                                  f"Child in need episode closed: {ReasonForClosure.NO_FURTHER_ACTION.label}",
                                  NFA_RATIONALE, closed, by, team))
                self.counts["closed_nfa"] += 1
            else:
                self.counts["queued"] += 1
            self.put(Referral, **values)
            return
        team, worker, allocated_on, ends = placed
        values.update(team=team, allocated_on=allocated_on)
        self.allocated.append((pk, child, team, allocated_on))
        if not strategy and self.plan_ends.get(child, date.max) < referral_date and self.chance(DISCUSSION_AGAIN):
            # A child whose plan ended is referred again: the worker asks for a strategy discussion during the
            # assessment (`strategy_discussion_start`).
            asked = allocated_on + timedelta(days=rng.randint(1, 10))
            if asked < self.yesterday and (ends is None or asked < ends):
                requested = self.at(asked)
                held = requested + timedelta(hours=rng.randint(2, 26))
                self.strategy(pk, child, requested, worker, held if held < self.b.day_start else None, team, worker,
                              ends=ends, reason=AGAIN_REASON)
        elif worker == self.demo_worker and self.demo_plan_wanted and ends is None and not strategy and \
                60 < (self.yesterday - allocated_on).days < 200 and self.plan_ends.get(child, date.min) < allocated_on:
            # The demo social worker's list shows a child on a plan: one of their open episodes led to one.
            self.demo_plan_wanted = False
            requested = self.at(allocated_on + timedelta(days=rng.randint(1, 10)))
            self.strategy(pk, child, requested, worker, requested + timedelta(hours=rng.randint(2, 26)), team, worker,
                          ends=None, reason=RETURNS_REASON, force=True)
        elif not strategy and self.returns_later and (ends - allocated_on).days >= RETURNS_ROOM_DAYS and \
                self.chance(DISCUSSION_RETURNS):
            # A child who will come back after this episode: the assessment finds the child may be at risk of
            # significant harm, and the worker asks for a strategy discussion.
            requested = self.at(allocated_on + timedelta(days=rng.randint(1, 10)))
            held = requested + timedelta(hours=rng.randint(2, 26))
            if held < self.b.day_start:
                self.strategy(pk, child, requested, worker, held, team, worker, ends=ends, reason=RETURNS_REASON)
        area = self.area_of_team.get(team, "")
        by = self.manager_of(team, manager)
        # When the assessment is authorised: most within the 45 working days, about 15% after; never after the
        # allocation (or the episode) ends; not yet, if that day is still to come.
        short = ends is not None and (ends - allocated_on).days < 120 and area == "safeguarding"
        if short:
            authorised = ends - timedelta(days=rng.randint(0, 2))
        elif self.chance(PAST_45_DAYS):
            authorised = self.calendar.add_working_days(due_on, rng.randint(1, 30))
        else:
            authorised = self.calendar.add_working_days(referral_date, rng.randint(12, ASSESSMENT.amount))
        if ends is not None:
            authorised = min(authorised, ends)
        authorised = max(authorised, allocated_on)
        done = authorised < self.today and allocated_on < self.today
        if area == "disabled":
            need, factor_pool = DISABILITY_NEED
        else:
            need, _, factor_pool = rng.choices(NEEDS, NEED_WEIGHTS)[0]
        factors = sorted(set(rng.sample(factor_pool, min(len(factor_pool), rng.choice([1, 2, 2, 3])))))
        if "21" in factors:
            factors = ["21"]
        episode_left = ends is None or (ends - authorised).days > 60
        if area == "in_care":
            outcome = AssessmentOutcome.CHILD_IN_CARE
        elif episode_left and need != PrimaryNeed.NOT_IN_NEED:
            outcome = AssessmentOutcome.CIN_PLAN
        else:
            outcome = AssessmentOutcome.EARLY_HELP if self.chance(0.4) else AssessmentOutcome.NO_FURTHER_ACTION
        assessment = dict(referral=pk, child=child, started_on=allocated_on, factors=factors, primary_need=need,
                          outcome=outcome, recorded_at=self.at(allocated_on), recorded_by=worker, **ASSESSMENT_TEXT)
        if done:
            submitted = max(allocated_on, authorised - timedelta(days=rng.randint(0, 3)))
            assessment.update(status=AssessmentStatus.AUTHORISED, submitted_at=self.at(submitted), submitted_by=worker,
                              authorised_on=authorised, authorised_by=by,
                              authorisation=self.decision(child, "assessment_authorisation",
                                                          f"Assessment authorised: {outcome.label}",
                                                          rng.choice(AUTHORISED_RATIONALES), authorised, by, team))
            values["primary_need"] = need
            self.counts["authorised"] += 1
            if authorised > due_on:
                self.counts["authorised_late"] += 1
        elif allocated_on < self.today:
            if self.chance(SUBMITTED):
                assessment.update(status=AssessmentStatus.SUBMITTED, submitted_by=worker,
                                  submitted_at=self.at(max(allocated_on, self.yesterday - timedelta(days=3))))
            else:
                assessment.update(status=AssessmentStatus.IN_PROGRESS, outcome="", primary_need="")
        else:
            done = False
            assessment = None
        if assessment is not None:
            self.put(Assessment, **assessment)
            self.counts["assessments"] += 1
        plan_start = None
        if done and outcome == AssessmentOutcome.CIN_PLAN:
            plan_start = authorised
            self.plan(pk, child, team, worker, by, authorised, ends)
        if ends is not None and ends < self.today and done:
            if outcome == AssessmentOutcome.NO_FURTHER_ACTION:
                reason = ReasonForClosure.NO_FURTHER_ACTION
            elif outcome == AssessmentOutcome.EARLY_HELP:
                reason = ReasonForClosure.EARLY_HELP
            else:
                reason = rng.choices([ReasonForClosure.SERVICES_CEASED, ReasonForClosure.ANOTHER_AUTHORITY,
                                      ReasonForClosure.CHILD_ARRANGEMENTS_ORDER,
                                      ReasonForClosure.SPECIAL_GUARDIANSHIP_ORDER], [80, 10, 6, 4])[0]
            closed = max(ends, plan_start or ends, referral_date)
            values.update(closure_date=closed, closure_reason=reason, closure_decision=self.decision(
                child, "cin_closure", f"Child in need episode closed: {reason.label}", CLOSURE_RATIONALES[reason],
                closed, self.manager_of(team, by), team))
            self.counts["closed"] += 1
        self.put(Referral, **values)

    def strategy(self, referral: int, child: int, requested: datetime, requested_by: int, held: datetime | None,
                 team: int, worker: int, *, ends: date | None, enquiry_allowed: bool = True, allocated: bool = True,
                 force: bool = False,
                 reason: str = "Reasonable cause to suspect significant harm: a joint response with the police.",
                 ) -> date | None:
        """A strategy discussion, as `strategy_discussion_hold` and `strategy_discussion_decide` store it once held,
        and the section 47 enquiry most of them start, all within the episode (to `ends`, when it has ended).

        Returns the day of the decision whether to start an enquiry (None if the discussion is still to be held)."""
        rng = self.rng
        values = dict(child=child, referral=referral, requested_at=requested, requested_by=requested_by,
                      reason=reason)
        if held is None:
            self.put(StrategyDiscussion, **values)
            return None
        held_on = held.astimezone(self.zone).date()
        chair = self.manager_of(team, requested_by)
        see_by = min(held_on + timedelta(days=rng.randint(0, 1)), self.yesterday)
        icpc_due_on = icpc_due(held_on, self.calendar)
        values.update(held_at=held, chair=chair, agencies=[Agency.POLICE, Agency.HEALTH, Agency.SOCIAL_CARE] +
                      ([Agency.EDUCATION] if self.chance(0.6) else []),
                      information_shared="Police and health checks shared; the school's account of the disclosure.",
                      immediate_safety_actions="Mother agrees the child stays with her and has no contact with the "
                                               "adult concerned until the enquiry is complete.",
                      see_child_by=see_by, icpc_due_on=icpc_due_on, recorded_by=chair)
        decided_on = min(held_on + timedelta(days=rng.randint(0, 1)), self.yesterday)
        start = enquiry_allowed and (force or self.chance(S47_STARTED))
        values.update(s47_decided=start, decision=self.decision(
            child, "s47_decision", "Start a section 47 enquiry" if start else "No section 47 enquiry",
            "The threshold for an enquiry is met: the child may be suffering significant harm." if start else
            "The concerns can be met by a child and family assessment; no enquiry.", decided_on, chair, None))
        discussion = self.put(StrategyDiscussion, **values)
        if not start:
            return decided_on
        self.counts["enquiries"] += 1
        seen = held_on + timedelta(days=rng.randint(0, 2))
        # A child already on a plan is not conferenced again: the enquiry's findings go to the plan's core group.
        # A child whose earlier plan ended comes back to a conference far more often (England: about a quarter of
        # plans are second or later ones).
        on_plan = self.plan_ends.get(child, date.min) >= held_on
        again = self.plans_before[child] > 0
        # A plan needs time in the episode: conferences are mostly for children whose episode runs on (the seed's
        # episodes are drawn before their steps), few for those about to close.
        room = ends is None or (ends - held_on).days >= LONG_EPISODE_DAYS
        first_time = ICPC_NEEDED_OPEN if ends is None else ICPC_NEEDED_LONG if room else ICPC_NEEDED_SHORT
        if self.returns_later and ends is not None and (ends - held_on).days >= MIN_PLAN_DAYS + 30:
            first_time = ICPC_RETURNS  # a child who comes back after this episode (room for a conference and a plan)
        needed = not on_plan and bool(self.iros) and (force or self.chance(ICPC_AGAIN if again else first_time))
        icpc_day = self.calendar.add_working_days(held_on, rng.randint(5, 15) if self.chance(ICPC_IN_TIME)
                                                  else rng.randint(16, 25))
        if ends is not None and icpc_day > ends:
            needed = False  # the episode ended first
        completed = held_on + timedelta(days=rng.randint(0, (icpc_day - held_on).days) if needed
                                        else rng.randint(5, 30))
        if ends is not None:
            completed = max(held_on, min(completed, ends))
        enquiry_id = self.next_pk[Section47Enquiry]
        enquiry = dict(child=child, referral=referral, started_by=discussion, start_date=held_on, see_child_by=see_by,
                       census_icpc_due_on=icpc_due_on, icpc_due_on=icpc_due_on,
                       child_seen_on=seen if seen < self.today else None,
                       child_seen_alone=self.chance(0.7) if seen < self.today else None,
                       interim_safety_plan="The child stays with mother; no unsupervised contact with the adult "
                                           "concerned.", recorded_at=held, recorded_by=worker)
        if completed < self.today:
            substantiated = needed or on_plan or self.chance(0.3)
            enquiry.update(
                completed_on=completed, concerns_substantiated=substantiated, icpc_needed=needed,
                icpc_not_needed_reason="" if needed else
                "The child is on a child protection plan: the findings go to the core group." if on_plan else
                "The risks can be managed under a child in need plan.",
                outcome_decision=self.decision(
                    child, "s47_outcome",
                    ("Concerns substantiated" if substantiated else "Concerns not substantiated")
                    + (": initial child protection conference" if needed else ": no initial conference"),
                    "The enquiry's findings, with the partners' information, support this outcome.", completed,
                    self.manager_of(team, chair), None))
        self.put(Section47Enquiry, **enquiry)
        if completed < self.today and needed and icpc_day < self.today:
            self.conferences(child, enquiry_id, icpc_day, icpc_due_on, worker, team, ends, again, force)
            if allocated:
                self.concerns_again(referral, child, team, worker, ends)
        return decided_on

    def concerns_again(self, referral: int, child: int, team: int, worker: int, ends: date | None) -> None:
        """Some children whose plan ended in an episode that runs on are harmed again: months later the worker asks
        for a strategy discussion (`strategy_discussion_start`), which may lead to a second plan."""
        ended = self.plan_ends.get(child)
        if ended is None or ended == date.max or not self.chance(HARMED_AGAIN):
            return
        asked = ended + timedelta(days=self.rng.randint(20, 150))
        if asked >= self.yesterday or (ends is not None and (ends - asked).days < MIN_PLAN_DAYS + 30):
            return
        requested = self.at(asked)
        held = requested + timedelta(hours=self.rng.randint(2, 26))
        self.strategy(referral, child, requested, worker, held if held < self.b.day_start else None, team, worker,
                      ends=ends, reason=AGAIN_REASON)

    def conference(self, child: int, kind: str, held_on: date, outcome: str, category: str, chair: int, worker: int,
                   *, enquiry: int | None = None, plan: int | None = None) -> int:
        label = ConferenceOutcome(outcome).label + (f": {AbuseCategory(category).label}" if category else "")
        decision = self.decision(child, "icpc_decision" if kind == ConferenceKind.INITIAL else "rcpc_decision", label,
                                 "The conference weighed the agencies' reports and the family's views.", held_on,
                                 chair, None)
        conference = self.put(
            Conference, child=child, kind=kind, enquiry=enquiry, plan=plan, held_on=held_on, chair=chair,
            child_participation=self.rng.choice([Participation.WRITTEN, Participation.ADVOCATE,
                                                 Participation.TOO_YOUNG, Participation.IN_PERSON]),
            outcome=outcome, category=category,
            next_review_due_on=later_review_due(held_on) if outcome == ConferenceOutcome.CONTINUE else None,
            decision=decision, recorded_at=self.at(held_on, 12, 18), recorded_by=chair)
        self.attendees(conference, child, worker)
        return conference

    def attendees(self, conference: int, child: int, worker: int) -> None:
        """Those at a conference as `conference_record` stores them: the professionals with their agencies, then the
        child's parents with how each took part."""
        rng = self.rng
        self.put(ConferenceAttendee, conference=conference, name=self.user_names.get(worker, "Social worker"),
                 agency=Agency.SOCIAL_CARE)
        for agency in [Agency.POLICE, Agency.HEALTH] + ([Agency.EDUCATION] if self.chance(0.8) else []) + \
                ([Agency.HOUSING] if self.chance(0.15) else []) + ([Agency.PROBATION] if self.chance(0.1) else []):
            self.put(ConferenceAttendee, conference=conference, agency=agency,
                     name=f"{rng.choice(ATTENDEE_FIRST)} {rng.choice(ATTENDEE_LAST)} ({ATTENDEE_ROLE[agency]})")
        for parent, name in self.parents.get(child, ())[:2]:
            self.put(ConferenceAttendee, conference=conference, name=name, person=parent,
                     participation=rng.choices(PARENT_PARTICIPATION, PARENT_WEIGHTS)[0])

    def conferences(self, child: int, enquiry: int, icpc_day: date, icpc_due_on: date, worker: int, team: int,
                    ends: date | None, again: bool, force: bool = False) -> None:
        """The initial conference, chaired by an IRO, and the child protection plan most start, reviewed at three
        months and then every six until a review ends it (a median of about nine months), as `conference_record`
        stores them; a plan ends at or before the episode's end. The plan's core groups and visits, and its chair's
        involvement with the child while it is open."""
        rng = self.rng
        chair = self.pick_iro()
        self.counts["icpcs"] += 1
        if icpc_day > icpc_due_on:
            self.counts["icpcs_late"] += 1
        room = ends is None or (ends - icpc_day).days >= MIN_PLAN_DAYS
        if not force and (not room or not self.chance(PLAN_AGAIN if again else PLAN_STARTED)):
            self.conference(child, ConferenceKind.INITIAL, icpc_day, ConferenceOutcome.NO_PLAN, "", chair, worker,
                            enquiry=enquiry)
            return
        category = rng.choices([code for code, _ in CATEGORIES], [weight for _, weight in CATEGORIES])[0]
        plan = self.next_pk[ChildProtectionPlan]
        initial = self.conference(child, ConferenceKind.INITIAL, icpc_day, ConferenceOutcome.PLAN, category, chair,
                                  worker, enquiry=enquiry, plan=plan)
        self.put(PlanCategory, plan=plan, category=category, from_date=icpc_day, conference=initial,
                 recorded_at=self.at(icpc_day, 12, 18), recorded_by=chair)
        wanted = date.max if force else icpc_day + timedelta(days=int(rng.lognormvariate(PLAN_LOG_MEDIAN, 0.45)))
        review = first_review_due(icpc_day)
        latest, end, reason = category, None, ""
        while True:
            held = review - timedelta(days=rng.randint(0, 10)) if self.chance(0.9) else review + timedelta(
                days=rng.randint(1, 20))
            early_end = ends is not None and held >= ends
            if early_end:
                held = ends  # the review brought forward: the episode is ending
            if held >= self.today:
                break
            ending = held >= wanted or early_end
            now = latest
            if not ending and self.chance(0.1):
                now = rng.choice([code for code, _ in CATEGORIES if code != latest])
            conference = self.conference(child, ConferenceKind.REVIEW, held,
                                         ConferenceOutcome.END if ending else ConferenceOutcome.CONTINUE,
                                         "" if ending else now, chair, worker, plan=plan)
            if now != latest:
                self.put(PlanCategory, plan=plan, category=now, from_date=held, conference=conference,
                         recorded_at=self.at(held, 12, 18), recorded_by=chair)
                latest = now
            if ending:
                end = held
                reason = rng.choices([PlanEndReason.NO_LONGER_AT_RISK, PlanEndReason.LOOKED_AFTER, PlanEndReason.MOVED],
                                     [85, 10, 5])[0]
                break
            review = later_review_due(held)
        self.put(ChildProtectionPlan, child=child, start_date=icpc_day, initial_category=category,
                 latest_category=latest, previous_plans=self.plans_before[child],
                 plan="Keep the child safe at home: the actions agreed at the conference, reviewed by the core group.",
                 core_group_due_on=core_group_due(icpc_day, self.calendar), first_review_due_on=first_review_due(icpc_day),
                 first_visit_due_on=visit_due(icpc_day, self.calendar), end_date=end, end_reason=reason,
                 recorded_at=self.at(icpc_day, 12, 18), recorded_by=worker)
        self.plans_before[child] += 1
        self.plan_ends[child] = end or date.max
        self.counts["cp_plans"] += 1
        self.plan_work(plan, icpc_day, end, worker)
        manager = self.manager_of(team, worker)
        self.put(Involvement, child=child, worker=chair, role=InvolvementRole.IRO, started_on=icpc_day, ended_on=end,
                 reason="Chair of the child protection plan", end_reason="The child protection plan ended" if end else "",
                 recorded_at=self.at(icpc_day, 12, 18), recorded_by=manager)
        self.cp_plans.append((plan, child, icpc_day, end, team, worker, ends))

    def pick_iro(self) -> int:
        # The demo IRO chairs a fair share of the plans, so their list is never empty.
        if self.demo_iro is not None and self.chance(DEMO_IRO_SHARE):
            return self.demo_iro
        return self.rng.choice(self.iros)

    def plan_work(self, plan: int, start: date, end: date | None, worker: int) -> None:
        """The plan's core group meetings (the first within 10 working days of the initial conference, some late;
        then about every four to six weeks) and statutory visits (about every 10 working days, some late, so some
        open plans are overdue today), each visit storing the next one's due day as `plan_visit_record` does."""
        rng, calendar = self.rng, self.calendar
        last = min(end, self.yesterday) if end else self.yesterday
        day = calendar.add_working_days(start, rng.randint(4, FIRST_CORE_GROUP.amount) if self.chance(0.85)
                                        else rng.randint(FIRST_CORE_GROUP.amount + 1, FIRST_CORE_GROUP.amount + 10))
        while day <= last:
            self.put(CoreGroupMeeting, plan=plan, held_on=day, attendees=CORE_GROUP_ATTENDEES,
                     notes=rng.choice(CORE_GROUP_NOTES), recorded_at=self.at(day, 12, 19), recorded_by=worker)
            day += timedelta(days=rng.randint(28, 42))
        day = start
        every = PLAN_VISIT.amount
        while True:
            day = calendar.add_working_days(day, rng.randint(every - 4, every) if self.chance(0.88)
                                            else rng.randint(every + 1, every + 6))
            if day > last:
                break
            seen = self.chance(0.95)
            self.put(PlanVisit, plan=plan, visited_on=day, child_seen=seen, child_seen_alone=seen and self.chance(0.6),
                     notes=rng.choice(VISIT_NOTES), next_due_on=calendar.add_working_days(day, every),
                     recorded_at=self.at(day, 12, 19), recorded_by=worker)

    def plan(self, referral: int, child: int, team: int, worker: int, manager: int, start: date,
             ends: date | None) -> None:
        """A child in need plan from the assessment's authorisation, with its visits and reviews to its end (or
        today), and the next due days stored as the services store them."""
        rng = self.rng
        plan_id = self.next_pk[CinPlan]
        last = min(ends, self.yesterday) if ends else self.yesterday
        visited, reviewed = start, start
        day = start
        while True:
            # Mostly within the 20 working days; some late, so that some open plans are overdue today.
            day = self.calendar.add_working_days(day, rng.randint(8, VISIT.amount) if self.chance(0.9)
                                                 else rng.randint(VISIT.amount + 1, VISIT.amount + 10))
            if day > last:
                break
            seen = self.chance(0.93)
            self.put(Visit, referral=referral, child=child, plan=plan_id, visited_on=day, seen=seen,
                     seen_alone=seen and self.chance(0.6), note=rng.choice(VISIT_NOTES),
                     recorded_at=self.at(day, 12, 19), recorded_by=worker)
            if seen:
                visited = day  # only a visit that saw the child moves the next one's due day
        day = start
        while True:
            day = day + timedelta(days=rng.randint(70, PLAN_REVIEW.amount) if self.chance(0.88)
                                  else rng.randint(PLAN_REVIEW.amount + 1, PLAN_REVIEW.amount + 30))
            if day > last:
                break
            ending = ends is not None and (ends - day).days < 30
            self.put(PlanReview, plan=plan_id, held_on=day,
                     outcome=ReviewOutcome.END if ending else ReviewOutcome.CONTINUE,
                     notes="Progress reviewed with the family and the agencies.", recorded_at=self.at(day, 10, 18),
                     recorded_by=worker)
            reviewed = day
        self.put(CinPlan, child=child, referral=referral, started_on=start, ended_on=ends, needs=PLAN_NEEDS,
                 child_views=ASSESSMENT_TEXT["child_views"], written_to_child=self.chance(0.3),
                 next_review_due_on=reviewed + timedelta(days=PLAN_REVIEW.amount),
                 next_visit_due_on=self.calendar.add_working_days(visited, VISIT.amount),
                 recorded_at=self.at(start), recorded_by=worker)
        self.counts["plans"] += 1

    # -- Pre-proceedings and care proceedings.

    def pre_proceedings(self) -> None:
        """Some families of children on plans enter pre-proceedings (a legal planning meeting's decision), as the
        proceedings services store each step: the letter before proceedings, a family group conference offered (in
        the letter, mostly) and held, the initial meeting and reviews about every six weeks, the step up or step
        down decision (a Decision for each child), and for a step up the application to court with its 26-week
        target, its hearings and, for most, a final order. Siblings whose plans began together enter together."""
        rng = self.rng
        families: dict[tuple, list[tuple]] = {}
        for row in self.cp_plans:
            _, child, start, _, team, _, _ = row
            parents = self.parents.get(child)
            families.setdefault((start, team, parents[0][0] if parents else -child), []).append(row)
        last_names = dict(Person.objects.filter(pk__in=[row[1] for row in self.cp_plans])
                          .values_list("pk", "last_name"))
        # Each child's family network as support may reach it: the adults related to the child now, with their kind
        # and date of birth (one query, as `in_network_of` reads the network).
        self.network: dict[int, list[tuple[int, str, date]]] = {}
        for child, person, kind, born in (Relationship.objects
                                          .filter(relative_id__in=list(last_names), kind__in=NETWORK_KINDS,
                                                  ended_on__isnull=True, person__kind=PersonKind.ADULT,
                                                  person__date_of_birth__isnull=False)
                                          .order_by("relative_id", "person_id")
                                          .values_list("relative_id", "person_id", "kind", "person__date_of_birth")):
            self.network.setdefault(child, []).append((person, kind, born))
        for rows in families.values():
            _, child, start, end, team, worker, ends = rows[0]
            if not self.chance(PRE_PROCEEDINGS_SHARE):
                continue
            began = start + timedelta(days=rng.randint(45, 200))
            if began >= self.yesterday or (end is not None and began >= end):
                continue
            self.family_pre_proceedings(rows, began, ends, team, worker, last_names.get(child, ""))

    def family_pre_proceedings(self, rows: list[tuple], began: date, ends: date | None, team: int, worker: int,
                               last_name: str) -> None:
        rng = self.rng
        manager = self.manager_of(team, worker)
        last = min(ends, self.yesterday) if ends else self.yesterday  # nothing after the episode (or today)
        letter = began + timedelta(days=rng.randint(3, 14))
        letter = letter if letter <= last else None
        initial = letter + timedelta(days=rng.randint(5, 15)) if letter else None
        initial = initial if initial and initial <= last else None
        meetings = []
        if initial:
            day = initial
            while True:
                day += timedelta(days=rng.randint(35, 49) if self.chance(0.85) else rng.randint(50, 70))
                if day > last or (day - began).days > 150:
                    break
                meetings.append(day)
        decided = began + timedelta(days=rng.randint(90, 160))
        if ends is not None and decided > ends:
            decided = max(began, ends)  # the episode ends: so do pre-proceedings
        outcome = ""
        if decided <= self.yesterday and initial is not None or ends is not None and ends < self.today:
            decided = min(decided, self.yesterday)
            outcome = (PreProceedingsOutcome.OTHER if ends is not None and decided == ends else
                       rng.choices([PreProceedingsOutcome.STEP_DOWN, PreProceedingsOutcome.STEP_UP,
                                    PreProceedingsOutcome.OTHER], [55, 38, 7])[0])
            if outcome == PreProceedingsOutcome.STEP_UP and ends is not None and \
                    (ends - decided).days < COURT_ROOM_DAYS:
                outcome = PreProceedingsOutcome.STEP_DOWN  # the episode closes first: no room for proceedings
            meetings = [day for day in meetings if day <= decided]
            if initial is not None and initial > decided:
                initial, meetings = None, []
            if letter is not None and letter > decided:
                letter = None
        held = [initial, *meetings] if initial else []
        pre_id = self.next_pk[PreProceedings]
        values = dict(family_name=f"The {last_name} family" if last_name else "", team=team, started_on=began,
                      started_by=manager, letter_sent_on=letter, initial_meeting_on=initial,
                      next_review_due_on=held[-1] + timedelta(days=PRE_PROCEEDINGS_REVIEW.amount) if held else None,
                      recorded_at=self.at(began))
        self.counts["pre_proceedings"] += 1
        for day in meetings:
            self.put(PreProceedingsReview, pre_proceedings=pre_id, held_on=day, recorded_by=worker,
                     recorded_at=self.at(day, 12, 18))
        if letter is not None and self.chance(0.9):
            offered = letter if self.chance(0.75) else min(letter + timedelta(days=rng.randint(1, 20)), last)
            done = offered + timedelta(days=rng.randint(10, 35))
            done = done if self.chance(0.7) and done <= last else None
            self.put(FamilyGroupMeeting, pre_proceedings=pre_id, kind=FamilyGroupMeetingKind.FAMILY_GROUP_CONFERENCE,
                     offered_on=offered, offered_in_letter=offered == letter, held_on=done,
                     family_plan=FAMILY_PLAN if done else "", recorded_by=worker, recorded_at=self.at(offered))
        step = None
        if outcome:
            values.update(outcome=outcome, step_decision_on=decided, next_review_due_on=None
                          if outcome != PreProceedingsOutcome.STEP_UP else values["next_review_due_on"])
            if outcome != PreProceedingsOutcome.STEP_UP:
                values["ended_on"] = decided
        elif held and self.chance(0.3):
            proposed = self.yesterday - timedelta(days=rng.randint(0, 6))
            if proposed >= held[-1]:
                values.update(step_proposed=rng.choice([PreProceedingsOutcome.STEP_UP, PreProceedingsOutcome.STEP_DOWN]),
                              step_proposal_reason="The family's progress against the plan in the letter before "
                                                   "proceedings has been reviewed.",
                              step_proposed_by=worker, step_proposed_on=proposed,
                              step_decision_due_on=self.calendar.add_working_days(proposed, STEP_DECISION.amount))
        application = None
        if outcome == PreProceedingsOutcome.STEP_UP:
            application = decided + timedelta(days=rng.randint(0, 14))
            if application < self.today:
                values.update(ended_on=application, next_review_due_on=None)
            else:
                application = None
        for _, child, *_ in rows:
            start_decision = self.decision(child, START_KIND, "Begin pre-proceedings (Public Law Outline)",
                                           PRE_PROCEEDINGS_RATIONALE, began, manager, team)
            if outcome:
                step = self.decision(child, STEP_KIND, PreProceedingsOutcome(outcome).label,
                                     STEP_RATIONALES[outcome], decided, manager, team)
            self.put(PreProceedingsChild, pre_proceedings=pre_id, child=child, start_decision=start_decision,
                     step_decision=step)
        self.put(PreProceedings, **values)
        self.network_support(pre_id, [row[1] for row in rows], began, values.get("ended_on") or self.yesterday,
                             worker)
        if application is not None:
            self.care_proceedings(pre_id, team, worker, application, letter, ends)

    def network_support(self, pre_id: int, children: list[int], began: date, last: date, worker: int) -> None:
        """Support offered to an adult of the children's family network while pre-proceedings run (offered, started
        and ended within them), as `family_network_support_record` stores it: an amount for financial support."""
        rng = self.rng
        if not self.chance(NETWORK_SUPPORT_SHARE) or last < began:
            return
        offered = began + timedelta(days=rng.randint(0, min(60, (last - began).days)))
        people = {}
        for child in children:
            for person, kind, born in self.network.get(child, ()):
                if _years_between(born, offered) >= ADULT_YEARS:
                    people[person] = kind
        if not people:
            return
        preferred = sorted(person for person, kind in people.items() if kind in NETWORK_PREFERRED)
        recipient = rng.choice(preferred or sorted(people))
        if self.chance(NETWORK_FINANCIAL_SHARE):
            kind = FamilyNetworkSupportKind.FINANCIAL
            low, high = NETWORK_AMOUNTS
            amount = Decimal(rng.randrange(low, high + 1, 10))
        else:
            kind = rng.choices([FamilyNetworkSupportKind.PRACTICAL, FamilyNetworkSupportKind.OTHER], [70, 30])[0]
            amount = None
        starts = offered + timedelta(days=rng.randint(0, 14)) if self.chance(0.85) else None
        starts = starts if starts is not None and starts <= last else None
        ends = None
        if starts is not None:
            ends = starts if kind == FamilyNetworkSupportKind.FINANCIAL and self.chance(0.5) else \
                starts + timedelta(days=rng.randint(14, 120))
            ends = ends if ends <= last else None
        self.put(FamilyNetworkSupport, pre_proceedings=pre_id, recipient=recipient, kind=kind,
                 description=rng.choice(NETWORK_SUPPORT[kind]), amount=amount, offered_on=offered, starts_on=starts,
                 ends_on=ends, recorded_by=worker, recorded_at=self.at(offered))
        self.counts["network_support"] += 1

    def care_proceedings(self, pre_id: int, team: int, worker: int, application: date, letter: date | None,
                         ends: date | None) -> None:
        """The application to court, its hearings and final order. Proceedings never outlive the child's episode:
        where the episode closes sooner, the final order is made on the day it closes (the order ends the council's
        involvement), and an episode still open today keeps proceedings running."""
        rng = self.rng
        proceedings = self.next_pk[CareProceedings]
        target = application + timedelta(days=CARE_PROCEEDINGS_TARGET.amount)
        final_on = application + timedelta(days=rng.randint(120, 182) if self.chance(0.6) else rng.randint(183, 300))
        if ends is not None:
            final_on = min(final_on, ends)
        hearings = [(application + timedelta(days=rng.randint(1, 5)), HearingKind.INTERIM,
                     "Interim care order; the children stay where they are placed.")] if self.chance(0.5) else []
        hearings += [(application + timedelta(days=rng.randint(12, 18)), HearingKind.CASE_MANAGEMENT,
                      "Directions for assessments and a timetable for the child; the guardian appointed."),
                     (final_on - timedelta(days=rng.randint(28, 42)), HearingKind.ISSUES_RESOLUTION,
                      "Issues narrowed; the final hearing listed.")]
        # Each hearing before the final one, in order (a short case has no time for the later ones).
        kept = []
        for day, kind, outcome in hearings:
            if application <= day < final_on and (not kept or day > kept[-1][0]):
                kept.append((day, kind, outcome))
        hearings = [*kept, (final_on, HearingKind.FINAL, "Final hearing: the court made its order.")]
        final = rng.choices(FINAL_ORDERS, FINAL_ORDER_WEIGHTS)[0] if final_on < self.today else ""
        for day, kind, outcome in hearings:
            if day < self.today:
                self.put(Hearing, care_proceedings=proceedings, held_on=day, kind=kind, outcome=outcome,
                         recorded_by=worker, recorded_at=self.at(day, 14, 18))
        parents_letter = application + timedelta(days=rng.randint(0, 3))
        self.put(CareProceedings, pre_proceedings=pre_id, team=team, application_on=application,
                 urgent_reason="" if letter is not None and letter <= application else
                 "The children could not wait for the letter before proceedings: immediate risk.",
                 target_on=target, parents_letter_on=parents_letter if parents_letter < self.today else None,
                 final_order=final, final_order_on=final_on if final else None, recorded_by=worker,
                 recorded_at=self.at(application))
        self.counts["care_proceedings"] += 1


def _years_between(born: date, day: date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def yearly_counts(today: date, years: int) -> dict[str, float | None]:
    """The seeded history's figures a year (averaged over its years, as England's are published), and today's.

    A figure is None where the seed made none of those records.
    """
    first = today - timedelta(days=round(365.25 * years))
    referrals = Referral.objects.filter(referral_date__gte=first, referral_date__lt=today)
    count = referrals.count()
    assessments = Assessment.objects.filter(referral__in=referrals)
    authorised = assessments.filter(status=AssessmentStatus.AUTHORISED)
    late = authorised.filter(authorised_on__gt=models.F("referral__assessment_due_on")).count()
    enquiries = Section47Enquiry.objects.filter(start_date__gte=first, start_date__lt=today).count()
    initial = Conference.objects.filter(kind=ConferenceKind.INITIAL, held_on__gte=first, held_on__lt=today)
    icpcs = initial.count()
    icpcs_late = initial.filter(held_on__gt=models.F("enquiry__icpc_due_on")).count()
    plans = ChildProtectionPlan.objects.filter(start_date__gte=first, start_date__lt=today)
    started = plans.count()
    lengths = sorted((end - start).days for start, end in plans.filter(end_date__isnull=False)
                     .values_list("start_date", "end_date"))
    on_plan = ChildProtectionPlan.objects.filter(start_date__lt=today, end_date__isnull=True).count()
    return {
        "referrals a year": count / years,
        "re-referrals (%)": 100 * referrals.filter(re_referral=True).count() / count if count else 0.0,
        "assessments a year": assessments.count() / years,
        "assessments authorised past 45 working days (%)": 100 * late / authorised.count() if authorised else 0.0,
        "CIN plans started a year": CinPlan.objects.filter(referral__in=referrals).count() / years,
        "section 47 enquiries a year": enquiries / years if enquiries else None,
        "initial conferences a year": icpcs / years if icpcs else None,
        "initial conferences past 15 working days (%)": 100 * icpcs_late / icpcs if icpcs else None,
        "CP plan starts a year": started / years if started else None,
        "children on a CP plan today": on_plan if started else None,
        "median length of ended CP plans (months)": lengths[len(lengths) // 2] / 30.44 if lengths else None,
        "second or later CP plans (%)": 100 * plans.filter(previous_plans__gt=0).count() / started if started else None,
        "pre-proceedings entries a year": PreProceedings.objects.filter(
            started_on__gte=first, started_on__lt=today).count() / years,
    }
