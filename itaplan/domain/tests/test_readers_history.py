"""Other years' figures in the same text (readers.history)."""

from __future__ import annotations

from itaplan.domain.readers.history import latest_year_scored, read_previous_year, year_of
from itaplan.domain.readers.reading import Reading
from itaplan.domain.readers.segments import Segment


def read(text: str, year: int = 2564) -> Reading:
    state = Reading(lines=[text], fiscal_year=year)
    read_previous_year(state, Segment(1, 0, text))
    return state


def test_last_years_total_is_kept_aside_and_in_the_history() -> None:
    state = read("ส่วนปีที่ผ่านมาได้ 90.02")
    assert state.seen == {("previous_total", "previous_total"): [(90.02, 1)]}
    assert [(y.fiscal_year, y.value) for y in state.years] == [(2563, 90.02)]


def test_an_older_year_goes_only_to_the_history() -> None:
    state = read("ปี 2561 ได้ 81.41 คะแนน", year=2563)
    assert state.seen == {}
    assert [(y.fiscal_year, y.value) for y in state.years] == [(2561, 81.41)]


def test_the_printed_change_from_last_year_is_kept_for_the_check() -> None:
    assert read("สูงกว่าปีที่ผ่านมา 0.78 คะแนน").diffs == [0.78]


def test_the_year_of_a_figure_is_the_year_just_before_it() -> None:
    text = "ปี 2563 ได้ระดับ AA"
    assert year_of(text, text.index("ได้")) == 2563
    other = "ปี 2563 มี 5 ข้อ ได้ระดับ AA"
    assert year_of(other, other.index("ได้ระดับ")) is None


def test_the_latest_year_with_its_own_score() -> None:
    assert latest_year_scored(["ITA ปี 66 ได้ 90.10", "ITA ปี 67 ได้ 95.32 คะแนน"]) == 2567
