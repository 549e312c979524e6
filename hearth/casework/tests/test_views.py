"""Case notes, allocation and the chronology through the pages."""


from conftest import client_for
from hearth.casework.models import Allocation, CaseNote

NOTE = {"kind": "visit", "occurred_at-day": "2", "occurred_at-month": "5", "occurred_at-year": "2025",
        "occurred_at-time": "14:30", "title": "Home visit", "body": "Saw Amara at home with her mother.",
        "child_words": "I like my new school.", "written_to_child": "on"}



def current(child) -> str:
    """The current allocation as the allocate page carries it (id:version)."""
    allocation = Allocation.objects.filter(child=child, ended_on__isnull=True).first()
    return f"{allocation.pk}:{allocation.version}" if allocation else "0:0"


def test_a_case_note_keeps_the_event_time_apart_from_the_typing_time_and_the_childs_words_apart(council):
    response = client_for(council.worker).post(f"/children/{council.allocated.pk}/case-notes/new", NOTE)
    note = CaseNote.objects.get()
    assert response.status_code == 302
    assert note.occurred_at.isoformat() == "2025-05-02T13:30:00+00:00"  # 14:30 British Summer Time
    assert note.recorded_at > note.occurred_at
    assert note.child_words == "I like my new school." and note.written_to_child
    assert note.author == council.worker and note.history.get().history_user == council.worker
    page = client_for(council.worker).get(f"/children/{council.allocated.pk}/case-notes/{note.pk}").content.decode()
    assert "I like my new school." in page
    assert "later than the recording timescale" in page


def test_a_blank_case_note_shows_each_error_and_keeps_what_was_typed(council):
    response = client_for(council.worker).post(f"/children/{council.allocated.pk}/case-notes/new",
                                               {**NOTE, "title": "", "occurred_at-year": ""})
    page = response.content.decode()
    assert "There is a problem" in page
    assert "The date must include a year" in page
    assert "Saw Amara at home with her mother." in page
    assert CaseNote.objects.count() == 0


def test_a_case_note_dated_in_the_future_is_refused(council):
    response = client_for(council.worker).post(f"/children/{council.allocated.pk}/case-notes/new",
                                               {**NOTE, "occurred_at-year": "2099"})
    assert "The time it happened must be now or in the past" in response.content.decode()


def test_a_manager_allocation_ends_the_previous_one_and_appears_in_the_chronology(council):
    client = client_for(council.manager)
    response = client.post(f"/children/{council.team_child.pk}/allocate", {
        "team": council.team.pk, "worker": council.colleague.pk, "started_on-day": "1", "started_on-month": "2",
        "started_on-year": "2025", "reason": "Allocated for assessment", "current": current(council.team_child),
    })
    assert response.status_code == 302
    allocations = Allocation.objects.filter(child=council.team_child).order_by("started_on")
    assert [a.ended_on is None for a in allocations] == [False, True]
    assert allocations.last().worker == council.colleague
    chronology = client.get(f"/children/{council.team_child.pk}/chronology").content.decode()
    assert "Allocated to Colleague Tester" in chronology


def test_a_worker_outside_the_team_cannot_be_allocated(council):
    response = client_for(council.manager).post(f"/children/{council.team_child.pk}/allocate", {
        "team": council.team.pk, "worker": council.outsider.pk, "started_on-day": "1", "started_on-month": "2",
        "started_on-year": "2025", "current": current(council.team_child),
    })
    assert "is not a member of" in response.content.decode()


def test_a_social_worker_cannot_allocate(council):
    assert client_for(council.worker).get(f"/children/{council.allocated.pk}/allocate").status_code == 403


def test_the_chronology_filters_by_kind(council):
    client = client_for(council.worker)
    client.post(f"/children/{council.allocated.pk}/case-notes/new", NOTE)
    only_notes = client.get(f"/children/{council.allocated.pk}/chronology", {"kind": "case_note"}).content.decode()
    assert "Home visit" in only_notes and "Allocated to" not in only_notes
    only_allocations = client.get(f"/children/{council.allocated.pk}/chronology", {"kind": "allocation"}).content.decode()
    assert "Home visit" not in only_allocations and "Allocated to" in only_allocations


def test_the_chronology_export_lists_every_entry(council):
    client = client_for(council.worker)
    client.post(f"/children/{council.allocated.pk}/case-notes/new", NOTE)
    rows = client.get(f"/children/{council.allocated.pk}/chronology.csv").content.decode().splitlines()
    assert rows[0] == "When,Kind,What,Summary,By"
    assert any("Home visit" in row for row in rows)
