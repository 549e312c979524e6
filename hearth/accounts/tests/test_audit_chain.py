"""The access and audit logs are append-only, and any edit made directly in the database is found."""

import threading

import pytest
from django.core.management import call_command
from django.core.management.sql import emit_post_migrate_signal
from django.db import DatabaseError, connection, connections, transaction
from django.utils import timezone

from hearth.__main__ import main
from hearth.accounts import chain
from hearth.accounts.audit import audit_record
from hearth.accounts.models import AccessAction, AccessEvent, AppendOnlyError, AuditEvent

ACCESS, AUDIT = "accounts_accessevent", "accounts_auditevent"


def some_events(council, n: int = 5) -> dict[str, list[int]]:
    """n access events and n audit events, by every path the application writes them."""
    AccessEvent.objects.create(user=council.worker, action=AccessAction.VIEW, what="Child record", child=council.allocated)
    AccessEvent.objects.bulk_create([
        AccessEvent(user=council.worker, action=AccessAction.SEARCH, what="Search", detail=f"Allocated {i}",
                    result_count=i)
        for i in range(n - 1)
    ])
    for i in range(n):
        audit_record(actor=council.manager, verb="person.update", child=council.allocated,
                     summary=f"Updated the details of Amara | {i}: ~ 1:x", detail={"changed": ["first_name"], "n": i,
                                                                                   "note": "Ünïcode ✓"})
    return {ACCESS: list(AccessEvent.objects.order_by("id").values_list("id", flat=True)),
            AUDIT: list(AuditEvent.objects.order_by("id").values_list("id", flat=True))}


def report_for(table: str) -> chain.ChainReport:
    return chain.verify_table(table)


GUARDS = {"postgresql": {"update": "append_only", "delete": "append_only", "chain": "chain"},
          "sqlite": {"update": "no_update", "delete": "no_delete", "chain": "chain"}}


def drop_trigger(table: str, which: str) -> None:
    """Take a guard off, as someone with direct access to the database could (the test's rollback puts it back)."""
    trigger = f"{table}_{GUARDS[connection.vendor][which]}"
    raw(f"DROP TRIGGER IF EXISTS {trigger}" + (f" ON {table}" if connection.vendor == "postgresql" else ""))


def raw(sql: str, params=()) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_every_event_is_chained_as_it_is_written_by_save_bulk_create_and_audit_record(council):
    ids = some_events(council)
    for table in (ACCESS, AUDIT):
        report = report_for(table)
        assert report.intact, report.line()
        assert report.rows == report.head_position == len(ids[table])
    positions = list(AccessEvent.objects.order_by("id").values_list("chain_position", flat=True))
    assert positions == list(range(1, len(positions) + 1))


def test_each_link_is_the_sha256_of_the_previous_hash_and_the_rows_canonical_content(council):
    some_events(council, n=2)
    first, second = AuditEvent.objects.order_by("chain_position")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {chain.canonical_sql(AUDIT, connection.vendor)} FROM {AUDIT} ORDER BY chain_position")
        canonical = [text for (text,) in cursor.fetchall()]
    assert canonical[0].startswith(f"{len(str(first.pk))}:{first.pk}|")
    assert f"|{len(str(council.manager.pk))}:{council.manager.pk}|13:person.update|" in canonical[0]
    assert first.chain_hash == chain.link("", canonical[0])
    assert second.chain_hash == chain.link(first.chain_hash, canonical[1])


@pytest.mark.parametrize("model", [AccessEvent, AuditEvent])
def test_the_application_cannot_change_or_delete_an_event(council, model):
    some_events(council, n=2)
    event = model.objects.order_by("id").first()
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        model.objects.filter(pk=event.pk).update(at=event.at)
    with pytest.raises(AppendOnlyError):
        model.objects.filter(pk=event.pk).delete()
    with pytest.raises(AppendOnlyError):
        model._base_manager.all().delete()
    with pytest.raises(AppendOnlyError):
        model.objects.bulk_update([event], ["at"])
    assert model.objects.count() == 2


@pytest.mark.parametrize("statement", ["UPDATE {table} SET chain_hash = chain_hash WHERE id = %s",
                                       "DELETE FROM {table} WHERE id = %s"], ids=["update", "delete"])
@pytest.mark.parametrize("table", [ACCESS, AUDIT])
def test_the_database_refuses_to_update_or_delete_an_event(council, table, statement):
    ids = some_events(council, n=2)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        raw(statement.format(table=table), [ids[table][0]])
    assert report_for(table).rows == 2


@pytest.mark.parametrize("table,column,value", [(ACCESS, "what", "Nothing to see"), (ACCESS, "result_count", 99),
                                                (AUDIT, "summary", "Viewed"), (AUDIT, "detail", '{"changed": []}')])
def test_an_edit_made_with_the_trigger_dropped_is_found_and_the_row_named(council, capsys, table, column, value):
    ids = some_events(council)
    tampered = ids[table][2]
    drop_trigger(table, "update")
    cast = "CAST(%s AS jsonb)" if column == "detail" and table == AUDIT and connection.vendor == "postgresql" else "%s"
    raw(f"UPDATE {table} SET {column} = {cast} WHERE id = %s", [value, tampered])
    report = report_for(table)
    assert report.broken_id == tampered
    assert "does not match its content" in report.problem
    assert main(["audit", "verify"]) == 1
    assert f"{table}: BROKEN at id {tampered}:" in capsys.readouterr().err


def test_an_edit_whose_hash_was_recomputed_is_found_at_the_next_row(council):
    ids = some_events(council)
    tampered, following = ids[ACCESS][1], ids[ACCESS][2]
    drop_trigger(ACCESS, "update")
    raw(f"UPDATE {ACCESS} SET what = 'Nothing to see' WHERE id = %s", [tampered])
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT chain_hash FROM {ACCESS} WHERE id = %s", [ids[ACCESS][0]])
        (previous,) = cursor.fetchone()
        cursor.execute(f"SELECT {chain.canonical_sql(ACCESS, connection.vendor)} FROM {ACCESS} WHERE id = %s", [tampered])
        (canonical,) = cursor.fetchone()
    raw(f"UPDATE {ACCESS} SET chain_hash = %s WHERE id = %s", [chain.link(previous, canonical), tampered])
    assert report_for(ACCESS).broken_id == following


@pytest.mark.parametrize("table", [ACCESS, AUDIT])
def test_a_deleted_event_is_found_at_the_row_after_it(council, table):
    ids = some_events(council)
    drop_trigger(table, "delete")
    raw(f"DELETE FROM {table} WHERE id = %s", [ids[table][2]])
    report = report_for(table)
    assert report.broken_id == ids[table][3]
    assert "1 row(s) before it are missing" in report.problem


def test_an_event_written_with_the_chain_trigger_off_is_found(council):
    some_events(council, n=2)
    drop_trigger(ACCESS, "chain")
    forged = AccessEvent.objects.create(user=council.worker, action=AccessAction.VIEW, what="Child record")
    report = report_for(ACCESS)
    assert report.broken_id == forged.pk
    assert "outside the chain" in report.problem


def test_an_intact_trail_verifies_from_the_command_line(council, capsys):
    some_events(council)
    assert main(["audit", "verify"]) == 0
    out = capsys.readouterr().out
    assert f"{ACCESS}: 5 rows, chain intact; head 5 " in out
    assert f"{AUDIT}: 5 rows, chain intact; head 5 " in out


def test_the_seeds_bulk_load_of_events_is_chained_too(council):
    from hearth.seed.generator import _Table

    table = _Table(AccessEvent, with_pk=False)
    at = timezone.now()
    table.insert([table.row({"at": at, "user": council.worker, "action": AccessAction.VIEW, "what": f"Record {i}",
                             "child": council.allocated}) for i in range(30)])
    report = report_for(ACCESS)
    assert report.intact and report.rows == 30


def test_emptying_the_whole_database_is_not_refused(council):
    some_events(council, n=2)
    if connection.vendor == "postgresql":
        raw("SET CONSTRAINTS ALL IMMEDIATE")  # TRUNCATE refuses pending deferred checks inside the test's transaction
    call_command("flush", verbosity=0, interactive=False)
    assert not AccessEvent.objects.exists() and not AuditEvent.objects.exists()


def test_after_a_migration_rebuilds_the_table_on_sqlite_its_triggers_are_back(council):
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL keeps a table's triggers through ALTER TABLE")
    for which in ("update", "delete", "chain"):  # as SQLite's table rebuild (new table, copy, rename) leaves it
        drop_trigger(ACCESS, which)
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")  # as every migrate ends
    ids = some_events(council, n=2)
    assert report_for(ACCESS).intact
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        raw(f"DELETE FROM {ACCESS} WHERE id = %s", [ids[ACCESS][0]])


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_keep_one_unbroken_chain():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers itself")
    from conftest import Council

    council = Council()
    errors = []

    def write(n: int) -> None:
        try:
            for i in range(15):
                if i % 3:
                    AccessEvent.objects.create(user=council.worker, action=AccessAction.VIEW, what=f"Writer {n} {i}")
                else:
                    with transaction.atomic():
                        AccessEvent.objects.bulk_create([AccessEvent(user=council.worker, action=AccessAction.SEARCH,
                                                                     what=f"Writer {n} {i}.{j}") for j in range(3)])
                        audit_record(actor=council.manager, verb="test.write", summary=f"Writer {n} {i}")
        except Exception as error:  # noqa: BLE001 - reported to the test thread below
            errors.append(error)
        finally:
            connections.close_all()

    writers = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join()
    assert errors == []
    access, audit = report_for(ACCESS), report_for(AUDIT)
    assert access.intact and access.rows == 4 * (10 + 5 * 3)
    assert audit.intact and audit.rows == 4 * 5
