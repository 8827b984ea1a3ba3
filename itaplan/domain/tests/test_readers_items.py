"""Assessment items and their scores (readers.items)."""

from __future__ import annotations

from itaplan.domain import criteria
from itaplan.domain.readers.items import ITEM, read_item
from itaplan.domain.readers.reading import Label, Reading
from itaplan.domain.readers.segments import Segment


def read(text: str, year: int = 2568) -> tuple[Reading, Label | None]:
    state = Reading(lines=[text], fiscal_year=year, items_framework=criteria.load(year))
    seg = Segment(1, 0, text)
    match = ITEM.match(seg.mask)
    assert match is not None
    return state, read_item(state, seg, match)


def test_a_code_typed_with_a_thai_zero_and_thai_digits_is_read() -> None:
    state, label = read("๐๑๓ รายงานผลการจัดซื้อจัดจ้าง ๕๐.๐๐")
    assert label is None
    assert state.seen == {("item o13", "o13"): [(50.0, 1)]}


def test_a_code_without_a_score_is_a_label_for_the_next_cell() -> None:
    assert read("o27 มาตรการส่งเสริมคุณธรรม")[1] == Label("item", "o27")


def test_a_code_the_year_does_not_have_is_unread_with_a_warning() -> None:
    state, _ = read("o27 มาตรการส่งเสริมคุณธรรม 100.00", year=2569)
    assert state.seen == {}
    assert 1 in state.unread
    assert "o27" in state.warnings[0] and "2569" in state.warnings[0]
