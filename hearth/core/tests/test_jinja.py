"""The page helpers every template uses: URLs written from their patterns, links and tags escaped."""

import pytest
from django.test import override_settings
from django.urls import NoReverseMatch, path, re_path, reverse, set_script_prefix

from hearth.core import jinja


def _view(request, *args, **kwargs):  # never called: the URLs below are only reversed
    raise AssertionError


urlpatterns = [
    path("children/<int:pk>/plans/<int:plan>/", _view, name="two_ids"),
    path("teams/<slug:code>/", _view, name="slug"),
    re_path(r"^years/(?P<year>[0-9]{4})/$", _view, name="four_digits"),
    re_path(r"^odd/(?P<n>[13579]+)/$", _view, name="odd_digits"),
    path("braces/{x}/<int:pk>/", _view, name="braces"),
]


@pytest.fixture(autouse=True)
def _fresh_patterns():
    jinja._pattern.cache_clear()
    yield
    jinja._pattern.cache_clear()


def test_a_url_with_whole_numbers_is_written_from_its_pattern_and_matches_reverse(council):
    for args in [(1,), (42,), (1234567,)]:
        assert jinja.url("people:child", *args) == reverse("people:child", args=args)
    assert jinja._pattern.cache_info().misses == 1  # reversed once, however many children


@override_settings(ROOT_URLCONF=__name__)
def test_urls_the_pattern_cannot_write_are_reversed_as_before():
    assert jinja.url("two_ids", 5, 71) == "/children/5/plans/71/"
    assert jinja.url("slug", "north") == "/teams/north/"  # not a number: reversed
    assert jinja.url("braces", 9) == reverse("braces", args=[9])  # braces in the path are kept as they are
    # A pattern that accepts only some numbers: reverse decides, as it would have.
    assert jinja.url("four_digits", 2024) == "/years/2024/"
    with pytest.raises(NoReverseMatch):
        jinja.url("four_digits", 20245)
    assert jinja.url("odd_digits", 13) == "/odd/13/"
    with pytest.raises(NoReverseMatch):
        jinja.url("odd_digits", 24)
    assert jinja.url("two_ids", pk=5, plan=71) == "/children/5/plans/71/"  # keywords: reversed
    assert jinja.url("slug", 12) == reverse("slug", args=[12])  # digits are a slug: the pattern gives the same


@override_settings(ROOT_URLCONF=__name__)
def test_a_script_prefix_is_part_of_the_pattern():
    set_script_prefix("/hearth/")
    try:
        assert jinja.url("two_ids", 5, 71) == "/hearth/children/5/plans/71/"
    finally:
        set_script_prefix("/")
    assert jinja.url("two_ids", 5, 71) == "/children/5/plans/71/"


def test_links_and_tags_escape_what_they_are_given():
    assert jinja.link("/a?b=1&c=2", "<Sam>") == '<a class="govuk-link" href="/a?b=1&amp;c=2">&lt;Sam&gt;</a>'
    assert jinja.link("/a", "Sam", hidden="& Jo") == (
        '<a class="govuk-link" href="/a">Sam<span class="govuk-visually-hidden"> &amp; Jo</span></a>')
    assert jinja.tag("Overdue <1>", "red") == '<strong class="govuk-tag govuk-tag--red">Overdue &lt;1&gt;</strong>'
    assert jinja.link("/a", jinja.tag("Due", "blue")).count("<strong") == 1  # markup given is kept, not escaped again
