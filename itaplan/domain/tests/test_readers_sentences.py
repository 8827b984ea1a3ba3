"""Totals, tool scores and levels in sentences and label cells (readers.sentences)."""

from __future__ import annotations

from itaplan.domain.readers.reading import Label, Reading
from itaplan.domain.readers.segments import Segment
from itaplan.domain.readers.sentences import read_level_cell, read_tool_or_total


def read(text: str, year: int | None = 2566) -> tuple[Reading, Label | None]:
    state = Reading(lines=[text], fiscal_year=year)
    return state, read_tool_or_total(state, Segment(1, 0, text), about_ita=True)


def test_a_tool_score_and_a_total_with_its_level() -> None:
    state, _ = read("แบบวัด (IIT) ได้คะแนน 97.18")
    assert state.seen == {("IIT", "IIT"): [(97.18, 1)]}
    state, _ = read("มีผลคะแนน 62.09 คะแนน อยู่ในระดับ D")
    assert state.seen == {("total", "total"): [(62.09, 1)], ("level", "level"): [("D", 1)]}


def test_passing_the_criterion_is_no_level() -> None:
    state, _ = read("ได้คะแนน 88.00 คะแนน ผ่านเกณฑ์")
    assert ("level", "level") not in state.seen


def test_a_word_and_a_letter_give_the_years_scheme_and_a_note() -> None:
    state, _ = read("ได้คะแนน 95.12 อยู่ในระดับ ผ่านดีเยี่ยม (AA)", year=2566)
    assert state.seen[("level", "level")] == [("ผ่านดีเยี่ยม", 1)]
    state, _ = read("ได้คะแนน 95.12 อยู่ในระดับ ผ่านดีเยี่ยม (AA)", year=2565)
    assert state.seen[("level", "level")] == [("AA", 1)]
    assert "ผ่านดีเยี่ยม" in state.notes[0]


def test_a_level_written_for_another_year_goes_to_that_year() -> None:
    state, _ = read("ปี 2563 ได้ระดับ AA", year=2564)
    assert ("level", "level") not in state.seen
    assert [(y.fiscal_year, y.value) for y in state.years] == [(2563, "AA")]


def test_label_cells_for_a_score_or_a_level_in_the_next_cell() -> None:
    assert read("คะแนนรวม")[1] == Label("total", "total")
    assert read("ระดับผลการประเมิน")[1] == Label("level", "level")
    state = Reading(lines=["x"])
    assert read_level_cell(state, Segment(1, 1, "“ผ่านดี”"))
    assert state.seen == {("level", "level"): [("ผ่านดี", 1)]}
