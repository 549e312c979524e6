"""The self-evaluation: dated versions (each kept), live figures beside each area, a comparison, and a PDF."""

import shutil
import subprocess
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from conftest import client_for
from hearth.inspection import selectors, services
from hearth.inspection.models import SelfEvaluation


def write(council, as_of, strengths, improve="Young carers are not consistently identified."):
    return services.self_evaluation_write(acting_user=council.leader, as_of=as_of, summary="Good and improving.",
                                          sections={"help_and_protection": (strengths, improve)})


def test_a_new_version_keeps_the_earlier_one_as_it_was(council):
    first = write(council, date(2025, 3, 31), "Contacts are decided within a working day.")
    second = write(council, date(2025, 9, 30), "Contacts are decided within a working day, from the first receipt.")
    assert SelfEvaluation.objects.count() == 2
    assert selectors.sections_by_area(selectors.self_evaluation(first.pk))["help_and_protection"].strengths == (
        "Contacts are decided within a working day.")
    assert selectors.latest_self_evaluation() == second


def test_an_empty_self_evaluation_is_refused(council):
    with pytest.raises(ValidationError):
        services.self_evaluation_write(acting_user=council.leader, as_of=date(2025, 3, 31), summary="", sections={})


def test_the_comparison_shows_the_words_added_and_removed(council):
    first = write(council, date(2025, 3, 31), "Contacts are decided within a working day.")
    second = write(council, date(2025, 9, 30), "Contacts are decided within a working day, from the first receipt.")
    page = client_for(council.manager).get(
        f"/inspection/self-evaluation/compare?before={first.pk}&after={second.pk}").content.decode()
    assert "[added: </span>day, from the first receipt." in page
    assert "[removed: </span>day." in page


def test_each_area_shows_its_live_figures(council):
    version = write(council, date(2025, 3, 31), "Contacts are decided within a working day.")
    page = client_for(council.manager).get(f"/inspection/self-evaluation/{version.pk}").content.decode()
    assert "Front door: decisions within one working day" in page and "All contacts decided" in page
    assert "No live measure in Hearth yet for this area." in page  # children in care: none yet


def test_the_form_starts_from_the_latest_version(council):
    write(council, date(2025, 3, 31), "Contacts are decided within a working day.")
    page = client_for(council.leader).get("/inspection/self-evaluation/new").content.decode()
    assert "Contacts are decided within a working day.</textarea>" in page


def test_only_the_coordinator_writes_a_version(council):
    assert client_for(council.manager).get("/inspection/self-evaluation/new").status_code == 403


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_a_version_is_exported_as_a_pdf(council, tmp_path):
    version = write(council, date(2025, 3, 31), "Contacts are decided within a working day.")
    response = client_for(council.manager).get(f"/inspection/self-evaluation/{version.pk}.pdf")
    pdf = tmp_path / "sef.pdf"
    pdf.write_bytes(response.content)
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True)
                    .stdout.split())
    assert "Self-evaluation as of 31 March 2025" in text
    assert "Contacts are decided within a working day." in text and "Young carers" in text


def test_the_self_evaluation_pages_read_within_the_query_budget(council, django_assert_max_num_queries):
    first = write(council, date(2025, 3, 31), "One.")
    second = write(council, date(2025, 9, 30), "Two.")
    client = client_for(council.leader)
    for url in ["/inspection/self-evaluation/", f"/inspection/self-evaluation/{second.pk}",
                "/inspection/self-evaluation/new",
                f"/inspection/self-evaluation/compare?before={first.pk}&after={second.pk}"]:
        client.get(url)
        with django_assert_max_num_queries(15):
            assert client.get(url).status_code == 200, url


def test_recent_audit_findings_are_placed_beside_their_area(council):
    from conftest import allocate, make_child
    from hearth.oversight import services as audits

    allocate(make_child(council.manager), council.team, council.worker, council.manager)
    version = audits.audit_template_create(acting_user=council.leader, name="Decisions", theme="Help and protection",
                                           questions=["Is the rationale clear?"])
    audit = audits.audit_sample(acting_user=council.leader, version=version, size=1, seed=1)[0]
    audits.audit_grade(acting_user=council.leader, audit=audit, answers={q.pk: ("2", "") for q in
                                                                          version.questions.all()},
                       overall_grade="2", findings="The child's words are not always recorded.",
                       family_feedback="", family_feedback_method="not_gathered")
    sef = write(council, timezone.localdate(), "Contacts are decided within a working day.")
    page = client_for(council.manager).get(f"/inspection/self-evaluation/{sef.pk}").content.decode()
    assert "The child&#39;s words are not always recorded." in page
