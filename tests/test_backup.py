"""A backup restored into a fresh database is identical to the database it was taken from."""

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from hearth.accounts import chain
from hearth.core.integrity import database_snapshot, snapshot

ROOT = Path(__file__).resolve().parent.parent


# A guard against a command that hangs, not a limit on how long one may take: on a machine busy with other work the
# seed's migrations alone have taken several minutes.
HANG = 1800


def hearth(*args: str, database: str, check: bool = True) -> subprocess.CompletedProcess:
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.dev", "DATABASE_URL": database}
    done = subprocess.run([sys.executable, "-m", "hearth", *args], cwd=ROOT, env=environment, capture_output=True,
                          text=True, timeout=HANG)
    if check:
        assert done.returncode == 0, done.stderr
    return done


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def with_chain_functions(path: Path) -> sqlite3.Connection:
    """A plain connection to a Hearth SQLite file, able to write to its chained logs."""
    raw = sqlite3.connect(path)
    raw.create_function("hearth_sha256", 1, chain._sha256_hex, deterministic=True)
    raw.create_function("hearth_emptying_database", 0, lambda: 0)
    return raw


@pytest.fixture(scope="module")
def council_file(tmp_path_factory) -> Path:
    """A small seeded council in an SQLite file, with access and audit events in its logs."""
    path = tmp_path_factory.mktemp("live") / "hearth.sqlite3"
    hearth("seed", "--scale", "tiny", "--today", "2026-05-01", database=sqlite_url(path))
    raw = with_chain_functions(path)
    with raw:
        raw.executemany(
            "INSERT INTO accounts_accessevent (at, user_id, action, child_id, what, detail, result_count, chain_hash) "
            "SELECT '2026-05-01 10:00:00', id, 'view', NULL, ?, '', NULL, '' FROM accounts_user ORDER BY id LIMIT 5",
            [(f"Child record {n}",) for n in range(4)])
        raw.execute("INSERT INTO accounts_auditevent (at, actor_id, verb, child_id, summary, detail, chain_hash) "
                    "SELECT '2026-05-01 10:00:00', id, 'person.update', NULL, 'Updated', '{\"n\": 1}', '' "
                    "FROM accounts_user ORDER BY id LIMIT 3")
    raw.close()
    return path


def test_a_backup_restored_into_a_fresh_database_is_identical(council_file, tmp_path):
    backup, fresh = tmp_path / "backup.sqlite3", tmp_path / "fresh" / "hearth.sqlite3"
    hearth("backup", str(backup), database=sqlite_url(council_file))
    hearth("restore", str(backup), database=sqlite_url(fresh))
    original, restored = snapshot(sqlite3.connect(council_file)), snapshot(sqlite3.connect(fresh))
    assert restored == original
    assert original["accounts_accessevent"].rows == 20 and original["people_person"].rows > 100
    verified = hearth("audit", "verify", database=sqlite_url(fresh))
    assert "accounts_accessevent: 20 rows, chain intact" in verified.stdout


def test_a_backup_is_taken_while_a_writer_holds_the_database_and_keeps_only_committed_rows(council_file, tmp_path):
    backup = tmp_path / "backup.sqlite3"
    before = snapshot(sqlite3.connect(council_file))
    writer = with_chain_functions(council_file)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("INSERT INTO core_seedrun (scale, years, seed, today, seeded_at, last_user_id, last_person_id, "
                   "last_contact_id) VALUES ('tiny', 1, 99, '2026-05-01', '2026-05-01 10:00:00', 0, 0, 0)")
    try:
        hearth("backup", str(backup), database=sqlite_url(council_file))
    finally:
        writer.rollback()
        writer.close()
    assert snapshot(sqlite3.connect(backup)) == before


def test_a_backup_never_overwrites_a_file(council_file, tmp_path):
    existing = tmp_path / "existing"
    existing.write_text("keep me")
    done = hearth("backup", str(existing), database=sqlite_url(council_file), check=False)
    assert done.returncode == 2
    assert done.stderr == f"{existing} already exists: a backup never overwrites a file, so name a new one.\n"
    assert existing.read_text() == "keep me"


def test_a_restore_over_a_database_needs_replace(council_file, tmp_path):
    backup, other = tmp_path / "backup.sqlite3", tmp_path / "other.sqlite3"
    hearth("backup", str(backup), database=sqlite_url(council_file))
    sqlite3.connect(other).execute("CREATE TABLE notes (text)")
    done = hearth("restore", str(backup), database=sqlite_url(other), check=False)
    assert done.returncode == 2 and "already holds a database" in done.stderr and "--replace" in done.stderr
    hearth("restore", str(backup), "--replace", database=sqlite_url(other))
    assert snapshot(sqlite3.connect(other)) == snapshot(sqlite3.connect(backup))


def test_a_restore_refuses_a_file_that_is_not_a_hearth_backup(tmp_path):
    not_a_backup = tmp_path / "notes.sqlite3"
    sqlite3.connect(not_a_backup).execute("CREATE TABLE notes (text)")
    done = hearth("restore", str(not_a_backup), database=sqlite_url(tmp_path / "fresh.sqlite3"), check=False)
    assert done.returncode == 2 and "is not a Hearth backup" in done.stderr


@pytest.mark.parametrize("command", ["backup", "restore"])
def test_backup_and_restore_refuse_postgresql_and_name_its_procedure(tmp_path, command):
    done = hearth(command, str(tmp_path / "hearth.dump"), database="postgres://hearth:secret@127.0.0.1:1/hearth",
                  check=False)
    assert done.returncode == 2
    assert done.stderr.startswith("This database is PostgreSQL: back it up with `pg_dump --format=custom")
    assert "docs/backup.md" in done.stderr and done.stderr.count("\n") == 1


@pytest.mark.django_db(transaction=True)
def test_a_pg_dump_restored_with_pg_restore_into_a_fresh_database_is_identical(tmp_path):
    if connection.vendor != "postgresql" or not (shutil.which("pg_dump") and shutil.which("pg_restore")):
        pytest.skip("needs PostgreSQL and its pg_dump and pg_restore")
    import psycopg

    from conftest import Council
    from hearth.accounts.audit import audit_record
    from hearth.accounts.policy import log_access

    council = Council()
    for n in range(5):
        log_access(user=council.worker, action="view", what=f"Child record {n}", child=council.allocated)
        audit_record(actor=council.manager, verb="person.update", child=council.allocated, summary=f"Update {n}",
                     detail={"n": n, "note": "Ünïcode"})
    database = connection.settings_dict
    environment = {**os.environ, "PGHOST": database["HOST"], "PGPORT": str(database["PORT"]),
                   "PGUSER": database["USER"], "PGPASSWORD": database["PASSWORD"]}
    dump, fresh = tmp_path / "hearth.dump", f"{database['NAME']}_restored"
    subprocess.run(["pg_dump", "--format=custom", f"--file={dump}", database["NAME"]], env=environment, check=True)
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{fresh}"')
        cursor.execute(f'CREATE DATABASE "{fresh}"')
    try:
        subprocess.run(["pg_restore", "--no-owner", "--exit-on-error", f"--dbname={fresh}", str(dump)],
                       env=environment, check=True)
        with psycopg.connect(host=database["HOST"], port=database["PORT"], user=database["USER"],
                             password=database["PASSWORD"], dbname=fresh) as restored:
            assert snapshot(restored, "postgresql") == database_snapshot()
        url = f"postgres://{database['USER']}:{database['PASSWORD']}@{database['HOST']}:{database['PORT']}/{fresh}"
        verified = hearth("audit", "verify", database=url)
        assert "accounts_accessevent: 5 rows, chain intact" in verified.stdout
        assert "accounts_auditevent: 5 rows, chain intact" in verified.stdout
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{fresh}" WITH (FORCE)')
