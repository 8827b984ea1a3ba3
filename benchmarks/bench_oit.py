"""OIT readiness checks through the real queue worker against fictional agency sites on loopback.

Run: .venv/bin/python benchmarks/bench_oit.py [--agencies 120] [--hosts 40] [--workers 2,8]
     [--latency-ms 50] [--queue sqlite|redis]

Each agency has the 26 OIT items of FY2569 (O1–O26), one URL each, on its own host: the
hosts are HTTP servers on 127.0.1.1, 127.0.1.2, … (loopback only, nothing leaves the
machine), agencies sharing them round-robin. Every page is a Thai page with the item's
words and year after ``--latency-ms`` of server time, and one item in six links a PDF
(read with pdftotext). For each worker count N the benchmark enqueues one check per
agency, starts ``itaplan manage run_huey --workers N`` on the chosen queue and times
until every job is done; it prints URLs per second, the most requests any host saw at
once (the per-host limit is 2), and extrapolates the national re-check (8,300 agencies ×
26 URLs) from the measured rate. Target: ≥ 10 URLs/s aggregate on 2 cores, so that a
national re-check fits in a night. Bounded: at most 2,000 agencies, one run per N.

Uses a throwaway test database on the configured DATABASE_URL (a SQLite file by default).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
from http.server import ThreadingHTTPServer
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "itaplan.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from itaplan.agencies.models import Agency, District, Province  # noqa: E402
from itaplan.domain.readiness import load_rules  # noqa: E402
from itaplan.domain.thai import to_thai_digits  # noqa: E402
from itaplan.jobs.models import Job  # noqa: E402
from itaplan.lib.worker import running_worker  # noqa: E402
from itaplan.readiness import services  # noqa: E402
from itaplan.readiness.models import PublishedItem  # noqa: E402
from itaplan.readiness.tests.site import (  # noqa: E402
    FILLER,
    CountingHandler,
    pdf_with_text,
)

YEAR = 2569
NATIONAL_AGENCIES = 8300
TARGET_URLS_PER_SECOND = 10.0
MAX_AGENCIES = 2000


class Site(CountingHandler):
    """One agency host: /<code> is the item's page; /<code>.pdf its document."""

    latency = 0.05
    pages: dict[str, bytes] = {}  # noqa: RUF012 - set once per host class

    def do_GET(self) -> None:
        self.arrive()
        time.sleep(self.latency)
        body = self.pages.get(self.path.split("/")[-1])
        self.depart()
        if body is None:
            self.send_response(404)
            self.end_headers()
            return
        self.send_response(200)
        kind = "application/pdf" if self.path.endswith(".pdf") else "text/html; charset=utf-8"
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def site_pages() -> dict[str, bytes]:
    """A page per OIT item of the year with its words and year; every sixth links a PDF."""
    rules = load_rules(YEAR)
    pages: dict[str, bytes] = {}
    pdf = pdf_with_text(f"เอกสารประกอบ ประจำปี พ.ศ. {to_thai_digits(str(YEAR))}")
    for n, code in enumerate(rules.oit_items()):
        rule = rules.rule(code)
        words = " ".join(w.split("|")[0] for w in rule.words)
        year = YEAR + (rule.year or 0)
        link = f'<a href="{code}.pdf">ดาวน์โหลดเอกสาร</a>' if n % 6 == 0 else ""
        pages[code] = (
            f"<!doctype html><html lang=th><meta charset=utf-8><title>{code}</title>"
            f"<body><h1>{rules.framework.item(code).text}</h1><p>{words} ประจำปี พ.ศ. "
            f"{to_thai_digits(str(year))}</p>{link}<p>{FILLER * 3}</p></body></html>"
        ).encode()
        if link:
            pages[f"{code}.pdf"] = pdf
    return pages


def start_hosts(count: int, latency: float) -> list[tuple[str, type[Site], ThreadingHTTPServer]]:
    pages = site_pages()
    hosts = []
    for n in range(count):
        handler = type(
            f"Host{n}",
            (Site,),
            {
                "latency": latency,
                "pages": pages,
                "active": 0,
                "peak": 0,
                "served": 0,
                "lock": threading.Lock(),
            },
        )
        address = f"127.0.1.{n + 1}"
        server = ThreadingHTTPServer((address, 0), handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        hosts.append((f"http://{address}:{server.server_address[1]}", handler, server))
    return hosts


def make_agencies(
    count: int, hosts: list[tuple[str, type[Site], ThreadingHTTPServer]]
) -> list[Agency]:
    province = Province.objects.create(name="[สังเคราะห์] จังหวัดทดสอบ OIT")
    district = District.objects.create(province=province, name="[สังเคราะห์] อำเภอทดสอบ")
    agencies = Agency.objects.bulk_create(
        Agency(
            code=f"SYN-OIT-{n:05d}",
            name=f"[สังเคราะห์] อบต.ทดสอบ {n}",
            district=district,
            is_synthetic=True,
        )
        for n in range(count)
    )
    codes = load_rules(YEAR).oit_items()
    for n, agency in enumerate(agencies):
        base = hosts[n % len(hosts)][0]
        services.items_for(agency, YEAR)
        for code in codes:
            PublishedItem.objects.filter(agency=agency, fiscal_year=YEAR, code=code).update(
                urls=f"{base}/{agency.code}/{code}"
            )
    return agencies


def run(
    agencies: list[Agency],
    workers: int,
    queue: str,
    folder: Path,
    hosts: list[tuple[str, type[Site], ThreadingHTTPServer]],
) -> tuple[float, int, int]:
    for _base, handler, _server in hosts:
        handler.peak = handler.served = 0
    Job.objects.all().delete()
    env = {
        "ITAPLAN_FETCH_ALLOW_PRIVATE": "true",  # the sites are on loopback, on purpose
        "ITAPLAN_FETCH_RETRIES": "0",
        "ITAPLAN_WORKERS": str(workers),
    }
    with running_worker(queue, folder, env, workers=workers):
        started = time.monotonic()
        for agency in agencies:
            services.start_check(agency, YEAR)
        while Job.objects.exclude(status__in=[Job.Status.DONE, Job.Status.FAILED]).exists():
            time.sleep(0.5)
        elapsed = time.monotonic() - started
    failed = Job.objects.filter(status=Job.Status.FAILED).count()
    served = sum(h.served for _b, h, _s in hosts)
    peak = max(h.peak for _b, h, _s in hosts)
    return elapsed, served, peak if not failed else -failed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--agencies", type=int, default=120)
    parser.add_argument("--hosts", type=int, default=40)
    parser.add_argument("--workers", default="2,8")
    parser.add_argument("--latency-ms", type=float, default=50.0)
    parser.add_argument("--queue", choices=["sqlite", "redis"], default="sqlite")
    args = parser.parse_args()
    count = min(args.agencies, MAX_AGENCIES)
    folder = Path(tempfile.mkdtemp(prefix="bench-oit-"))
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        db.setdefault("TEST", {})["NAME"] = str(folder / "bench.sqlite3")  # the worker opens it
    setup_test_environment()
    from huey.contrib.djhuey import HUEY

    HUEY.immediate = False
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    hosts = start_hosts(args.hosts, args.latency_ms / 1000)
    try:
        agencies = make_agencies(count, hosts)
        urls = count * len(load_rules(YEAR).oit_items())
        print(
            f"OIT readiness benchmark: {count} agencies × 26 URLs = {urls:,} item URLs on "
            f"{args.hosts} loopback hosts, {args.latency_ms:g} ms per page, queue {args.queue}, "
            f"{os.cpu_count()} CPUs"
        )
        for workers in (int(w) for w in args.workers.split(",")):
            elapsed, served, peak = run(agencies, workers, args.queue, folder, hosts)
            rate = urls / elapsed
            national_h = NATIONAL_AGENCIES * 26 / rate / 3600
            verdict = "PASS" if rate >= TARGET_URLS_PER_SECOND and 0 < peak <= 2 else "FAIL"
            print(
                f"  workers={workers:>2}: {elapsed:6.1f} s, {rate:7.1f} item URLs/s "
                f"({served / elapsed:6.1f} requests/s incl. linked PDFs), most at once on one "
                f"host {peak} (limit 2); national 8,300 × 26 ≈ {national_h:4.1f} h → "
                f"{verdict} (target ≥ {TARGET_URLS_PER_SECOND:g} URLs/s)"
            )
        print("  (a bounded subset; the national figure is extrapolated from the measured rate)")
    finally:
        for _base, _handler, server in hosts:
            server.shutdown()
            server.server_close()
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    sys.exit(main())
