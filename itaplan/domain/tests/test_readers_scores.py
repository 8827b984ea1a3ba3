"""Scores, years and levels as printed (readers.scores)."""

from __future__ import annotations

import pytest

from itaplan.domain.readers.scores import NUM_RE, SCORE_CELL, is_score, number, year_value


@pytest.mark.parametrize(
    ("digits", "year"),
    [("2568", 2568), ("๒๕๖๘", 2568), ("68", 2568), ("๖๕", 2565), ("2023", 2566), ("2019", 2562)],
)
def test_a_year_is_read_in_the_buddhist_era_from_any_way_it_is_printed(
    digits: str, year: int
) -> None:
    assert year_value(digits) == year


@pytest.mark.parametrize("digits", ["1500", "2800", "12", "3000"])
def test_an_implausible_year_is_no_year(digits: str) -> None:
    assert year_value(digits) is None


def test_item_code_typed_with_a_thai_zero_is_never_a_score() -> None:
    assert NUM_RE.search("๐๑๓") is None
    assert NUM_RE.search("๙๖.๗๙").group(1) == "๙๖.๗๙"


@pytest.mark.parametrize("cell", ["๙๙.๒๙", "98.64 คะแนน", "**98.08**", "คะแนน 87.5", "100%"])
def test_a_cell_holding_only_a_score_is_a_score_cell(cell: str) -> None:
    assert SCORE_CELL.match(cell)


def test_numbers_and_scores() -> None:
    assert number("๙๖.๗๙") == 96.79
    assert number("ไม่ใช่") is None
    assert is_score(100.0) and not is_score(100.01) and not is_score(None)
