"""Filling a measures document from a result file alone."""

from __future__ import annotations

import pytest

from itaplan.documents.build import find_location, measures_document_from_result
from itaplan.documents.model import Agency
from itaplan.documents.tests.conftest import Seed, build_seed, seed_text
from itaplan.domain.parsing import parse_result_text
from itaplan.domain.thai import fiscal_year_bounds


def classes(seed: Seed) -> dict[int, str | None]:
    return {i.number: i.class_label for i in seed.document.indicators}


def test_seed_000_puts_indicators_9_and_10_in_urgent_repair_at_level_d() -> None:
    seed = build_seed("000")
    assert classes(seed)[9] == classes(seed)[10] == "แก้ไขโดยเร่งด่วน"
    assert seed.document.shown_level == "D"
    assert (seed.document.results_year, seed.document.plan_year) == (2564, 2565)
    assert round(seed.document.total or 0, 2) == 62.09


def test_seed_004_is_passed_good_with_indicator_4_the_lowest_of_iit() -> None:
    document = build_seed("004").document
    assert document.level == "ผ่านดี"
    iit = next(t for t in document.tools if t.code == "IIT")
    assert iit.lowest == 4
    assert (document.results_year, document.plan_year) == (2568, 2569)
    assert document.previous_total == pytest.approx(96.01)


def test_seed_003_plans_2566_from_its_2565_result() -> None:
    document = build_seed("003").document
    assert (document.results_year, document.plan_year) == (2565, 2566)


def test_every_measure_runs_within_the_plan_fiscal_year(seed: Seed) -> None:
    first, last = fiscal_year_bounds(seed.document.plan_year)
    assert seed.document.measures
    for row in seed.document.measures:
        assert row.start is not None and row.end is not None
        assert first <= row.start <= row.end <= last


def test_measures_come_in_indicator_order_with_steps_and_units(seed: Seed) -> None:
    numbers = [row.indicator or 0 for row in seed.document.measures]
    assert numbers == sorted(numbers)
    for row in seed.document.measures:
        assert row.title and row.steps and row.units and row.monitoring


def test_every_weak_indicator_gets_a_measure(seed: Seed) -> None:
    weak = {i.number for i in seed.document.indicators if i.class_key in ("urgent", "improve")}
    assert weak <= {row.indicator for row in seed.document.measures}


def test_indicator_analysis_comes_from_the_knowledge_base(seed: Seed) -> None:
    for ind in seed.document.indicators:
        entry = seed.kb.for_indicator(ind.number)
        assert entry is not None
        assert ind.analysis and ind.analysis[0] in entry.analysis


def test_only_items_below_100_are_explained_weakest_first(seed: Seed) -> None:
    scores = {i.code: i.score for i in seed.document.items}
    for ind in seed.document.indicators:
        codes = [code for code, _ in ind.item_analysis]
        assert all(scores[c] < 100 for c in codes)
        assert [scores[c] for c in codes] == sorted(scores[c] for c in codes)


def test_ranking_runs_from_the_highest_score_down(seed: Seed) -> None:
    scores = [i.score for i in seed.document.ranking]
    assert scores == sorted(scores, reverse=True)
    assert len(scores) == 10


def test_location_is_read_from_the_seed_text() -> None:
    assert find_location(seed_text("000")) == ("ศรีบุญเรือง", "หนองบัวลำภู")
    assert find_location(seed_text("004")) == ("เมืองราชบุรี", "ราชบุรี")
    assert find_location("ไม่มีที่อยู่") == ("", "")


def test_a_parsed_result_is_checked_and_named_after_its_agency() -> None:
    parsed = parse_result_text(seed_text("004"))
    document = measures_document_from_result(parsed, max_measures=3)
    assert document.agency.name == "องค์การบริหารส่วนตำบลสามเรือน"
    assert document.printed_level == "ผ่านดี"
    assert len(document.measures) == 3


def test_max_measures_keeps_the_most_urgent_first() -> None:
    seed = build_seed("000")
    few = measures_document_from_result(
        seed.report, Agency("ทดสอบ"), kb=seed.kb, thai_digits=False, max_measures=2
    )
    urgent = {i.number for i in seed.document.indicators if i.class_key == "urgent"}
    assert {row.indicator for row in few.measures} <= urgent


def test_a_parsed_result_without_a_year_is_refused() -> None:
    parsed = parse_result_text("ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่ 90.00")
    if parsed.fiscal_year is not None:
        pytest.skip("the parser guessed a year")
    with pytest.raises(ValueError, match="ปีงบประมาณ"):
        measures_document_from_result(parsed)


def test_last_years_result_gives_every_change_and_the_comparison() -> None:
    seed = build_seed("003")  # FY2565; last year's result taken from seed 000 (FY2564)
    last_year = build_seed("000").report.assessment
    document = measures_document_from_result(
        seed.report, Agency("ทดสอบ"), kb=seed.kb, thai_digits=True, previous=last_year
    )
    assert document.has_previous
    ind9 = document.indicator(9)
    assert ind9.previous == pytest.approx(11.58)
    assert ind9.change == pytest.approx((ind9.score or 0) - 11.58)
    oit = next(t for t in document.tools if t.code == "OIT")
    assert oit.previous == pytest.approx(21.415)
    assert document.previous_total == pytest.approx(last_year.total)
