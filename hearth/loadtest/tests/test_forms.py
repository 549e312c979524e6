"""The load test's users type what Hearth's forms take: the case note its social workers save is saved."""

from datetime import timedelta

from django.utils import timezone

from conftest import client_for
from hearth.casework.models import CaseNote
from hearth.loadtest.forms import case_note_fields


def test_the_load_tests_case_note_is_saved_and_redirects_to_the_childs_record(council):
    path = f"/children/{council.allocated.pk}/case-notes/new"
    yesterday = timezone.localdate() - timedelta(days=1)
    response = client_for(council.worker).post(path, case_note_fields(yesterday))
    assert response.status_code == 302 and response["Location"].startswith(f"/children/{council.allocated.pk}/")
    note = CaseNote.objects.get(child=council.allocated)
    assert timezone.localtime(note.occurred_at).date() == yesterday and note.title == "Phone call"
