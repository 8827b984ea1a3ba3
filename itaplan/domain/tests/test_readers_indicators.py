"""Indicators and their scores (readers.indicators)."""

from __future__ import annotations

from itaplan.domain.readers.indicators import read_indicator
from itaplan.domain.readers.names import names_for
from itaplan.domain.readers.reading import Label, Reading
from itaplan.domain.readers.segments import Segment


def reading() -> Reading:
    found = Reading(lines=["x"], fiscal_year=2568)
    found.names = names_for(2568, (2564, 2568))
    return found


def test_the_name_decides_and_a_disagreeing_list_number_is_a_warning() -> None:
    state = reading()
    assert read_indicator(state, Segment(1, 0, "3. การใช้งบประมาณ 99.05")) == (True, None)
    assert state.seen == {("indicator 2", "2"): [(99.05, 1)]}
    assert "ไม่ตรงกัน" in state.warnings[0]


def test_a_name_broken_by_pdf_spaces_is_still_the_indicator() -> None:
    state = reading()
    read_indicator(state, Segment(1, 0, "การปฏิบัติ หน้าที่ 98.64"))
    assert state.seen == {("indicator 1", "1"): [(98.64, 1)]}


def test_a_bare_name_cell_is_a_label_for_the_next_cell() -> None:
    assert read_indicator(reading(), Segment(1, 0, "การเปิดเผยข้อมูล")) == (
        True,
        Label("indicator", "9"),
    )


def test_an_integer_after_a_name_is_a_count_not_a_score() -> None:
    state = reading()
    read_indicator(state, Segment(1, 0, "การใช้อำนาจ 5 ประเด็น"))
    assert state.seen == {}


def test_a_cell_naming_no_indicator_is_left_to_the_other_readers() -> None:
    assert read_indicator(reading(), Segment(1, 0, "ผลคะแนนรวม 96.79")) == (False, None)
