"""Hearth's own command line: `python -m hearth seed --scale demo|la|large --years N --seed S`, `bench`,
`backup FILE`, `restore FILE` and `audit verify`.

It works without manage.py, for a first run: `--database-url` chooses the database
(otherwise DATABASE_URL, otherwise SQLite under var/), and the settings default to
config.settings.dev.
"""

import argparse
import os
import sys
from pathlib import Path

from hearth.bench import add_bench_arguments
from hearth.loadtest.runner import add_loadtest_arguments
from hearth.seed import add_seed_arguments


def _write(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def _refuse(reason) -> int:
    sys.stderr.write(f"{reason}\n")
    return 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m hearth", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    database_url = {"default": None, "help": "The database, e.g. sqlite:////tmp/demo.sqlite3 (default DATABASE_URL)"}
    seed = commands.add_parser("seed", help="Generate the synthetic council, or reuse the one already there")
    add_seed_arguments(seed)
    seed.add_argument("--database-url", **database_url)
    bench = commands.add_parser("bench", help="Time the pages at the la and large scales (var/bench/results.json)")
    add_bench_arguments(bench)
    loadtest = commands.add_parser("loadtest", help="Serve the la council with Gunicorn and load it with Locust "
                                                    "(var/bench/load.json)")
    add_loadtest_arguments(loadtest)
    backup = commands.add_parser("backup", help="Copy the SQLite database to FILE, safely while the server runs")
    backup.add_argument("file", type=Path, help="The backup file to write (it must not exist yet)")
    backup.add_argument("--database-url", **database_url)
    restore = commands.add_parser("restore", help="Replace the SQLite database with the backup in FILE")
    restore.add_argument("file", type=Path, help="A file written by `python -m hearth backup`")
    restore.add_argument("--replace", action="store_true", help="Overwrite a database that already holds tables")
    restore.add_argument("--database-url", **database_url)
    audit = commands.add_parser("audit", help="Check the access and audit logs")
    audit_commands = audit.add_subparsers(dest="audit_command", required=True)
    verify = audit_commands.add_parser("verify", help="Recompute the logs' hash chains; name the first broken row")
    verify.add_argument("--database-url", **database_url)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)

    if args.command == "bench":
        from hearth import bench as benchmark

        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.bench")
        return benchmark.run_one_scale(args) if args.one_scale else benchmark.run(args)

    if args.command == "loadtest":
        from hearth.loadtest import runner

        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.serve")
        return runner.prepare() if args.prepare else runner.run(args)

    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()

    if args.command in ("backup", "restore"):
        from hearth.core import backup

        try:
            if args.command == "backup":
                backup.backup(args.file, write=_write)
            else:
                backup.restore(args.file, replace=args.replace, write=_write)
        except backup.BackupRefused as refused:
            return _refuse(refused)
        return 0

    if args.command == "audit":
        from hearth.accounts import chain

        reports = chain.verify()
        for report in reports:
            (_write if report.intact else _refuse)(report.line())
        return 0 if all(report.intact for report in reports) else 1

    from hearth.seed.generator import SeedRefused, run_seed

    try:
        run_seed(scale=args.scale, years=args.years, seed=args.seed, today=args.today, force=args.force, write=_write)
    except SeedRefused as refused:
        return _refuse(refused)
    return 0


if __name__ == "__main__":
    sys.exit(main())
