"""The dashboard's table as an XLSX workbook (openpyxl, write-only so 8,300 rows stay light)."""

from __future__ import annotations

import io
from collections.abc import Iterable

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from itaplan.domain.criteria import Framework
from itaplan.lib.xlsxcells import append
from itaplan.supervision.access import Subtree
from itaplan.supervision.selectors import Row

#: Scores keep full precision in the cell and show two decimals.
SCORE_FORMAT = "0.00"


def _header(sheet: Worksheet, values: list[str]) -> list[WriteOnlyCell]:
    cells = []
    for value in values:
        cell = WriteOnlyCell(sheet, value=value)
        cell.font = Font(bold=True)
        cells.append(cell)
    return cells


def _score(sheet: Worksheet, value: float | None) -> WriteOnlyCell | None:
    if value is None:
        return None
    cell = WriteOnlyCell(sheet, value=value)
    cell.number_format = SCORE_FORMAT
    return cell


def workbook_bytes(framework: Framework, rows: Iterable[Row], subtree: Subtree) -> bytes:
    """One sheet: a title line, a header, then one line per agency in the table's order."""
    year = framework.fiscal_year
    book = Workbook(write_only=True)
    sheet = book.create_sheet(f"ผลปี {year}")
    append(sheet, [f"ผลการประเมิน ITA ปีงบประมาณ {year} — {subtree.label}"])
    indicators = framework.indicators
    append(
        sheet,
        _header(
            sheet,
            [
                "ลำดับ",
                "รหัสหน่วยงาน",
                "หน่วยงาน",
                "ประเภท",
                "อำเภอ",
                "จังหวัด",
                "คะแนนรวม",
                "ระดับ",
                "เปลี่ยนแปลงจากปีก่อน",
                *(f"ตัวชี้วัดที่ {i.number} {i.name}" for i in indicators),
                f"แผนมาตรการปี {year + 1}",
                "มาตรการ (แผนที่อนุมัติ)",
                "ดำเนินการแล้วเสร็จ",
                "เลยกำหนด",
                "ข้อมูลสังเคราะห์",
            ],
        ),
    )
    for row in rows:
        agency = row.agency
        append(
            sheet,
            [
                row.rank,
                agency.code,
                agency.name,
                agency.get_kind_display(),
                agency.district.name,
                agency.district.province.name,
                _score(sheet, row.total.value),
                row.level,
                _score(sheet, row.change),
                *(_score(sheet, row.scores.get(i.number)) for i in indicators),
                row.plan_label,
                *(
                    (row.progress.measures, row.progress.done, row.progress.overdue)
                    if row.progress
                    else (None, None, None)
                ),
                "ใช่" if agency.is_synthetic else "",
            ],
        )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
