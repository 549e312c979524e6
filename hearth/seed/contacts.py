"""Synthetic front-door contacts for the seeded council: the flows a front door sees in a year.

`SeedContacts` is driven by the council builder in `generator.py` and writes rows the same
way (tuples through `_CouncilBuilder.add_row`, primary keys chosen here, no history rows
and no audit events). It adds, for the scale's contacts a year over the years of history:

- for every allocation at the front door that starts a child's involvement, the contact
  that started it, about the family's children (brothers and sisters together), received
  on the allocation's first day and decided before the next allocation begins: a referral
  to children's social care (sometimes a strategy discussion) when the child moves on to an
  assessment team, early help when the next team is a Family Hub, otherwise no further
  action, information and advice or early help;
- re-contacts about those families later on: information passed to the allocated worker
  while a case is open, otherwise no further action, advice or early help;
- contacts about children known only to the front door (a record made at their first
  contact, and an allocation to Family Connect while it is screened; a family has one to
  four contacts over time), enough to reach the volume, with outcomes chosen so that the
  whole history comes to about 40% no further action or information and advice, 20% early
  help, 35% referral and 5% strategy discussion (a referral from these is followed by a
  short assessment that closes, where there is time for one before today);
- open contacts received in the last working day or two (some overdue), some assigned to
  advisers, and two online referrals from `demo.partner`, one decided and one waiting.

About 5% of contacts are new information on a closed contact, linked to it
(`previous`) and timed from the first receipt of the chain; about 10% are police domestic
abuse notifications; about 3% are about a child at immediate risk; consent is mostly
obtained, dispensed with (with the reason and the front-door manager who agreed) for about
6% and not applicable for about 15%. Senior social workers advise on most contacts, the
exploitation team (CATE) where exploitation is indicated, and partners answer information
requests. Team managers at the front door decide each child's outcome with a rationale,
most within one working day and about 8% late. Decision due moments are computed exactly
as `services._stamp_clock` does, with the council's calendar (no local closure days yet).

Everything comes from one random stream seeded from the builder's, so the same seed and
`today` give the same contacts. At the large scale (600,000 contacts, with about 340,000
children known only to the front door) this adds about 100 seconds to the seed on SQLite.
"""

import json
import math
import time
from bisect import bisect_right
from collections import Counter
from datetime import date, datetime, timedelta
from datetime import time as clock_time
from itertools import accumulate
from random import Random

from django.db import connection

from hearth.accounts.models import User
from hearth.accounts.roles import RoleCode
from hearth.casework.models import Allocation
from hearth.children_in_need.models import Referral
from hearth.children_in_need.outcomes import REFERRAL
from hearth.early_help.models import EarlyHelpRequest
from hearth.early_help.outcomes import EARLY_HELP as EARLY_HELP_OUTCOME
from hearth.front_door import recontacts
from hearth.front_door.clocks import BY_URGENCY
from hearth.front_door.models import (
    Advice,
    AdviceKind,
    Channel,
    ConsentDispensedReason,
    ConsentNotApplicableReason,
    ConsentStatus,
    Contact,
    ContactAdult,
    ContactChild,
    ContactDecision,
    InformationRequest,
    Pathway,
    RiskIndicator,
    Urgency,
)
from hearth.front_door.outcomes import INFORMATION_AND_ADVICE, NO_FURTHER_ACTION
from hearth.people.models import Person, PersonKind, name_key
from hearth.protection.models import StrategyDiscussion
from hearth.protection.outcomes import STRATEGY_DISCUSSION
from hearth.reference.codes import ReferralSource, Sex, UPNUnknownReason
from hearth.seed import names
from hearth.timescales.calendar import calendar_for
from hearth.timescales.clocks import due_at

# Written after the builder's own tables, in this order (a referral points at its contact's child).
CONTACT_MODELS = [Contact, ContactChild, ContactAdult, InformationRequest, Advice, ContactDecision, Referral,
                  StrategyDiscussion, EarlyHelpRequest]
KEYED_MODELS = (Contact, ContactChild, Referral)  # rows that others point at get their keys here

NFA = NO_FURTHER_ACTION.code
ADVICE = INFORMATION_AND_ADVICE.code
EARLY_HELP = EARLY_HELP_OUTCOME.code
REFER = REFERRAL.code
STRATEGY = STRATEGY_DISCUSSION.code
# The shares of the contacts' outcomes over the whole history. A referral is a child's (one per child of the contact),
# so the social-care share is not fixed here: `pick_outcome` spends what is left of the scale's referrals a year
# (England's 52 per 1,000 children) over the contacts still to come; these are its shares at the large scale.
OUTCOME_MIX = {NFA: 0.30, ADVICE: 0.26, EARLY_HELP: 0.24, REFER: 0.16, STRATEGY: 0.04}
RE_REFER = 0.8         # a new contact within 12 months of a referral that is referred again
COMES_BACK = 0.55      # a referred family contacted again within the year (so about 22% of referrals are re-referrals)
# Of the contacts referred to social care, those that need a strategy discussion (most start a section 47 enquiry:
# England has about one enquiry for every three referrals).
STRATEGY_SHARE = 0.5
TO_SOCIAL_CARE = (REFER, STRATEGY)

# The builder's areas (generator.py's constants, repeated to keep the import one way).
FRONT_DOOR_AREA, SAFEGUARDING_AREA, EARLY_HELP_AREA = "front_door", "safeguarding", "early_help"
ASSESSED_AREAS = {"safeguarding", "disabled", "cate", "in_care"}

LATE = 0.03             # decided after the due moment (chained contacts add most of the rest of the ~8%)
CHAINED = 0.05          # new information on a closed contact
DOMESTIC_ABUSE = 0.10   # police domestic abuse notifications
IMMEDIATE = 0.03        # a child at immediate risk
SENIOR_ADVICE = 0.78
INFORMATION_REQUESTED = 0.45
RECONTACTS_KNOWN = 1.0  # re-contacts per family with a case, over its history
FLUSH_EVERY = 3000      # front-door-only families between writes

# Who refers (CIN census referral sources, weighted roughly as England's are).
SOURCE_WEIGHTS = [
    (ReferralSource.POLICE, 22), (ReferralSource.SCHOOLS, 19), (ReferralSource.EDUCATION_SERVICES, 1.5),
    (ReferralSource.GP, 2.5), (ReferralSource.HEALTH_VISITOR, 3), (ReferralSource.SCHOOL_NURSE, 1),
    (ReferralSource.PRIMARY_HEALTH_OTHER, 2.5), (ReferralSource.EMERGENCY_DEPARTMENT, 3),
    (ReferralSource.HEALTH_OTHER, 2.5), (ReferralSource.HOUSING, 2.5), (ReferralSource.LA_SOCIAL_CARE, 2.5),
    (ReferralSource.LA_OTHER_INTERNAL, 2.5), (ReferralSource.LA_EXTERNAL, 2), (ReferralSource.LA_EARLY_HELP, 3),
    (ReferralSource.LEGAL_AGENCY, 2), (ReferralSource.OTHER, 7), (ReferralSource.FAMILY, 6),
    (ReferralSource.ACQUAINTANCE, 2.5), (ReferralSource.SELF, 1.5), (ReferralSource.INDIVIDUAL_OTHER, 1),
    (ReferralSource.ANONYMOUS, 1.5), (ReferralSource.UNKNOWN, 0.5),
]
SOURCES = [code for code, _ in SOURCE_WEIGHTS]
SOURCE_CUMULATIVE = list(accumulate(weight for _, weight in SOURCE_WEIGHTS))
INDIVIDUALS = {ReferralSource.FAMILY, ReferralSource.ACQUAINTANCE, ReferralSource.SELF,
               ReferralSource.INDIVIDUAL_OTHER, ReferralSource.ANONYMOUS, ReferralSource.UNKNOWN}
POLICE = "Wrekinshire Police"
AGENCIES = {
    ReferralSource.POLICE: [POLICE],
    ReferralSource.SCHOOLS: ["Hollowmere Primary School", "Copperbridge Academy", "{stem} Primary School",
                             "{stem} Academy", "{stem} Church of England Primary School", "{stem} High School"],
    ReferralSource.EDUCATION_SERVICES: ["Wrekinshire College", "Wrekinshire Education Welfare Service"],
    ReferralSource.GP: ["{stem} Medical Practice", "{stem} Surgery"],
    ReferralSource.HEALTH_VISITOR: ["Wrekinshire Community Health NHS Trust"],
    ReferralSource.SCHOOL_NURSE: ["Wrekinshire Community Health NHS Trust"],
    ReferralSource.PRIMARY_HEALTH_OTHER: ["Wrekinshire Community Health NHS Trust", "Wrekinford Midwifery Service"],
    ReferralSource.EMERGENCY_DEPARTMENT: ["Wrekinford General Hospital"],
    ReferralSource.HEALTH_OTHER: ["Wrekinshire Mental Health Partnership (CAMHS)", "Wrekinford General Hospital"],
    ReferralSource.HOUSING: ["Stonelow Housing Association", "Wrekinshire Council Housing Options"],
    ReferralSource.LA_SOCIAL_CARE: ["Wrekinshire Adult Social Care"],
    ReferralSource.LA_OTHER_INTERNAL: ["Wrekinshire Youth Justice Service", "Wrekinshire SEND Service"],
    ReferralSource.LA_EXTERNAL: ["Marchford Borough Council Children's Services", "Severnvale Council"],
    ReferralSource.LA_EARLY_HELP: ["Family Hubs"],
    ReferralSource.LEGAL_AGENCY: ["Probation Service", "Cafcass"],
    ReferralSource.OTHER: ["Wrekinshire Domestic Abuse Service", "{stem} Children's Centre", "Wrekinford Food Bank",
                           "Young Carers Wrekinshire"],
}
# (title, the probability a referrer of this source has it)
TITLES = {ReferralSource.POLICE: ["PC", "PC", "DC", "PS"]}
INFORMATION_AGENCIES = [
    (POLICE, "Any incidents at the address, and any history for the adults?",
     "Two domestic incidents recorded in the last year, no arrests. No other history."),
    ("The children's school", "Attendance, presentation, and any worries about the children?",
     "Attendance 91%. Generally well presented; recently withdrawn in class. No disclosures."),
    ("The family's GP", "Anything known about the parents' health, and are the children's checks up to date?",
     "Mother treated for depression, engaging with talking therapy. Immunisations up to date."),
    ("Health visiting", "When was the youngest child last seen, and were there any concerns?",
     "Seen at the 12-month review: growth on track, home warm and tidy. No concerns raised."),
    ("Wrekinshire Adult Social Care", "Is either adult known to adult services?",
     "Father known to the substance misuse service: attending, recent tests clear."),
    ("Stonelow Housing Association", "Any concerns about the tenancy or the home's condition?",
     "Rent arrears; a neighbour complained about noise twice this year."),
]
CONCERNS = [
    # (risk indicators, weight, source kind the concern fits: police, school, health, other, any)
    ((RiskIndicator.DOMESTIC_ABUSE,), 0, "police",
     "Police called to the home at night after a neighbour heard shouting. {child} was in the house; mother had a "
     "cut to her lip. Father arrested and released under investigation."),
    ((RiskIndicator.DOMESTIC_ABUSE,), 0, "police",
     "Domestic incident: verbal argument between mother and her partner, {child} present and upset. No injuries. "
     "Both adults say it will not happen again. DASH risk assessment: standard."),
    ((RiskIndicator.DOMESTIC_ABUSE, RiskIndicator.SUBSTANCE_MISUSE), 0, "police",
     "Police attended after a 999 call from mother. Her partner was drunk and had smashed a door; {child} hid "
     "upstairs. DASH risk assessment: medium. Third incident this year."),
    ((RiskIndicator.NEGLECT,), 10, "school",
     "{child} has come to school hungry most days this week, in the same clothes, and asked staff for food to take "
     "home. Attendance has fallen to 82%."),
    ((RiskIndicator.PHYSICAL_ABUSE,), 8, "school",
     "{child} has a bruise on the upper arm, shaped like fingermarks. {child} said 'Dad grabbed me' and would not "
     "say more."),
    ((RiskIndicator.SEXUAL_ABUSE,), 3, "school",
     "{child} told a teaching assistant that an older cousin touches them when they stay over. Parents not yet told."),
    ((RiskIndicator.EMOTIONAL_ABUSE,), 5, "school",
     "{child} is very anxious about going home and says mum's boyfriend shouts at them and calls them names."),
    ((RiskIndicator.PARENTAL_MENTAL_HEALTH,), 7, "health",
     "Mother seen by the crisis team last night after saying she had thoughts of ending her life. {child} was at "
     "home. She has agreed to treatment; support at home is limited."),
    ((RiskIndicator.CHILD_MENTAL_HEALTH,), 6, "health",
     "{child} disclosed self-harm (cuts to the forearms) to the school nurse and says they feel hopeless. Parents "
     "are supportive but struggling to get help."),
    ((RiskIndicator.SUBSTANCE_MISUSE,), 5, "any",
     "Father appeared intoxicated when collecting {child} from nursery and drove away with {child} in the car."),
    ((RiskIndicator.EXPLOITATION, RiskIndicator.MISSING), 4, "police",
     "{child} has been reported missing three times this month, coming back with new clothes and a second phone. "
     "Seen with older males at the railway station."),
    ((RiskIndicator.EXPLOITATION,), 3, "school",
     "{child} has large sums of cash and has been seen getting into cars outside school. Staff worry about county "
     "lines."),
    ((RiskIndicator.MISSING,), 3, "police",
     "{child} missing overnight, found at a friend's house the next morning. Return home interview offered."),
    ((RiskIndicator.HOMELESS_16_17,), 2, "other",
     "{child}, aged 16, has been asked to leave home after arguments and has been sofa surfing for a week."),
    ((RiskIndicator.NEGLECT, RiskIndicator.SUBSTANCE_MISUSE), 4, "other",
     "A housing officer found the home in very poor condition: little food, dog mess on the floor; mother seemed "
     "to be under the influence. {child} was not at school."),
    ((RiskIndicator.PHYSICAL_ABUSE,), 3, "health",
     "{child} brought to A&E with a fractured wrist; the explanation given changed between the triage nurse and "
     "the doctor."),
    ((RiskIndicator.OTHER,), 5, "any",
     "The family have been evicted and are in emergency accommodation; mother is worried about how she will cope "
     "and asked for support for {child}."),
    ((RiskIndicator.NEGLECT,), 4, "health",
     "{child} has missed three hospital appointments for a heart condition; the family have not answered calls."),
    ((RiskIndicator.EMOTIONAL_ABUSE, RiskIndicator.PARENTAL_MENTAL_HEALTH), 3, "any",
     "Parents separating with frequent arguments in front of {child}, who has started wetting the bed again."),
]
RATIONALES = {
    NFA: ["The information does not meet the threshold for a service. Checks with school and health raise no "
          "further concerns and the family has support in place.",
          "A one-off incident; the parents acted protectively and the partners hold no other concerns. No further "
          "action."],
    ADVICE: ["Needs can be met by universal services. Information and advice given about the Family Hub and "
             "the school's pastoral support.",
             "The referrer was advised how to support the family and to refer again if things change; the family "
             "were signposted to the GP and the Family Hub."],
    EARLY_HELP: ["Needs are below the threshold for statutory social work, but the family would benefit from a "
                 "team around the family. The parents agree to early help.",
                 "Several unmet needs (school attendance, housing, parenting) that early help can coordinate; the "
                 "family have agreed."],
    REFER: ["The child may be a child in need: the concerns, the history and the partners' information call for a "
            "child and family assessment.",
            "Repeated concerns with little change; an assessment is needed to understand the child's lived "
            "experience. Referral to children's social care."],
    STRATEGY: ["There is reasonable cause to suspect that the child is suffering, or is likely to suffer, "
               "significant harm: a strategy discussion with police and health today.",
               "A disclosure of harm that needs a joint response with the police: strategy discussion convened."],
}
OPEN_CASE_RATIONALE = ("The child is open to {team}: the information has been passed to the allocated worker, who "
                       "will respond under the child's plan.")
FAMILY_TOLD = ["Mother told by phone of the outcome and given the Family Hub's details.",
               "Both parents told by phone; they were given the front door's number if things change.",
               "Told by letter, as the family did not answer the phone.",
               "Father told by phone; he was upset but agreed with the plan."]
SENIOR_ADVICE_TEXT = [
    "Advised to complete checks with school and health before a decision; consider the history of previous contacts.",
    "I have read the contact and the checks. The threshold for an assessment appears to be met; recommend referral.",
    "Advice: speak to the parent to understand their view, and check the police record for the adults.",
    "This looks like a need for early help rather than statutory involvement; discuss with the family.",
]
CATE_ADVICE_TEXT = "CATE consulted: indicators of criminal exploitation. Complete an exploitation screening tool."
POLICE_TRIAGE_TEXT = "Triaged with the police domestic abuse officer: standard risk, no previous incidents with children."
SCREENING_NOTE_TEXT = "Spoke to the referrer to clarify the concern; they are happy to be contacted again."
CONSENT_HOW = ["By phone to the referrer", "In person at school", "In person at the home visit", "By email",
               "Verbally to the officer at the scene", "In person at the appointment"]
RELATIONSHIP_LABELS = {"mother": "Mother", "father": "Father", "grandparent": "Grandparent",
                       "partner": "Mother's partner"}
HERITAGES = [("english", 72), ("south_asian", 9), ("black", 7), ("european", 7), ("middle_eastern", 3),
             ("chinese", 1), ("traveller", 1)]
ETHNICITY_OF = {"english": "WBRI", "south_asian": "APKN", "black": "BAFR", "european": "WOTH",
                "middle_eastern": "OOTH", "chinese": "CHNE", "traveller": "WIRT"}
AGE_BANDS = [(0, 1, 0.14), (1, 5, 0.20), (5, 10, 0.27), (10, 16, 0.31), (16, 18, 0.08)]
AGE_CUMULATIVE = list(accumulate(weight for _, _, weight in AGE_BANDS))
HERITAGE_NAMES = [heritage for heritage, _ in HERITAGES]
HERITAGE_CUMULATIVE = list(accumulate(weight for _, weight in HERITAGES))
RISKS_JSON = {risks: json.dumps(list(risks)) for risks, _, _, _ in CONCERNS}
CONCERNS_BY_KIND = {}  # the concerns each kind of referrer raises, with their cumulative weights
for _kind in ("police", "school", "health", "other"):
    _options = [concern for concern in CONCERNS if concern[1] and concern[2] in (_kind, "any")]
    CONCERNS_BY_KIND[_kind] = (_options, list(accumulate(concern[1] for concern in _options)))


class SeedContacts:
    """Writes the contacts through the council builder (`b`), as the builder writes everything else."""

    def __init__(self, builder):
        from hearth.seed.generator import ALLOCATION_REASONS, _Table

        b = self.b = builder
        self.rng = Random(b.rng.getrandbits(64))
        self.deferred_indexes = self.defer_indexes()
        for model in KEYED_MODELS:
            b.tables[model] = _Table(model, with_pk=True)
            b.next_pk[model] = (model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
        self.calendar = calendar_for()  # no local closure days when a council is seeded
        self.zone = b.zone
        self.day_start = b.day_start
        self.allocation_reason = ALLOCATION_REASONS[FRONT_DOOR_AREA]
        front_door = b.teams_by_area[FRONT_DOOR_AREA][0]
        self.team_id = front_door.team.id
        self.advisers = [user.id for user in front_door.workers]
        self.managers = [user.id for user in front_door.managers]
        self.seniors = list(User.objects.filter(memberships__team_id=self.team_id,
                                                roles__code=RoleCode.SENIOR_SOCIAL_WORKER)
                            .order_by("pk").values_list("pk", flat=True)) or self.managers
        cate = [user.id for state in b.teams_by_area.get("cate", []) for user in state.workers]
        self.cate = cate or self.seniors
        self.area_of_team = {state.team.id: area for area, states in b.teams_by_area.items() for state in states}
        self.team_name = {state.team.id: state.team.name for state in b.team_by_name.values()}
        self.partner = User.objects.filter(username="demo.partner").first()
        self.target = b.plan.contacts_per_year * b.years
        self.per_working_day = b.plan.contacts_per_year / 253
        self.made: Counter[str] = Counter()  # decided contacts by the first child's outcome
        self.total = 0
        self.children_rows = 0
        self.waiting_shown = False
        self.referral_target = b.plan.referrals_per_year * b.years
        self.referrals = 0      # Referral rows made (one per child referred)
        self.episodes: list[list] = []   # each referral, continued by `episodes.SeedEpisodes` once contacts are done
        self.last_referrals: list[list] = []  # the referrals the latest contact made
        self.segment_workers: dict[tuple[int, int, date], int] = {}  # (child, team, start) -> worker
        self.open = 0
        self.late = 0
        self._due_cache: dict[date, datetime] = {}
        # The last two working days before today: contacts received then are mostly still open.
        self.last_day = self._working_day_before(b.today)
        self.day_before = self._working_day_before(self.last_day)
        self.last_day_start = self.midnight(self.last_day)
        self.day_before_start = self.midnight(self.day_before)
        self.week_ago = self.day_start - timedelta(days=8)
        self.stems = names.STREET_STEMS
        self.allocation_position = b.tables[Allocation].position
        # Rows as tuples, built by functions compiled once per table: `add_row`'s keywords cost more, millions of times.
        tables = b.tables
        self.contact_row = row_maker(tables[Contact], [
            "id", "reference", "received_at", "first_received_at", "previous", "channel", "pathway", "urgency",
            "decision_due_at", "referrer_name", "referrer_agency", "referrer_phone", "source", "concern", "consent",
            "consent_from", "consent_how", "consent_at", "consent_dispensed_reason", "consent_dispensed_asked",
            "consent_dispensed_confirmed_by", "consent_dispensed_confirmed_at", "consent_not_applicable_reason",
            "risk_indicators", "awaiting_information", "awaiting_information_note", "team", "assigned_to",
            "submitted_by", "closed_at", "recorded_at", "recorded_by", "senior_advice_at"])
        self.child_row = row_maker(tables[ContactChild], [
            "id", "contact", "received_at", "child", "described_name", "described_date_of_birth", "described_address",
            "open_to_team"])
        self.adult_row = row_maker(tables[ContactAdult], ["contact", "name", "relationship", "person"])
        self.request_row = row_maker(tables[InformationRequest], [
            "contact", "agency", "asked", "requested_at", "requested_by", "answer", "answered_at"])
        self.advice_row = row_maker(tables[Advice], ["contact", "kind", "text", "given_at", "given_by"])
        self.decision_row = row_maker(tables[ContactDecision], [
            "contact_child", "outcome", "rationale", "details_in_order", "consent_in_order", "family_told",
            "decided_at", "decided_by", "source", "contact", "team"])
        self.early_help_row = row_maker(tables[EarlyHelpRequest], [
            "child", "requested_on", "contact_child", "recorded_at", "recorded_by"])
        self.allocation_row = row_maker(tables[Allocation], [
            "child", "team", "worker", "started_on", "ended_on", "reason", "recorded_at", "recorded_by"])
        self.person_row = row_maker(tables[Person], [
            "id", "kind", "la_child_id", "first_name", "last_name", "first_name_key", "last_name_key", "date_of_birth",
            "sex", "ethnicity", "first_language", "religion", "nhs_number", "upn", "upn_unknown_reason", "created_at",
            "created_by"])
        self.pending = b.pending
        # On SQLite these tables' rows carry their dates and moments already as the database's text (each moment
        # converted once, not once per row it appears in), so `_Table.insert` adapts and copies nothing. COPY takes
        # them as they are on PostgreSQL. The risk indicators are JSON text on both, written once per list.
        self.db_datetime, self.db_date = _unchanged, _unchanged
        if connection.vendor == "sqlite":
            self.db_datetime, self.db_date = _sqlite_datetime(connection.timezone), connection.ops.adapt_datefield_value
            for model in CONTACT_MODELS:
                tables[model].adapters = [None] * len(tables[model].fields)
        self.due_db: dict[datetime, object] = {}

    def defer_indexes(self) -> list[str]:
        """On SQLite, drop the secondary indexes of the tables this adds most rows to, to build them once at the end.

        Kept up row by row, in the random order of their keys, they took most of the insert time at the large
        scale; built after the load, from sorted keys, they take seconds. The same statements recreate them (in
        the same transaction, so a failed run leaves the schema as it was), and a unique index that the rows
        broke fails the run.
        """
        if connection.vendor != "sqlite":
            return []
        tables = [model._meta.db_table for model in (*CONTACT_MODELS, Person, Allocation)]
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                           f"AND tbl_name IN ({', '.join(['%s'] * len(tables))}) ORDER BY name", tables)
            found = cursor.fetchall()
            for name, _ in found:
                cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
        return [sql for _, sql in found]

    def restore_indexes(self) -> None:
        with connection.cursor() as cursor:
            for sql in self.deferred_indexes:
                cursor.execute(sql)
        self.deferred_indexes = []

    def put(self, model, row: tuple) -> None:
        self.pending.setdefault(model, []).append(row)

    # -- Small helpers.

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def midnight(self, day: date) -> datetime:
        return datetime.combine(day, clock_time(0), tzinfo=self.zone)

    def at(self, day: date, earliest: float, latest: float) -> datetime:
        minutes = self.rng.randrange(int(earliest * 60), int(latest * 60))
        return datetime.combine(day, clock_time(minutes // 60, minutes % 60), tzinfo=self.zone)

    def _working_day_before(self, day: date) -> date:
        day -= timedelta(days=1)
        while not self.calendar.is_working_day(day):
            day -= timedelta(days=1)
        return day

    def between(self, first: datetime, last: datetime, low: float = 0.1, high: float = 0.9) -> datetime:
        return first + (last - first) * self.rng.uniform(low, high)

    def due(self, urgency: str, first_received: datetime) -> datetime:
        """As `services._stamp_clock`: the clock for the urgency, from the chain's first receipt."""
        if urgency != Urgency.STANDARD:
            return due_at(BY_URGENCY[urgency], first_received, self.calendar)
        day = first_received.astimezone(self.zone).date()
        found = self._due_cache.get(day)
        if found is None:
            found = self._due_cache[day] = due_at(BY_URGENCY[urgency], first_received, self.calendar)
            self.due_db[found] = self.db_datetime(found)
        return found

    def received_on(self, day: date, police: bool = False) -> datetime:
        """A receipt time on a day: office hours mostly, police notifications at any hour."""
        if police and self.chance(0.5):
            return self.at(day, 0, 24)
        return self.at(day, 8, 18.5)

    def person_name(self) -> str:
        group = names.NAMES[self.rng.choices(HERITAGE_NAMES, cum_weights=HERITAGE_CUMULATIVE)[0]]
        first = self.rng.choice(group["girls"] if self.chance(0.6) else group["boys"])
        return f"{first} {self.rng.choice(group['family'])}"

    def phone(self) -> str:
        # Ofcom keeps 01632 960xxx and 07700 900xxx for drama: numbers that reach nobody.
        return f"01632 960{self.rng.randrange(1000):03d}" if self.chance(0.6) else f"07700 900{self.rng.randrange(1000):03d}"

    def pick_outcome(self) -> str:
        """A referral as often as the referrals still to make over the contacts still to come allow (so the
        history holds the scale's referrals a year, counted per child); otherwise the outcome furthest behind its
        share of the whole history (so the mix comes out right)."""
        left = max(1, self.target - self.total)
        per_contact = self.children_rows / self.total if self.total else 1.4
        referred = min(0.6, max(0.0, (self.referral_target - self.referrals) / (left * per_contact)))
        if self.rng.random() < referred:
            return STRATEGY if self.rng.random() < STRATEGY_SHARE else REFER
        others = (NFA, ADVICE, EARLY_HELP)
        weights = [max(0.0, OUTCOME_MIX[code] * self.target - self.made[code]) for code in others]
        if not any(weights):
            weights = [OUTCOME_MIX[code] for code in others]
        return self.rng.choices(others, weights)[0]

    def poisson(self, mean: float) -> int:
        limit, count, product = math.exp(-mean), 0, self.rng.random()
        while product > limit:
            count += 1
            product *= self.rng.random()
        return count

    # -- Who referred, and what they said.

    def referrer(self, pathway: str, concern_kind: str | None = None) -> dict:
        rng = self.rng
        if pathway == Pathway.DOMESTIC_ABUSE:
            source = ReferralSource.POLICE
        else:
            source = SOURCES[bisect_right(SOURCE_CUMULATIVE, rng.random() * SOURCE_CUMULATIVE[-1])]
        values = {"source": source, "referrer_agency": "", "referrer_phone": ""}
        if source in INDIVIDUALS:
            values["referrer_name"] = "Anonymous" if source == ReferralSource.ANONYMOUS else self.person_name()
            if source != ReferralSource.ANONYMOUS:
                values["referrer_phone"] = self.phone()
            values["channel"] = Channel.PHONE if self.chance(0.85) else rng.choice([Channel.IN_PERSON, Channel.EMAIL])
        else:
            agency = rng.choice(AGENCIES[source])
            values["referrer_agency"] = agency.format(stem=rng.choice(self.stems)) if "{" in agency else agency
            name = self.person_name()
            if source in TITLES:
                name = f"{rng.choice(TITLES[source])} {name}"
            values["referrer_name"] = name
            values["referrer_phone"] = self.phone()
            if pathway == Pathway.DOMESTIC_ABUSE:
                values["channel"] = Channel.POLICE_NOTIFICATION
            elif source == ReferralSource.POLICE:
                values["channel"] = rng.choices([Channel.POLICE_NOTIFICATION, Channel.EMAIL, Channel.PHONE], [5, 3, 2])[0]
            else:
                values["channel"] = rng.choices([Channel.ONLINE, Channel.PHONE, Channel.EMAIL], [4, 4, 2])[0]
        return values

    def concern(self, source: str, pathway: str, first_name: str) -> tuple[list[str], str]:
        if pathway == Pathway.DOMESTIC_ABUSE:
            risks, _, _, text = self.rng.choice(CONCERNS[:3])
        else:
            kind = "police" if source == ReferralSource.POLICE else "school" if source.startswith("2") else \
                "health" if source.startswith("3") else "other"
            options, cumulative = CONCERNS_BY_KIND[kind]
            risks, _, _, text = self.rng.choices(options, cum_weights=cumulative)[0]
        return risks, text.format(child=first_name)

    def consent(self, values: dict, parent: str, received: datetime, pathway: str) -> None:
        source, rng = values["source"], self.rng
        if source in (ReferralSource.FAMILY, ReferralSource.SELF, ReferralSource.ANONYMOUS, ReferralSource.UNKNOWN):
            values["consent"] = ConsentStatus.NOT_APPLICABLE
            values["consent_not_applicable_reason"] = (
                ConsentNotApplicableReason.PARENT_MADE_CONTACT if source == ReferralSource.FAMILY else
                ConsentNotApplicableReason.YOUNG_PERSON_SELF if source == ReferralSource.SELF else
                ConsentNotApplicableReason.OTHER)
            return
        roll = rng.random()
        dispensed, not_applicable = (0.16, 0.15) if pathway == Pathway.DOMESTIC_ABUSE else (0.055, 0.06)
        if roll < dispensed:
            values["consent"] = ConsentStatus.DISPENSED
            values["consent_dispensed_reason"] = (
                ConsentDispensedReason.POLICE_INVESTIGATION if source == ReferralSource.POLICE and self.chance(0.6)
                else ConsentDispensedReason.SIGNIFICANT_HARM)
            values["consent_dispensed_asked_id"] = rng.choice(self.managers)
        elif roll < dispensed + not_applicable:
            values["consent"] = ConsentStatus.NOT_APPLICABLE
            values["consent_not_applicable_reason"] = (
                ConsentNotApplicableReason.PARENT_MADE_CONTACT if self.chance(0.4) else ConsentNotApplicableReason.OTHER)
        else:
            values["consent"] = ConsentStatus.OBTAINED
            values["consent_from"] = parent
            values["consent_how"] = rng.choice(CONSENT_HOW)
            if self.chance(0.5):
                values["consent_at"] = received - timedelta(minutes=rng.randint(10, 2880))

    # -- When the decision is made.

    def decision_time(self, received: datetime, due: datetime, urgency: str, chained: bool) -> datetime:
        rng = self.rng
        if urgency == Urgency.IMMEDIATE:
            late = self.chance(0.1)
            return received + timedelta(minutes=rng.randint(75, 360) if late else rng.randint(10, 58))
        local = received.astimezone(self.zone)
        if not chained and self.chance(LATE):
            day = self.calendar.add_working_days(due.astimezone(self.zone).date(), rng.randint(1, 3))
            return self.at(day, 9, 17.5)
        if local.hour < 14 and self.calendar.is_working_day(local.date()) and self.chance(0.4):
            return received + timedelta(minutes=rng.randint(60, 240))
        return self.at(self.calendar.next_working_day(local.date()), 9, 17.5)

    def stays_open(self, received: datetime) -> bool:
        """Most contacts from the last working day are still being screened; a few older ones are overdue."""
        if received >= self.last_day_start:
            return self.chance(0.85)
        if received >= self.day_before_start:
            return self.chance(0.2)
        if received >= self.week_ago:
            return self.chance(0.02)
        return False

    # -- One contact, with everything recorded on it.

    def contact(self, *, received: datetime, children: list[tuple], adults: list[tuple], outcome: str | None,
                previous: tuple[int, datetime] | None = None, urgency: str | None = None,
                pathway: str | None = None, decide_by: datetime | None = None, must_decide: bool = False,
                force_open: bool = False, parent: str = "", referrer: dict | None = None,
                consent: dict | None = None, submitted_by: int | None = None,
                ) -> tuple[int, datetime | None, datetime]:
        """Write a contact about `children` [(person id or None, team open to, first name, described)] and return
        (its key, when it closed or None, the first receipt of its chain)."""
        b, rng = self.b, self.rng
        pk = b.take_pk(Contact)
        self.last_referrals = []
        first_received = previous[1] if previous else received
        if pathway is None:
            pathway = Pathway.DOMESTIC_ABUSE if self.chance(DOMESTIC_ABUSE) else Pathway.STANDARD
        if urgency is None:
            urgency = Urgency.IMMEDIATE if self.chance(IMMEDIATE) else Urgency.STANDARD
        due = self.due(urgency, first_received)
        values = referrer or self.referrer(pathway)
        first_name = children[0][2]
        risks, concern = self.concern(values["source"], pathway, first_name)
        if consent is None:
            self.consent(values, parent or f"{first_name}'s mother", received, pathway)
        else:
            values.update(consent)
        adviser = rng.choice(self.advisers)
        decided = None
        if not force_open and (must_decide or not self.stays_open(received)):
            decided = self.decision_time(received, due, urgency, previous is not None)
            limit = min(decide_by or self.day_start, self.day_start)
            if decided >= limit:
                if must_decide or decide_by is not None:
                    decided = self.between(received, max(limit, received + timedelta(minutes=20)), 0.3, 0.9)
                else:
                    decided = None  # not decided yet: still in the queue
        recorded = received if submitted_by else min(received + timedelta(minutes=rng.randint(4, 90)),
                                                      max(received, (decided or self.day_start) - timedelta(minutes=1)))
        end = decided or self.day_start
        awaiting, waiting_for = False, ""
        reference = f"FD{received.astimezone(self.zone).year % 100:02d}-{pk:06d}"
        # Each moment converted once for the database (a decision's moment is written up to five times).
        db = self.db_datetime
        received_db = db(received)
        decided_db = db(decided) if decided else None

        # Information from partners, and advice, before the decision (or before now, if still open).
        put, random = self.put, rng.random
        # The first contact left open waits for a partner's answer, so the queue always shows one that does.
        first_waiting = decided is None and not submitted_by and not self.waiting_shown
        if random() < INFORMATION_REQUESTED or first_waiting:
            for agency, asked, answer in rng.sample(INFORMATION_AGENCIES, 2 if random() < 0.3 else 1):
                requested = self.between(received, end, 0.05, 0.4)
                answered = self.between(requested, end, 0.2, 0.95) \
                    if decided or (not first_waiting and random() < 0.5) else None
                if answered is None:
                    awaiting, waiting_for = True, agency
                    self.waiting_shown = True
                put(InformationRequest, self.request_row(pk, agency, asked, db(requested), adviser,
                                                         answer if answered else "", answered and db(answered)))
        if pathway == Pathway.DOMESTIC_ABUSE:
            put(Advice, self.advice_row(pk, AdviceKind.POLICE_TRIAGE, POLICE_TRIAGE_TEXT,
                                        db(self.between(received, end, 0.05, 0.3)), adviser))
        if RiskIndicator.EXPLOITATION in risks and random() < 0.92:
            put(Advice, self.advice_row(pk, AdviceKind.CATE, CATE_ADVICE_TEXT,
                                        db(self.between(received, end, 0.3, 0.6)), rng.choice(self.cate)))
        senior_advice = None
        if random() < (SENIOR_ADVICE if decided else 0.4):
            senior_advice = db(self.between(received, end, 0.5, 0.9))
            put(Advice, self.advice_row(pk, AdviceKind.SENIOR_SOCIAL_WORKER, rng.choice(SENIOR_ADVICE_TEXT),
                                        senior_advice, rng.choice(self.seniors)))
        if random() < 0.1:
            put(Advice, self.advice_row(pk, AdviceKind.SCREENING_NOTE, SCREENING_NOTE_TEXT,
                                        db(self.between(received, end, 0.1, 0.5)), adviser))

        get = values.get
        consent_at = get("consent_at")
        manager = rng.choice(self.managers)
        # Dispensing with consent is confirmed by the manager asked (a partner's referral asks nobody: the deciding
        # manager confirms it) soon after receipt, before any decision; a partner's open referral still waits.
        asked = None if submitted_by else get("consent_dispensed_asked_id")
        confirmed_by = confirmed_at = None
        if values["consent"] == ConsentStatus.DISPENSED and (asked or decided):
            confirmed_by = asked or manager
            confirmed_at = db(self.between(received, end, 0.02, 0.2))
        put(Contact, self.contact_row(
            pk, reference, received_db, db(first_received) if previous else received_db,
            previous[0] if previous else None, Channel.ONLINE if submitted_by else values["channel"], pathway, urgency,
            self.due_db[due] if due in self.due_db else db(due), values["referrer_name"], values["referrer_agency"],
            values["referrer_phone"], values["source"], concern, values["consent"], get("consent_from", ""),
            get("consent_how", ""), consent_at and db(consent_at), get("consent_dispensed_reason", ""),
            asked, confirmed_by, confirmed_at, get("consent_not_applicable_reason", ""), RISKS_JSON[risks],
            awaiting and decided is None, f"An answer from {waiting_for}" if awaiting and decided is None else "",
            self.team_id,
            adviser if not submitted_by and random() < (0.9 if decided else 0.6) else None,
            submitted_by, decided_db, db(recorded), submitted_by or adviser, senior_advice,
        ))
        for name, relationship, person_id in adults:
            put(ContactAdult, self.adult_row(pk, name, relationship, person_id))
        self.total += 1
        if decided is None:
            self.open += 1
        else:
            self.made[outcome if children[0][1] is None or outcome not in TO_SOCIAL_CARE else ADVICE] += 1
            if decided > due:
                self.late += 1
            db_date = self.db_date
            decided_on = db_date(decided.astimezone(self.zone).date())
        for child_id, open_to, _, described in children:
            row_pk = b.take_pk(ContactChild)
            self.children_rows += 1
            if described:
                name, born, address = described
                put(ContactChild, self.child_row(row_pk, pk, received_db, child_id, name, born and self.db_date(born),
                                                 address, open_to))
            else:
                put(ContactChild, self.child_row(row_pk, pk, received_db, child_id, "", None, "", open_to))
            if decided is None:
                continue
            child_outcome = outcome if open_to is None or outcome not in TO_SOCIAL_CARE else ADVICE
            rationale = OPEN_CASE_RATIONALE.format(team=self.team_name.get(open_to, "its team")) \
                if open_to is not None and child_outcome in (NFA, ADVICE) else rng.choice(RATIONALES[child_outcome])
            told = "Not yet told: to be agreed at the strategy discussion." if child_outcome == STRATEGY \
                else rng.choice(FAMILY_TOLD) if random() < 0.85 else ""
            put(ContactDecision, self.decision_row(row_pk, child_outcome, rationale, random() < 0.96, random() < 0.94,
                                                   told, decided_db, manager, values["source"], pk,
                                                   self.team_id))
            if child_outcome in TO_SOCIAL_CARE:
                referral = b.take_pk(Referral)
                self.referrals += 1
                # [key, child, referral date, source, contact child, strategy now, decided (db), decided, manager,
                #  where it went: (team, worker, allocated on, episode ends on) or None while in the queue,
                #  when the strategy discussion was held (None if not yet, or none)]
                record = [referral, child_id, first_received.astimezone(self.zone).date(), values["source"], row_pk,
                          child_outcome == STRATEGY, decided_db, decided, manager, None, None]
                self.episodes.append(record)
                self.last_referrals.append(record)
                if child_outcome == STRATEGY:
                    held = decided + timedelta(hours=rng.randint(2, 26))
                    record[10] = held if held < self.day_start else None  # the discussion is written by `episodes`
            elif child_outcome == EARLY_HELP:
                put(EarlyHelpRequest, self.early_help_row(child_id, decided_on, row_pk, decided_db, manager))
        return pk, decided, first_received

    # -- Families the builder made.

    def family_segments(self, children) -> list[tuple[int, str, date, date | None]]:
        """The family's allocations just queued by the builder, as (team, area, start, end), oldest first."""
        ids = {child.person.id for child in children}
        first = next(child.person.id for child in children if not child.unborn)
        where = self.allocation_position
        child_at, team_at, start_at, end_at = where["child"], where["team"], where["started_on"], where["ended_on"]
        worker_at = where["worker"]
        found = []
        for row in reversed(self.b.pending.get(Allocation, [])):
            if row[child_at] not in ids:
                break
            self.segment_workers[(row[child_at], row[team_at], row[start_at])] = row[worker_at]
            if row[child_at] == first:
                found.append((row[team_at], self.area_of_team.get(row[team_at], ""), row[start_at], row[end_at]))
        found.sort(key=lambda segment: (segment[2], segment[3] or date.max))  # a day at the front door comes first
        return found

    def family(self, children, adults, status: str) -> None:
        """Contacts about one family: the one that started each involvement, then re-contacts."""
        kids = [child.person for child in children if not child.unborn]
        if not kids:
            return
        rng = self.rng
        segments = self.family_segments(children)
        adult_rows = [(f"{person.first_name} {person.last_name}", RELATIONSHIP_LABELS[kind], person.id)
                      for person, kind in adults[:2]]
        parent = f"{adult_rows[0][0]} ({adult_rows[0][1].lower()})" if adult_rows else ""

        def about(day: date, team_on, everyone: bool = False) -> list[tuple]:
            eligible = [kid for kid in kids if kid.date_of_birth <= day and _age(kid.date_of_birth, day) < 18]
            if len(eligible) > 1 and not everyone and self.chance(0.25):
                eligible = [rng.choice(eligible)]  # a re-contact about one of the children
            return [(kid.id, team_on, kid.preferred_name or kid.first_name, None) for kid in eligible[:4]]

        for index, (_team, area, start, end) in enumerate(segments):
            if area != FRONT_DOOR_AREA:
                continue
            following = segments[index + 1] if index + 1 < len(segments) and segments[index + 1][2] == end else None
            children_then = about(start, None, everyone=True)
            if not children_then:
                continue
            urgency = None
            if end is None:  # in screening now
                outcome = REFER if self.chance(0.7) else EARLY_HELP
            elif following and following[1] in ASSESSED_AREAS:
                outcome = STRATEGY if following[1] != "disabled" and self.chance(STRATEGY_SHARE) else REFER
                if outcome == STRATEGY and self.chance(0.4):
                    urgency = Urgency.IMMEDIATE
            elif following and following[1] == EARLY_HELP_AREA:
                outcome = EARLY_HELP
            else:
                outcome = rng.choices([NFA, ADVICE, EARLY_HELP], [40, 35, 25])[0]
            received = self.received_on(start)
            previous = None
            if self.chance(0.1) and start - timedelta(days=14) > self.b.window_start:
                earlier = self.received_on(start - timedelta(days=rng.randint(3, 12)))
                pk, closed, first = self.contact(received=earlier, children=children_then, adults=adult_rows,
                                                 outcome=rng.choice([NFA, ADVICE]), urgency=Urgency.STANDARD,
                                                 decide_by=received - timedelta(minutes=30), must_decide=True,
                                                 parent=parent)
                previous = (pk, first)
            decide_by = None
            if end is not None:
                decide_by = datetime.combine(end, clock_time(18), tzinfo=self.zone)
            self.contact(received=received, children=children_then, adults=adult_rows, outcome=outcome,
                         previous=previous, urgency=urgency, decide_by=decide_by, must_decide=end is not None,
                         force_open=end is None and received < self.day_before_start and self.chance(0.3),
                         parent=parent)
            if following and following[1] in ASSESSED_AREAS:
                # The episode lasts while the child stays with social care teams, one allocation after another.
                ends = following[3]
                for later in segments[index + 2:]:
                    if ends is None or later[2] != ends or later[1] in (FRONT_DOOR_AREA, EARLY_HELP_AREA, ""):
                        break
                    ends = later[3]
                for record in self.last_referrals:
                    worker = self.segment_workers.get((record[1], following[0], following[2]))
                    if worker is not None:
                        record[9] = (following[0], worker, following[2], ends)

        # Re-contacts over the years after the first involvement.
        first_day = segments[0][2] if segments else kids[0].created_at.date()
        last = self.b.yesterday
        if (last - first_day).days < 30:
            return
        has_case = any(area not in (FRONT_DOOR_AREA, "") for _, area, _, _ in segments)
        for _ in range(self.poisson(RECONTACTS_KNOWN if has_case else 0.4)):
            day = first_day + timedelta(days=rng.randint(14, (last - first_day).days))
            team_on, in_screening = None, False
            for team, area, start, end in segments:
                if start <= day and (end is None or day < end):
                    in_screening = area == FRONT_DOOR_AREA
                    team_on = team
            if in_screening:
                continue
            children_then = about(day, team_on)
            if not children_then:
                continue
            outcome = rng.choice([NFA, ADVICE]) if team_on else rng.choices([NFA, ADVICE, EARLY_HELP], [40, 35, 25])[0]
            received = self.received_on(day, police=True)
            if received >= self.day_start:
                continue
            pk, closed, first = self.contact(received=received, children=children_then, adults=adult_rows,
                                             outcome=outcome, parent=parent)
            if closed and self.chance(CHAINED * 1.5):
                again = closed + timedelta(hours=rng.randint(2, 120))
                if again < self.day_start:
                    self.contact(received=again, children=children_then, adults=adult_rows,
                                 outcome=ADVICE if team_on else rng.choice([ADVICE, EARLY_HELP]), previous=(pk, first),
                                 parent=parent)

    # -- Children known only to the front door, to reach the year's volume; and the partner's referrals.

    def finish(self) -> None:
        """Contacts about children new to the council, until the history holds the scale's volume."""
        b, rng = self.b, self.rng
        recent_quota = max(4, round(self.per_working_day * 0.8))
        families = reported = 0
        while recent_quota > 0 or self.total < self.target - 2:
            if recent_quota > 0:
                recent_quota -= 1
                since = self.last_day_start if self.chance(0.8) else self.day_before_start
                received = self.between(since, self.day_start - timedelta(minutes=30), 0, 1)
            else:
                day = b.window_start + timedelta(days=rng.randint(0, (b.yesterday - b.window_start).days))
                if day.weekday() >= 5 and self.chance(0.6):
                    continue  # fewer contacts at weekends
                received = self.received_on(day, police=True)
            self.new_family(received)
            families += 1
            if families % FLUSH_EVERY == 0:
                b.flush()
                if self.total >= reported + self.target // 10:
                    reported = self.total
                    b.write(f"  contacts {self.total:>9,} of {self.target:,} [{_elapsed(b)}]")
        self.partner_referrals()
        b.flush()
        self.restore_indexes()
        marked = recontacts.mark_all(ContactChild)
        b.write(f"  re-contacts within 365 days marked on {marked:,} children's rows [{_elapsed(b)}]")
        b.write(f"  contacts {self.total:,}: {self.open:,} open, {self.late:,} decided late; "
                + ", ".join(f"{code} {count:,}" for code, count in sorted(self.made.items())) + f" [{_elapsed(b)}]")

    def new_family(self, received: datetime, *, partner: bool = False) -> None:
        """Children new to the council: their records, made at the first contact, and their contacts over time."""
        b, rng = self.b, self.rng
        heritage = rng.choices(HERITAGE_NAMES, cum_weights=HERITAGE_CUMULATIVE)[0]
        group = names.NAMES[heritage]
        family_name = rng.choice(group["family"])
        size = rng.choices((1, 2, 3), cum_weights=(70, 93, 100))[0]
        day = received.astimezone(self.zone).date()
        low, high, _ = rng.choices(AGE_BANDS, cum_weights=AGE_CUMULATIVE)[0]
        age = rng.randint(int(low * 365.25) + 1, int(min(high, 17.8) * 365.25))
        ages = [age] + [age + gap for gap in (rng.choice((-1, 1)) * rng.randint(300, 1500) for _ in range(size - 1))]
        ages = sorted({a for a in ages if 1 <= a < int(17.9 * 365.25)}, reverse=True)
        adviser = rng.choice(self.advisers)
        created = min(received + timedelta(minutes=rng.randint(5, 60)), max(received, self.day_start - timedelta(minutes=1)))
        kids = [self.new_child(group, heritage, family_name, day - timedelta(days=a), created, adviser) for a in ages]
        mother = f"{rng.choice(group['girls'])} {family_name if self.chance(0.7) else rng.choice(group['family'])}"
        adults = [(mother, "Mother", None)] if self.chance(0.85) else []
        if self.chance(0.35):
            adults.append((f"{rng.choice(group['boys'])} {family_name}", "Father", None))
        parent = f"{mother} (mother)"
        children = [(kid_id, None, first, None) for kid_id, first, _, _ in kids]
        referrer = None
        if partner:
            referrer = {"source": ReferralSource.POLICE, "referrer_name": self.partner.get_full_name(),
                        "referrer_agency": self.partner.agency, "referrer_phone": self.phone(), "channel": Channel.ONLINE}
            children = [(kid_id, None, first, (f"{first} {last}", born, "")) for kid_id, first, last, born in kids]
        busy_until = date.min  # a new assessment starts only after the last one's allocation has ended
        referred_on = None
        contacts, number, soon = 1 if partner else rng.choices((1, 2, 3, 4), cum_weights=(50, 80, 95, 100))[0], -1, False
        while number + 1 < contacts:
            number += 1
            if partner:
                outcome = rng.choice([ADVICE, REFER])
            elif referred_on and (day - referred_on).days < 365 and self.chance(RE_REFER):
                outcome = REFER  # worries again soon after an episode: a re-referral
            else:
                outcome = self.pick_outcome()
            pk, closed, first_received = self.contact(
                received=received, children=children, adults=adults, outcome=outcome, parent=parent, referrer=referrer,
                must_decide=partner, submitted_by=self.partner.id if partner else None)
            if number == 0:
                ended = closed.astimezone(self.zone).date() if closed else None
                manager = rng.choice(self.managers)
                for kid_id, _, _, _ in kids:
                    self.put(Allocation, self.allocation_row(kid_id, self.team_id, adviser, day, ended,
                                                             self.allocation_reason, created, manager))
            if closed is None:
                return
            if outcome in TO_SOCIAL_CARE:
                referred_on = closed.astimezone(self.zone).date()
                if referred_on > busy_until:
                    busy_until = self.assessment(kids, closed, self.last_referrals) or busy_until
                if not partner and self.chance(COMES_BACK):
                    contacts, soon = max(contacts, number + 2), True  # the worries return within the year
            if not partner and self.chance(CHAINED):
                again = closed + timedelta(hours=rng.randint(2, 96))
                if again < self.day_start:
                    escalated = REFER if outcome in (NFA, ADVICE) and self.chance(0.5) else self.pick_outcome()
                    pk, closed, _ = self.contact(received=again, children=children, adults=adults, outcome=escalated,
                                                 previous=(pk, first_received), parent=parent)
                    if closed is None:
                        return
                    if escalated in TO_SOCIAL_CARE:
                        referred_on = closed.astimezone(self.zone).date()
                        if referred_on > busy_until:
                            busy_until = self.assessment(kids, closed, self.last_referrals) or busy_until
            day = closed.astimezone(self.zone).date() + timedelta(days=rng.randint(40, 330) if soon else
                                                                  rng.randint(20, 500))
            soon = False
            if day >= b.yesterday or _age(kids[0][3], day) >= 18:
                return
            received = self.received_on(day, police=True)
            if received >= self.day_start:
                return

    def assessment(self, kids: list[tuple], decided: datetime, referrals: list[list]) -> date | None:
        """A referral's child and family assessment: an allocation that closes when it is done (about 15% finish
        past the 45 working days), or, if that is after today, still open; none if allocated only after today.
        Returns the day the allocation ends (date.max while open), or None if none was made."""
        b, rng = self.b, self.rng
        start = decided.astimezone(self.zone).date() + timedelta(days=rng.randint(0, 3))
        end = start + timedelta(days=rng.randint(66, 110) if self.chance(0.1) else rng.randint(15, 58))
        if start >= b.yesterday:
            return None
        if end >= b.yesterday:
            end = None  # the assessment is in progress today
        state, worker = b.past_worker(SAFEGUARDING_AREA)
        recorded, manager = self.at(start, 9, 17), rng.choice(state.managers).id
        for kid_id, _, _, _ in kids:
            self.put(Allocation, self.allocation_row(kid_id, state.team.id, worker.id, start, end,
                                                     "Referral accepted: single assessment", recorded, manager))
        for record in referrals:
            record[9] = (state.team.id, worker.id, start, end)
        return end or date.max

    def new_child(self, group: dict, heritage: str, family_name: str, born: date, created: datetime,
                  creator: int) -> tuple[int, str, str, date]:
        """A child's record as the front door makes it: names, date of birth, and what is known of the rest."""
        b, rng = self.b, self.rng
        sex = Sex.FEMALE if self.chance(0.49) else Sex.MALE
        first = rng.choice(group["girls"] if sex == Sex.FEMALE else group["boys"])
        pk = b.take_pk(Person)
        upn, unknown = "", ""
        if _age(born, created.date()) < 5:
            unknown = UPNUnknownReason.UN1
        elif self.chance(0.6):
            upn = b.upn(born)
        else:
            unknown = UPNUnknownReason.UN7
        language = "English"
        if heritage not in ("english", "traveller") and self.chance(0.4):
            language = rng.choice(names.LANGUAGES[heritage][1:] or ["English"])
        self.put(Person, self.person_row(
            pk, PersonKind.CHILD, f"C{pk:07d}", first, family_name, name_key(first), name_key(family_name), born, sex,
            ETHNICITY_OF[heritage], language, rng.choice(names.RELIGIONS[heritage]),
            b.nhs_number() if self.chance(0.6) else "", upn, unknown, created, creator))
        return pk, first, family_name, born

    def partner_referrals(self) -> None:
        """Two online referrals from demo.partner: one decided three weeks ago, one sent on the last working day."""
        if self.partner is None:
            return
        b = self.b
        decided_day = self.calendar.add_working_days(b.today - timedelta(days=24), 0)
        if decided_day < b.today:
            self.new_family(self.at(decided_day, 9, 12), partner=True)
        received = self.at(self.last_day, 9, 16)
        name = self.person_name().split()[0]
        line_1, _, town, postcode = b.address_parts()
        described = (f"{name} {self.rng.choice(names.NAMES['english']['family'])}",
                     b.today - timedelta(days=self.rng.randint(2000, 4500)), f"{line_1}, {town} {postcode}")
        referrer = {"source": ReferralSource.POLICE, "referrer_name": self.partner.get_full_name(),
                    "referrer_agency": self.partner.agency, "referrer_phone": "01632 960 417",
                    "channel": Channel.ONLINE}
        # The referrer did not ask the family, for fear of harming a police investigation: a manager must confirm.
        self.contact(received=received, children=[(None, None, name, described)],
                     adults=[(f"Jo {described[0].split()[1]}", "Mother", None)], outcome=None,
                     pathway=Pathway.STANDARD, urgency=Urgency.STANDARD, force_open=True, referrer=referrer,
                     consent={"consent": ConsentStatus.DISPENSED,
                              "consent_dispensed_reason": ConsentDispensedReason.POLICE_INVESTIGATION},
                     submitted_by=self.partner.id)


def row_maker(table, names: list[str]):
    """A function of the named fields' values, in this order, that returns the table's row tuple.

    The same tuple `_Table.row` builds from keywords, without looking each name up on every row; it refuses
    at once a list that leaves out a field with no default.
    """
    from hearth.seed.generator import _REQUIRED

    given = {table.position[name]: number for number, name in enumerate(names)}
    missing = [f.name for index, (f, default) in enumerate(zip(table.fields, table.defaults, strict=True))
               if default is _REQUIRED and index not in given]
    if missing or len(given) != len(names):
        raise ValueError(f"{table.model.__name__}: no value for {missing}, or a field named twice")
    cells = ", ".join(f"v{given[index]}" if index in given else f"d{index}" for index in range(len(table.fields)))
    defaults = {f"d{index}": default for index, default in enumerate(table.defaults) if index not in given}
    return eval(f"lambda {', '.join(f'v{n}' for n in range(len(names)))}: ({cells},)", defaults)


def _unchanged(value):
    return value


def _sqlite_datetime(zone):
    """What Django's SQLite adapter makes of an aware datetime (naive in the connection's zone, as text), without
    its checks: a third of the time, over millions of values."""

    def adapt(value: datetime) -> str:
        return str(value.astimezone(zone).replace(tzinfo=None))

    return adapt


def _age(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _elapsed(b) -> str:
    return f"{time.monotonic() - b.started:.1f}s"
