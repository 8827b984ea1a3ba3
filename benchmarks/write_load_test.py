"""Write load test: concurrent officers read and save over HTTP; no 500, no lost update.

Run on SQLite (a fresh file) or PostgreSQL (a database of its own, created when absent):

    DATABASE_URL=sqlite:////tmp/itaplan-write-load.sqlite3 \\
        .venv/bin/python benchmarks/write_load_test.py [--users 20] [--seconds 60]
    DATABASE_URL=postgres://postgres:postgres@127.0.0.1:5432/itaplan_write_load \\
        .venv/bin/python benchmarks/write_load_test.py

The database is emptied and migrated first (the name must contain "load": this
test never touches another database). Starts gunicorn on 127.0.0.1 at a free port,
production-like (benchmarks/load_test.py starts it). Every simulated user is a
thread with its own cookies (an editor session and an executive session) that logs
in through the login form and loops until the time or request budget is spent:

- reads (result page, plan pages, progress dashboard) of the shared agency,
- saves its own measure of the shared draft plan (the edit form and its token),
- records progress on its own measure of the shared approved plan,
- approves its own agency's plan (reopening, submitting, then approving as the
  executive),
- imports its own agency's result from a CSV (preview, then confirm with replace).

Every user writes the same few tables at once, so the writes contend for SQLite's
one write lock and PostgreSQL's rows. At the end each user's last successful write
of each kind is looked up in the database: a write answered as saved but not found
is a lost update. Prints requests, median, p95 and p99 per kind, the 503 "someone
else is saving" answers, the 500s and the lost updates; exits 1 on any 500 or lost
update. Only the loopback interface is used.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import random
import re
import secrets
import shutil
import statistics
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("ITAPLAN_EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")

import load_test
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from itaplan.agencies.models import Agency, Membership, Unit
from itaplan.agencies.services import grant_role, upsert_user
from itaplan.domain.thai import fiscal_year_of, format_date_numeric
from itaplan.lib.testing import csv_bytes, make_agency, sheet_row
from itaplan.plans import services as plans
from itaplan.plans.models import Measure, Plan
from itaplan.progress.models import ProgressUpdate, ReportingRound
from itaplan.results.models import Result

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
EDIT_TOKEN = re.compile(r'name="edit_token" value="([^"]+)"')
ROWS = re.compile(r'name="rows" value="([^"]+)"')
PLAN_URL = re.compile(r"/plans/(\d+)/")
KINDS = ("read", "measure save", "progress update", "approval", "import preview", "import")
YEAR = 2568


@dataclass
class Persona:
    number: int
    editor: str
    executive: str
    password: str
    own_agency: str
    draft_plan: int
    draft_measure: int
    unit: int
    progress_measure: int
    round_id: int
    own_plan: int


@dataclass
class Expected:
    """What each user last saved, as the server confirmed it."""

    title: str | None = None
    progress: str | None = None
    plan: tuple[int, str] | None = None
    score: float | None = None


@dataclass
class Clock:
    """Logins first (password hashing is slow by design), then the measured period."""

    ready: threading.Barrier
    stop_at: float = 0.0


@dataclass
class Stats(load_test.Stats):
    """load_test's figures, with the HTTP status of every answer counted by kind."""

    status: dict[str, dict[int, int]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(int))
    )

    def record(  # type: ignore[override]
        self, kind: str, seconds: float, status: int, note: str = ""
    ) -> None:
        with self.lock:
            self.times[kind].append(seconds)
            self.status[kind][status] += 1
            if status >= 500 and len(self.examples) < 8:
                self.examples.append(f"{kind}: {status} {note}")


# --- the data -----------------------------------------------------------------------


def reset_database() -> None:
    name = str(connection.settings_dict["NAME"])
    if "load" not in name:
        raise SystemExit(f"refusing to empty {name!r}: use a database whose name contains 'load'")
    if connection.vendor == "sqlite":
        connection.close()
        Path(name).unlink(missing_ok=True)
    else:
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    call_command("migrate", verbosity=0)


def prepare(users: int) -> list[Persona]:
    """A shared agency with a draft and an approved plan (a measure per user), and one
    agency per user with a submitted plan; an editor and an executive per user."""
    password = secrets.token_urlsafe(16)
    this_year = fiscal_year_of(timezone.localdate())
    shared = make_agency("shared-load", "องค์การบริหารส่วนตำบลทดสอบภาระ")
    unit, _ = Unit.objects.get_or_create(agency=shared, name="สำนักปลัด")
    boss, _ = upsert_user("load-boss", email="boss@example.org", password=password)
    chief, _ = upsert_user("load-chief", email="chief@example.org", password=password)
    grant_role(boss, shared, Membership.Role.ADMIN)
    grant_role(chief, shared, Membership.Role.EXECUTIVE)

    def plan_with(agency: Agency, year: int, editor: object, count: int) -> Plan:
        plan = plans.create_plan(agency, year, editor)  # type: ignore[arg-type]
        first, last = plan.bounds
        for n in range(count):
            plans.add_measure(
                plan,
                editor,  # type: ignore[arg-type]
                plans.MeasureData(
                    title=f"มาตรการที่ {n + 1}",
                    steps=["ขั้นตอนที่หนึ่ง"],
                    start_date=first,
                    end_date=last,
                    units=[agency.units.first() or unit],
                    indicator=2,
                ),
            )
        return plan

    approved = plan_with(shared, this_year, boss, users)
    plans.submit(approved, boss)  # type: ignore[arg-type]
    plans.approve(approved, chief, "ผู้บริหาร", "นายก", timezone.localdate())  # type: ignore[arg-type]
    draft = plan_with(shared, this_year + 1, boss, users)
    round_ = ReportingRound.objects.filter(plan=approved).order_by("end_date").first()
    assert round_ is not None
    progress_measures = list(approved.measures.order_by("order"))
    draft_measures = list(draft.measures.order_by("order"))

    personas = []
    for i in range(users):
        editor, _ = upsert_user(f"load-{i:02d}", email=f"l{i}@example.org", password=password)
        executive, _ = upsert_user(f"load-{i:02d}-x", email=f"x{i}@example.org", password=password)
        grant_role(editor, shared, Membership.Role.EDITOR)
        own = make_agency(f"load-{i:02d}", f"องค์การบริหารส่วนตำบลภาระที่ {i + 1}")
        Unit.objects.get_or_create(agency=own, name="สำนักปลัด")
        grant_role(editor, own, Membership.Role.EDITOR)
        grant_role(executive, own, Membership.Role.EXECUTIVE)
        own_plan = plan_with(own, this_year + 1, editor, 1)
        plans.submit(own_plan, editor)  # type: ignore[arg-type]
        personas.append(
            Persona(
                i,
                editor.get_username(),
                executive.get_username(),
                password,
                own.code,
                draft.pk,
                draft_measures[i].pk,
                unit.pk,
                progress_measures[i].pk,
                round_.pk,
                own_plan.pk,
            )
        )
    connection.close()
    return personas


# --- one user -----------------------------------------------------------------------


class Session:
    """A browser: cookies, the CSRF token of the last form, timed requests."""

    def __init__(self, base: str, stats: Stats) -> None:
        self.base = base
        self.stats = stats
        jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        self.csrf = ""

    def request(
        self,
        kind: str,
        path: str,
        data: dict[str, str] | None = None,
        *,
        body: bytes = b"",
        content_type: str = "",
    ) -> tuple[int, str, str]:
        """(status, final URL, page) of a GET, a form POST or a raw POST."""
        payload: bytes | None = None
        headers = {}
        if data is not None:
            payload = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": self.csrf}).encode()
        elif body:
            payload, headers = body, {"Content-Type": content_type}
        request = urllib.request.Request(self.base + path, data=payload, headers=headers)
        start = time.perf_counter()
        try:
            with self.opener.open(request, timeout=60) as response:
                status, url, page = response.status, response.url, response.read().decode()
        except urllib.error.HTTPError as exc:
            status, url, page = exc.code, path, exc.read().decode(errors="replace")
        except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
            status, url, page = 599, path, type(exc).__name__
        self.stats.record(kind, time.perf_counter() - start, status, path)
        found = CSRF.search(page)
        if found:
            self.csrf = found[1]
        return status, url, page

    def log_in(self, username: str, password: str) -> bool:
        self.request("login", "/accounts/login/")
        status, url, _ = self.request(
            "login", "/accounts/login/", {"username": username, "password": password}
        )
        return status == 200 and not url.rstrip("/").endswith("/login")


def multipart(fields: dict[str, str], name: str, filename: str, data: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
        for k, v in fields.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
        "Content-Type: text/csv\r\n\r\n".encode()
        + data
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def work(
    base: str,
    persona: Persona,
    stats: Stats,
    expected: Expected,
    clock: Clock,
    budget: int,
    seed: int,
) -> None:
    rng = random.Random(seed)
    editor, executive = Session(base, stats), Session(base, stats)
    if not (
        editor.log_in(persona.editor, persona.password)
        and executive.log_in(persona.executive, persona.password)
    ):
        stats.record("login", 0.0, 401, persona.editor)
        clock.ready.wait()
        return
    clock.ready.wait()  # everyone logged in: the measured minute starts together
    stop_at = clock.stop_at
    shared, own = "shared-load", persona.own_agency
    plan_id, plan_status = persona.own_plan, "submitted"
    n = 0
    today = format_date_numeric(timezone.localdate())
    while time.monotonic() < stop_at and stats.take_ticket(budget):
        n += 1
        draw = rng.random()
        if draw < 0.30:
            path = rng.choice(
                [
                    f"/agency/{shared}/plans/",
                    f"/agency/{shared}/progress/",
                    f"/agency/{shared}/progress/measures/{persona.progress_measure}/",
                    f"/agency/{own}/results/",
                    f"/agency/{own}/plans/{plan_id}/",
                ]
            )
            editor.request("read", path)
        elif draw < 0.55:
            url = f"/agency/{shared}/plans/{persona.draft_plan}/measures/{persona.draft_measure}/edit/"
            _, _, page = editor.request("read", url)
            token = EDIT_TOKEN.search(page)
            title = f"มาตรการของผู้ใช้ {persona.number} ครั้งที่ {n}"
            status, final, _ = editor.request(
                "measure save",
                url,
                {
                    "title": title,
                    "steps": "ขั้นตอนที่หนึ่ง\nขั้นตอนที่สอง",
                    "units": str(persona.unit),
                    "start_date": FIRST_NEXT,
                    "end_date": LAST_NEXT,
                    "indicator": "2",
                    "edit_token": token[1] if token else "",
                },
            )
            if status == 200 and "/edit/" not in final:
                expected.title = title
        elif draw < 0.75:
            text = f"ผู้ใช้ {persona.number} รายงานครั้งที่ {n}"
            status, final, _ = editor.request(
                "progress update",
                f"/agency/{shared}/progress/measures/{persona.progress_measure}"
                f"/rounds/{persona.round_id}/update/",
                {"status": "in_progress", "percent": str(rng.randint(1, 99)), "done_text": text},
            )
            if status == 200 and "/update/" not in final:
                expected.progress = text
        elif draw < 0.90:
            if plan_status == "approved":
                status, final, page = editor.request(
                    "approval", f"/agency/{own}/plans/{plan_id}/new-version/", {}
                )
                found = PLAN_URL.search(final)
                if status == 200 and found and int(found[1]) != plan_id:
                    plan_id, plan_status = int(found[1]), "draft"
                    expected.plan = (plan_id, plan_status)
            elif plan_status == "draft":
                status, _, page = editor.request(
                    "approval", f"/agency/{own}/plans/{plan_id}/submit/", {}
                )
                if status == 200 and "notice success" in page:
                    plan_status = "submitted"
                    expected.plan = (plan_id, plan_status)
            else:
                url = f"/agency/{own}/plans/{plan_id}/approve/"
                executive.request("read", url)
                status, final, _ = executive.request(
                    "approval",
                    url,
                    {
                        "approver_name": "ผู้บริหารทดสอบ",
                        "approver_position": "นายก",
                        "approved_at": today,
                    },
                )
                if status == 200 and "/approve/" not in final:
                    plan_status = "approved"
                    expected.plan = (plan_id, plan_status)
        else:
            score = round(rng.uniform(50, 100), 2)
            body, kind = multipart(
                {"csrfmiddlewaretoken": editor.csrf},
                "file",
                "load.csv",
                csv_bytes(sheet_row(code=own, year=YEAR, i1=score)),
            )
            status, _, page = editor.request(
                "import preview",
                f"/agency/{own}/results/import/sheet/",
                body=body,
                content_type=kind,
            )
            rows = ROWS.search(page)
            if status == 200 and rows:
                status, final, _ = editor.request(
                    "import",
                    f"/agency/{own}/results/import/sheet/confirm/",
                    {"rows": rows[1], "replace": "1"},
                )
                if status == 200 and f"/results/{YEAR}/" in final:
                    expected.score = score


FIRST_NEXT = LAST_NEXT = ""


def lost_updates(personas: list[Persona], expected: list[Expected]) -> list[str]:
    """Each user's last confirmed write, looked up in the database."""
    lost = []
    for persona, wanted in zip(personas, expected, strict=True):
        who = persona.editor
        if wanted.title is not None:
            title = Measure.objects.get(pk=persona.draft_measure).title
            if title != wanted.title:
                lost.append(f"{who}: measure title {title!r}, saved {wanted.title!r}")
        if wanted.progress is not None:
            last = (
                ProgressUpdate.objects.filter(measure_id=persona.progress_measure)
                .order_by("-pk")
                .values_list("done_text", flat=True)
                .first()
            )
            if last != wanted.progress:
                lost.append(f"{who}: progress {last!r}, saved {wanted.progress!r}")
        if wanted.plan is not None:
            plan = Plan.objects.get(pk=wanted.plan[0])
            if plan.status != wanted.plan[1] or not plan.is_current:
                lost.append(f"{who}: plan {plan.pk} is {plan.status}, saved {wanted.plan[1]}")
        if wanted.score is not None:
            result = Result.objects.get(
                agency__code=persona.own_agency, fiscal_year=YEAR, is_current=True
            )
            value = result.indicator_scores.get(number=1).score
            if value != wanted.score:
                lost.append(f"{who}: indicator 1 is {value}, imported {wanted.score}")
    return lost


def main() -> None:
    global FIRST_NEXT, LAST_NEXT
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--max-requests", type=int, default=50_000)
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}", flush=True)
    reset_database()
    personas = prepare(args.users)
    first, last = Plan.objects.get(pk=personas[0].own_plan).bounds
    FIRST_NEXT, LAST_NEXT = format_date_numeric(first), format_date_numeric(last)
    port = load_test.free_port()
    static_root = tempfile.mkdtemp(prefix="itaplan-static-")
    server = load_test.start_server(port, args.workers, static_root)
    stats = Stats()
    expected = [Expected() for _ in personas]
    try:
        base = f"http://127.0.0.1:{port}"
        clock = Clock(threading.Barrier(len(personas)))

        def start_clock() -> None:
            clock.stop_at = time.monotonic() + args.seconds

        clock.ready = threading.Barrier(len(personas), action=start_clock)
        threads = [
            threading.Thread(
                target=work,
                args=(base, persona, stats, expected[i], clock, args.max_requests, args.seed + i),
                daemon=True,
            )
            for i, persona in enumerate(personas)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=args.seconds + 600)
        elapsed = time.monotonic() - (clock.stop_at - args.seconds)
    finally:
        load_test.stop_server(server)
        shutil.rmtree(static_root, ignore_errors=True)
    lost = lost_updates(personas, expected)

    print(
        f"\n{connection.vendor}: {args.users} users for {elapsed:.1f} s, gunicorn "
        f"{args.workers} workers × 4 threads, load average {os.getloadavg()[0]:.2f} "
        f"on {os.cpu_count()} CPUs\n"
    )
    print(
        f"{'kind':<16}{'requests':>9}{'median ms':>11}{'p95 ms':>9}{'p99 ms':>9}"
        f"{'503':>6}{'500':>6}{'other':>7}"
    )
    fivehundreds = 0
    for kind in (*KINDS, "login"):
        times = stats.times.get(kind, [])
        if not times:
            continue
        codes = stats.status[kind]
        busy = codes.get(503, 0)
        errors = sum(c for s, c in codes.items() if s >= 500 and s != 503)
        other = sum(c for s, c in codes.items() if s not in (200, 503) and s < 500)
        fivehundreds += errors
        print(
            f"{kind:<16}{len(times):>9}{statistics.median(times) * 1e3:>11.1f}"
            f"{load_test.percentile(times, 0.95) * 1e3:>9.1f}"
            f"{load_test.percentile(times, 0.99) * 1e3:>9.1f}{busy:>6}{errors:>6}{other:>7}"
        )
    confirmed = sum(
        (e.title is not None)
        + (e.progress is not None)
        + (e.plan is not None)
        + (e.score is not None)
        for e in expected
    )
    print(
        f"\nresponses 500 (or no answer): {fivehundreds}; last writes checked: {confirmed}, "
        f"lost updates: {len(lost)}"
    )
    for line in lost[:10]:
        print("  lost:", line)
    for example in stats.examples:
        print("  error:", example)
    sys.exit(1 if fivehundreds or lost else 0)


if __name__ == "__main__":
    main()
