"""`python -m hearth backup FILE` and `restore FILE` for the embedded SQLite database.

Both use SQLite's online backup API (`sqlite3.Connection.backup`), which copies the database
through SQLite itself, in one step inside one read transaction: the copy is the database as
it stood at one moment, with only committed rows, while the server goes on writing (in WAL
mode, the default here, a reader never blocks a writer). Copying the file instead can catch a
half-written page, or miss what is still in the `-wal` file beside it.
PostgreSQL has its own tools (pg_dump, pg_restore, WAL archiving): docs/backup.md.
"""

import sqlite3
from collections.abc import Callable
from pathlib import Path

from django.conf import settings

POSTGRESQL_PROCEDURE = (
    "This database is PostgreSQL: back it up with `pg_dump --format=custom --file=hearth.dump` and restore it with "
    "`pg_restore --dbname=... hearth.dump` (and WAL archiving for point-in-time recovery), as docs/backup.md describes; "
    "`python -m hearth backup` and `restore` are for the embedded SQLite database only."
)


class BackupRefused(Exception):
    """The backup or restore will not run; the message says why in one line."""


def _database_file() -> Path:
    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.sqlite3":
        raise BackupRefused(POSTGRESQL_PROCEDURE)
    return Path(database["NAME"])


def _tables(connection: sqlite3.Connection) -> set[str]:
    return {name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def _check(connection: sqlite3.Connection, what: str) -> None:
    (result,) = connection.execute("PRAGMA integrity_check").fetchone()
    if result != "ok":
        raise BackupRefused(f"{what} failed SQLite's integrity check: {result}")


def backup(target: Path, *, write: Callable[[str], None] = lambda line: None) -> None:
    """Copy the live SQLite database into a new file, checked, as one file without a journal."""
    source_path = _database_file()
    target = Path(target)
    if target.exists():
        raise BackupRefused(f"{target} already exists: a backup never overwrites a file, so name a new one.")
    if not source_path.exists():
        raise BackupRefused(f"There is no database at {source_path} to back up.")
    target.parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(source_path)
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, whatever the live database's mode
        _check(copy, f"The backup {target}")
    except BaseException:
        copy.close()
        target.unlink(missing_ok=True)
        raise
    finally:
        source.close()
    copy.close()
    write(f"Backed up {source_path} to {target} ({target.stat().st_size:,} bytes, integrity checked).")


def restore(backup_file: Path, *, replace: bool = False, write: Callable[[str], None] = lambda line: None) -> None:
    """Replace the SQLite database with a backup, after checking the backup is a whole Hearth database."""
    target_path = _database_file()
    backup_file = Path(backup_file)
    if not backup_file.is_file():
        raise BackupRefused(f"There is no backup file at {backup_file}.")
    source = sqlite3.connect(f"file:{backup_file}?mode=ro", uri=True)
    try:
        try:
            tables = _tables(source)
        except sqlite3.DatabaseError as error:
            raise BackupRefused(f"{backup_file} is not an SQLite database ({error}).") from None
        if "django_migrations" not in tables:
            raise BackupRefused(f"{backup_file} is not a Hearth backup: it has no django_migrations table.")
        _check(source, f"The backup {backup_file}")
        target_path.parent.mkdir(parents=True, exist_ok=True)
        target = sqlite3.connect(target_path)
        try:
            if _tables(target) and not replace:
                raise BackupRefused(f"{target_path} already holds a database: stop the server and add --replace "
                                    "to overwrite it with the backup.")
            source.backup(target)
            _check(target, f"The restored database {target_path}")
        finally:
            target.close()
    finally:
        source.close()
    write(f"Restored {target_path} from {backup_file}. Check its audit trail with `python -m hearth audit verify`.")
