"""The access and audit logs are append-only and hash-chained, in the database itself.

Each row of `accounts_accessevent` and `accounts_auditevent` carries its place in its table's
chain (`chain_position`, 1, 2, 3, ...) and `chain_hash`: the SHA-256, in hex, of the previous
row's hash followed by this row's canonical content. A trigger fills both as the row is
inserted, however it is inserted (a model's save, `bulk_create`, the seed's COPY), so chaining
adds no query to a page; on PostgreSQL it takes a transaction-level advisory lock first, so
concurrent writers queue for the chain instead of forking it. Other triggers refuse UPDATE and
DELETE. `verify()` (`python -m hearth audit verify`) recomputes every link and names the first
row whose content, order or predecessor is not what was chained. Why, and what it cannot
catch, is in docs/adr/0006-the-audit-trail-is-append-only-and-hash-chained.md.

The canonical content of a row: for each column below, in order, `~` for NULL or
`<length>:<text>` for a value, joined with `|`. The text of a value is the database's own:
integers in decimal, text as stored, `at` in UTC as `YYYY-MM-DD HH:MM:SS.ffffff` (PostgreSQL) or
as stored (SQLite), JSON as the database renders it. The columns are fixed here: a column added
to either model later is outside the chain unless a migration re-seals the table.
"""

import hashlib
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import connection as default_connection
from django.db import transaction

CHAINED_COLUMNS = {
    "accounts_accessevent": [("id", "int"), ("at", "datetime"), ("user_id", "int"), ("action", "text"),
                             ("child_id", "int"), ("what", "text"), ("detail", "text"), ("result_count", "int")],
    "accounts_auditevent": [("id", "int"), ("at", "datetime"), ("actor_id", "int"), ("verb", "text"),
                            ("child_id", "int"), ("summary", "text"), ("detail", "json")],
}
# pg_advisory_xact_lock keys: one chain per table, so page views and audited changes do not queue for each other.
ADVISORY_LOCKS = {"accounts_accessevent": 0x4865617274680001, "accounts_auditevent": 0x4865617274680002}

_emptying = threading.local()


@contextmanager
def emptying_database() -> Iterator[None]:
    """Let SQLite's delete triggers pass while the whole database is emptied (`manage.py flush`)."""
    _emptying.active = getattr(_emptying, "active", 0) + 1
    try:
        yield
    finally:
        _emptying.active -= 1


def _sha256_hex(text: str | None) -> str | None:
    return None if text is None else hashlib.sha256(text.encode()).hexdigest()


def register_sqlite_functions(sender=None, connection=None, **kwargs) -> None:
    """On each new SQLite connection: the hash the chain trigger uses, and the flag its delete trigger reads."""
    if connection is None or connection.vendor != "sqlite":
        return
    raw = connection.connection
    raw.create_function("hearth_sha256", 1, _sha256_hex, deterministic=True)
    raw.create_function("hearth_emptying_database", 0, lambda: 1 if getattr(_emptying, "active", 0) else 0)


def _text_of(column: str, kind: str, vendor: str, row: str) -> str:
    value = f"{row}{column}"
    if vendor == "postgresql":
        return {
            "int": f"{value}::text", "text": value, "json": f"{value}::text",
            "datetime": f"to_char({value} AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')",
        }[kind]
    return f"CAST({value} AS TEXT)" if kind == "int" else value


def canonical_sql(table: str, vendor: str, row: str = "") -> str:
    """The SQL expression of a row's canonical content (`row` is "NEW." inside a trigger)."""
    pieces = []
    for column, kind in CHAINED_COLUMNS[table]:
        text = _text_of(column, kind, vendor, row)
        pieces.append(f"(CASE WHEN {row}{column} IS NULL THEN '~' ELSE length({text}) || ':' || {text} END)")
    return " || '|' || ".join(pieces)


def link(previous_hash: str, canonical: str) -> str:
    """One link of the chain: the hash of the previous row's hash and this row's canonical content."""
    return hashlib.sha256((previous_hash + canonical).encode()).hexdigest()


# --- Triggers.

def _sqlite_trigger_sql(table: str) -> list[str]:
    last = f"(SELECT max(chain_position) FROM {table})"
    return [
        f"""CREATE TRIGGER IF NOT EXISTS {table}_chain AFTER INSERT ON {table}
            FOR EACH ROW WHEN NEW.chain_hash IS NULL OR NEW.chain_hash = ''
            BEGIN
                UPDATE {table} SET
                    chain_position = coalesce({last}, 0) + 1,
                    chain_hash = hearth_sha256(
                        coalesce((SELECT chain_hash FROM {table} WHERE chain_position = {last}), '')
                        || {canonical_sql(table, "sqlite", "NEW.")})
                WHERE id = NEW.id;
            END""",
        # A row is sealed once its hash is set; the chain trigger's own UPDATE is of a row not yet sealed.
        f"""CREATE TRIGGER IF NOT EXISTS {table}_no_update BEFORE UPDATE ON {table}
            FOR EACH ROW WHEN OLD.chain_hash <> ''
            BEGIN SELECT RAISE(ABORT, '{table} is append-only: its rows cannot be changed'); END""",
        f"""CREATE TRIGGER IF NOT EXISTS {table}_no_delete BEFORE DELETE ON {table}
            FOR EACH ROW WHEN NOT hearth_emptying_database()
            BEGIN SELECT RAISE(ABORT, '{table} is append-only: its rows cannot be deleted'); END""",
    ]


def _postgresql_trigger_sql(table: str) -> list[str]:
    return [
        f"""CREATE OR REPLACE FUNCTION {table}_chain() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE last_position bigint; last_hash text;
            BEGIN
                IF NEW.chain_hash IS NOT NULL AND NEW.chain_hash <> '' THEN
                    RETURN NEW;  -- a restored row keeps the link it was dumped with
                END IF;
                PERFORM pg_advisory_xact_lock({ADVISORY_LOCKS[table]});
                SELECT chain_position, chain_hash INTO last_position, last_hash FROM {table}
                    WHERE chain_position IS NOT NULL ORDER BY chain_position DESC LIMIT 1;
                NEW.chain_position := coalesce(last_position, 0) + 1;
                NEW.chain_hash := encode(sha256(convert_to(
                    coalesce(last_hash, '') || {canonical_sql(table, "postgresql", "NEW.")}, 'UTF8')), 'hex');
                RETURN NEW;
            END $$""",
        f"""CREATE OR REPLACE TRIGGER {table}_chain BEFORE INSERT ON {table}
            FOR EACH ROW EXECUTE FUNCTION {table}_chain()""",
        """CREATE OR REPLACE FUNCTION hearth_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION '% is append-only: its rows cannot be changed or deleted', TG_TABLE_NAME
                    USING ERRCODE = 'insufficient_privilege';
            END $$""",
        f"""CREATE OR REPLACE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table}
            FOR EACH ROW EXECUTE FUNCTION hearth_refuse_change()""",
    ]


def _has_chain_columns(connection, table: str) -> bool:
    with connection.cursor() as cursor:
        if table not in connection.introspection.table_names(cursor):
            return False
        columns = {c.name for c in connection.introspection.get_table_description(cursor, table)}
    return {"chain_position", "chain_hash"} <= columns


def install_triggers(connection=default_connection) -> None:
    """Create (or re-create) the chain and append-only triggers, for the connection's vendor.

    Migration accounts.0004 calls it. SQLite drops a table's triggers when a migration rebuilds
    the table, so on SQLite `post_migrate` calls it again after every migrate (`apps.py`).
    """
    with connection.cursor() as cursor:
        for table in CHAINED_COLUMNS:
            if not _has_chain_columns(connection, table):
                continue
            statements = _postgresql_trigger_sql(table) if connection.vendor == "postgresql" else \
                _sqlite_trigger_sql(table)
            for statement in statements:
                cursor.execute(statement)


def remove_triggers(connection=default_connection) -> None:
    with connection.cursor() as cursor:
        for table in CHAINED_COLUMNS:
            if connection.vendor == "postgresql":
                cursor.execute(f"DROP TRIGGER IF EXISTS {table}_chain ON {table}")
                cursor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
                cursor.execute(f"DROP FUNCTION IF EXISTS {table}_chain()")
            else:
                for suffix in ("chain", "no_update", "no_delete"):
                    cursor.execute(f"DROP TRIGGER IF EXISTS {table}_{suffix}")
        if connection.vendor == "postgresql":
            cursor.execute("DROP FUNCTION IF EXISTS hearth_refuse_change()")


def seal_unchained_rows(connection=default_connection) -> int:
    """Chain the rows written before the chain existed, in the order of their keys (a migration runs this once)."""
    sealed = 0
    with connection.cursor() as cursor:
        for table in CHAINED_COLUMNS:
            cursor.execute(f"SELECT chain_position, chain_hash FROM {table} WHERE chain_position IS NOT NULL "
                           "ORDER BY chain_position DESC LIMIT 1")
            last = cursor.fetchone()
            position, previous = last if last else (0, "")
            cursor.execute(f"SELECT id, {canonical_sql(table, connection.vendor)} FROM {table} "
                           "WHERE chain_position IS NULL ORDER BY id")
            links = []
            for row_id, canonical in cursor.fetchall():
                position += 1
                previous = link(previous, canonical)
                links.append((position, previous, row_id))
            cursor.executemany(f"UPDATE {table} SET chain_position = %s, chain_hash = %s WHERE id = %s", links)
            sealed += len(links)
    return sealed


# --- Verification.

@dataclass(frozen=True)
class ChainReport:
    table: str
    rows: int
    head_position: int
    head_hash: str
    broken_id: int | None = None
    problem: str = ""

    @property
    def intact(self) -> bool:
        return self.broken_id is None

    def line(self) -> str:
        if self.intact:
            head = f"; head {self.head_position} {self.head_hash}" if self.rows else ""
            return f"{self.table}: {self.rows:,} rows, chain intact{head}"
        return f"{self.table}: BROKEN at id {self.broken_id}: {self.problem}"


def verify_table(table: str, connection=default_connection, chunk: int = 5000) -> ChainReport:
    """Recompute every link of one table's chain; stop at the first row that does not hold."""
    with transaction.atomic(using=connection.alias):
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT min(id) FROM {table} WHERE chain_position IS NULL OR chain_hash IS NULL "
                           "OR chain_hash = ''")
            (unchained,) = cursor.fetchone()
        with connection.chunked_cursor() as cursor:  # on PostgreSQL server-side: the log may hold millions of rows
            cursor.execute(f"SELECT id, chain_position, chain_hash, {canonical_sql(table, connection.vendor)} "
                           f"FROM {table} WHERE chain_position IS NOT NULL ORDER BY chain_position")
            rows, position, previous = 0, 0, ""
            while batch := cursor.fetchmany(chunk):
                for row_id, row_position, stored, canonical in batch:
                    rows += 1
                    if row_position != position + 1:
                        missing = row_position - position - 1
                        problem = (f"{missing} row(s) before it are missing (position {row_position} follows {position})"
                                   if missing > 0 else f"its position {row_position} repeats")
                        return ChainReport(table, rows, position, previous, row_id, problem)
                    if stored != link(previous, canonical):
                        return ChainReport(table, rows, position, previous, row_id,
                                           f"position {row_position} does not match its content and the row before it "
                                           "(this row or the one before was changed)")
                    position, previous = row_position, stored
    if unchained is not None:
        return ChainReport(table, rows, position, previous, unchained,
                           "the row is outside the chain (written with the chain trigger off)")
    return ChainReport(table, rows, position, previous)


def verify(connection=default_connection) -> list[ChainReport]:
    """Verify the access log's chain and the audit log's."""
    return [verify_table(table, connection) for table in CHAINED_COLUMNS]
