"""The staff contact form asks about consent first, and shows each consent answer's own questions under it."""

import re

from conftest import client_for
from hearth.front_door.models import Contact

from .test_contact_views import contact_form


def conditionals(page: str) -> dict[str, str]:
    """Each consent answer's revealed block: its input's value -> the block's class attribute."""
    found = {}
    for value, controls in re.findall(r'name="consent" type="radio" value="(\w+)"[^>]*data-aria-controls="([^"]+)"', page):
        found[value] = re.search(rf'<div class="([^"]+)" id="{re.escape(controls)}"', page).group(1)
    return found


def test_the_contact_form_asks_about_consent_before_anything_else(council):
    page = client_for(council.adviser).get("/front-door/contacts/new").content.decode()
    consent = page.index("Has the family consented to this contact?")
    assert consent < page.index("When was it received?") < page.index("Who made the contact")


def test_each_consent_answer_reveals_only_its_own_questions(council):
    page = client_for(council.adviser).get("/front-door/contacts/new").content.decode()
    assert 'data-module="hearth-radios"' in page
    blocks = conditionals(page)
    assert set(blocks) == {"obtained", "dispensed", "not_applicable"}
    # Nothing chosen yet: every block is hidden once JavaScript runs, and shown without it.
    assert all("govuk-radios__conditional--hidden" in classes for classes in blocks.values())
    for value, question in (("obtained", "Who gave consent?"), ("dispensed", "Which manager did you ask to agree?"),
                            ("not_applicable", "Why does consent not apply?")):
        controls = re.search(rf'value="{value}"[^>]*data-aria-controls="([^"]+)"', page).group(1)
        start = page.index(f'id="{controls}"')
        following = [i for i in (page.find('name="consent" type="radio"', start), page.index("When was it received?"))
                     if i != -1]
        assert question in page[start:min(following)]


def test_an_error_shows_the_chosen_answers_questions_and_keeps_what_was_typed(council):
    response = client_for(council.adviser).post("/front-door/contacts/new", contact_form(
        council, consent="dispensed", consent_from="Sam (typed before changing the answer)", consent_how=None,
        consent_dispensed_reason="significant_harm"))
    page = response.content.decode()
    assert "Select the manager you asked to agree to dispense with consent" in page
    blocks = conditionals(page)
    assert "govuk-radios__conditional--hidden" not in blocks["dispensed"]
    assert "govuk-radios__conditional--hidden" in blocks["obtained"]
    assert 'value="Sam (typed before changing the answer)"' in page
    assert re.search(r'value="significant_harm" checked', page)
    assert not Contact.objects.exists()
