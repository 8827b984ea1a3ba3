"""Results spreadsheets (XLSX and CSV): the template, and reading rows back.

Plain Python (openpyxl and the domain core, no database): the web views and the
CLI match the rows to agencies and save them through
:mod:`itaplan.results.services`.

One row per agency and fiscal year. Columns, with Thai headers::

    รหัสหน่วยงาน | ชื่อหน่วยงาน | ปีงบประมาณ | ตัวชี้วัดที่ 1 … 10 |
    คะแนนรวมที่พิมพ์ | ระดับที่พิมพ์ | IIT ที่พิมพ์ | EIT ที่พิมพ์ | OIT ที่พิมพ์ |
    คะแนนรวมปีก่อน | i1 … o28 (optional item columns)

Every problem is collected (not only the first) and named by row and column,
and by cell for XLSX, in Thai, so the person who typed the file can find it.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext

from itaplan.domain.criteria import CriteriaError, Framework, load
from itaplan.domain.thai import format_score, parse_number, to_arabic_digits
from itaplan.results.sheetlimits import MAX_ROWS, SheetTooLarge, check_workbook, measure_sheet

CODE = "รหัสหน่วยงาน"
NAME = "ชื่อหน่วยงาน"
YEAR = "ปีงบประมาณ"
INDICATOR = "ตัวชี้วัดที่ {}"
PRINTED = {
    "คะแนนรวมที่พิมพ์": "total",
    "ระดับที่พิมพ์": "level",
    "IIT ที่พิมพ์": "IIT",
    "EIT ที่พิมพ์": "EIT",
    "OIT ที่พิมพ์": "OIT",
}
PREVIOUS = "คะแนนรวมปีก่อน"
INDICATOR_COUNT = 10

MACRO_SUFFIXES = (".xlsm", ".xltm", ".xlsb", ".xls", ".xla", ".xlam")

_INDICATOR_HEADER = re.compile(r"^ตัวชี้วัด(?:ที่)?\s*(\d+)$")
_ITEM_HEADER = re.compile(r"^[ieo]\d+$", re.IGNORECASE)


class SheetError(ValueError):
    """A file that cannot be read at all; ``messages`` says why, in Thai."""

    def __init__(self, messages: Iterable[str]) -> None:
        self.messages = list(messages)
        super().__init__("\n".join(self.messages))


@dataclass(frozen=True)
class Cell:
    """One cell as read: its value and, for XLSX, its reference (``"G3"``)."""

    value: Any
    ref: str = ""

    @property
    def text(self) -> str:
        if self.value is None:
            return ""
        if isinstance(self.value, float) and self.value.is_integer():
            return str(int(self.value))
        return str(self.value).strip()

    @property
    def is_blank(self) -> bool:
        return self.text == ""


@dataclass
class Table:
    """The header and data rows of the first sheet (or of a CSV file)."""

    headers: list[str]
    #: (row number in the file, counting the header as row 1; cells)
    rows: list[tuple[int, list[Cell]]]
    warnings: list[str] = field(default_factory=list)


@dataclass
class SheetRow:
    """One valid data row: a result for one agency and year."""

    row: int
    agency_code: str
    agency_name: str
    fiscal_year: int
    indicators: dict[int, float] = field(default_factory=dict)
    items: dict[str, float] = field(default_factory=dict)
    printed: dict[str, Any] = field(default_factory=dict)
    previous_total: float | None = None

    @property
    def label(self) -> str:
        return f"แถวที่ {self.row}"


# --- reading files ---------------------------------------------------------------


def read_table(filename: str, data: bytes, *, max_bytes: int) -> Table:
    """Read an uploaded XLSX or CSV file; raise :class:`SheetError` when it cannot be used."""
    name = filename.lower()
    if len(data) > max_bytes:
        raise SheetError([f"ไฟล์ใหญ่เกินไป ({_size(len(data))}) รับได้ไม่เกิน {_size(max_bytes)}"])
    if not data.strip():
        raise SheetError(["ไฟล์ว่างเปล่า ไม่มีข้อมูล"])
    if name.endswith(MACRO_SUFFIXES):
        raise SheetError(
            [
                "ไม่รับไฟล์ที่มีแมโครหรือไฟล์ Excel รุ่นเก่า (.xls/.xlsm) "
                "กรุณาบันทึกเป็น .xlsx หรือ .csv แล้วอัปโหลดใหม่"
            ]
        )
    if name.endswith(".xlsx"):
        return read_xlsx(data)
    if name.endswith((".csv", ".txt")):
        return read_csv(data)
    raise SheetError(["รับเฉพาะไฟล์ .xlsx หรือ .csv"])


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{n / 1024:.0f} KB"


def decode_csv(data: bytes) -> tuple[str, str | None]:
    """Text of a CSV file in UTF-8 (with or without BOM) or Windows-874/TIS-620 (Thai Excel).

    Returns the text and a warning when the Thai code page was used.
    """
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp874"), "อ่านไฟล์ด้วยรหัสอักขระภาษาไทย Windows-874 (TIS-620)"
    except UnicodeDecodeError:
        raise SheetError(
            ["อ่านตัวอักษรในไฟล์ไม่ได้ กรุณาบันทึกเป็น CSV UTF-8 หรือ .xlsx แล้วอัปโหลดใหม่"]
        ) from None


def read_csv(data: bytes) -> Table:
    """Read a CSV file (comma, semicolon or tab separated)."""
    text, warning = decode_csv(data)
    if "\x00" in text:
        raise SheetError(["ไฟล์นี้ไม่ใช่ไฟล์ CSV (มีข้อมูลไบนารี)"])
    try:
        dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    lines = []
    try:
        for line in reader:
            lines.append(line)
    except csv.Error as exc:
        where = f"แถวที่ {len(lines) + 1}"
        if "field larger than field limit" in str(exc):
            limit = csv.field_size_limit()
            raise SheetError(
                [f'{where}: มีช่องข้อมูลยาวเกิน {limit:,} ตัวอักษร กรุณาตรวจสอบเครื่องหมายคำพูด (") ที่ไม่ครบคู่']
            ) from None
        raise SheetError(
            [f"{where}: รูปแบบ CSV ไม่ถูกต้อง (เช่น เครื่องหมายคำพูดไม่ครบคู่) กรุณาบันทึกจาก Excel ใหม่"]
        ) from None
    table = _table_from_rows([[Cell(v) for v in line] for line in lines])
    if warning:
        table.warnings.append(warning)
    return table


def read_xlsx(data: bytes) -> Table:
    """Read the first sheet of an XLSX workbook, refusing macros and formulas."""
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            check_workbook(archive)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        if isinstance(exc, SheetTooLarge):
            raise SheetError([str(exc)]) from None
        raise SheetError(["ไฟล์นี้ไม่ใช่ไฟล์ .xlsx ที่ถูกต้อง (เปิดไม่ได้)"]) from None
    if any(n.lower().endswith("vbaproject.bin") for n in names):
        raise SheetError(["ไม่รับไฟล์ที่มีแมโคร (VBA) กรุณาบันทึกเป็น .xlsx ธรรมดาแล้วอัปโหลดใหม่"])
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds of errors on broken files
        raise SheetError(["ไฟล์นี้ไม่ใช่ไฟล์ .xlsx ที่ถูกต้อง (เปิดไม่ได้)"]) from None
    try:
        sheets = book.worksheets
        if not sheets:
            raise SheetError(["ไฟล์ไม่มีแผ่นงาน"])
        sheet = sheets[0]
        size = measure_sheet(book._archive, sheet._worksheet_path)
        warnings = []
        if len(sheets) > 1:
            others = ", ".join(f"'{s.title}'" for s in sheets[1:])
            warnings.append(
                f"ไฟล์มี {len(sheets)} แผ่นงาน ระบบอ่านเฉพาะแผ่นแรก '{sheet.title}' และไม่อ่านแผ่น {others}"
            )
        rows: list[list[Cell]] = []
        formulas: list[str] = []
        # Only as far as the cells the sheet really has, whatever it declares.
        rows_read = sheet.iter_rows(max_row=size.rows, max_col=size.columns) if size.cells else ()
        for r, row in enumerate(rows_read, start=1):
            cells = []
            for c, cell in enumerate(row, start=1):
                ref = f"{get_column_letter(c)}{r}"
                if getattr(cell, "data_type", None) == "f":
                    formulas.append(ref)
                cells.append(Cell(getattr(cell, "value", None), ref))
            rows.append(cells)
    except SheetError:
        raise
    except SheetTooLarge as exc:
        raise SheetError([str(exc)]) from None
    except Exception:
        raise SheetError(["อ่านข้อมูลในไฟล์ .xlsx ไม่ได้ ไฟล์อาจเสียหาย"]) from None
    finally:
        book.close()
    if formulas:
        shown = ", ".join(formulas[:10]) + (" …" if len(formulas) > 10 else "")
        raise SheetError(
            [
                f"ไม่รับไฟล์ที่มีสูตร: เซลล์ {shown} มีสูตรคำนวณ "
                "กรุณาคัดลอกแล้ววางแบบค่า (Paste Values) แล้วอัปโหลดใหม่"
            ]
        )
    table = _table_from_rows(rows)
    table.warnings[:0] = warnings
    return table


def _table_from_rows(rows: list[list[Cell]]) -> Table:
    numbered = list(enumerate(rows, start=1))  # row numbers as the spreadsheet shows them
    while numbered and all(c.is_blank for c in numbered[0][1]):
        numbered.pop(0)  # blank lines above the header
    if not numbered:
        raise SheetError(["ไฟล์ว่างเปล่า ไม่มีข้อมูล"])
    headers = [_clean_header(c.text) for c in numbered[0][1]]
    while headers and headers[-1] == "":
        headers.pop()
    data = [(n, cells) for n, cells in numbered[1:] if not all(c.is_blank for c in cells)]
    if len(data) > MAX_ROWS:
        raise SheetError([f"ไฟล์มีเกิน {MAX_ROWS:,} แถว กรุณาแบ่งเป็นหลายไฟล์"])
    return Table(headers=headers, rows=data)


def _clean_header(text: str) -> str:
    return " ".join(to_arabic_digits(text).replace("\ufeff", "").split())


# --- columns ---------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """What a header means: ``("code",)``, ``("indicator", 4)``, ``("item", "o13")``…"""

    kind: str
    key: Any = None


def classify_header(header: str) -> Column | None:
    """The meaning of a header, or ``None`` for a column itaplan does not know."""
    if header == CODE:
        return Column("code")
    if header == NAME:
        return Column("name")
    if header in (YEAR, "ปี", "ปีงบประมาณ พ.ศ."):
        return Column("year")
    if header in PRINTED:
        return Column("printed", PRINTED[header])
    if header == PREVIOUS:
        return Column("previous")
    match = _INDICATOR_HEADER.match(header)
    if match:
        return Column("indicator", int(match[1]))
    if _ITEM_HEADER.match(header):
        return Column("item", header.lower())
    return None


def read_columns(headers: list[str]) -> tuple[dict[int, Column], list[str], list[str]]:
    """Map column positions to meanings; return (columns, errors, warnings)."""
    columns: dict[int, Column] = {}
    errors: list[str] = []
    warnings: list[str] = []
    seen: dict[Column, str] = {}
    for index, header in enumerate(headers):
        if not header:
            continue
        column = classify_header(header)
        if column is None:
            warnings.append(f"ไม่รู้จักคอลัมน์ '{header}' จึงไม่อ่านคอลัมน์นี้")
            continue
        if column.kind == "indicator" and not 1 <= column.key <= INDICATOR_COUNT:
            errors.append(f"คอลัมน์ '{header}': มีตัวชี้วัดที่ 1 ถึง {INDICATOR_COUNT} เท่านั้น")
            continue
        if column in seen:
            errors.append(f"คอลัมน์ '{header}' ซ้ำกับคอลัมน์ '{seen[column]}'")
            continue
        seen[column] = header
        columns[index] = column
    kinds = {c.kind for c in columns.values()}
    if "year" not in kinds:
        errors.append(f"ไม่พบคอลัมน์ '{YEAR}' (แถวแรกของไฟล์ต้องเป็นหัวคอลัมน์ตามแบบฟอร์ม)")
    if not kinds & {"indicator", "item"}:
        errors.append(f"ไม่พบคอลัมน์คะแนน ('{INDICATOR.format(1)}' … หรือรหัสประเด็น เช่น 'o13')")
    return columns, errors, warnings


# --- rows ------------------------------------------------------------------------


def _where(row: int, header: str, cell: Cell) -> str:
    place = f"แถวที่ {row} คอลัมน์ '{header}'"
    return f"{place} (เซลล์ {cell.ref})" if cell.ref else place


def read_score(cell: Cell) -> float:
    """A score from a cell: a number, or text with Thai or Arabic digits; 0–100."""
    value = cell.value
    if isinstance(value, bool):
        raise ValueError(gettext("'%(text)s' ไม่ใช่ตัวเลข") % {"text": cell.text})
    if isinstance(value, int | float):
        number = float(value)
    else:
        try:
            number = parse_number(cell.text)
        except ValueError:
            raise ValueError(gettext("'%(text)s' ไม่ใช่ตัวเลข") % {"text": cell.text}) from None
    if not 0 <= number <= 100:
        raise ValueError(gettext("%(value)s ไม่อยู่ระหว่าง 0 ถึง 100") % {"value": format_score(number)})
    return number


def read_year(cell: Cell, known: Callable[[int], Framework]) -> tuple[int, Framework]:
    try:
        number = (
            float(cell.value) if isinstance(cell.value, int | float) else parse_number(cell.text)
        )
    except ValueError:
        raise ValueError(
            gettext("'%(text)s' ไม่ใช่ปีงบประมาณ (เช่น 2568)") % {"text": cell.text}
        ) from None
    if not number.is_integer():
        raise ValueError(gettext("'%(text)s' ไม่ใช่ปีงบประมาณ (เช่น 2568)") % {"text": cell.text})
    year = int(number)
    if 1957 <= year <= 2157:  # a Common-era year typed by mistake
        raise ValueError(
            gettext("'%(text)s' เป็นปี ค.ศ. กรุณาใช้ปี พ.ศ. (เช่น %(value)s)")
            % {"text": cell.text, "value": year + 543}
        )
    try:
        return year, known(year)
    except CriteriaError:
        raise ValueError(
            gettext("ยังไม่มีเกณฑ์การประเมินของปีงบประมาณ %(year)s") % {"year": year}
        ) from None


def parse_rows(
    table: Table, *, load_framework: Callable[[int], Framework] = load
) -> tuple[list[SheetRow], list[str], list[str]]:
    """Validate every data row; return (rows, errors, warnings).

    Errors name the row and the column (and the cell for XLSX). Rows with an error
    are left out of ``rows``; callers must refuse the whole file when ``errors``
    is not empty.
    """
    columns, errors, warnings = read_columns(table.headers)
    warnings = table.warnings + warnings
    if errors:
        return [], errors, warnings
    if not table.rows:
        return [], ["ไฟล์มีแต่หัวคอลัมน์ ไม่มีแถวข้อมูล"], warnings
    rows: list[SheetRow] = []
    first_row: dict[tuple[str, int], int] = {}
    for number, cells in table.rows:
        row, row_errors = _parse_row(number, cells, columns, table.headers, load_framework)
        errors.extend(row_errors)
        if row is None:
            continue
        who = (row.agency_code or row.agency_name).casefold()
        key = (who, row.fiscal_year)
        if who and key in first_row:
            errors.append(
                f"แถวที่ {number}: หน่วยงาน '{row.agency_code or row.agency_name}' "
                f"ปี {row.fiscal_year} ซ้ำกับแถวที่ {first_row[key]}"
            )
            continue
        first_row[key] = number
        rows.append(row)
    return rows, errors, warnings


def _parse_row(
    number: int,
    cells: list[Cell],
    columns: dict[int, Column],
    headers: list[str],
    load_framework: Callable[[int], Framework],
) -> tuple[SheetRow | None, list[str]]:
    errors: list[str] = []
    by_kind: dict[str, list[tuple[Column, str, Cell]]] = {}
    for index, column in columns.items():
        cell = cells[index] if index < len(cells) else Cell(None)
        by_kind.setdefault(column.kind, []).append((column, headers[index], cell))
    extra = [c for c in cells[len(headers) :] if not c.is_blank]
    if extra:
        errors.append(f"แถวที่ {number}: มีข้อมูลเกินคอลัมน์สุดท้ายที่มีหัวคอลัมน์ ({extra[0].text!r})")

    def text_of(kind: str) -> str:
        found = by_kind.get(kind)
        return found[0][2].text if found else ""

    framework: Framework | None = None
    year = 0
    _, year_header, year_cell = by_kind["year"][0]
    if year_cell.is_blank:
        errors.append(f"{_where(number, year_header, year_cell)}: ไม่ได้ระบุปีงบประมาณ")
    else:
        try:
            year, framework = read_year(year_cell, load_framework)
        except ValueError as exc:
            errors.append(f"{_where(number, year_header, year_cell)}: {exc}")

    row = SheetRow(
        row=number,
        agency_code=text_of("code"),
        agency_name=" ".join(text_of("name").split()),
        fiscal_year=year,
    )
    has_agency_columns = "code" in by_kind or "name" in by_kind
    if has_agency_columns and not row.agency_code and not row.agency_name:
        errors.append(f"แถวที่ {number}: ไม่ได้ระบุ '{CODE}' หรือ '{NAME}'")

    for column, header, cell in by_kind.get("indicator", []):
        if cell.is_blank:
            continue
        try:
            row.indicators[column.key] = read_score(cell)
        except ValueError as exc:
            errors.append(f"{_where(number, header, cell)}: {exc}")
    for column, header, cell in by_kind.get("item", []):
        if cell.is_blank:
            continue
        code = framework.normalise_item_code(column.key) if framework else column.key
        if framework is not None and code is None:
            errors.append(
                f"{_where(number, header, cell)}: '{header}' ไม่ใช่ประเด็นการประเมินของปี {year}"
            )
            continue
        try:
            row.items[code or column.key] = read_score(cell)
        except ValueError as exc:
            errors.append(f"{_where(number, header, cell)}: {exc}")
    for column, header, cell in by_kind.get("printed", []):
        if cell.is_blank:
            continue
        if column.key == "level":
            row.printed["level"] = cell.text[:32]
            continue
        try:
            row.printed[column.key] = read_score(cell)
        except ValueError as exc:
            errors.append(f"{_where(number, header, cell)}: {exc}")
    for _column, header, cell in by_kind.get("previous", []):
        if not cell.is_blank:
            try:
                row.previous_total = read_score(cell)
            except ValueError as exc:
                errors.append(f"{_where(number, header, cell)}: {exc}")
    if not errors and not row.indicators and not row.items:
        errors.append(f"แถวที่ {number}: ไม่มีคะแนนตัวชี้วัดหรือประเด็นการประเมิน")
    return (None if errors else row), errors


# --- templates -------------------------------------------------------------------


def template_headers(framework: Framework | None) -> list[str]:
    """Headers of the template; with a framework, one column per item of that year."""
    headers = [CODE, NAME, YEAR]
    headers += [INDICATOR.format(n) for n in range(1, INDICATOR_COUNT + 1)]
    headers += [*PRINTED, PREVIOUS]
    if framework is not None:
        headers += [item.code for item in framework.items]
    return headers


def template_rows(
    agencies: Iterable[tuple[str, str]], fiscal_year: int, width: int
) -> list[list[Any]]:
    """One row per agency (code, name, year), the score cells left blank."""
    return [[code, name, fiscal_year] + [None] * (width - 3) for code, name in agencies]


def template_xlsx(
    framework: Framework | None, agencies: Iterable[tuple[str, str]], year: int
) -> bytes:
    """The XLSX template: one sheet, Thai headers, one row per agency."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    from itaplan.lib.xlsxcells import append

    headers = template_headers(framework)
    book = Workbook()
    sheet = book.active
    sheet.title = f"ผลการประเมิน {year}"
    append(sheet, headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE7F0")
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in template_rows(agencies, year, len(headers)):
        append(sheet, row)
    sheet.freeze_panes = "D2"
    sheet.column_dimensions["A"].width = 16
    sheet.column_dimensions["B"].width = 36
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def template_csv(
    framework: Framework | None, agencies: Iterable[tuple[str, str]], year: int
) -> bytes:
    """The CSV template, UTF-8 with a BOM so that Excel shows the Thai headers."""
    headers = template_headers(framework)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    for row in template_rows(agencies, year, len(headers)):
        writer.writerow(["" if v is None else v for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
