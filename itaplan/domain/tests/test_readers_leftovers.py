"""Scores no reader understood (readers.leftovers)."""

from __future__ import annotations

from itaplan.domain.readers.leftovers import mark_unread
from itaplan.domain.readers.reading import Reading
from itaplan.domain.readers.segments import split


def test_a_decimal_left_beside_an_indicator_word_marks_its_line_as_given() -> None:
    state = Reading(lines=["ตัวชี้วัดแปลก 98.64"], given=["ตัวชี้วัดแปลก 98.64  "])
    mark_unread(state, 1, split(1, state.lines[0]))
    assert state.unread == {1: "ตัวชี้วัดแปลก 98.64"}


def test_a_decimal_in_prose_without_score_words_is_not_unread() -> None:
    state = Reading(lines=["งบประมาณ 12.50 ล้านบาท"])
    mark_unread(state, 1, split(1, state.lines[0]))
    assert state.unread == {}
