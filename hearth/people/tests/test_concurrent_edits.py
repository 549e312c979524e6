"""Two people editing the same child's details: the second save never silently overwrites the first."""

import pytest
from django.test import Client

from hearth.core.concurrency import EditConflict
from hearth.people import services
from hearth.people.models import Person


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def details(child: Person, **changes) -> dict:
    """The edit form's fields as a browser would send them, with some changed."""
    data = {
        "first_name": child.first_name, "middle_names": child.middle_names, "last_name": child.last_name,
        "preferred_name": child.preferred_name, "date_of_birth-day": child.date_of_birth.day,
        "date_of_birth-month": child.date_of_birth.month, "date_of_birth-year": child.date_of_birth.year,
        "sex": child.sex or "1", "ethnicity": child.ethnicity or "WBRI", "gender_identity": child.gender_identity,
        "first_language": child.first_language, "religion": child.religion, "nhs_number": child.nhs_number,
        "upn": child.upn, "former_upn": child.former_upn, "upn_unknown_reason": child.upn_unknown_reason or "UN1",
        "version": child.version,
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_a_save_onto_the_version_read_moves_the_record_to_the_next_version(council):
    child = Person.objects.get(pk=council.allocated.pk)
    read = child.version
    child.preferred_name = "Mara"
    services.person_update(acting_user=council.worker, person=child, read_version=read)
    stored = Person.objects.get(pk=child.pk)
    assert stored.version == read + 1 and stored.preferred_name == "Mara"
    assert stored.history.first().version == read + 1


def test_a_save_onto_an_older_version_is_refused_and_writes_nothing(council):
    first, second = Person.objects.get(pk=council.allocated.pk), Person.objects.get(pk=council.allocated.pk)
    read = first.version
    first.preferred_name = "Mara"
    services.person_update(acting_user=council.worker, person=first, read_version=read)
    second.preferred_name = "Amy"
    versions = Person.history.filter(id=second.pk).count()
    with pytest.raises(EditConflict) as clash:
        services.person_update(acting_user=council.colleague, person=second, read_version=read)
    assert clash.value.current.preferred_name == "Mara"
    stored = Person.objects.get(pk=second.pk)
    assert stored.preferred_name == "Mara" and stored.version == read + 1
    assert Person.history.filter(id=second.pk).count() == versions


def test_the_conflict_page_shows_their_change_beside_mine_and_saves_mine_on_top(council):
    child = council.allocated
    worker, colleague = client_for(council.worker), client_for(council.colleague)
    opened = Person.objects.get(pk=child.pk)
    assert worker.get(f"/children/{child.pk}/details").status_code == 200
    assert colleague.post(f"/children/{child.pk}/details", details(opened, preferred_name="Mara")).status_code == 302

    response = worker.post(f"/children/{child.pk}/details", details(opened, first_language="Welsh"))
    assert response.status_code == 409
    page = response.content.decode()
    assert "Colleague Tester changed this record after you opened it" in page
    assert "Mara" in page and "Welsh" in page  # their change, and mine, side by side
    assert 'value="Welsh"' in page  # my typing is kept in the form
    stored = Person.objects.get(pk=child.pk)
    assert stored.preferred_name == "Mara" and stored.first_language != "Welsh"

    # Saving again applies mine on top of theirs: both changes stand.
    again = details(Person.objects.get(pk=child.pk), first_language="Welsh")
    assert worker.post(f"/children/{child.pk}/details", again).status_code == 302
    stored = Person.objects.get(pk=child.pk)
    assert (stored.preferred_name, stored.first_language) == ("Mara", "Welsh")
