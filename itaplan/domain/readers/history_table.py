"""A history table: one row per fiscal year with its total and level.

Agencies publish their results over many years in one table ("ปีงบประมาณ | คะแนน |
ระดับ", Thai digits, a level of either scheme or none). A row is a year cell, one score
cell and at most a level cell; it is read under such a header, or without a header
when the row before or after it has the same shape. :func:`scan` finds every row
before the rest of the text is read, so the parser can take the latest year as the
result's year when the text names no other.
"""

from __future__ import annotations

import dataclasses
import re

from itaplan.domain.readers.scores import LEVELS, SCORE_CELL, D, number, year_value
from itaplan.domain.readers.segments import cells, plain

_YEAR_CELL = re.compile(r"\s*(?:ปี(?:งบประมาณ)?\s*)?(?:พ\.\s?ศ\.?\s*)?(" + D + r"{4})\s*$")
_YEAR_HEADER = re.compile(r"ปี|พ\.\s?ศ|[Yy]ear")
_SCORE_HEADER = re.compile(r"คะแนน|ผลการประเมิน|[Ss]core")
_LEVEL_CELL = re.compile(r"\s*(?:ระดับ\s*)?(" + "|".join(LEVELS) + r")\s*$")


@dataclasses.dataclass(frozen=True)
class Row:
    """One fiscal year of a history table."""

    line: int
    fiscal_year: int
    total: float
    level: str | None


def _row(number_: int, line: str) -> Row | None:
    texts = [c.strip() for c in cells(plain(line))]
    texts = [c for c in texts if c]
    if not 2 <= len(texts) <= 4:
        return None
    year_match = _YEAR_CELL.match(texts[0])
    if year_match is None or (year := year_value(year_match.group(1))) is None:
        return None
    score_match = SCORE_CELL.match(texts[1])
    value = number(score_match.group(1)) if score_match else None
    if value is None or not 0 <= value <= 100:
        return None
    level = None
    for rest in texts[2:]:
        found = _LEVEL_CELL.match(rest)
        if found:
            level = found.group(1)
    return Row(number_, year, value, level)


def _is_header(line: str) -> bool:
    texts = [c.strip() for c in cells(plain(line)) if c.strip()]
    if not 2 <= len(texts) <= 4:
        return False
    return bool(_YEAR_HEADER.search(texts[0])) and any(_SCORE_HEADER.search(t) for t in texts[1:])


def scan(lines: list[str]) -> list[Row]:
    """Every history row of the text, in order."""
    candidates: dict[int, Row] = {}
    under_header: set[int] = set()
    header = False
    for number_, line in enumerate(lines, 1):
        if not line.strip():
            header = False
            continue
        if _is_header(line):
            header = True
            continue
        row = _row(number_, line)
        if row is None:
            header = False
            continue
        candidates[number_] = row
        if header:
            under_header.add(number_)
    return [
        row
        for number_, row in candidates.items()
        if number_ in under_header or number_ - 1 in candidates or number_ + 1 in candidates
    ]
