"""What each kind of inspection grades, under the framework of its date.

Ofsted's inspection of local authority children's services (ILACS) replaced the single inspection
framework (SIF) in January 2018. Its standard and short inspections grade the impact of leaders, the
experiences and progress of children who need help and protection, of children in care and care leavers,
and overall effectiveness; from the 2023 framework (inspections from January 2023) children in care and
care leavers are graded apart. The SIF graded help and protection, children looked after and achieving
permanence (with adoption performance and care leavers as graded sub-judgements), and leadership,
management and governance. Focused visits, joint targeted area inspections and monitoring visits grade
nothing: their areas are absent, not blank.
"""

from datetime import date

from django.db import models

ILACS_2023_FROM = date(2023, 1, 1)


class InspectionKind(models.TextChoices):
    STANDARD_ILACS = "standard_ilacs", "Standard ILACS inspection"
    SHORT_ILACS = "short_ilacs", "Short ILACS inspection"
    FOCUSED_VISIT = "focused_visit", "Focused visit"
    JTAI = "jtai", "Joint targeted area inspection"
    MONITORING_VISIT = "monitoring_visit", "Monitoring visit"
    SIF = "sif", "Single inspection framework (before 2018)"


class JudgementArea(models.TextChoices):
    """Every area any framework has graded, in the order Ofsted's reports list them."""

    LEADERS = "leaders", "The impact of leaders on social work practice with children and families"
    HELP_AND_PROTECTION = "help_and_protection", "The experiences and progress of children who need help and protection"
    CHILDREN_IN_CARE = "children_in_care", "The experiences and progress of children in care"
    CARE_LEAVERS = "care_leavers", "The experiences and progress of care leavers"
    CHILDREN_IN_CARE_AND_CARE_LEAVERS = (
        "children_in_care_and_care_leavers", "The experiences and progress of children in care and care leavers")
    CHILDREN_LOOKED_AFTER = "children_looked_after", "Children looked after and achieving permanence"
    ADOPTION = "adoption", "Adoption performance"
    LEADERSHIP_MANAGEMENT_GOVERNANCE = "leadership_management_governance", "Leadership, management and governance"
    OVERALL = "overall", "Overall effectiveness"


A = JudgementArea
ILACS_2018 = (A.LEADERS, A.HELP_AND_PROTECTION, A.CHILDREN_IN_CARE_AND_CARE_LEAVERS, A.OVERALL)
ILACS_2023 = (A.LEADERS, A.HELP_AND_PROTECTION, A.CHILDREN_IN_CARE, A.CARE_LEAVERS, A.OVERALL)
SINGLE_INSPECTION = (A.HELP_AND_PROTECTION, A.CHILDREN_LOOKED_AFTER, A.ADOPTION, A.CARE_LEAVERS,
                     A.LEADERSHIP_MANAGEMENT_GOVERNANCE, A.OVERALL)
GRADED_KINDS = {InspectionKind.STANDARD_ILACS, InspectionKind.SHORT_ILACS}
# The order areas appear in on every page, whatever the framework.
AREA_ORDER = {area: index for index, area in enumerate(JudgementArea)}


def areas_judged(kind: str, started_on: date | None) -> tuple[JudgementArea, ...]:
    """The areas an inspection of this kind, starting on this date, grades (none for visits)."""
    if kind == InspectionKind.SIF:
        return SINGLE_INSPECTION
    if kind in GRADED_KINDS:
        return ILACS_2023 if started_on is None or started_on >= ILACS_2023_FROM else ILACS_2018
    return ()


def framework_name(kind: str, started_on: date | None) -> str:
    if kind == InspectionKind.SIF:
        return "Single inspection framework"
    if kind in GRADED_KINDS:
        return "ILACS 2023 framework" if started_on is None or started_on >= ILACS_2023_FROM else "ILACS 2018 framework"
    return "ILACS: not graded"


# The areas a self-evaluation speaks to: the four ILACS judgements of the 2023 framework.
SELF_EVALUATION_AREAS = (A.HELP_AND_PROTECTION, A.CHILDREN_IN_CARE, A.CARE_LEAVERS, A.LEADERS)
