"""The results year of a text (readers.years)."""

from __future__ import annotations

from itaplan.domain.readers.years import plan_year, votes


def test_the_year_printed_right_after_the_result_word_wins() -> None:
    found = votes(["ผลการประเมิน ITA ปี 2567 ได้คะแนน 96.79", "ผลคะแนน 96.79 ปีงบประมาณ 2566"])
    assert found.winner() == 2567
    assert found.strong == {2567: [1]}


def test_an_analysis_heading_names_the_documents_year_not_the_result() -> None:
    found = votes(["ผลการประเมิน ITA ปี 2568", "การวิเคราะห์ผลการประเมิน ITA ปีงบประมาณ 2569"])
    assert set(found.strong) == {2568, 2569}
    assert set(found.result) == {2568}


def test_a_measures_title_year_stands_for_the_results_of_the_year_before() -> None:
    year, warning = plan_year(["มาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. 2566"])
    assert year == 2565 and "2566" in warning
