"""The XLSX export of a result and its measures."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from itaplan.documents.tests.conftest import build_seed
from itaplan.documents.xlsx import ITEMS_SHEET, MEASURES_SHEET, RESULTS_SHEET, measures_xlsx


def test_results_items_and_measures_each_get_a_sheet_with_thai_headers() -> None:
    document = build_seed("004").document
    wb = load_workbook(io.BytesIO(measures_xlsx(document)))
    assert wb.sheetnames == [RESULTS_SHEET, ITEMS_SHEET, MEASURES_SHEET]
    assert wb[MEASURES_SHEET]["F1"].value == "มาตรการ"
    assert wb[MEASURES_SHEET].max_row == 1 + len(document.measures)
    assert wb[ITEMS_SHEET].max_row == 1 + len(document.items)


def test_scores_stay_numbers_and_dates_stay_dates() -> None:
    document = build_seed("004").document
    wb = load_workbook(io.BytesIO(measures_xlsx(document)))
    results = {row[2]: row for row in wb[RESULTS_SHEET].iter_rows(values_only=True)}
    assert results["คะแนนรวม"][3] == pytest.approx(96.79, abs=0.005)
    assert results["คะแนนรวม"][5] == pytest.approx(96.01)
    assert results["ระดับผลการประเมิน"][3] == "ผ่านดี"
    first = next(wb[MEASURES_SHEET].iter_rows(min_row=2, values_only=True))
    assert first[8].date() == document.measures[0].start
    assert first[10].startswith("๑ ")  # the Buddhist-era period in the agency's digits


def test_seed_000_exports_without_items() -> None:
    wb = load_workbook(io.BytesIO(measures_xlsx(build_seed("000").document)))
    assert wb[ITEMS_SHEET].max_row == 1
