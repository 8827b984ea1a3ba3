"""Totals written in sentences (readers.announcements)."""

from __future__ import annotations

from itaplan.domain.readers.announcements import read_sentence_totals
from itaplan.domain.readers.reading import Reading
from itaplan.domain.readers.segments import Segment


def read(text: str, fiscal_year: int | None = 2567, *, about_ita: bool = True) -> Reading:
    reading = Reading(lines=[text], fiscal_year=fiscal_year)
    read_sentence_totals(reading, Segment(1, 0, text), about_ita=about_ita)
    return reading


def test_a_total_is_read_with_or_without_a_space_before_the_unit() -> None:
    for text in ("ได้รับคะแนน 81.23คะแนน", "ได้รับคะแนน 81.23 คะแนน", "ได้รับคะแนน ๘๑.๒๓คะแนน"):
        assert read(text).seen == {("total", "total"): [(81.23, 1)]}, text


def test_nothing_is_read_in_a_text_that_is_not_about_the_ita() -> None:
    assert read("ได้รับคะแนน 81.23 คะแนน", about_ita=False).seen == {}


def test_full_marks_ranks_and_national_means_are_not_the_total() -> None:
    assert read("จากคะแนนเต็ม 100 คะแนน").seen == {}
    assert read("มีคะแนนเฉลี่ยภาพรวมระดับประเทศ 81.25 คะแนน").seen == {}
    assert read("อยู่ในอันดับที่ 14 ได้ 86 คะแนน").seen == {}


def test_a_score_owned_by_an_indicator_named_before_it_is_not_the_total() -> None:
    assert read("ตัวชี้วัดการใช้งบประมาณได้คะแนน 97.50").seen == {}


def test_a_total_written_for_another_year_goes_to_that_year() -> None:
    reading = read("ผลการประเมินประจำปี 2565 ได้คะแนน 90.22 คะแนน")
    assert reading.seen == {}
    assert [(y.fiscal_year, y.value) for y in reading.years] == [(2565, 90.22)]
