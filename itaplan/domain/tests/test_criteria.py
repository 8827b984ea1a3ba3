"""The year files in ``frameworks/`` and the loader that validates them."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from itaplan.domain.criteria import (
    FRAMEWORKS_DIR,
    CriteriaError,
    Framework,
    available_years,
    load,
    load_all,
)

YEARS = [2562, 2563, 2564, 2565, 2566, 2567, 2568, 2569]
WORD_LEVELS = ["ผ่านดีเยี่ยม", "ผ่านดี", "ผ่าน", "ต้องปรับปรุง", "ต้องปรับปรุงโดยด่วน"]
LETTER_LEVELS = ["AA", "A", "B", "C", "D", "E", "F"]
FY2568_TEXT = (FRAMEWORKS_DIR / "fy2568.yaml").read_text(encoding="utf-8")
O5_LINE = (
    '  - {code: o5, indicator: 9, sub_indicator: "9.2", '
    'text: "แผนยุทธศาสตร์หรือแผนพัฒนาหน่วยงาน", source: *seed004}'
)


def codes(*groups: tuple[str, int, int]) -> list[str]:
    """``codes(("i", 1, 3))`` → ``["i1", "i2", "i3"]``."""
    return [f"{prefix}{n}" for prefix, first, last in groups for n in range(first, last + 1)]


def item_codes(framework: Framework) -> list[str]:
    return [item.code for item in framework.items]


def status(source: str) -> str:
    return source.split(":", 1)[0]


def record_statuses(framework: Framework) -> dict[str, set[str]]:
    """The statuses of each kind of record of a year."""
    data = framework.data
    return {
        "tools": {t.provenance.status for t in data.tools},
        "indicators": {i.provenance.status for i in data.indicators},
        "sub_indicators": {s.provenance.status for s in data.sub_indicators},
        "items": {i.provenance.status for i in data.items},
        "levels": {lv.provenance.status for lv in data.levels},
        "classes": {c.provenance.status for c in data.classes},
        "pass_mark": {status(data.pass_mark_source)},
        "measures_item": {data.measures_item.provenance.status},
        "report_item": {data.report_item.provenance.status},
    }


def write_broken_fy2568(directory: Path, old: str, new: str) -> None:
    assert FY2568_TEXT.count(old) == 1, f"the FY2568 text no longer holds {old!r}"
    (directory / "fy2568.yaml").write_text(FY2568_TEXT.replace(old, new), encoding="utf-8")


# --- every year -------------------------------------------------------------------------


def test_every_year_file_loads_and_validates() -> None:
    assert available_years() == YEARS
    assert [f.fiscal_year for f in load_all()] == YEARS


def test_every_year_says_in_thai_what_it_does_not_know() -> None:
    for year in YEARS:
        data = load(year).data
        assert data.summary.strip(), year
        assert data.unknowns, year
        assert all(text.strip() for text in data.unknowns), year


def test_every_year_weighs_iit_eit_oit_30_30_40() -> None:
    for year in YEARS:
        assert [(t.code, t.weight) for t in load(year).tools] == [
            ("IIT", 30),
            ("EIT", 30),
            ("OIT", 40),
        ], year


def test_every_year_has_the_ten_indicators_with_the_aliases_agencies_print() -> None:
    for year in YEARS:
        fw = load(year)
        assert [i.number for i in fw.indicators] == list(range(1, 11)), year
        assert [i.number for i in fw.indicators_of("IIT")] == [1, 2, 3, 4, 5]
        assert [i.number for i in fw.indicators_of("EIT")] == [6, 7, 8]
        assert [i.number for i in fw.indicators_of("OIT")] == [9, 10]
        assert "การใช้ทรัพยากรของราชการ" in fw.indicator(4).aliases, year
        assert "การปรับปรุงการทำงาน" in fw.indicator(8).aliases, year


def test_every_year_classes_indicators_below_85_urgent_and_100_maintain() -> None:
    for year in YEARS:
        fw = load(year)
        assert fw.classify(84.99).key == "urgent", year
        assert fw.classify(85).key == "improve", year
        assert fw.classify(99.99).key == "improve", year
        assert fw.classify(100).key == "maintain", year


def test_every_year_passes_at_85() -> None:
    assert {load(year).data.pass_mark for year in YEARS} == {85}


def test_the_years_before_2566_rate_with_letters_and_the_later_ones_with_words() -> None:
    for year in (2562, 2563, 2564, 2565):
        levels = load(year).data.levels
        assert [lv.label for lv in levels] == LETTER_LEVELS, year
        assert [lv.min_total for lv in levels] == [95, 85, 75, 65, 55, 50, 0], year
    for year in (2566, 2567, 2568, 2569):
        levels = load(year).data.levels
        assert [lv.label for lv in levels] == WORD_LEVELS, year
        assert [lv.min_total for lv in levels] == [95, 85, 85, 70, 0], year
        assert levels[0].min_each_tool == 95 and levels[0].min_each_indicator == 95
        assert levels[1].min_each_tool == 85 and levels[1].min_each_indicator is None


def test_years_that_cannot_map_their_codes_to_the_year_before_say_unknown() -> None:
    for year in (2562, 2563, 2564, 2566, 2567, 2568):
        previous = load(year).data.previous_year
        assert previous.fiscal_year == year - 1
        assert previous.codes == {}, year
        assert previous.provenance.status == "unknown", year


# --- FY2568 -----------------------------------------------------------------------------


def test_fy2568_lists_52_items_i1_to_i15_e1_to_e9_o1_to_o28() -> None:
    fw = load(2568)
    assert item_codes(fw) == codes(("i", 1, 15), ("e", 1, 9), ("o", 1, 28))
    assert len(fw.items) == 52


def test_fy2568_names_o27_the_measures_item_and_o28_the_report_item() -> None:
    data = load(2568).data
    assert data.measures_item.code == "o27"
    assert data.report_item.code == "o28"


def test_fy2568_o13_carries_two_fifths_times_half_times_fifth_times_half_of_the_total() -> None:
    weight = load(2568).item_weight("o13")
    assert weight is not None
    assert math.isclose(weight, 0.4 * (1 / 2) * (1 / 5) * (1 / 2))


# --- FY2564 -----------------------------------------------------------------------------


def test_fy2564_lists_i1_to_i30_and_o1_to_o43_but_no_eit_item() -> None:
    fw = load(2564)
    assert item_codes(fw) == codes(("i", 1, 30), ("o", 1, 43))
    assert not any(code.startswith("e") for code in item_codes(fw))


def test_fy2564_names_o42_the_measures_item_and_o43_the_report_item() -> None:
    data = load(2564).data
    assert data.measures_item.code == "o42"
    assert data.report_item.code == "o43"
    assert data.measures_item.provenance.status == "secondary"
    assert data.report_item.provenance.status == "secondary"


def test_fy2564_iit_indicators_hold_six_questions_each_in_order() -> None:
    fw = load(2564)
    for number in range(1, 6):
        first = 6 * (number - 1) + 1
        assert [i.code for i in fw.items_of(number)] == codes(("i", first, first + 5))
        assert fw.indicator(number).aggregation == "mean_of_items"
        assert fw.indicator(number).provenance.status == "inferred"
    assert {i.provenance.status for i in fw.items if i.code.startswith("i")} == {"replica"}


def test_fy2564_eit_indicators_have_no_rule_from_items() -> None:
    fw = load(2564)
    for number in (6, 7, 8):
        assert fw.indicator(number).aggregation == "unknown"
        assert fw.items_of(number) == ()
    assert any("EIT" in text for text in fw.data.unknowns)


def test_fy2564_oit_sub_indicators_hold_9_8_7_4_5_and_8_2_items() -> None:
    fw = load(2564)
    sizes = {
        s.code: len(fw.items_of_sub_indicator(s.code))
        for number in (9, 10)
        for s in fw.sub_indicators_of(number)
    }
    assert sizes == {"9.1": 9, "9.2": 8, "9.3": 7, "9.4": 4, "9.5": 5, "10.1": 8, "10.2": 2}
    assert [i.code for i in fw.items_of(9)] == codes(("o", 1, 33))
    assert [i.code for i in fw.items_of(10)] == codes(("o", 34, 43))
    for number in (9, 10):
        assert fw.indicator(number).aggregation == "mean_of_sub_indicators"
        assert fw.indicator(number).provenance.status == "recomputed"


def test_fy2564_one_failed_item_in_9_1_gives_indicator_9_97_78() -> None:
    fw = load(2564)
    weight = fw.item_weight("o1")
    assert weight is not None
    indicator_9 = 100 - 100 * weight / fw.indicator_weight(9)
    assert round(indicator_9, 2) == 97.78


def test_fy2564_oit_items_score_0_or_100() -> None:
    fw = load(2564)
    oit = [i for i in fw.items if i.code.startswith("o")]
    assert len(oit) == 43
    assert {i.allowed_scores for i in oit} == {(0, 100)}
    assert {i.provenance.status for i in oit} == {"secondary"}


def test_fy2564_weights_are_recomputed_and_levels_verified() -> None:
    statuses = record_statuses(load(2564))
    assert statuses["tools"] == {"recomputed"}
    assert statuses["levels"] == {"verified"}
    assert statuses["pass_mark"] == {"verified"}


# --- inherited years --------------------------------------------------------------------


def test_fy2565_takes_over_the_fy2564_items_marked_assumed() -> None:
    fw = load(2565)
    assert item_codes(fw) == item_codes(load(2564))
    statuses = record_statuses(fw)
    for kind in ("indicators", "sub_indicators", "items", "classes"):
        assert statuses[kind] == {"assumed"}, kind
    assert statuses["measures_item"] == statuses["report_item"] == {"assumed"}
    assert fw.data.measures_item.code == "o42"
    assert "unchanged from FY2564" in fw.item("o42").source


def test_fy2565_keeps_its_own_sources_for_what_it_restates() -> None:
    statuses = record_statuses(load(2565))
    assert statuses["tools"] == {"inferred"}
    assert statuses["levels"] == {"verified"}
    assert statuses["pass_mark"] == {"verified"}


def test_fy2565_maps_every_code_to_the_same_code_of_the_year_before() -> None:
    fw = load(2565)
    previous = fw.data.previous_year
    assert previous.fiscal_year == 2564
    assert previous.codes == {code: code for code in item_codes(fw)}
    assert previous.provenance.status == "assumed"


# --- FY2569 -----------------------------------------------------------------------------


def test_fy2569_lists_the_fy2568_iit_eit_items_and_26_oit_items() -> None:
    fw = load(2569)
    assert item_codes(fw) == codes(("i", 1, 15), ("e", 1, 9), ("o", 1, 26))
    for code in codes(("i", 1, 15), ("e", 1, 9)):
        assert fw.item(code).text == load(2568).item(code).text
        assert fw.item(code).provenance.status == "assumed", code


def test_fy2569_oit_items_say_how_each_was_found() -> None:
    fw = load(2569)
    by_status: dict[str, list[str]] = {}
    for item in fw.items_of(9) + fw.items_of(10):
        by_status.setdefault(item.provenance.status, []).append(item.code)
    assert by_status == {
        "secondary": ["o1", "o3", "o5", *codes(("o", 10, 26))],
        "assumed": ["o2", "o6", "o7"],
        "inferred": ["o4", "o8", "o9"],
    }
    assert "R1" in fw.item("o25").source and "seed 004" in fw.item("o25").source


def test_fy2569_names_o25_the_measures_item_and_o26_the_report_item() -> None:
    fw = load(2569)
    assert (fw.data.measures_item.code, fw.data.report_item.code) == ("o25", "o26")
    assert (fw.measures_code, fw.report_code) == ("O25", "O26")
    assert fw.item("o25").text == "การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร"


def test_each_year_names_its_own_measures_and_report_items() -> None:
    found = {year: (load(year).measures_code, load(year).report_code) for year in YEARS}
    assert found == {
        2562: (None, None), 2563: (None, None), 2564: ("O42", "O43"), 2565: ("O42", "O43"),
        2566: (None, None), 2567: (None, None), 2568: ("O27", "O28"), 2569: ("O25", "O26"),
    }  # fmt: skip


def test_fy2569_maps_its_renumbered_items_to_the_fy2568_items_they_continue() -> None:
    previous = load(2569).data.previous_year
    assert previous.fiscal_year == 2568
    assert previous.provenance.status == "inferred"
    assert previous.predecessors("o25") == ("o27",)
    assert previous.predecessors("o26") == ("o28",)
    assert previous.predecessors("o12") == ("o13",)
    assert previous.predecessors("o10") == ("o10", "o11")
    assert previous.predecessors("o20") == ("o21", "o22")
    continued = {c for code in codes(("o", 1, 26)) for c in previous.predecessors(code)}
    assert continued == set(codes(("o", 1, 28))), "every FY2568 OIT item is continued"


def test_fy2569_keeps_the_fy2568_tools_and_levels_marked_assumed() -> None:
    statuses = record_statuses(load(2569))
    for kind in ("tools", "indicators", "sub_indicators", "levels", "classes", "pass_mark"):
        assert statuses[kind] == {"assumed"}, kind
    assert "unchanged from FY2568" in load(2569).tool("OIT").source


def test_fy2569_puts_o1_to_o18_in_indicator_9_and_o19_to_o26_in_indicator_10() -> None:
    fw = load(2569)
    assert [i.code for i in fw.items_of(9)] == codes(("o", 1, 18))
    assert [i.code for i in fw.items_of(10)] == codes(("o", 19, 26))
    assert fw.item_weight("o25") == pytest.approx(0.4 / 2 / 2 / 2)


# --- FY2562 and FY2563 ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tools", "printed"),
    [((88.560, 81.690, 61.360), 75.62), ((87.382, 83.400, 40.750), 67.54)],
    ids=["Trat", "Chanthaburi"],
)
def test_fy2563_weights_recompute_the_totals_printed_in_the_regional_report(
    tools: tuple[float, float, float], printed: float
) -> None:
    fw = load(2563)
    total = sum(
        fw.tool(code).weight / 100 * score
        for code, score in zip(("IIT", "EIT", "OIT"), tools, strict=True)
    )
    assert abs(total - printed) <= 0.01
    assert record_statuses(fw)["tools"] == {"recomputed"}


def test_fy2562_takes_over_fy2563_marked_assumed_and_lists_no_item() -> None:
    fw = load(2562)
    assert fw.items == () and fw.measures_code is None
    assert [i.name for i in fw.indicators] == [i.name for i in load(2563).indicators]
    for kind, found in record_statuses(fw).items():
        if kind not in ("sub_indicators", "items"):
            assert found == {"assumed"}, kind
    assert "unchanged from FY2563" in fw.tool("IIT").source


# --- printed levels as evidence ---------------------------------------------------------


def test_fy2566_records_95_81_printed_phan_di_as_evidence_for_the_every_indicator_rule() -> None:
    cases = {c.total: c for c in load(2566).data.level_cases}
    assert cases[95.81].printed_level == "ผ่านดี"
    assert "thaipbs" in cases[95.81].source
    assert "95.81" in next(lv.source for lv in load(2566).data.levels)


def test_fy2568_seed_004_case_gets_phan_di_from_the_level_rules() -> None:
    (case,) = load(2568).data.level_cases
    assert (case.total, case.printed_level, case.indicators[4]) == (96.79, "ผ่านดี", 89.05)


def test_level_cases_do_not_carry_over_to_an_inheriting_year() -> None:
    assert load(2569).data.level_cases == ()


# --- years without item lists -----------------------------------------------------------


def test_fy2566_and_fy2567_list_no_item_and_build_no_indicator_from_items() -> None:
    for year in (2566, 2567):
        fw = load(year)
        assert fw.items == ()
        assert fw.data.sub_indicators == ()
        assert {i.aggregation for i in fw.indicators} == {"unknown"}, year
        assert fw.data.measures_item.code is None
        assert fw.data.report_item.code is None
        assert fw.data.measures_item.provenance.status == "unknown"
        assert record_statuses(fw)["levels"] == {"inferred"}


def test_fy2567_iit_indicator_names_are_verified_and_the_others_inferred() -> None:
    fw = load(2567)
    assert {i.provenance.status for i in fw.indicators_of("IIT")} == {"verified"}
    others = fw.indicators_of("EIT") + fw.indicators_of("OIT")
    assert {i.provenance.status for i in others} == {"inferred"}
    assert record_statuses(fw)["tools"] == {"secondary"}
    assert record_statuses(load(2566))["tools"] == {"inferred"}


# --- the loader -------------------------------------------------------------------------


def test_load_reads_year_files_from_another_directory(tmp_path: Path) -> None:
    (tmp_path / "fy2568.yaml").write_text(FY2568_TEXT, encoding="utf-8")
    fw = load(2568, tmp_path)
    assert fw.path == tmp_path / "fy2568.yaml"
    assert len(fw.items) == 52


def test_load_of_a_missing_year_names_the_years_there_are(tmp_path: Path) -> None:
    (tmp_path / "fy2568.yaml").write_text(FY2568_TEXT, encoding="utf-8")
    with pytest.raises(CriteriaError, match=r"2570 .*: 2568\)"):
        load(2570, tmp_path)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        pytest.param(
            O5_LINE,
            O5_LINE.replace("source: *seed004", 'source: "rumour: heard at a meeting"'),
            ["items[o5].source", "status one of"],
            id="unknown source status",
        ),
        pytest.param(
            O5_LINE,
            O5_LINE.replace("indicator: 9", "indicator: 11"),
            ["items[o5].indicator", "no indicator 11"],
            id="item pointing to indicator 11",
        ),
        pytest.param(
            "name: แบบวัดการเปิดเผยข้อมูลสาธารณะ, weight: 40",
            "name: แบบวัดการเปิดเผยข้อมูลสาธารณะ, weight: 30",
            ["tools", "weights add up to 90"],
            id="weights summing to 90",
        ),
        pytest.param(
            O5_LINE,
            O5_LINE.replace("code: o5", "code: o4"),
            ["items", "o4", "more than once"],
            id="duplicate item code",
        ),
        pytest.param(
            "{label: ต้องปรับปรุงโดยด่วน, min_total: 0,",
            "{label: ต้องปรับปรุงโดยด่วน, min_total: 10,",
            ["levels", "min_total 0"],
            id="levels not ending at 0",
        ),
        pytest.param("pass_mark: 85\n", "", ["pass_mark", "required"], id="missing pass_mark"),
        pytest.param(
            O5_LINE,
            O5_LINE.replace('text: "แผนยุทธศาสตร์หรือแผนพัฒนาหน่วยงาน", ', ""),
            ["items[o5].text", "required"],
            id="item without text",
        ),
        pytest.param(
            "measures_item: {code: o27,",
            "measures_item: {code: o99,",
            ["measures_item.code", "o99"],
            id="measures item not of the year",
        ),
        pytest.param("tools:\n", "tools: [\n", ["not valid YAML"], id="invalid YAML"),
        pytest.param(
            "printed_level: ผ่านดี",
            "printed_level: ผ่านดีเยี่ยม",
            ["level_cases[องค์การบริหารส่วนตำบลสามเรือน 96.79]", "the rules give ผ่านดี"],
            id="level case the rules contradict",
        ),
        pytest.param(
            "{label: ผ่านดีเยี่ยม, min_total: 95, min_each_tool: 95, min_each_indicator: 95,",
            "{label: ผ่านดีเยี่ยม, min_total: 95, min_each_tool: 95,",
            ["level_cases", "the rules give ผ่านดีเยี่ยม, not the printed ผ่านดี"],
            id="level rule seed 004 contradicts",
        ),
        pytest.param(
            "  codes: {}\n",
            "  codes: {}\n  merged: {o99: [o1]}\n",
            ["previous_year.codes", "o99 is not an item"],
            id="merged code not of the year",
        ),
    ],
)
def test_a_malformed_file_fails_naming_the_file_and_the_field(
    tmp_path: Path, old: str, new: str, expected: list[str]
) -> None:
    write_broken_fy2568(tmp_path, old, new)
    with pytest.raises(CriteriaError) as failure:
        load(2568, tmp_path)
    message = str(failure.value)
    assert message.startswith("fy2568.yaml: ")
    for fragment in expected:
        assert fragment in message


def test_inheriting_a_missing_year_fails_naming_the_file_and_inherits(tmp_path: Path) -> None:
    (tmp_path / "fy2569.yaml").write_text(
        "inherits: 2570\nfiscal_year: 2569\nsummary: ทดสอบ\n", encoding="utf-8"
    )
    with pytest.raises(CriteriaError) as failure:
        load(2569, tmp_path)
    message = str(failure.value)
    assert message.startswith("fy2569.yaml: inherits")
    assert "fy2570.yaml" in message


def test_a_broken_parent_file_is_named_after_the_inheriting_file(tmp_path: Path) -> None:
    write_broken_fy2568(tmp_path, "tools:\n", "tools: [\n")
    (tmp_path / "fy2569.yaml").write_text(
        (FRAMEWORKS_DIR / "fy2569.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    with pytest.raises(CriteriaError, match=r"^fy2569\.yaml: fy2568\.yaml: not valid YAML"):
        load(2569, tmp_path)


def test_a_year_filed_under_another_years_name_fails(tmp_path: Path) -> None:
    (tmp_path / "fy2567.yaml").write_text(FY2568_TEXT, encoding="utf-8")
    with pytest.raises(CriteriaError, match=r"^fy2567\.yaml: fiscal_year 2568 belongs in"):
        load(2567, tmp_path)


def test_a_level_case_reached_by_its_total_alone_contradicts_the_rules(tmp_path: Path) -> None:
    text = (FRAMEWORKS_DIR / "fy2566.yaml").read_text(encoding="utf-8")
    broken = text.replace(
        "{label: ผ่านดีเยี่ยม, min_total: 95, min_each_tool: 95, min_each_indicator: 95,",
        "{label: ผ่านดีเยี่ยม, min_total: 95,",
    )
    assert broken != text
    (tmp_path / "fy2566.yaml").write_text(broken, encoding="utf-8")
    with pytest.raises(CriteriaError, match=r"95\.81\]: a total of 95\.81 alone reaches ผ่านดีเยี่ยม"):
        load(2566, tmp_path)


def test_inherit_items_of_must_list_tools(tmp_path: Path) -> None:
    (tmp_path / "fy2568.yaml").write_text(FY2568_TEXT, encoding="utf-8")
    (tmp_path / "fy2569.yaml").write_text(
        "inherits: 2568\ninherit_items_of: IIT\nfiscal_year: 2569\nsummary: ทดสอบ\n",
        encoding="utf-8",
    )
    with pytest.raises(CriteriaError, match=r"^fy2569\.yaml: inherit_items_of: expected a list"):
        load(2569, tmp_path)
