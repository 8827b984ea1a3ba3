"""Spreadsheet bombs: refused from the sizes they declare, in bounded memory, in Thai.

The bombs are built here (a few kilobytes each), never stored.
"""

from __future__ import annotations

import io
import tracemalloc
import zipfile
from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from itaplan.lib.testing import BaseTestCase, sheet_row, xlsx_bytes
from itaplan.results import sheetlimits
from itaplan.results.models import Result
from itaplan.results.spreadsheet import SheetError, parse_rows, read_table

SHEET = "xl/worksheets/sheet1.xml"
STRINGS = "xl/sharedStrings.xml"
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
#: Far more than reading a small valid file needs; the bombs used gigabytes.
MEMORY_BOUND = 16 * 1024 * 1024


def rewritten(replace: dict[str, bytes]) -> bytes:
    """A valid results workbook with some of its parts replaced."""
    source = zipfile.ZipFile(io.BytesIO(xlsx_bytes(sheet_row())))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, replace.get(info.filename, source.read(info)))
        for name, data in replace.items():
            if name not in source.namelist():
                target.writestr(name, data)
    return out.getvalue()


def sheet_xml(rows: str, dimension: str | None = None) -> bytes:
    declared = f'<dimension ref="{dimension}"/>' if dimension else ""
    return f"<worksheet {NS}>{declared}<sheetData>{rows}</sheetData></worksheet>".encode()


def refusal(data: bytes) -> tuple[list[str], int]:
    """The Thai messages and the peak memory of reading ``data``."""
    tracemalloc.start()
    try:
        with pytest.raises(SheetError) as refused:
            read_table("bomb.xlsx", data, max_bytes=5 * 1024 * 1024)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return refused.value.messages, peak


def test_a_declared_dimension_16384_columns_wide_is_refused_naming_the_column_limit() -> None:
    data = rewritten(
        {SHEET: sheet_xml('<row r="1000"><c r="A1000"><v>1</v></c></row>', "A1:XFD1000")}
    )
    assert len(data) < 10_000
    messages, peak = refusal(data)
    assert messages == [
        f"แผ่นงานมี 16,384 คอลัมน์ เกินกว่าที่รับได้ ({sheetlimits.MAX_COLUMNS} คอลัมน์) "
        "กรุณาลบคอลัมน์ที่ไม่ใช้แล้วอัปโหลดใหม่ (ขอบเขตที่ไฟล์ระบุ A1:XFD1000)"
    ]
    assert peak < MEMORY_BOUND


@pytest.mark.parametrize("dimension", [None, "A1:A1"], ids=["undeclared", "understated"])
def test_a_last_row_at_1048576_is_refused_naming_the_row_limit(dimension: str | None) -> None:
    data = rewritten(
        {SHEET: sheet_xml('<row r="1048576"><c r="A1048576"><v>1</v></c></row>', dimension)}
    )
    messages, peak = refusal(data)
    assert messages == ["ไฟล์มีเกิน 20,000 แถว กรุณาแบ่งเป็นหลายไฟล์"]
    assert peak < MEMORY_BOUND


def test_a_row_wider_than_the_limit_without_a_dimension_is_refused() -> None:
    cells = "".join(f"<c><v>{n}</v></c>" for n in range(sheetlimits.MAX_COLUMNS + 1))
    messages, _ = refusal(rewritten({SHEET: sheet_xml(f"<row>{cells}</row>")}))
    assert messages[0].startswith(f"แผ่นงานมี {sheetlimits.MAX_COLUMNS + 1} คอลัมน์ เกินกว่าที่รับได้")


def test_a_declared_range_within_rows_and_columns_but_over_the_cell_count_is_refused() -> None:
    messages, _ = refusal(rewritten({SHEET: sheet_xml("", "A1:GR20000")}))
    assert messages == [f"แผ่นงานมี 4,000,000 เซลล์ เกินกว่าที่รับได้ ({sheetlimits.MAX_CELLS:,} เซลล์)"]


def test_a_huge_shared_strings_part_is_refused_before_it_is_loaded() -> None:
    strings = b"<sst " + NS.encode() + b">" + b"<si><t>x</t></si>" * 600_000 + b"</sst>"
    data = rewritten({STRINGS: strings})
    assert len(data) < 100_000
    messages, peak = refusal(data)
    assert "xl/sharedStrings.xml" in messages[0] and "เกินกว่าที่รับได้ (8 MB)" in messages[0]
    assert peak < MEMORY_BOUND


def test_a_part_expanding_past_the_archive_limit_is_refused() -> None:
    data = rewritten({"xl/media/padding.bin": b"\0" * (65 * 1024 * 1024)})
    messages, _ = refusal(data)
    assert messages[0].startswith("ไฟล์ .xlsx เมื่อขยายแล้วมีขนาด 65 MB เกินกว่าที่รับได้ (64 MB)")


def test_a_sheet_declaring_more_than_it_holds_is_read_only_as_far_as_its_cells() -> None:
    normal = zipfile.ZipFile(io.BytesIO(xlsx_bytes(sheet_row()))).read(SHEET)
    inflated = normal.replace(b'<dimension ref="A1:M2"/>', b'<dimension ref="A1:CV9000"/>')
    assert inflated != normal
    rows, errors, _ = parse_rows(
        read_table("r.xlsx", rewritten({SHEET: inflated}), max_bytes=1024 * 1024)
    )
    assert errors == [] and [r.agency_code for r in rows] == ["samruean"]


@pytest.mark.parametrize(
    "mangle",
    [lambda x: x[: len(x) // 2], lambda x: x.replace(b"<row", b"<row <")],
    ids=["truncated", "malformed"],
)
def test_broken_sheet_xml_is_a_thai_refusal(mangle: Callable[[bytes], bytes]) -> None:
    normal = zipfile.ZipFile(io.BytesIO(xlsx_bytes(sheet_row()))).read(SHEET)
    messages, _ = refusal(rewritten({SHEET: mangle(normal)}))
    assert messages == ["อ่านข้อมูลในไฟล์ .xlsx ไม่ได้ ไฟล์อาจเสียหาย"]


class SheetBombUploadTestCase(BaseTestCase):
    def test_the_agency_upload_and_the_bulk_upload_refuse_the_bomb_with_the_limit(self) -> None:
        bomb = rewritten(
            {SHEET: sheet_xml('<row r="1000"><c r="A1000"><v>1</v></c></row>', "A1:XFD1000")}
        )
        for user, url in [
            (self.owner, self.url("results:import_sheet")),
            (self.siteadmin, reverse("results:bulk_import")),
        ]:
            self.login(user)
            response = self.client.post(url, {"file": SimpleUploadedFile("b.xlsx", bomb)})
            self.assertContains(response, "16,384 คอลัมน์ เกินกว่าที่รับได้", status_code=400)
        self.assertFalse(Result.objects.exists())
