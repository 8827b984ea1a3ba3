"""Table headers and the scores after a label (readers.tables)."""

from __future__ import annotations

from itaplan.domain.readers.names import names_for
from itaplan.domain.readers.reading import Label, Reading
from itaplan.domain.readers.segments import split
from itaplan.domain.readers.tables import read_header, take_scores


def test_columns_of_this_year_and_last_year_get_their_roles() -> None:
    header = read_header("ตัวชี้วัด\tคะแนนปี 2565\tคะแนนปี 2564\tคะแนนรายเครื่องมือ", 2565)
    assert header is not None and header.roles == ("other", "score", "previous", "tool")


def test_a_header_of_agency_columns_is_a_regional_table() -> None:
    header = read_header("ตัวชี้วัด\tอบต.หนึ่ง\tเทศบาลตำบลสอง\tจังหวัดตราด", 2564)
    assert header is not None and header.agencies == 3


def test_a_long_measures_cell_naming_an_office_is_no_agency_column() -> None:
    long_cell = "ประสานงานกับสำนักงานและกรมที่เกี่ยวข้องเพื่อเผยแพร่ข้อมูลการใช้จ่ายงบประมาณให้ครบถ้วน"
    header = read_header(f"ตัวชี้วัด\t{long_cell}\t{long_cell}", 2564)
    assert header is None or header.agencies == 0


def test_a_row_with_three_scores_and_no_header_is_left_unread() -> None:
    reading = Reading(lines=["การปฏิบัติหน้าที่\t98.10\t97.20\t95.00"], fiscal_year=2564)
    reading.names = names_for(2564, (2564,))
    segments = split(1, reading.lines[0])
    take_scores(reading, segments, 0, Label("indicator", "1"), None)
    assert reading.seen == {}
    assert 1 in reading.unread


def test_a_label_takes_the_score_and_the_tool_score_beside_the_first_indicator() -> None:
    reading = Reading(lines=["การปฏิบัติหน้าที่\t98.64\t97.18"], fiscal_year=2564)
    reading.names = names_for(2564, (2564,))
    take_scores(reading, split(1, reading.lines[0]), 0, Label("indicator", "1"), None)
    assert reading.seen == {("indicator 1", "1"): [(98.64, 1)], ("IIT", "IIT"): [(97.18, 1)]}
