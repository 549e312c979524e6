"""The demo's inspections: public facts about two real councils' Ofsted inspections, and a visit to the demo council.

Telford and Wrekin (the council whose 2024 ILACS report and cabinet action plan report are the demo's sources)
and its neighbour Shropshire, with their published grades and dates. Where the sources give only the month,
the dates are the month's and the inspection's notes say so; a grade the sources do not give is left
unrecorded rather than guessed. These are facts about councils' inspections, not about any person.

The 2024 Telford and Wrekin action plan has the report's two points of what needs to improve and sample
actions taken from the cabinet report of 7 November 2024 (paragraphs 3.9 and 3.10). The demo council itself
(HEARTH_COUNCIL_NAME) is on a focused visit now, with a case sample and a visiting inspector's account.
"""

from collections.abc import Callable
from datetime import date, datetime, timedelta
from random import Random

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from hearth.accounts.models import User
from hearth.accounts.policy import visible_children
from hearth.inspection import services
from hearth.inspection.frameworks import InspectionKind, JudgementArea
from hearth.inspection.models import ActionUpdate, Inspection
from hearth.reference.codes import OfstedGrade
from hearth.timescales.clocks import LONDON

TELFORD = "Telford and Wrekin Council"
SHROPSHIRE = "Shropshire Council"
A, G = JudgementArea, OfstedGrade
VISITING_INSPECTOR = "demo.visiting.inspector"

INSPECTIONS = [
    dict(local_authority=TELFORD, kind=InspectionKind.SIF, started_on=date(2016, 6, 1), ended_on=date(2016, 7, 29),
         report_published_on=date(2016, 8, 26), grades={A.OVERALL: G.REQUIRES_IMPROVEMENT, A.ADOPTION: G.GOOD,
                                                         A.CARE_LEAVERS: G.GOOD},
         notes="A month-long inspection in June and July 2016: the day-by-day dates are not in the sources, so these "
               "are the months'. Two of the five areas graded were good (adoption and care leavers); the other three "
               "grades are not recorded here."),
    dict(local_authority=TELFORD, kind=InspectionKind.STANDARD_ILACS, started_on=date(2020, 1, 6),
         ended_on=date(2020, 1, 31), report_published_on=date(2020, 3, 3), grades={A.OVERALL: G.OUTSTANDING},
         notes="Inspected in January 2020 (the sources give the month, not the days); judged outstanding from "
               "requires improvement to be good. The area grades are not recorded here."),
    dict(local_authority=TELFORD, kind=InspectionKind.SHORT_ILACS, started_on=date(2024, 4, 29),
         ended_on=date(2024, 5, 3), lead_inspector="Rebecca Quested, His Majesty's Inspector",
         report_received_on=date(2024, 7, 12), report_published_on=date(2024, 7, 12),
         grades={A.LEADERS: G.OUTSTANDING, A.HELP_AND_PROTECTION: G.GOOD, A.CHILDREN_IN_CARE: G.OUTSTANDING,
                 A.CARE_LEAVERS: G.OUTSTANDING, A.OVERALL: G.OUTSTANDING},
         points=["The management of contacts within Family Connect.",
                 "The consistency of making children aged 16 and 17 years old who present as homeless aware of their "
                 "rights and entitlements."],
         notes="The council published the report on 12 July 2024. The date the council received the final report "
               "is not in the sources: 12 July 2024 is recorded, the earliest date on which the council is known to "
               "have had it. Correct it if the letter shows an earlier day; the plan's deadline follows."),
    dict(local_authority=SHROPSHIRE, kind=InspectionKind.SIF, started_on=date(2017, 9, 4), ended_on=date(2017, 10, 27),
         report_published_on=date(2017, 11, 24), grades={A.OVERALL: G.GOOD},
         notes="A four-week inspection in September and October 2017 (the sources give the months, not the days). "
               "Judged good overall, from adequate in 2012; the area grades are not recorded here."),
    dict(local_authority=SHROPSHIRE, kind=InspectionKind.SHORT_ILACS, started_on=date(2022, 2, 7),
         ended_on=date(2022, 2, 25), report_published_on=date(2022, 3, 25),
         grades={A.LEADERS: G.GOOD, A.HELP_AND_PROTECTION: G.REQUIRES_IMPROVEMENT,
                 A.CHILDREN_IN_CARE_AND_CARE_LEAVERS: G.GOOD, A.OVERALL: G.GOOD},
         notes="Inspected in February 2022 and published in March 2022 (the sources give the months, not the days): "
               "the council's first inspection under the ILACS framework."),
]

# Sample actions from the cabinet report of 7 November 2024, by point; each owned by a leader or a manager.
ACTIONS = [
    (1, "Review how contacts are managed in Family Connect, so that no contact is closed and re-opened to extend "
        "screening, and report the options to senior leaders.", "leader", date(2024, 12, 20),
     [("Options paper to the senior management team", date(2024, 9, 24))],
     [("front_door.chains", ""), ("front_door.timeliness", "")]),
    (1, "Record senior social workers' advice and team managers' decisions on every contact, and audit a sample "
        "each month.", "manager", date(2025, 3, 31), [], [("front_door.recording", "")]),
    (2, "A senior lead in the service leads the work on 16- and 17-year-olds who present as homeless.", "leader",
     date(2024, 9, 30), [], []),
    (2, "Refine the joint assessment with housing so that children understand, at the point it becomes an option, "
        "that they may be accommodated by the council.", "manager", date(2025, 1, 31),
     [("Revised joint protocol agreed with housing", date(2024, 12, 13))], [("front_door.homeless_rights", "")]),
    (2, "Publish age-appropriate literature on the rights and entitlements of 16- and 17-year-olds who are "
        "homeless, including to be accommodated.", "manager", date(2025, 2, 28), [], []),
]
UPDATES = [
    (0, "amber", "Options drafted: linked contacts replace closing and re-opening; timeliness is read from the first "
                 "receipt.", datetime(2024, 10, 1, 10, 0, tzinfo=LONDON)),
    (0, "green", "Linked contacts in use in Family Connect from 4 November.", datetime(2024, 11, 8, 15, 30, tzinfo=LONDON)),
    (1, "green", "Advice and decisions are recorded on the contact; the first monthly audit is booked.",
     datetime(2024, 11, 12, 11, 0, tzinfo=LONDON)),
    (2, "complete", "Service delivery manager appointed as the senior lead.", datetime(2024, 9, 20, 9, 30, tzinfo=LONDON)),
    (3, "amber", "Draft protocol with housing; awaiting their comments.", datetime(2024, 11, 20, 14, 0, tzinfo=LONDON)),
]


def seed_inspections(*, today: date, seed: int = 1, write: Callable[[str], None] = lambda line: None) -> None:
    """Record the demo's inspections, the 2024 action plan and a visit to the demo council, through the services."""
    coordinator = User.objects.get(username="demo.leader")
    owners = {"leader": coordinator, "manager": User.objects.get(username="demo.manager")}
    plan_inspection = None
    for values in INSPECTIONS:
        values = dict(values)
        grades = {area.value: grade.value for area, grade in values.pop("grades").items()}
        points = values.pop("points", [])
        inspection = services.inspection_record(acting_user=coordinator, inspection=Inspection(**values),
                                                grades=grades, points=points)
        if points:
            plan_inspection = inspection
    plan = services.action_plan_start(acting_user=coordinator, inspection=plan_inspection)
    points = {point.number: point for point in plan_inspection.improvement_points.all()}
    actions = []
    for number, description, owner, due_on, milestones, evidence in ACTIONS:
        action = services.action_add(
            acting_user=coordinator, plan=plan, point=points[number], description=description, owner=owners[owner],
            due_on=due_on, milestones=[services.MilestonePlan(text, day) for text, day in milestones])
        for measure, url in evidence:
            services.evidence_add(acting_user=coordinator, action=action, kind="measure", title="", measure=measure,
                                  url=url)
        actions.append(action)
    for index, status, note, written in UPDATES:
        action = actions[index]
        update = services.action_progress_record(acting_user=action.owner, action=action, status=status, note=note)
        # The demo's updates are dated when the council wrote them, not when the seed ran.
        ActionUpdate.objects.filter(pk=update.pk).update(written_at=written)
    _seed_visit(coordinator, today=today, seed=seed)
    _seed_self_evaluation(coordinator, today=today)
    _seed_audits(coordinator, owners["manager"], today=today, seed=seed)
    write(f"  inspections: {len(INSPECTIONS) + 1}, with the 2024 action plan ({len(actions)} actions)")


def _seed_visit(coordinator: User, *, today: date, seed: int) -> None:
    """A focused visit to the demo council under way today, with six children sampled and an inspector's account."""
    visit = services.inspection_record(acting_user=coordinator, inspection=Inspection(
        local_authority=settings.HEARTH_COUNCIL_NAME, kind=InspectionKind.FOCUSED_VISIT,
        started_on=today - timedelta(days=1), ended_on=today + timedelta(days=2), lead_inspector="A. Visiting Inspector",
        notes="A demonstration: the visit, its sample and its inspector are invented."), grades={})
    children = list(visible_children(coordinator).filter(is_restricted=False).exclude(la_child_id="").order_by("pk")
                    .values_list("la_child_id", flat=True)[:400])
    sampled = Random(seed).sample(children, min(6, len(children)))
    if sampled:
        services.sample_add(acting_user=coordinator, inspection=visit, la_child_ids=sampled,
                            list_name="Children in need of help and protection")
    if visit.ended_on < timezone.localdate():
        return  # a council seeded for a day long past: the visit's inspectors' access has closed
    services.inspector_account_create(
        acting_user=coordinator, inspection=visit, first_name="Visiting", last_name="Inspector",
        email="visiting.inspector@ofsted.example", username=VISITING_INSPECTOR,
        password=_demo_password())


def _demo_password() -> str:
    from hearth.seed.generator import DEMO_PASSWORD

    return DEMO_PASSWORD


SELF_EVALUATION = {
    "help_and_protection": (
        "Thresholds are understood and applied in Family Connect; most contacts are decided within a working day of "
        "their first receipt, and advice and decisions are recorded on the contact.",
        "Contacts closed and re-opened to extend screening: linked contacts now carry the first receipt's clock."),
    "children_in_care": ("Children's plans are reviewed on time and written to the child.",
                         "Some children with a plan of adoption wait too long for a match."),
    "care_leavers": ("Care leavers keep their personal adviser, and the local offer runs to 25.",
                     "Pathway plans are not always reviewed within six months."),
    "leaders": ("Leaders know the service well: every figure opens the records behind it.",
                "Audits do not yet gather families' feedback consistently."),
}


def _seed_self_evaluation(coordinator: User, *, today: date) -> None:
    """Two versions of the demo council's self-evaluation, six months apart, the later one revised."""
    earlier = {area: (strengths, improve) for area, (strengths, improve) in SELF_EVALUATION.items()}
    earlier["help_and_protection"] = (
        "Thresholds are understood and applied in Family Connect; most contacts are decided quickly.",
        "Advice from senior social workers is not always recorded, and contacts are closed and re-opened.")
    services.self_evaluation_write(acting_user=coordinator, as_of=today - timedelta(days=182),
                                   summary="A good service that knows where it must improve.", sections=earlier)
    services.self_evaluation_write(acting_user=coordinator, as_of=today,
                                   summary="A good service that knows where it must improve.",
                                   sections=SELF_EVALUATION)


def _seed_audits(auditor: User, moderator: User, *, today: date, seed: int) -> None:
    """A monthly audit of front door decisions: eight cases a month for six months, graded, one in four moderated."""
    from hearth.oversight import services as audits
    from hearth.oversight.models import Audit

    version = audits.audit_template_create(
        acting_user=auditor, name="Decisions and management oversight", theme="Help and protection",
        questions=["Is the decision timely, from the first receipt?", "Is the rationale recorded and clear?",
                   "Are the child's views and wishes recorded?", "Is management oversight evident on the record?"])
    rng = Random(seed)
    grades = ["1", "2", "2", "2", "3", "3", "2", "4"]
    methods = ["phone", "visit", "questionnaire", "not_gathered"]
    for months_ago in range(6):
        try:
            sampled = audits.audit_sample(acting_user=auditor, version=version, size=8, seed=seed + months_ago)
        except ValidationError:  # a council too small to sample leaves its audits out
            return
        graded_at = datetime.combine(today.replace(day=1) - timedelta(days=30 * months_ago - 10), datetime.min.time(),
                                     tzinfo=LONDON).replace(hour=11)
        for index, audit in enumerate(sampled):
            method = rng.choice(methods)
            audits.audit_grade(
                acting_user=auditor, audit=audit, answers={q.pk: (rng.choice(grades), "")
                                                           for q in version.questions.all()},
                overall_grade=rng.choice(grades), findings="The record shows the decision and its reasons; the "
                "child's own words are not always recorded.", family_feedback="" if method == "not_gathered" else
                "The family said they understood what would happen next.", family_feedback_method=method)
            if index % 4 == 0:
                audits.audit_moderate(acting_user=moderator, audit=audit, grade=rng.choice(grades[1:6]),
                                      note="Moderated against the practice standards.")
            Audit.objects.filter(pk=audit.pk).update(graded_at=min(graded_at, timezone.now()))
