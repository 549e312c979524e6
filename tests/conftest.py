"""Fixtures for the cross-app tests."""

import pytest


@pytest.fixture(autouse=True)
def _roles(request):
    """The role rows a data migration adds. A browser test's live server flushes every table when it ends, and
    the cross-app tests that come after it in a run need the roles back."""
    if "db" not in request.fixturenames and request.node.get_closest_marker("django_db") is None:
        return
    request.getfixturevalue("db")
    from hearth.accounts.models import Role
    from hearth.accounts.roles import ROLE_DESCRIPTIONS

    for code, description in ROLE_DESCRIPTIONS.items():
        Role.objects.update_or_create(code=code.value, defaults={"description": description})
