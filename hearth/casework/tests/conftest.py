"""Fixtures for casework's tests: test-only sources of due items (no journey app registers one here)."""

import pytest

from hearth.casework.tests.due_sources import register_test_sources


@pytest.fixture
def due_sources(monkeypatch):
    """Three test sources of due items and their clock, removed when the test ends."""
    register_test_sources(monkeypatch)

