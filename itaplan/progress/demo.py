"""Reading a published progress report (like seed 002) into measures and progress.

The table of such a report has five columns — ตัวชี้วัด / มาตรการ/แนวทาง /
ขั้นตอน/วิธีปฏิบัติ / ผู้รับผิดชอบ / ความก้าวหน้า/ผลการดำเนินการ — as tab-separated
lines whose cells may hold HTML paragraphs. Section rows (``แบบวัด IIT``) and the
repeated header are skipped. The agency's own words are kept; only whitespace
and markup are cleaned.

Plain Python: no Django, so it is tested in milliseconds.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from itaplan.domain.thai import to_arabic_digits

_ROW_NUMBER = re.compile(r"^\s*([๐-๙0-9]+)\s*\.\s*")
_TAG = re.compile(r"<[^>]+>")
_PARAGRAPH_END = re.compile(r"</p\s*>|<br\s*/?>", re.IGNORECASE)
#: A step number inside a cell: a digit and a dot at the start or after a space.
_STEP_NUMBER = re.compile(r"(?:(?<=\s)|^)([๐-๙0-9]{1,2})\.\s")
#: Words with which a report says the work was done (ได้ดำเนินการ, ได้จัดทำ, …แล้ว).
_DONE = re.compile(r"ได้\s*(?:ดำเนินการ|จัดทำ|ทำ|ประชาสัมพันธ์|เผยแพร่|จัด)|แล้ว")


@dataclass(frozen=True)
class ReportRow:
    """One row of a progress report table."""

    number: int  # the row's own number in the report (not the ITA indicator number)
    indicator_name: str
    measure: str
    steps: tuple[str, ...]
    unit: str
    progress: str

    @property
    def unit_name(self) -> str:
        """The กอง/สำนัก without the งาน in brackets: ``สำนักปลัด (งานธุรการ)`` → ``สำนักปลัด``."""
        return self.unit.split("(")[0].strip() or self.unit

    @property
    def says_done(self) -> bool:
        """Whether the progress text says the work was carried out."""
        return bool(_DONE.search(self.progress))


def _paragraphs(cell: str) -> list[str]:
    parts = _PARAGRAPH_END.split(cell)
    cleaned = [" ".join(html.unescape(_TAG.sub(" ", p)).split()) for p in parts]
    return [p for p in cleaned if p]


def clean_cell(cell: str) -> str:
    """A cell's text without markup, its whitespace made single spaces."""
    return " ".join(_paragraphs(cell))


def split_steps(cell: str) -> tuple[str, ...]:
    """The numbered steps of a cell (``๑. … ๒. …``), without their numbers; one step when
    the cell is not numbered. Only numbers that follow on (1, 2, 3 …) split."""
    text = clean_cell(cell)
    cuts: list[tuple[int, int]] = []
    expected = 1
    for match in _STEP_NUMBER.finditer(text):
        if int(to_arabic_digits(match.group(1))) == expected:
            cuts.append((match.start(), match.end()))
            expected += 1
    if not cuts:
        return (text,) if text else ()
    steps = []
    for index, (_, body_start) in enumerate(cuts):
        end = cuts[index + 1][0] if index + 1 < len(cuts) else len(text)
        step = text[body_start:end].strip()
        if step:
            steps.append(step)
    return tuple(steps)


def parse_progress_report(text: str) -> list[ReportRow]:
    """The measure rows of a progress report's table, in order."""
    rows = []
    for line in text.splitlines():
        cells = line.split("\t")
        if len(cells) < 5:
            continue
        first = clean_cell(cells[0])
        number = _ROW_NUMBER.match(first)
        if number is None or not clean_cell(cells[1]):
            continue
        rows.append(
            ReportRow(
                number=int(to_arabic_digits(number.group(1))),
                indicator_name=first[number.end() :].strip(),
                measure=clean_cell(cells[1]),
                steps=split_steps(cells[2]),
                unit=clean_cell(cells[3]),
                progress=clean_cell(cells[4]),
            )
        )
    return rows


def compact(text: str) -> str:
    """Text without spaces, so names broken by PDF extraction still match."""
    return "".join(text.split())
