"""Totals, tool scores and levels written in sentences or label cells.

"มีผลคะแนน 62.09 คะแนน อยู่ในระดับ D", "แบบวัด (IIT) ได้คะแนน 97.18", "คะแนนรวม\\t96.79".
A total printed after an indicator or a tool name belongs to them, not to the agency;
a total next to last year's mark is last year's (see :mod:`.history`).
"""

from __future__ import annotations

import re

from itaplan.domain.messages import said
from itaplan.domain.readers.announcements import read_sentence_totals
from itaplan.domain.readers.history import PREV_MARK_RE, year_of
from itaplan.domain.readers.indicators import is_score
from itaplan.domain.readers.reading import Label, Reading
from itaplan.domain.readers.scores import ANY_DIGITS, FILL, LEVELS, NUM, STARS, WORD_LEVELS
from itaplan.domain.readers.segments import Segment

_TOOL_CODE = r"(?<![A-Za-z])(IIT|EIT|OIT)(?![A-Za-z])"
_TOOL_INLINE = re.compile(_TOOL_CODE + r"\)?[^0-9๐-๙\t]{0,80}?(?:คะแนน|เท่ากับ|ได้)" + FILL + NUM)
_TOOL_LABEL = re.compile(r"[^0-9๐-๙]{0,80}?\(?" + _TOOL_CODE + r"\)?\s*(?::\s*)?$")
TOOL_ANY = re.compile(_TOOL_CODE)
_TOTAL_INLINE = re.compile(
    r"(?:ผลคะแนน(?:เฉลี่ย|รวม)?(?:การประเมิน)?(?:\s*ITA)?|คะแนนรวม(?:ทั้งหมด)?|คะแนนเฉลี่ยรวม"
    r"|คะแนนภาพรวม|คะแนน\s*ITA)" + FILL + NUM
)
_TOTAL_LABEL = re.compile(
    r"\s*(?:ผลคะแนนรวม|คะแนนรวม(?:ทั้งหมด)?|คะแนนเฉลี่ยรวม|คะแนนภาพรวม|ภาพรวม|รวม|คะแนน\s*ITA"
    r"|ผลคะแนน\s*ITA|ผลการประเมิน\s*ITA(?:\s*ภาพรวม)?|ผลการประเมินภาพรวม)\s*(?::\s*)?$"
)
#: Quotes news put around a level: “ผ่าน”, 'ผ่านดีเยี่ยม', "AA".
_QUOTE = "[\"'“”‘’]?"
LEVEL = re.compile(
    r"(อยู่ในระดับ|ได้ระดับ|ได้รับระดับ|คว้าระดับ|ผลการประเมินระดับ|ระดับผลการประเมิน|ระดับ)"
    + STARS
    + r"(?:\(\s*)?"
    + _QUOTE
    + "("
    + "|".join(LEVELS)
    + r")(?![A-Za-z])"
    + _QUOTE
)
#: An infographic's bare "คะแนน" over its score (a text about the ITA only).
_BARE_LABEL = re.compile(r"\s*คะแนน(?:ที่ได้)?\s*:?\s*$")
#: A "ระดับ" cell whose level is in the next cell, and a cell that is only a level.
_LEVEL_LABEL = re.compile(r"\s*(?:ระดับ(?:ผลการประเมิน)?|ผลการประเมินระดับ)\s*:?\s*$")
LEVEL_CELL = re.compile(
    r"\s*" + _QUOTE + "(" + "|".join(LEVELS) + r")(?![A-Za-z])" + _QUOTE + r"\s*$"
)
#: What may follow a Thai level word: the level must end there ("ผ่านเกณฑ์" is no level).
AFTER_LEVEL = re.compile(r"$|[\s*)(,.;:\"'“”‘’]|โดย(?!ด่วน)|ดังนี้|และ|ซึ่ง|คะแนน|จาก")
STATS = re.compile(r"คะแนน(?:สูงสุด|ต่ำสุด|มากที่สุด|น้อยที่สุด)" + FILL + NUM)


def read_tool_or_total(reading: Reading, seg: Segment, *, about_ita: bool = False) -> Label | None:
    """Read a tool score, a total and a level; return a label for a bare
    "IIT" / "คะแนนรวม" cell whose score is in the next cell."""
    digits = ANY_DIGITS.search(seg.mask) is not None
    tools = TOOL_ANY.search(seg.mask) is not None
    spans: list[tuple[int, int]] = []
    for match in _TOOL_INLINE.finditer(seg.mask) if digits and tools else ():
        value = seg.value(match, 2)
        if value is not None:
            reading.see(match.group(1), match.group(1), value, seg.line)
            spans.append(match.span(2))
    seg.consume_spans(spans)
    label = None if spans or not tools else _TOOL_LABEL.match(seg.mask)
    if label is not None:
        return Label("tool", label.group(1))
    owner_at = _owner_at(seg.mask)
    spans = []
    for match in _TOTAL_INLINE.finditer(seg.mask) if digits else ():
        if match.start() > owner_at:
            continue
        if PREV_MARK_RE.search(seg.mask[max(0, match.start() - 40) : match.start()]):
            continue
        if not is_score(seg, match):
            continue
        value = seg.value(match)
        if value is not None:
            reading.see("total", "total", value, seg.line)
            spans.append(match.span(1))
    seg.consume_spans(spans)
    sentence = read_sentence_totals(reading, seg, about_ita=about_ita) if digits else False
    on_line = any(line == seg.line for _, line in reading.seen.get(("total", "total"), []))
    read_levels(reading, seg, has_total=bool(spans) or sentence or on_line)
    if len(seg.mask) < 40 and _TOTAL_LABEL.match(seg.mask):
        return Label("total", "total")
    if about_ita and len(seg.mask) < 40 and _BARE_LABEL.match(seg.mask):
        return Label("total", "total")
    if len(seg.mask) < 30 and _LEVEL_LABEL.match(seg.mask):
        return Label("level", "level")
    return None


def read_level_cell(reading: Reading, seg: Segment) -> bool:
    """A cell that is only a level, after a "ระดับ" label cell; ``True`` when read."""
    match = LEVEL_CELL.match(seg.mask)
    if match is None:
        return False
    reading.see("level", "level", match.group(1), seg.line)
    seg.consume_all()
    return True


def _owner_at(mask: str) -> int:
    """Where the first indicator or tool name of ``mask`` starts (its end if none):
    a total printed after it belongs to it."""
    indicator_at = mask.find("ตัวชี้วัด")
    tool_match = TOOL_ANY.search(mask)
    return min(
        indicator_at if indicator_at >= 0 else len(mask),
        tool_match.start() if tool_match else len(mask),
    )


_ANY_LEVEL = "|".join(LEVELS)
#: A level of the other scheme printed beside the first: "ผ่าน (AA)", "AA / ผ่าน".
_PARTNER_AFTER = re.compile(r"\s*(?:\(\s*|/\s*)(" + _ANY_LEVEL + r")(?![A-Za-z])\s*\)?")
#: …or before its keyword: "(ผ่าน) ระดับ AA".
_PARTNER_BEFORE = re.compile(r"\(\s*(" + _ANY_LEVEL + r")\s*\)\s*$")


def read_levels(reading: Reading, seg: Segment, *, has_total: bool) -> None:
    """The printed level(s) of ``seg``: "อยู่ในระดับ A"; a bare "ระดับ X" only beside a
    total. A level written for another year ("ปี 2563 ได้ระดับ AA") goes to the
    history; a letter and a word printed together give one level and a note."""
    spans: list[tuple[int, int]] = []
    for match in LEVEL.finditer(seg.mask):
        keyword, level = match.group(1), match.group(2)
        if keyword == "ระดับ" and not has_total:
            continue
        if not level.isascii() and not AFTER_LEVEL.match(seg.mask, match.end()):
            continue
        level = _one_scheme(reading, seg, match, spans)
        before = seg.text[max(0, match.start() - 30) : match.start()]
        year = year_of(seg.text, match.start())
        fy = reading.fiscal_year
        if PREV_MARK_RE.search(before) and fy is not None:
            reading.see_year(fy - 1, "level", level, seg.line)
        elif year is not None and fy is not None and year != fy:
            reading.see_year(year, "level", level, seg.line)
        else:
            reading.see("level", "level", level, seg.line)
    seg.consume_spans(spans)


def _one_scheme(
    reading: Reading, seg: Segment, match: re.Match[str], spans: list[tuple[int, int]]
) -> str:
    """The level of ``match``, or of the level of the other scheme printed beside it
    when that one is the scheme of the year; the one left out becomes a note."""
    level = match.group(2)
    partner = _PARTNER_AFTER.match(seg.mask, match.end())
    before = _PARTNER_BEFORE.search(seg.mask, max(0, match.start() - 20), match.start())
    other = partner or before
    if other is None or (other.group(1) in WORD_LEVELS) == (level in WORD_LEVELS):
        return level
    spans.append(other.span(1))
    fy = reading.fiscal_year
    words = fy >= 2566 if fy is not None else level in WORD_LEVELS
    chosen, kept = (level, other.group(1))
    if (other.group(1) in WORD_LEVELS) == words:
        chosen, kept = kept, chosen
    scheme = (
        said("ตามระดับผลการประเมินของปี %(year)s", year=fy) if fy is not None else said("ตามที่พิมพ์ไว้ก่อน")
    )
    reading.note(
        said(
            "บรรทัด %(line)s: พิมพ์ระดับไว้ทั้ง %(level)s และ %(other)s "
            "จึงใช้ %(chosen)s %(scheme)s และเก็บ %(kept)s ไว้เป็นหมายเหตุ",
            line=seg.line,
            level=level,
            other=other.group(1),
            chosen=chosen,
            scheme=scheme,
            kept=kept,
        )
    )
    return chosen
