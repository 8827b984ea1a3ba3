"""What no reader understood: a decimal 0–100 left next to ตัวชี้วัด, an item code,
คะแนน or a tool, or alone in a cell, looks like a score nobody read."""

from __future__ import annotations

import re

from itaplan.domain.readers.items import ITEM
from itaplan.domain.readers.reading import Reading
from itaplan.domain.readers.scores import DECIMAL, SCORE_CELL, number
from itaplan.domain.readers.segments import Segment
from itaplan.domain.readers.sentences import TOOL_ANY

_CONTEXT = re.compile("ตัวชี้วัด|คะแนน")


def mark_unread(reading: Reading, line: int, segments: list[Segment]) -> None:
    """Mark ``line`` unread when one of its segments still holds such a score."""
    for seg in segments:
        context = bool(
            _CONTEXT.search(seg.mask)
            or TOOL_ANY.search(seg.mask)
            or ITEM.match(seg.text)
            or SCORE_CELL.match(seg.mask)
        )
        if not context:
            continue
        for match in DECIMAL.finditer(seg.mask):
            value = number(match.group(0))
            if value is not None and 0 <= value <= 100:
                reading.mark_unread(line)
                return
        # An indicator or item with a score out of range (e.g. 198.64) is unread too.
        if (ITEM.match(seg.text) or "ตัวชี้วัด" in seg.mask) and DECIMAL.search(seg.mask):
            reading.mark_unread(line)
            return
