"""The helpers views share: reading an id from what was sent, and following a next= only within the site."""

import pytest
from django.test import RequestFactory

from hearth.core.http import LARGEST_ID, parse_id, safe_next


@pytest.mark.parametrize(("sent", "expected"), [
    ("1", 1), ("42", 42), (7, 7), (str(LARGEST_ID), LARGEST_ID),
])
def test_an_id_is_ascii_digits_within_a_database_ids_range(sent, expected):
    assert parse_id(sent) == expected


@pytest.mark.parametrize("sent", [
    "²", "³4", "٣", "১২", "１２", " 3", "3 ", "+3", "-3", "0", "", None, "3.0", "1e3", "0x1f", str(LARGEST_ID + 1),
    "9" * 400,
])
def test_anything_else_is_no_id(sent):
    assert parse_id(sent) is None


@pytest.mark.parametrize(("target", "expected"), [
    ("/children/?text=A", "/children/?text=A"), ("https://evil.example/", "/"), ("//evil.example", "/"),
    ("", "/"), (None, "/"),
])
def test_next_is_followed_only_within_the_site(target, expected):
    assert safe_next(RequestFactory().get("/"), target, "/") == expected
