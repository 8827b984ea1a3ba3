"""What the readers of one text share: the year and criteria chosen, what was seen.

Each reader module reads one shape of text into a :class:`Reading`: values it saw
(:meth:`Reading.see`, in order, with their lines), years' totals for the history,
lines it could not understand, and Thai warnings and notes for the user. The parser
(:mod:`itaplan.domain.parsing`) decides at the end which values agree and which
conflict.
"""

from __future__ import annotations

import dataclasses

from itaplan.domain import criteria
from itaplan.domain.readers.names import NO_NAMES, Names


@dataclasses.dataclass(frozen=True)
class Label:
    """A cell that names something whose score is in the next cell."""

    kind: str  # "indicator", "item", "tool" or "total"
    key: str
    #: A warning to give once the score is found (e.g. number and name disagree).
    note: str | None = None


@dataclasses.dataclass(frozen=True)
class YearFigure:
    """A total or a level printed for a named fiscal year (the history of results)."""

    fiscal_year: int
    kind: str  # "total" or "level"
    value: float | str
    line: int


@dataclasses.dataclass
class Reading:
    """The state of one run over one text."""

    lines: list[str]
    fiscal_year: int | None = None
    #: The lines as the user gave them (``lines`` may be mended broken Thai).
    given: list[str] = dataclasses.field(default_factory=list)
    names: Names = NO_NAMES
    items_framework: criteria.Framework | None = None
    items_fallback_warning: str | None = None
    #: (field, key) → every (value, line) seen, in order.
    seen: dict[tuple[str, str], list[tuple[float | str, int]]] = dataclasses.field(
        default_factory=dict
    )
    #: Figures printed for a named year, in order.
    years: list[YearFigure] = dataclasses.field(default_factory=list)
    #: Printed differences from last year ("เพิ่มขึ้น 0.78").
    diffs: list[float] = dataclasses.field(default_factory=list)
    unread: dict[int, str] = dataclasses.field(default_factory=dict)
    warnings: list[str] = dataclasses.field(default_factory=list)
    notes: list[str] = dataclasses.field(default_factory=list)

    def see(self, field: str, key: str, value: float | str, line: int) -> None:
        self.seen.setdefault((field, key), []).append((value, line))

    def see_year(self, fiscal_year: int, kind: str, value: float | str, line: int) -> None:
        """A total or level printed for ``fiscal_year``; the current year's also counts
        as the result's own figure."""
        self.years.append(YearFigure(fiscal_year, kind, value, line))

    def observe(self, label: Label, value: float, line: int) -> None:
        if label.note:
            self.warn(label.note)
        if label.kind == "indicator":
            self.see(f"indicator {label.key}", label.key, value, line)
        elif label.kind == "item":
            self.see(f"item {label.key}", label.key, value, line)
        else:
            self.see(label.key, label.key, value, line)

    def warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)

    def note(self, message: str) -> None:
        if message not in self.notes:
            self.notes.append(message)

    def mark_unread(self, line: int) -> None:
        shown = self.given if len(self.given) == len(self.lines) else self.lines
        self.unread.setdefault(line, shown[line - 1].rstrip())
