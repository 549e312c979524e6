"""`python -m hearth bench`: server time and SQL queries per page at the `la` and `large` scales.

For each scale the synthetic council is seeded once into its own database (SQLite files
under var/bench/, or databases beside DATABASE_URL's on PostgreSQL) and reused after. Each
page is requested in-process through Django's full middleware stack, as a worker signed in:
a few warm-up requests, then `--runs` timed ones. The median and 95th percentile server time
and the query count go to var/bench/results.json, with each page's budget and whether it
held. Times live here, never in tests; tests assert the query counts.
"""

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"
RESULTS = BENCH_DIR / "results.json"

# Budgets at `large` scale on a 2-core machine.
BUDGET_P95_MS = 100.0
BUDGET_QUERIES = 15


@dataclass
class PageResult:
    database: str
    scale: str
    page: str
    url: str
    runs: int
    median_ms: float
    p95_ms: float
    max_ms: float
    queries: int
    budget_p95_ms: float
    budget_queries: int

    @property
    def within_budget(self) -> bool:
        return self.p95_ms <= self.budget_p95_ms and self.queries <= self.budget_queries


def add_bench_arguments(parser) -> None:
    parser.add_argument("--scale", action="append", choices=["demo", "la", "large"],
                        help="Scale to measure; repeat for more (default: la and large)")
    parser.add_argument("--runs", type=int, default=50, help="Timed requests per page (default 50)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--page", action="append", metavar="NAME",
                        help="Measure only the pages whose name contains NAME; repeat for more (default: every page)")
    parser.add_argument("--one-scale", action="store_true", help=argparse.SUPPRESS)


def database_url_for(scale: str) -> tuple[str, str]:
    """The database for one scale: (kind, URL)."""
    base = os.environ.get("DATABASE_URL", "")
    if base.startswith("postgres"):
        head, _, _name = base.rpartition("/")
        return "postgresql", f"{head}/hearth_bench_{scale}"
    return "sqlite", f"sqlite:///{BENCH_DIR / f'{scale}.sqlite3'}"


def _ensure_postgres_database(url: str) -> None:
    import psycopg

    head, _, name = url.rpartition("/")
    with psycopg.connect(f"{head}/postgres", autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')


def run(args) -> int:
    """Measure every scale asked for, each in its own process (settings are per process)."""
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    scales = args.scale or ["la", "large"]
    results = []
    for scale in scales:
        kind, url = database_url_for(scale)
        if kind == "postgresql":
            _ensure_postgres_database(url)
        env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "config.settings.bench"}
        out = BENCH_DIR / f"{kind}-{scale}.json"
        command = [sys.executable, "-m", "hearth", "bench", "--one-scale", "--scale", scale,
                   "--runs", str(args.runs), "--seed", str(args.seed)]
        command += [option for name in args.page or [] for option in ("--page", name)]
        subprocess.run(command, env=env, check=True, cwd=ROOT)
        results.extend(json.loads(out.read_text()))
    previous = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    measured = {f"{r['database']}/{r['scale']}/{r['page']}": r for r in previous.get("pages", [])}
    measured.update({f"{r['database']}/{r['scale']}/{r['page']}": r for r in results})
    RESULTS.write_text(json.dumps({
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()},
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "pages": sorted(measured.values(), key=lambda r: (r["database"], r["scale"], r["page"])),
    }, indent=2))
    failures = [r for r in results if r["scale"] == "large" and not r["within_budget"]]
    sys.stdout.write(f"\nResults written to {RESULTS.relative_to(ROOT)}\n")
    for r in failures:
        sys.stdout.write(f"OVER BUDGET at large scale: {r['page']} p95 {r['p95_ms']} ms, {r['queries']} queries\n")
    return 1 if failures else 0


def run_one_scale(args) -> int:
    """In a process whose settings point at this scale's database: seed, then time each page."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from hearth.seed.generator import run_seed

    scale = args.scale[0]
    call_command("migrate", verbosity=0, interactive=False)
    seeded = run_seed(scale=scale, years=None, seed=args.seed, today=None, force=False,
                      write=lambda line: sys.stdout.write(line + "\n"))
    if seeded.reused:
        # A fresh seed has just done this. A reused one may have been migrated since: refresh the statistics, as a
        # production database's would be, and on PostgreSQL autovacuum's visibility map, without which an
        # index-only scan still visits every row it counts.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    kind = "postgresql" if connection.vendor == "postgresql" else "sqlite"
    # As the WSGI entry point does once Django is loaded (config/wsgi.py): the seed's own objects are gone by now.
    from hearth.core.startup import freeze_loaded_objects

    freeze_loaded_objects()
    results = []
    for name, url, user in selected(_pages_to_measure(), args.page):
        client = Client()
        client.force_login(user)
        for _ in range(3):
            assert client.get(url).status_code == 200, url
        queries = QueryCounter()
        with connection.execute_wrapper(queries):
            client.get(url)
        timings = []
        for _ in range(args.runs):
            started = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        timings.sort()
        result = PageResult(
            database=kind, scale=scale, page=name, url=url, runs=args.runs,
            median_ms=round(statistics.median(timings), 2),
            p95_ms=round(timings[max(0, int(len(timings) * 0.95) - 1)], 2), max_ms=round(timings[-1], 2),
            queries=len(queries), budget_p95_ms=BUDGET_P95_MS, budget_queries=BUDGET_QUERIES,
        )
        results.append({**asdict(result), "within_budget": result.within_budget})
        sys.stdout.write(f"{kind:10} {scale:6} {name:14} median {result.median_ms:7.2f} ms  p95 {result.p95_ms:7.2f} ms"
                         f"  {result.queries:2d} queries  {'ok' if result.within_budget else 'OVER BUDGET'}\n")
    (BENCH_DIR / f"{kind}-{scale}.json").write_text(json.dumps(results, indent=2))
    return 0


def selected(pages: list[tuple[str, str, object]], wanted: list[str] | None) -> list[tuple[str, str, object]]:
    """The pages whose name contains one of `wanted` (--page), or every page when none is named."""
    return [page for page in pages if not wanted or any(name in page[0] for name in wanted)]


class QueryCounter(list):
    """A database execute wrapper that notes each statement."""

    def __call__(self, execute, sql, params, many, context):
        self.append(sql)
        return execute(sql, params, many, context)


def _pages_to_measure() -> list[tuple[str, str, object]]:
    """Each page with the user who would open it: the demo social worker's My work and busiest child, the demo
    manager's team's work, the front door's worklist for its adviser, and its performance for a senior leader."""
    from django.db.models import Count

    from hearth.accounts.models import User

    worker = User.objects.get(username="demo.social.worker")
    adviser = User.objects.get(username="demo.adviser")
    leader = User.objects.get(username="demo.leader")
    manager = User.objects.get(username="demo.manager")
    from hearth.casework.models import Allocation

    busiest = (
        Allocation.objects.filter(worker=worker, ended_on__isnull=True)
        .annotate(notes=Count("child__case_notes")).order_by("-notes").select_related("child").first()
    )
    child = busiest.child
    return [
        ("my work", "/my-work", worker),
        ("my caseload", "/my-work/caseload", worker),
        ("child record", f"/children/{child.pk}/", worker),
        ("chronology", f"/children/{child.pk}/chronology", worker),
        ("case notes", f"/children/{child.pk}/case-notes/", worker),
        ("search", f"/children/?text={child.last_name}", worker),
        ("front door worklist", "/front-door/", adviser),
        ("front door performance", "/front-door/performance", leader),
        ("fd perf: outcomes", "/front-door/performance?view=outcomes", leader),
        ("fd perf: re-contacts", "/front-door/performance?view=recontacts", leader),
        # The lists behind the figures, the largest of each kind: every decision of the period, every re-contact.
        ("fd list: decisions", "/front-door/performance/contacts?basis=decisions", leader),
        ("fd list: re-contacts", "/front-door/performance/contacts?basis=received&recontact=yes", leader),
        # Management oversight: every decision of the last 28 days from every source, by team, with its list.
        ("oversight: decisions", "/oversight/decisions", leader),
        # Quality assurance: audits graded in the last six months by theme, month and grade.
        ("audit themes", "/oversight/audits/themes", leader),
        # What is due: the manager's decisions awaiting them and their team's overdue work, every source in one query.
        ("team's work", "/team-work", manager),
        # Leaders track and review pre-proceedings: every family in them and in care proceedings, all teams.
        ("pre-proceedings", "/protection/pre-proceedings", leader),
    ] + _protection_pages() + _children_in_need_pages()


# --- Child protection ----------------------------------------------------------------------------------------------

def _protection_pages() -> list[tuple[str, str, object]]:
    """The record of a child with an open child protection plan, for the worker allocated: skipped, saying so, while
    the seed makes no plans."""
    from hearth.casework.models import Allocation
    from hearth.protection.models import ChildProtectionPlan

    plan = (ChildProtectionPlan.objects.filter(end_date__isnull=True, child__allocations__ended_on__isnull=True,
                                               child__allocations__worker__isnull=False).order_by("pk").first())
    if plan is None:
        sys.stdout.write("bench: the seed has no open child protection plans yet: the child record with an open plan "
                         "is not measured\n")
        return []
    worker = Allocation.objects.filter(child=plan.child_id, ended_on__isnull=True).get().worker
    return [("child record with CP plan", f"/children/{plan.child_id}/", worker),
            ("CP plan", f"/children/{plan.child_id}/protection-plans/{plan.pk}", worker)]

# --- Children in need: the referral queue and the assessment page -----------------------------------------------


def _children_in_need_pages() -> list[tuple[str, str, object]]:
    """The demo manager's referral queue, and the assessment page of the demo worker's child with the most visits;
    the assessment page is left out, saying so, when the seed made no assessments."""
    from django.db.models import Count

    from hearth.accounts.models import User
    from hearth.children_in_need.models import Assessment

    manager = User.objects.get(username="demo.manager")
    worker = User.objects.get(username="demo.social.worker")
    pages = [("cin referral queue", "/children-in-need/referrals/", manager)]
    # A child the worker holds now: an assessment from an earlier allocation of theirs is another worker's to show.
    assessment = (Assessment.objects.filter(referral__allocation__worker=worker, referral__allocation__ended_on__isnull=True)
                  .annotate(visits_seen=Count("visits")).order_by("-visits_seen", "-pk").first())
    if assessment is None:
        sys.stdout.write("cin assessment: skipped, none seeded (the seed makes no child and family assessments)\n")
    else:
        pages.append(("cin assessment",
                      f"/children/{assessment.child_id}/children-in-need/{assessment.referral_id}/assessment", worker))
    return pages
