"""Adding and changing a child's record through the pages: errors beside fields, nothing lost."""

import re

import pytest
from django.test import Client

from hearth.accounts.models import AuditEvent
from hearth.people.models import Person, PersonKind

VALID_CHILD = {
    "first_name": "Nia",
    "last_name": "Okafor",
    "date_of_birth-day": "3",
    "date_of_birth-month": "4",
    "date_of_birth-year": "2019",
    "sex": "F",
    "ethnicity": "BAFR",
    "nhs_number": "943 476 5919",
    "disabilities": ["COMM"],
}


@pytest.fixture
def manager_client(council) -> Client:
    client = Client()
    client.force_login(council.manager)
    return client


def test_adding_a_child_gives_an_la_child_id_and_keeps_history_with_the_author(council, manager_client):
    response = manager_client.post("/children/new", {**VALID_CHILD, "team": council.team.pk})
    child = Person.objects.get(first_name="Nia")
    assert response.status_code == 302 and response["Location"] == f"/children/{child.pk}/"
    assert child.la_child_id == f"C{child.pk:07d}"
    assert child.nhs_number == "9434765919"
    assert list(child.disabilities.values_list("code", flat=True)) == ["COMM"]
    assert {row.history_user for row in child.history.all()} == {council.manager}
    assert child.history.order_by("-history_id").first().la_child_id == child.la_child_id
    assert AuditEvent.objects.filter(verb="person.create", child=child, actor=council.manager).exists()


def test_an_invalid_nhs_number_is_refused_beside_the_field_and_everything_typed_is_kept(council, manager_client):
    response = manager_client.post(
        "/children/new", {**VALID_CHILD, "team": council.team.pk, "nhs_number": "9434765918", "middle_names": "Ada"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert 'id="id_nhs_number-error"' in page
    assert "not a valid NHS number" in page
    assert 'value="Ada"' in page and 'value="Okafor"' in page and 'value="2019"' in page
    assert not Person.objects.filter(first_name="Nia").exists()


def test_a_date_of_birth_missing_its_month_says_so(council, manager_client):
    response = manager_client.post("/children/new", {**VALID_CHILD, "team": council.team.pk, "date_of_birth-month": ""})
    assert "Date of birth must include a month" in response.content.decode()


def test_a_date_of_birth_in_the_future_is_refused(council, manager_client):
    response = manager_client.post("/children/new", {**VALID_CHILD, "team": council.team.pk, "date_of_birth-year": "2099"})
    assert "must be today or in the past" in response.content.decode()


def test_an_unborn_child_is_recorded_with_an_expected_date_of_birth(council, manager_client):
    unborn = {
        **VALID_CHILD,
        "date_of_birth-day": "",
        "date_of_birth-month": "",
        "date_of_birth-year": "",
        "expected_date_of_birth-day": "1",
        "expected_date_of_birth-month": "1",
        "expected_date_of_birth-year": "2099",
        "nhs_number": "",
    }
    manager_client.post("/children/new", {**unborn, "team": council.team.pk})
    assert Person.objects.get(first_name="Nia").is_unborn


def test_a_child_with_no_date_of_birth_at_all_is_refused(council, manager_client):
    response = manager_client.post(
        "/children/new",
        {**VALID_CHILD, "team": council.team.pk, "date_of_birth-day": "", "date_of_birth-month": "", "date_of_birth-year": ""},
    )
    assert "Enter the date of birth" in response.content.decode()


def test_likely_duplicates_are_shown_before_saving_and_a_confirmed_new_record_is_saved(council, manager_client):
    existing = {
        **VALID_CHILD,
        "first_name": council.allocated.first_name,
        "last_name": council.allocated.last_name,
        "date_of_birth-day": "1",
        "date_of_birth-month": "1",
        "date_of_birth-year": "2015",
        "nhs_number": "",
    }
    first = manager_client.post("/children/new", {**existing, "team": council.team.pk})
    assert "This child may already have a record" in first.content.decode()
    assert council.allocated.la_child_id in first.content.decode()
    assert Person.objects.filter(first_name=council.allocated.first_name).count() == 1
    checked = re.search(r'name="checked" value="(\w+)"', first.content.decode()).group(1)
    manager_client.post("/children/new", {**existing, "checked": checked, "team": council.team.pk})
    assert Person.objects.filter(first_name=council.allocated.first_name).count() == 2


def test_changing_the_details_after_the_duplicate_warning_checks_again(council, manager_client):
    existing = {
        **VALID_CHILD,
        "first_name": council.allocated.first_name,
        "last_name": council.allocated.last_name,
        "date_of_birth-day": "1",
        "date_of_birth-month": "1",
        "date_of_birth-year": "2015",
        "nhs_number": "",
    }
    first = manager_client.post("/children/new", {**existing, "team": council.team.pk})
    checked = re.search(r'name="checked" value="(\w+)"', first.content.decode()).group(1)
    other = {
        **existing,
        "last_name": council.team_child.last_name,
        "first_name": council.team_child.first_name,
        "checked": checked,
        "team": council.team.pk,
    }
    second = manager_client.post("/children/new", other)
    assert "This child may already have a record" in second.content.decode()
    assert council.team_child.la_child_id in second.content.decode()


def test_whoever_adds_a_child_can_open_the_record_they_made(council):
    client = Client()
    client.force_login(council.worker)
    response = client.post("/children/new", {**VALID_CHILD, "team": council.team.pk})
    child = Person.objects.get(first_name="Nia")
    assert response["Location"] == f"/children/{child.pk}/"
    assert client.get(response["Location"]).status_code == 200
    allocation = child.allocations.get()
    assert allocation.team == council.team and allocation.worker is None


def test_the_same_nhs_number_is_a_likely_duplicate_whatever_the_name(council, manager_client):
    council.unallocated.nhs_number = "9434765919"
    council.unallocated.save()
    response = manager_client.post("/children/new", {**VALID_CHILD, "team": council.team.pk})
    assert "Same NHS number" in response.content.decode()


def test_changing_details_keeps_what_they_were_in_the_history_page(council, manager_client):
    child = council.allocated
    form = {**VALID_CHILD, "first_name": child.first_name, "last_name": "Renamed", "nhs_number": "",
            "version": child.version}
    manager_client.post(f"/children/{child.pk}/details", form)
    page = manager_client.get(f"/children/{child.pk}/history").content.decode()
    assert "Allocated" in page and "Renamed" in page


def test_adding_a_parent_puts_them_in_the_family_network(council, manager_client):
    child = council.allocated
    manager_client.post(
        f"/children/{child.pk}/family/new",
        {
            "kind": "parent",
            "first_name": "Grace",
            "last_name": "Allocated",
            "has_parental_responsibility": "on",
            "lives_with": "on",
        },
    )
    adult = Person.objects.get(first_name="Grace")
    assert adult.kind == PersonKind.ADULT
    page = manager_client.get(f"/children/{child.pk}/").content.decode()
    assert "Grace Allocated" in page and "Parent" in page


def test_a_warning_shows_at_the_top_of_the_record(council, manager_client):
    child = council.allocated
    manager_client.post(f"/children/{child.pk}/warnings/new", {"category": "dog", "text": "Large dog at the address"})
    assert "Large dog at the address" in manager_client.get(f"/children/{child.pk}/").content.decode()


def test_search_needs_something_to_search_for(council, manager_client):
    response = manager_client.get("/children/", {"text": ""})
    assert "Enter a name, an identifier or a date of birth" in response.content.decode()


def test_search_by_nhs_number_finds_the_child(council, manager_client):
    council.allocated.nhs_number = "9434765919"
    council.allocated.save()
    page = manager_client.get("/children/", {"text": "943 476 5919"}).content.decode()
    assert council.allocated.la_child_id in page


def test_names_in_tables_are_links_and_are_escaped(council, manager_client):
    council.team_child.first_name = "<script>alert(1)</script>"
    council.team_child.save()
    page = manager_client.get("/children/", {"text": "Teamchild"}).content.decode()
    assert f'<a class="govuk-link" href="/children/{council.team_child.pk}/">' in page
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


def test_searching_by_an_la_child_id_does_not_match_names_by_its_first_letter(council, manager_client):
    page = manager_client.get("/children/", {"text": council.team_child.la_child_id.lower()}).content.decode()
    assert council.team_child.la_child_id in page
    assert council.allocated.la_child_id not in page


def test_search_ignores_case_and_accents_in_names(council, manager_client):
    council.allocated.last_name = "Ó Briain"
    council.allocated.save()
    assert council.allocated.la_child_id in manager_client.get("/children/", {"text": "obri"}).content.decode()


def test_the_history_of_a_record_with_no_versions_says_no_changes_are_recorded(council, manager_client):
    # A record loaded in bulk (the seed, an import) has no history rows.
    council.allocated.history.all().delete()
    response = manager_client.get(f"/children/{council.allocated.pk}/history")
    assert response.status_code == 200 and "No changes recorded." in response.content.decode()


def test_the_oldest_change_shown_is_compared_with_the_version_before_it(council, manager_client, monkeypatch):
    from hearth.people import views

    monkeypatch.setattr(views, "HISTORY_SHOWN", 2)
    child = council.allocated
    for name in ("Amira", "Amina"):
        child.first_name = name
        child.save()
    page = manager_client.get(f"/children/{child.pk}/history").content.decode()
    assert page.count("First name") == 2 and "Record created" not in page
