"""The migration that keeps access changes moves each existing review of emergency access into a row of its own."""

from contextlib import contextmanager
from datetime import timedelta

import pytest
from django.db import connection, connections
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

# Accounts 0003 and the other migration 0004 needs: a database at accounts 0003 from before 0004 was written.
BEFORE = [("accounts", "0003_roles"), ("people", "0002_name_search_keys")]
AFTER = [("accounts", "0004_access_changes_kept")]


@contextmanager
def scratch_database(tmp_path):
    """An empty database of the same kind, standing in as the default one while the block runs.

    Migrating the test database back to accounts 0003 and forward again would unapply and reapply every app that
    depends on accounts, two whole migrations' worth of work; an empty database needs only what the two migrations
    named need, and the test database is left as it was.
    """
    original = connections["default"]
    settings = dict(original.settings_dict)
    if original.vendor == "postgresql":
        # A connection of its own: the pool is the test database's, shared by every connection of that alias.
        settings["OPTIONS"] = {key: value for key, value in settings["OPTIONS"].items() if key != "pool"}
        settings["NAME"] = f"{settings['NAME']}_migrations"
        with original._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{settings["NAME"]}"')
            cursor.execute(f'CREATE DATABASE "{settings["NAME"]}"')
    else:
        settings["NAME"] = str(tmp_path / "migrations.sqlite3")
    scratch = original.__class__(settings, alias="default")
    connections["default"] = scratch
    try:
        yield
    finally:
        scratch.close()
        connections["default"] = original
        if original.vendor == "postgresql":
            with original._nodb_cursor() as cursor:
                cursor.execute(f'DROP DATABASE "{settings["NAME"]}"')


@pytest.mark.django_db
def test_existing_break_glass_reviews_become_review_rows_and_accounts_get_a_first_version(tmp_path):
    with scratch_database(tmp_path):
        _migrate_and_check()


def _migrate_and_check():
    executor = MigrationExecutor(connection)
    assert not executor.loader.applied_migrations, "the scratch database should start empty"
    executor.migrate(BEFORE)
    # The models as the database now holds them: the migrations accounts 0003 needs, and no others.
    executor = MigrationExecutor(connection)
    old = executor.loader.project_state(list(executor.loader.applied_migrations)).apps
    User, Role = old.get_model("accounts", "User"), old.get_model("accounts", "Role")
    Person, Access = old.get_model("people", "Person"), old.get_model("accounts", "BreakGlassAccess")
    worker = User.objects.create(username="worker", password="x")
    worker.roles.add(Role.objects.get_or_create(code="social_worker")[0])
    manager = User.objects.create(username="manager", password="x")
    child = Person.objects.create(kind="child", first_name="Una", last_name="Example", created_by=manager,
                                   first_name_key="una", last_name_key="example")
    now = timezone.now()
    reviewed = Access.objects.create(user=worker, child=child, reason="Out of hours", expires_at=now + timedelta(hours=8),
                                     reviewed_by=manager, reviewed_at=now, review_outcome="not_justified",
                                     review_note="No call logged")
    Access.objects.create(user=worker, child=child, reason="Again", expires_at=now + timedelta(hours=8))

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    Review = new.get_model("accounts", "BreakGlassReview")
    review = Review.objects.get()
    assert (review.access_id, review.reviewer_id, review.outcome, review.note, review.corrects_id) == (
        reviewed.pk, manager.pk, "not_justified", "No call logged", None)
    HistoricalUser = new.get_model("accounts", "HistoricalUser")
    HistoricalUserRoles = new.get_model("accounts", "HistoricalUser_roles")
    first = HistoricalUser.objects.get(id=worker.pk)
    assert first.history_change_reason == "Recorded when history began"
    assert list(HistoricalUserRoles.objects.filter(history_id=first.history_id).values_list("role__code", flat=True)) \
        == ["social_worker"]
