"""Limits on an uploaded workbook, checked before openpyxl reads a single row.

openpyxl pads every row to the sheet's declared width and fills missing rows up to
the declared height, and it loads all shared strings at once: a 5 KB file declaring
``A1:XFD1000`` becomes sixteen million cells. So the archive's sizes are checked
first, then the first sheet's XML is streamed (lxml, constant memory) for its
declared dimension, its widest column, its last row and its number of cells; the
sheet is read only when every figure is within the limits, and only as far as the
cells it really has.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass

from django.utils.translation import gettext

from itaplan.lib.archives import ArchiveTooLarge, Limits, check_archive

#: A national file has about 8,300 agencies; one row per agency and year.
MAX_ROWS = 20_000
#: Agency, name, year, 10 indicators, printed figures and every item of a year fit well.
MAX_COLUMNS = 200
MAX_CELLS = 1_000_000
MAX_SHARED_STRINGS_BYTES = 8 * 1024 * 1024

_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d{1,7})$")
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


class SheetTooLarge(ValueError):
    """A limit is exceeded; the message names it, in Thai."""


@dataclass(frozen=True)
class SheetSize:
    """What the first sheet really holds: its last row and column with a cell."""

    rows: int
    columns: int
    cells: int


def column_number(letters: str) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def _ref(text: str) -> tuple[int, int] | None:
    match = _REF.match(text.strip())
    if match is None:
        return None
    return int(match[2]), column_number(match[1])


def check_workbook(archive: zipfile.ZipFile) -> None:
    """The whole archive and its shared strings, by their uncompressed sizes."""
    limits = Limits(parts={"xl/sharedstrings.xml": MAX_SHARED_STRINGS_BYTES})
    try:
        check_archive(archive, gettext("ไฟล์ .xlsx "), limits)
    except ArchiveTooLarge as exc:
        raise SheetTooLarge(str(exc)) from None


def too_many_rows() -> str:
    return f"ไฟล์มีเกิน {MAX_ROWS:,} แถว กรุณาแบ่งเป็นหลายไฟล์"


def too_many_columns(columns: int) -> str:
    return (
        f"แผ่นงานมี {columns:,} คอลัมน์ เกินกว่าที่รับได้ ({MAX_COLUMNS:,} คอลัมน์) "
        "กรุณาลบคอลัมน์ที่ไม่ใช้แล้วอัปโหลดใหม่"
    )


def _check_dimension(ref: str) -> None:
    """The sheet's declared range (``<dimension ref="A1:XFD1000"/>``)."""
    corners = [c for c in (_ref(part) for part in ref.split(":")) if c is not None]
    if not corners:
        return
    rows = max(r for r, _ in corners)
    columns = max(c for _, c in corners)
    if columns > MAX_COLUMNS:
        raise SheetTooLarge(f"{too_many_columns(columns)} (ขอบเขตที่ไฟล์ระบุ {ref})")
    if rows > MAX_ROWS + 1:
        raise SheetTooLarge(f"{too_many_rows()} (ขอบเขตที่ไฟล์ระบุ {ref})")
    if rows * columns > MAX_CELLS:
        raise SheetTooLarge(f"แผ่นงานมี {rows * columns:,} เซลล์ เกินกว่าที่รับได้ ({MAX_CELLS:,} เซลล์)")


def measure_sheet(archive: zipfile.ZipFile, path: str) -> SheetSize:
    """Stream the sheet's XML; raise :class:`SheetTooLarge` at the first limit passed."""
    from lxml import etree

    rows = columns = cells = in_row = 0
    with archive.open(path) as source:
        events = etree.iterparse(
            source,
            events=("end",),
            tag=(f"{_MAIN}dimension", f"{_MAIN}c", f"{_MAIN}row"),
            resolve_entities=False,
            no_network=True,
            huge_tree=False,
        )
        for _, element in events:
            name = element.tag[len(_MAIN) :]
            if name == "dimension":
                _check_dimension(element.get("ref", ""))
            elif name == "c":
                cells += 1
                in_row += 1
                columns = max(columns, in_row)
                where = _ref(element.get("r", ""))
                if where is not None:
                    rows = max(rows, where[0])
                    columns = max(columns, where[1])
                if cells > MAX_CELLS:
                    raise SheetTooLarge(f"แผ่นงานมีเกิน {MAX_CELLS:,} เซลล์ กรุณาแบ่งเป็นหลายไฟล์")
            else:  # a row: its number, then forget its cells (constant memory)
                number = element.get("r", "")
                rows = max(rows, int(number)) if number.isdigit() else rows + 1
                in_row = 0
                element.clear(keep_tail=True)
                while element.getprevious() is not None:
                    del element.getparent()[0]
            if columns > MAX_COLUMNS:
                raise SheetTooLarge(too_many_columns(columns))
            if rows > MAX_ROWS + 1:
                raise SheetTooLarge(too_many_rows())
    return SheetSize(rows=rows, columns=columns, cells=cells)
