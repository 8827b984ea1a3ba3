"""The knowledge base of analyses and measure templates, and the suggestions drawn from it."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from itaplan.domain import criteria
from itaplan.domain.knowledge import (
    KnowledgeBase,
    KnowledgeError,
    Suggestion,
    Timeframe,
    default_selection,
    load_file,
    load_knowledge,
    missing_entries,
    suggest,
)
from itaplan.domain.scoring import assess
from itaplan.domain.tests.test_scoring import SEED_000, SEED_003, SEED_004_EIT, SEED_004_ITEMS
from itaplan.domain.tests.voice import LOW_SCORE, faults

YEARS = [2568, 2569]
THAI = re.compile(r"[\u0e01-\u0e4e]")


def kb_of(year: int) -> KnowledgeBase:
    return load_knowledge(year)


def targets_in_order(suggestions: list[Suggestion]) -> list[str]:
    """Each target once, in the order of its first suggestion."""
    return list(dict.fromkeys(s.target for s in suggestions))


def seed_004_suggestions(already_planned: frozenset[str] = frozenset()) -> list[Suggestion]:
    result = assess(criteria.load(2568), SEED_004_EIT, SEED_004_ITEMS)
    return suggest(result, kb_of(2568), already_planned=already_planned)


# --- the FY2568 and FY2569 files ---------------------------------------------------------


@pytest.mark.parametrize("year", YEARS)
def test_every_indicator_and_item_has_an_analysis_and_a_measure(year: int) -> None:
    assert missing_entries(criteria.load(year), kb_of(year)) == []


@pytest.mark.parametrize("year", YEARS)
def test_every_analysis_and_title_is_written_in_thai(year: int) -> None:
    kb = kb_of(year)
    assert [e.target for e in kb.entries if not THAI.search(e.analysis)] == []
    assert [t.key for t in kb.templates if not THAI.search(t.title)] == []
    assert [t.key for t in kb.templates if not all(THAI.search(s) for s in t.steps)] == []
    assert [t.key for t in kb.templates if not THAI.search(t.unit + t.monitoring)] == []


@pytest.mark.parametrize("year", YEARS)
def test_every_template_has_at_least_three_non_blank_steps(year: int) -> None:
    for template in kb_of(year).templates:
        assert len(template.steps) >= 3, template.key
        assert all(step.strip() for step in template.steps), template.key


@pytest.mark.parametrize("year", YEARS)
def test_every_timeframe_lies_within_the_fiscal_year_and_starts_before_it_ends(year: int) -> None:
    for template in kb_of(year).templates:
        frame = template.timeframe
        assert 1 <= frame.start_month <= frame.end_month <= 12, template.key


@pytest.mark.parametrize("year", YEARS)
def test_every_related_oit_code_is_an_oit_item_of_the_year(year: int) -> None:
    framework = criteria.load(year)
    for template in kb_of(year).templates:
        for code in template.related_oit:
            assert code.startswith("o") and framework.has_item(code), (template.key, code)


@pytest.mark.parametrize("year", YEARS)
def test_every_oit_item_has_a_template_that_produces_its_evidence(year: int) -> None:
    framework = criteria.load(year)
    covered = {code for t in kb_of(year).templates for code in t.related_oit}
    oit = [item.code for item in framework.items if item.code.startswith("o")]
    assert [code for code in oit if code not in covered] == []


@pytest.mark.parametrize("year", YEARS)
def test_every_template_serves_at_least_one_target(year: int) -> None:
    kb = kb_of(year)
    used = {t.key for e in kb.entries for t in e.measures}
    assert [t.key for t in kb.templates if t.key not in used] == []


@pytest.mark.parametrize("year", YEARS)
def test_every_text_is_written_by_the_project(year: int) -> None:
    kb = kb_of(year)
    sources = {e.source for e in kb.entries} | {t.source for t in kb.templates}
    assert {s.split(":", 1)[0] for s in sources} == {"itaplan"}


def test_weak_state_property_points_to_the_staff_manual() -> None:
    kb = kb_of(2568)
    for code in ("i10", "i11", "i12"):
        entry = kb.for_item(code)
        assert entry is not None
        assert any("o8" in t.related_oit for t in entry.measures), code


def test_o13_is_answered_by_its_own_report_which_also_serves_o12() -> None:
    entry = kb_of(2568).for_item("o13")
    assert entry is not None
    assert {"o13", "o12"} <= set(entry.measures[0].related_oit)


def test_fy2569_takes_over_every_template_of_fy2568() -> None:
    old, new = kb_of(2568), kb_of(2569)
    assert new.fiscal_year == 2569
    assert [t.key for t in new.templates] == [t.key for t in old.templates]


def test_fy2569_renumbers_the_fy2568_analyses_to_its_own_item_codes() -> None:
    old, new = kb_of(2568), kb_of(2569)
    for code_2568, code_2569 in (("o27", "o25"), ("o28", "o26"), ("o13", "o12"), ("o25", "o23")):
        # the same analysis, though the codes it cites are renumbered too
        assert new.for_item(code_2569).analysis[:60] == old.for_item(code_2568).analysis[:60]
    assert new.for_item("o27") is None and new.for_item("o28") is None
    # o11 (service statistics) is folded into O10: O10 keeps the E-Service analysis.
    assert new.for_item("o10").analysis == old.for_item("o10").analysis
    for code in ("i1", "e9", "indicator 4"):
        assert [m.key for m in new.for_target(code).measures] == [
            m.key for m in old.for_target(code).measures
        ]


def test_fy2569_texts_and_templates_cite_the_fy2569_codes() -> None:
    old, new = kb_of(2568), kb_of(2569)
    assert "(o25)" in old.for_item("i14").analysis
    assert "(o23)" in new.for_item("i14").analysis
    plan = {t.key: t for t in new.templates}["2568-anti-corruption-plan"]
    assert set(plan.related_oit) == {"o23", "o24"}
    assert {t.key: t for t in old.templates}["2568-anti-corruption-plan"].related_oit == (
        "o25",
        "o26",
    )


def test_a_timeframe_of_the_whole_year_runs_from_1_october_to_30_september() -> None:
    assert Timeframe(1, 12).dates(2569) == (dt.date(2025, 10, 1), dt.date(2026, 9, 30))


def test_a_timeframe_ends_on_the_last_day_of_its_last_month() -> None:
    assert Timeframe(4, 5).dates(2569) == (dt.date(2026, 1, 1), dt.date(2026, 2, 28))


# --- malformed files ----------------------------------------------------------------------


def minimal() -> dict[str, Any]:
    """A small valid FY2568 knowledge file."""
    return {
        "fiscal_year": 2568,
        "templates": [
            {
                "key": "2568-test",
                "title": "ทดสอบมาตรการ",
                "steps": ["ขั้นที่หนึ่ง", "ขั้นที่สอง", "ขั้นที่สาม"],
                "unit": "สำนักปลัด",
                "timeframe": {"start_month": 1, "end_month": 12},
                "monitoring": "รายงานต่อผู้บริหาร",
                "related_oit": ["o8"],
                "source": "itaplan: test",
            }
        ],
        "entries": [
            {
                "target": "i1",
                "analysis": "ข้อความวิเคราะห์",
                "measures": ["2568-test"],
                "source": "itaplan: test",
            }
        ],
    }


def write(tmp_path: Path, data: dict[str, Any] | str) -> Path:
    path = tmp_path / "fy2568.yaml"
    text = data if isinstance(data, str) else yaml.safe_dump(data, allow_unicode=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_minimal_file_loads(tmp_path: Path) -> None:
    kb = load_file(write(tmp_path, minimal()), criteria.load(2568))
    entry = kb.for_item("i1")
    assert entry is not None and entry.measures[0].key == "2568-test"


def test_an_entry_naming_an_unknown_template_fails_naming_file_and_field(tmp_path: Path) -> None:
    data = minimal()
    data["entries"][0]["measures"] = ["2568-nowhere"]
    with pytest.raises(
        KnowledgeError, match=r"fy2568\.yaml: .*entries\[i1\]\.measures.*2568-nowhere"
    ):
        load_file(write(tmp_path, data), criteria.load(2568))


def test_a_target_the_year_lacks_fails_naming_file_and_field(tmp_path: Path) -> None:
    data = minimal()
    data["entries"][0]["target"] = "i16"
    with pytest.raises(
        KnowledgeError, match=r"fy2568\.yaml: entries\[i16\]\.target: FY2568 has no i16"
    ):
        load_file(write(tmp_path, data), criteria.load(2568))


def test_an_indicator_the_year_lacks_fails_naming_file_and_field(tmp_path: Path) -> None:
    data = minimal()
    data["entries"][0]["target"] = "indicator 11"
    with pytest.raises(KnowledgeError, match=r"fy2568\.yaml: entries\[indicator 11\]\.target"):
        load_file(write(tmp_path, data), criteria.load(2568))


def test_a_blank_step_fails_naming_file_and_field(tmp_path: Path) -> None:
    data = minimal()
    data["templates"][0]["steps"][1] = "   "
    with pytest.raises(
        KnowledgeError, match=r"fy2568\.yaml: templates\[2568-test\]\.steps: .*blank"
    ):
        load_file(write(tmp_path, data), criteria.load(2568))


def test_too_few_steps_fail_naming_file_and_field(tmp_path: Path) -> None:
    data = minimal()
    data["templates"][0]["steps"] = ["ขั้นเดียว", "สองขั้น"]
    with pytest.raises(KnowledgeError, match=r"fy2568\.yaml: templates\[2568-test\]\.steps"):
        load_file(write(tmp_path, data), criteria.load(2568))


def test_a_source_without_a_known_status_fails_naming_file_and_field(tmp_path: Path) -> None:
    data = minimal()
    data["entries"][0]["source"] = "somebody wrote it"
    with pytest.raises(
        KnowledgeError, match=r"fy2568\.yaml: entries\[i1\]\.source: source must read"
    ):
        load_file(write(tmp_path, data), criteria.load(2568))


def test_a_timeframe_that_ends_before_it_starts_fails_naming_file_and_field(
    tmp_path: Path,
) -> None:
    data = minimal()
    data["templates"][0]["timeframe"] = {"start_month": 7, "end_month": 3}
    with pytest.raises(KnowledgeError, match=r"fy2568\.yaml: templates\[2568-test\]\.timeframe"):
        load_file(write(tmp_path, data), criteria.load(2568))


def test_a_related_code_that_is_not_an_oit_item_fails_naming_file_and_field(
    tmp_path: Path,
) -> None:
    data = minimal()
    data["templates"][0]["related_oit"] = ["i10"]
    with pytest.raises(
        KnowledgeError, match=r"fy2568\.yaml: templates\[2568-test\]\.related_oit: i10"
    ):
        load_file(write(tmp_path, data), criteria.load(2568))


def test_invalid_yaml_fails_naming_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "fiscal_year: 2568\ntemplates: [\n  - key: {\n")
    with pytest.raises(KnowledgeError, match=r"fy2568\.yaml: not valid YAML"):
        load_file(path, criteria.load(2568))


def test_a_year_without_a_knowledge_file_is_refused_in_thai() -> None:
    with pytest.raises(KnowledgeError, match="ไม่มีฐานความรู้มาตรการของปีงบประมาณ 2500"):
        load_knowledge(2500)


# --- suggestions ----------------------------------------------------------------------------


def test_seed_003_suggests_the_urgent_indicators_2_4_and_5_first() -> None:
    result = assess(criteria.load(2565), SEED_003)
    suggestions = suggest(result, kb_of(2565))
    classes = [s.class_key for s in suggestions]
    urgent = [s for s in suggestions if s.class_key == "urgent"]
    assert classes == sorted(classes, key=lambda c: c != "urgent")
    assert set(targets_in_order(urgent)) == {"indicator 2", "indicator 4", "indicator 5"}
    assert {s.class_label for s in urgent} == {"แก้ไขโดยเร่งด่วน"}
    assert {s.class_key for s in suggestions[len(urgent) :]} == {"improve"}


def test_seed_000_suggests_indicator_9_then_10_first_among_the_urgent_6_8_9_10() -> None:
    result = assess(criteria.load(2564), SEED_000)
    suggestions = suggest(result, kb_of(2564))
    urgent = [s for s in suggestions if s.class_key == "urgent"]
    assert suggestions[: len(urgent)] == urgent
    order = targets_in_order(urgent)
    assert set(order) == {"indicator 6", "indicator 8", "indicator 9", "indicator 10"}
    assert order[:2] == ["indicator 9", "indicator 10"]


def test_seed_004_has_nothing_urgent_and_proposes_measures_for_indicator_4() -> None:
    suggestions = seed_004_suggestions()
    assert suggestions
    assert {s.class_key for s in suggestions} == {"improve"}
    assert "indicator 4" in targets_in_order(suggestions)


def test_seed_004_answers_indicator_9_first_with_the_measures_of_o13_its_weakest_item() -> None:
    suggestions = seed_004_suggestions()
    o13 = kb_of(2568).for_item("o13")
    assert o13 is not None
    first = suggestions[: len(o13.measures)]
    assert {s.target for s in first} == {"indicator 9"}
    assert [s.measure for s in first] == list(o13.measures)
    assert all("o13" in s.items for s in first)
    assert "o13" not in {s.target for s in suggestions}  # its measures are taken already


def test_templates_already_in_the_plan_are_not_proposed_again() -> None:
    first = seed_004_suggestions()
    planned = frozenset(s.measure.key for s in first[:5])
    again = seed_004_suggestions(planned)
    assert again
    assert not planned & {s.measure.key for s in again}
    assert [s.measure.key for s in again] == [
        s.measure.key for s in first if s.measure.key not in planned
    ]


def test_no_template_is_proposed_twice() -> None:
    keys = [s.measure.key for s in seed_004_suggestions()]
    assert len(keys) == len(set(keys))


def test_a_knowledge_base_of_another_year_is_refused() -> None:
    result = assess(criteria.load(2568), SEED_004_EIT, SEED_004_ITEMS)
    with pytest.raises(ValueError, match="FY2569"):
        suggest(result, kb_of(2569))


# --- the default plan ----------------------------------------------------------------------


def _seed(name: str) -> tuple[Any, KnowledgeBase]:
    if name == "000":
        return assess(criteria.load(2564), SEED_000), kb_of(2564)
    if name == "003":
        return assess(criteria.load(2565), SEED_003), kb_of(2565)
    return assess(criteria.load(2568), SEED_004_EIT, SEED_004_ITEMS), kb_of(2568)


@pytest.mark.parametrize("seed", ["000", "003", "004"])
def test_the_default_plan_takes_one_measure_for_each_indicator_below_100(seed: str) -> None:
    result, kb = _seed(seed)
    chosen = default_selection(suggest(result, kb))
    below = {i.number for i in result.indicators if i.value is not None and i.value < 100}
    assert 7 <= len(chosen) <= 12
    assert sorted(s.target for s in chosen) == sorted(f"indicator {n}" for n in below)
    assert len({s.measure.key for s in chosen}) == len(chosen)


def test_each_default_measure_of_seed_004_is_aimed_at_the_lowest_item_of_its_indicator() -> None:
    result, kb = _seed("004")
    fw = result.framework
    for chosen in default_selection(suggest(result, kb)):
        weak = {c: v for c, v in result.items.items() if fw.item(c).indicator == chosen.indicator}
        weak = {c: v for c, v in weak.items() if v < 100}
        if weak:
            assert min(weak, key=weak.__getitem__) in chosen.items, chosen.target
        assert all(result.items[c] < 100 for c in chosen.items)


def test_max_measures_keeps_the_most_urgent_indicators() -> None:
    result, kb = _seed("000")
    everything = default_selection(suggest(result, kb))
    assert default_selection(suggest(result, kb), max_measures=3) == everything[:3]
    assert [s.target for s in everything[:2]] == ["indicator 9", "indicator 10"]


def test_indicators_already_answered_are_left_to_the_plan() -> None:
    result, kb = _seed("003")
    chosen = default_selection(suggest(result, kb), covered={4, 5})
    assert {"indicator 4", "indicator 5"}.isdisjoint(s.target for s in chosen)
    assert len(chosen) == 8


# --- the agency's own voice ------------------------------------------------------------------


@pytest.mark.parametrize("year", [2564, 2565, 2568, 2569])
def test_no_text_of_the_knowledge_base_says_what_the_agency_never_says(year: int) -> None:
    kb = kb_of(year)
    texts = [e.analysis for e in kb.entries]
    texts += [t for tpl in kb.templates for t in (tpl.title, *tpl.steps, tpl.unit, tpl.monitoring)]
    found = [fault for text in texts for fault in faults(text)]
    assert not found, "\n".join(found)
    assert not [t for t in texts if LOW_SCORE in t]  # the document says it, of urgent ones only


@pytest.mark.parametrize("year", [2564, 2568])
def test_every_item_text_reads_after_the_documents_words_it_reflects(year: int) -> None:
    # The o27 prints "ประเด็น i10 ได้ … คะแนน สะท้อนว่า" + the item's text: a finding about
    # the agency's people or its published data, then what the agency will do.
    for entry in kb_of(year).entries:
        if entry.target.startswith("indicator"):
            continue
        assert entry.analysis.startswith(("บุคลากรบางส่วน", "ผู้รับบริการบางส่วน", "ข้อมูล")), entry.target
        assert "หน่วยงานจะ" in entry.analysis or "ผู้บริหารจะ" in entry.analysis, entry.target


def test_the_voice_check_finds_what_it_is_there_to_find() -> None:
    assert faults("หน่วยงานจึงควรตรวจก่อนการตรวจของ ป.ป.ช.")
    assert faults("การทุจริตและประพฤติ มิชอบ")
    assert faults("ท่านเชื่อมั่นใน กระบวนการ เ พื่อ")
    assert not faults("หน่วยงานจะจัดทำคู่มือการปฏิบัติงาน (o8) และชี้แจงให้บุคลากรทุกคนทราบ")
