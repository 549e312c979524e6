"""A fingerprint of a whole database: every table's row count and a checksum of its rows.

Two databases (or one database before and after something) with the same fingerprint hold
the same rows. It reads through a plain DB-API connection, so it works on Django's own
connection (`database_snapshot()`), a backup file opened with `sqlite3`, or a PostgreSQL
database restored beside the live one.
"""

import hashlib
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime

from django.db import connections


@dataclass(frozen=True)
class TableSnapshot:
    rows: int
    checksum: str


def _tables(cursor, vendor: str) -> list[str]:
    if vendor == "sqlite":
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")
    else:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
    return sorted(name for (name,) in cursor.fetchall())


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _value(value):
    """A value as it compares across connections: bytes for a memoryview, an aware time in UTC (not the session's zone)."""
    if isinstance(value, memoryview):
        return bytes(value)
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(UTC)
    return value


def snapshot(dbapi_connection, vendor: str | None = None) -> dict[str, TableSnapshot]:
    """Each table's row count and a SHA-256 of its rows (in no particular order: the rows are sorted by their digests)."""
    vendor = vendor or ("sqlite" if isinstance(dbapi_connection, sqlite3.Connection) else "postgresql")
    cursor = dbapi_connection.cursor()
    if vendor == "postgresql":
        from psycopg.types.string import TextLoader

        for kind in ("json", "jsonb", "inet", "cidr"):  # as their text, as Django reads them, on any connection
            cursor.adapters.register_loader(kind, TextLoader)
    try:
        result = {}
        for table in _tables(cursor, vendor):
            cursor.execute(f"SELECT * FROM {_quote(table)}")  # names from the catalogue
            digests = sorted(
                hashlib.sha256(repr(tuple(_value(v) for v in row)).encode()).hexdigest() for row in cursor.fetchall()
            )
            result[table] = TableSnapshot(rows=len(digests), checksum=hashlib.sha256("".join(digests).encode()).hexdigest())
        return result
    finally:
        cursor.close()


def database_snapshot(using: str = "default") -> dict[str, TableSnapshot]:
    """The snapshot of a Django database, read in its current transaction (so a test sees its own rows)."""
    connection = connections[using]
    connection.ensure_connection()
    return snapshot(connection.connection, connection.vendor)
