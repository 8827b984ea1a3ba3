"""Thai text broken by PDF extraction (readers.repair)."""

from __future__ import annotations

import pytest

from itaplan.domain.readers.repair import fold, looks_broken, repair


@pytest.mark.parametrize(
    ("broken", "mended"),
    [
        ("ตำรำง ผลกำรประเมิน", "ตาราง ผลการประเมิน"),
        ("ประจ\ufffdำปี", "ประจำปี"),
        ("ประจําปี ผลการประเมิน", "ประจำปี ผลการประเมิน"),
        ("ตัวชี้้วัดที่ 1", "ตัวชี้วัดที่ 1"),
        ("ระดับ ผานดี", "ระดับ ผ่านดี"),
    ],
)
def test_the_words_the_readers_need_are_mended(broken: str, mended: str) -> None:
    assert repair(broken, ("ผ่านดี",)) == (mended, True)


def test_clean_text_is_left_alone_even_where_a_tolerant_match_would_change_it() -> None:
    text = "ผาน ประจำปี การประเมิน"
    assert not looks_broken(text)
    assert repair(text, ("ผ่าน",)) == (text, False)


def test_line_breaks_are_kept_so_line_numbers_stay() -> None:
    text = "ตำรำง\nผลกำรประเมิน\r\nคะแนน"
    assert repair(text)[0].count("\n") == 2


def test_names_broken_by_a_pdf_fold_alike_and_different_names_do_not() -> None:
    assert fold("องค์กำรบริหำรส่วนตำบลสำมเรือน") == fold("องค์การบริหารส่วนตำบลสามเรือน")
    assert fold("ลุมพินี") != fold("ลุมพลี")
