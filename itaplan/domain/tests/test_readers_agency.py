"""The agency of a text (readers.agency)."""

from __future__ import annotations

from itaplan.domain.readers.agency import read_agency


def test_the_title_agency_is_spelled_out_and_a_similar_body_spelling_is_kept() -> None:
    name, spellings, lines = read_agency(
        ["มาตรการ ของ อบต.ลุมพลี อำเภอเมือง", "องค์การบริหารส่วนตำบลลุมพินีได้ดำเนินการ"]
    )
    assert name == "องค์การบริหารส่วนตำบลลุมพลี"
    assert spellings == ("องค์การบริหารส่วนตำบลลุมพลี", "องค์การบริหารส่วนตำบลลุมพินี")
    assert lines == (1, 2)


def test_a_text_without_an_agency_type_names_none() -> None:
    assert read_agency(["ผลการประเมิน ITA"]) == (None, (), ())
