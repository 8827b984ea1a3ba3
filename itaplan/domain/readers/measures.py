"""The measures table of an o27 document (มาตรการส่งเสริมคุณธรรมและความโปร่งใส…).

Last year's o27 holds the plan an agency wants to carry on: each row gives a measure,
the analysis behind it, its steps, period, responsible units and monitoring, and the
indicator it answers. :func:`read_measures` reads those rows in order (the table
machinery is :mod:`~itaplan.domain.readers.columns`), and :func:`check_measures`
says which of them need a person's eye before they become a plan.

The indicator of a row is found by its NAME whenever the name is known — agencies
number their rows themselves (seed 000's row 6 is indicator 9) — and by the printed
"ตัวชี้วัดที่ N" otherwise. The agency's words are kept; only markup, numbering and
whitespace are cleaned.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from itaplan.domain.messages import said
from itaplan.domain.readers.columns import (
    Record,
    clean,
    leading_number,
    paragraphs,
    read_tables,
)
from itaplan.domain.readers.names import known_years, names_for
from itaplan.domain.readers.periods import Period, read_period
from itaplan.domain.readers.segments import compact
from itaplan.domain.scoring import Finding
from itaplan.domain.thai import fiscal_year_bounds, format_period, to_arabic_digits

_STEP_NUMBER = re.compile(r"(?:(?<=\s)|^)([๐-๙0-9]{1,2})\s*[.)]\s")
_BULLET = re.compile(r"(?:(?<=\s)|^)[-•●▪*]\s+")
_INDICATOR_WORD = re.compile(r"^ตัวชี้วัด(?:ที่)?\s*([๐-๙0-9]{1,2})\s*\.?\s*")
_PLAN_TITLE = re.compile(r"ประจำปี\s*(?:งบประมาณ)?\s*(?:พ\s*\.?\s*ศ\s*\.?)?\s*([0-9]{4})")
_TITLE_LINES = 15
#: Units spelled as "every unit": they stand for all the agency's units.
ALL_UNITS = re.compile(r"ทุก\s*(?:สำนัก|กอง|ส่วน|หน่วยงาน)")


@dataclass(frozen=True)
class ReadMeasure:
    """One measure row of an o27 table, as printed."""

    #: The ITA indicator the row answers (``None`` when the row names none that is known).
    indicator: int | None
    title: str
    analysis: str
    steps: tuple[str, ...]
    #: The period as printed, and as read (``None`` when it cannot be read).
    period_text: str
    period: Period | None
    units: tuple[str, ...]
    monitoring: str
    #: Other indicators whose rows share this measure (merged cells), in order.
    also_indicators: tuple[int, ...] = ()
    line: int = 0

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of ``itaplan parse --json``: ISO dates, Christian era."""
        return {
            "indicator": self.indicator,
            "indicators": [n for n in (self.indicator, *self.also_indicators) if n is not None],
            "title": self.title,
            "analysis": self.analysis,
            "steps": list(self.steps),
            "period": self.period_text,
            "start": self.period.start.isoformat() if self.period else None,
            "end": self.period.end.isoformat() if self.period else None,
            "units": list(self.units),
            "monitoring": self.monitoring,
            "line": self.line,
        }


# --- names of indicators -------------------------------------------------------------


def indicator_names(primary_year: int | None = None) -> Mapping[str, int]:
    """Indicator names (without spaces, aliases too) → number, ``primary_year``'s first and
    every other year's names it lacks (the parser's :func:`~itaplan.domain.readers.names.names_for`)."""
    return names_for(primary_year, tuple(known_years())).numbers


def indicator_of(cell: str, names: Mapping[str, int]) -> int | None:
    """The indicator a cell names: by its name first, else by "ตัวชี้วัดที่ N"."""
    text = compact(clean(cell))
    explicit = _INDICATOR_WORD.match(text)
    rest = text[explicit.end() :] if explicit else leading_number(text)[1]
    rest = compact(rest).lstrip(".)")
    best = max((n for n in names if rest.startswith(n)), key=len, default=None)
    if best is not None:
        return names[best]
    if explicit:
        return int(to_arabic_digits(explicit.group(1)))
    return None


# --- cells into steps and units -----------------------------------------------------


def _numbered(text: str) -> list[str] | None:
    """Split ``"๑. … ๒. …"`` where the numbers follow on (from 1, or from 2 when the first
    number was lost); ``None`` when the text is not numbered."""
    matches = list(_STEP_NUMBER.finditer(text))
    cuts: list[re.Match[str]] = []
    expected: int | None = None
    for match in matches:
        value = int(to_arabic_digits(match.group(1)))
        if expected is None and value in (1, 2):
            expected = value
        if value == expected:
            cuts.append(match)
            expected += 1
    if not cuts:
        return None
    head = text[: cuts[0].start()].strip(" .-")
    parts = [head] if head else []
    for index, match in enumerate(cuts):
        end = cuts[index + 1].start() if index + 1 < len(cuts) else len(text)
        parts.append(text[match.end() : end].strip())
    return [p for p in parts if p]


def split_steps(cells: list[str]) -> tuple[str, ...]:
    """Steps of a cell (continuation cells included): numbered ``๑. ๒.`` or ``1) 2)``,
    bulleted ``- …``, else one step per paragraph."""
    text = " ".join(t for t in (clean(c) for c in cells) if t)
    if not text:
        return ()
    numbered = _numbered(text)
    if numbered:
        return tuple(numbered)
    if _BULLET.match(text):
        return tuple(p.strip() for p in _BULLET.split(text) if p.strip())
    paras = [p for c in cells for p in paragraphs(c)]
    return tuple(p.lstrip(". ").strip() for p in paras if p.lstrip(". ").strip())


def split_units(cells: list[str]) -> tuple[str, ...]:
    """Responsible units as printed: one per bullet, number, comma or paragraph."""
    units: list[str] = []
    for cell in cells:
        for para in paragraphs(cell):
            numbered = _numbered(para)
            pieces = numbered if numbered else _BULLET.split(para)
            for piece in pieces:
                for part in re.split(r"\s*[,;、]\s*", piece):
                    name = part.strip(" .-")
                    if name and name not in units:
                        units.append(name)
    return tuple(units)


# --- the reader ---------------------------------------------------------------------------


def plan_year_of(text: str) -> int | None:
    """The fiscal year (BE) in the title of a plan document ("ประจำปีงบประมาณ พ.ศ. ๒๕๖๙")."""
    top = [line for line in text.splitlines() if line.strip()][:_TITLE_LINES]
    for line in top:
        match = _PLAN_TITLE.search(" ".join(to_arabic_digits(clean(line)).split()))
        if match and 2400 <= int(match.group(1)) <= 2700:
            return int(match.group(1))
    return None


def _title(record: Record) -> str:
    title = record.text("measure")
    if not record.has_indicator_column:
        title = leading_number(title)[1].strip()  # the row's own number
    return title


def _measure(record: Record, names: Mapping[str, int], plan_year: int | None) -> ReadMeasure:
    key_cells = record.raw("indicator") or record.raw("measure")[:1]
    indicator = indicator_of(key_cells[0], names) if key_cells else None
    shared = tuple(n for k in record.shared_keys if (n := indicator_of(k, names)) is not None)
    period_text = record.text("period")
    return ReadMeasure(
        indicator=indicator,
        title=_title(record),
        analysis=record.text("analysis"),
        steps=split_steps(record.raw("steps")),
        period_text=period_text,
        period=read_period(period_text, plan_year),
        units=split_units(record.raw("units")),
        monitoring=record.text("monitoring"),
        also_indicators=tuple(n for n in shared if n != indicator),
        line=record.line,
    )


def read_measures(
    text: str, *, plan_year: int | None = None, results_year: int | None = None
) -> list[ReadMeasure]:
    """The measures of every o27 measures table in ``text``, in the order printed.

    ``plan_year`` (BE) fills in what a period leaves out; by default the year of the
    document's title. ``results_year`` says whose indicator names come first.
    Never raises on text; a text without such a table gives ``[]``.
    """
    if plan_year is None:
        plan_year = plan_year_of(text)
    names = indicator_names(results_year)
    # A table of measures says how, when or who; a summary ("มาตรการที่จะใช้ปี66") does not.
    records = read_tables(
        text, ("measure",), any_of=("steps", "period", "units"), skip=("progress",)
    )
    records = [r for r in records if r.text("measure") or r.text("steps")]
    return [_measure(r, names, plan_year) for r in records]


def check_measures(measures: list[ReadMeasure], plan_year: int) -> list[Finding]:
    """What must be looked at before the measures become the plan of ``plan_year``:
    a period outside the plan's fiscal year, or one that cannot be read. The field is
    ``"measure N period"``, N counting the measures from 1 in printed order."""
    first, last = fiscal_year_bounds(plan_year)
    findings = []
    for number, measure in enumerate(measures, start=1):
        label = (
            said(
                "มาตรการที่ %(number)s (ตัวชี้วัดที่ %(indicator)s)",
                number=number,
                indicator=measure.indicator,
            )
            if measure.indicator is not None
            else said("มาตรการที่ %(number)s", number=number)
        )
        field = f"measure {number} period"
        if measure.period is None:
            shown = measure.period_text or said("ไม่ได้ระบุ")
            findings.append(
                Finding(
                    field,
                    measure.period_text or None,
                    None,
                    said(
                        "%(label)s: อ่านระยะเวลา '%(shown)s' เป็นวันที่ไม่ได้ กรุณาระบุวันเริ่มและวันสิ้นสุด",
                        label=label,
                        shown=shown,
                    ),
                )
            )
        elif not (first <= measure.period.start and measure.period.end <= last):
            read = format_period(measure.period.start, measure.period.end, thai_digits=False)
            year = format_period(first, last, thai_digits=False)
            findings.append(
                Finding(
                    field,
                    measure.period_text,
                    f"{first.isoformat()}/{last.isoformat()}",
                    said(
                        "%(label)s: ระยะเวลา '%(shown)s' (%(read)s) ไม่อยู่ใน"
                        "ปีงบประมาณ %(plan_year)s (%(year)s)",
                        label=label,
                        shown=measure.period_text,
                        read=read,
                        plan_year=plan_year,
                        year=year,
                    ),
                )
            )
    return findings


def findings_by_measure(measures: list[ReadMeasure], plan_year: int) -> dict[int, list[Finding]]:
    """:func:`check_measures` by measure number (from 1), for showing beside each row."""
    found: dict[int, list[Finding]] = {}
    for finding in check_measures(measures, plan_year):
        found.setdefault(int(finding.field.split()[1]), []).append(finding)
    return found
