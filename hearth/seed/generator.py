"""Build a synthetic council, Wrekinshire, calibrated to England's national rates.

The arithmetic
--------------
National rates (DfE "Characteristics of children in need" 2023-24, ONS mid-year
estimates; rounded, and used only to size a plausible council):

- about 12.0 million children aged 0-17 in England;
- about 620,000 referrals a year: 5.2% of the child population (`REFERRAL_RATE`);
- about 22% of referrals are re-referrals within 12 months (`RE_REFERRAL_RATE`), so
  each year's referrals bring about 0.78 new children per referral;
- about 400,000 children in need at 31 March (including those on child protection
  plans and in care): 3.3% of the child population (`OPEN_CIN_RATE`), the stock of
  children with an open case today;
- care leavers aged 18-24 in touch with their council: about 0.45% of the child
  population (`CARE_LEAVER_RATE`); open early help cases: about 1% (`EARLY_HELP_RATE`).

So, for a council with P children and N years of history:

    referrals a year          = 0.052 P
    children with involvement = 0.052 P x N x 0.78   (new children; re-referrals add none)
    open cases today          = 0.033 P (children in need) + 0.0045 P (care leavers)
                                + 0.01 P (early help)

| scale | P (0-17) | contacts/yr | referrals/yr | years | children with involvement | open today |
| ----- | -------- | ----------- | ------------ | ----- | ------------------------- | ---------- |
| demo  | 12,000   | 3,400       | 626          | 3     | 1,464                     | 570        |
| la    | 42,000   | 12,000      | 2,196        | 10    | 17,130                    | 1,995      |
| large | 287,000  | 60,000      | 15,000       | 10    | 117,000                   | 13,633     |

"large" is the design size of DESIGN.md (the largest English councils: about 60,000
contacts and 15,000 referrals a year, kept for ten years): 15,000 / 0.052 gives its
child population. The contacts a year size the front door's staff, and `contacts.py` generates
them (with the children known only to the front door). Children come in families of 1.65 children and
1.7 adults on average, so there are about twice as many people as children.

The open children in need are shared between teams as a council's are: the front door
3%, safeguarding (assessment, child in need and child protection) 62%, exploitation 3%,
disabled children 8%, children in care 21%, adoption 3%. Staff are sized from the
caseloads: social workers about 20 children each (15-25), children in care workers 17,
adoption workers 10, exploitation specialists 12, early help workers 15, personal advisers 22, IROs 60.

How it is loaded, and why
-------------------------
This is a synthetic bulk load, not a user's change: it does not go through the
services (`person_create` and the rest), which would validate, audit and write a
history row for each of two million rows one at a time. Instead users, teams and people
get their primary keys (and children their LA child ID, `C{pk:07d}`) here, so that rows
can point at each other before they are saved, and every row is written in batches of
2,000 inside one transaction: a failed run leaves the database as it was. The rows go
in as tuples through `executemany` (SQLite) or `COPY` (PostgreSQL), with the backend's
own date adapters, rather than `bulk_create`, which spent two thirds of the run compiling
SQL value by value (`large` took 295 s with it, 84 s without). PostgreSQL's sequences
are moved past the explicit keys at the end. The consequences, by design:

- the history tables (django-simple-history) hold no rows for seeded records: their
  history starts with the first real change;
- there are no audit events for the seeding itself;
- identifiers are valid by construction (the tests check them with the validators).

Where it may run
----------------
Only into a database it made, or one with no users, people or contacts: in the same
transaction as the rows it writes a `core.SeedRun` (scale, seed, date and the last key of
each kind it wrote), and a database without one that holds any of those was not made by it.
`--force` empties only a database the seed made and nobody has added to since. Production
settings (`HEARTH_SEED_ALLOWED = False`) refuse it outright. So the seed never empties a
council's records nor gives a real account the demo password.

Everything is derived from one `random.Random(seed)` and the `today` anchor, so the
same seed and date give the same council, row for row.
"""

import heapq
import json
import math
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as clock_time
from random import Random
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.models import Q
from django.utils import timezone

from hearth.accounts.models import AccessGrant, Membership, Role, ServiceArea, Team, User
from hearth.accounts.roles import ROLE_DESCRIPTIONS, RoleCode
from hearth.casework.models import Allocation, CaseNote, CaseNoteKind, Decision
from hearth.core.models import SeedRun
from hearth.front_door.models import Contact
from hearth.people.identifiers import upn_check_letter
from hearth.people.models import (
    Address,
    FormerName,
    Person,
    PersonDisability,
    PersonKind,
    Relationship,
    RelationshipKind,
    WarningCategory,
    WarningNote,
)
from hearth.reference.codes import Disability, Ethnicity, Sex, UPNUnknownReason
from hearth.seed import names
from hearth.seed.contacts import CONTACT_MODELS, SeedContacts
from hearth.seed.episodes import WRITE_ORDER as EPISODE_MODELS
from hearth.seed.episodes import SeedEpisodes, yearly_counts
from hearth.seed.inspections import seed_inspections

DEMO_PASSWORD = "hearth-demo-password"

REFERRAL_RATE = 0.052
RE_REFERRAL_RATE = 0.22
OPEN_CIN_RATE = 0.033
CARE_LEAVER_RATE = 0.0045
EARLY_HELP_RATE = 0.01

# The areas a child's case can be open in (each served by one or more teams).
FRONT_DOOR = "front_door"
SAFEGUARDING = "safeguarding"
CATE = "cate"
DISABLED = "disabled"
IN_CARE = "in_care"
ADOPTION = "adoption"
LEAVERS = "leavers"
EARLY_HELP = "early_help"

OPEN_CIN_SHARES = {
    FRONT_DOOR: 0.03, SAFEGUARDING: 0.62, CATE: 0.03, DISABLED: 0.08, IN_CARE: 0.21, ADOPTION: 0.03,
}
BATCH_SIZE = 2000
UNITS_PER_FLUSH = 1500


@dataclass(frozen=True)
class Scale:
    name: str
    child_population: int
    contacts_per_year: int
    default_years: int
    children_override: int | None = None

    @property
    def referrals_per_year(self) -> int:
        return round(self.child_population * REFERRAL_RATE)

    def open_cases(self) -> dict[str, int]:
        """Children with an open case today, by area."""
        cin = self.child_population * OPEN_CIN_RATE
        counts = {area: round(cin * share) for area, share in OPEN_CIN_SHARES.items()}
        counts[LEAVERS] = round(self.child_population * CARE_LEAVER_RATE)
        counts[EARLY_HELP] = round(self.child_population * EARLY_HELP_RATE)
        return counts

    def children(self, years: int) -> int:
        """Children with any involvement over the years of history."""
        if self.children_override:
            return self.children_override
        involved = round(self.referrals_per_year * years * (1 - RE_REFERRAL_RATE))
        return max(involved, round(sum(self.open_cases().values()) * 1.2))


SCALES = {
    "tiny": Scale("tiny", 600, 170, 1, children_override=60),
    "demo": Scale("demo", 12_000, 3_400, 3),
    "la": Scale("la", 42_000, 12_000, 10),
    "large": Scale("large", 287_000, 60_000, 10),
}

# One sign-in per role, with a predictable name: (username, role, team).
SAFEGUARDING_DEMO_TEAM = "Safeguarding North 1"
DEMO_USERS = [
    ("demo.adviser", RoleCode.FRONT_DOOR_ADVISER, "Family Connect"),
    ("demo.senior", RoleCode.SENIOR_SOCIAL_WORKER, "Family Connect"),
    ("demo.front.door.manager", RoleCode.TEAM_MANAGER, "Family Connect"),
    ("demo.manager", RoleCode.TEAM_MANAGER, SAFEGUARDING_DEMO_TEAM),
    ("demo.social.worker", RoleCode.SOCIAL_WORKER, SAFEGUARDING_DEMO_TEAM),
    ("demo.early.help", RoleCode.EARLY_HELP_WORKER, "Family Hubs North"),
    ("demo.specialist", RoleCode.SPECIALIST_WORKER, "CATE"),
    ("demo.iro", RoleCode.IRO, "IRO Service"),
    ("demo.pa", RoleCode.PERSONAL_ADVISER, "Care Leavers"),
    ("demo.leader", RoleCode.SENIOR_LEADER, "Senior Leadership Team"),
    ("demo.analyst", RoleCode.PERFORMANCE_ANALYST, "Performance and Intelligence"),
    ("demo.partner", RoleCode.PARTNER, "Wrekinshire Police"),
    ("demo.inspector", RoleCode.INSPECTOR, None),
    ("demo.admin", RoleCode.ADMINISTRATOR, "Systems Administration"),
]
DEMO_USERNAMES = [username for username, _, _ in DEMO_USERS]
# What the demo administrator may manage in Django's admin (and nothing about cases).
ADMIN_PERMISSION_MODELS = [
    ("accounts", "user"), ("accounts", "team"), ("accounts", "membership"), ("accounts", "role"),
    ("timescales", "localclosureday"),
]


def demo_logins() -> list[tuple[str, str, str]]:
    """The demo sign-ins, as (username, role, team), for the Makefile and README to print."""
    return [(username, RoleCode(role).label, team or "(no team)") for username, role, team in DEMO_USERS]


class SeedRefused(Exception):
    """The seed will not run here; the message says why in one line."""


def council_is_seeded() -> bool:
    """Whether the seed made this database (it leaves a SeedRun row in the same transaction)."""
    return SeedRun.objects.exists()


def _records_not_made_by_the_seed() -> dict[str, int]:
    """Users, people and contacts the seed did not write: every one, if it never ran here; otherwise those added since."""
    run = SeedRun.objects.order_by("-pk").first()
    last = (run.last_user_id, run.last_person_id, run.last_contact_id) if run else (0, 0, 0)
    found = {
        "users": User.objects.filter(pk__gt=last[0]).count(),
        "people": Person.objects.filter(pk__gt=last[1]).count(),
        "contacts": Contact.objects.filter(pk__gt=last[2]).count(),
    }
    return {kind: count for kind, count in found.items() if count}


def _production_refusal() -> str | None:
    if getattr(settings, "HEARTH_SEED_ALLOWED", True):
        return None
    return (f"Refusing to seed: {settings.SETTINGS_MODULE} is a production configuration, "
            "and the synthetic council never goes into a real council's database.")


def refusal(*, force: bool) -> str | None:
    """Why the seed must not run against this database under these settings, or None if it may."""
    if reason := _production_refusal():
        return reason
    seeded = council_is_seeded()
    if seeded and not force:
        return None  # reused as it is: nothing is written
    foreign = _records_not_made_by_the_seed()
    if not foreign:
        return None
    held = ", ".join(f"{count:,} {kind}" for kind, count in foreign.items())
    if seeded:
        return (f"Refusing to empty this database: it holds {held} added since the seed made it. "
                "Seed a new database instead (--database-url).")
    return (f"Refusing to seed: this database holds {held} that the seed did not make "
            "(it has no record of a seed run). Seed a new, empty database instead (--database-url), "
            "or delete a demo database made before the seed recorded its runs.")


@dataclass
class SeedResult:
    reused: bool
    seconds: float = 0.0
    counts: dict[str, int] = field(default_factory=dict)


def run_seed(*, scale: str = "demo", years: int | None = None, seed: int = 1, today: date | None = None,
             force: bool = False, migrate: bool = True, write: Callable[[str], None] = lambda line: None,
             ) -> SeedResult:
    """Migrate if needed, then seed the council unless one is already there (or `force`)."""
    if reason := _production_refusal():  # before anything is migrated or read
        raise SeedRefused(reason)
    if migrate:
        executor = MigrationExecutor(connection)
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            write("Applying migrations...")
            call_command("migrate", verbosity=0, interactive=False)
    if reason := refusal(force=force):
        raise SeedRefused(reason)
    if council_is_seeded() and not force:
        write(f"{names.COUNCIL_NAME} is already seeded in this database: reusing it (--force to replace it).")
        return SeedResult(reused=True)
    if force and council_is_seeded():
        write("--force: emptying the database first.")
        if connection.vendor == "postgresql":
            # Inside an outer transaction (a test) deferred foreign-key checks may be pending; run them
            # now, since PostgreSQL refuses to TRUNCATE a table with pending trigger events.
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        call_command("flush", verbosity=0, interactive=False)
        ContentType.objects.clear_cache()
    return _seed_council(scale=scale, years=years, seed=seed, today=today, write=write)


def _seed_council(*, scale: str = "demo", years: int | None = None, seed: int = 1, today: date | None = None,
                 write: Callable[[str], None] = lambda line: None) -> SeedResult:
    """Generate the council into the database, in one transaction, and report what was written."""
    plan = SCALES[scale]
    years = years or plan.default_years
    today = today or timezone.localdate()
    started = time.monotonic()
    write(f"Seeding {names.COUNCIL_NAME}: scale {scale}, {years} years to {today:%d %B %Y}, seed {seed}.")
    with transaction.atomic():
        builder = _CouncilBuilder(plan, years=years, seed=seed, today=today, write=write, started=started)
        builder.build()
        _reset_sequences()
        # The inspections, recorded through their services once the council's staff and children exist.
        seed_inspections(today=today, seed=seed, write=write)
        SeedRun.objects.create(
            scale=scale, years=years, seed=seed, today=today,
            last_user_id=User.objects.aggregate(last=models.Max("pk"))["last"] or 0,
            last_person_id=Person.objects.aggregate(last=models.Max("pk"))["last"] or 0,
            last_contact_id=Contact.objects.aggregate(last=models.Max("pk"))["last"] or 0,
        )
    # Fresh statistics, so the query planner knows the new tables' sizes (SQLite has none until asked); on
    # PostgreSQL the visibility map too, which index-only scans need, unless a caller's transaction forbids VACUUM.
    with connection.cursor() as cursor:
        vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
        cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")
    result = SeedResult(reused=False, seconds=time.monotonic() - started, counts=dict(builder.counts))
    write("Rows written:")
    for table, count in result.counts.items():
        write(f"  {table:<32} {count:>10,}")
    write("A year, over the history (England 2022/23-2023/24 in brackets, for a council of this size):")
    england = {"referrals a year": plan.referrals_per_year, "re-referrals (%)": 100 * RE_REFERRAL_RATE,
               "assessments a year": plan.referrals_per_year,
               "assessments authorised past 45 working days (%)": 15,
               "section 47 enquiries a year": plan.referrals_per_year / 3,
               "initial conferences a year": plan.referrals_per_year / 3 * 0.35,
               "initial conferences past 15 working days (%)": 20,
               "CP plan starts a year": plan.referrals_per_year / 10,
               "children on a CP plan today": plan.child_population * 42 / 10_000,
               "median length of ended CP plans (months)": 9, "second or later CP plans (%)": 24}
    for label, value in yearly_counts(today, years).items():
        shown = "not seeded yet" if value is None else f"{value:,.1f}"
        expected = f"({england[label]:,.0f})" if label in england else ""
        write(f"  {label:<50} {shown:>14} {expected}")
    write(f"Done in {result.seconds:.1f} seconds. Demo sign-ins (password {DEMO_PASSWORD!r}):")
    for username, role, team in demo_logins():
        write(f"  {username:<20} {role:<32} {team}")
    return result


def _reset_sequences() -> None:
    """After inserts with explicit keys, move PostgreSQL's sequences past them (SQLite needs nothing)."""
    statements = connection.ops.sequence_reset_sql(no_style(), [*INSERT_ORDER, *EPISODE_MODELS])
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


# --- Code sets, weighted as England's children in need are (rounded).

ETHNICITY_WEIGHTS = [
    (Ethnicity.WBRI, 62.0), (Ethnicity.WIRI, 0.5), (Ethnicity.WIRT, 0.3), (Ethnicity.WOTH, 6.0), (Ethnicity.WROM, 1.0),
    (Ethnicity.MWBC, 2.5), (Ethnicity.MWBA, 1.2), (Ethnicity.MWAS, 1.5), (Ethnicity.MOTH, 3.5),
    (Ethnicity.AIND, 1.2), (Ethnicity.APKN, 2.5), (Ethnicity.ABAN, 1.0), (Ethnicity.AOTH, 1.5),
    (Ethnicity.BCRB, 1.2), (Ethnicity.BAFR, 4.0), (Ethnicity.BOTH, 1.2), (Ethnicity.CHNE, 0.3),
    (Ethnicity.OOTH, 3.0), (Ethnicity.REFU, 0.5), (Ethnicity.NOBT, 3.0),
]
ETHNICITY_HERITAGE = {
    Ethnicity.WBRI: "english", Ethnicity.WIRI: "english", Ethnicity.WIRT: "traveller", Ethnicity.WOTH: "european",
    Ethnicity.WROM: "traveller", Ethnicity.AIND: "south_asian", Ethnicity.APKN: "south_asian",
    Ethnicity.ABAN: "south_asian", Ethnicity.AOTH: "south_asian", Ethnicity.BCRB: "black", Ethnicity.BAFR: "black",
    Ethnicity.BOTH: "black", Ethnicity.CHNE: "chinese", Ethnicity.OOTH: "middle_eastern",
    Ethnicity.REFU: "english", Ethnicity.NOBT: "english",
}
# A mixed-heritage child's other parent: (ethnicity, heritage).
MIXED_OTHER_PARENT = {
    Ethnicity.MWBC: (Ethnicity.BCRB, "black"), Ethnicity.MWBA: (Ethnicity.BAFR, "black"),
    Ethnicity.MWAS: (Ethnicity.APKN, "south_asian"), Ethnicity.MOTH: (Ethnicity.OOTH, "middle_eastern"),
}
STAFF_HERITAGE = [("english", 70), ("south_asian", 10), ("black", 8), ("european", 7), ("chinese", 2),
                  ("middle_eastern", 3)]
DISABILITY_CODES = [code for code in Disability if code != Disability.NONE]
AGE_BANDS = [(0, 1, 0.16), (1, 5, 0.20), (5, 10, 0.27), (10, 16, 0.29), (16, 18, 0.08)]
NICKNAMES = {"William": "Will", "Thomas": "Tom", "Alexandru": "Alex", "Rebecca": "Becky", "Olivia": "Liv",
             "Muhammad": "Mo", "Jacob": "Jake", "Daniel": "Dan", "Samuel": "Sam", "Nathaniel": "Nate",
             "Theodore": "Teddy", "Isabella": "Izzy", "Charlotte": "Lottie", "Gabriela": "Gabi", "Joshua": "Josh"}
POSTCODE_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"  # the letters a postcode's last part may use

LEADER_TITLES = [
    "Director of Children's Services", "Assistant Director, Safeguarding and Family Help",
    "Head of Service, Front Door and Assessment", "Principal Social Worker", "Head of Service, Children in Care",
    "Head of Service, Early Help and Family Hubs", "Head of Service, Quality Assurance",
    "Head of Service, Disabled Children", "Service Manager, Safeguarding",
]


# --- Case note and decision wording. {child} {parent} {worker} {sib} {place} are filled in.

NOTE_TITLES = {
    CaseNoteKind.VISIT: ["Home visit", "Visit to {child}", "Unannounced home visit", "Visit after school"],
    CaseNoteKind.STATUTORY_VISIT: ["Statutory visit", "Statutory visit: seen alone", "Statutory visit to {child}"],
    CaseNoteKind.DIRECT_WORK: ["Direct work: my worries and wishes", "Direct work: three houses",
                               "Direct work: my world", "Direct work: life story"],
    CaseNoteKind.PHONE_CALL: ["Phone call with {parent}", "Call from school", "Call with the health visitor",
                              "Phone call with {child}"],
    CaseNoteKind.MEETING: ["Core group meeting", "Child in need review", "Professionals' meeting",
                           "Team around the family meeting"],
    CaseNoteKind.MANAGEMENT_OVERSIGHT: ["Management oversight", "Management oversight and direction"],
    CaseNoteKind.SUPERVISION: ["Case supervision", "Supervision discussion"],
}
NOTE_BODIES = {
    CaseNoteKind.VISIT: [
        "Visited {child} at home with {parent} present. The home was warm and tidy and there was food in the "
        "cupboards. {child} showed me their bedroom. We talked about school and friends. {parent} said things "
        "have been calmer this month.",
        "Unannounced visit. {parent} answered the door after a few minutes. {child} was in the front room. I saw "
        "{child} on their own for twenty minutes. We went through the safety plan again and {parent} agreed to "
        "keep to it.",
        "Visit after school. {child} was tired but chatty. {parent} raised worries about money and the gas meter; "
        "I gave details of the household support fund and the Family Hub's food bank.",
        "Home visit. {parent} was low in mood and said they had not been sleeping. {child} appeared well cared "
        "for. With {parent}'s agreement I will speak to the GP this week.",
    ],
    CaseNoteKind.STATUTORY_VISIT: [
        "Statutory visit. Saw {child} alone {place}. {child} looked well and was dressed appropriately. We talked "
        "about what has gone well since my last visit and what has been hard. No new concerns.",
        "Statutory visit {place}. {child} was reluctant at first, then talked about {sib} and about school. "
        "Bedroom seen. Agreed that I will visit again within the timescale and bring the photos we talked about.",
        "Statutory visit {place}. {child} showed me a certificate from school. Contact with {parent} is going "
        "well, though {child} would like it to be longer. I will raise this at the review.",
    ],
    CaseNoteKind.DIRECT_WORK: [
        "Direct work using the three houses. In the house of worries {child} put shouting at home. In the house "
        "of good things {child} put {sib}, football and Nan's dinners. In the house of dreams: a dog.",
        "Direct work using a 'my world' drawing. {child} put {sib} and {parent} in the inner circle and school "
        "further out. {child} said they feel safest in their bedroom.",
        "Life story work. We looked at baby photos together. {child} asked questions about why they came into "
        "care, which I answered honestly and at their pace.",
        "Wishes and feelings session at school, in a quiet room. {child} rated home as 6 out of 10, up from 4 "
        "last time.",
    ],
    CaseNoteKind.PHONE_CALL: [
        "Phone call with {parent} to arrange the next visit. {parent} said the week had been difficult but "
        "{child} had been to school every day.",
        "Call from the designated safeguarding lead at school: attendance is 84% this half term. No marks or "
        "injuries seen. {child} has been quieter than usual.",
        "Call with the health visitor, who saw {child} last week: weight on the expected centile, immunisations "
        "up to date.",
        "Phone call with {parent} after a missed appointment. {parent} apologised and agreed a new time.",
    ],
    CaseNoteKind.MEETING: [
        "Core group meeting with {parent}, school, health and the Family Hub. The plan was reviewed point by point; "
        "progress on home conditions, less on school attendance. Next core group in four weeks.",
        "Review meeting. {parent} attended and contributed. Agencies agreed the plan is making a difference. "
        "{child}'s views were shared by me, as {child} chose not to attend.",
        "Professionals' meeting to share information before the review. Police reported no further call-outs.",
    ],
    CaseNoteKind.MANAGEMENT_OVERSIGHT: [
        "I have read the recent visits and the assessment. {child}'s needs are being met by the plan, but the "
        "school attendance actions are drifting. {worker} to chase the education welfare officer. Review in four "
        "weeks.",
        "Management oversight. Visits are within timescale and {child} has been seen alone. The plan remains "
        "right for now. Direction: complete the chronology and update the genogram before the review.",
        "Oversight: the risks around {parent}'s drinking remain. Agreed with {worker} to request a parenting "
        "assessment. I will review the case at the next supervision.",
    ],
    CaseNoteKind.SUPERVISION: [
        "Case discussed in supervision with {worker}. Reflected on {parent}'s engagement and on hearing {child}'s "
        "voice. Actions agreed and recorded on the plan.",
        "Supervision: progress against the plan reviewed. {worker} to arrange direct work with {child} before "
        "the next review.",
    ],
}
TO_CHILD_BODIES = [
    "Dear {child}, today I came to see you at home. You showed me your room and the picture you made at school. "
    "You told me what makes a good day for you. I wrote it down so we remember it. I will come back in two weeks.",
    "Dear {child}, we met at school today in the quiet room. You said you wanted me to know how you feel about "
    "seeing {parent}. I listened, and I will tell the people at your meeting, like we agreed.",
    "Dear {child}, this is what we talked about today. You worked hard on the three houses. Your good things were "
    "{sib} and football. Your worry was about moving. Nothing will change without us talking first.",
]
LEAVER_BODIES = [
    "Met {child} at their flat. The heating is working again after I chased the landlord. We went through the "
    "pathway plan: college application done, budgeting still hard. Agreed to apply for the setting-up-home grant.",
    "Catch-up with {child} in town over a coffee. {child} is working 20 hours a week and wants more. Talked about "
    "the council tax exemption and the local offer.",
    "Pathway plan review with {child}. Accommodation stable. Health: registered with a GP and dentist. Next review "
    "in six months.",
]
FRONT_DOOR_BODIES = [
    "Contact screened. With {parent}'s consent, information gathered from school, health and police. The "
    "threshold for a referral is not met; advice and a Family Hub leaflet given.",
    "Contact screened: concerns about {child} raised by school. Checks completed with {parent}'s consent. Passed "
    "to the team manager with a recommendation.",
    "Information gathering at the front door: police notification of a domestic incident with {child} present. "
    "Health and school checks completed.",
]
PLACES = ["at home", "at school", "in placement", "at the foster home", "at the children's home", "at the Family Hub"]
ALLOCATION_REASONS = {
    FRONT_DOOR: "Contact received: screening at the front door",
    SAFEGUARDING: "Referral accepted: single assessment",
    CATE: "Risk of exploitation: specialist intervention",
    DISABLED: "Assessment of a disabled child's needs",
    IN_CARE: "Child became looked after",
    ADOPTION: "Placement order made: adoption planning",
    LEAVERS: "Eighteenth birthday: personal adviser allocated",
    EARLY_HELP: "Early help: team around the family",
}
ALLOCATION_RATIONALES = [
    "The information at the front door shows a need for assessment; allocated to a worker with capacity.",
    "Allocated in line with the team's caseloads; the worker already knows the family's school.",
    "Allocated on transfer as the plan has changed; a transfer visit will be made jointly.",
    "Allocated to keep the same worker for the siblings.",
]
CLOSURE_OUTCOMES = [
    ("Closed: no further action after assessment", "The assessment found no unmet needs that need a plan."),
    ("Closed: stepped down to early help", "Needs are now met with the Family Hub's support; family agree."),
    ("Closed: plan outcomes achieved", "The child in need plan has been achieved and the review agreed closure."),
    ("Closed: family moved out of the area", "The family moved away; the new council has the case transfer."),
    ("Closed: universal services", "Needs can be met by school and health; advice given to the family."),
]
WARNINGS = [
    (WarningCategory.RISK_TO_WORKERS, "Father has been verbally aggressive to workers. Visit in pairs."),
    (WarningCategory.DOG, "Large dog at the address: ask for it to be shut away before entering."),
    (WarningCategory.VIOLENCE, "History of violence towards professionals. Do not visit alone; tell the office."),
    (WarningCategory.SAFEGUARDING, "Adult at this address is subject to a court order: no contact with children."),
    (WarningCategory.OTHER, "Parent has a hearing impairment: use text messages to arrange visits."),
]


# --- Writing rows.

INSERT_ORDER = [Team, User, User.roles.through, User.user_permissions.through, Membership, Person, PersonDisability,
                FormerName, Address, Relationship, WarningNote, Allocation, CaseNote, Decision, AccessGrant,
                *CONTACT_MODELS]
_REQUIRED = object()
_PLAIN_FIELDS = (models.CharField, models.TextField, models.BooleanField, models.IntegerField, models.ForeignKey)


class _Table:
    """Rows of one table as tuples, inserted with `executemany` (SQLite) or `COPY` (PostgreSQL).

    `bulk_create` spends most of its time compiling SQL value by value (measured: two
    thirds of a seed's run). For a fixed set of simple fields the work it does per value
    is the backend's date and datetime adaptation, done here with the same functions.
    Any other kind of field goes through the field's own `get_db_prep_save`.
    """

    def __init__(self, model, *, with_pk: bool):
        self.model = model
        # A generated column is the database's to fill.
        self.fields = [f for f in model._meta.concrete_fields if (with_pk or not f.primary_key) and not f.generated]
        self.position = {}
        self.defaults = []
        for index, f in enumerate(self.fields):
            self.position[f.attname] = self.position[f.name] = index
            if f.primary_key or (f.has_default() and callable(f.default)) or \
                    (not f.has_default() and not f.null and not f.empty_strings_allowed):
                self.defaults.append(_REQUIRED)  # nothing left to a clock or to chance
            else:
                self.defaults.append(f.get_default())
        self.attrs = [f.attname for f in self.fields]
        # COPY writes each value as psycopg dumps it, which makes a Python list an array: JSON goes as its text.
        self.json_columns = [index for index, f in enumerate(self.fields) if isinstance(f, models.JSONField)]
        quote = connection.ops.quote_name
        self.copy_sql = (f"COPY {quote(model._meta.db_table)} ({', '.join(quote(f.column) for f in self.fields)}) "
                         "FROM STDIN")
        self.sql = (f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(f.column) for f in self.fields)}) "
                    f"VALUES ({', '.join(['%s'] * len(self.fields))})")
        self.adapters = []
        for f in self.fields:
            if isinstance(f, models.DateTimeField):
                self.adapters.append(connection.ops.adapt_datetimefield_value)
            elif isinstance(f, models.DateField):
                self.adapters.append(connection.ops.adapt_datefield_value)
            elif isinstance(f, (*_PLAIN_FIELDS, models.AutoField, models.BigAutoField)):
                self.adapters.append(None)
            else:
                self.adapters.append(lambda value, f=f: f.get_db_prep_save(value, connection))

    def row(self, values: dict) -> tuple:
        row = list(self.defaults)
        for name, value in values.items():
            index = self.position[name]
            row[index] = value.pk if isinstance(value, models.Model) else value
        if _REQUIRED in row:
            missing = [f.name for f, value in zip(self.fields, row, strict=True) if value is _REQUIRED]
            raise ValueError(f"{self.model.__name__}: no value for {missing}")
        return tuple(row)

    def from_instance(self, instance) -> tuple:
        return tuple(getattr(instance, attr) for attr in self.attrs)

    def insert(self, rows: list[tuple]) -> None:
        adapted = [(index, adapt) for index, adapt in enumerate(self.adapters) if adapt is not None]
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # COPY: executemany waits for PostgreSQL row by row (measured: two thirds of the time).
                with cursor.cursor.copy(self.copy_sql) as copy:
                    for row in rows:
                        if self.json_columns:
                            row = list(row)
                            for index in self.json_columns:
                                if isinstance(row[index], (list, dict)):
                                    row[index] = json.dumps(row[index])
                        copy.write_row(row)
                return
            for first in range(0, len(rows), BATCH_SIZE):
                batch = rows[first:first + BATCH_SIZE]
                if adapted:
                    batch = [list(row) for row in batch]
                    for row in batch:
                        for index, adapt in adapted:
                            if row[index] is not None:
                                row[index] = adapt(row[index])
                cursor.executemany(self.sql, batch)


# --- The builder.

@dataclass
class _TeamState:
    team: Team
    area: str | None
    managers: list[User] = field(default_factory=list)
    workers: list[User] = field(default_factory=list)


@dataclass
class _Segment:
    area: str
    start: date
    end: date | None  # None: the current allocation


@dataclass
class _Child:
    person: Person
    heritage: str
    unborn: bool = False


class _CouncilBuilder:
    def __init__(self, plan: Scale, *, years: int, seed: int, today: date, write, started: float):
        self.plan = plan
        self.years = years
        self.rng = Random(seed)
        self.today = today
        self.yesterday = today - timedelta(days=1)
        self.window_start = today - timedelta(days=round(365.25 * years))
        self.zone = ZoneInfo(settings.TIME_ZONE)
        self.day_start = datetime.combine(today, clock_time(0), tzinfo=self.zone)
        self.write = write
        self.started = started
        self.counts: Counter[str] = Counter()
        self.pending: dict[type, list[tuple]] = {}
        self.tables = {model: _Table(model, with_pk=model in (User, Team, Person)) for model in INSERT_ORDER}
        self.next_pk = {model: (model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
                        for model in (User, Team, Person)}
        self.nhs_numbers: set[str] = set(Person.objects.exclude(nhs_number="").values_list("nhs_number", flat=True))
        self.upns: set[str] = set(Person.objects.exclude(upn="").values_list("upn", flat=True))
        self.usernames: set[str] = set(User.objects.values_list("username", flat=True))
        self.teams_by_area: dict[str, list[_TeamState]] = {}
        self.team_by_name: dict[str, _TeamState] = {}
        self.load_heaps: dict[str, list] = {}
        self.leaders: list[User] = []

    # -- Small random helpers.

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def days_between(self, first: date, last: date) -> date:
        return first + timedelta(days=self.rng.randint(0, max(0, (last - first).days)))

    def working_day(self, day: date, first: date | None = None, last: date | None = None) -> date:
        """The nearest weekday to `day` within first..last (and never after yesterday), if there is one."""
        if day.weekday() < 5:
            return day
        last = min(last or self.yesterday, self.yesterday)
        forward = day + timedelta(days=7 - day.weekday())
        backward = day - timedelta(days=day.weekday() - 4)
        for candidate in (forward, backward) if day.weekday() == 6 else (backward, forward):
            if candidate <= last and (first is None or candidate >= first):
                return candidate
        return day

    def weekday_between(self, first: date, last: date) -> date:
        """A weekday between two dates, drawn evenly (weekend work is rare, but happens)."""
        for _ in range(4):
            day = self.days_between(first, last)
            if day.weekday() < 5:
                return day
        return self.working_day(day, first, last)

    def at(self, day: date, earliest: float = 9.0, latest: float = 17.0) -> datetime:
        minutes = self.rng.randrange(int(earliest * 60), int(latest * 60), 5)
        return datetime.combine(day, clock_time(minutes // 60, minutes % 60), tzinfo=self.zone)

    def recorded_after(self, occurred: datetime) -> datetime:
        roll = self.rng.random()
        if roll < 0.7:
            delay = timedelta(minutes=self.rng.randint(20, 180))
        elif roll < 0.95:
            delay = timedelta(days=self.rng.randint(1, 3), minutes=self.rng.randint(0, 300))
        else:
            delay = timedelta(days=self.rng.randint(5, 12))
        return max(occurred, min(occurred + delay, self.day_start))

    def exp_days(self, mean: float, low: int, high: int) -> int:
        return int(min(high, max(low, self.rng.expovariate(1 / mean))))

    def name_from(self, heritage: str, sex: str) -> str:
        group = names.NAMES[heritage]
        if sex == Sex.UNKNOWN:
            sex = self.rng.choice([Sex.MALE, Sex.FEMALE])
        return self.rng.choice(group["girls"] if sex == Sex.FEMALE else group["boys"])

    def family_name(self, heritage: str) -> str:
        return self.rng.choice(names.NAMES[heritage]["family"])

    def nhs_number(self) -> str:
        while True:
            body = "999" + f"{self.rng.randrange(1_000_000):06d}"
            total = sum(int(digit) * weight for digit, weight in zip(body, range(10, 1, -1), strict=True))
            check = (11 - total % 11) % 11
            if check == 10:
                continue
            number = body + str(check)
            if number not in self.nhs_numbers:
                self.nhs_numbers.add(number)
                return number

    def upn(self, born: date) -> str:
        """A UPN from a fictional LA number (999), a school, the year the child started school, a serial."""
        started_school = (born.year + 5) % 100
        while True:
            school = self.rng.choice((self.rng.randint(2000, 2999), self.rng.randint(4000, 4999)))
            body = f"999{school:04d}{started_school:02d}{self.rng.randrange(1000):03d}"
            upn = upn_check_letter(body) + body
            if upn not in self.upns:
                self.upns.add(upn)
                return upn

    def postcode(self, district: str) -> str:
        letters = self.rng.choice(POSTCODE_LETTERS) + self.rng.choice(POSTCODE_LETTERS)
        return f"{district} {self.rng.randint(1, 9)}{letters}"

    def address_parts(self) -> tuple[str, str, str, str]:
        town, district = self.rng.choice(names.TOWNS)
        street = f"{self.rng.choice(names.STREET_STEMS)} {self.rng.choice(names.STREET_KINDS)}"
        if self.chance(0.2):
            return f"Flat {self.rng.randint(1, 48)}, {self.rng.choice(names.FLAT_BLOCKS)}", street, town, \
                self.postcode(district)
        return f"{self.rng.randint(1, 160)} {street}", "", town, self.postcode(district)

    # -- Rows.

    def add(self, instance) -> None:
        """Queue a model instance (users, teams and people, which the generator reads back)."""
        if isinstance(instance, Person):
            instance.refresh_search_keys()
        self.pending.setdefault(type(instance), []).append(self.tables[type(instance)].from_instance(instance))

    def add_row(self, model, **values) -> None:
        """Queue a row of a high-volume table, as a tuple: far cheaper than a model instance."""
        self.pending.setdefault(model, []).append(self.tables[model].row(values))

    def take_pk(self, model) -> int:
        pk = self.next_pk[model]
        self.next_pk[model] += 1
        return pk

    def flush(self) -> None:
        for model in INSERT_ORDER:
            rows = self.pending.pop(model, [])
            if rows:
                self.tables[model].insert(rows)
                self.counts[model._meta.db_table] += len(rows)
        assert not self.pending, f"rows of an unexpected kind: {list(self.pending)}"

    # -- The council.

    def build(self) -> None:
        self.roles = self.ensure_roles()
        self.password = make_password(DEMO_PASSWORD)
        self.build_staff()
        self.flush()
        self.write(f"  staff and teams ready ({self.counts[User._meta.db_table]:,} users) "
                   f"[{time.monotonic() - self.started:.1f}s]")
        self.contacts = SeedContacts(self)
        self.build_children()
        self.contacts.finish()
        SeedEpisodes(self.contacts).write_all()

    def ensure_roles(self) -> dict[str, Role]:
        for code, description in ROLE_DESCRIPTIONS.items():
            Role.objects.get_or_create(code=code.value, defaults={"description": description})
        return {role.code: role for role in Role.objects.all()}

    # -- Staff.

    def staff_counts(self) -> dict[str, int]:
        """How many workers each area needs, from its open cases and the caseloads in the docstring."""
        open_cases = self.plan.open_cases()
        safeguarding = open_cases[SAFEGUARDING]
        return {
            FRONT_DOOR: max(2, math.ceil(self.plan.contacts_per_year / 1500)),
            SAFEGUARDING: max(2, math.ceil(safeguarding / 20)),
            CATE: max(1, math.ceil(open_cases[CATE] / 12)),
            DISABLED: max(1, math.ceil(open_cases[DISABLED] / 20)),
            IN_CARE: max(1, math.ceil(open_cases[IN_CARE] / 17)),
            ADOPTION: max(1, math.ceil(open_cases[ADOPTION] / 10)),
            LEAVERS: max(1, math.ceil(open_cases[LEAVERS] / 22)),
            EARLY_HELP: max(2, math.ceil(open_cases[EARLY_HELP] / 15)),
            "iro": max(1, math.ceil((open_cases[IN_CARE] + open_cases[ADOPTION] + safeguarding * 0.25) / 60)),
            "fostering": max(2, math.ceil(open_cases[IN_CARE] * 0.7 / 15)),
            "out_of_hours": max(2, math.ceil(self.plan.child_population / 40_000)),
        }

    def new_user(self, *, role: str, heritage: str | None = None, job_title: str = "", agency: str = "",
                 username: str | None = None) -> User:
        heritage = heritage or self.rng.choices([h for h, _ in STAFF_HERITAGE], [w for _, w in STAFF_HERITAGE])[0]
        sex = self.rng.choice([Sex.MALE, Sex.FEMALE, Sex.FEMALE, Sex.FEMALE])  # the workforce is mostly women
        first, last = self.name_from(heritage, sex), self.family_name(heritage)
        if username is None:
            stem = "".join(ch for ch in f"{first}.{last}".lower() if ch.isalnum() or ch == ".")
            username, suffix = stem, 2
            while username in self.usernames:
                username, suffix = f"{stem}{suffix}", suffix + 1
        self.usernames.add(username)
        joined = self.window_start - timedelta(days=self.rng.randint(0, 3650))
        user = User(
            id=self.take_pk(User), username=username, first_name=first, last_name=last,
            email=f"{username}@{names.EMAIL_DOMAIN}", password=self.password, job_title=job_title, agency=agency,
            is_active=True, is_staff=role == RoleCode.ADMINISTRATOR, is_superuser=False,
            date_joined=datetime.combine(joined, clock_time(9), tzinfo=self.zone),
        )
        self.add(user)
        self.add_row(User.roles.through, user_id=user.id, role_id=self.roles[role].id)
        return user

    def new_team(self, name: str, service_area: str, area: str | None = None) -> _TeamState:
        team = Team(id=self.take_pk(Team), name=name, service_area=service_area, is_active=True)
        self.add(team)
        state = _TeamState(team=team, area=area)
        self.team_by_name[name] = state
        if area:
            self.teams_by_area.setdefault(area, []).append(state)
        return state

    def join(self, state: _TeamState, user: User, *, manages: bool = False) -> None:
        self.add_row(Membership, user_id=user.id, team_id=state.team.id, manages=manages)
        (state.managers if manages else state.workers).append(user)

    def demo_username(self, role: str, team_name: str | None) -> str | None:
        for username, demo_role, demo_team in DEMO_USERS:
            if demo_role == role and demo_team == team_name and username not in self.usernames:
                return username
        return None

    def staff_team(self, name: str, service_area: str, area: str | None, *, role: str, workers: int,
                   title: str, seniors: int = 0, managers: int = 1, manager_title: str = "Team Manager") -> None:
        state = self.new_team(name, service_area, area)
        for _ in range(managers):
            user = self.new_user(role=RoleCode.TEAM_MANAGER, job_title=manager_title,
                                 username=self.demo_username(RoleCode.TEAM_MANAGER, name))
            self.join(state, user, manages=True)
        for _ in range(seniors):
            user = self.new_user(role=RoleCode.SENIOR_SOCIAL_WORKER, job_title="Senior Social Worker",
                                 username=self.demo_username(RoleCode.SENIOR_SOCIAL_WORKER, name))
            self.join(state, user)
            state.workers.remove(user)  # seniors advise and supervise; they hold no caseload of their own
        for _ in range(workers):
            user = self.new_user(role=role, job_title=title, username=self.demo_username(role, name))
            self.join(state, user)

    def team_group(self, names_of: Callable[[int], str], service_area: str, area: str | None, *, role: str,
                   workers: int, per_team: int, title: str, seniors: int = 0) -> None:
        teams = max(1, math.ceil(workers / per_team))
        for index in range(teams):
            share = workers // teams + (1 if index < workers % teams else 0)
            self.staff_team(names_of(index), service_area, area, role=role, workers=share, title=title,
                            seniors=seniors)

    def build_staff(self) -> None:
        need = self.staff_counts()

        def numbered(base):
            return lambda index: base if index == 0 else f"{base} {index + 1}"

        def local(base):
            return lambda index: f"{base} {names.LOCALITIES[index % 5]} {index // 5 + 1}"

        def hubs(index):
            suffix = "" if index < 5 else f" {index // 5 + 1}"
            return f"Family Hubs {names.LOCALITIES[index % 5]}{suffix}"

        advisers = need[FRONT_DOOR]
        self.staff_team("Family Connect", ServiceArea.FRONT_DOOR, FRONT_DOOR, role=RoleCode.FRONT_DOOR_ADVISER,
                        workers=advisers, title="Family Connect Adviser", seniors=max(1, math.ceil(advisers / 3)),
                        managers=max(1, math.ceil(advisers * 4 / 3 / 12)))
        self.team_group(local("Safeguarding"), ServiceArea.SAFEGUARDING, SAFEGUARDING, role=RoleCode.SOCIAL_WORKER,
                        workers=need[SAFEGUARDING], per_team=6, title="Social Worker", seniors=1)
        self.team_group(numbered("CATE"), ServiceArea.CATE, CATE, role=RoleCode.SPECIALIST_WORKER,
                        workers=need[CATE], per_team=6, title="Exploitation Specialist Worker")
        self.team_group(numbered("Disabled Children"), ServiceArea.DISABLED_CHILDREN, DISABLED,
                        role=RoleCode.SOCIAL_WORKER, workers=need[DISABLED], per_team=6, title="Social Worker")
        self.team_group(numbered("Children in Care"), ServiceArea.CHILDREN_IN_CARE, IN_CARE,
                        role=RoleCode.SOCIAL_WORKER, workers=need[IN_CARE], per_team=6, title="Social Worker",
                        seniors=1)
        self.team_group(numbered("Adoption and Permanence"), ServiceArea.ADOPTION, ADOPTION,
                        role=RoleCode.SOCIAL_WORKER, workers=need[ADOPTION], per_team=8, title="Adoption Social Worker")
        self.team_group(numbered("Care Leavers"), ServiceArea.CARE_LEAVERS, LEAVERS, role=RoleCode.PERSONAL_ADVISER,
                        workers=need[LEAVERS], per_team=8, title="Personal Adviser")
        self.team_group(hubs, ServiceArea.EARLY_HELP, EARLY_HELP, role=RoleCode.EARLY_HELP_WORKER,
                        workers=need[EARLY_HELP], per_team=8, title="Family Support Worker")
        self.team_group(numbered("IRO Service"), ServiceArea.IRO_SERVICE, None, role=RoleCode.IRO,
                        workers=need["iro"], per_team=10, title="Independent Reviewing Officer")
        self.team_group(numbered("Fostering"), ServiceArea.FOSTERING, None, role=RoleCode.SOCIAL_WORKER,
                        workers=need["fostering"], per_team=8, title="Supervising Social Worker")
        self.staff_team("Out of Hours", ServiceArea.OUT_OF_HOURS, None, role=RoleCode.SOCIAL_WORKER,
                        workers=need["out_of_hours"], title="Emergency Duty Social Worker")

        teams_so_far = len(self.team_by_name)
        leadership = self.new_team("Senior Leadership Team", ServiceArea.CORPORATE)
        for index in range(3 + teams_so_far // 8):
            title = LEADER_TITLES[index] if index < len(LEADER_TITLES) else "Service Manager"
            user = self.new_user(role=RoleCode.SENIOR_LEADER, job_title=title,
                                 username=self.demo_username(RoleCode.SENIOR_LEADER, leadership.team.name))
            self.join(leadership, user)
            self.leaders.append(user)
        performance = self.new_team("Performance and Intelligence", ServiceArea.CORPORATE)
        for _ in range(2 + self.plan.child_population // 80_000):
            self.join(performance, self.new_user(
                role=RoleCode.PERFORMANCE_ANALYST, job_title="Performance Analyst",
                username=self.demo_username(RoleCode.PERFORMANCE_ANALYST, performance.team.name)))
        systems = self.new_team("Systems Administration", ServiceArea.CORPORATE)
        for _ in range(1 + self.plan.child_population // 200_000):
            user = self.new_user(role=RoleCode.ADMINISTRATOR, job_title="Systems Administrator",
                                 username=self.demo_username(RoleCode.ADMINISTRATOR, systems.team.name))
            self.join(systems, user)
            self.grant_admin_permissions(user)
        for agency in names.PARTNER_AGENCIES:
            partner_team = self.new_team(agency, ServiceArea.PARTNER_AGENCY)
            for _ in range(1 + self.plan.child_population // 60_000):
                self.join(partner_team, self.new_user(
                    role=RoleCode.PARTNER, job_title="Safeguarding Lead", agency=agency,
                    username=self.demo_username(RoleCode.PARTNER, agency)))
        for _ in range(2):
            self.new_user(role=RoleCode.INSPECTOR, job_title="Inspector", agency="Ofsted",
                          username=self.demo_username(RoleCode.INSPECTOR, None))

        for area, states in self.teams_by_area.items():
            heap = [(0, index * 1000 + position, index, position)
                    for index, state in enumerate(states) for position in range(len(state.workers))]
            heapq.heapify(heap)
            self.load_heaps[area] = heap
        self.head_of_service = self.leaders[min(2, len(self.leaders) - 1)]

    def grant_admin_permissions(self, user: User) -> None:
        wanted = Q()
        for app, model in ADMIN_PERMISSION_MODELS:  # by name, not ContentType's cache, which a flush outdates
            wanted |= Q(content_type__app_label=app, content_type__model=model)
        for permission in Permission.objects.filter(wanted).order_by("pk"):
            self.add_row(User.user_permissions.through, user_id=user.id, permission_id=permission.id)

    def current_worker(self, area: str, children: int) -> tuple[_TeamState, User]:
        """The worker in this area with the fewest children, who takes on these ones."""
        load, order, index, position = heapq.heappop(self.load_heaps[area])
        heapq.heappush(self.load_heaps[area], (load + children, order, index, position))
        state = self.teams_by_area[area][index]
        return state, state.workers[position]

    def past_worker(self, area: str) -> tuple[_TeamState, User]:
        state = self.rng.choice(self.teams_by_area[area])
        return state, self.rng.choice(state.workers)

    # -- Children and families.

    def unit_plan(self) -> list[tuple[str, str, int]]:
        """Every family to generate: (status, area, children), status open, leaver or closed."""
        units: list[tuple[str, str, int]] = []
        open_cases = self.plan.open_cases()
        sizes, size_weights = [1, 2, 3, 4], [55, 28, 13, 4]
        for area, target in open_cases.items():
            if area == LEAVERS:
                units += [("leaver", LEAVERS, 1)] * target
                continue
            placed = 0
            while placed < target:
                size = min(self.rng.choices(sizes, size_weights)[0], target - placed)
                if area in (IN_CARE, CATE, ADOPTION) and size > 2:
                    size = 2
                units.append(("open", area, size))
                placed += size
        remaining = self.plan.children(self.years) - sum(open_cases.values())
        while remaining > 0:
            size = min(self.rng.choices(sizes, size_weights)[0], remaining)
            units.append(("closed", "", size))
            remaining -= size
        self.rng.shuffle(units)
        return units

    def build_children(self) -> None:
        units = self.unit_plan()
        total = len(units)
        self.write(f"  {total:,} families to generate")
        self.demo_has_restricted_child = False
        for number, (status, area, size) in enumerate(units, start=1):
            self.family(status, area, size)
            if number % UNITS_PER_FLUSH == 0 or number == total:
                self.flush()
                self.write(f"  families {number:>7,} of {total:,}: "
                           f"{self.counts[Person._meta.db_table]:>8,} people, "
                           f"{self.counts[CaseNote._meta.db_table]:>8,} case notes "
                           f"[{time.monotonic() - self.started:.1f}s]")

    def age_at(self, area: str, max_years: float) -> int:
        """A child's age in days when first involved, distributed as referrals are."""
        if area == CATE:
            bands = [(11, 18, 1.0)]
        elif area == DISABLED:
            bands = [(1, 18, 1.0)]
        elif area == ADOPTION:
            bands = [(0, 3, 1.0)]
        elif area == EARLY_HELP:
            bands = [(0, 5, 0.35), (5, 11, 0.4), (11, 16, 0.25)]
        else:
            bands = AGE_BANDS
        usable = [(low, min(high, max_years), weight) for low, high, weight in bands if low < max_years]
        if not usable:
            usable = [(0, max(max_years, 0.1), 1.0)]
        low, high, _ = self.rng.choices(usable, [weight for _, _, weight in usable])[0]
        return self.rng.randint(int(low * 365.25), max(int(low * 365.25), int(high * 365.25) - 1))

    def open_chain(self, area: str) -> list[_Segment]:
        """The allocations of a child whose case is open today in this area, oldest first."""
        end = self.yesterday
        elapsed = {
            FRONT_DOOR: lambda: self.rng.randint(1, 10),
            SAFEGUARDING: lambda: self.exp_days(220, 5, 1000),
            CATE: lambda: self.exp_days(180, 10, 700),
            DISABLED: lambda: self.exp_days(500, 20, 2500),
            IN_CARE: lambda: self.exp_days(650, 10, 3200),
            ADOPTION: lambda: self.rng.randint(60, 700),
            EARLY_HELP: lambda: self.exp_days(140, 5, 500),
        }[area]()
        current = end - timedelta(days=elapsed)
        chain = [_Segment(area, current, None)]
        if area in (IN_CARE, ADOPTION):
            if area == ADOPTION:
                in_care_start = current - timedelta(days=self.rng.randint(200, 600))
                chain.insert(0, _Segment(IN_CARE, in_care_start, current))
                current = in_care_start
            assessed = current - timedelta(days=self.rng.randint(30, 300))
            chain.insert(0, _Segment(SAFEGUARDING, assessed, current))
            current = assessed
        if area != FRONT_DOOR and not (area == EARLY_HELP and self.chance(0.3)):
            screened = current - timedelta(days=self.rng.randint(0, 7))
            chain.insert(0, _Segment(FRONT_DOOR, screened, current))
        return self.clip_to_window(chain)

    def closed_episode(self, start: date) -> list[_Segment]:
        screened_end = min(start + timedelta(days=self.rng.randint(0, 5)), self.yesterday)
        chain = [_Segment(FRONT_DOOR, start, screened_end)]
        if self.chance(0.65):
            area = self.rng.choices([SAFEGUARDING, EARLY_HELP, DISABLED, CATE, IN_CARE], [72, 18, 4, 3, 3])[0]
            low, high = {SAFEGUARDING: (20, 400), EARLY_HELP: (60, 300), DISABLED: (90, 900), CATE: (60, 400),
                         IN_CARE: (30, 1000)}[area]
            segment_start = screened_end
            if area == IN_CARE:
                assessed_end = min(segment_start + timedelta(days=self.rng.randint(20, 200)), self.yesterday)
                chain.append(_Segment(SAFEGUARDING, segment_start, assessed_end))
                segment_start = assessed_end
            chain.append(_Segment(area, segment_start,
                                  min(segment_start + timedelta(days=self.rng.randint(low, high)), self.yesterday)))
        return chain

    def closed_chain(self) -> list[list[_Segment]]:
        """The episodes of a child whose involvement has ended: one, or two after a re-referral."""
        start = self.days_between(self.window_start, self.today - timedelta(days=40))
        episodes = [self.closed_episode(self.working_day(start))]
        if self.chance(RE_REFERRAL_RATE):
            again = episodes[-1][-1].end + timedelta(days=self.rng.randint(20, 365))
            if again < self.today - timedelta(days=30):
                episodes.append(self.closed_episode(self.working_day(again)))
        return episodes

    def clip_to_window(self, chain: list[_Segment]) -> list[_Segment]:
        """Drop what ended before the history starts; begin an older allocation on its first day."""
        kept = [segment for segment in chain if segment.end is None or segment.end > self.window_start]
        if kept[0].start < self.window_start:
            kept[0] = _Segment(kept[0].area, self.window_start, kept[0].end)
        return kept

    def family(self, status: str, area: str, size: int) -> None:
        rng = self.rng
        uasc = (status == "open" and area == IN_CARE and size == 1 and self.chance(0.12)) or \
            (status == "leaver" and self.chance(0.15))
        ethnicity = rng.choices([code for code, _ in ETHNICITY_WEIGHTS], [w for _, w in ETHNICITY_WEIGHTS])[0]
        if uasc:
            ethnicity = rng.choices([Ethnicity.AOTH, Ethnicity.OOTH, Ethnicity.BAFR], [45, 35, 20])[0]
        if ethnicity in MIXED_OTHER_PARENT:
            mother_ethnicity, mother_heritage = Ethnicity.WBRI, "english"
            father_ethnicity, father_heritage = MIXED_OTHER_PARENT[ethnicity]
            if self.chance(0.3):
                mother_ethnicity, father_ethnicity = father_ethnicity, mother_ethnicity
                mother_heritage, father_heritage = father_heritage, mother_heritage
        else:
            heritage = "middle_eastern" if uasc and ethnicity != Ethnicity.BAFR else ETHNICITY_HERITAGE[ethnicity]
            mother_ethnicity = father_ethnicity = ethnicity
            mother_heritage = father_heritage = heritage

        # The timeline first: the children's ages are drawn so each was born before it began.
        episodes: list[list[_Segment]]
        leaver_birth = None
        if status == "open":
            episodes = [self.open_chain(area)]
            earliest = episodes[0][0].start
            if self.chance(0.2) and (earliest - self.window_start).days > 200:
                prior = self.closed_episode(self.days_between(self.window_start, earliest - timedelta(days=150)))
                if prior[-1].end < earliest:
                    episodes.insert(0, prior)
        elif status == "leaver":
            age_days = rng.randint(int(18 * 365.25) + 1, int(24.9 * 365.25))
            leaver_birth = self.today - timedelta(days=age_days)
            eighteen = _add_years(leaver_birth, 18)
            came_into_care = leaver_birth + timedelta(days=rng.randint(int((15 if uasc else 10) * 365.25),
                                                                     int(17.5 * 365.25)))
            chain = [_Segment(FRONT_DOOR, came_into_care - timedelta(days=rng.randint(1, 6)), came_into_care)]
            if not uasc:
                assessed = came_into_care - timedelta(days=rng.randint(30, 200))
                chain = [_Segment(FRONT_DOOR, assessed - timedelta(days=rng.randint(1, 6)), assessed),
                         _Segment(SAFEGUARDING, assessed, came_into_care)]
            chain += [_Segment(IN_CARE, came_into_care, eighteen), _Segment(LEAVERS, eighteen, None)]
            episodes = [self.clip_to_window(chain)]
        else:
            episodes = self.closed_chain()
        first_day = episodes[0][0].start
        last_day = self.today if status != "closed" else episodes[-1][-1].end
        span_years = (last_day - first_day).days / 365.25

        # The children.
        child_area = area or next((s.area for s in episodes[0] if s.area != FRONT_DOOR), SAFEGUARDING)
        births: list[date] = []
        if leaver_birth:
            births = [leaver_birth]
        else:
            max_age = max(0.05, 17.9 - span_years)
            index_age = self.age_at(child_area, max_age)
            births.append(first_day - timedelta(days=index_age))
            for _ in range(size - 1):
                gap = rng.randint(300, 1600)
                older = index_age + gap
                younger = index_age - gap
                if (older / 365.25 < max_age and self.chance(0.5)) or younger < 0:
                    age = min(older, int(max_age * 365.25))
                else:
                    age = younger
                if self.chance(0.03):
                    age = index_age  # twins
                births.append(first_day - timedelta(days=age))
        unborn_expected = None
        if status == "open" and area == SAFEGUARDING and self.chance(0.05):
            unborn_expected = self.today + timedelta(days=rng.randint(20, 150))

        # Siblings share their current worker; the demo social worker gets one restricted family to show.
        current_team = current_worker = None
        if status != "closed":
            current_team, current_worker = self.current_worker(episodes[-1][-1].area,
                                                               size + (1 if unborn_expected else 0))
        restricted = self.chance(0.01)
        if current_worker is not None and current_worker.username == "demo.social.worker" and \
                not self.demo_has_restricted_child:
            restricted = self.demo_has_restricted_child = True
        restriction_reason = rng.choice(names.RESTRICTION_REASONS) if restricted else ""
        mother_present = uasc is False and (self.chance(0.92) or unborn_expected is not None)
        father_present = uasc is False and (self.chance(0.6) or not mother_present)
        mother_last = self.family_name(mother_heritage)
        father_last = self.family_name(father_heritage) if father_present else ""
        children_last = father_last if father_present and self.chance(0.55) else mother_last
        if uasc:
            children_last = self.family_name(mother_heritage)

        first_segment = episodes[0][0]
        creator = self.past_worker(first_segment.area)[1]
        created_at = self.at(self.working_day(first_segment.start, first_segment.start, first_segment.end))
        children: list[_Child] = []
        oldest_birth = min(births)
        for birth in sorted(births):
            children.append(self.new_child(
                heritage=mother_heritage if (ethnicity not in MIXED_OTHER_PARENT or self.chance(0.5))
                else father_heritage,
                ethnicity=ethnicity, last_name=children_last, born=birth, expected=None, uasc=uasc,
                status=status, last_day=last_day, restricted=restricted, reason=restriction_reason,
                creator=creator, created_at=created_at, area=child_area, disabled=child_area == DISABLED))
        if unborn_expected:
            children.append(self.new_child(
                heritage=mother_heritage, ethnicity=ethnicity, last_name=children_last, born=None,
                expected=unborn_expected, uasc=False, status=status, last_day=last_day, restricted=restricted,
                reason=restriction_reason, creator=creator, created_at=created_at, area=child_area, disabled=False))

        # The adults.
        adults: list[tuple[Person, str]] = []
        if mother_present:
            mother = self.new_adult(mother_heritage, mother_ethnicity, Sex.FEMALE, mother_last,
                                    oldest_birth, creator, created_at)
            adults.append((mother, "mother"))
            if self.chance(0.1) and mother_last != children_last:
                self.add_row(FormerName, person_id=mother.id, first_name=mother.first_name, last_name=children_last,
                             used_until=self.days_between(oldest_birth, last_day), note="Married name")
        if father_present:
            adults.append((self.new_adult(father_heritage, father_ethnicity, Sex.MALE, father_last,
                                          oldest_birth, creator, created_at), "father"))
        if not uasc and self.chance(0.1):
            adults.append((self.new_adult(mother_heritage, mother_ethnicity, rng.choice([Sex.FEMALE, Sex.MALE]),
                                          mother_last, oldest_birth - timedelta(days=rng.randint(16, 30) * 365),
                                          creator, created_at), "grandparent"))
        if mother_present and not uasc and self.chance(0.08):
            adults.append((self.new_adult(mother_heritage, mother_ethnicity, Sex.MALE,
                                          self.family_name(mother_heritage), oldest_birth, creator, created_at),
                           "partner"))

        in_care = child_area in (IN_CARE, ADOPTION, LEAVERS)
        care_start = next((s.start for episode in episodes for s in episode if s.area == IN_CARE), None)
        self.addresses(children, adults, first_day, care_start=care_start, leaver=status == "leaver", uasc=uasc)
        self.relationships(children, adults, in_care=in_care, creator=creator, recorded_at=created_at)
        if self.chance(0.03) and (adults or children):
            target = adults[0][0] if adults else children[0].person
            category, text = rng.choice(WARNINGS)
            recorded = self.at(self.working_day(self.days_between(first_day, last_day - timedelta(days=1))))
            self.add_row(
                WarningNote, person_id=target.id, category=category, text=text, recorded_at=recorded, recorded_by=creator,
                review_on=recorded.date() + timedelta(days=182),
                ended_on=last_day if status == "closed" and self.chance(0.5) else None,
            )

        # Allocations, notes and decisions, child by child.
        parent_name = adults[0][0].first_name if adults else "the key worker"
        for episode_index, episode in enumerate(episodes):
            workers = []
            for segment in episode:
                is_current = segment.end is None
                team_state, worker = (current_team, current_worker) if is_current else \
                    self.past_worker(segment.area)
                workers.append((segment, team_state, worker))
            last_episode = episode_index == len(episodes) - 1
            for child in children:
                for segment, team_state, worker in workers:
                    self.allocation(child, segment, team_state, worker, parent_name, children)
                if not (last_episode and status != "closed"):
                    end = episode[-1].end
                    manager = self.rng.choice(workers[-1][1].managers)
                    outcome, rationale = self.rng.choice(CLOSURE_OUTCOMES)
                    if child.unborn or (child.person.date_of_birth and child.person.date_of_birth > end):
                        continue
                    self.add_row(Decision, child_id=child.person.id, kind="case_closure", outcome=outcome,
                                 rationale=rationale, decided_by=manager, team_id=workers[-1][1].team.id,
                                 decided_at=self.at(self.working_day(end, episode[-1].start, end), 10, 17))
        if restricted and status != "closed":
            granted = [current_worker] + [m for m in current_team.managers if m.id != current_worker.id]
            for child in children:
                for user in granted:
                    reason = "Allocated worker" if user is current_worker else "Manager of the allocated team"
                    self.add_row(AccessGrant, user_id=user.id, child_id=child.person.id, reason=reason,
                                 granted_by=self.head_of_service,
                                 granted_at=self.at(self.working_day(episodes[-1][-1].start)))
        self.contacts.family(children, adults, status)

    def new_child(self, *, heritage, ethnicity, last_name, born, expected, uasc, status, last_day, restricted,
                  reason, creator, created_at, area, disabled) -> _Child:
        rng = self.rng
        sex = Sex.UNKNOWN if born is None else (Sex.MALE if (uasc and self.chance(0.9)) or
                                                 (not uasc and self.chance(0.52)) else Sex.FEMALE)
        first = self.name_from(heritage, sex) if born else "Baby"
        middle = self.name_from(heritage, sex) if born and self.chance(0.3) else ""
        if middle == first:
            middle = ""
        pk = self.take_pk(Person)
        age_then = None if born is None else (last_day - born).days / 365.25
        language = "English"
        if heritage != "english" and (uasc or self.chance(0.35)):
            language = rng.choice(names.LANGUAGES[heritage][1:] or ["English"])
        nhs = self.nhs_number() if born and (not uasc and self.chance(0.96) or uasc and self.chance(0.7)) else ""
        upn, unknown = "", ""
        if born is None:
            unknown = UPNUnknownReason.UN6
        elif uasc and age_then < 19 and (last_day - created_at.date()).days < 365:
            unknown = UPNUnknownReason.UN4
        elif uasc:
            unknown = UPNUnknownReason.UN2 if self.chance(0.5) else ""
            upn = "" if unknown else self.upn(born)
        elif age_then < 5:
            unknown = UPNUnknownReason.UN1
        else:
            roll = rng.random()
            if roll < 0.93:
                upn = self.upn(born)
            else:
                unknown = rng.choice([UPNUnknownReason.UN5, UPNUnknownReason.UN3, UPNUnknownReason.UN2])
        gender_identity = ""
        if born and age_then and age_then >= 13 and self.chance(0.01):
            gender_identity = rng.choice(["Non-binary; uses they/them", "Trans boy; uses he/him",
                                          "Trans girl; uses she/her"])
        person = Person(
            id=pk, kind=PersonKind.CHILD, la_child_id=f"C{pk:07d}", first_name=first, middle_names=middle,
            last_name=last_name, preferred_name=NICKNAMES.get(first, "") if self.chance(0.3) else "",
            date_of_birth=born, expected_date_of_birth=expected, sex=sex, gender_identity=gender_identity,
            ethnicity=ethnicity, first_language=language,
            needs_interpreter=language != "English" and (uasc or self.chance(0.3)),
            religion=rng.choice(names.RELIGIONS[heritage]), nhs_number=nhs, upn=upn, upn_unknown_reason=unknown,
            is_uasc=uasc, uasc_ceased_on=_add_years(born, 18) if uasc and born and
            _add_years(born, 18) <= self.today else None,
            is_restricted=restricted, restriction_reason=reason, created_at=created_at, created_by=creator,
        )
        self.add(person)
        if disabled or (born and self.chance(0.08)):
            codes = rng.sample(DISABILITY_CODES, rng.choice([1, 1, 2, 3]) if disabled else 1)
            for code in codes:
                self.add_row(PersonDisability, person_id=pk, code=code)
        if born and status != "leaver" and self.chance(0.03):
            self.add_row(FormerName, person_id=pk, first_name=first, last_name=self.family_name(heritage),
                         used_until=self.days_between(born, last_day), note="Surname changed")
        return _Child(person=person, heritage=heritage, unborn=born is None)

    def new_adult(self, heritage, ethnicity, sex, last_name, child_born, creator, created_at) -> Person:
        born = child_born - timedelta(days=self.rng.randint(17 * 365, 42 * 365))
        language = "English"
        if heritage != "english" and self.chance(0.5):
            language = self.rng.choice(names.LANGUAGES[heritage][1:] or ["English"])
        person = Person(
            id=self.take_pk(Person), kind=PersonKind.ADULT, first_name=self.name_from(heritage, sex),
            last_name=last_name, date_of_birth=born, sex=sex, ethnicity=ethnicity, first_language=language,
            needs_interpreter=language != "English" and self.chance(0.4),
            religion=self.rng.choice(names.RELIGIONS[heritage]),
            nhs_number=self.nhs_number() if self.chance(0.55) else "",
            created_at=created_at, created_by=creator,
        )
        self.add(person)
        return person

    def addresses(self, children: list[_Child], adults: list[tuple[Person, str]], first_day: date, *,
                  care_start: date | None, leaver: bool, uasc: bool) -> None:
        """The family's homes, oldest first; each person gets the ones they lived at."""
        count = self.rng.choices([1, 2, 3], [55, 30, 15])[0]
        homes = []
        moved_in = self.days_between(first_day - timedelta(days=4000), first_day - timedelta(days=1))
        # Each move after the family moved into the first home (a move drawn before it made an address that ended
        # before it began).
        moves = sorted(self.days_between(moved_in + timedelta(days=1), self.yesterday) for _ in range(count - 1))
        for moved_out in [*moves, None]:
            homes.append((self.address_parts(), moved_in, moved_out))
            if moved_out:
                moved_in = moved_out
        for child in children:
            born = child.person.date_of_birth
            if uasc or leaver:
                parts = self.address_parts()
                start = self.days_between(max(first_day, self.window_start), self.yesterday)
                self.add_address(child.person, parts, start, None)
                continue
            for parts, start, end in homes:
                if (born and end and end <= born) or (child.unborn and end is not None):
                    continue
                start = max(start, born) if born else start
                if care_start and end is None and care_start > start:
                    end = care_start  # a placement's address is recorded with the placement, not here
                self.add_address(child.person, parts, None if child.unborn else start, end)
        for adult, kind in adults:
            if kind in ("mother", "partner") or (kind == "father" and self.chance(0.45)):
                for parts, start, end in homes:
                    self.add_address(adult, parts, start, end)
            else:
                self.add_address(adult, self.address_parts(), self.days_between(first_day - timedelta(days=2000),
                                                                                 first_day), None)

    def add_address(self, person: Person, parts, moved_in, moved_out) -> None:
        line_1, line_2, town, postcode = parts
        self.add_row(Address, person_id=person.id, line_1=line_1, line_2=line_2, town=town, postcode=postcode,
                     moved_in=moved_in, moved_out=moved_out)

    def relationships(self, children: list[_Child], adults: list[tuple[Person, str]], *, in_care: bool,
                      creator: User, recorded_at: datetime) -> None:
        second_father = len(children) > 2 and self.chance(0.25)
        for adult, kind in adults:
            for index, child in enumerate(children):
                if kind == "father" and second_father and index == len(children) - 1:
                    continue
                relation = {"mother": RelationshipKind.PARENT, "father": RelationshipKind.PARENT,
                            "grandparent": RelationshipKind.GRANDPARENT,
                            "partner": RelationshipKind.PARENTS_PARTNER}[kind]
                responsibility = kind == "mother" or (kind == "father" and self.chance(0.75))
                lives_with = not in_care and (kind in ("mother", "partner") and self.chance(0.9) or
                                              kind == "father" and self.chance(0.45) or
                                              kind == "grandparent" and self.chance(0.15))
                self.add_row(
                    Relationship, person_id=adult.id, relative_id=child.person.id, kind=relation,
                    has_parental_responsibility=responsibility, lives_with=lives_with,
                    started_on=child.person.date_of_birth if kind != "partner" else None,
                    recorded_at=recorded_at, recorded_by=creator,
                )
        for older_index, older in enumerate(children):
            for younger_index in range(older_index + 1, len(children)):
                younger = children[younger_index]
                half = second_father and younger_index == len(children) - 1
                self.add_row(
                    Relationship, person_id=older.person.id, relative_id=younger.person.id,
                    kind=RelationshipKind.HALF_SIBLING if half else RelationshipKind.SIBLING,
                    lives_with=not in_care or self.chance(0.6), started_on=younger.person.date_of_birth,
                    recorded_at=recorded_at, recorded_by=creator,
                )

    def allocation(self, child: _Child, segment: _Segment, team_state: _TeamState, worker: User,
                   parent_name: str, children: list[_Child]) -> None:
        person = child.person
        start = segment.start
        if child.unborn:
            if segment.end is not None:
                return  # an unborn child is allocated only now, from the pre-birth referral
            start = max(start, person.expected_date_of_birth - timedelta(days=200), self.window_start)
            start = min(start, self.yesterday)
        manager = self.rng.choice(team_state.managers)
        weekday = self.working_day(start, start, segment.end)
        recorded_at = self.recorded_after(self.at(weekday, 9, 17))
        self.add_row(Allocation, child_id=person.id, team_id=team_state.team.id, worker_id=worker.id,
                     started_on=start, ended_on=segment.end, reason=ALLOCATION_REASONS[segment.area],
                     recorded_at=recorded_at, recorded_by=manager)
        if segment.area != FRONT_DOOR:
            self.add_row(Decision, child_id=person.id, kind="allocation",
                         outcome=f"Allocated to {worker.get_full_name()}, {team_state.team.name}",
                         rationale=self.rng.choice(ALLOCATION_RATIONALES),
                         decided_at=self.at(weekday, 9, 12), decided_by=manager, team_id=team_state.team.id)
        self.case_notes(child, segment, start, team_state, worker, manager, parent_name, children)

    def case_notes(self, child: _Child, segment: _Segment, start: date, team_state: _TeamState, worker: User,
                   manager: User, parent_name: str, children: list[_Child]) -> None:
        rng = self.rng
        end = segment.end or self.yesterday
        duration = (end - start).days
        current = segment.end is None
        if segment.area == FRONT_DOOR:
            worker_notes, oversight = (rng.randint(1, 3) if current else 1), 0
        elif current:
            worker_notes, oversight = min(12, max(2, duration // 20)), min(4, max(1, duration // 60))
        else:
            worker_notes, oversight = 1 + min(3, duration // 90), 1 if self.chance(0.7) else 0
        person = child.person
        siblings = [c.person.first_name for c in children if c is not child and not c.unborn]
        sibling = siblings[0] if siblings else "their cousin"
        fill = {"child": person.preferred_name or person.first_name, "parent": parent_name,
                "worker": worker.first_name, "sib": sibling}
        if child.unborn:
            fill["child"] = f"{parent_name}'s baby"
        for number in range(worker_notes + oversight):
            by_manager = number >= worker_notes
            day = self.weekday_between(start, end)
            if by_manager:
                kind = rng.choice([CaseNoteKind.MANAGEMENT_OVERSIGHT, CaseNoteKind.MANAGEMENT_OVERSIGHT,
                                   CaseNoteKind.SUPERVISION])
            elif segment.area == FRONT_DOOR:
                kind = CaseNoteKind.PHONE_CALL
            elif child.unborn:
                kind = rng.choice([CaseNoteKind.VISIT, CaseNoteKind.PHONE_CALL, CaseNoteKind.MEETING])
            elif segment.area in (IN_CARE, ADOPTION):
                kind = rng.choices([CaseNoteKind.STATUTORY_VISIT, CaseNoteKind.DIRECT_WORK, CaseNoteKind.MEETING,
                                    CaseNoteKind.PHONE_CALL], [45, 20, 15, 20])[0]
            else:
                kind = rng.choices([CaseNoteKind.VISIT, CaseNoteKind.STATUTORY_VISIT, CaseNoteKind.DIRECT_WORK,
                                    CaseNoteKind.MEETING, CaseNoteKind.PHONE_CALL], [35, 10, 15, 15, 25])[0]
            born = person.date_of_birth
            age = None if born is None or born > day else (day - born).days / 365.25
            seen = kind in (CaseNoteKind.VISIT, CaseNoteKind.STATUTORY_VISIT, CaseNoteKind.DIRECT_WORK)
            to_child = seen and current and age is not None and age >= 4 and self.chance(0.15)
            fill["place"] = rng.choice(PLACES[2:5] if segment.area in (IN_CARE, ADOPTION) else PLACES[:2])
            if segment.area == FRONT_DOOR:
                body = rng.choice(FRONT_DOOR_BODIES)
                title = "Contact screened"
            elif segment.area == LEAVERS and not by_manager:
                body = rng.choice(LEAVER_BODIES)
                title = rng.choice(["Catch-up with {child}", "Pathway plan review", "Visit to {child}'s flat"])
            else:
                body = rng.choice(TO_CHILD_BODIES if to_child else NOTE_BODIES[kind])
                title = rng.choice(NOTE_TITLES[kind])
            words = ""
            if seen and age is not None and age >= 3 and self.chance(0.85 if kind == CaseNoteKind.DIRECT_WORK
                                                                        else 0.6):
                band = "young" if age < 7 else "middle" if age < 12 else "teen" if age < 18 else "leaver"
                words = rng.choice(names.CHILD_WORDS[band])
            elif segment.area == LEAVERS and not by_manager and self.chance(0.6):
                words = rng.choice(names.CHILD_WORDS["leaver"])
            if kind == CaseNoteKind.VISIT and segment.area != FRONT_DOOR:
                occurred = self.at(day, 9, 19)
            elif kind == CaseNoteKind.PHONE_CALL:
                occurred = self.at(day, 8.75, 17.25)
            else:
                occurred = self.at(day, 9.5, 16.5)
            self.add_row(
                CaseNote, child_id=person.id, kind=kind, occurred_at=occurred, title=title.format(**fill)[:150],
                body=_sentence_case(body.format(**fill)), child_words=words, written_to_child=to_child,
                recorded_at=self.recorded_after(occurred), author=manager if by_manager else worker,
            )


def _sentence_case(text: str) -> str:
    """Capitals where a filled-in phrase ("the key worker") starts a sentence."""
    return (text[:1].upper() + text[1:]).replace(". the ", ". The ")


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)
