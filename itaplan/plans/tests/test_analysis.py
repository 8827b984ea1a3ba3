"""The analysis of the seed results: ranking, classes, lowest of each tool, impact, change."""

from __future__ import annotations

import pytest

from itaplan.domain.analysis import CHART_BAR_MAX
from itaplan.domain.criteria import load
from itaplan.domain.tests.test_scoring import SEED_004_EIT, SEED_004_ITEMS
from itaplan.plans.selectors import analyse_result
from itaplan.results.services import save_result

pytestmark = pytest.mark.django_db


def classes(analysis) -> dict[str, list[int]]:
    return {g.key: [r.number for r in g.indicators] for g in analysis.class_groups}


def test_seed_003_has_indicators_2_4_and_5_urgent_and_the_rest_to_improve(seed_003_result):
    analysis = analyse_result(seed_003_result)
    assert classes(analysis) == {
        "urgent": [2, 4, 5],
        "improve": [1, 3, 6, 7, 8, 9, 10],
        "maintain": [],
    }
    assert [g.label for g in analysis.class_groups] == [
        "แก้ไขโดยเร่งด่วน",
        "พัฒนาให้ดีขึ้น",
        "รักษาระดับ",
    ]


def test_seed_003_is_ranked_as_the_agency_ranked_it(seed_003_result):
    ranking = analyse_result(seed_003_result).ranking
    # Seed 003's table: 98.08 คุณภาพการดำเนินงาน first … 75.94 การใช้ทรัพยากรของราชการ last.
    assert [r.number for r in ranking] == [6, 7, 8, 1, 9, 3, 10, 2, 5, 4]
    assert [r.rank for r in ranking] == list(range(1, 11))


def test_seed_003_lowest_indicator_of_each_tool(seed_003_result):
    lowest = analyse_result(seed_003_result).lowest_of_tools
    assert [(r.tool, r.number) for r in lowest] == [("IIT", 4), ("EIT", 8), ("OIT", 10)]


def test_seed_000_has_indicators_6_8_9_and_10_urgent(seed_000_result):
    analysis = analyse_result(seed_000_result)
    assert classes(analysis)["urgent"] == [6, 8, 9, 10]
    assert analysis.ranking[-1].number == 9  # การเปิดเผยข้อมูล 11.58
    assert analysis.assessment.level == "D"


def test_seed_004_has_nothing_urgent_and_indicator_4_lowest_of_iit(result_2568):
    analysis = analyse_result(result_2568)
    assert classes(analysis)["urgent"] == []
    lowest = {r.tool: r.number for r in analysis.lowest_of_tools}
    assert lowest["IIT"] == 4


def test_seed_004_o13_is_the_item_that_adds_most_to_the_total(result_2568):
    analysis = analyse_result(result_2568)
    items = [i for i in analysis.impacts if not i.target.startswith("indicator")]
    assert items[0].target == "o13"
    assert items[0].points == pytest.approx(1.0)
    assert analysis.weak_items[0].code == "o13"  # the lowest item, 50.00


def test_weak_items_are_the_items_below_100_and_share_their_indicators_class(result_2568):
    weak = {w.code: w for w in analyse_result(result_2568).weak_items}
    assert "i2" not in weak
    assert weak["i10"].score == pytest.approx(71.43)
    assert weak["i10"].class_label == "พัฒนาให้ดีขึ้น"  # indicator 4 is 89.05
    assert weak["e1"].impact is None  # the FY2568 EIT rule is unknown


def test_without_last_years_result_only_the_printed_previous_total_is_compared(result_2568):
    analysis = analyse_result(result_2568)
    assert not analysis.has_previous
    total = analysis.totals[0]
    assert (total.label, total.previous) == ("คะแนนรวม", 96.01)
    assert total.delta == pytest.approx(96.789 - 96.01, abs=1e-3)
    assert all(r.change.delta is None for r in analysis.ranking)
    assert analysis.notes


def test_last_years_result_gives_the_change_of_tools_and_indicators(agency, people, result_2568):
    save_result(
        agency,
        2567,
        {**SEED_004_EIT, **dict.fromkeys(range(1, 6), 90.0), 9: 90.0, 10: 100.0},
        {},
        {},
        "form",
        people.editor,
    )
    analysis = analyse_result(result_2568)
    assert analysis.previous_year == 2567
    changes = {r.number: r.change.delta for r in analysis.ranking}
    assert changes[4] == pytest.approx(89.05 - 90.0, abs=1e-2)
    assert changes[6] == pytest.approx(0.0)
    iit = next(c for c in analysis.totals if c.label == "IIT")
    assert iit.previous == pytest.approx(90.0)
    # FY2568 has no mapping of its item codes to FY2567's, so items are not compared.
    assert all(w.change.delta is None for w in analysis.weak_items)


def test_items_are_compared_through_the_code_mapping_of_the_year(agency, people, result_2568):
    # FY2569 renumbers the OIT items: its o12 (annual procurement report) is FY2568's o13.
    mapping = load(2569).data.previous_year.codes
    items = {new: SEED_004_ITEMS[old] for new, old in mapping.items() if old in SEED_004_ITEMS}
    items.update({"o12": 100.0, "i10": 80.0})
    later = save_result(agency, 2569, SEED_004_EIT, items, {}, "form", people.editor)
    weak = {w.code: w for w in analyse_result(later).weak_items}
    assert "o12" not in weak
    assert weak["i10"].change.previous == pytest.approx(71.43)
    assert weak["i10"].change.delta == pytest.approx(80.0 - 71.43)


def test_a_renumbered_item_is_compared_with_the_item_it_continues(agency, people, result_2568):
    mapping = load(2569).data.previous_year.codes
    items = {new: SEED_004_ITEMS[old] for new, old in mapping.items() if old in SEED_004_ITEMS}
    items["o12"] = 0.0
    later = save_result(agency, 2569, SEED_004_EIT, items, {}, "form", people.editor)
    weak = {w.code: w for w in analyse_result(later).weak_items}
    assert weak["o12"].change.previous == pytest.approx(50.0)  # FY2568 o13


def test_findings_report_the_printed_oit_of_seed_003(agency, people):
    from itaplan.domain.tests.test_scoring import SEED_003

    result = save_result(
        agency, 2565, SEED_003, {}, {"OIT": 98.78, "total": 90.27}, "form", people.editor
    )
    messages = [f.message for f in analyse_result(result).findings]
    assert any("OIT" in m and "98.78" in m for m in messages)


def test_the_chart_has_ten_bars_and_the_pass_line_at_85(seed_003_result):
    chart = analyse_result(seed_003_result).chart
    assert [b.number for b in chart.bars] == list(range(1, 11))
    assert chart.pass_mark == 85
    assert chart.pass_x == pytest.approx(85 * CHART_BAR_MAX / 100)
    assert chart.bars[3].width == pytest.approx(75.94 * CHART_BAR_MAX / 100)


def test_a_weak_item_points_to_the_oit_items_its_measures_produce(result_2568):
    weak = {w.code: w for w in analyse_result(result_2568).weak_items}
    # Weak i10 (borrowing state property) → o8, the staff manual.
    assert "o8" in [o.code for o in weak["i10"].related_oit]
    assert weak["i10"].analysis
