"""Supervision at national scale on PostgreSQL: dashboard, agency pages, bulk insert.

Run (creates the synthetic 8,300 × 6 data set first if the database lacks it):

    psql -h 127.0.0.1 -U postgres -c "create database itaplan_bench"
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/itaplan_bench \\
        .venv/bin/python benchmarks/bench_supervision.py [--requests 30]

Times are server times measured in-process with ``django.test.Client`` (the whole
Django request, no network), logged in as a national and a provincial supervisor.
Prints median and p95 per page and PASS/FAIL against the targets.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "itaplan.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import F  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from itaplan.agencies.models import Province, SupervisorScope  # noqa: E402
from itaplan.domain.criteria import load  # noqa: E402
from itaplan.plans.models import Plan  # noqa: E402
from itaplan.results.models import Result  # noqa: E402
from itaplan.results.services import ResultEntry, save_results  # noqa: E402
from itaplan.supervision import synthetic  # noqa: E402

TARGET_DASHBOARD_P95 = 0.300
TARGET_PAGE_P95 = 0.100
TARGET_BULK = 60.0


class Rollback(Exception):
    """Raised to undo a timed write."""


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def timed_gets(
    client: Client, urls: Callable[[int], str], count: int, cold: bool = False
) -> list[float]:
    """Time ``count`` GETs (after two untimed warm-ups); every one must answer 200.

    ``cold`` empties the cache before each request, so the dashboard computes its
    subtree figures every time, as on the first view after the data changed.
    """
    for i in range(2):
        client.get(urls(i))
    times = []
    for i in range(count):
        url = urls(i)
        if cold:
            cache.clear()
        start = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - start)
        if response.status_code != 200:
            raise SystemExit(f"GET {url} answered {response.status_code}")
    return times


def report(label: str, times: list[float], target: float | None) -> bool:
    median, p95 = statistics.median(times), percentile(times, 0.95)
    verdict = ""
    ok = True
    if target is not None:
        ok = p95 < target
        verdict = f"  target p95 < {target * 1e3:.0f} ms: {'PASS' if ok else 'FAIL'}"
    print(f"{label:<48} median {median * 1e3:7.1f} ms   p95 {p95 * 1e3:7.1f} ms{verdict}")
    return ok


def ensure_data(agencies: int, years: int, seed: int) -> None:
    wanted_years = synthetic.chosen_years(years)
    have = synthetic.synthetic_agencies().count()
    have_years = set(
        Result.objects.filter(agency__is_synthetic=True).values_list("fiscal_year", flat=True)
    )
    if have == agencies and have_years >= set(wanted_years):
        print(f"synthetic data present: {have} agencies, years {sorted(have_years)}")
        return
    print(f"creating synthetic data: {agencies} agencies × {years} years …", flush=True)
    start = time.perf_counter()
    call_command(
        "demo_synthetic", agencies=agencies, years=years, seed=seed, replace=True, stdout=sys.stdout
    )
    print(f"demo_synthetic took {time.perf_counter() - start:.1f} s")


def supervisor(username: str, province: Province | None) -> Client:
    user, _ = User.objects.get_or_create(username=username)
    SupervisorScope.objects.filter(user=user).delete()
    SupervisorScope.objects.create(user=user, province=province)
    client = Client()
    client.force_login(user)
    return client


def bench_bulk_insert(year: int, seed: int) -> float:
    """Insert one year's results for every synthetic agency in bulk, then roll back."""
    agencies = list(synthetic.synthetic_agencies())
    framework = load(year)
    try:
        with transaction.atomic():
            # Step the year's results aside (one UPDATE) so the insert meets no conflict.
            Result.objects.filter(agency__is_synthetic=True, fiscal_year=year).update(
                is_current=False, version=F("version") + 1000
            )
            start = time.perf_counter()
            results = synthetic.insert_results(agencies, framework, seed, latest=year)
            elapsed = time.perf_counter() - start
            raise Rollback
    except Rollback:
        pass
    print(
        f"{'bulk insert, synthetic, ' + str(len(results)) + ' results of ' + str(year):<48}"
        f" {elapsed:7.1f} s  target < {TARGET_BULK:.0f} s: {'PASS' if elapsed < TARGET_BULK else 'FAIL'}"
    )
    return elapsed


def bench_import_service(year: int, rows: int, full: int) -> bool | None:
    """The intake service the spreadsheet import uses (one row at a time, audited), rolled back."""
    agencies = list(synthetic.synthetic_agencies()[:rows])
    rng = random.Random(5)
    entries = [
        ResultEntry(
            agency=a,
            fiscal_year=year,
            indicators={n: round(rng.uniform(80, 100), 2) for n in range(1, 11)},
            label=f"แถวที่ {i + 2}",
        )
        for i, a in enumerate(agencies)
    ]
    try:
        with transaction.atomic():
            start = time.perf_counter()
            save_results(entries, "spreadsheet", None, replace=True)
            elapsed = time.perf_counter() - start
            raise Rollback
    except Rollback:
        pass
    label = f"{'import service save_results, ' + str(len(entries)) + ' rows':<48} {elapsed:7.1f} s"
    if len(entries) < full:
        print(f"{label}  (≈ {elapsed / len(entries) * full:.0f} s for {full} rows)")
        return None
    ok = elapsed < TARGET_BULK
    print(f"{label}  target < {TARGET_BULK:.0f} s: {'PASS' if ok else 'FAIL'}")
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--agencies", type=int, default=8300)
    parser.add_argument("--years", type=int, default=6)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--service-rows", type=int, default=8300, help="rows for save_results (0: skip)"
    )
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        raise SystemExit("set DATABASE_URL to a PostgreSQL database (e.g. itaplan_bench)")
    settings.DEBUG = False  # no query log in memory
    call_command("migrate", verbosity=0)
    ensure_data(args.agencies, args.years, args.seed)
    year = synthetic.chosen_years(args.years)[-2]  # the last year with full results (FY2568)
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        jit = cursor.fetchone()[0]
    print(
        f"PostgreSQL {connection.pg_version}, jit={jit}, "
        f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs"
    )

    province = Province.objects.filter(name__startswith=synthetic.PREFIX).order_by("name").first()
    national = supervisor("bench-national", None)
    provincial = supervisor("bench-provincial", province)
    in_province = list(
        synthetic.synthetic_agencies()
        .filter(district__province=province, results__fiscal_year=year)
        .values_list("code", flat=True)
    )
    plans = list(
        Plan.objects.filter(
            agency__district__province=province, fiscal_year=year + 1, measures__isnull=False
        )
        .distinct()
        .values_list("agency__code", "pk")
    )
    dash = reverse("supervision:dashboard")
    variants = ["", "sort=i9", "sort=name&page=40", "kind=sao&sort=-change", "sort=total&page=3"]
    rng = random.Random(1)
    n = args.requests
    print(f"\n{n} requests each; {len(in_province)} agencies in {province}\n")
    country = f"{dash}?year={year}"
    results = [
        report(
            "dashboard, country, first view (cold figures)",
            timed_gets(national, lambda i: country, n, cold=True),
            TARGET_DASHBOARD_P95,
        ),
        report(
            "dashboard, country, sorts and pages (warm)",
            timed_gets(national, lambda i: f"{country}&{variants[i % 5]}", n),
            TARGET_DASHBOARD_P95,
        ),
        report(
            "dashboard, country, mixed (cold figures)",
            timed_gets(national, lambda i: f"{country}&{variants[i % 5]}", n, cold=True),
            TARGET_DASHBOARD_P95,
        ),
        report(
            "dashboard, one province, first view (cold)",
            timed_gets(provincial, lambda i: country, n, cold=True),
            TARGET_DASHBOARD_P95,
        ),
        report(
            "dashboard, one province, sorts and pages (warm)",
            timed_gets(provincial, lambda i: f"{country}&{variants[i % 5]}", n),
            TARGET_DASHBOARD_P95,
        ),
        report(
            "agency result page (results:detail)",
            timed_gets(
                provincial,
                lambda i: reverse("results:detail", args=[rng.choice(in_province), year]),
                n,
            ),
            TARGET_PAGE_P95,
        ),
        report(
            "agency results list (results:list)",
            timed_gets(
                provincial, lambda i: reverse("results:list", args=[rng.choice(in_province)]), n
            ),
            TARGET_PAGE_P95,
        ),
        report(
            "plan page with measures (plans:detail)",
            timed_gets(
                provincial, lambda i: reverse("plans:detail", args=list(rng.choice(plans))), n
            ),
            TARGET_PAGE_P95,
        ),
    ]
    report(
        "XLSX export, country (informational)",
        timed_gets(national, lambda i: f"{reverse('supervision:export')}?year={year}", 3),
        None,
    )
    print()
    results.append(bench_bulk_insert(year, args.seed) < TARGET_BULK)
    if args.service_rows:
        service = bench_import_service(year, args.service_rows, args.agencies)
        if service is not None:
            results.append(service)
    print(f"\n{'ALL PASS' if all(results) else 'SOME FAIL'}")


if __name__ == "__main__":
    main()
