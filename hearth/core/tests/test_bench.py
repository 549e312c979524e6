"""`python -m hearth bench --page NAME`: only the pages named are measured."""

from hearth.bench import selected

PAGES = [("oversight: decisions", "/oversight/decisions", None), ("audit themes", "/oversight/audits/themes", None),
         ("my work", "/my-work", None)]


def test_every_page_is_measured_when_none_is_named():
    assert selected(PAGES, None) == PAGES


def test_a_page_is_measured_when_its_name_contains_one_of_those_named():
    assert [name for name, _, _ in selected(PAGES, ["oversight", "audit"])] == ["oversight: decisions", "audit themes"]
    assert selected(PAGES, ["no such page"]) == []
