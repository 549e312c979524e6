"""The migration that keeps access changes moves each existing review of emergency access into a row of its own."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("accounts", "0003_roles")]
AFTER = [("accounts", "0004_access_changes_kept")]


# Not serialized_rollback: restoring the serialized tables fails when an earlier transactional test on the same worker
# flushed them and post_migrate filled the content types again. Like every live-server test, this one leaves the
# tables flushed, and the fixtures that need the role rows add them (conftest.py).
@pytest.mark.django_db(transaction=True)
def test_existing_break_glass_reviews_become_review_rows_and_accounts_get_a_first_version():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    # The models as the database now holds them: every migration still applied (another app's later migration that
    # needs a later accounts one has been unapplied with it).
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

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
