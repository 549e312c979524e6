"""Hearth's own command line: `python -m hearth seed --scale demo|la|large --years N --seed S`, and `bench`.

It works without manage.py, for a first run: `--database-url` chooses the database
(otherwise DATABASE_URL, otherwise SQLite under var/), and the settings default to
config.settings.dev.
"""

import argparse
import os
import sys

from hearth.bench import add_bench_arguments
from hearth.seed import add_seed_arguments


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m hearth", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    seed = commands.add_parser("seed", help="Generate the synthetic council, or reuse the one already there")
    add_seed_arguments(seed)
    seed.add_argument("--database-url", default=None, help="The database to seed, e.g. sqlite:////tmp/demo.sqlite3")
    bench = commands.add_parser("bench", help="Time the pages at the la and large scales (var/bench/results.json)")
    add_bench_arguments(bench)
    args = parser.parse_args(argv)

    if args.command == "bench":
        from hearth import bench as benchmark

        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.bench")
        return benchmark.run_one_scale(args) if args.one_scale else benchmark.run(args)

    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()
    from hearth.seed.generator import SeedRefused, run_seed

    def write(line: str) -> None:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()

    try:
        run_seed(scale=args.scale, years=args.years, seed=args.seed, today=args.today, force=args.force, write=write)
    except SeedRefused as refused:
        sys.stderr.write(f"{refused}\n")
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
