"""The table of an o28 progress report: seed 002 and other shapes."""

from __future__ import annotations

from pathlib import Path

from itaplan.domain.readers.progress import read_progress

SEEDS = Path(__file__).resolve().parents[2] / "demo" / "seeds"


def seed(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def test_seed_002_gives_its_six_rows_matched_to_indicators_by_name() -> None:
    rows = read_progress(seed("002"))
    # the report numbers its rows 1–6; its row 6 is indicator 10 by name
    assert [r.indicator for r in rows] == [1, 2, 3, 4, 5, 10]
    assert rows[3].units == ("กองคลัง (งานพัสดุ)",)
    assert len(rows[1].steps) == 3
    assert rows[1].steps[2].startswith("กองคลัง เปิดโอกาสให้บุคลากร")
    assert len(rows[2].steps) == 2  # two <p> paragraphs
    assert rows[0].progress.startswith("ได้ดำเนินการประชาสัมพันธ์ คู่มือการปฏิบัติงาน")
    assert rows[0].progress.endswith("โดยมีการให้บริการผ่านทางระบบ e-service")


def test_seed_002_says_every_measure_was_done_and_quotes_no_percent_of_work() -> None:
    rows = read_progress(seed("002"))
    assert all(r.says_done for r in rows)
    # row 6 quotes the 85 % threshold of the criteria: that is not progress
    assert all(r.percent is None for r in rows)


def test_an_o27_table_is_not_a_progress_report() -> None:
    assert read_progress(seed("004")) == []


REPORT = """\
รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. 2568
ลำดับ\tมาตรการ\tผู้รับผิดชอบ\tผลการดำเนินงาน\tตัวชี้วัด
1\tจัดทำคู่มือการยืมพัสดุ\tกองคลัง\tร้อยละ 60\tการใช้ทรัพย์สินของราชการ
2\tประกาศ No Gift Policy\tสำนักปลัด\tยังไม่ได้ดำเนินการ เนื่องจากรอผู้บริหารลงนาม\tตัวชี้วัดที่ 10
3\tเผยแพร่แผนจัดซื้อจัดจ้าง\tกองคลัง\tเผยแพร่บนเว็บไซต์แล้วเสร็จ คิดเป็นร้อยละ 100\tการใช้งบประมาณ
"""


def test_a_report_with_percents_and_a_not_done_row_is_read_as_printed() -> None:
    first, second, third = read_progress(REPORT)
    assert [r.indicator for r in (first, second, third)] == [4, 10, 2]
    assert (first.percent, first.says_done) == (60.0, False)
    assert (second.says_done, second.says_started) == (False, False)
    assert (third.percent, third.says_done) == (100.0, True)
