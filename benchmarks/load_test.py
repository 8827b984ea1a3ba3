"""Load test: concurrent supervisors browse dashboards and agency pages over HTTP.

Run (PostgreSQL with the synthetic national data, created first if absent):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/itaplan_bench \\
        .venv/bin/python benchmarks/load_test.py [--users 20] [--seconds 60]

Starts the app with gunicorn (runserver when gunicorn is missing) on 127.0.0.1 at
a free port, production-like (DEBUG off, static files collected and served by
whitenoise). Each simulated user is a thread with its own cookies that logs in
through the login form, then loops — a dashboard with a random sort, page or
filter, an agency's results, its plan — until the time or the request budget is
spent. Prints throughput, latency percentiles and errors, then stops the server.
Only the loopback interface is used.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import random
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "itaplan.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from itaplan.agencies.models import Province, SupervisorScope  # noqa: E402
from itaplan.plans.models import Plan  # noqa: E402
from itaplan.supervision import synthetic  # noqa: E402

YEAR = 2568
DASHBOARD_QUERIES = [
    "",
    "sort=name",
    "sort=i9",
    "sort=-change",
    "sort=total&page=2",
    "kind=sao",
    "kind=tambon&sort=i1",
    "page=3",
]
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Stats:
    times: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    examples: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    sent: int = 0

    def take_ticket(self, budget: int) -> bool:
        with self.lock:
            if self.sent >= budget:
                return False
            self.sent += 1
            return True

    def record(self, kind: str, seconds: float, error: str | None) -> None:
        with self.lock:
            self.times[kind].append(seconds)
            if error:
                self.errors[kind] += 1
                if len(self.examples) < 5:
                    self.examples.append(f"{kind}: {error}")


@dataclass(frozen=True)
class Persona:
    username: str
    password: str
    province_id: int | None
    agencies: list[str]
    plans: list[tuple[str, int]]


def prepare(users: int, seed: int) -> list[Persona]:
    """Synthetic data, supervisor accounts with a fresh password, and the pages they read."""
    if not synthetic.synthetic_agencies().exists():
        print("creating synthetic data (8300 agencies × 6 years) …", flush=True)
        call_command("demo_synthetic", stdout=sys.stdout)
    rng = random.Random(seed)
    provinces = list(
        Province.objects.filter(name__startswith=synthetic.PREFIX).order_by("name")[:5]
    )
    personas = []
    for i in range(users):
        # A quarter of the users oversee the whole country, the rest one province each.
        province = None if i % 4 == 0 else provinces[i % len(provinces)]
        username = f"load-{i:02d}"
        password = secrets.token_urlsafe(16)
        user, _ = User.objects.get_or_create(username=username)
        user.set_password(password)
        user.save()
        SupervisorScope.objects.filter(user=user).delete()
        SupervisorScope.objects.create(user=user, province=province)
        agencies = synthetic.synthetic_agencies().filter(results__fiscal_year=YEAR)
        plans = Plan.objects.filter(agency__is_synthetic=True, fiscal_year=YEAR + 1)
        if province is not None:
            agencies = agencies.filter(district__province=province)
            plans = plans.filter(agency__district__province=province)
        codes = list(agencies.values_list("code", flat=True))
        plan_ids = list(plans.values_list("agency__code", "pk"))
        personas.append(
            Persona(
                username,
                password,
                province.pk if province else None,
                rng.sample(codes, min(40, len(codes))),
                rng.sample(plan_ids, min(40, len(plan_ids))),
            )
        )
    connection.close()
    return personas


def start_server(port: int, workers: int, static_root: str) -> subprocess.Popen[bytes]:
    env = os.environ | {
        "ITAPLAN_DEBUG": "false",
        "ITAPLAN_SECRET_KEY": secrets.token_urlsafe(50),
        "ITAPLAN_ALLOWED_HOSTS": "127.0.0.1",
        "ITAPLAN_SSL_REDIRECT": "false",  # plain http on loopback
        "ITAPLAN_SECURE_COOKIES": "false",
        "ITAPLAN_STATIC_ROOT": static_root,
        "ITAPLAN_DB_CONN_MAX_AGE": "60",
    }
    subprocess.run(
        [sys.executable, "-m", "django", "collectstatic", "--noinput", "--verbosity", "0"],
        env=env,
        cwd=ROOT,
        check=True,
    )
    if _has("gunicorn"):
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "itaplan.wsgi",
            f"--bind=127.0.0.1:{port}",
            f"--workers={workers}",
            "--threads=4",
            "--log-level=warning",
        ]
        print(f"server: gunicorn, {workers} workers × 4 threads, 127.0.0.1:{port}")
    else:
        command = [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"]
        print(f"server: runserver (gunicorn not installed), 127.0.0.1:{port}")
    server = subprocess.Popen(command, env=env, cwd=ROOT, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/login/", timeout=5):
                return server
        except OSError:  # refused, reset or timed out while the workers start
            if server.poll() is not None:
                raise SystemExit("the server stopped while starting") from None
            time.sleep(0.3)
    stop_server(server)
    raise SystemExit("the server did not answer within 60 s")


def _has(module: str) -> bool:
    try:
        __import__(module)
    except ImportError:
        return False
    return True


def stop_server(server: subprocess.Popen[bytes]) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()


def browse(
    base: str, persona: Persona, stats: Stats, stop_at: float, budget: int, seed: int
) -> None:
    """One user: log in through the form, then read pages until time or budget run out."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    rng = random.Random(seed)

    def get(kind: str, path: str) -> None:
        start = time.perf_counter()
        error = None
        try:
            with opener.open(base + path, timeout=30) as response:
                response.read()
                if response.status != 200 or response.url.rstrip("/").endswith("/login"):
                    error = f"{response.status} {response.url}"
        except urllib.error.HTTPError as exc:
            error = f"{exc.code} {path}"
        except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
            error = f"{type(exc).__name__} {path}"
        stats.record(kind, time.perf_counter() - start, error)

    with opener.open(base + "/accounts/login/", timeout=30) as page:
        token = CSRF.search(page.read().decode())
    if not token:
        stats.record("login", 0.0, "no CSRF token on the login page")
        return
    form = urllib.parse.urlencode(
        {
            "username": persona.username,
            "password": persona.password,
            "csrfmiddlewaretoken": token[1],
        }
    ).encode()
    start = time.perf_counter()
    with opener.open(base + "/accounts/login/", data=form, timeout=30) as response:
        response.read()
        ok = not response.url.rstrip("/").endswith("/login")
    stats.record("login", time.perf_counter() - start, None if ok else "login refused")
    if not ok:
        return
    while time.monotonic() < stop_at and stats.take_ticket(budget):
        draw = rng.random()
        if draw < 0.5:
            query = rng.choice(DASHBOARD_QUERIES)
            get("dashboard", f"/supervision/?year={YEAR}&{query}")
        elif draw < 0.75:
            get("result page", f"/agency/{rng.choice(persona.agencies)}/results/{YEAR}/")
        elif draw < 0.85:
            get("results list", f"/agency/{rng.choice(persona.agencies)}/results/")
        else:
            code, plan_id = rng.choice(persona.plans)
            get("plan page", f"/agency/{code}/plans/{plan_id}/")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--max-requests", type=int, default=20000)
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        raise SystemExit("set DATABASE_URL to a PostgreSQL database (e.g. itaplan_bench)")

    personas = prepare(args.users, args.seed)
    port = free_port()
    static_root = tempfile.mkdtemp(prefix="itaplan-static-")
    server = start_server(port, args.workers, static_root)
    stats = Stats()
    try:
        base = f"http://127.0.0.1:{port}"
        stop_at = time.monotonic() + args.seconds
        threads = [
            threading.Thread(
                target=browse,
                args=(base, persona, stats, stop_at, args.max_requests, args.seed + i),
                daemon=True,
            )
            for i, persona in enumerate(personas)
        ]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=args.seconds + 60)
        elapsed = time.monotonic() - started
    finally:
        stop_server(server)
        shutil.rmtree(static_root, ignore_errors=True)

    every = [t for kind, times in stats.times.items() if kind != "login" for t in times]
    errors = sum(stats.errors.values())
    print(
        f"\n{args.users} users for {elapsed:.1f} s, load average {os.getloadavg()[0]:.2f} "
        f"on {os.cpu_count()} CPUs\n"
    )
    print(f"{'page':<16}{'requests':>9}{'median ms':>11}{'p95 ms':>9}{'p99 ms':>9}{'errors':>8}")
    for kind in ("dashboard", "result page", "results list", "plan page", "login"):
        times = stats.times.get(kind, [])
        if times:
            print(
                f"{kind:<16}{len(times):>9}{statistics.median(times) * 1e3:>11.1f}"
                f"{percentile(times, 0.95) * 1e3:>9.1f}{percentile(times, 0.99) * 1e3:>9.1f}"
                f"{stats.errors.get(kind, 0):>8}"
            )
    if every:
        print(
            f"\nall pages: {len(every)} requests, {len(every) / elapsed:.1f} requests/s, "
            f"median {statistics.median(every) * 1e3:.1f} ms, "
            f"p95 {percentile(every, 0.95) * 1e3:.1f} ms, errors {errors}"
        )
    for example in stats.examples:
        print("  error:", example)
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
