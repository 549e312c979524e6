"""`python -m hearth loadtest`: Gunicorn over the seeded `la` council on PostgreSQL, driven by Locust.

Run it through scripts/with-postgres.sh (`make loadtest` does, keeping the cluster under var/bench/postgres
so the council is seeded once and reused). The council's database sits beside DATABASE_URL's, as
`make bench`'s does. Gunicorn runs with config/gunicorn.conf.py and the serving settings
(config/settings/serve.py) on a free loopback port; Locust runs headless in its own process with a number of
signed-in users, each at the same steady rate (Locust's constant_throughput), so that together they make the
rate asked for: an open loop while each user's requests take less than its slot (users / rate seconds). The
figures, from the moment every user has signed in and for the duration asked, go to var/bench/load.json.
"""

import argparse
import json
import os
import platform
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

from hearth.bench import BENCH_DIR, ROOT, _ensure_postgres_database, database_url_for
from hearth.loadtest import summary

PLAN = BENCH_DIR / "load-plan.json"
RESULTS = BENCH_DIR / "load.json"
RECORDING = BENCH_DIR / "load-recording.json"
SERVER_LOG = BENCH_DIR / "load-server.log"
BIN = Path(sys.executable).parent
# Users sign in as they start (a password hash each, which is slow on purpose): start one a second.
SPAWN_RATE = 1


def add_loadtest_arguments(parser) -> None:
    parser.add_argument("--rate", type=float, default=100.0, help="Requests a second, all users together (100)")
    parser.add_argument("--duration", type=int, default=300, help="Seconds measured, after every user has started (300)")
    parser.add_argument("--users", type=int, default=50, help="Signed-in users sharing the rate (50)")
    parser.add_argument("--workers", type=int, default=None, help="Gunicorn workers (config/gunicorn.conf.py's default)")
    parser.add_argument("--threads", type=int, default=None, help="Threads per Gunicorn worker (the config's default)")
    parser.add_argument("--prepare", action="store_true", help=argparse.SUPPRESS)


def run(args) -> int:
    """Prepare the council, serve it, load it, write the figures."""
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.stderr.write("The load test runs on PostgreSQL: scripts/with-postgres.sh python -m hearth loadtest "
                         "(make loadtest does this).\n")
        return 2
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    _kind, url = database_url_for("la")
    _ensure_postgres_database(url)
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "config.settings.serve"}
    subprocess.run([sys.executable, "-m", "hearth", "loadtest", "--prepare"], env=env, check=True, cwd=ROOT)

    port = _free_port()
    server_env = dict(env)
    if args.workers:
        server_env["WEB_CONCURRENCY"] = str(args.workers)
    if args.threads:
        server_env["GUNICORN_THREADS"] = str(args.threads)
    with SERVER_LOG.open("w") as server_log:
        server = subprocess.Popen(
            [str(BIN / "gunicorn"), "-c", "config/gunicorn.conf.py", "--bind", f"127.0.0.1:{port}", "config.wsgi"],
            env=server_env, cwd=ROOT, stdout=server_log, stderr=subprocess.STDOUT)
        sampler = CpuSampler(server_pid=server.pid, database_port=_database_port(url))
        try:
            _wait_for_health(port, server)
            sampler.start()
            ramp = args.users / SPAWN_RATE
            sys.stdout.write(f"Gunicorn on 127.0.0.1:{port}; {args.users} users at {args.rate:g} requests a second, "
                             f"measured for {args.duration} s after a {ramp:.0f} s start.\n")
            sys.stdout.flush()
            RECORDING.unlink(missing_ok=True)
            subprocess.run([
                str(BIN / "locust"), "-f", str(Path(__file__).with_name("locustfile.py")), "--headless",
                "--host", f"http://127.0.0.1:{port}", "--users", str(args.users), "--spawn-rate", str(SPAWN_RATE),
                # A backstop only: the locustfile stops the test once the measured window has run its length.
                "--run-time", f"{int(ramp + args.duration + 180)}s", "--only-summary", "--stop-timeout", "10",
                "--loglevel", "WARNING",
            ], env={**os.environ, "PYTHONPATH": str(ROOT), "HEARTH_LOAD_PLAN": str(PLAN),
                    "HEARTH_LOAD_PER_USER_RATE": str(args.rate / args.users), "HEARTH_LOAD_USERS": str(args.users),
                    "HEARTH_LOAD_DURATION": str(args.duration), "HEARTH_LOAD_RECORDING": str(RECORDING)},
                cwd=ROOT, check=False)
        finally:
            sampler.stop()
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=60)

    if not RECORDING.exists():
        sys.stderr.write(f"Locust wrote no recording ({RECORDING}): the users never all signed in.\n")
        return 1
    recording = summary.Recording.from_json(json.loads(RECORDING.read_text()))
    figures = summary.summarise(recording, target_rate=args.rate)
    figures["cpu"] = summary.cpu_used(sampler.samples, recording.started_at, recording.ended_at,
                                      figures["requests"])
    figures["load_average_at_end"] = os.getloadavg()
    RESULTS.write_text(json.dumps({
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()},
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "database": "postgresql", "scale": "la", "users": args.users, "duration_asked_s": args.duration,
        "gunicorn": {"workers": server_env.get("WEB_CONCURRENCY", "config default"),
                     "threads": server_env.get("GUNICORN_THREADS", "config default")},
        **figures,
    }, indent=2))
    for name, page in figures["pages"].items():
        sys.stdout.write(f"{name:42} {page['requests']:6d} requests {page['rate_per_s']:6.1f}/s  "
                         f"p50 {page['p50_ms']:5.0f}  p95 {page['p95_ms']:5.0f}  p99 {page['p99_ms']:5.0f} ms  "
                         f"{page['failures']} failed\n")
    for name, used in figures["cpu"].items():
        per_request = f", {used['ms_per_request']} ms a request" if name not in ("machine", "others") else ""
        sys.stdout.write(f"CPU, {name}: {used['cores']} cores{per_request}\n")
    goal = figures["goal"]
    sys.stdout.write(f"\nAchieved {figures['achieved_rate_per_s']} requests a second (asked {args.rate:g}), "
                     f"p95 {figures['p95_ms']} ms, {figures['errors']} errors: goal "
                     f"{'met' if goal['met'] else 'NOT met'}. Written to {RESULTS.relative_to(ROOT)}\n")
    return 0 if goal["met"] else 1


def prepare() -> int:
    """In a process whose settings point at the council's database: migrate, seed (or reuse), collect the
    static files, and write the plan of who signs in and which children they open."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from hearth.seed.generator import run_seed

    seeded = run_seed(scale="la", seed=1, write=lambda line: sys.stdout.write(line + "\n"))
    if seeded.reused:
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    if not _static_is_collected():
        call_command("collectstatic", interactive=False, verbosity=0)
    PLAN.write_text(json.dumps(load_plan(), indent=1))
    return 0


def load_plan(*, children_each: int = 20) -> dict:
    """The seeded staff the load test signs in as: social workers with a caseload (their children's ids and
    surnames, for their records and searches), front-door advisers and senior leaders."""
    from hearth.accounts.models import User
    from hearth.accounts.roles import RoleCode
    from hearth.casework.models import Allocation
    from hearth.seed.generator import DEMO_PASSWORD

    caseloads: dict[str, dict] = {}
    allocations = (Allocation.objects.filter(ended_on__isnull=True, worker__roles__code=RoleCode.SOCIAL_WORKER,
                                             worker__is_active=True)
                   .order_by("worker__username", "child_id").values_list("worker__username", "child_id",
                                                                        "child__last_name"))
    for username, child_id, surname in allocations:
        caseload = caseloads.setdefault(username, {"username": username, "children": [], "surnames": []})
        if len(caseload["children"]) < children_each:
            caseload["children"].append(child_id)
            if surname not in caseload["surnames"]:
                caseload["surnames"].append(surname)

    def with_role(role: str) -> list[dict]:
        return [{"username": name} for name in
                User.objects.filter(roles__code=role, is_active=True).order_by("username")
                .values_list("username", flat=True)]

    return {"password": DEMO_PASSWORD, "workers": list(caseloads.values()),
            "advisers": with_role(RoleCode.FRONT_DOOR_ADVISER), "leaders": with_role(RoleCode.SENIOR_LEADER)}


class CpuSampler(threading.Thread):
    """Every second, the CPU seconds used so far by Gunicorn (master and workers, living and reaped), the
    council's PostgreSQL server, Locust (every other child of this process) and the whole machine."""

    def __init__(self, *, server_pid: int, database_port: int | None):
        super().__init__(daemon=True)
        import psutil

        self.psutil = psutil
        self.server = psutil.Process(server_pid)
        self.database = _postmaster(psutil, database_port)
        self.samples: list[tuple[float, dict[str, float]]] = []
        self._stopped = threading.Event()

    def _tree(self, process) -> float:
        try:
            times = process.cpu_times()
            total = times.user + times.system + times.children_user + times.children_system
            for child in process.children(recursive=True):
                try:
                    child_times = child.cpu_times()
                    total += child_times.user + child_times.system
                except self.psutil.Error:
                    pass
            return total
        except self.psutil.Error:
            return 0.0

    def run(self) -> None:
        me = self.psutil.Process()
        while not self._stopped.wait(1.0):
            machine = self.psutil.cpu_times()
            sample = {
                "server (gunicorn)": self._tree(self.server),
                "load generator (locust)": sum(self._tree(child) for child in me.children()
                                               if child.pid != self.server.pid),
                "machine": machine.user + machine.system + machine.nice + getattr(machine, "irq", 0)
                + getattr(machine, "softirq", 0),
            }
            if self.database is not None:
                sample["database (postgresql)"] = self._tree(self.database)
            self.samples.append((time.time(), sample))

    def stop(self) -> None:
        self._stopped.set()


def _database_port(url: str) -> int | None:
    from urllib.parse import urlsplit

    return urlsplit(url).port


def _postmaster(psutil, port: int | None):
    """The PostgreSQL server listening on the port (with-postgres.sh starts it with `-p PORT`)."""
    if port is None:
        return None
    for process in psutil.process_iter(["name", "cmdline"]):
        cmdline = process.info["cmdline"] or []
        if process.info["name"] == "postgres" and any(
                flag == "-p" and value == str(port) for flag, value in zip(cmdline, cmdline[1:], strict=False)):
            return process
    return None


def _static_is_collected() -> bool:
    """Whether collectstatic's output is newer than every file under hearth/static (compressing takes a while)."""
    from django.conf import settings

    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if not manifest.exists():
        return False
    newest = max(path.stat().st_mtime for path in (ROOT / "hearth" / "static").rglob("*") if path.is_file())
    return manifest.stat().st_mtime >= newest


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for_health(port: int, server: subprocess.Popen, timeout_s: float = 90) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"Gunicorn exited ({server.returncode}); see {SERVER_LOG}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"Gunicorn did not answer /health within {timeout_s:.0f} s; see {SERVER_LOG}")
