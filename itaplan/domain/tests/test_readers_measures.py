"""The measures table of an o27 document: the three seeds and a corpus of other shapes.

The corpus below is written for these tests from the shapes real o27 tables take
(column order, two-line headers, merged cells, HTML and text tables, Thai or Arabic
digits, periods as ranges or month names); it is not copied from any one agency.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from itaplan.domain.readers.measures import (
    check_measures,
    plan_year_of,
    read_measures,
    split_steps,
    split_units,
)

SEEDS = Path(__file__).resolve().parents[2] / "demo" / "seeds"


def seed(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


# --- the seeds ---------------------------------------------------------------------------


def test_seed_004_gives_one_measure_per_indicator_row_in_order() -> None:
    measures = read_measures(seed("004"))
    assert [m.indicator for m in measures] == list(range(1, 11))
    first = measures[0]
    assert first.title.startswith("การจัดทำคู่มือการปฏิบัติงาน")
    assert first.analysis.startswith("องค์การบริหารส่วนตำบลสามเรือน จึงได้กำหนด")
    assert len(first.steps) == 6
    assert first.steps[0].startswith("จัดประชุมเจ้าหน้าที่")
    assert first.units == ("ทุกสำนัก/กอง",)
    assert measures[1].units == ("กองคลัง",)
    assert (first.period.start, first.period.end) == (dt.date(2025, 10, 1), dt.date(2026, 9, 30))


def test_seed_004_rows_broken_by_a_page_keep_their_continuation() -> None:
    measures = read_measures(seed("004"))
    # indicator 2's fifth step is printed on the next page
    assert measures[1].steps[-1].startswith("หากตรวจพบว่ามีการใช้งบประมาณไม่ถูกต้อง")
    # indicator 4's third step ends on the next page ("… เป็นระยะ")
    assert measures[3].steps[2].endswith("เป็นระยะ")
    # indicator 5's second measure is on the next page: still one measure for its row
    assert "No Gift Policy" in measures[4].title
    assert len(measures[4].steps) == 9


def test_seed_004_indicator_7_period_is_the_year_before_and_is_the_only_finding() -> None:
    measures = read_measures(seed("004"))
    assert measures[6].period_text == "๑ ต.ค. ๖๗ ถึง ๓๐ ก.ย. ๖๘"
    assert measures[6].as_dict()["start"] == "2024-10-01"
    [finding] = check_measures(measures, 2569)
    assert finding.field == "measure 7 period"
    assert "ตัวชี้วัดที่ 7" in finding.message and "2569" in finding.message


def test_seed_000_rows_are_matched_to_indicators_by_name_not_by_row_number() -> None:
    measures = read_measures(seed("000"))
    assert [m.indicator for m in measures] == [1, 2, 3, 4, 5, 9, 10]
    assert measures[5].title == "การเปิดเผยข้อมูล"
    assert measures[0].units[:2] == (
        "งานประชาสัมพันธ์ สำนักปลัดเทศบาล",
        "งานธุรการ สำนักปลัดเทศบาล",
    )
    assert len(measures[0].units) == 8
    assert measures[6].steps[0].startswith("ประชุมเตรียมความพร้อม")
    assert len(measures[6].steps) == 2
    assert measures[0].monitoring.startswith("1. รายงานผล")
    assert all(m.as_dict()["start"] == "2022-01-01" for m in measures)
    assert all(m.as_dict()["end"] == "2022-03-31" for m in measures)
    assert check_measures(measures, 2565) == []


def test_seed_003_merged_measure_cells_cover_the_indicators_of_each_tool() -> None:
    measures = read_measures(seed("003"))
    assert [m.as_dict()["indicators"] for m in measures] == [[1, 2, 3, 4, 5], [6, 7, 8], [9, 10]]
    assert measures[0].analysis.startswith("ประเด็นที่ต้องแก้ไขโดยเร่งด่วน")
    assert measures[0].monitoring == "รายงานผลการดำเนินงาน"
    assert (measures[0].period.start, measures[0].period.end) == (
        dt.date(2023, 1, 1),
        dt.date(2023, 3, 31),
    )
    # the fragment repeated under indicator 10 after the page break is not added twice
    assert measures[2].analysis.count("ฟังความคิดเห็น ให้สามารถใช้งานได้") == 1


def test_the_progress_report_of_seed_002_is_not_an_o27_table() -> None:
    assert read_measures(seed("002")) == []


@pytest.mark.parametrize(("prefix", "year"), [("000", 2565), ("003", 2566), ("004", 2569)])
def test_the_plan_year_is_the_year_of_the_title(prefix: str, year: int) -> None:
    assert plan_year_of(seed(prefix)) == year


# --- a corpus of other shapes ------------------------------------------------------------

COLUMNS_REORDERED = """\
มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. 2569
ที่\tมาตรการ\tระยะเวลา\tผู้รับผิดชอบ\tขั้นตอนการดำเนินการ\tตัวชี้วัด\tการกำกับติดตาม
1\tจัดทำคู่มือการยืมทรัพย์สินของราชการ\tต.ค. 68 - มี.ค. 69\tกองคลัง, สำนักปลัด\t1) ร่างคู่มือ 2) เสนอผู้บริหาร 3) เผยแพร่\tตัวชี้วัดที่ 4 การใช้ทรัพย์สินของราชการ\tรายงานรอบ 6 เดือน
2\tเปิดช่องทางร้องเรียนออนไลน์\tตลอดปีงบประมาณ\tสำนักปลัด\t- ทำแบบฟอร์มออนไลน์ - ประชาสัมพันธ์ช่องทาง\tการแก้ไขปัญหาการทุจริต\tรายงานผู้บริหารทุกไตรมาส
"""


def test_columns_are_found_by_their_header_words_in_any_order() -> None:
    first, second = read_measures(COLUMNS_REORDERED)
    assert (first.indicator, second.indicator) == (4, 5)
    assert first.steps == ("ร่างคู่มือ", "เสนอผู้บริหาร", "เผยแพร่")
    assert first.units == ("กองคลัง", "สำนักปลัด")
    assert (first.period.start, first.period.end) == (dt.date(2025, 10, 1), dt.date(2026, 3, 31))
    assert second.steps == ("ทำแบบฟอร์มออนไลน์", "ประชาสัมพันธ์ช่องทาง")
    assert (second.period.start, second.period.end) == (dt.date(2025, 10, 1), dt.date(2026, 9, 30))
    assert second.monitoring == "รายงานผู้บริหารทุกไตรมาส"


HTML_MERGED = """\
<h2>มาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. ๒๕๖๙</h2>
<table border="1">
<tr><th rowspan="2">ตัวชี้วัด</th><th rowspan="2">คะแนน</th><th colspan="3">การนำผลไปสู่การปฏิบัติ</th><th rowspan="2">ระยะเวลาดำเนินการ</th></tr>
<tr><th>มาตรการ</th><th>ขั้นตอน</th><th>ผู้รับผิดชอบ</th></tr>
<tr><td>๖. คุณภาพการดำเนินงาน</td><td>๗๙.๕๔</td><td rowspan="2">ปรับปรุงคู่มือการให้บริการ</td><td rowspan="2"><p>๑. ทบทวนขั้นตอน</p><p>๒. ประกาศใช้</p></td><td rowspan="2">สำนักปลัด</td><td rowspan="2">๑ ม.ค. ๖๙ - ๓๐ มิ.ย. ๖๙</td></tr>
<tr><td>๗. ประสิทธิภาพการสื่อสาร</td><td>๘๕.๕๓</td></tr>
<tr><td>๘. การปรับปรุงการทำงาน</td><td>๗๘.๖๐</td><td>เปิดรับฟังความเห็นผู้รับบริการ</td><td>จัดเวทีประชาคม</td><td>กองช่าง</td><td>ไตรมาส ๓</td></tr>
</table>
"""


def test_an_html_table_with_merged_cells_keeps_each_cell_in_its_column() -> None:
    first, second = read_measures(HTML_MERGED)
    assert first.indicator == 6 and first.also_indicators == (7,)
    assert first.steps == ("ทบทวนขั้นตอน", "ประกาศใช้")
    assert first.units == ("สำนักปลัด",)
    assert (first.period.start, first.period.end) == (dt.date(2026, 1, 1), dt.date(2026, 6, 30))
    assert second.indicator == 8  # named "การปรับปรุงการทำงาน" as in FY2564
    assert second.units == ("กองช่าง",)
    assert (second.period.start, second.period.end) == (dt.date(2026, 4, 1), dt.date(2026, 6, 30))


PIPE_TABLE = """\
แผนมาตรการ ประจำปีงบประมาณ 2567
| ตัวชี้วัด | มาตรการ/โครงการ | วิธีการ | หน่วยงานที่รับผิดชอบ | ห้วงเวลา |
|---|---|---|---|---|
| ตัวชี้วัดที่ 9 การเปิดเผยข้อมูล | ปรับปรุงเว็บไซต์ | ตรวจข้อมูล o1–o33 ทุกเดือน | งานประชาสัมพันธ์ | พฤศจิกายน 2566 – กุมภาพันธ์ 2567 |
| ตัวชี้วัดที่ 10 การป้องกันการทุจริต | ประกาศ No Gift Policy | ประกาศและเผยแพร่ | สำนักปลัด | ภายในธันวาคม 2566 |
"""


def test_a_text_table_with_pipes_reads_like_a_tab_separated_one() -> None:
    first, second = read_measures(PIPE_TABLE)
    assert (first.indicator, second.indicator) == (9, 10)
    assert (first.period.start, first.period.end) == (dt.date(2023, 11, 1), dt.date(2024, 2, 29))
    assert (second.period.start, second.period.end) == (dt.date(2023, 10, 1), dt.date(2023, 12, 31))
    assert check_measures([first, second], 2567) == []


REPEATED_HEADER_AND_PAGE_BREAK = """\
มาตรการ ประจำปีงบประมาณ ๒๕๖๘
ตัวชี้วัด\tมาตรการ\tขั้นตอน/วิธีการ\tผู้รับผิดชอบ\tระยะเวลา
แบบวัด IIT\t\t\t\t
๑. การปฏิบัติหน้าที่\tกำหนดมาตรฐานการให้บริการ\t๑. จัดทำมาตรฐาน ๒. ประกาศใช้\tสำนักปลัด\tต.ค. ๖๗ – ก.ย. ๖๘
\t\t๓. ติดตามผล\t\t
------\t------\t------\t------\t------

ตัวชี้วัด\tมาตรการ\tขั้นตอน/วิธีการ\tผู้รับผิดชอบ\tระยะเวลา
๒. การใช้งบประมาณ\tเผยแพร่แผนการใช้จ่าย\tเผยแพร่ทางเว็บไซต์\tกองคลัง\t๑ มกราคม ๒๕๖๘ - ๓๑ มีนาคม ๒๕๖๘
"""


def test_a_header_repeated_on_the_next_page_and_a_row_broken_by_it_are_read_once() -> None:
    first, second = read_measures(REPEATED_HEADER_AND_PAGE_BREAK)
    assert first.steps == ("จัดทำมาตรฐาน", "ประกาศใช้", "ติดตามผล")
    assert (first.indicator, second.indicator) == (1, 2)
    assert check_measures([first, second], 2568) == []


# A .docx read cell by cell repeats a vertically merged cell in every row it covers
# (itaplan.results.textfiles.docx_text); a PDF leaves it empty below its first row, and
# a vertically centred one shows its text in a middle row.
DOCX_REPEATED = """\
ตัวชี้วัด\tคะแนน\tมาตรการ\tขั้นตอน\tผู้รับผิดชอบ\tระยะเวลา
ตัวชี้วัดที่ 6 คุณภาพการดำเนินงาน\t79.54\tปรับปรุงคู่มือ\t1. ทบทวน 2. ประกาศ\tสำนักปลัด\tม.ค. - มิ.ย. 69
ตัวชี้วัดที่ 7 ประสิทธิภาพการสื่อสาร\t85.53\tปรับปรุงคู่มือ\t1. ทบทวน 2. ประกาศ\tสำนักปลัด\tม.ค. - มิ.ย. 69
ตัวชี้วัดที่ 8 การปรับปรุงการทำงาน\t78.60\tเปิดรับฟังความเห็น\tจัดเวทีประชาคม\tกองช่าง\tไตรมาส 3
"""
CENTRED_MERGE = """\
ตัวชี้วัด\tคะแนน\tมาตรการ\tขั้นตอน\tผู้รับผิดชอบ\tระยะเวลา
๑. การปฏิบัติหน้าที่\t๙๒.๒๖\t\t\t\t
๒. การใช้งบประมาณ\t๘๔.๕๒\tจัดทำคู่มือ\tประชุมชี้แจง\tสำนักปลัด\tตลอดปีงบประมาณ
๓. การใช้อำนาจ\t๘๗.๘๖\t\t\t\t
"""


@pytest.mark.parametrize("text", [DOCX_REPEATED, CENTRED_MERGE])
def test_a_merged_measure_cell_is_one_measure_for_the_indicators_it_covers(text: str) -> None:
    measures = read_measures(text, plan_year=2569)
    assert [m.as_dict()["indicators"] for m in measures] in (
        [[6, 7], [8]],
        [[2, 1, 3]],
    )


def test_a_period_that_cannot_be_read_is_a_finding_too() -> None:
    text = "ตัวชี้วัด\tมาตรการ\tผู้รับผิดชอบ\tระยะเวลา\n๑. การใช้อำนาจ\tมอบหมายงานเป็นธรรม\tสำนักปลัด\tตามความเหมาะสม\n"
    [measure] = read_measures(text, plan_year=2569)
    assert measure.period is None
    [finding] = check_measures([measure], 2569)
    assert finding.field == "measure 1 period"
    assert "ตามความเหมาะสม" in finding.message


def test_a_summary_table_of_classes_is_not_a_table_of_measures() -> None:
    text = (
        "ตัวชี้วัดที่\tตัวชี้วัด\tคะแนนปี65\tมาตรการที่จะใช้ปี66\n"
        "1\tการปฏิบัติหน้าที่\t92.26\tพัฒนาให้ดีขึ้น\n"
        "2\tการใช้งบประมาณ\t84.52\tแก้ไขโดยเร่งด่วน\n"
    )
    assert read_measures(text) == []


def test_steps_and_units_split_the_ways_agencies_list_them() -> None:
    assert split_steps(["<p>. จัดทำร่าง</p><p>๒. เสนอ</p>"]) == ("จัดทำร่าง", "เสนอ")
    assert split_steps(["ประชุมชี้แจงบุคลากรทุกคน"]) == ("ประชุมชี้แจงบุคลากรทุกคน",)
    assert split_units(["- กองคลัง - กองช่าง"]) == ("กองคลัง", "กองช่าง")
    assert split_units(["<p>สำนักปลัด</p><p>กองการศึกษา</p>"]) == ("สำนักปลัด", "กองการศึกษา")


def test_text_without_a_measures_table_gives_none() -> None:
    assert read_measures("ผลคะแนน ITA ปี 2568 ได้ 96.79 คะแนน") == []
    assert read_measures("") == []


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.one_of(
            st.text(max_size=40),
            st.sampled_from(
                [
                    "\t",
                    "<p>",
                    "</p>",
                    "<tr>",
                    '<td rowspan="3">',
                    "|",
                    "มาตรการ",
                    "ระยะเวลา",
                    "ผู้รับผิดชอบ",
                    "ตัวชี้วัดที่ ๑",
                    "ต.ค. ๖๘",
                    "\n",
                    "-",
                ]
            ),
        ),
        max_size=80,
    ).map("".join)
)
def test_it_never_raises_on_any_text(text: str) -> None:
    for measure in read_measures(text, plan_year=2569):
        assert isinstance(measure.as_dict()["steps"], list)
