"""The table of an o28 progress report (รายงานผลการดำเนินการตามมาตรการ…, seed 002).

Its rows name the indicator, the measure, its steps and units — as an o27 table does —
and add what was done (ความก้าวหน้า/ผลการดำเนินการ), sometimes with a percent or a
status word. The same table machinery reads it
(:mod:`~itaplan.domain.readers.columns`), so column order, merged cells, repeated
headers and page breaks are handled alike; rows are matched to indicators by name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from itaplan.domain.readers.columns import read_tables
from itaplan.domain.readers.measures import indicator_names, indicator_of, split_steps, split_units
from itaplan.domain.readers.periods import read_period
from itaplan.domain.thai import to_arabic_digits

#: Words with which a report says the work was done (ได้ดำเนินการ…, …แล้ว, แล้วเสร็จ).
_DONE = re.compile(r"ได้\s*(?:ดำเนินการ|จัดทำ|ทำ|ประชาสัมพันธ์|เผยแพร่|จัด)|แล้ว(?:เสร็จ)?|ดำเนินการครบ")
#: …and that it was not (a plain "ยังไม่ได้ดำเนินการ" outweighs every "ได้ดำเนินการ").
_NOT_DONE = re.compile(r"ยังไม่(?:ได้)?\s*(?:ดำเนินการ|แล้วเสร็จ|เริ่ม)|อยู่ระหว่าง")
_AMOUNT = r"(?:ร้อยละ\s*([0-9]{1,3}(?:\.[0-9]+)?)|([0-9]{1,3}(?:\.[0-9]+)?)\s*%)"
#: A percent OF THE WORK: the whole cell, or after words of progress ("ความก้าวหน้า ร้อยละ 80",
#: "ดำเนินการแล้ว 60%") — not a threshold quoted in the text ("ต่ำกว่าเกณฑ์ ร้อยละ 85").
_PERCENT = re.compile(
    rf"^\s*{_AMOUNT}\s*$|(?:ก้าวหน้า|ดำเนินการแล้ว|แล้วเสร็จ|สำเร็จ|เสร็จสิ้น)\s*(?:คิดเป็น|ได้)?\s*{_AMOUNT}"
)


@dataclass(frozen=True)
class ReadProgress:
    """One row of an o28 report: the measure it reports on and what was done."""

    indicator: int | None
    title: str
    steps: tuple[str, ...]
    units: tuple[str, ...]
    progress: str
    #: A percent printed in the progress cell ("ร้อยละ 80", "80%"), if any.
    percent: float | None
    also_indicators: tuple[int, ...] = ()
    line: int = 0

    @property
    def says_done(self) -> bool:
        """Whether the progress text says the work was carried out (and not that it was not)."""
        if self.percent is not None:
            return self.percent >= 100
        return bool(_DONE.search(self.progress)) and not _NOT_DONE.search(self.progress)

    @property
    def says_started(self) -> bool:
        """Whether the text reports any work at all."""
        return bool(self.progress) and not re.search(
            r"ยังไม่(?:ได้)?\s*(?:ดำเนินการ|เริ่ม)", self.progress
        )

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of ``itaplan parse --json`` (key ``progress``)."""
        return {
            "indicator": self.indicator,
            "indicators": [n for n in (self.indicator, *self.also_indicators) if n is not None],
            "title": self.title,
            "steps": list(self.steps),
            "units": list(self.units),
            "progress": self.progress,
            "percent": self.percent,
            "done": self.says_done,
            "line": self.line,
        }


def _percent(text: str) -> float | None:
    match = _PERCENT.search(to_arabic_digits(text))
    if match is None:
        return None
    value = float(next(g for g in match.groups() if g is not None))
    return value if 0 <= value <= 100 else None


def read_progress(text: str, *, results_year: int | None = None) -> list[ReadProgress]:
    """The rows of every o28 progress table in ``text``, in the order printed.

    Never raises on text; a text without such a table gives ``[]``.
    """
    names = indicator_names(results_year)
    rows = []
    for record in read_tables(text, ("measure", "progress")):
        if not record.text("measure"):
            continue
        key = record.raw("indicator") or record.raw("measure")[:1]
        indicator = indicator_of(key[0], names) if key else None
        shared = tuple(n for k in record.shared_keys if (n := indicator_of(k, names)) is not None)
        progress = record.text("progress")
        rows.append(
            ReadProgress(
                indicator=indicator,
                title=record.text("measure"),
                steps=split_steps(record.raw("steps")),
                units=split_units(record.raw("units")),
                progress=progress,
                percent=_percent(progress),
                also_indicators=tuple(n for n in shared if n != indicator),
                line=record.line,
            )
        )
    return rows


__all__ = ["ReadProgress", "read_period", "read_progress"]
