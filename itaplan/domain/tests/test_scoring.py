"""The scoring engine against every checked figure of the seeds and the domain notes."""

from __future__ import annotations

import pytest

from itaplan.domain import criteria
from itaplan.domain.scoring import Printed, assess, check, score_impact

# Seed 000, เทศบาลตำบลจอมทอง, FY2564 results (shared/seeds/README.md).
SEED_000 = {1: 98.64, 2: 95.38, 3: 97.45, 4: 97.51, 5: 96.93,
            6: 79.54, 7: 85.53, 8: 78.60, 9: 11.58, 10: 31.25}  # fmt: skip
# Seed 003, อบต.ลุมพลี, FY2565 results; indicator 5 as in the ranking table.
SEED_003 = {1: 92.26, 2: 84.52, 3: 87.86, 4: 75.94, 5: 82.11,
            6: 98.08, 7: 96.22, 8: 95.64, 9: 92.06, 10: 87.50}  # fmt: skip
# Seed 004, อบต.สามเรือน, FY2568 results: items as printed, indicator 6 = 96.26.
SEED_004_ITEMS = {
    "i1": 97.86, "i2": 100, "i3": 100, "i4": 97.14, "i5": 100, "i6": 100,
    "i7": 100, "i8": 100, "i9": 100, "i10": 71.43, "i11": 99.29, "i12": 96.43,
    "i13": 96.43, "i14": 97.14, "i15": 97.14,
    "e1": 91.00, "e2": 93.50, "e3": 100, "e4": 91.50, "e5": 93.50, "e6": 95.50,
    "e7": 93.00, "e8": 93.50, "e9": 95.00,
    **{f"o{n}": 100.0 for n in range(1, 29)},
    "o13": 50.0,
}  # fmt: skip
SEED_004_EIT = {6: 96.26, 7: 95.16, 8: 95.90}


def test_seed_000_reproduces_tools_total_and_level_d() -> None:
    result = assess(criteria.load(2564), SEED_000)
    assert result.tools["IIT"] == pytest.approx(97.182)
    assert result.tools["EIT"] == pytest.approx(81.2233, abs=1e-4)
    assert result.tools["OIT"] == pytest.approx(21.415)
    assert result.total == pytest.approx(62.088, abs=1e-3)
    assert round(result.total or 0, 2) == 62.09
    assert result.level == "D"


def test_seed_000_printed_values_agree_with_the_engine() -> None:
    result = assess(criteria.load(2564), SEED_000)
    printed = Printed(total=62.09, level="D", tools={"IIT": 97.18, "OIT": 21.41})
    assert check(result, printed) == []


def test_seed_003_flags_the_printed_oit_98_78_against_the_computed_89_78() -> None:
    result = assess(criteria.load(2565), SEED_003)
    assert result.tools["IIT"] == pytest.approx(84.538)
    assert result.tools["EIT"] == pytest.approx(96.6467, abs=1e-4)
    assert result.tools["OIT"] == pytest.approx(89.78)
    assert round(result.total or 0, 2) == 90.27
    assert result.level == "A"
    printed = Printed(total=90.27, tools={"IIT": 84.54, "EIT": 96.65, "OIT": 98.78})
    findings = check(result, printed)
    assert [(f.field, f.printed, round(f.computed or 0, 2)) for f in findings] == [  # type: ignore[arg-type]
        ("OIT", 98.78, 89.78)
    ]
    assert "98.78" in findings[0].message and "89.78" in findings[0].message


def test_seed_004_builds_iit_and_oit_indicators_from_items() -> None:
    result = assess(criteria.load(2568), SEED_004_EIT, SEED_004_ITEMS)
    printed_indicators = {1: 99.29, 2: 99.05, 3: 100.0, 4: 89.05, 5: 96.90, 9: 95.00, 10: 100.0}
    for number, printed in printed_indicators.items():
        assert round(result.indicator(number).from_items or 0, 2) == printed


def test_seed_004_reproduces_96_79_and_the_printed_level() -> None:
    result = assess(criteria.load(2568), SEED_004_EIT, SEED_004_ITEMS)
    assert result.tools["IIT"] == pytest.approx(96.858, abs=1e-3)
    assert result.tools["EIT"] == pytest.approx(95.7733, abs=1e-4)
    assert result.tools["OIT"] == pytest.approx(97.5)
    assert round(result.total or 0, 2) == 96.79
    assert result.level == "ผ่านดี"
    printed = Printed(total=96.79, level="ผ่านดี", tools={"IIT": 96.86, "EIT": 95.77, "OIT": 97.50})
    assert check(result, printed) == []


def test_indicator_9_of_2568_is_not_the_plain_mean_of_its_items() -> None:
    fw = criteria.load(2568)
    plain_mean = sum(SEED_004_ITEMS[f"o{n}"] for n in range(1, 20)) / 19
    assert round(plain_mean, 2) == 97.37
    assert assess(fw, {}, SEED_004_ITEMS).indicator(9).from_items == pytest.approx(95.0)


def test_o13_is_the_highest_impact_item_of_seed_004() -> None:
    result = assess(criteria.load(2568), SEED_004_EIT, SEED_004_ITEMS)
    items = [i for i in score_impact(result) if not i.target.startswith("indicator")]
    assert items[0].target == "o13"
    # 0.4 (OIT) × ½ (indicator 9) × ⅕ (sub-indicator 9.3) × ½ (o13 of two) × 50 points missing
    assert items[0].points == pytest.approx(0.4 * 0.5 * 0.2 * 0.5 * 50)


def test_indicator_impact_is_its_weight_times_the_gap_to_100() -> None:
    result = assess(criteria.load(2564), SEED_000)
    impacts = {i.target: i for i in score_impact(result)}
    assert impacts["indicator 9"].points == pytest.approx(0.2 * (100 - 11.58))
    assert impacts["indicator 1"].points == pytest.approx(0.06 * (100 - 98.64))
    assert next(iter(impacts)) == "indicator 9"


def test_eit_items_of_2568_have_no_impact_figure_because_the_rule_is_unknown() -> None:
    result = assess(criteria.load(2568), SEED_004_EIT, SEED_004_ITEMS)
    assert not any(i.target.startswith("e") for i in score_impact(result))


def test_entered_indicator_that_disagrees_with_its_items_is_a_finding_not_an_overwrite() -> None:
    indicators = {**SEED_004_EIT, 1: 98.00}
    result = assess(criteria.load(2568), indicators, SEED_004_ITEMS)
    assert result.indicator(1).value == 98.00
    [finding] = [f for f in check(result) if f.field == "indicator 1"]
    assert finding.printed == 98.00
    assert finding.computed == pytest.approx(99.2867, abs=1e-4)


def test_missing_indicator_leaves_total_and_level_unknown() -> None:
    partial = {k: v for k, v in SEED_000.items() if k != 7}
    result = assess(criteria.load(2564), partial)
    assert result.tools["EIT"] is None
    assert result.total is None
    assert result.level is None
    assert result.missing_indicators == (7,)


# Domain notes §1.1: provincial results of FY2563/FY2564 recomputed from tool means.
@pytest.mark.parametrize(
    ("iit", "eit", "oit", "published"),
    [
        (89.946, 89.270, 69.225, 81.45),  # Trat 2564
        (88.560, 81.690, 61.360, 75.62),  # Trat 2563
        (88.106, 87.997, 70.390, 80.99),  # Chanthaburi 2564
        (87.382, 83.400, 40.750, 67.54),  # Chanthaburi 2563 (same formula, verified)
    ],
)
def test_weighted_total_reproduces_published_provincial_scores(
    iit: float, eit: float, oit: float, published: float
) -> None:
    indicators = {n: iit for n in range(1, 6)} | {n: eit for n in range(6, 9)}
    indicators |= {9: oit, 10: oit}
    result = assess(criteria.load(2564), indicators)
    # The notes give tool means to three decimals, so the last digit may round either way.
    assert result.total == pytest.approx(published, abs=0.006)


def _oit_2564_items(failed_subs: list[str]) -> dict[str, float]:
    """Every OIT item of FY2564 at 100 but the first item of each listed sub-indicator."""
    fw = criteria.load(2564)
    items = {i.code: 100.0 for i in fw.items if i.code.startswith("o")}
    for sub in failed_subs:
        members = [i.code for i in fw.items_of_sub_indicator(sub) if items[i.code] == 100.0]
        items[members[0]] = 0.0
    return items


# Domain notes §1.2: Phichit agencies, FY2564, indicator 9 and 10 scores.
@pytest.mark.parametrize(
    ("failed", "indicator", "published"),
    [
        (["9.2", "9.5"], 9, 93.50),
        (["9.2"], 9, 97.50),
        (["9.1"], 9, 97.78),
        (["9.3"], 9, 97.14),
        (["9.1", "9.5"], 9, 93.78),
        (["9.5"], 9, 96.00),
        (["9.4", "9.2"], 9, 92.50),
        (["9.3", "9.2"], 9, 94.64),
        (["10.1"], 10, 93.75),
        (["10.1", "10.1"], 10, 87.50),
    ],
)
def test_oit_indicators_are_equal_weight_means_of_sub_indicators(
    failed: list[str], indicator: int, published: float
) -> None:
    result = assess(criteria.load(2564), {}, _oit_2564_items(failed))
    assert round(result.indicator(indicator).from_items or 0, 2) == published


def test_weighted_oit_points_match_the_psu_report() -> None:
    result = assess(criteria.load(2564), {9: 93.50, 10: 100.0})
    assert (result.tools["OIT"] or 0) * 0.4 == pytest.approx(38.70)


@pytest.mark.parametrize(
    ("total", "tools", "lowest", "level"),
    [
        (96.79, (96.86, 95.77, 97.50), 89.05, "ผ่านดี"),  # seed 004
        (94.64, (96.0, 84.0, 99.0), 84.0, "ผ่าน"),  # NACC clarification: EIT below 85
        (98.82, (98.0, 99.0, 99.3), 96.0, "ผ่านดีเยี่ยม"),
        (80.0, (80.0, 80.0, 80.0), 80.0, "ต้องปรับปรุง"),
        (60.0, (60.0, 60.0, 60.0), 60.0, "ต้องปรับปรุงโดยด่วน"),
    ],
)
def test_word_levels_follow_the_inferred_rule(
    total: float, tools: tuple[float, float, float], lowest: float, level: str
) -> None:
    from itaplan.domain.scoring import compute_level

    fw = criteria.load(2568)
    indicators = {n: 100.0 for n in range(1, 11)} | {4: lowest}
    assert (
        compute_level(fw, total, dict(zip(("IIT", "EIT", "OIT"), tools, strict=True)), indicators)
        == level
    )


def test_item_score_outside_the_allowed_scores_is_a_finding() -> None:
    items = _oit_2564_items([]) | {"o5": 50.0}
    findings = check(assess(criteria.load(2564), {}, items))
    assert [f.field for f in findings] == ["o5"]
