"""An indicator and its score: "ตัวชี้วัดที่ N ชื่อ … คะแนน", "N. ชื่อ 98.64", or a bare
name cell whose score is in the next cell.

The name decides the indicator; the printed number only stands in when no name is
printed ("ตัวชี้วัดที่ 5\\t87.50"), since the number beside a name is often a rank or
a list number.
"""

from __future__ import annotations

import re

from itaplan.domain.messages import said
from itaplan.domain.readers.reading import Label, Reading
from itaplan.domain.readers.scores import AFTER_INTEGER, FILL_ONLY, INLINE_SCORE, D
from itaplan.domain.readers.segments import Segment
from itaplan.domain.thai import to_arabic_digits

_PREFIX = re.compile(
    r"\s*(?:[-•·*]\s*)?(?:ตัวชี้วัด(?:ที่)?\s*(" + D + r"{1,2})(?![0-9๐-๙]|\.[0-9๐-๙])\s*[.:)]?"
    r"|\(?(" + D + r"{1,2})\s*[.)](?![0-9๐-๙]))?\s*"
)
#: References to OIT sub-indicators ("ตัวชี้วัด ๙.๑, ๙.๒"), which are not scores.
SUBREF = re.compile(
    r"ตัวชี้วัด(?:ย่อย)?(?:ที่)?\s*" + D + r"{1,2}\.[0-9๐-๙](?![0-9๐-๙])"
    r"(?:\s*(?:,|และ|หรือ)\s*" + D + r"{1,2}\.[0-9๐-๙](?![0-9๐-๙]))*"
)


def is_score(seg: Segment, match: re.Match[str]) -> bool:
    """A decimal is a score; an integer only when คะแนน or the cell's end follows,
    so that "การใช้อำนาจ 5 ประเด็น" is not read as 5 points."""
    if "." in match.group(1):
        return True
    return AFTER_INTEGER.match(seg.mask, match.end(1)) is not None


def read_indicator(reading: Reading, seg: Segment) -> tuple[bool, Label | None]:
    """Read an indicator in ``seg``; the first value is ``False`` when ``seg`` names
    none, the second a label when its score is in the next cell."""
    prefix = _PREFIX.match(seg.mask)
    if prefix is None:  # pragma: no cover - the pattern matches the empty string
        return False, None
    explicit = prefix.group(1)
    listed = prefix.group(1) or prefix.group(2)
    named = reading.names.match(seg.mask, prefix.end())
    note = None
    if named is not None:
        number, end = named
        if listed is not None and int(to_arabic_digits(listed)) != number:
            # Said only if a score is read: measures tables renumber freely.
            note = said(
                "บรรทัด %(line)s: เลข %(listed)s หน้าชื่อตัวชี้วัดที่ %(number)s ไม่ตรงกัน จึงอ่านตามชื่อ",
                line=seg.line,
                listed=int(to_arabic_digits(listed)),
                number=number,
            )
    elif explicit is not None and int(to_arabic_digits(explicit)) in reading.names.tools:
        number, end = int(to_arabic_digits(explicit)), prefix.end()
    else:
        return False, None
    score = INLINE_SCORE.match(seg.mask, end)
    if score is not None and is_score(seg, score):
        value = seg.value(score)
        if value is not None:
            reading.observe(Label("indicator", str(number), note), value, seg.line)
            seg.consume(score.start(1), score.end(1))
        return True, None
    if FILL_ONLY.match(seg.mask, end):
        return True, Label("indicator", str(number), note)
    return True, None
