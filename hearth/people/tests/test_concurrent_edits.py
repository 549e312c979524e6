"""Two people editing the same child's details: the second save never silently overwrites the first."""

import pytest

from conftest import client_for
from hearth.core.concurrency import EditConflict
from hearth.people import services
from hearth.people.models import Person


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


# The same mechanism on every editable record: allocations and contacts in screening ---------------------------------


def test_an_allocation_made_after_the_page_was_read_is_never_ended_unseen(council):
    from datetime import date

    from hearth.casework.models import Allocation
    from hearth.casework.services import allocation_start
    from hearth.core.concurrency import current_of

    child = council.team_child
    read = current_of(Allocation.objects.get(child=child, ended_on__isnull=True))
    today = date.today()
    allocation_start(acting_user=council.manager, child=child, team=council.team, worker=council.worker,
                     started_on=today, reason="First manager", read=read)
    with pytest.raises(EditConflict):
        allocation_start(acting_user=council.manager, child=child, team=council.team, worker=council.colleague,
                         started_on=today, reason="Second manager, same page", read=read)
    assert Allocation.objects.get(child=child, ended_on__isnull=True).worker == council.worker

    client = client_for(council.manager)
    response = client.post(f"/children/{child.pk}/allocate", {
        "team": council.team.pk, "worker": council.colleague.pk, "started_on-day": today.day,
        "started_on-month": today.month, "started_on-year": today.year, "reason": "Stale page",
        "current": "{}:{}".format(*read)})
    assert response.status_code == 409
    page = response.content.decode()
    assert "changed this record after you opened it" in page and "Worker Tester" in page and "Colleague Tester" in page
    assert Allocation.objects.get(child=child, ended_on__isnull=True).worker == council.worker


def test_a_contact_changed_after_the_page_was_read_keeps_both_changes(council):
    from datetime import timedelta

    from django.utils import timezone

    from hearth.front_door import services as front_door
    from hearth.front_door.models import Channel, ConsentNotApplicableReason, ConsentStatus, Contact, Urgency
    from hearth.reference.codes import ReferralSource

    contact = front_door.contact_record(acting_user=council.adviser, children=[council.unallocated], contact=Contact(
        received_at=timezone.now() - timedelta(hours=1), channel=Channel.PHONE, referrer_name="Jo Bloggs",
        referrer_agency="Oakfield Primary School", source=ReferralSource.SCHOOLS, concern="Bruise on his arm.",
        consent=ConsentStatus.NOT_APPLICABLE, consent_not_applicable_reason=ConsentNotApplicableReason.PARENT_MADE_CONTACT))
    read = Contact.objects.get(pk=contact.pk).version
    client = client_for(council.adviser)
    assert client.post(f"/front-door/contacts/{contact.pk}/awaiting-information", {
        "awaiting": "yes", "awaiting-note": "Police records", "awaiting-version": read}).status_code == 302
    response = client.post(f"/front-door/contacts/{contact.pk}/escalate", {
        "escalate-reason": "He says he is scared to go home", "escalate-version": read})
    assert response.status_code == 409
    page = response.content.decode()
    assert "Police records" in page and "He says he is scared to go home" in page
    stored = Contact.objects.get(pk=contact.pk)
    assert stored.urgency != Urgency.IMMEDIATE and stored.awaiting_information
    assert client.post(f"/front-door/contacts/{contact.pk}/escalate", {
        "escalate-reason": "He says he is scared to go home", "escalate-version": stored.version}).status_code == 302
    stored = Contact.objects.get(pk=contact.pk)
    assert stored.urgency == Urgency.IMMEDIATE and stored.awaiting_information
