"""Two people change one child's details at once, each in their own browser: neither change is lost.

Every page reached is checked with axe-core (see conftest.py).
"""

from playwright.sync_api import expect

from hearth.people.models import Person


def test_two_workers_editing_one_record_see_each_others_change_and_keep_both(visitor, another_visitor, council):
    child = council.allocated
    worker = visitor.sign_in("worker")
    colleague = another_visitor().sign_in("colleague")
    for person in (worker, colleague):
        person.open(f"/children/{child.pk}/")
        person.follow(person.page.get_by_role("main").get_by_role("link", name="Change details"))
        expect(person.page.get_by_role("heading", level=1)).to_have_text(f"Change {child.full_name}'s details")

    colleague.page.get_by_label("Preferred name").fill("Mara")
    colleague.follow(colleague.page.get_by_role("button", name="Save changes"))
    expect(colleague.page.get_by_role("heading", level=1)).to_contain_text(child.full_name)

    worker.page.get_by_label("First language").fill("Welsh")
    worker.follow(worker.page.get_by_role("button", name="Save changes"), status=409)
    page = worker.page
    expect(page.get_by_role("heading", name="Colleague Tester changed this record after you opened it")).to_be_visible()
    table = page.get_by_role("table", name="Their change and yours")
    expect(table.get_by_role("row").filter(has_text="Preferred name")).to_contain_text("Mara")
    expect(table.get_by_role("row").filter(has_text="First language")).to_contain_text("Welsh")
    expect(page.get_by_label("First language")).to_have_value("Welsh")  # nothing typed is lost
    assert Person.objects.get(pk=child.pk).first_language != "Welsh"

    worker.follow(page.get_by_role("button", name="Save my changes on top of theirs"))
    stored = Person.objects.get(pk=child.pk)
    assert (stored.preferred_name, stored.first_language) == ("Mara", "Welsh")
