"""Buddhist-era dates as agencies type them: Thai or Arabic digits, numbers or month names."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from itaplan.domain.thai import DateError, format_date_numeric, parse_date

OCT_1_2568 = dt.date(2025, 10, 1)


@pytest.mark.parametrize(
    "typed",
    [
        "1/10/2568",
        "01/10/2568",
        "๑/๑๐/๒๕๖๘",
        "1-10-68",
        "1.10.2568",
        "1 ต.ค. 2568",
        "1 ต.ค.2568",
        "๑ ตค ๒๕๖๘",
        "๑ ตุลาคม พ.ศ. ๒๕๖๘",
        "  1 / 10 / 2568 ",
    ],
)
def test_a_typed_buddhist_era_date_is_read_whatever_the_digits_or_month_form(typed: str) -> None:
    assert parse_date(typed) == OCT_1_2568


def test_a_year_typed_as_2569_is_2569_be_not_christian_era() -> None:
    assert parse_date("15/3/2569") == dt.date(2026, 3, 15)


@pytest.mark.parametrize(
    ("typed", "kind", "words"),
    [
        ("1/10/2025", "era", "ปี 2025 ไม่ใช่ปีพุทธศักราช กรุณาพิมพ์ปี พ.ศ. เช่น 2568"),
        ("31/2/2568", "calendar", "ไม่มีวันที่นี้ในปฏิทิน"),
        ("1/13/2568", "calendar", "ไม่มีวันที่นี้ในปฏิทิน"),
        ("1 ตุลา 2568", "month", "ไม่รู้จักชื่อเดือน"),
        ("2025-10-01", "shape", "กรุณาพิมพ์วัน/เดือน/ปี พ.ศ."),
        ("เมื่อวาน", "shape", "ไม่ใช่วันที่"),
    ],
)
def test_an_unreadable_date_is_refused_with_a_thai_reason_quoting_it(
    typed: str, kind: str, words: str
) -> None:
    with pytest.raises(DateError) as refused:
        parse_date(typed)
    assert refused.value.kind == kind
    assert words in refused.value.message and typed in refused.value.message


def test_a_date_is_shown_as_typed_in_either_digits() -> None:
    assert format_date_numeric(OCT_1_2568) == "1/10/2568"
    assert format_date_numeric(OCT_1_2568, thai_digits=True) == "๑/๑๐/๒๕๖๘"


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2400, 12, 31)), st.booleans())
def test_what_is_shown_reads_back_as_the_same_day(day: dt.date, thai: bool) -> None:
    assert parse_date(format_date_numeric(day, thai_digits=thai)) == day
