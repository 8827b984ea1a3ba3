"""The agency a result belongs to, from its title, and the body's other spellings.

Agency types are printed in full or abbreviated ("อบต."); PDF extraction may split
the full form at a word boundary. The name is returned with the full type.
"""

from __future__ import annotations

import difflib
import re

from itaplan.domain.readers.segments import compact

_THAI_LETTERS = "\u0e01-\u0e3a\u0e40-\u0e4e"
_ABBR = r"(?<![\u0e01-\u0e3a\u0e40-\u0e4e])"  # "อบต." but not "…ชอบต."
_AGENCY_TYPES = (
    ("องค์การบริหารส่วนตำบล", r"องค์การ\s?บริหาร\s?ส่วน\s?ตำบล|" + _ABBR + r"อบต\."),
    ("องค์การบริหารส่วนจังหวัด", r"องค์การ\s?บริหาร\s?ส่วน\s?จังหวัด|" + _ABBR + r"อบจ\."),
    ("เทศบาลตำบล", r"เทศบาล\s?ตำบล|" + _ABBR + r"ทต\."),
    ("เทศบาลเมือง", r"เทศบาล\s?เมือง|" + _ABBR + r"ทม\."),
    ("เทศบาลนคร", r"เทศบาล\s?นคร|" + _ABBR + r"ทน\."),
)
_AGENCY = re.compile(
    "(?:"
    + "|".join(f"(?P<t{i}>{pattern})" for i, (_, pattern) in enumerate(_AGENCY_TYPES))
    + r")[ \t]?(?P<name>["
    + _THAI_LETTERS
    + r"]+)"
)
#: Every agency type starts with one of these; lines without any are skipped (speed).
_HINTS = ("องค์การ", "เทศบาล", "อบต.", "อบจ.", "ทต.", "ทม.", "ทน.")
#: A run of Thai letters longer than this after the type is a sentence, not a name.
_MAX_NAME = 20
#: Words that end an agency name in a title line (the brief: อำเภอ, ปี, whitespace).
_TITLE_STOPS = ("อำเภอ", "จังหวัด", "ประจำ", "ปี")
#: Words that end it in running text, where the name runs on into the sentence.
_BODY_STOPS = (
    *_TITLE_STOPS,
    "มี", "ได้", "จึง", "ต้อง", "ควร", "งาน", "ของ", "และ", "ซึ่ง", "เป็น", "โดย", "พบ",
    "กำหนด", "ให้", "ที่", "ใน", "ว่า", "จะ",
)  # fmt: skip


def read_agency(plain_lines: list[str]) -> tuple[str | None, tuple[str, ...], tuple[int, ...]]:
    """The agency of the title (first clean occurrence); every spelling of the same
    type of agency with a similar name, and the lines that print one of them."""
    occurrences: list[tuple[int, str, str]] = []  # line, type, Thai letters after it
    for number, line in enumerate(plain_lines, 1):
        if not any(hint in line for hint in _HINTS):
            continue
        for match in _AGENCY.finditer(line):
            kind = next(
                _AGENCY_TYPES[i][0]
                for i in range(len(_AGENCY_TYPES))
                if match.group(f"t{i}") is not None
            )
            occurrences.append((number, kind, match.group("name")))
    if not occurrences:
        return None, (), ()
    title: tuple[str, str] | None = None
    # The title: a name that ends at อำเภอ/ปี/… or at a space while still short.
    # In running text Thai has no spaces, so the name runs on into the sentence.
    for _, kind, run in occurrences:
        name = _cut(run, _TITLE_STOPS)
        if len(name) >= 2 and (name != run or len(run) <= _MAX_NAME):
            title = (kind, name)
            break
    if title is None:
        for _, kind, run in occurrences:
            name = _cut(run, _BODY_STOPS)
            if len(name) >= 2:
                title = (kind, name)
                break
    if title is None:
        return None, (), ()
    title_kind, title_name = title
    values: list[str] = [title_kind + title_name]
    lines: list[int] = []
    for number, kind, run in occurrences:
        if kind != title_kind:
            continue
        # Names are short: compare only the start of a long run (speed).
        run = run[: 2 * len(title_name) + 10]
        if compact(run).startswith(title_name):
            lines.append(number)
            continue
        other = _cut(run, _BODY_STOPS)
        similar = difflib.SequenceMatcher(None, title_name, other).ratio() >= 0.6
        if len(other) >= 2 and similar:
            lines.append(number)
            if kind + other not in values:
                values.append(kind + other)
    return title_kind + title_name, tuple(values), tuple(dict.fromkeys(lines))


def _cut(run: str, stops: tuple[str, ...]) -> str:
    """``run`` up to the first stop word after its first two letters."""
    end = len(run)
    for stop in stops:
        position = run.find(stop, 2)
        if position != -1:
            end = min(end, position)
    return run[:end]
