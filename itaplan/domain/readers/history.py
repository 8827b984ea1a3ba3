"""Figures of other years in the same text: last year's total, the printed change
from it, and a year's score written out ("ปี 2563 ได้ 90.02").

Last year's figures are kept aside (``previous_total`` and the history), never taken
for the current result and never reported as a conflict with it.
"""

from __future__ import annotations

import re

from itaplan.domain.messages import said
from itaplan.domain.readers.reading import Reading
from itaplan.domain.readers.scores import ANY_DIGITS, NUM, YEAR, YEAR_DIGITS, year_value
from itaplan.domain.readers.segments import Segment

PREV_MARK = r"ปี(?:งบประมาณ)?\s*(?:ที่ผ่านมา|ก่อน(?:หน้า)?|ที่แล้ว)"
PREV_MARK_RE = re.compile(PREV_MARK)
_DIFF = re.compile(
    r"(?:สูงกว่า|ต่ำกว่า|มากกว่า|น้อยกว่า|เพิ่มขึ้น|ลดลง|สูงขึ้น|ต่ำลง)(?:จาก|กว่า)?\s*"
    r"(?:เมื่อเทียบกับ\s*)?" + PREV_MARK + r"\s*(?:อยู่\s*)?(?:จำนวน\s*)?" + NUM
)
_DIFF_AFTER = re.compile(
    r"(?:เพิ่มขึ้น|ลดลง|สูงขึ้น|ต่ำลง)\s*(?:จำนวน\s*)?"
    + NUM
    + r"\s*คะแนน\s*(?:จาก|เมื่อเทียบกับ)\s*"
    + PREV_MARK
)
_PREV_TOTAL = re.compile(
    PREV_MARK + r"\s*(?:ซึ่ง\s*)?(?:ได้คะแนน|มีผลคะแนน|มีคะแนน|ได้|คะแนน)\s*(?:เท่ากับ\s*)?" + NUM
)
_YEAR_SCORE = re.compile(
    r"(?:ปีงบประมาณ|ปี)\s*(?:พ\.\s?ศ\.?\s*)?"
    + YEAR_DIGITS
    + r"\s*(?:ได้คะแนน|มีผลคะแนน|มีคะแนน|ได้)\s*(?:คะแนน\s*)?(?:เท่ากับ\s*)?"
    + NUM
)


def year_of(text: str, position: int) -> int | None:
    """The year a figure at ``position`` is written for: a year printed just before it
    ("ปี 2563 ได้ระดับ AA"), with no other number in between."""
    before = text[max(0, position - 50) : position]
    found = None
    for match in YEAR.finditer(before):
        found = match
    if found is None or ANY_DIGITS.search(before, found.end()):
        return None
    return year_value(found.group(1))


def _last_year(reading: Reading, value: float, line: int) -> None:
    """Last year's total: kept aside, and in the history when the year is known."""
    reading.see("previous_total", "previous_total", value, line)
    if reading.fiscal_year is not None:
        reading.see_year(reading.fiscal_year - 1, "total", value, line)


def read_previous_year(reading: Reading, seg: Segment) -> None:
    """Consume comparisons with last year and years' scores; keep them aside."""
    for pattern in (_DIFF, _DIFF_AFTER):
        spans: list[tuple[int, int]] = []
        for match in pattern.finditer(seg.mask):
            if (value := seg.value(match)) is not None:
                reading.diffs.append(value)
                spans.append(match.span(1))
        seg.consume_spans(spans)
    spans = []
    for match in _PREV_TOTAL.finditer(seg.mask):
        if (value := seg.value(match)) is not None:
            _last_year(reading, value, seg.line)
            spans.append(match.span(1))
    seg.consume_spans(spans)
    spans = []
    for match in _YEAR_SCORE.finditer(seg.mask):
        year = year_value(match.group(1))
        value = seg.value(match, 2)
        if year is None or value is None:
            continue
        after_mark = PREV_MARK_RE.search(seg.mask[max(0, match.start() - 80) : match.start()])
        fy = reading.fiscal_year
        if after_mark is not None:
            if fy is not None and year >= fy:
                reading.warn(
                    said(
                        "บรรทัด %(line)s: คะแนนปีก่อนระบุเป็นปี %(year)s ซึ่งไม่ใช่ปีก่อนหน้าปี %(fy)s",
                        line=seg.line,
                        year=year,
                        fy=fy,
                    )
                )
            _last_year(reading, value, seg.line)
        elif fy is not None and year == fy - 1:
            _last_year(reading, value, seg.line)
        elif fy is not None and year < fy:
            reading.see_year(year, "total", value, seg.line)
        elif fy is not None and year == fy:
            reading.see("total", "total", value, seg.line)
        else:
            continue
        spans += [match.span(1), match.span(2)]
    seg.consume_spans(spans)


def latest_year_scored(plain_lines: list[str]) -> int | None:
    """The latest year printed with a score of its own ("ITA ปี 67 ได้ 95.32"), for a
    text that names the result's year no other way."""
    found = [
        year
        for line in plain_lines
        for match in _YEAR_SCORE.finditer(line)
        if (year := year_value(match.group(1))) is not None
    ]
    return max(found) if found else None
