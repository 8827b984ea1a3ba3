"""An assessment item and its score: "i1 …\\t97.86", "o13 … 50.00", "๐๑๓ … ๑๐๐.๐๐".

Item codes are checked against the criteria of the results year; the letter o is
often typed as a Thai zero.
"""

from __future__ import annotations

import re

from itaplan.domain.messages import said
from itaplan.domain.readers.reading import Label, Reading
from itaplan.domain.readers.scores import NUM, NUM_RE, STARS
from itaplan.domain.readers.segments import Segment

ITEM = re.compile(
    r"\s*([iIeEoO๐][0-9๐-๙]{1,3})(?![0-9๐-๙]|\.[0-9๐-๙])(?=[\s.:)\-–]|[^\x00-\x7f]|$)"
)
_TRAIL = re.compile(r"(?<=\s)\**" + NUM + STARS + r"(?:(?:คะแนน|%)\s*)?$")


def item_code(reading: Reading, raw: str) -> str | None:
    """The canonical code of ``raw`` in the year's criteria, or ``None``."""
    if reading.items_framework is None:
        return None
    if reading.items_fallback_warning:
        reading.warn(reading.items_fallback_warning)
    return reading.items_framework.normalise_item_code(raw)


def read_item(reading: Reading, seg: Segment, match: re.Match[str]) -> Label | None:
    """Read the item ``match`` found at the start of ``seg``; a label when its score
    is in the next cell."""
    raw = match.group(1)
    rest = seg.mask[match.end() :]
    trail = _TRAIL.search(seg.mask, match.end())
    code = item_code(reading, raw)
    if code is None:
        if trail is not None or NUM_RE.search(rest):
            framework = reading.items_framework
            reading.warn(
                said(
                    "บรรทัด %(line)s: รหัสประเด็น %(code)s ไม่มีในเกณฑ์ปี %(year)s",
                    line=seg.line,
                    code=raw,
                    year=framework.fiscal_year,
                )
                if framework
                else said("บรรทัด %(line)s: รหัสประเด็น %(code)s ไม่มีในเกณฑ์", line=seg.line, code=raw)
            )
            reading.mark_unread(seg.line)
        return None
    seg.consume(match.start(1), match.end(1))
    if trail is not None:
        value = seg.value(trail)
        if value is not None:
            reading.see(f"item {code}", code, value, seg.line)
            seg.consume(trail.start(1), trail.end(1))
        return None
    return Label("item", code)
