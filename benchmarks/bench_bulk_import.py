"""Bulk import of one XLSX with N agencies through the real intake path, in one transaction.

Run: .venv/bin/python benchmarks/bench_bulk_import.py [--agencies 1000]
Uses a throwaway test database on the configured DATABASE_URL (SQLite by default;
PostgreSQL with DATABASE_URL=postgres://…). The agencies are created first and marked
synthetic; the workbook is the app's own template filled with random scores.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "itaplan.settings")
django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from openpyxl import load_workbook  # noqa: E402

from itaplan.agencies.models import Agency, District, Province  # noqa: E402
from itaplan.domain import criteria  # noqa: E402
from itaplan.results.intake import sheet_entries  # noqa: E402
from itaplan.results.models import IndicatorScore, Result  # noqa: E402
from itaplan.results.services import save_results  # noqa: E402
from itaplan.results.spreadsheet import parse_rows, read_table, template_xlsx  # noqa: E402

YEAR = 2568


def filled_workbook(agencies: list[Agency], rng: random.Random) -> bytes:
    """The app's XLSX template for these agencies, with ten indicator scores per row."""
    book = load_workbook(
        io.BytesIO(template_xlsx(None, [(a.code, a.name) for a in agencies], YEAR))
    )
    sheet = book.active
    for row in sheet.iter_rows(min_row=2):
        for cell in row[3:13]:
            cell.value = round(rng.uniform(60, 100), 2)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--agencies", type=int, default=1000)
    count = parser.parse_args().agencies
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        rng = random.Random(1)
        province = Province.objects.create(name="[สังเคราะห์] จังหวัดทดสอบ")
        district = District.objects.create(province=province, name="[สังเคราะห์] อำเภอทดสอบ")
        Agency.objects.bulk_create(
            Agency(code=f"SYN-{n:05d}", name=f"[สังเคราะห์] อบต.ทดสอบ {n}", district=district,
                   is_synthetic=True)
            for n in range(count)
        )  # fmt: skip
        agencies = list(Agency.objects.order_by("code"))
        admin = get_user_model().objects.create_superuser("bench", "bench@example.invalid", "x")
        data = filled_workbook(agencies, rng)
        criteria.load(YEAR)

        start = time.perf_counter()
        table = read_table("results.xlsx", data, max_bytes=50 * 1024 * 1024)
        rows, errors, _ = parse_rows(table)
        read = time.perf_counter() - start
        entries, match_errors = sheet_entries(rows, admin, source_name="results.xlsx")
        matched = time.perf_counter() - start - read
        assert not errors and not match_errors, (errors + match_errors)[:3]
        saved = save_results(entries, Result.Source.SPREADSHEET, admin)
        total = time.perf_counter() - start
        assert len(saved) == count == Result.objects.current().count()
        assert IndicatorScore.objects.count() == 10 * count
        vendor = connection.vendor
        print(
            f"bulk import of {count} agencies from one XLSX ({len(data) // 1024} KiB) on {vendor}"
        )
        print(f"  read and validate the workbook: {read:6.2f} s")
        print(f"  match rows to agencies:         {matched:6.2f} s")
        print(f"  save (one transaction):         {total - read - matched:6.2f} s")
        print(
            f"  total:                          {total:6.2f} s  ({total / count * 1e3:.1f} ms per agency)"
        )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
