"""English sentences of annual reports (readers.english)."""

from __future__ import annotations

from itaplan.domain.readers.english import Statement, read_english


def test_a_christian_era_year_is_the_fiscal_year_543_later() -> None:
    (found,) = read_english(3, "The ITA score for 2023 was 92.10 points, level A.")
    assert found == Statement(3, 2566, 92.1, "A", False)


def test_a_score_followed_by_last_year_is_last_years() -> None:
    found = read_english(1, "Our ITA score rose to 93.40 from 90.10 points last year.")
    assert [(s.total, s.last_year) for s in found] == [(90.1, True), (93.4, False)]


def test_a_sentence_without_the_ita_is_not_read() -> None:
    assert read_english(1, "Revenue for 2023 was 92.10 million baht.") == []


def test_a_national_average_is_not_the_agencys_score() -> None:
    assert read_english(1, "The national average ITA score was 87.57 points.") == []


def test_a_count_of_agencies_is_not_a_score() -> None:
    assert read_english(1, "The ITA covered 83 agencies in 2023.") == []
