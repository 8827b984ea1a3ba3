"""Lines cut into segments: table cells, and sentences within a cell.

Lines are split at ``\\n``, ``\\r\\n`` or ``\\r`` and numbered from 1. Within a
line, tab-separated cells, ``|`` pipes of a text table and HTML tags all separate
cells, and a cell is further split before every "ตัวชี้วัดที่ N" so that a
paragraph naming three indicators is read as three sentences.

A :class:`Segment` carries a *mask*: its text with every character a reader has
already understood replaced by :data:`MASK`, so that no later reader reads the same
number twice and what is left can be reported as unread.
"""

from __future__ import annotations

import dataclasses
import html
import re

from itaplan.domain.readers.scores import number

TAG = re.compile(r"<[^<>\n]{0,400}>")
SPLIT_BEFORE = re.compile(r"ตัวชี้วัดที่\s*[0-9๐-๙]")
LINE_BREAK = re.compile(r"\r\n|\r|\n")
#: A pipe between cells of a text table ("๒๕๖๗ | ๙๑.๑๕ | ผ่าน |").
PIPE = re.compile(r"\s*\|\s*")
MASK = "\x00"
INVISIBLE = "\u200b\u200c\u200d\ufeff"


def plain(line: str) -> str:
    """A line without HTML tags, entities and markdown bold, for whole-line searches."""
    return html.unescape(TAG.sub(" ", line)).replace("**", "")


def compact(text: str) -> str:
    """``text`` without spaces, so names broken by PDF extraction still match."""
    return "".join(ch for ch in text if not ch.isspace() and ch not in INVISIBLE)


def cells(line: str) -> list[str]:
    """The cells of a line: tab-separated, or ``|``-separated in a text table."""
    if "\t" not in line and line.count("|") >= 2:
        return PIPE.split(line.strip().strip("|").strip())
    return line.split("\t")


@dataclasses.dataclass
class Segment:
    """A piece of a line: a cell, or a sentence of a cell."""

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
            parts += [self.mask[last:start], MASK * (end - start)]
            last = end
        parts.append(self.mask[last:])
        self.mask = "".join(parts)

    def consume_all(self) -> None:
        self.mask = MASK * len(self.text)

    def value(self, match: re.Match[str], group: int = 1) -> float | None:
        """The score of ``match``'s group, or ``None`` when it is not 0–100."""
        found = number(self.text[match.start(group) : match.end(group)])
        return found if found is not None and 0 <= found <= 100 else None


def split(number_: int, line: str) -> list[Segment]:
    """Cells of a line (tabs, pipes and HTML tags), each split before "ตัวชี้วัดที่ N"."""
    segments: list[Segment] = []
    for col, cell in enumerate(cells(line)):
        for piece in TAG.split(cell):
            if "&" in piece:
                piece = html.unescape(piece)
            piece = piece.replace("**", "")
            starts = [0, *(m.start() for m in SPLIT_BEFORE.finditer(piece) if m.start() > 0)]
            for start, end in zip(starts, [*starts[1:], len(piece)], strict=True):
                sentence = piece[start:end].strip()
                if sentence:
                    segments.append(Segment(number_, col, sentence))
    return segments
