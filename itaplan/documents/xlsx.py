"""XLSX export of a result and its measures (openpyxl), for people who work in spreadsheets.

Scores are written as numbers and dates as dates, so the sheet can be sorted, summed
and imported back; the Buddhist-era period is added as text beside the dates. Headers
are Thai, one sheet per table.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from itaplan.documents.model import MeasuresDocument
from itaplan.documents.wording import Words, timeframe
from itaplan.lib.xlsxcells import append

RESULTS_SHEET = "ผลการประเมิน"
ITEMS_SHEET = "ประเด็นการประเมิน"
MEASURES_SHEET = "มาตรการ"
SCORE_FORMAT = "0.00"
DATE_FORMAT = "yyyy-mm-dd"
_HEADER_FILL = PatternFill("solid", fgColor="D9E2F3")
_WRAP = Alignment(wrap_text=True, vertical="top")


def _sheet(
    wb: Workbook, title: str, header: Sequence[str], widths: Sequence[int], *, first: bool = False
) -> Worksheet:
    ws: Worksheet = wb.active if first else wb.create_sheet()
    ws.title = title
    append(ws, header)
    for column, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(column)].width = width
        cell = ws.cell(row=1, column=column)
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.alignment = _WRAP
    ws.freeze_panes = "A2"
    return ws


def _append(ws: Worksheet, values: Sequence[Any], formats: dict[int, str] | None = None) -> None:
    append(ws, values)
    for column, number_format in (formats or {}).items():
        ws.cell(row=ws.max_row, column=column).number_format = number_format
    for cell in ws[ws.max_row]:
        cell.alignment = _WRAP


def measures_xlsx(document: MeasuresDocument) -> bytes:
    """The result (tools, indicators, total, level, items) and the measures as XLSX bytes."""
    w = Words(document.thai_digits)
    wb = Workbook()
    results = _sheet(
        wb,
        RESULTS_SHEET,
        ("แบบวัด", "ตัวชี้วัด", "ชื่อ", "คะแนน", "ผลการจัดกลุ่ม", "คะแนนปีก่อน"),
        (10, 10, 40, 10, 18, 12),
        first=True,
    )
    score_columns = {4: SCORE_FORMAT, 6: SCORE_FORMAT}
    for tool in document.tools:
        _append(
            results, (tool.code, None, tool.name, tool.score, None, tool.previous), score_columns
        )
        for ind in document.indicators_of(tool.code):
            _append(
                results,
                (tool.code, ind.number, ind.name, ind.score, ind.class_label, ind.previous),
                score_columns,
            )
    _append(
        results,
        (None, None, "คะแนนรวม", document.total, None, document.previous_total),
        score_columns,
    )
    _append(results, (None, None, "ระดับผลการประเมิน", document.shown_level))
    _append(results, (None, None, "ปีงบประมาณของผลการประเมิน (พ.ศ.)", document.results_year))

    items = _sheet(wb, ITEMS_SHEET, ("ประเด็น", "ตัวชี้วัด", "ข้อความ", "คะแนน"), (10, 10, 70, 10))
    for item in document.items:
        _append(items, (item.code, item.indicator, item.text, item.score), {4: SCORE_FORMAT})

    measures = _sheet(
        wb,
        MEASURES_SHEET,
        (
            "ลำดับ",
            "ตัวชี้วัด",
            "ชื่อตัวชี้วัด",
            "คะแนนตัวชี้วัด",
            "ประเด็นที่ต้องพัฒนา",
            "มาตรการ",
            "ขั้นตอน/วิธีการ",
            "ผู้รับผิดชอบ",
            "วันเริ่ม",
            "วันสิ้นสุด",
            "ระยะเวลาดำเนินการ",
            "การติดตามผล",
            "ประเด็น OIT ที่เกี่ยวข้อง",
        ),
        (6, 9, 24, 10, 40, 36, 60, 18, 12, 12, 22, 30, 14),
    )
    for number, row in enumerate(document.measures, start=1):
        _append(
            measures,
            (
                number,
                row.indicator,
                row.indicator_name,
                row.score,
                row.issue,
                row.title,
                "\n".join(f"{n}. {step}" for n, step in enumerate(row.steps, start=1)),
                ", ".join(row.units),
                row.start,
                row.end,
                timeframe(row, w),
                row.monitoring,
                ", ".join(row.related_oit),
            ),
            {4: SCORE_FORMAT, 9: DATE_FORMAT, 10: DATE_FORMAT},
        )
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
