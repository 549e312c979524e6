"""The demo's inspections: the documented grades and dates, the 2024 plan from the cabinet report, a visit now."""

from datetime import date

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from hearth.inspection import selectors
from hearth.inspection.models import Inspection
from hearth.seed.generator import run_seed
from hearth.timescales.clocks import LONDON


@pytest.fixture
def seeded(db):
    run_seed(scale="tiny", seed=7, today=timezone.localdate())
    yield
    ContentType.objects.clear_cache()


def test_the_seed_records_telford_and_wrekins_2024_inspection_as_the_report_gives_it(seeded):
    inspection = Inspection.objects.get(local_authority="Telford and Wrekin Council", started_on=date(2024, 4, 29))
    assert inspection.ended_on == date(2024, 5, 3)
    assert inspection.grades() == {"leaders": "1", "help_and_protection": "2", "children_in_care": "1",
                                   "care_leavers": "1", "overall": "1"}
    assert [p.text for p in inspection.improvement_points.all()] == [
        "The management of contacts within Family Connect.",
        "The consistency of making children aged 16 and 17 years old who present as homeless aware of their rights "
        "and entitlements."]
    deadline = selectors.plan_deadline(inspection, inspection.recorded_at)
    assert deadline.due_at.astimezone(LONDON).date() == date(2024, 10, 21)
    assert inspection.action_plan.actions.count() == 5


def test_the_seed_records_each_councils_overall_judgements_over_time(seeded):
    overall = {(item.local_authority, item.started_on.year): item.grades().get("overall")
               for item in Inspection.objects.prefetch_related("judgements")}
    assert overall[("Telford and Wrekin Council", 2016)] == "3"
    assert overall[("Telford and Wrekin Council", 2020)] == "1"
    assert overall[("Telford and Wrekin Council", 2024)] == "1"
    assert overall[("Shropshire Council", 2017)] == "2"
    assert overall[("Shropshire Council", 2022)] == "2"
    shropshire = Inspection.objects.get(local_authority="Shropshire Council", started_on__year=2022)
    assert shropshire.grades()["help_and_protection"] == "3"


def test_the_seed_puts_the_demo_council_on_a_focused_visit_with_a_sample_and_an_inspector(seeded):
    visit = Inspection.objects.get(local_authority=settings.HEARTH_COUNCIL_NAME)
    assert visit.kind == "focused_visit" and not visit.judgements.exists()
    assert visit.sample.count() == 6
    assert visit.inspector_accounts.get().user.username == "demo.visiting.inspector"


def test_the_seed_grades_six_months_of_audits(seeded):
    from hearth.oversight.models import Audit

    graded = Audit.objects.exclude(status="sampled")
    assert graded.count() == 48
    assert graded.filter(status="moderated").count() == 12
