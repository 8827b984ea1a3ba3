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

Each shape of text is read by a small reader of its own in
:mod:`itaplan.domain.readers` (tables, indicators, items, sentences, history,
agency…); this module only composes them over the lines of a text and decides, at
the end, which values agree and which conflict.

The parser is pure Python (no Django) and never raises on a ``str``: an empty text
gives a result with the warning "ไม่พบข้อความ". Only input that is not text at all
raises :class:`ParseError`.
"""

from __future__ import annotations

import dataclasses
import functools
import json
from collections.abc import Iterable
from typing import Any

from itaplan.domain.messages import said
from itaplan.domain.readers import agency as agency_reader
from itaplan.domain.readers import english, history_table, names, repair, tables, years
from itaplan.domain.readers.announcements import ITA_WORDS
from itaplan.domain.readers.history import latest_year_scored, read_previous_year
from itaplan.domain.readers.indicators import SUBREF, read_indicator
from itaplan.domain.readers.items import ITEM, read_item
from itaplan.domain.readers.leftovers import mark_unread
from itaplan.domain.readers.reading import Label, Reading, YearFigure
from itaplan.domain.readers.scores import ANY_DIGITS, LEVELS, WORD_LEVELS, YEAR
from itaplan.domain.readers.segments import LINE_BREAK, MASK, Segment, plain, split
from itaplan.domain.readers.sentences import STATS, read_tool_or_total

# ---------------------------------------------------------------------------
# Public types
# ---------------------------------------------------------------------------

#: Keys of :attr:`ParsedResult.printed`, in the order they are reported.
PRINTED_KEYS = ("total", "level", "IIT", "EIT", "OIT")


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
class HistoryEntry:
    """The result of one fiscal year as the text prints it (a history table, or a
    sentence about another year); ``total`` or ``level`` is ``None`` when not printed."""

    fiscal_year: int
    total: float | None = None
    level: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"fiscal_year": self.fiscal_year, "total": self.total, "level": self.level}


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
    #: Every year's result the text prints, oldest first (the current year included).
    history: list[HistoryEntry] = dataclasses.field(default_factory=list)
    #: Things read that the user should know but that are no problem (Thai).
    notes: list[str] = dataclasses.field(default_factory=list)

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
            "history": [h.as_dict() for h in self.history],
            "notes": list(self.notes),
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
# The parser: the readers composed over the lines of one text
# ---------------------------------------------------------------------------


class _Parser:
    """One run over one text; see :func:`parse_result_text`."""

    def __init__(self, text: str, fiscal_year: int | None) -> None:
        # NUL is the mask character, so a NUL in the input is read as a space.
        given = text.replace(MASK, " ")
        clean, mended = repair.repair(given, _keywords())
        lines = LINE_BREAK.split(clean)
        self.plain = [plain(line) for line in lines]
        self.requested_year = fiscal_year
        self.reading = Reading(lines=lines, given=LINE_BREAK.split(given))
        if mended:
            self.reading.note(
                said("ข้อความมีอักษรไทยเสียหายจากการแปลงไฟล์ PDF จึงอ่านคำที่ใช้หาคะแนนแบบยืดหยุ่น")
            )
        self.about_ita = ITA_WORDS.search(clean) is not None
        self.history_rows = history_table.scan(lines)
        self.english = [
            s for n, line in enumerate(self.plain, 1) for s in english.read_english(n, line)
        ]
        self.year_conflict: Conflict | None = None

    def run(self) -> ParsedResult:
        reading = self.reading
        reading.fiscal_year = self._fiscal_year()
        self._choose_criteria()
        self._read_history_and_english()
        self._read_lines()
        name, spellings, lines = agency_reader.read_agency(self.plain)
        conflict = Conflict("agency", "agency", spellings, lines) if len(spellings) > 1 else None
        return self._result(name, conflict)

    # -- fiscal year and criteria ------------------------------------------------

    def _fiscal_year(self) -> int | None:
        """The year asked for; else the year printed for the results (two different ones
        are a conflict); else an English sentence's year; else the latest year of a
        history table or of a sentence giving a year its score; else the title's year."""
        votes = years.votes(self.plain)
        self._year_conflict(votes)
        if self.requested_year is not None:
            return self.requested_year
        year = votes.winner()
        if year is not None:
            return year
        english_years = [s.fiscal_year for s in self.english if s.fiscal_year and not s.last_year]
        if english_years:
            return max(set(english_years), key=english_years.count)
        if self.history_rows:
            return max(row.fiscal_year for row in self.history_rows)
        if (scored := latest_year_scored(self.plain)) is not None:
            return scored
        year, warning = years.plan_year(self.plain)
        self.reading.warn(warning)
        return year

    def _year_conflict(self, votes: years.YearVotes) -> None:
        """Two years printed for the result itself are a slip, unless each has its own
        total (a history): see :func:`_year_slip`."""
        if len(votes.result) >= 2:
            lines = _unique(sorted(n for ls in votes.result.values() for n in ls))
            self.year_conflict = Conflict(
                "fiscal_year", "fiscal_year", tuple(sorted(votes.result)), lines
            )

    def _choose_criteria(self) -> None:
        reading = self.reading
        known = tuple(names.known_years())
        year = reading.fiscal_year
        primary = names.load_year(year) if year is not None else None
        if primary is None:
            fallback = names.nearest_with_items(None)
            if fallback is None:
                for candidate in reversed(known):
                    if (fallback := names.load_year(candidate)) is not None:
                        break
            if fallback is None:
                reading.warn(said("โหลดเกณฑ์การประเมินไม่ได้ จึงอ่านชื่อตัวชี้วัดและรหัสประเด็นไม่ได้"))
                return
            if year is None:
                reading.warn(
                    said(
                        "ไม่ทราบปีของผลการประเมิน จึงตรวจตัวชี้วัดและประเด็นด้วยเกณฑ์ปี %(year)s",
                        year=fallback.fiscal_year,
                    )
                )
            else:
                reading.warn(
                    said(
                        "ไม่มีเกณฑ์ของปีงบประมาณ %(year)s จึงตรวจตัวชี้วัดและประเด็นด้วยเกณฑ์ปี %(fallback)s",
                        year=year,
                        fallback=fallback.fiscal_year,
                    )
                )
            primary = fallback
        reading.names = names.names_for(primary.fiscal_year, known)
        if primary.items:
            reading.items_framework = primary
        elif (nearest := names.nearest_with_items(primary.fiscal_year)) is not None:
            reading.items_framework = nearest
            reading.items_fallback_warning = said(
                "เกณฑ์ปี %(year)s ไม่มีรายการประเด็นการประเมิน จึงตรวจรหัสประเด็นด้วยเกณฑ์ปี %(nearest)s",
                year=primary.fiscal_year,
                nearest=nearest.fiscal_year,
            )

    # -- lines ------------------------------------------------------------------

    def _read_lines(self) -> None:
        """Read every line: a header sets the column roles of the rows below it until
        a blank line; each segment is read by itself, and a label takes the score
        cell(s) after it — or, at the end of a line, a lone score on the next line."""
        reading = self.reading
        header: tables.Header | None = None
        carry: Label | None = None
        history_lines = {row.line for row in self.history_rows}
        for number, line in enumerate(reading.lines, 1):
            if not line.strip():
                header = None
                carry = None
                continue
            if number in history_lines:
                continue
            new_header = tables.read_header(line, reading.fiscal_year)
            if new_header is not None:
                header = new_header
                carry = None
                if header.agencies >= 2:
                    reading.warn(
                        said(
                            "บรรทัด %(line)s: ตารางแสดงคะแนนของ %(agencies)s หน่วยงาน "
                            "คอลัมน์ละหนึ่งหน่วยงาน จึงไม่ได้อ่านเป็นผลของหน่วยงานเดียว",
                            line=number,
                            agencies=header.agencies,
                        )
                    )
                continue
            if header is not None and header.agencies >= 2:
                continue
            segments = split(number, line)
            if carry is not None and len(segments) == 1:
                tables.take_scores(reading, segments, -1, carry, None)
            carry = None
            index = 0
            while index < len(segments):
                label = self._inline(segments[index])
                if label is None:
                    index += 1
                    continue
                after = tables.take_scores(reading, segments, index, label, header)
                if after == index + 1 and index == len(segments) - 1:
                    # The score may be alone on the next line (PDF line breaks).
                    carry = label
                index = after
            mark_unread(reading, number, segments)

    def _inline(self, seg: Segment) -> Label | None:
        """Read what ``seg`` says by itself; return a label when its score is next door."""
        reading = self.reading
        if ANY_DIGITS.search(seg.mask):  # most prose cells have none: skip the number patterns
            seg.consume_spans([m.span() for m in SUBREF.finditer(seg.mask)])
            read_previous_year(reading, seg)
            seg.consume_spans([m.span(1) for m in YEAR.finditer(seg.mask)])
            seg.consume_spans([m.span() for m in STATS.finditer(seg.mask)])
        item = ITEM.match(seg.mask)
        if item is not None:
            return read_item(reading, seg, item)
        is_indicator, label = read_indicator(reading, seg)
        if is_indicator:
            return label
        return read_tool_or_total(reading, seg, about_ita=self.about_ita)

    def _read_history_and_english(self) -> None:
        """History rows and English statements go to their years (the current year's
        to the result itself)."""
        reading = self.reading
        fy = reading.fiscal_year
        for row in self.history_rows:
            reading.see_year(row.fiscal_year, "total", row.total, row.line)
            if row.level is not None:
                reading.see_year(row.fiscal_year, "level", row.level, row.line)
        for statement in self.english:
            year = statement.fiscal_year
            if statement.last_year:
                if statement.total is not None and fy is not None:
                    reading.see("previous_total", "previous_total", statement.total, statement.line)
                    reading.see_year(fy - 1, "total", statement.total, statement.line)
                continue
            if year is not None and year != fy:
                for kind, value in (("total", statement.total), ("level", statement.level)):
                    if value is not None:
                        reading.see_year(year, kind, value, statement.line)
                continue
            if statement.total is not None:
                reading.see("total", "total", statement.total, statement.line)
            if statement.level is not None:
                reading.see("level", "level", statement.level, statement.line)

    # -- the result -----------------------------------------------------------------

    def _result(self, agency: str | None, agency_conflict: Conflict | None) -> ParsedResult:
        reading = self.reading
        conflicts: list[tuple[int, Conflict]] = []
        agreed: dict[tuple[str, str], float | str] = {}
        for (field, key), seen in reading.seen.items():
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
        history, history_conflicts = _history(reading.years, reading.fiscal_year, reading.seen)
        conflicts += [(c.lines[0], c) for c in history_conflicts]
        fiscal_year = reading.fiscal_year
        if self.year_conflict is not None and _year_slip(self.year_conflict, history):
            conflicts.append((self.year_conflict.lines[0], self.year_conflict))
            if self.requested_year is None:
                fiscal_year = None  # never a silent pick: the user chooses the year
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
        conflicting = {c.field for _, c in conflicts}
        for entry in history:
            if entry.fiscal_year == reading.fiscal_year:
                figures: tuple[tuple[str, float | str | None], ...] = (
                    ("total", entry.total),
                    ("level", entry.level),
                )
                for key, figure in figures:
                    if figure is not None and key not in printed and key not in conflicting:
                        printed[key] = figure
            elif (
                reading.fiscal_year is not None
                and entry.fiscal_year == reading.fiscal_year - 1
                and previous is None
                and entry.total is not None
                and "previous_total" not in conflicting
            ):
                previous = entry.total

        total = printed.get("total")
        if isinstance(total, float) and previous is not None:
            self._check_difference(total, previous)
        if (
            not indicators
            and not items
            and not any(c.field.startswith(("indicator", "item")) for _, c in conflicts)
        ):
            reading.warn(said("ไม่พบคะแนนรายตัวชี้วัดหรือรายประเด็นการประเมินในข้อความ"))
        return ParsedResult(
            fiscal_year=fiscal_year,
            agency=agency,
            indicators=dict(sorted(indicators.items())),
            items=dict(sorted(items.items(), key=lambda kv: _item_order(kv[0]))),
            printed=printed,
            conflicts=[c for _, c in conflicts],
            previous_total=previous,
            unread_lines=sorted(reading.unread.items()),
            warnings=list(reading.warnings),
            history=history,
            notes=list(reading.notes),
        )

    def _check_difference(self, total: float, previous: float) -> None:
        """Warn when the printed change from last year is not total − last year's total."""
        diffs = self.reading.diffs
        if diffs and all(abs(abs(total - previous) - d) > 0.011 for d in diffs):
            shown = ", ".join(f"{d:.2f}" for d in diffs)
            self.reading.warn(
                said(
                    "ผลต่างจากปีก่อนที่พิมพ์ไว้ (%(shown)s) ไม่เท่ากับคะแนนรวม %(total).2f "
                    "ลบคะแนนปีก่อน %(previous).2f",
                    shown=shown,
                    total=total,
                    previous=previous,
                )
            )


def _history(
    figures: list[YearFigure],
    fiscal_year: int | None,
    seen: dict[tuple[str, str], list[tuple[float | str, int]]],
) -> tuple[list[HistoryEntry], list[Conflict]]:
    """Each year's total and level, oldest first; a year printed with two different
    totals (or levels) is a conflict. The current year's own figures join its entry
    when the text also prints other years."""
    by_year: dict[int, dict[str, list[tuple[float | str, int]]]] = {}
    for figure in figures:
        by_year.setdefault(figure.fiscal_year, {}).setdefault(figure.kind, []).append(
            (figure.value, figure.line)
        )
    if not by_year:
        return [], []
    if fiscal_year is not None:
        for kind in ("total", "level"):
            for value, line in seen.get((kind, kind), []):
                by_year.setdefault(fiscal_year, {}).setdefault(kind, []).append((value, line))
    entries: list[HistoryEntry] = []
    conflicts: list[Conflict] = []
    for year in sorted(by_year):
        chosen: dict[str, float | str | None] = {"total": None, "level": None}
        for kind, values in by_year[year].items():
            distinct = list(dict.fromkeys(value for value, _ in values))
            if len(distinct) == 1:
                chosen[kind] = distinct[0]
            elif year != fiscal_year:  # the current year's conflict is reported already
                lines = _unique(line for _, line in values)
                conflicts.append(Conflict(f"{kind} {year}", str(year), tuple(distinct), lines))
        total, level = chosen["total"], chosen["level"]
        entries.append(
            HistoryEntry(
                year,
                float(total) if isinstance(total, float) else None,
                level if isinstance(level, str) else None,
            )
        )
    return entries, conflicts


def _year_slip(conflict: Conflict, history: list[HistoryEntry]) -> bool:
    """Whether the years of ``conflict`` name one result: some year has no total of
    its own, or two of them the same total."""
    totals = {entry.fiscal_year: entry.total for entry in history}
    own = [totals.get(int(year)) for year in conflict.values]
    return None in own or len(set(own)) < len(own)


@functools.cache
def _keywords() -> tuple[str, ...]:
    """Indicator names of every year and the word levels, for mending broken Thai."""
    words: set[str] = set(WORD_LEVELS)
    for year in names.known_years():
        framework = names.load_year(year)
        if framework is not None:
            for indicator in framework.indicators:
                words.update((indicator.name, *indicator.aliases))
    return tuple(sorted(words))


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
    "HistoryEntry",
    "ParseError",
    "ParsedResult",
    "parse_result_text",
]
