"""Lines cut into cells and sentences (readers.segments)."""

from __future__ import annotations

from itaplan.domain.readers.segments import Segment, cells, compact, split


def test_tabs_pipes_and_html_tags_all_separate_cells() -> None:
    assert cells("ก\tข\tค") == ["ก", "ข", "ค"]
    assert cells("| ๒๕๖๗ | ๙๑.๑๕ | ผ่าน |") == ["๒๕๖๗", "๙๑.๑๕", "ผ่าน"]
    texts = [s.text for s in split(1, "<td>การปฏิบัติหน้าที่</td><td>98.64</td>")]
    assert texts == ["การปฏิบัติหน้าที่", "98.64"]


def test_a_paragraph_naming_three_indicators_is_three_sentences() -> None:
    text = "ตัวชี้วัดที่ 1 มี 98.64 ตัวชี้วัดที่ 2 มี 97.00 ตัวชี้วัดที่ 3 มี 96.00"
    assert [s.text[:13] for s in split(4, text)] == [
        "ตัวชี้วัดที่ 1"[:13],
        "ตัวชี้วัดที่ 2"[:13],
        "ตัวชี้วัดที่ 3"[:13],
    ]
    assert {s.line for s in split(4, text)} == {4}


def test_a_consumed_span_is_masked_so_no_reader_reads_it_twice() -> None:
    seg = Segment(1, 0, "คะแนน 96.79 และ 95.00")
    seg.consume_spans([(6, 11), (15, 20)])
    assert "96.79" not in seg.mask and "95.00" not in seg.mask
    assert len(seg.mask) == len(seg.text)


def test_compact_drops_spaces_and_invisible_characters() -> None:
    assert compact("การปฏิบัติ หน้า\u200bที่") == "การปฏิบัติหน้าที่"
