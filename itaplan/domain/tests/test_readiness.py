"""The readiness core: years in Thai or Arabic digits, rules as data, verdicts."""

from __future__ import annotations

from pathlib import Path

import pytest

from itaplan.domain import criteria
from itaplan.domain.readiness import (
    Failure,
    LinkedDocument,
    PageEvidence,
    RulesError,
    State,
    judge,
    load_rules,
    load_rules_file,
    years_in,
)

LONG = "ข้อมูลของหน่วยงาน " * 30


def test_years_are_read_in_thai_and_arabic_digits() -> None:
    assert years_in("แผนปี พ.ศ. ๒๕๖๘ และ 2567, โทร 02-123-4567") == {2568, 2567}


def test_every_rule_has_a_provenance_and_names_an_oit_item() -> None:
    rules = load_rules(2568)
    assert len(rules.oit_items()) == 28
    assert all(r.provenance.status in ("inferred", "seed", "assumed") for r in rules.data.items)
    assert rules.rule("o13").year == -1


def test_a_rule_for_a_non_oit_item_is_refused_naming_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "fy2568.yaml"
    bad.write_text(
        "fiscal_year: 2568\nsummary: x\nmin_text_chars: 10\nmin_text_chars_source: 'assumed: x'\n"
        "submission_deadline_source: 'unknown: x'\n"
        "items:\n  - {code: i1, words: [x], source: 'inferred: x'}\n",
        encoding="utf-8",
    )
    with pytest.raises(RulesError, match=r"fy2568.yaml: items\[i1\]: not an OIT item"):
        load_rules_file(bad, criteria.load(2568))


def test_the_previous_year_is_required_where_the_item_asks_for_it() -> None:
    rules = load_rules(2568)
    page = PageEvidence(url="u", status=200, text=f"รายงานผลการจัดซื้อจัดจ้าง ประจำปี พ.ศ. ๒๕๖๘ {LONG}")
    verdict = judge(rules, "o13", [page])
    assert verdict.state is State.AT_RISK
    assert "ไม่พบปี พ.ศ. ๒๕๖๗" in verdict.problems[0].reason
    assert "พบเพียง พ.ศ. ๒๕๖๘" in verdict.problems[0].reason
    good = PageEvidence(url="u", status=200, text=f"รายงานผลการจัดซื้อจัดจ้าง ปี 2567 {LONG}")
    assert judge(rules, "o13", [good]).state is State.READY


def test_a_linked_document_can_carry_the_words_and_the_year() -> None:
    rules = load_rules(2568)
    doc = LinkedDocument(url="d.pdf", status=200, failure=None, text="แผนการจัดซื้อจัดจ้าง ๒๕๖๘")
    page = PageEvidence(url="u", status=200, text=LONG, documents=(doc,))
    assert judge(rules, "o12", [page]).state is State.READY


def test_one_broken_url_of_two_puts_the_item_at_risk_not_missing() -> None:
    rules = load_rules(2568)
    good = PageEvidence(url="a", status=200, text=f"ข่าวประชาสัมพันธ์ {LONG}")
    gone = PageEvidence(url="b", status=404, failure=Failure.NOT_FOUND)
    verdict = judge(rules, "o4", [good, gone])
    assert verdict.state is State.AT_RISK
    assert "รหัส 404" in verdict.problems[0].reason
    assert judge(rules, "o4", [gone]).state is State.MISSING


def test_an_invalid_certificate_is_at_risk() -> None:
    rules = load_rules(2568)
    page = PageEvidence(url="https://x", status=200, text=f"ข่าว {LONG}", tls_valid=False)
    assert "TLS" in judge(rules, "o4", [page]).problems[0].reason
