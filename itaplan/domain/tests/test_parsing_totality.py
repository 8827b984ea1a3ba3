"""The parser stays total on any text: no exception, no hang, scores within 0–100.

Random texts mix the words every reader looks for (sentences, history rows, English,
broken PDF Thai, agency columns), so that near-misses of each shape are tried often.
Large inputs repeat each pattern's trigger many times: a regular expression that
backtracks catastrophically would never finish on them (speed itself is measured in
benchmarks/bench_core.py, not here).
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from itaplan.domain.parsing import INTERNAL_ERROR, ParsedResult, parse_result_text
from itaplan.domain.readers.segments import LINE_BREAK

WORDS = [
    "ได้รับคะแนน ", "คะแนนการประเมิน ITA เท่ากับ ", "ด้วยคะแนน", "ได้ ", " คะแนน", "คะแนนเต็ม",
    "อยู่ในระดับ", "ระดับ ", "ผ่านดีเยี่ยม", "ผ่าน", " (AA)", "(ผ่าน) ", "ปีที่ผ่านมาได้ ", "ปี 2563 ",
    "ปีงบประมาณ | คะแนน | ระดับ |", " | ", "๒๕๖๗", "๙๑.๑๕", "2023", "The ITA score for ", " was ",
    " points, level ", " last year", "B.E. ", "ตำรำง", "กำร", "\ufffdำ", "ํา", "้้", "ตัวชีวัด",
    "อบต.หนึ่ง\t", "จังหวัดตราด\t", "ตัวชี้วัด\t", "การปฏิบัติหน้าที่", "\t", "\n", "81.23", "๘๘.๐๔",
    "ผลการประเมิน ITA ปี 2566 ", "ระดับประเทศ", "อันดับที่ ",
]  # fmt: skip
TEXT = st.lists(
    st.one_of(
        st.sampled_from(WORDS),
        st.characters(min_codepoint=0x0E01, max_codepoint=0x0E5B),
        st.sampled_from(list("0123456789.|()\t\n ")),
        st.characters(min_codepoint=0x20, max_codepoint=0x7E),
    ),
    max_size=150,
).map("".join)


def assert_total(result: ParsedResult, text: str) -> None:
    assert not any(w.startswith(INTERNAL_ERROR) for w in result.warnings), result.warnings
    for value in [*result.indicators.values(), *result.items.values()]:
        assert 0 <= value <= 100
    for key in ("total", "IIT", "EIT", "OIT"):
        value = result.printed.get(key)
        assert value is None or 0 <= float(value) <= 100
    for entry in result.history:
        assert 2500 <= entry.fiscal_year <= 2700
        assert entry.total is None or 0 <= entry.total <= 100
    lines = LINE_BREAK.split(text)
    for number, line in result.unread_lines:
        assert line == lines[number - 1].rstrip()
    json.loads(result.to_json())


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT, st.one_of(st.none(), st.integers(2560, 2572)))
def test_any_mix_of_every_readers_words_is_read_without_raising(
    text: str, year: int | None
) -> None:
    assert_total(parse_result_text(text, year), text)


@pytest.mark.parametrize(
    "unit",
    [
        "ได้รับคะแนน ", "คะแนน ITA เท่ากับ ", "ปี 2567 ", "ปีที่ผ่านมา ", "ระดับ ", "(AA) ",
        "| ", "2565 | 90.22 | A |\n", "ITA score was ", "2023 ", "ตำรำง", "ํา", "้้", " ",
        "\t98.10", "อบต.ก\t", "ตัวชี้วัดที่ 1 ", "๙", "o1 ",
    ],
)  # fmt: skip
def test_a_large_text_of_one_repeated_trigger_is_read_to_the_end(unit: str) -> None:
    text = unit * (200_000 // len(unit))
    assert_total(parse_result_text(text), text)
    line = "ผลการประเมิน ITA " + unit * (20_000 // len(unit)) + " 96.79"
    assert_total(parse_result_text(line), line)
