"""Periods as agencies print them, read into Christian-era dates."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from itaplan.domain.readers.periods import Period, read_period, year_ce

D = dt.date


@pytest.mark.parametrize(
    ("text", "plan_year", "start", "end"),
    [
        # seed 004: days, month abbreviations, two-digit BE years, Thai digits
        ("๑ ต.ค. ๖๘ ถึง ๓๐ ก.ย. ๖๙", 2569, D(2025, 10, 1), D(2026, 9, 30)),
        ("๑ ต.ค. ๖๗ ถึง ๓๐ ก.ย. ๖๘", 2569, D(2024, 10, 1), D(2025, 9, 30)),
        # seed 000: full month names, four-digit years, no days
        ("มกราคม 2565 ถึง มีนาคม 2565", 2565, D(2022, 1, 1), D(2022, 3, 31)),
        # seed 003: the year written once, after the second month
        ("ม.ค. - มี.ค. 66", 2566, D(2023, 1, 1), D(2023, 3, 31)),
        # a range over the new year with the year once: the first month is the year before
        ("พ.ย. - ก.พ. 69", None, D(2025, 11, 1), D(2026, 2, 28)),
        ("1 ตุลาคม 2568 – 30 กันยายน 2569", None, D(2025, 10, 1), D(2026, 9, 30)),
        ("1/10/2568 - 30/9/2569", None, D(2025, 10, 1), D(2026, 9, 30)),
        ("๑/๑๐/๖๘ - ๓๑/๓/๖๙", None, D(2025, 10, 1), D(2026, 3, 31)),
        ("มีนาคม 2566", None, D(2023, 3, 1), D(2023, 3, 31)),
        ("มี.ค.66", None, D(2023, 3, 1), D(2023, 3, 31)),
        ("ตุลา 68 – ธันวา 68", None, D(2025, 10, 1), D(2025, 12, 31)),
        # Christian-era years, as English-speaking staff sometimes type them
        ("1 ตุลาคม 2025 - 30 กันยายน 2026", None, D(2025, 10, 1), D(2026, 9, 30)),
        # only the plan year says which calendar year October belongs to
        ("ต.ค. - ธ.ค.", 2569, D(2025, 10, 1), D(2025, 12, 31)),
        ("ภายใน 31 มี.ค. 69", 2569, D(2025, 10, 1), D(2026, 3, 31)),
        ("ไตรมาสที่ 2", 2569, D(2026, 1, 1), D(2026, 3, 31)),
        ("ไตรมาส ๑-๒", 2569, D(2025, 10, 1), D(2026, 3, 31)),
        ("ตลอดปีงบประมาณ", 2569, D(2025, 10, 1), D(2026, 9, 30)),
        ("ตลอดปีงบประมาณ พ.ศ. ๒๕๖๖", 2569, D(2022, 10, 1), D(2023, 9, 30)),
        ("ปีงบประมาณ 2569", None, D(2025, 10, 1), D(2026, 9, 30)),
    ],
)
def test_it_reads_the_periods_agencies_print(
    text: str, plan_year: int | None, start: dt.date, end: dt.date
) -> None:
    assert read_period(text, plan_year) == Period(start, end)


@pytest.mark.parametrize("text", ["", "   ", "ตามความเหมาะสม", "31 ก.พ. 66", "ต.ค. - ธ.ค."])
def test_it_reads_nothing_rather_than_guess(text: str) -> None:
    # "ต.ค. - ธ.ค." has no year and no plan year is given
    assert read_period(text) is None


def test_a_period_of_another_year_is_read_as_printed_not_moved_into_the_plan_year() -> None:
    period = read_period("๑ ต.ค. ๖๗ ถึง ๓๐ ก.ย. ๖๘", 2569)
    assert period is not None and period.start.year == 2024


@pytest.mark.parametrize(
    ("digits", "year"), [("68", 2025), ("2568", 2025), ("2025", 2025), ("25", 2025), ("99", 2056)]
)
def test_two_digit_years_are_buddhist_era_unless_they_can_only_be_christian(
    digits: str, year: int
) -> None:
    assert year_ce(digits) == year


@given(st.text(max_size=300), st.one_of(st.none(), st.integers(2400, 2700)))
def test_it_never_raises_on_any_text(text: str, plan_year: int | None) -> None:
    period = read_period(text, plan_year)
    assert period is None or (isinstance(period.start, dt.date) and isinstance(period.end, dt.date))
