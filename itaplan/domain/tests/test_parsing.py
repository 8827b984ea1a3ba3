"""Reading ITA results out of agency documents and bare result tables.

The core vectors come from the four seed documents in ``../shared/seeds`` (real
agency documents, text extracted from PDFs). The result table of seed 004 is also
copied into ``fixtures/`` so that those vectors run without the shared folder.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from itaplan.domain import criteria
from itaplan.domain.parsing import (
    INTERNAL_ERROR,
    Conflict,
    ParsedResult,
    ParseError,
    parse_result_text,
)
from itaplan.domain.readers import names
from itaplan.domain.readers.segments import LINE_BREAK

SEEDS = Path(__file__).resolve().parents[3].parent / "shared" / "seeds"
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "seed004_result_table.txt"
SEED_FILES = {
    "000": "000_bd75ff9feb1c7686.txt",
    "002": "002_de1b7201f0902fe8.txt",
    "003": "003_439da4c30555cb84.txt",
    "004": "004_9246a339aa690a4c.txt",
}

SEED000_INDICATORS = {
    1: 98.64, 2: 95.38, 3: 97.45, 4: 97.51, 5: 96.93,
    6: 79.54, 7: 85.53, 8: 78.60, 9: 11.58, 10: 31.25,
}  # fmt: skip
SEED003_INDICATORS = {
    1: 92.26, 2: 84.52, 3: 87.86, 4: 75.94, 6: 98.08,
    7: 96.22, 8: 95.64, 9: 92.06, 10: 87.50,
}  # fmt: skip
SEED004_INDICATORS = {
    1: 99.29, 2: 99.05, 3: 100.0, 4: 89.05, 5: 96.90,
    7: 95.16, 8: 95.90, 9: 95.00, 10: 100.0,
}  # fmt: skip
SEED004_ITEMS = {
    "i1": 97.86, "i2": 100.0, "i3": 100.0, "i4": 97.14, "i5": 100.0, "i6": 100.0,
    "i7": 100.0, "i8": 100.0, "i9": 100.0, "i10": 71.43, "i11": 99.29, "i12": 96.43,
    "i13": 96.43, "i14": 97.14, "i15": 97.14,
    "e1": 91.00, "e2": 93.50, "e3": 100.0, "e4": 91.50, "e5": 93.50, "e6": 95.50,
    "e7": 93.00, "e8": 93.50, "e9": 95.00,
    **{f"o{n}": 100.0 for n in range(1, 29)},
    "o13": 50.0,
}  # fmt: skip
SEED004_PRINTED = {"total": 96.79, "level": "ผ่านดี", "IIT": 96.86, "EIT": 95.77, "OIT": 97.50}


def seed(key: str) -> str:
    """The text of a seed document, or skip when ../shared/seeds is not there."""
    path = SEEDS / SEED_FILES[key]
    if not path.is_file():
        pytest.skip(f"seed documents not found at {SEEDS} (the shared folder is absent)")
    return path.read_text(encoding="utf-8")


def fixture_text() -> str:
    return FIXTURE.read_text(encoding="utf-8")


def printed_values(result: ParsedResult) -> dict[int, tuple[float, ...]]:
    """Every value printed for each indicator: the agreed one, or all of a conflict's."""
    values: dict[int, tuple[float, ...]] = {n: (v,) for n, v in result.indicators.items()}
    for conflict in result.conflicts:
        if conflict.field.startswith("indicator "):
            values[int(conflict.key)] = tuple(float(v) for v in conflict.values)
    return values


def conflict_of(result: ParsedResult, field: str) -> Conflict:
    return next(c for c in result.conflicts if c.field == field)


def parse(text: str, year: int | None = None) -> ParsedResult:
    result = parse_result_text(text, fiscal_year=year)
    assert not any(w.startswith(INTERNAL_ERROR) for w in result.warnings), result.warnings
    return result


def assert_scores_in_range(result: ParsedResult) -> None:
    scores: list[float] = [*result.indicators.values(), *result.items.values()]
    scores += [v for v in result.printed.values() if isinstance(v, float)]
    for conflict in result.conflicts:
        scores += [v for v in conflict.values if isinstance(v, float)]
    if result.previous_total is not None:
        scores.append(result.previous_total)
    assert all(0 <= s <= 100 for s in scores), scores


# --- the seed documents ---------------------------------------------------------------


def test_seed_000_gives_all_ten_indicators_exactly_as_printed() -> None:
    result = parse(seed("000"))
    assert result.indicators == SEED000_INDICATORS
    assert not [c for c in result.conflicts if c.field.startswith("indicator")]


def test_seed_000_gives_its_printed_total_level_iit_and_oit() -> None:
    result = parse(seed("000"))
    assert result.printed == {"total": 62.09, "level": "D", "IIT": 97.18, "OIT": 21.41}


def test_seed_000_results_are_of_2564_although_its_measures_are_for_2565() -> None:
    assert parse(seed("000")).fiscal_year == 2564


def test_seed_000_agency_is_the_municipality_of_its_title() -> None:
    assert parse(seed("000")).agency == "เทศบาลตำบลจอมทอง"


def test_seed_002_progress_report_gives_no_indicators_and_no_error() -> None:
    result = parse(seed("002"))
    assert result.indicators == {}
    assert result.items == {}
    assert result.printed == {}
    assert result.conflicts == []
    assert result.fiscal_year == 2565
    assert result.agency == "องค์การบริหารส่วนตำบลบ้านขาม"
    assert "ไม่พบคะแนนรายตัวชี้วัดหรือรายประเด็นการประเมินในข้อความ" in result.warnings


def test_seed_003_gives_all_ten_indicators_with_indicator_5_in_conflict() -> None:
    result = parse(seed("003"))
    assert result.indicators == SEED003_INDICATORS
    assert printed_values(result)[5] == (82.11, 87.50)
    five = conflict_of(result, "indicator 5")
    assert five.key == "5"
    assert five.lines == (29, 55, 80)


def test_seed_003_gives_its_printed_tool_scores_and_total() -> None:
    result = parse(seed("003"))
    assert result.printed == {"total": 90.27, "IIT": 84.54, "EIT": 96.65, "OIT": 98.78}


def test_seed_003_results_are_of_2565() -> None:
    assert parse(seed("003")).fiscal_year == 2565


def test_seed_003_agency_is_lumphli_and_the_body_spelling_lumphini_is_a_conflict() -> None:
    result = parse(seed("003"))
    assert result.agency == "องค์การบริหารส่วนตำบลลุมพลี"
    agency = conflict_of(result, "agency")
    assert agency.values == ("องค์การบริหารส่วนตำบลลุมพลี", "องค์การบริหารส่วนตำบลลุมพินี")
    assert agency.lines[0] == 10
    assert {43, 46, 71} <= set(agency.lines)


def test_seed_004_gives_all_ten_indicators_with_indicator_6_in_conflict() -> None:
    result = parse(seed("004"))
    assert result.indicators == SEED004_INDICATORS
    assert printed_values(result)[6] == (96.29, 96.26)
    assert conflict_of(result, "indicator 6").lines == (22, 51, 128, 191)


def test_seed_004_gives_all_52_items_exactly() -> None:
    assert parse(seed("004")).items == SEED004_ITEMS


def test_seed_004_gives_its_printed_total_level_and_tool_column() -> None:
    assert parse(seed("004")).printed == SEED004_PRINTED


def test_seed_004_keeps_the_previous_year_total_aside_and_flags_its_wrong_year() -> None:
    result = parse(seed("004"))
    assert result.previous_total == 96.01
    assert not [c for c in result.conflicts if c.field in ("total", "previous_total")]
    assert any("ปี 2568" in w and "ปีก่อน" in w for w in result.warnings)


def test_seed_004_results_are_of_2568_although_the_document_is_for_2569() -> None:
    result = parse(seed("004"))
    assert result.fiscal_year == 2568
    assert result.agency == "องค์การบริหารส่วนตำบลสามเรือน"


@pytest.mark.parametrize("key", sorted(SEED_FILES))
def test_every_seed_is_read_without_unread_lines(key: str) -> None:
    result = parse(seed(key))
    assert result.unread_lines == []
    assert_scores_in_range(result)


# --- the copied result table of seed 004 (runs without ../shared) -----------------------


def test_fixture_table_gives_the_indicators_items_and_conflict_of_seed_004() -> None:
    result = parse(fixture_text())
    assert result.indicators == SEED004_INDICATORS
    assert result.items == SEED004_ITEMS
    six = conflict_of(result, "indicator 6")
    assert (six.values, six.lines) == ((96.29, 96.26), (22, 51))


def test_fixture_table_gives_year_agency_and_printed_totals() -> None:
    result = parse(fixture_text())
    assert result.fiscal_year == 2568
    assert result.agency == "องค์การบริหารส่วนตำบลสามเรือน"
    assert result.printed == SEED004_PRINTED
    assert result.unread_lines == []
    assert result.warnings == []


def test_as_dict_has_exactly_the_documented_shape() -> None:
    data = parse(fixture_text()).as_dict()
    assert list(data) == [
        "fiscal_year", "agency", "indicators", "items", "printed",
        "conflicts", "previous_total", "unread_lines", "warnings", "history", "notes",
    ]  # fmt: skip
    assert data["indicators"]["1"] == 99.29
    assert list(data["items"])[:2] == ["i1", "i2"]
    assert list(data["items"])[-1] == "o28"
    assert data["printed"] == SEED004_PRINTED
    assert list(data["printed"]) == ["total", "level", "IIT", "EIT", "OIT"]
    assert data["conflicts"] == [
        {"field": "indicator 6", "key": "6", "values": [96.29, 96.26], "lines": [22, 51]}
    ]


def test_to_json_round_trips_to_as_dict_with_thai_left_readable() -> None:
    result = parse(fixture_text())
    text = result.to_json()
    assert "สามเรือน" in text
    assert json.loads(text) == result.as_dict()


# --- each printed format, in small ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ตัวชี้วัดที่ ๑ การปฏิบัติหน้าที่\t๙๙.๒๙", {1: 99.29}),
        ("1. การปฏิบัติหน้าที่\t98.64 คะแนน", {1: 98.64}),
        ("9. การเปิดเผยข้อมูล 11.58 คะแนน", {9: 11.58}),
        ("ตัวชี้วัดที่ 9 การเปิดเผยข้อมูล มีผลคะแนน เท่ากับ 11.58 คะแนน", {9: 11.58}),
        ("ตัวชี้วัดที่ ๔ การใช้ทรัพย์สินของราชการ คะแนน ๘๙.๐๕", {4: 89.05}),
        ("ตัวชี้วัดที่ ๑๐ การป้องกันการทุจริต คะแนน ๑๐๐", {10: 100.0}),
        ("๑. การปฏิบัติ หน้าที่\t๙๙.๒๙\tการจัดทำคู่มือ", {1: 99.29}),
        ("๘. การปรับปรุง การทำงาน\t๙๕.๙๐", {8: 95.90}),
        ("<p>๒. การใช้ งบประมาณ</p>\t<p>๙๙.๐๕</p>", {2: 99.05}),
        ("ตัวชี้วัดที่ 5\t87.50", {5: 87.50}),
        ("ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่\n98.64", {1: 98.64}),
    ],
)
def test_an_indicator_line_is_read_in_each_printed_form(
    text: str, expected: dict[int, float]
) -> None:
    assert parse(text).indicators == expected


def test_an_html_fragment_is_read_cell_by_cell() -> None:
    text = (
        "<table><tr><td>1. การปฏิบัติหน้าที่</td><td>98.64 คะแนน</td></tr>"
        "<tr><td>2. การใช้งบประมาณ</td><td>95.38 คะแนน</td></tr></table>"
    )
    assert parse(text).indicators == {1: 98.64, 2: 95.38}


def test_a_ranking_table_is_matched_by_name_because_its_numbers_are_ranks() -> None:
    text = (
        "อันดับ\tตัวชี้วัด\tคะแนน\n"
        "1\tคุณภาพการดำเนินงาน\t98.08\n"
        "3\tการปรับปรุงการทำงาน\t95.64\n"
        "10\tการใช้ทรัพยากรของราชการ\t75.94"
    )
    assert parse(text).indicators == {6: 98.08, 8: 95.64, 4: 75.94}


def test_a_table_with_a_year_column_is_read_and_the_year_taken_from_it() -> None:
    text = (
        "ตัวชี้วัดที่\tตัวชี้วัด\tคะแนนปี65\tมาตรการที่จะใช้ปี66\n"
        "1\tการปฏิบัติหน้าที่\t92.26\tพัฒนาให้ดีขึ้น\n"
        "\tคะแนนรวม\t90.27\t"
    )
    result = parse(text)
    assert result.indicators == {1: 92.26}
    assert result.printed == {"total": 90.27}
    assert result.fiscal_year == 2565


def test_last_years_column_beside_this_years_is_not_read_as_a_score() -> None:
    text = (
        "ผลการประเมิน ITA ปีงบประมาณ 2568\nตัวชี้วัด\tคะแนนปี 2567\tคะแนนปี 2568\nการปฏิบัติหน้าที่\t90.00\t92.00"
    )
    result = parse(text)
    assert result.indicators == {1: 92.0}
    assert result.conflicts == []


def test_the_tool_score_column_of_a_table_fills_the_printed_tool_scores() -> None:
    text = (
        "ตัวชี้วัด\tคะแนนรายตัวชี้วัด\tคะแนนรายเครื่องมือ\n"
        "ตัวชี้วัดที่ ๑ การปฏิบัติหน้าที่\t๙๙.๒๙\t๙๖.๘๖\n"
        "ตัวชี้วัดที่ ๖ คุณภาพการดำเนินงาน\t๙๖.๒๖\t๙๕.๗๗"
    )
    result = parse(text)
    assert result.indicators == {1: 99.29, 6: 96.26}
    assert result.printed == {"IIT": 96.86, "EIT": 95.77}


@pytest.mark.parametrize(
    ("line", "code", "score"),
    [
        ("i๑ การปฏิบัติงานหรือให้บริการ มากน้อยเพียงใด\t๙๗.๘๖", "i1", 97.86),
        ("e๔ หน่วยงานมี ช่องทางการเผยแพร่ข้อมูลข่าวสาร\t๙๑.๕๐", "e4", 91.50),
        ("๐๑๓ รายงานผลการจัดซื้อจัดจ้าง ประจำปี พ.ศ. ๒๕๖๗\t๕๐.๐๐", "o13", 50.0),
        ("o13 รายงานผลการจัดซื้อจัดจ้าง 50.00", "o13", 50.0),
        ("O13 รายงานผลการจัดซื้อจัดจ้าง 50", "o13", 50.0),
        ("o๑๓ รายงานผลการจัดซื้อจัดจ้าง\t๕๐", "o13", 50.0),
        ("๐๒๘ รายงานผลการดำเนินการ ประจำปี พ.ศ. ๒๕๖๗\t๑๐๐.๐๐", "o28", 100.0),
    ],
)
def test_an_item_line_is_read_with_thai_or_arabic_digits_and_o_typed_as_zero(
    line: str, code: str, score: float
) -> None:
    result = parse(line, 2568)
    assert result.items == {code: score}
    assert result.unread_lines == []


def test_an_item_code_unknown_to_the_year_is_left_unread_with_a_warning() -> None:
    result = parse("o99 ประเด็นที่ไม่มีในเกณฑ์ 50.00", 2568)
    assert result.items == {}
    assert result.unread_lines == [(1, "o99 ประเด็นที่ไม่มีในเกณฑ์ 50.00")]
    assert any("o99" in w for w in result.warnings)


def test_a_list_number_that_belongs_to_another_indicator_gives_way_to_the_name() -> None:
    result = parse("6. การเปิดเผยข้อมูล\tการเผยแพร่ข้อมูลพื้นฐาน\n3. การใช้งบประมาณ 95.00 คะแนน")
    assert result.indicators == {2: 95.0}
    assert any("จึงอ่านตามชื่อ" in w for w in result.warnings)


def test_a_list_number_that_disagrees_with_the_name_in_a_table_row_is_reported() -> None:
    result = parse("6. การเปิดเผยข้อมูล\t11.58 คะแนน")
    assert result.indicators == {9: 11.58}
    assert any("เลข 6" in w and "ตัวชี้วัดที่ 9" in w for w in result.warnings)


def test_a_measures_row_without_a_score_is_ignored() -> None:
    result = parse("5. การแก้ไขปัญหาการทุจริต มุ่งเสริมสร้างวัฒนธรรม\tจัดทำมาตรการ\t- ทุกกอง")
    assert result.indicators == {}
    assert result.unread_lines == []


def test_an_integer_after_a_name_is_not_a_score_unless_it_ends_the_cell() -> None:
    assert parse("ตัวชี้วัดที่ 3 การใช้อำนาจ 5 ประเด็น").indicators == {}
    assert parse("ตัวชี้วัดที่ 3 การใช้อำนาจ 100").indicators == {3: 100.0}


def test_a_score_above_100_is_not_counted_and_its_line_is_unread() -> None:
    result = parse("ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่ 198.64 คะแนน")
    assert result.indicators == {}
    assert result.unread_lines == [(1, "ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่ 198.64 คะแนน")]


def test_a_score_beside_an_unknown_name_is_marked_unread() -> None:
    result = parse("ตัวชี้วัดที่ 12 การบริหารจัดการ มีผลคะแนน 88.10 คะแนน")
    assert result.indicators == {}
    assert [n for n, _ in result.unread_lines] == [1]


def test_two_different_printed_values_are_a_conflict_and_neither_is_picked() -> None:
    text = "1. การปฏิบัติหน้าที่\t98.64 คะแนน\n\nตัวชี้วัดที่ 1 การปฏิบัติหน้าที่ คะแนน 96.00"
    result = parse(text)
    assert result.indicators == {}
    assert result.conflicts == [Conflict("indicator 1", "1", (98.64, 96.0), (1, 3))]


def test_a_tool_score_printed_twice_differently_is_a_conflict() -> None:
    text = "(IIT) มีค่าคะแนนเท่ากับ 97.18 คะแนน\nแบบวัด IIT ได้คะแนน 97.81 คะแนน"
    result = parse(text)
    assert "IIT" not in result.printed
    assert conflict_of(result, "IIT").values == (97.18, 97.81)


@pytest.mark.parametrize(
    ("text", "printed"),
    [
        ("พบว่ามีผลคะแนน 62.09 คะแนน อยู่ในระดับ D ดังนี้", {"total": 62.09, "level": "D"}),
        ("มีผลคะแนน ๙๖.๗๙ คะแนน อยู่ในระดับ **ผ่านดี** โดยมี", {"total": 96.79, "level": "ผ่านดี"}),
        ("มีผลคะแนน 95.50 คะแนน (ผ่าน) ระดับ AA", {"total": 95.5, "level": "AA"}),
        ("มีผลคะแนน 96.10 คะแนน อยู่ในระดับ ผ่านดีเยี่ยม", {"total": 96.1, "level": "ผ่านดีเยี่ยม"}),
        ("มีผลคะแนน 60.00 คะแนน อยู่ในระดับต้องปรับปรุงโดยด่วน", {"total": 60.0, "level": "ต้องปรับปรุงโดยด่วน"}),
        ("IIT\tคะแนนเฉลี่ยอยู่ในระดับดีมาก 84.54 คะแนน", {"IIT": 84.54}),
        ("(OIT) มีค่าคะแนนเท่ากับ 21.41 คะแนน", {"OIT": 21.41}),
        ("\tคะแนนรวม\t90.27\t", {"total": 90.27}),
        ("อยู่ในระดับที่ดีเยี่ยม ควรรักษามาตรฐาน", {}),
    ],
)  # fmt: skip
def test_printed_totals_and_levels_are_read_in_each_form(
    text: str, printed: dict[str, float | str]
) -> None:
    assert parse(text).printed == printed


def test_last_years_total_is_kept_aside_and_never_taken_for_the_total() -> None:
    text = (
        "ผลการประเมิน ITA ปี 2568 มีผลคะแนน 96.79 คะแนน สูงกว่าปีที่ผ่านมา 0.78 คะแนน "
        "(ปีงบประมาณ พ.ศ. 2567 ได้ 96.01 คะแนน)"
    )
    result = parse(text)
    assert result.printed == {"total": 96.79}
    assert result.previous_total == 96.01
    assert result.conflicts == []
    assert result.unread_lines == []


def test_a_difference_from_last_year_that_does_not_add_up_is_a_warning() -> None:
    text = "มีผลคะแนน 96.79 คะแนน สูงกว่าปีที่ผ่านมา 0.50 คะแนน (ปีงบประมาณ พ.ศ. 2567 ได้ 96.01 คะแนน)"
    assert any("ผลต่างจากปีก่อน" in w for w in parse(text, 2568).warnings)


def test_sub_indicator_references_are_not_scores() -> None:
    result = parse("หน่วยงานควรปรับปรุง (อ้างอิงจากตัวชี้วัด ๙.๑, ๙.๒, ๙.๓) ให้ครบถ้วน คะแนน")
    assert result.indicators == {}
    assert result.unread_lines == []


# --- fiscal year, criteria and agency ----------------------------------------------------


def test_a_lone_title_year_of_a_measures_document_is_the_plan_year() -> None:
    text = "มาตรการส่งเสริมคุณธรรมและความโปร่งใส\nประจำปีงบประมาณ พ.ศ. ๒๕๖๖\n1\tการปฏิบัติหน้าที่\t92.26"
    result = parse(text)
    assert result.fiscal_year == 2565
    assert any("อนุมาน" in w for w in result.warnings)


def test_the_year_next_to_the_results_wins_over_the_plan_title() -> None:
    text = (
        "การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร\nประจำปีงบประมาณ พ.ศ. ๒๕๖๙\n"
        "ผลการประเมิน ITA ของ องค์การบริหารส่วนตำบลสามเรือน ปีงบประมาณ พ.ศ. ๒๕๖๘"
    )
    assert parse(text).fiscal_year == 2568


def test_a_fiscal_year_argument_overrides_the_year_in_the_text() -> None:
    assert parse(fixture_text(), 2569).fiscal_year == 2569


def test_a_year_without_criteria_falls_back_to_the_latest_year_with_items() -> None:
    result = parse("o13 รายงานผลการจัดซื้อจัดจ้าง 50.00", 2599)
    assert result.fiscal_year == 2599
    assert result.items == {"o13": 50.0}
    assert any("ไม่มีเกณฑ์ของปีงบประมาณ 2599" in w for w in result.warnings)


def test_a_text_without_a_year_is_checked_against_the_latest_criteria_with_a_warning() -> None:
    result = parse("i๑ การปฏิบัติงาน\t๙๗.๘๖")
    assert result.fiscal_year is None
    assert result.items == {"i1": 97.86}
    assert any("ไม่ทราบปีของผลการประเมิน" in w for w in result.warnings)


def test_a_year_whose_criteria_list_no_items_checks_codes_against_a_later_year(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = names.load_year

    def without_items(year: int) -> criteria.Framework | None:
        framework = real(year)
        if framework is None or year != 2566:
            return framework
        data = framework.data.model_copy(update={"items": ()})
        return criteria.Framework(data=data, path=framework.path)

    monkeypatch.setattr(names, "load_year", without_items)
    result = parse("o13 รายงานผลการจัดซื้อจัดจ้าง 50.00", 2566)
    assert result.items == {"o13": 50.0}
    assert any("เกณฑ์ปี 2566 ไม่มีรายการประเด็น" in w for w in result.warnings)


def test_no_loadable_criteria_at_all_gives_a_warning_not_an_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(names, "load_year", lambda year: None)
    result = parse("มีผลคะแนน 62.09 คะแนน อยู่ในระดับ D\n1. การปฏิบัติหน้าที่\t98.64", 2564)
    assert result.printed == {"total": 62.09, "level": "D"}
    assert any("โหลดเกณฑ์การประเมินไม่ได้" in w for w in result.warnings)


def test_an_abbreviated_agency_type_is_spelled_out() -> None:
    assert parse("รายงานของ อบต.บ้านขาม อำเภอเมือง").agency == "องค์การบริหารส่วนตำบลบ้านขาม"


def test_an_agency_name_split_by_pdf_spaces_is_the_same_agency() -> None:
    text = "องค์การบริหารส่วนตำบลสามเรือน\nองค์การ บริหารส่วนตำบล สามเรือนจึงได้กำหนด"
    result = parse(text)
    assert result.agency == "องค์การบริหารส่วนตำบลสามเรือน"
    assert result.conflicts == []


# --- input that is not a result ---------------------------------------------------------


def test_empty_text_gives_a_result_with_the_warning_no_text() -> None:
    assert parse_result_text("  \n\t ").warnings == ["ไม่พบข้อความ"]


@pytest.mark.parametrize("value", [b"\xe0\xb8\x81", None, 12])
def test_input_that_is_not_text_raises_parse_error(value: object) -> None:
    with pytest.raises(ParseError):
        parse_result_text(value)  # type: ignore[arg-type]


def test_parse_error_is_a_value_error() -> None:
    assert issubclass(ParseError, ValueError)


def test_windows_and_old_mac_line_endings_count_lines_alike() -> None:
    text = "x\r\n1. การปฏิบัติหน้าที่\t98.64\r\rตัวชี้วัดที่ 1 การปฏิบัติหน้าที่ คะแนน 90.00"
    assert conflict_of(parse(text), "indicator 1").lines == (2, 4)


# --- properties ---------------------------------------------------------------------------

#: Thai letters and digits, ASCII digits and punctuation, tabs and line breaks, mixed
#: with the words and tags the parser looks for, so that near-misses are tried often.
THAI_TEXT = st.lists(
    st.one_of(
        st.characters(min_codepoint=0x0E01, max_codepoint=0x0E5B),
        st.sampled_from(list("0123456789.\t\n\r *()<>/-:ieoIEO")),
        st.sampled_from(
            [
                "<td>",
                "</td>",
                "<p>",
                "ตัวชี้วัดที่ ",
                "คะแนน",
                "IIT",
                "ระดับ ",
                "ปี 25",
                "อบต.",
                "การปฏิบัติหน้าที่",
                "ผลคะแนน ",
                "ปีที่ผ่านมา",
                "๐๑๓ ",
                "o1",
                " 100",
                "98.64",
            ]
        ),
    ),
    max_size=120,
).map("".join)


def available_texts() -> list[str]:
    texts = [fixture_text()]
    texts += [(SEEDS / name).read_text(encoding="utf-8") for name in SEED_FILES.values()
              if (SEEDS / name).is_file()]  # fmt: skip
    return texts


TEXTS = available_texts()


def assert_well_formed(result: ParsedResult, text: str) -> None:
    assert isinstance(result, ParsedResult)
    assert not any(w.startswith(INTERNAL_ERROR) for w in result.warnings), result.warnings
    assert_scores_in_range(result)
    assert all(1 <= n <= 10 for n in result.indicators)
    lines = LINE_BREAK.split(text)
    for number, line in result.unread_lines:
        assert line == lines[number - 1].rstrip()
    json.loads(result.to_json())


@settings(max_examples=200, deadline=None)
@given(THAI_TEXT)
def test_any_text_is_read_without_raising_and_scores_stay_within_0_to_100(text: str) -> None:
    assert_well_formed(parse_result_text(text), text)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(TEXTS), st.integers(0, 10**6), st.integers(0, 10**6))
def test_any_cut_of_a_seed_is_read_without_raising(text: str, a: int, b: int) -> None:
    start, end = sorted((a % (len(text) + 1), b % (len(text) + 1)))
    piece = text[start:end]
    assert_well_formed(parse_result_text(piece), piece)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(TEXTS), st.randoms(use_true_random=False))
def test_any_shuffle_of_a_seeds_lines_is_read_without_raising(
    text: str, rnd: random.Random
) -> None:
    lines = text.split("\n")
    rnd.shuffle(lines)
    shuffled = "\n".join(lines)
    assert_well_formed(parse_result_text(shuffled), shuffled)
