"""Tables of measures as text extraction leaves them, read into records by column role.

Agencies' o27 and o28 tables differ in column order, headers, merged cells and
page breaks. This module reads them all the same way:

* a table is tab-separated lines (cells may hold ``<p>`` paragraphs), an HTML
  ``<table>`` (``rowspan``/``colspan`` unfolded) or a ``| … |`` text table;
* its header row is recognised by the words of its cells (:data:`ROLE_WORDS`), not
  by position; a header written on two lines (a group cell over numbered
  sub-columns) is merged; a header repeated on every page is read again;
* a row whose key cell (the indicator, else the first column) is empty continues the
  row before it (a page break); a row that names an indicator but leaves the
  measure cells empty shares the measure of the row before it (a merged cell);
* section rows (``แบบวัด IIT``) and rules (``-----``) are skipped.

:func:`read_tables` gives :class:`Record` objects — the cells of one measure row by
role — for the readers of :mod:`~itaplan.domain.readers.measures` and
:mod:`~itaplan.domain.readers.progress` to interpret.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from itaplan.domain.readers.segments import compact
from itaplan.domain.thai import to_arabic_digits

#: Column roles and the header words that name them, checked in this order: the
#: first role whose word is in a header cell wins ("แนวทางการกำกับติดตาม" is
#: monitoring although it says แนวทาง; "ผลการวิเคราะห์ตัวชี้วัด" is analysis).
ROLE_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("progress", ("ความก้าวหน้า", "ผลการดำเนินการ", "ผลการดำเนินงาน", "ผลการปฏิบัติ")),
    ("monitoring", ("ติดตาม", "กำกับ", "รายงานผล", "ตัวชี้วัดความสำเร็จ")),
    ("period", ("ระยะเวลา", "แล้วเสร็จ", "ช่วงเวลา", "กำหนดเวลา", "ห้วงเวลา", "ปีงบประมาณ")),
    ("budget", ("งบประมาณ(บาท)", "งบประมาณ", "แหล่งงบ")),
    ("units", ("รับผิดชอบ", "หน่วยงานที่เกี่ยวข้อง")),
    ("steps", ("ขั้นตอน", "วิธีการ", "วิธีปฏิบัติ", "แนวทางการดำเนิน", "การดำเนินการ")),
    ("analysis", ("วิเคราะห์", "ข้อบกพร่อง", "จุดอ่อน", "ประเด็น", "สภาพปัญหา")),
    ("measure", ("มาตรการ", "โครงการ", "กิจกรรม", "แนวทาง")),
    ("score", ("คะแนน", "ผลการประเมิน")),
    ("indicator", ("ตัวชี้วัด",)),
    ("target", ("เป้าหมาย",)),
    ("remarks", ("หมายเหตุ",)),
)
#: Header cells that are only a row number.
_NUMBER_HEADERS = ("ที่", "ลำดับ", "ลำดับที่", "ข้อ", "no.")
#: A header cell is short; a data cell that happens to say ขั้นตอน is not.
_HEADER_CELL_MAX = 120
#: Roles that make a row a measure (the rest describe it or its indicator).
CONTENT_ROLES = ("measure", "steps", "period", "units", "progress")

_TAG = re.compile(r"<[^>]+>")
_PARAGRAPH_END = re.compile(r"</p\s*>|<br\s*/?>|</li\s*>", re.IGNORECASE)
_RULE = re.compile(r"^[\s\-=_|:+]*$")
_HTML_TABLE = re.compile(r"<table\b.*?</table\s*>", re.IGNORECASE | re.DOTALL)
_HTML_ROW = re.compile(r"<tr\b[^>]*>(.*?)(?=<tr\b|</table|$)", re.IGNORECASE | re.DOTALL)
_HTML_CELL = re.compile(r"<t([dh])\b([^>]*)>(.*?)(?=<t[dh]\b|</tr|$)", re.IGNORECASE | re.DOTALL)
_SPAN = re.compile(r"(row|col)span\s*=\s*[\"']?(\d+)", re.IGNORECASE)


def paragraphs(cell: str) -> list[str]:
    """A cell's paragraphs without markup, each with single spaces."""
    parts = _PARAGRAPH_END.split(cell)
    cleaned = [" ".join(html.unescape(_TAG.sub(" ", p)).split()) for p in parts]
    return [p for p in cleaned if p]


def clean(cell: str) -> str:
    """A cell's text without markup, its whitespace made single spaces."""
    return " ".join(paragraphs(cell))


def role_of(cell: str) -> str | None:
    """The column role a header cell names, if any."""
    text = compact(clean(cell))
    if not text or len(text) > _HEADER_CELL_MAX:
        return None
    if text.lower() in _NUMBER_HEADERS:
        return "number"
    for role, words in ROLE_WORDS:
        if any(word in text for word in words):
            return role
    return None


# --- from text to rows of cells ---------------------------------------------------------


def _html_rows(block: str) -> list[list[str]]:
    """Rows of an HTML table with ``rowspan``/``colspan`` unfolded into empty cells, so that
    every cell keeps its column (a merged cell's text stays in its first row)."""
    rows: list[list[str]] = []
    carried: dict[int, int] = {}  # column → rows still covered by a rowspan above
    for row_match in _HTML_ROW.finditer(block):
        row: list[str] = []
        for cell in _HTML_CELL.finditer(row_match.group(1)):
            _fill_carried(row, carried)
            spans = {kind.lower(): int(n) for kind, n in _SPAN.findall(cell.group(2))}
            text = re.sub(r"</t[dh]\s*>", "", cell.group(3), flags=re.IGNORECASE)
            width = max(1, min(spans.get("col", 1), 50))
            height = max(1, min(spans.get("row", 1), 500))
            for offset in range(width):
                if height > 1:
                    carried[len(row)] = height - 1
                row.append(text if offset == 0 else "")
        _fill_carried(row, carried)
        if any(clean(c) for c in row):
            rows.append(row)
    return rows


def _fill_carried(row: list[str], carried: dict[int, int]) -> None:
    """Empty cells where a rowspan from a row above covers the next columns."""
    while carried.get(len(row), 0) > 0:
        carried[len(row)] -= 1
        row.append("")


def _pipe_cells(line: str) -> list[str] | None:
    stripped = line.strip()
    if len(stripped) > 1 and stripped.startswith("|") and stripped.endswith("|"):
        return stripped[1:-1].split("|")
    return None


def table_lines(text: str) -> Iterator[tuple[int, list[str] | None]]:
    """(line number, cells) of each line; cells ``None`` for a line that is not a table row.

    HTML tables (without tabs) become one row per ``<tr>``, numbered by the line they
    start on. Blank lines give an empty list: they do not end a table.
    """

    def expand(match: re.Match[str]) -> str:
        if "\t" in match.group(0):
            return match.group(0)
        rows = _html_rows(match.group(0))
        newlines = match.group(0).count("\n")
        body = "\n".join(
            "\t".join(c.replace("\n", " ").replace("\t", " ") for c in r) for r in rows
        )
        return body + "\n" * max(0, newlines - body.count("\n"))

    expanded = _HTML_TABLE.sub(expand, text)
    for number, line in enumerate(expanded.splitlines(), start=1):
        if not line.strip():
            yield number, []
            continue
        piped = _pipe_cells(line)
        if piped is not None and len(piped) > 1:
            yield number, [] if _RULE.match(line) else piped
            continue
        if "\t" in line:
            yield number, line.split("\t")
        else:
            yield number, None


# --- headers and records -----------------------------------------------------------------


@dataclass
class Header:
    """The role of each column of a table."""

    roles: dict[int, str]

    @property
    def key(self) -> int:
        """The column whose cell starts a new row: the indicator, else the first one."""
        for col, role in sorted(self.roles.items()):
            if role == "indicator":
                return col
        return min(self.roles)

    def has(self, role: str) -> bool:
        return role in self.roles.values()


def _roles(cells: list[str]) -> dict[int, str]:
    return {col: role for col, cell in enumerate(cells) if (role := role_of(cell))}


def _is_header_like(cells: list[str]) -> bool:
    """Every filled cell names a role (a header holds no data), and at least two do."""
    filled = [col for col, cell in enumerate(cells) if clean(cell)]
    roles = _roles(cells)
    return len(roles) >= 2 and all(col in roles for col in filled)


def header_of(cells: list[str], below: list[str] | None = None) -> tuple[Header, bool] | None:
    """The header these cells make with the line below, if it is a header too (a group
    cell such as "การนำผลไปสู่การปฏิบัติ" over sub-columns; the sub-columns' names win),
    and whether the line below was used. A header names at least three roles."""
    roles = _roles(cells)
    filled = [col for col, cell in enumerate(cells) if clean(cell)]
    group_cells = len([col for col in filled if col not in roles])
    below_is_header = bool(below) and _is_header_like(below or [])
    if not _is_header_like(cells) and not (
        below_is_header and len(roles) >= 2 and group_cells <= 1
    ):
        return None
    if below_is_header:
        roles = {**roles, **_roles(below or [])}
    if len(set(roles.values())) < 3:
        return None
    return Header(roles), below_is_header


@dataclass
class Record:
    """One measure row of a table: its cells' text by role, continuations appended."""

    line: int
    cells: dict[str, list[str]] = field(default_factory=dict)
    #: The key cells of rows that share this row's measure (merged cells).
    shared_keys: list[str] = field(default_factory=list)
    #: The table has a column for the indicator (else the measure cell names it).
    has_indicator_column: bool = True

    def text(self, role: str) -> str:
        """The role's text, continuation cells joined by a space."""
        return " ".join(t for t in (clean(c) for c in self.cells.get(role, [])) if t)

    def raw(self, role: str) -> list[str]:
        """The role's cells as printed (markup kept), for readers that split paragraphs."""
        return list(self.cells.get(role, []))

    def add(self, role: str, cell: str) -> None:
        text = clean(cell)
        if not text:
            return
        known = compact(self.text(role))
        if compact(text) in known:  # a fragment printed again after a page break
            return
        self.cells.setdefault(role, []).append(cell)


def _row_cells(header: Header, cells: list[str]) -> dict[str, list[str]]:
    by_role: dict[str, list[str]] = {}
    for col, cell in enumerate(cells):
        role = header.roles.get(col)
        if role is not None and clean(cell):
            by_role.setdefault(role, []).append(cell)
    return by_role


def read_tables(
    text: str,
    required: tuple[str, ...],
    *,
    any_of: tuple[str, ...] = (),
    skip: tuple[str, ...] = (),
) -> list[Record]:
    """The measure rows of every table whose header names the ``required`` roles and
    one of ``any_of`` (when given).

    Tables whose header names a role in ``skip`` are passed over (an o28 table,
    which has a progress column, is not an o27 table).
    """
    records: list[Record] = []
    header: Header | None = None
    skipping = False
    pending: list[str] = []  # key cells of merged rows seen before their measure
    table_start = 0  # records before this index belong to earlier tables
    lines = list(table_lines(text))
    index = 0
    while index < len(lines):
        number, cells = lines[index]
        index += 1
        if cells is None:  # prose ends a table
            header, skipping = None, False
            pending.clear()
            continue
        if not cells or all(_RULE.match(clean(c) or "-") for c in cells):
            continue
        nxt = lines[index][1] if index < len(lines) else None
        headed = header_of(cells, nxt)
        if headed is not None:
            found, used = headed
            index += 1 if used else 0
            named = set(found.roles.values())
            if set(required) <= named and (not any_of or named & set(any_of)):
                if header is None:
                    table_start = len(records)
                header = found
                skipping = bool(named & set(skip))
                pending.clear()
            continue
        if header is None or skipping:
            continue
        by_role = _row_cells(header, cells)
        if not by_role:
            continue
        key = clean(cells[header.key]) if header.key < len(cells) else ""
        content = any(role in by_role for role in CONTENT_ROLES)
        in_table = len(records) > table_start
        if not content and len(by_role) == 1 and _is_section(key):
            continue  # a section row: "แบบวัด IIT" across the table
        if not key:  # a page break inside the row above
            if in_table:
                for role, texts in by_role.items():
                    for cell in texts:
                        records[-1].add(role, cell)
            continue
        # Merged measure cells: left empty below their first row (PDF text), or repeated
        # in every row they cover (a .docx read cell by cell). Either way this indicator
        # shares the measure of the row above.
        if content and in_table and not pending and _same_measure(records[-1], by_role):
            records[-1].shared_keys.append(key)
            continue
        if not content:
            if in_table and not pending and records[-1].has_indicator_column:
                records[-1].shared_keys.append(key)
                for cell in by_role.get("analysis", []):
                    records[-1].add("analysis", cell)
            else:
                pending.append(key)
            continue
        record = Record(line=number, has_indicator_column=header.has("indicator"))
        for role, texts in by_role.items():
            for cell in texts:
                record.add(role, cell)
        record.shared_keys.extend(pending)
        pending.clear()
        records.append(record)
    return records


def _same_measure(record: Record, by_role: dict[str, list[str]]) -> bool:
    """Whether a row repeats the measure cells of ``record`` word for word."""
    if not record.has_indicator_column:
        return False
    return all(
        compact(" ".join(clean(c) for c in by_role.get(role, []))) == compact(record.text(role))
        for role in CONTENT_ROLES
    )


def _is_section(key: str) -> bool:
    """A row that only names a part of the table (``แบบวัด IIT``), not an indicator."""
    return bool(key) and leading_number(key)[0] is None and not compact(key).startswith("ตัวชี้วัด")


def role_cells(record: Record, roles: Mapping[str, str]) -> dict[str, str]:
    """The text of several roles at once, under the names the caller uses."""
    return {name: record.text(role) for name, role in roles.items()}


def leading_number(text: str) -> tuple[int | None, str]:
    """``"๖. การป้องกัน…"`` → (6, ``"การป้องกัน…"``); (None, text) when unnumbered."""
    match = re.match(r"^\s*\(?([๐-๙0-9]{1,2})\s*[.)]\s*", text)
    if match is None:
        return None, text
    return int(to_arabic_digits(match.group(1))), text[match.end() :]
