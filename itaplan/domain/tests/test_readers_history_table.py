"""History tables: one row per fiscal year (readers.history_table)."""

from __future__ import annotations

from itaplan.domain.readers.history_table import Row, scan


def test_rows_under_a_year_and_score_header_are_read_with_their_levels() -> None:
    lines = ["ปีงบประมาณ | คะแนน | ระดับ |", "๒๕๖๗ | ๙๑.๑๕ | ผ่าน |", "๒๕๖๑ | ๘๓.๑๐ | สูงมาก |"]
    assert scan(lines) == [Row(2, 2567, 91.15, "ผ่าน"), Row(3, 2561, 83.1, None)]


def test_two_rows_in_a_row_are_a_table_without_a_header() -> None:
    assert [r.fiscal_year for r in scan(["2565\t90.22\tA", "2566\t86.78\tผ่าน"])] == [2565, 2566]


def test_a_lone_year_and_score_line_is_not_a_history() -> None:
    assert scan(["ข้อความ", "2565\t90.22", "ข้อความ"]) == []


def test_an_indicator_table_is_not_a_history() -> None:
    lines = ["ตัวชี้วัด\tคะแนน", "1. การปฏิบัติหน้าที่\t98.64", "2. การใช้งบประมาณ\t97.00"]
    assert scan(lines) == []


def test_a_blank_line_ends_the_table() -> None:
    lines = ["ปี\tคะแนน", "2565\t90.22", "", "2566\t86.78"]
    assert scan(lines) == [Row(2, 2565, 90.22, None)]
