"""Read the scores out of an ITA result table, or out of a whole agency document.

Agencies publish their ITA result inside Word/PDF documents (มาตรการส่งเสริมคุณธรรม…,
การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร…). Once the text is extracted, a table row is
tab-separated or an HTML fragment, digits are Thai or Arabic, indicator names are
broken by stray spaces, and the same score is often printed two or three times —
sometimes with different numbers. :func:`parse_result_text` reads what it can and
says what it could not:

* a value printed more than once with different numbers becomes a
  :class:`Conflict`; the parser never picks one (the checker decides with the
  printed tool scores, or asks the user);
* a line that looks like it carries a score but was not understood is listed in
  :attr:`ParsedResult.unread_lines`, so the preview can mark it;
* everything else worth telling the user is a Thai message in
  :attr:`ParsedResult.warnings`.

Lines are numbered from 1, split at ``\\n``, ``\\r\\n`` or ``\\r``. Within a line,
tab-separated cells and HTML tags both separate cells, and a cell is further split
before every "ตัวชี้วัดที่ N" so that a paragraph naming three indicators is read as
three sentences.

The parser is pure Python (no Django) and never raises on a ``str``: an empty text
gives a result with the warning "ไม่พบข้อความ". Only input that is not text at all
raises :class:`ParseError`.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import html
import json
import re
from collections.abc import Iterable
from typing import Any

from itaplan.domain import criteria
from itaplan.domain.thai import parse_number, to_arabic_digits

# ---------------------------------------------------------------------------
# Public types
# ---------------------------------------------------------------------------

#: Keys of :attr:`ParsedResult.printed`, in the order they are reported.
PRINTED_KEYS = ("total", "level", "IIT", "EIT", "OIT")

#: Printed levels: the AA–F letters used up to FY2565 and the words used since,
#: longest first so that "ผ่านดีเยี่ยม" is not read as "ผ่าน".
LEVELS = (
    "ผ่านดีเยี่ยม",
    "ผ่านดี",
    "ต้องปรับปรุงโดยด่วน",
    "ต้องปรับปรุง",
    "ผ่าน",
    "AA",
    "A",
    "B",
    "C",
    "D",
    "E",
    "F",
)


class ParseError(ValueError):
    """The input is not text at all (e.g. bytes or ``None``), so there is nothing to read."""


@dataclasses.dataclass(frozen=True)
class Conflict:
    """One value printed more than once with different numbers (or names).

    ``field`` says what it is ("indicator 6", "item o13", "IIT", "total", "level",
    "previous_total", "agency"), ``key`` the bare key ("6", "o13", "IIT"…),
    ``values`` every distinct printed value in order of appearance and ``lines``
    every line (1-based) where one of them is printed.
    """

    field: str
    key: str
    values: tuple[float | str, ...]
    lines: tuple[int, ...]

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of a conflict."""
        return {
            "field": self.field,
            "key": self.key,
            "values": list(self.values),
            "lines": list(self.lines),
        }


@dataclasses.dataclass(frozen=True)
class ParsedResult:
    """What was read from the text of a result. All scores lie between 0 and 100."""

    #: Fiscal year (BE) of the RESULTS, not of the plan the document belongs to.
    fiscal_year: int | None = None
    #: The agency, with its type spelled out ("องค์การบริหารส่วนตำบล…" for "อบต.…").
    agency: str | None = None
    #: Indicator number → score, only where every printed occurrence agrees.
    indicators: dict[int, float] = dataclasses.field(default_factory=dict)
    #: Canonical item code ("i1", "o13") → score, only where every occurrence agrees.
    items: dict[str, float] = dataclasses.field(default_factory=dict)
    #: Printed totals: "total", "level", "IIT", "EIT", "OIT" — those found and agreed.
    printed: dict[str, float | str] = dataclasses.field(default_factory=dict)
    conflicts: list[Conflict] = dataclasses.field(default_factory=list)
    #: The previous year's total when the text compares with it (never a current total).
    previous_total: float | None = None
    #: (line number, line) of lines that seem to carry a score that was not understood.
    unread_lines: list[tuple[int, str]] = dataclasses.field(default_factory=list)
    warnings: list[str] = dataclasses.field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready dict; indicator numbers become string keys."""
        return {
            "fiscal_year": self.fiscal_year,
            "agency": self.agency,
            "indicators": {str(n): v for n, v in self.indicators.items()},
            "items": dict(self.items),
            "printed": dict(self.printed),
            "conflicts": [c.as_dict() for c in self.conflicts],
            "previous_total": self.previous_total,
            "unread_lines": [[n, text] for n, text in self.unread_lines],
            "warnings": list(self.warnings),
        }

    def to_json(self, *, indent: int | None = None) -> str:
        """:meth:`as_dict` as JSON text, Thai left readable."""
        return json.dumps(self.as_dict(), ensure_ascii=False, indent=indent)


def parse_result_text(text: str, fiscal_year: int | None = None) -> ParsedResult:
    """Read an ITA result (a bare table or a whole document) from ``text``.

    ``fiscal_year`` (BE), when given, overrides the results year found in the text.
    Item codes are checked against that year's criteria; when the year has no
    criteria file (or none is known) the latest year with items is used and a
    warning says so.

    Never raises for a ``str``; raises :class:`ParseError` when ``text`` is not a
    ``str`` or ``fiscal_year`` is not an ``int``.
    """
    if not isinstance(text, str):
        raise ParseError(f"ข้อมูลที่ส่งมาไม่ใช่ข้อความ ({type(text).__name__})")
    if fiscal_year is not None and (
        not isinstance(fiscal_year, int) or isinstance(fiscal_year, bool)
    ):
        raise ParseError(f"ปีงบประมาณต้องเป็นตัวเลข ไม่ใช่ {fiscal_year!r}")
    if not text.strip():
        return ParsedResult(fiscal_year=fiscal_year, warnings=["ไม่พบข้อความ"])
    try:
        return _Parser(text, fiscal_year).run()
    except Exception as exc:  # pragma: no cover - a safety net, tests assert it never fires
        # A bug must not cost the user the whole import: say so and return nothing read.
        return ParsedResult(
            fiscal_year=fiscal_year,
            warnings=[f"{INTERNAL_ERROR} ({type(exc).__name__})"],
        )


#: Start of the warning given when the parser itself failed (tests look for it).
INTERNAL_ERROR = "เกิดข้อผิดพลาดภายในระหว่างอ่านข้อความ"

# ---------------------------------------------------------------------------
# Patterns. Digits are written [0-9๐-๙] rather than \d, which would also accept
# every other script's digits.
# ---------------------------------------------------------------------------

_D = "[0-9๐-๙]"
#: A score as printed: up to three integer digits, no leading zero (so "๐๑๓", the
#: item code o13 with the letter o typed as a Thai zero, is never a score).
_NUM = (
    r"(?<![0-9๐-๙.,])((?:[1-9๑-๙][0-9๐-๙]{0,2}|[0๐])(?:\.[0-9๐-๙]{1,4})?)"
    r"(?![0-9๐-๙]|\.[0-9๐-๙])"
)
_NUM_RE = re.compile(_NUM)
_DECIMAL = re.compile(r"(?<![0-9๐-๙.,])[0-9๐-๙]{1,3}\.[0-9๐-๙]{1,4}(?![0-9๐-๙]|\.[0-9๐-๙])")
#: Words agencies put between a label and its score ("มีผลคะแนน เท่ากับ", "(IIT) ได้คะแนน").
#: No alternative is a prefix-concatenation of others, so matching never backtracks
#: between them; before a score the run is bounded so that a long run of labels
#: without a score cannot make a search quadratic.
_FILL_TOKEN = (
    r"(?:\s|\*|:|=|-|–|—|\(|\)|มี|ผล|ค่า|คะแนน|เท่ากับ|ได้|รับ|เฉลี่ย|อยู่ที่|คือ"
    r"|การประเมิน|รวม|IIT|EIT|OIT)"
)
_FILL = _FILL_TOKEN + "{0,16}"
_FILL_ONLY = re.compile(_FILL_TOKEN + r"*$")
_INLINE_SCORE = re.compile(_FILL + _NUM)
#: Optional markdown bold around a number, written so that no two quantifiers compete
#: for the same spaces (``\s*\**\s*`` backtracks quadratically on long blanks).
_STARS = r"\s*(?:\*+\s*)?"
#: A cell that is only a score: "๙๙.๒๙", "98.64 คะแนน", "**98.08**".
_SCORE_CELL = re.compile(_STARS + r"(?:คะแนน\s*)?" + _NUM + _STARS + r"(?:(?:คะแนน|%)\s*)?$")
#: A short cell ending in a score after the word คะแนน ("คะแนนเฉลี่ยอยู่ในระดับดีมาก 84.54 คะแนน").
_SCORE_TEXT_CELL = re.compile(
    r"[^0-9๐-๙]{0,60}?คะแนน[^0-9๐-๙*]{0,40}?" + _STARS + _NUM + _STARS + r"(?:คะแนน\s*)?$"
)
_AFTER_INTEGER = re.compile(_STARS + r"(?:คะแนน|%|\)|$)")
_TAG = re.compile(r"<[^<>\n]{0,400}>")
_SPLIT_BEFORE = re.compile(r"ตัวชี้วัดที่\s*[0-9๐-๙]")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")

_IND_PREFIX = re.compile(
    r"\s*(?:[-•·*]\s*)?(?:ตัวชี้วัด(?:ที่)?\s*(" + _D + r"{1,2})(?![0-9๐-๙]|\.[0-9๐-๙])\s*[.:)]?"
    r"|\(?(" + _D + r"{1,2})\s*[.)](?![0-9๐-๙]))?\s*"
)
#: References to OIT sub-indicators ("ตัวชี้วัด ๙.๑, ๙.๒"), which are not scores.
_SUBREF = re.compile(
    r"ตัวชี้วัด(?:ย่อย)?(?:ที่)?\s*" + _D + r"{1,2}\.[0-9๐-๙](?![0-9๐-๙])"
    r"(?:\s*(?:,|และ|หรือ)\s*" + _D + r"{1,2}\.[0-9๐-๙](?![0-9๐-๙]))*"
)
_ITEM = re.compile(
    r"\s*([iIeEoO๐][0-9๐-๙]{1,3})(?![0-9๐-๙]|\.[0-9๐-๙])(?=[\s.:)\-–]|[^\x00-\x7f]|$)"
)
_ITEM_TRAIL = re.compile(r"(?<=\s)\**" + _NUM + _STARS + r"(?:(?:คะแนน|%)\s*)?$")
_TOOL_CODE = r"(?<![A-Za-z])(IIT|EIT|OIT)(?![A-Za-z])"
_TOOL_INLINE = re.compile(_TOOL_CODE + r"\)?[^0-9๐-๙\t]{0,80}?(?:คะแนน|เท่ากับ|ได้)" + _FILL + _NUM)
_TOOL_LABEL = re.compile(r"[^0-9๐-๙]{0,80}?\(?" + _TOOL_CODE + r"\)?\s*(?::\s*)?$")
_TOOL_ANY = re.compile(_TOOL_CODE)
_TOTAL_INLINE = re.compile(
    r"(?:ผลคะแนน(?:เฉลี่ย|รวม)?(?:การประเมิน)?(?:\s*ITA)?|คะแนนรวม(?:ทั้งหมด)?|คะแนนเฉลี่ยรวม"
    r"|คะแนนภาพรวม|คะแนน\s*ITA)" + _FILL + _NUM
)
_TOTAL_LABEL = re.compile(
    r"\s*(?:ผลคะแนนรวม|คะแนนรวม(?:ทั้งหมด)?|คะแนนเฉลี่ยรวม|คะแนนภาพรวม|ภาพรวม|รวม|คะแนน\s*ITA"
    r"|ผลคะแนน\s*ITA)\s*(?::\s*)?$"
)
_LEVEL = re.compile(
    r"(อยู่ในระดับ|ได้ระดับ|ผลการประเมินระดับ|ระดับผลการประเมิน|ระดับ)"
    + _STARS
    + r"(?:\(\s*)?("
    + "|".join(LEVELS)
    + r")(?![A-Za-z])"
)
#: What may follow a Thai level word: the level must end there ("ผ่านเกณฑ์" is no level).
_AFTER_LEVEL = re.compile(r"$|[\s*)(,.;:]|โดย(?!ด่วน)|ดังนี้|และ|ซึ่ง|คะแนน|จาก")
_STATS = re.compile(r"คะแนน(?:สูงสุด|ต่ำสุด|มากที่สุด|น้อยที่สุด)" + _FILL + _NUM)
_PREV_MARK = r"ปี(?:งบประมาณ)?\s*(?:ที่ผ่านมา|ก่อน(?:หน้า)?|ที่แล้ว)"
_PREV_MARK_RE = re.compile(_PREV_MARK)
_YEAR_DIGITS = r"(" + _D + r"{4}|" + _D + r"{2})(?![0-9๐-๙])"
_DIFF = re.compile(
    r"(?:สูงกว่า|ต่ำกว่า|มากกว่า|น้อยกว่า|เพิ่มขึ้น|ลดลง|สูงขึ้น|ต่ำลง)(?:จาก|กว่า)?\s*"
    r"(?:เมื่อเทียบกับ\s*)?" + _PREV_MARK + r"\s*(?:อยู่\s*)?(?:จำนวน\s*)?" + _NUM
)
_DIFF_AFTER = re.compile(
    r"(?:เพิ่มขึ้น|ลดลง|สูงขึ้น|ต่ำลง)\s*(?:จำนวน\s*)?"
    + _NUM
    + r"\s*คะแนน\s*(?:จาก|เมื่อเทียบกับ)\s*"
    + _PREV_MARK
)
_PREV_TOTAL = re.compile(
    _PREV_MARK + r"\s*(?:ซึ่ง\s*)?(?:ได้คะแนน|มีผลคะแนน|มีคะแนน|ได้|คะแนน)\s*(?:เท่ากับ\s*)?" + _NUM
)
_YEAR_SCORE = re.compile(
    r"(?:ปีงบประมาณ|ปี)\s*(?:พ\.\s?ศ\.?\s*)?"
    + _YEAR_DIGITS
    + r"\s*(?:ได้คะแนน|มีผลคะแนน|มีคะแนน|ได้)\s*(?:คะแนน\s*)?(?:เท่ากับ\s*)?"
    + _NUM
)
#: A year as written after ปี / ปีงบประมาณ / พ.ศ. / ITA; two digits mean 25xx.
_YEAR = re.compile(r"(?:ปี(?:\s*งบประมาณ)?|พ\.\s?ศ\.?|ITA)\s*(?:พ\.\s?ศ\.?\s*)?" + _YEAR_DIGITS)
_RESULT_WORD = re.compile(r"ผลการประเมิน|ผลคะแนน|คะแนน(?=\s*ปี)")
_PLAN_TITLE = re.compile(r"ประจำ\s*ปี\s*งบประมาณ\s*(?:พ\.\s?ศ\.?\s*)?" + _YEAR_DIGITS)
#: Only a title counts as the document's own year: look this many lines down at most.
_TITLE_LINES = 15
_PLAN_WORDS = re.compile(r"มาตรการ|การนำผลการประเมิน|แผน|การดำเนินการตาม")
_ANY_DIGITS = re.compile(r"[0-9๐-๙]+")

#: Agency types as printed in full or abbreviated; PDF extraction may split the
#: full form at a word boundary. The name is returned with the full type.
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
_AGENCY_HINTS = ("องค์การ", "เทศบาล", "อบต.", "อบจ.", "ทต.", "ทม.", "ทน.")
#: A run of Thai letters longer than this after the type is a sentence, not a name.
_MAX_NAME = 20
#: Words that end an agency name in a title line (the brief: อำเภอ, ปี, whitespace).
_TITLE_STOPS = ("อำเภอ", "จังหวัด", "ประจำ", "ปี")
#: Words that end it in running text, where the name runs on into the sentence.
_BODY_STOPS = (
    *_TITLE_STOPS,
    "มี",
    "ได้",
    "จึง",
    "ต้อง",
    "ควร",
    "งาน",
    "ของ",
    "และ",
    "ซึ่ง",
    "เป็น",
    "โดย",
    "พบ",
    "กำหนด",
    "ให้",
    "ที่",
    "ใน",
    "ว่า",
    "จะ",
)
_MASK = "\x00"
_INVISIBLE = "\u200b\u200c\u200d\ufeff"

# ---------------------------------------------------------------------------
# Criteria: the indicator names and item codes of the year
# ---------------------------------------------------------------------------


def _load_year(year: int) -> criteria.Framework | None:
    """The criteria of ``year``, or ``None`` when the file is missing or broken.

    Another year's broken file must not stop an import, so every error is caught.
    """
    try:
        return criteria.load(year)
    except Exception:
        return None


def _known_years() -> list[int]:
    try:
        return criteria.available_years()
    except Exception:
        return []


def _latest_with_items() -> criteria.Framework | None:
    for year in reversed(_known_years()):
        framework = _load_year(year)
        if framework is not None and framework.items:
            return framework
    return None


def _compact(text: str) -> str:
    """``text`` without spaces, so names broken by PDF extraction still match."""
    return "".join(ch for ch in text if not ch.isspace() and ch not in _INVISIBLE)


@dataclasses.dataclass(frozen=True)
class _Names:
    """Indicator names (compacted, longest first) → number, and each number's tool."""

    names: tuple[tuple[str, int], ...]
    tools: dict[int, str]
    first_of_tool: frozenset[int]

    @functools.cached_property
    def numbers(self) -> dict[str, int]:
        return dict(self.names)

    @functools.cached_property
    def pattern(self) -> re.Pattern[str] | None:
        """Every name, longest first, with optional spaces between its letters (PDF
        extraction breaks names anywhere: "การปฏิบัติ หน้าที่")."""
        if not self.names:
            return None
        gap = r"[\s\u200b\u200c\u200d\ufeff]*"
        names = (gap.join(re.escape(ch) for ch in name) for name, _ in self.names)
        return re.compile(gap + "(?:" + "|".join(names) + ")")


@functools.lru_cache(maxsize=16)
def _names_for(primary_year: int | None, years: tuple[int, ...]) -> _Names:
    """The names of ``primary_year``'s indicators, then any other year's names and
    aliases it lacks (indicator numbers have not changed since FY2564), so that a
    document using an older name is still read."""
    frameworks: list[criteria.Framework] = []
    if primary_year is not None and (primary := _load_year(primary_year)) is not None:
        frameworks.append(primary)
    for year in reversed(years):
        if year != primary_year and (framework := _load_year(year)) is not None:
            frameworks.append(framework)
    by_name: dict[str, int] = {}
    tools: dict[int, str] = {}
    first: set[int] = set()
    for index, framework in enumerate(frameworks):
        for indicator in framework.indicators:
            tools.setdefault(indicator.number, indicator.tool)
            for name in (indicator.name, *indicator.aliases):
                key = _compact(name)
                if key and key not in by_name:
                    by_name[key] = indicator.number
        if index == 0:
            for tool in criteria.TOOL_ORDER:
                of_tool = framework.indicators_of(tool)
                if of_tool:
                    first.add(of_tool[0].number)
    ordered = tuple(sorted(by_name.items(), key=lambda kv: -len(kv[0])))
    return _Names(names=ordered, tools=tools, first_of_tool=frozenset(first))


# ---------------------------------------------------------------------------
# Internal structures
# ---------------------------------------------------------------------------


def _number(text: str) -> float | None:
    """A printed number, or ``None`` when it is not one."""
    try:
        return parse_number(text)
    except ValueError:
        return None


def _year_value(digits: str) -> int | None:
    """A BE year from four digits, or 25xx from two ("ปี 65"); ``None`` if implausible."""
    value = int(to_arabic_digits(digits))
    if len(digits) == 2:
        return 2500 + value if value >= 40 else None
    return value if 2500 <= value <= 2700 else None


@dataclasses.dataclass
class _Segment:
    """A piece of a line: a cell, or a sentence of a cell. ``mask`` is ``text`` with
    every character already understood replaced by a mask character, so that later
    patterns cannot read the same number twice and what is left can be reported."""

    line: int
    col: int
    text: str
    mask: str = ""

    def __post_init__(self) -> None:
        self.mask = self.text

    def consume(self, start: int, end: int) -> None:
        self.consume_spans([(start, end)])

    def consume_spans(self, spans: list[tuple[int, int]]) -> None:
        """Mask many spans in one pass (one at a time would be quadratic)."""
        if not spans:
            return
        parts: list[str] = []
        last = 0
        for start, end in sorted(spans):
            start = max(start, last)
            if end <= start:
                continue
            parts += [self.mask[last:start], _MASK * (end - start)]
            last = end
        parts.append(self.mask[last:])
        self.mask = "".join(parts)

    def consume_all(self) -> None:
        self.mask = _MASK * len(self.text)

    def value(self, match: re.Match[str], group: int = 1) -> float | None:
        """The score of ``match``'s group, or ``None`` when it is not 0–100."""
        number = _number(self.text[match.start(group) : match.end(group)])
        return number if number is not None and 0 <= number <= 100 else None


@dataclasses.dataclass(frozen=True)
class _Label:
    """A cell that names something whose score is in the next cell."""

    kind: str  # "indicator", "item", "tool" or "total"
    key: str
    #: A warning to give once the score is found (e.g. number and name disagree).
    note: str | None = None


@dataclasses.dataclass(frozen=True)
class _Header:
    """Roles of a table's columns: "score", "tool", "previous" or "other"."""

    roles: tuple[str, ...]

    def role(self, col: int) -> str | None:
        return self.roles[col] if 0 <= col < len(self.roles) else None


class _Observations:
    """Every value read, in order of appearance, with its line."""

    def __init__(self) -> None:
        self.values: dict[tuple[str, str], list[tuple[float | str, int]]] = {}

    def add(self, field: str, key: str, value: float | str, line: int) -> None:
        self.values.setdefault((field, key), []).append((value, line))


# ---------------------------------------------------------------------------
# The parser
# ---------------------------------------------------------------------------


class _Parser:
    """One run over one text; see :func:`parse_result_text`."""

    def __init__(self, text: str, fiscal_year: int | None) -> None:
        # NUL is the mask character, so a NUL in the input is read as a space.
        clean = text.replace(_MASK, " ")
        self.lines = _LINE_BREAK.split(clean)
        self.plain = [self._plain(line) for line in self.lines]
        self.requested_year = fiscal_year
        self.warnings: list[str] = []
        self.obs = _Observations()
        self.unread: dict[int, str] = {}
        self.diffs: list[float] = []
        self.fiscal_year: int | None = None
        self.items_framework: criteria.Framework | None = None
        self.items_fallback_warning: str | None = None
        self.names = _Names((), {}, frozenset())

    @staticmethod
    def _plain(line: str) -> str:
        """A line without HTML tags, entities and markdown bold, for whole-line searches."""
        return html.unescape(_TAG.sub(" ", line)).replace("**", "")

    def warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)

    # -- the whole run -----------------------------------------------------

    def run(self) -> ParsedResult:
        self.fiscal_year = self._fiscal_year()
        self._choose_criteria()
        self._read_lines()
        agency, agency_conflict = self._agency()
        return self._result(agency, agency_conflict)

    # -- fiscal year ---------------------------------------------------------

    def _fiscal_year(self) -> int | None:
        """The results year: the one printed next to ผลการประเมิน / ผลคะแนน most often.

        A year counts only when it is the first number after the word (so "ผลคะแนน
        96.79 … ปีงบประมาณ 2567" is no vote), within the same cell. "คะแนนปี65"
        column headers vote only when no sentence does, because a table may show two
        years side by side.
        """
        if self.requested_year is not None:
            return self.requested_year
        strong: dict[int, int] = {}
        weak: dict[int, int] = {}
        order: dict[int, int] = {}
        for number, line in enumerate(self.plain, 1):
            for match in _RESULT_WORD.finditer(line):
                window = line[match.end() : match.end() + 160].split("\t", 1)[0]
                first_digits = _ANY_DIGITS.search(window)
                year_match = _YEAR.search(window)
                if not first_digits or not year_match:
                    continue
                if year_match.start(1) != first_digits.start():
                    continue
                year = _year_value(year_match.group(1))
                if year is None:
                    continue
                votes = weak if match.group(0).startswith("คะแนน") else strong
                votes[year] = votes.get(year, 0) + 1
                order.setdefault(year, number)
        for votes in (strong, weak):
            if votes:
                return max(votes, key=lambda y: (votes[y], -order[y]))
        return self._plan_year()

    def _plan_year(self) -> int | None:
        """No results year printed: infer it from the title's "ประจำปีงบประมาณ", if any."""
        top = [line for line in self.plain if line.strip()][:_TITLE_LINES]
        for line in top:
            match = _PLAN_TITLE.search(line)
            if match and (year := _year_value(match.group(1))) is not None:
                if _PLAN_WORDS.search("\n".join(top)):
                    # A มาตรการ/plan of year N analyses the results of year N - 1.
                    self.warn(
                        f"ไม่พบปีของผลการประเมินโดยตรง จึงอนุมานจากปีของเอกสาร ({year}) "
                        f"ว่าเป็นผลการประเมินปี {year - 1}"
                    )
                    return year - 1
                self.warn(f"ไม่พบปีของผลการประเมินโดยตรง จึงใช้ปีที่พิมพ์ไว้ในเอกสาร ({year})")
                return year
        self.warn("ไม่พบปีงบประมาณของผลการประเมินในข้อความ")
        return None

    # -- criteria --------------------------------------------------------------

    def _choose_criteria(self) -> None:
        years = tuple(_known_years())
        year = self.fiscal_year
        primary = _load_year(year) if year is not None else None
        latest_items = _latest_with_items()
        if primary is None:
            fallback = latest_items
            if fallback is None:
                for known in reversed(years):
                    if (fallback := _load_year(known)) is not None:
                        break
            if fallback is None:
                self.warn("โหลดเกณฑ์การประเมินไม่ได้ จึงอ่านชื่อตัวชี้วัดและรหัสประเด็นไม่ได้")
                return
            if year is None:
                self.warn(
                    f"ไม่ทราบปีของผลการประเมิน จึงตรวจตัวชี้วัดและประเด็นด้วยเกณฑ์ปี {fallback.fiscal_year}"
                )
            else:
                self.warn(
                    f"ไม่มีเกณฑ์ของปีงบประมาณ {year} จึงตรวจตัวชี้วัดและประเด็นด้วยเกณฑ์ปี "
                    f"{fallback.fiscal_year}"
                )
            primary = fallback
        self.names = _names_for(primary.fiscal_year, years)
        if primary.items:
            self.items_framework = primary
        elif latest_items is not None:
            self.items_framework = latest_items
            self.items_fallback_warning = (
                f"เกณฑ์ปี {primary.fiscal_year} ไม่มีรายการประเด็นการประเมิน "
                f"จึงตรวจรหัสประเด็นด้วยเกณฑ์ปี {latest_items.fiscal_year}"
            )

    # -- lines, cells, segments -------------------------------------------------

    @staticmethod
    def _segments(number: int, line: str) -> list[_Segment]:
        """Cells of a line (tabs and HTML tags), each split before "ตัวชี้วัดที่ N"."""
        segments: list[_Segment] = []
        for col, cell in enumerate(line.split("\t")):
            for piece in _TAG.split(cell):
                if "&" in piece:
                    piece = html.unescape(piece)
                piece = piece.replace("**", "")
                starts = [0, *(m.start() for m in _SPLIT_BEFORE.finditer(piece) if m.start() > 0)]
                for start, end in zip(starts, [*starts[1:], len(piece)], strict=True):
                    sentence = piece[start:end].strip()
                    if sentence:
                        segments.append(_Segment(number, col, sentence))
        return segments

    def _header(self, line: str) -> _Header | None:
        """Column roles when ``line`` is a table header ("ตัวชี้วัด\\tคะแนน…"), else ``None``."""
        cells = [self._plain(cell).strip() for cell in line.split("\t")]
        filled = [c for c in cells if c]
        if len(filled) < 2 or any(_SCORE_CELL.match(c) or _DECIMAL.search(c) for c in filled):
            return None
        if not any(re.search("คะแนน|ตัวชี้วัด|ประเด็นการประเมิน|อันดับ", c) for c in filled):
            return None
        years: list[int | None] = []
        for cell in cells:
            year_match = _YEAR.search(cell) if "คะแนน" in cell else None
            years.append(_year_value(year_match.group(1)) if year_match else None)
        distinct = {y for y in years if y is not None}
        # Only when a table shows this year beside another are the others "previous".
        two_years = len(distinct) > 1 and self.fiscal_year in distinct
        roles: list[str] = []
        for cell, year in zip(cells, years, strict=True):
            if re.search("เครื่องมือ|แบบวัด|IIT|EIT|OIT", cell):
                roles.append("tool")
            elif "คะแนน" in cell or "ผลการประเมิน" in cell:
                previous = two_years and year is not None and year != self.fiscal_year
                roles.append("previous" if previous else "score")
            else:
                roles.append("other")
        return _Header(tuple(roles))

    def _read_lines(self) -> None:
        """Read every line: a header sets the column roles of the rows below it until
        a blank line; each segment is read by itself, and a label takes the score
        cell(s) after it — or, at the end of a line, a lone score on the next line."""
        header: _Header | None = None
        carry: _Label | None = None
        for number, line in enumerate(self.lines, 1):
            if not line.strip():
                header = None
                carry = None
                continue
            new_header = self._header(line)
            if new_header is not None:
                header = new_header
                carry = None
            segments = self._segments(number, line)
            if carry is not None and len(segments) == 1:
                self._take_scores(segments, -1, carry, None)
            carry = None
            index = 0
            while index < len(segments):
                label = self._inline(segments[index])
                if label is None:
                    index += 1
                    continue
                after = self._take_scores(segments, index, label, header)
                if after == index + 1 and index == len(segments) - 1:
                    # The score may be alone on the next line (PDF line breaks).
                    carry = label
                index = after
            self._collect_unread(number, line, segments)

    # -- reading one segment --------------------------------------------------

    def _inline(self, seg: _Segment) -> _Label | None:
        """Read what ``seg`` says by itself; return a label when its score is next door."""
        if _ANY_DIGITS.search(seg.mask):  # most prose cells have none: skip the number patterns
            seg.consume_spans([m.span() for m in _SUBREF.finditer(seg.mask)])
            self._previous_year(seg)
            seg.consume_spans([m.span(1) for m in _YEAR.finditer(seg.mask)])
            seg.consume_spans([m.span() for m in _STATS.finditer(seg.mask)])
        item = _ITEM.match(seg.mask)
        if item is not None:
            return self._item(seg, item)
        is_indicator, label = self._indicator(seg)
        if is_indicator:
            return label
        return self._tool_or_total(seg)

    def _previous_year(self, seg: _Segment) -> None:
        """Consume comparisons with last year; keep last year's total aside."""
        for pattern in (_DIFF, _DIFF_AFTER):
            spans: list[tuple[int, int]] = []
            for match in pattern.finditer(seg.mask):
                if (value := seg.value(match)) is not None:
                    self.diffs.append(value)
                    spans.append(match.span(1))
            seg.consume_spans(spans)
        spans = []
        for match in _PREV_TOTAL.finditer(seg.mask):
            if (value := seg.value(match)) is not None:
                self.obs.add("previous_total", "previous_total", value, seg.line)
                spans.append(match.span(1))
        seg.consume_spans(spans)
        spans = []
        for match in _YEAR_SCORE.finditer(seg.mask):
            year = _year_value(match.group(1))
            value = seg.value(match, 2)
            if year is None or value is None:
                continue
            after_mark = _PREV_MARK_RE.search(seg.mask[max(0, match.start() - 80) : match.start()])
            fy = self.fiscal_year
            if after_mark is not None:
                if fy is not None and year >= fy:
                    self.warn(f"บรรทัด {seg.line}: คะแนนปีก่อนระบุเป็นปี {year} ซึ่งไม่ใช่ปีก่อนหน้าปี {fy}")
                self.obs.add("previous_total", "previous_total", value, seg.line)
            elif fy is not None and year < fy:
                self.obs.add("previous_total", "previous_total", value, seg.line)
            elif fy is not None and year == fy:
                self.obs.add("total", "total", value, seg.line)
            else:
                continue
            spans += [match.span(1), match.span(2)]
        seg.consume_spans(spans)

    def _item(self, seg: _Segment, match: re.Match[str]) -> _Label | None:
        raw = match.group(1)
        rest = seg.mask[match.end() :]
        trail = _ITEM_TRAIL.search(seg.mask, match.end())
        code = self._item_code(raw)
        if code is None:
            if trail is not None or _NUM_RE.search(rest):
                where = f" ปี {self.items_framework.fiscal_year}" if self.items_framework else ""
                self.warn(f"บรรทัด {seg.line}: รหัสประเด็น {raw} ไม่มีในเกณฑ์{where}")
                self.unread.setdefault(seg.line, self.lines[seg.line - 1].rstrip())
            return None
        seg.consume(match.start(1), match.end(1))
        if trail is not None:
            value = seg.value(trail)
            if value is not None:
                self.obs.add(f"item {code}", code, value, seg.line)
                seg.consume(trail.start(1), trail.end(1))
            return None
        return _Label("item", code)

    def _item_code(self, raw: str) -> str | None:
        if self.items_framework is None:
            return None
        if self.items_fallback_warning:
            self.warn(self.items_fallback_warning)
        return self.items_framework.normalise_item_code(raw)

    def _match_name(self, mask: str, start: int) -> tuple[int, int] | None:
        """(indicator number, end offset) of the indicator name at ``start``, spaces ignored."""
        pattern = self.names.pattern
        match = pattern.match(mask, start) if pattern is not None else None
        if match is None:
            return None
        return self.names.numbers[_compact(match.group())], match.end()

    def _indicator(self, seg: _Segment) -> tuple[bool, _Label | None]:
        """Read "ตัวชี้วัดที่ N ชื่อ … คะแนน", "N. ชื่อ 98.64", or a bare name cell.

        The name decides the indicator; the printed number only stands in when no
        name is printed ("ตัวชี้วัดที่ 5\\t87.50"), since the number beside a name
        is often a rank or a list number. The first value is ``False`` when ``seg``
        does not name an indicator.
        """
        prefix = _IND_PREFIX.match(seg.mask)
        if prefix is None:  # pragma: no cover - the pattern matches the empty string
            return False, None
        explicit = prefix.group(1)
        listed = prefix.group(1) or prefix.group(2)
        named = self._match_name(seg.mask, prefix.end())
        note = None
        if named is not None:
            number, end = named
            if listed is not None and int(to_arabic_digits(listed)) != number:
                # Said only if a score is read: measures tables renumber freely.
                note = (
                    f"บรรทัด {seg.line}: เลข {int(to_arabic_digits(listed))} "
                    f"หน้าชื่อตัวชี้วัดที่ {number} ไม่ตรงกัน จึงอ่านตามชื่อ"
                )
        elif explicit is not None and int(to_arabic_digits(explicit)) in self.names.tools:
            number, end = int(to_arabic_digits(explicit)), prefix.end()
        else:
            return False, None
        score = _INLINE_SCORE.match(seg.mask, end)
        if score is not None and self._is_score(seg, score):
            value = seg.value(score)
            if value is not None:
                self._observe(_Label("indicator", str(number), note), value, seg.line)
                seg.consume(score.start(1), score.end(1))
            return True, None
        if _FILL_ONLY.match(seg.mask, end):
            return True, _Label("indicator", str(number), note)
        return True, None

    @staticmethod
    def _is_score(seg: _Segment, match: re.Match[str]) -> bool:
        """A decimal is a score; an integer only when คะแนน or the cell's end follows,
        so that "การใช้อำนาจ 5 ประเด็น" is not read as 5 points."""
        if "." in match.group(1):
            return True
        return _AFTER_INTEGER.match(seg.mask, match.end(1)) is not None

    def _tool_or_total(self, seg: _Segment) -> _Label | None:
        """Read a tool score, a total and a level; return a label for a bare
        "IIT" / "คะแนนรวม" cell whose score is in the next cell."""
        digits = _ANY_DIGITS.search(seg.mask) is not None
        tools = _TOOL_ANY.search(seg.mask) is not None
        spans: list[tuple[int, int]] = []
        for match in _TOOL_INLINE.finditer(seg.mask) if digits and tools else ():
            value = seg.value(match, 2)
            if value is not None:
                self.obs.add(match.group(1), match.group(1), value, seg.line)
                spans.append(match.span(2))
        seg.consume_spans(spans)
        label = None if spans or not tools else _TOOL_LABEL.match(seg.mask)
        if label is not None:
            return _Label("tool", label.group(1))
        # A total printed after an indicator or a tool name belongs to them, not to the
        # agency: find where the first of those starts once, not per match.
        indicator_at = seg.mask.find("ตัวชี้วัด")
        tool_match = _TOOL_ANY.search(seg.mask)
        owner_at = min(
            indicator_at if indicator_at >= 0 else len(seg.mask),
            tool_match.start() if tool_match else len(seg.mask),
        )
        spans = []
        for match in _TOTAL_INLINE.finditer(seg.mask) if digits else ():
            if match.start() > owner_at:
                continue
            if _PREV_MARK_RE.search(seg.mask[max(0, match.start() - 40) : match.start()]):
                continue
            if not self._is_score(seg, match):
                continue
            value = seg.value(match)
            if value is not None:
                self.obs.add("total", "total", value, seg.line)
                spans.append(match.span(1))
        seg.consume_spans(spans)
        has_total = bool(spans)
        for match in _LEVEL.finditer(seg.mask):
            keyword, level = match.group(1), match.group(2)
            if keyword == "ระดับ" and not has_total:
                continue
            if not level.isascii() and not _AFTER_LEVEL.match(seg.mask, match.end()):
                continue
            self.obs.add("level", "level", level, seg.line)
        if len(seg.mask) < 40 and _TOTAL_LABEL.match(seg.mask):
            return _Label("total", "total")
        return None

    # -- a label and the scores after it -------------------------------------------

    def _take_scores(
        self, segments: list[_Segment], index: int, label: _Label, header: _Header | None
    ) -> int:
        """Give ``label`` the score cell(s) right after it; return the next index.

        Column roles come from the table header when there is one. Without one, a
        second score beside the first indicator of a tool is that tool's score (the
        merged "คะแนนรายเครื่องมือ" column); any other extra score is left unread.
        """
        position = index + 1
        got_score = False
        while position < len(segments):
            seg = segments[position]
            match = _SCORE_CELL.match(seg.mask)
            if match is None and not got_score:
                match = _SCORE_TEXT_CELL.match(seg.mask)
            if match is None:
                break
            value = seg.value(match)
            if value is None:
                break
            role = header.role(seg.col) if header is not None else None
            if role == "previous":
                seg.consume_all()
            elif role == "tool" and label.kind == "indicator":
                tool = self.names.tools.get(int(label.key))
                if tool is None:
                    break
                self.obs.add(tool, tool, value, seg.line)
                seg.consume_all()
            elif not got_score:
                self._observe(label, value, seg.line)
                seg.consume_all()
                got_score = True
            elif (
                role is None
                and header is None
                and label.kind == "indicator"
                and int(label.key) in self.names.first_of_tool
            ):
                tool = self.names.tools[int(label.key)]
                self.obs.add(tool, tool, value, seg.line)
                seg.consume_all()
                break
            else:
                break
            position += 1
            if label.kind != "indicator" and got_score:
                break
        return max(position, index + 1)

    def _observe(self, label: _Label, value: float, line: int) -> None:
        if label.note:
            self.warn(label.note)
        if label.kind == "indicator":
            self.obs.add(f"indicator {label.key}", label.key, value, line)
        elif label.kind == "item":
            self.obs.add(f"item {label.key}", label.key, value, line)
        else:
            self.obs.add(label.key, label.key, value, line)

    # -- what was left ------------------------------------------------------------

    def _collect_unread(self, number: int, line: str, segments: list[_Segment]) -> None:
        """Mark the line when a decimal 0–100 is left next to ตัวชี้วัด, an item code,
        คะแนน or a tool, or alone in a cell: it looks like a score nobody read."""
        for seg in segments:
            context = bool(
                re.search("ตัวชี้วัด|คะแนน", seg.mask)
                or _TOOL_ANY.search(seg.mask)
                or _ITEM.match(seg.text)
                or _SCORE_CELL.match(seg.mask)
            )
            if not context:
                continue
            for match in _DECIMAL.finditer(seg.mask):
                value = _number(match.group(0))
                if value is not None and 0 <= value <= 100:
                    self.unread.setdefault(number, line.rstrip())
                    return
            # An indicator or item with a score out of range (e.g. 198.64) is unread too.
            if (_ITEM.match(seg.text) or "ตัวชี้วัด" in seg.mask) and _DECIMAL.search(seg.mask):
                self.unread.setdefault(number, line.rstrip())
                return

    # -- agency ---------------------------------------------------------------

    def _agency(self) -> tuple[str | None, Conflict | None]:
        """The agency of the title (first clean occurrence), and a conflict when the
        body spells the same type of agency with a similar but different name."""
        occurrences: list[tuple[int, str, str]] = []  # line, type, Thai letters after it
        for number, line in enumerate(self.plain, 1):
            if not any(hint in line for hint in _AGENCY_HINTS):
                continue
            for match in _AGENCY.finditer(line):
                kind = next(
                    _AGENCY_TYPES[i][0]
                    for i in range(len(_AGENCY_TYPES))
                    if match.group(f"t{i}") is not None
                )
                occurrences.append((number, kind, match.group("name")))
        if not occurrences:
            return None, None
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
            return None, None
        title_kind, title_name = title
        values: list[str] = [title_kind + title_name]
        lines: list[int] = []
        for number, kind, run in occurrences:
            if kind != title_kind:
                continue
            # Names are short: compare only the start of a long run (speed).
            run = run[: 2 * len(title_name) + 10]
            if _compact(run).startswith(title_name):
                lines.append(number)
                continue
            other = _cut(run, _BODY_STOPS)
            similar = difflib.SequenceMatcher(None, title_name, other).ratio() >= 0.6
            if len(other) >= 2 and similar:
                lines.append(number)
                if kind + other not in values:
                    values.append(kind + other)
        conflict = None
        if len(values) > 1:
            conflict = Conflict("agency", "agency", tuple(values), _unique(lines))
        return title_kind + title_name, conflict

    # -- the result -----------------------------------------------------------------

    def _result(self, agency: str | None, agency_conflict: Conflict | None) -> ParsedResult:
        conflicts: list[tuple[int, Conflict]] = []
        agreed: dict[tuple[str, str], float | str] = {}
        for (field, key), seen in self.obs.values.items():
            distinct: list[float | str] = []
            for value, _ in seen:
                if value not in distinct:
                    distinct.append(value)
            if len(distinct) == 1:
                agreed[(field, key)] = distinct[0]
            else:
                lines = _unique(line for _, line in seen)
                conflicts.append((lines[0], Conflict(field, key, tuple(distinct), lines)))
        if agency_conflict is not None:
            conflicts.append((agency_conflict.lines[0], agency_conflict))
        conflicts.sort(key=lambda pair: pair[0])

        indicators: dict[int, float] = {}
        items: dict[str, float] = {}
        printed: dict[str, float | str] = {}
        previous: float | None = None
        for (field, key), value in agreed.items():
            if field.startswith("indicator ") and isinstance(value, float):
                indicators[int(key)] = value
            elif field.startswith("item ") and isinstance(value, float):
                items[key] = value
            elif field == "previous_total" and isinstance(value, float):
                previous = value
        for key in PRINTED_KEYS:
            if (key, key) in agreed:
                printed[key] = agreed[(key, key)]

        total = printed.get("total")
        if isinstance(total, float) and previous is not None:
            self._check_difference(total, previous)
        if (
            not indicators
            and not items
            and not any(c.field.startswith(("indicator", "item")) for _, c in conflicts)
        ):
            self.warn("ไม่พบคะแนนรายตัวชี้วัดหรือรายประเด็นการประเมินในข้อความ")
        return ParsedResult(
            fiscal_year=self.fiscal_year,
            agency=agency,
            indicators=dict(sorted(indicators.items())),
            items=dict(sorted(items.items(), key=lambda kv: _item_order(kv[0]))),
            printed=printed,
            conflicts=[c for _, c in conflicts],
            previous_total=previous,
            unread_lines=sorted(self.unread.items()),
            warnings=list(self.warnings),
        )

    def _check_difference(self, total: float, previous: float) -> None:
        """Warn when the printed change from last year is not total − last year's total."""
        if self.diffs and all(abs(abs(total - previous) - d) > 0.011 for d in self.diffs):
            shown = ", ".join(f"{d:.2f}" for d in self.diffs)
            self.warn(
                f"ผลต่างจากปีก่อนที่พิมพ์ไว้ ({shown}) ไม่เท่ากับคะแนนรวม {total:.2f} "
                f"ลบคะแนนปีก่อน {previous:.2f}"
            )


def _cut(run: str, stops: tuple[str, ...]) -> str:
    """``run`` up to the first stop word after its first two letters."""
    end = len(run)
    for stop in stops:
        position = run.find(stop, 2)
        if position != -1:
            end = min(end, position)
    return run[:end]


def _unique(values: Iterable[int]) -> tuple[int, ...]:
    """Distinct values in order of first appearance."""
    seen: list[int] = []
    for value in values:
        if value not in seen:
            seen.append(value)
    return tuple(seen)


def _item_order(code: str) -> tuple[int, int]:
    """i1…i15, then e1…, then o1…, each by number."""
    return ("ieo".find(code[:1]), int(code[1:]) if code[1:].isdigit() else 0)


__all__: list[str] = [
    "INTERNAL_ERROR",
    "LEVELS",
    "PRINTED_KEYS",
    "Conflict",
    "ParseError",
    "ParsedResult",
    "parse_result_text",
]
