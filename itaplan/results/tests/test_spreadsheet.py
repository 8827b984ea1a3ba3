"""Reading results spreadsheets: every problem named by row, column and cell, in Thai."""

from __future__ import annotations

import io
import zipfile

import pytest
from openpyxl import Workbook, load_workbook

from itaplan.domain.criteria import load
from itaplan.lib.testing import HEADER, INDICATORS_2568, csv_bytes, sheet_row, xlsx_bytes
from itaplan.results import spreadsheet
from itaplan.results.spreadsheet import SheetError, parse_rows, read_table

LIMIT = 1024 * 1024


def read(name: str, data: bytes) -> tuple[list[spreadsheet.SheetRow], list[str], list[str]]:
    return parse_rows(read_table(name, data, max_bytes=LIMIT))


def test_it_reads_a_valid_xlsx_row() -> None:
    rows, errors, warnings = read("r.xlsx", xlsx_bytes(sheet_row()))
    assert errors == [] and warnings == []
    [row] = rows
    assert row.agency_code == "samruean" and row.fiscal_year == 2568
    assert row.indicators == INDICATORS_2568
    assert row.label == "แถวที่ 2"


def test_it_reads_thai_digits_in_text_cells() -> None:
    rows, errors, _ = read("r.csv", csv_bytes(sheet_row(year="๒๕๖๘", i1="๙๙.๒๙")))
    assert errors == []
    assert rows[0].fiscal_year == 2568 and rows[0].indicators[1] == 99.29


def test_it_names_row_and_column_of_a_bad_number_in_a_csv() -> None:
    _, errors, _ = read("r.csv", csv_bytes(sheet_row(), sheet_row(code="x", i4="1O5")))
    assert errors == ["แถวที่ 3 คอลัมน์ 'ตัวชี้วัดที่ 4': '1O5' ไม่ใช่ตัวเลข"]


def test_it_names_the_cell_of_a_bad_number_in_an_xlsx() -> None:
    _, errors, _ = read("r.xlsx", xlsx_bytes(sheet_row(i4="1O5")))
    assert errors == ["แถวที่ 2 คอลัมน์ 'ตัวชี้วัดที่ 4' (เซลล์ G2): '1O5' ไม่ใช่ตัวเลข"]


def test_it_collects_every_error_not_only_the_first() -> None:
    data = csv_bytes(sheet_row(i1="abc", i2="101"), sheet_row(code="b", year="2550", i3="-1"))
    _, errors, _ = read("r.csv", data)
    assert len(errors) == 4
    assert "แถวที่ 2 คอลัมน์ 'ตัวชี้วัดที่ 1'" in errors[0]
    assert "101.00 ไม่อยู่ระหว่าง 0 ถึง 100" in errors[1]
    assert "ยังไม่มีเกณฑ์การประเมินของปีงบประมาณ 2550" in errors[2]
    assert errors[3] == "แถวที่ 3 คอลัมน์ 'ตัวชี้วัดที่ 3': -1.00 ไม่อยู่ระหว่าง 0 ถึง 100"


def test_it_refuses_a_common_era_year_and_says_which_to_use() -> None:
    _, errors, _ = read("r.csv", csv_bytes(sheet_row(year=2025)))
    assert "ปี ค.ศ." in errors[0] and "2568" in errors[0]


def test_it_refuses_unknown_item_codes_for_the_year() -> None:
    header = [*HEADER, "o13", "o29"]
    _, errors, _ = read("r.csv", csv_bytes([*sheet_row(), "50", "100"], header=header))
    assert errors == ["แถวที่ 2 คอลัมน์ 'o29': 'o29' ไม่ใช่ประเด็นการประเมินของปี 2568"]


def test_it_reads_item_columns() -> None:
    header = [*HEADER, "O13", "i1"]
    rows, errors, _ = read("r.csv", csv_bytes([*sheet_row(), "50", "97.86"], header=header))
    assert errors == []
    assert rows[0].items == {"o13": 50.0, "i1": 97.86}


def test_it_refuses_duplicate_agency_year_rows() -> None:
    _, errors, _ = read("r.csv", csv_bytes(sheet_row(), sheet_row(), sheet_row(year=2567)))
    assert errors == ["แถวที่ 3: หน่วยงาน 'samruean' ปี 2568 ซ้ำกับแถวที่ 2"]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp874"])
def test_it_reads_csv_in_utf8_with_or_without_bom_and_in_thai_windows(encoding: str) -> None:
    data = csv_bytes(sheet_row(name="องค์การบริหารส่วนตำบลสามเรือน"), encoding=encoding)
    rows, errors, warnings = read("r.csv", data)
    assert errors == []
    assert rows[0].agency_name == "องค์การบริหารส่วนตำบลสามเรือน"
    assert any("Windows-874" in w for w in warnings) == (encoding == "cp874")


def test_it_reads_semicolon_separated_csv() -> None:
    text = ";".join(HEADER) + "\n" + ";".join(map(str, sheet_row())) + "\n"
    rows, errors, _ = read("r.csv", text.encode())
    assert errors == [] and rows[0].indicators[10] == 100.0


def formula_workbook() -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    sheet.append(sheet_row())
    sheet["M2"] = "=AVERAGE(D2:L2)"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_it_refuses_formulas_and_names_the_cell() -> None:
    with pytest.raises(SheetError) as caught:
        read_table("r.xlsx", formula_workbook(), max_bytes=LIMIT)
    assert "M2" in caught.value.messages[0] and "สูตร" in caught.value.messages[0]


def test_it_reads_the_first_sheet_and_warns_about_the_others() -> None:
    rows, errors, warnings = read("r.xlsx", xlsx_bytes(sheet_row(), extra_sheets=2))
    assert errors == [] and len(rows) == 1
    assert "อ่านเฉพาะแผ่นแรก 'ผลการประเมิน'" in warnings[0]
    assert "'แผ่นที่ 2', 'แผ่นที่ 3'" in warnings[0]


@pytest.mark.parametrize("name", ["r.xlsm", "r.xls", "R.XLSB"])
def test_it_refuses_macro_and_old_excel_files_by_name(name: str) -> None:
    with pytest.raises(SheetError, match="แมโคร"):
        read_table(name, xlsx_bytes(sheet_row()), max_bytes=LIMIT)


def test_it_refuses_an_xlsx_carrying_a_vba_project() -> None:
    buffer = io.BytesIO(xlsx_bytes(sheet_row()))
    with zipfile.ZipFile(buffer, "a") as archive:
        archive.writestr("xl/vbaProject.bin", b"\x00macro")
    with pytest.raises(SheetError, match="VBA"):
        read_table("r.xlsx", buffer.getvalue(), max_bytes=LIMIT)


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("r.csv", b"", "ว่างเปล่า"),
        ("r.xlsx", b"   \n", "ว่างเปล่า"),
        ("r.xlsx", b"PK\x03\x04broken", "ไม่ใช่ไฟล์ .xlsx"),
        ("r.pdf", b"%PDF-1.4", "รับเฉพาะไฟล์ .xlsx หรือ .csv"),
        ("r.csv", b"\xff\xfe\x00\x00\xdb\xdc", "อ่านตัวอักษร"),
    ],
)
def test_it_refuses_files_it_cannot_read(name: str, data: bytes, message: str) -> None:
    with pytest.raises(SheetError, match=message):
        read_table(name, data, max_bytes=LIMIT)


def test_it_refuses_a_file_over_the_limit_and_states_the_limit() -> None:
    with pytest.raises(SheetError) as caught:
        read_table("r.csv", b"x" * 3000, max_bytes=2048)
    assert "2 KB" in caught.value.messages[0]


def test_it_refuses_a_header_only_file() -> None:
    _, errors, _ = read("r.csv", csv_bytes())
    assert errors == ["ไฟล์มีแต่หัวคอลัมน์ ไม่มีแถวข้อมูล"]


def test_it_refuses_a_file_without_the_year_column() -> None:
    header = ["รหัสหน่วยงาน", "ตัวชี้วัดที่ 1"]
    _, errors, _ = read("r.csv", csv_bytes(["samruean", "99"], header=header))
    assert "ไม่พบคอลัมน์ 'ปีงบประมาณ'" in errors[0]


def test_it_warns_about_unknown_columns_and_ignores_them() -> None:
    header = [*HEADER, "หมายเหตุ"]
    rows, errors, warnings = read("r.csv", csv_bytes([*sheet_row(), "ดี"], header=header))
    assert errors == [] and rows
    assert warnings == ["ไม่รู้จักคอลัมน์ 'หมายเหตุ' จึงไม่อ่านคอลัมน์นี้"]


def test_it_refuses_a_row_without_scores() -> None:
    _, errors, _ = read("r.csv", csv_bytes(["samruean", "", "2568"]))
    assert errors == ["แถวที่ 2: ไม่มีคะแนนตัวชี้วัดหรือประเด็นการประเมิน"]


def test_the_xlsx_template_has_thai_headers_item_columns_and_one_row_per_agency() -> None:
    data = spreadsheet.template_xlsx(load(2568), [("samruean", "อบต.สามเรือน")], 2568)
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    headers = [c.value for c in sheet[1]]
    assert headers[:4] == ["รหัสหน่วยงาน", "ชื่อหน่วยงาน", "ปีงบประมาณ", "ตัวชี้วัดที่ 1"]
    assert "คะแนนรวมที่พิมพ์" in headers and "ระดับที่พิมพ์" in headers
    assert headers[-1] == "o28"
    assert [c.value for c in sheet[2]][:3] == ["samruean", "อบต.สามเรือน", 2568]


def test_a_filled_csv_template_reads_back() -> None:
    data = spreadsheet.template_csv(load(2568), [("samruean", "อบต.สามเรือน")], 2568)
    assert data.startswith("\ufeff".encode())
    text = data.decode("utf-8-sig").replace(
        "samruean,อบต.สามเรือน,2568", "samruean,อบต.สามเรือน,2568,99.29"
    )
    rows, errors, _ = read("t.csv", text.encode("utf-8"))
    assert errors == [] and rows[0].indicators == {1: 99.29}
