"""The words of the documents: every sentence, heading and table cell, in the agency's digits.

The DOCX, PDF and XLSX writers lay out the same text, so it is composed once here from
a :class:`~itaplan.documents.model.MeasuresDocument` or
:class:`~itaplan.documents.model.ProgressDocument` into plain strings: what a
document says is decided in one place, how it looks in each writer.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass

from itaplan.documents.model import (
    Agency,
    Approval,
    IndicatorScore,
    MeasureRow,
    MeasuresDocument,
    ProgressDocument,
    ProgressRow,
    ToolScore,
)
from itaplan.domain.thai import format_date, format_period, format_score, to_thai_digits

MEASURES_TITLE = "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
PROGRESS_TITLE = "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
ITA_NAME = "การประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA)"
BLANK_NAME = "(" + "." * 40 + ")"
BLANK_LINE = "." * 46
#: Printed under the title of a document that is not approved yet.
DRAFT_LINE = "(ร่าง – ยังไม่ได้รับการอนุมัติ)"
WEAK_ITEMS = "ประเด็นที่ยังไม่ได้คะแนนเต็ม:"
#: A number standing alone; digits glued to a letter belong to a code such as o13 or i10.
_NUMBER = re.compile(r"(?<![A-Za-z0-9])[0-9]+")

MEASURE_HEADER = (
    "ตัวชี้วัด/คะแนน",
    "ประเด็นที่ต้องพัฒนา",
    "มาตรการ",
    "ขั้นตอน/วิธีการ",
    "ผู้รับผิดชอบ",
    "ระยะเวลาดำเนินการ",
    "การติดตามผล",
)
#: Relative widths of the measures table's columns (the writers scale them to the page).
MEASURE_WIDTHS = (13, 17, 16, 24, 10, 10, 10)

PROGRESS_HEADER = (
    "ตัวชี้วัด",
    "มาตรการ/ขั้นตอน",
    "ผู้รับผิดชอบ",
    "สถานะ",
    "ผลการดำเนินการ",
    "ปัญหา/อุปสรรค และขั้นตอนต่อไป",
    "หลักฐาน",
)
PROGRESS_WIDTHS = (10, 22, 10, 11, 18, 15, 14)
#: Printed beside a measure that should be finished by the report's date and is not.
OVERDUE = "เลยกำหนดเวลา"


@dataclass(frozen=True)
class Words:
    """Numbers, years and dates written in one agency's digits."""

    thai_digits: bool

    def text(self, text: str) -> str:
        """Any text with its numbers in the agency's digits.

        Item codes keep their Arabic digits, as the NACC prints them ("o13", not "o๑๓",
        which reads as ๐๑๓). Never pass a URL: its digits would change.
        """
        if not self.thai_digits:
            return text
        return _NUMBER.sub(lambda m: to_thai_digits(m[0]), text)

    def score(self, value: float | None) -> str:
        """A score with two decimals, or a dash when there is none."""
        return "–" if value is None else format_score(value, thai_digits=self.thai_digits)

    def signed(self, value: float | None) -> str:
        """A change in points with its sign, ``+0.78`` or ``−1.20``."""
        if value is None:
            return "–"
        sign = "+" if value > 0.005 else "−" if value < -0.005 else ""
        return sign + self.score(abs(value))

    def number(self, value: int) -> str:
        return self.text(str(value))

    def year(self, year_be: int) -> str:
        """A fiscal year in the Buddhist era, ``พ.ศ. ๒๕๖๙``."""
        return f"พ.ศ. {self.number(year_be)}"

    def date(self, day: dt.date) -> str:
        """A date in full, ``๓๑ มีนาคม ๒๕๖๙``."""
        return format_date(day, thai_digits=self.thai_digits, short=False)

    def period(self, start: dt.date, end: dt.date) -> str:
        """A period as agencies write it, ``๑ ต.ค. ๖๘ – ๓๐ ก.ย. ๖๙``."""
        return format_period(start, end, thai_digits=self.thai_digits)

    def change(self, value: float | None, previous_year: int | None = None) -> str:
        """``เพิ่มขึ้น ๐.๗๘ คะแนนจากปีงบประมาณ พ.ศ. ๒๕๖๗``, or empty when unknown."""
        if value is None:
            return ""
        if abs(value) < 0.005:
            return (
                "เท่าเดิม" if previous_year is None else f"เท่ากับปีงบประมาณ {self.year(previous_year)}"
            )
        word = "เพิ่มขึ้น" if value > 0 else "ลดลง"
        since = "" if previous_year is None else f"จากปีงบประมาณ {self.year(previous_year)}"
        return f"{word} {self.score(abs(value))} คะแนน{since}"


#: Where a name is not known: a dotted line to fill in by hand.
DOTS = "." * 24


def agency_location(agency: Agency) -> str:
    """``อำเภอศรีบุญเรือง จังหวัดหนองบัวลำภู``; a part not known is a dotted line to fill in."""
    return f"อำเภอ{agency.district or DOTS} จังหวัด{agency.province or DOTS}"


def blanks(agency: Agency, approval: Approval, preparer: Approval | None = None) -> tuple[str, ...]:
    """What a document prints as dotted lines because it is not known, in words, so the
    download page can say so before the download."""
    missing = []
    if preparer is not None and not preparer.name:
        missing.append("ชื่อผู้จัดทำ")
    if preparer is not None and not preparer.position:
        missing.append("ตำแหน่งผู้จัดทำ")
    if not agency.district:
        missing.append("อำเภอของหน่วยงาน")
    if not agency.province:
        missing.append("จังหวัดของหน่วยงาน")
    if not approval.name:
        missing.append("ชื่อผู้รับรองข้อมูล")
    if not approval.position:
        missing.append("ตำแหน่งผู้รับรองข้อมูล")
    if not approval.date:
        missing.append("วันที่รับรอง")
    return tuple(missing)


def preparer_lines(preparer: Approval | None) -> tuple[str, ...]:
    """The preparing officer's signature block, when the agency names one; a missing name
    or position is a dotted line to fill in by hand."""
    if preparer is None:
        return ()
    name = f"({preparer.name})" if preparer.name else BLANK_NAME
    position = preparer.position or f"ตำแหน่ง {BLANK_LINE}"
    return ("ลงชื่อ " + BLANK_LINE, name, position, preparer.label)


def approval_lines(approval: Approval, w: Words) -> tuple[str, ...]:
    """The signature block, top to bottom; blank dotted lines where nothing is known yet."""
    name = f"({approval.name})" if approval.name else BLANK_NAME
    position = approval.position or f"ตำแหน่ง {BLANK_LINE}"
    date = f"วันที่ {w.date(approval.date)}" if approval.date else f"วันที่ {BLANK_LINE}"
    return ("ลงชื่อ " + BLANK_LINE, name, position, approval.label, date)


def header_lines(
    title: str, plan_year: int, agency: Agency, w: Words, *, draft: bool = False
) -> tuple[str, ...]:
    """The centred lines at the top of page one; a draft says so on its last line."""
    lines = [title, f"ประจำปีงบประมาณ {w.year(plan_year)}", agency.name, agency_location(agency)]
    if draft:
        lines.append(DRAFT_LINE)
    return tuple(lines)


# --- the o27 measures document ---------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    """A table cell: its lines of text, bold in heading-like rows (tools, totals).

    A cell may span ``span`` rows downwards; the cells it covers in the rows below are
    ``covered`` (empty, not printed).
    """

    lines: tuple[str, ...]
    bold: bool = False
    span: int = 1
    covered: bool = False

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def _cell(*lines: str, bold: bool = False) -> Cell:
    return Cell(tuple(line for line in lines if line), bold)


COVERED = Cell((), covered=True)


@dataclass(frozen=True)
class TableRow:
    """One row of a table."""

    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Table:
    """A table: header, rows and relative column widths."""

    header: tuple[str, ...]
    rows: tuple[TableRow, ...]
    widths: tuple[int, ...]
    #: Columns whose cells are centred (numbers, short labels).
    centred: tuple[int, ...] = ()


@dataclass(frozen=True)
class IndicatorAnalysis:
    """The analysis of one indicator: a heading sentence, paragraphs and weak items."""

    heading: str
    paragraphs: tuple[str, ...]
    weak_items: tuple[str, ...]


@dataclass(frozen=True)
class ToolAnalysis:
    """A tool's summary sentence, then the analysis of each of its indicators."""

    heading: str
    indicators: tuple[IndicatorAnalysis, ...]


@dataclass(frozen=True)
class MeasuresText:
    """Everything the o27 document says, in order, as strings."""

    header: tuple[str, ...]
    results_heading: str
    summary: str
    results: Table
    ranking_heading: str
    ranking: Table
    ranking_note: str
    chart_caption: str
    compare_caption: str
    items_heading: str
    items: Table | None
    analysis_heading: str
    analysis: tuple[ToolAnalysis, ...]
    measures_heading: str
    measures_intro: str
    measures: Table
    approval: tuple[str, ...]
    #: The legend: how indicator scores are classed, and the year's level table.
    legend_heading: str = ""
    classes: Table | None = None
    levels: Table | None = None
    levels_note: str = ""
    #: หมายเหตุ listing the figures of the source that were corrected ('' for none).
    corrections_note: str = ""
    #: The preparing officer's signature block (empty when the agency names none).
    preparer: tuple[str, ...] = ()


def _tool_label(tool: ToolScore) -> str:
    return f"{tool.name} ({tool.code})"


def level_text(doc: MeasuresDocument, w: Words) -> str:
    """The level as computed, with the printed one beside it when they differ."""
    text = w.text(doc.shown_level or "")
    if doc.level and doc.printed_level and doc.printed_level != doc.level:
        text += f" (ผลที่ประกาศ {w.text(doc.printed_level)})"
    return text


def _results_table(doc: MeasuresDocument, w: Words) -> Table:
    header = ["ตัวชี้วัด", "คะแนน", "ผลการจัดกลุ่ม"]
    if doc.has_previous:
        header += [f"ปีงบประมาณ {w.year(doc.previous_year)}", "เพิ่ม/ลด"]
    rows: list[TableRow] = []
    for tool in doc.tools:
        tool_cells = [
            _cell(w.text(f"{_tool_label(tool)} น้ำหนักร้อยละ {tool.weight:g}"), bold=True),
            _cell(w.score(tool.score), bold=True),
            _cell(""),
        ]
        if doc.has_previous:
            change = (
                None if tool.previous is None or tool.score is None else tool.score - tool.previous
            )
            tool_cells += [
                _cell(w.score(tool.previous), bold=True),
                _cell(w.signed(change), bold=True),
            ]
        rows.append(TableRow(tuple(tool_cells)))
        for ind in doc.indicators_of(tool.code):
            cells = [
                _cell(w.text(f"ตัวชี้วัดที่ {ind.number} {ind.name}")),
                _cell(w.score(ind.score)),
                _cell(ind.class_label or "–"),
            ]
            if doc.has_previous:
                cells += [_cell(w.score(ind.previous)), _cell(w.signed(ind.change))]
            rows.append(TableRow(tuple(cells)))
    blanks = [_cell("")] * (len(header) - 2)
    total_change = (
        None if doc.total is None or doc.previous_total is None else doc.total - doc.previous_total
    )
    total_cells = [_cell("คะแนนรวม", bold=True), _cell(w.score(doc.total), bold=True), _cell("")]
    if doc.has_previous:
        total_cells += [
            _cell(w.score(doc.previous_total), bold=True),
            _cell(w.signed(total_change), bold=True),
        ]
    rows.append(TableRow(tuple(total_cells)))
    rows.append(
        TableRow(
            (
                _cell("ระดับผลการประเมิน", bold=True),
                _cell(level_text(doc, w) or "–", bold=True),
                *blanks,
            )
        )
    )
    widths = (44, 13, 19, 14, 10) if doc.has_previous else (60, 16, 24)
    return Table(tuple(header), tuple(rows), widths, centred=tuple(range(1, len(header))))


def _summary(doc: MeasuresDocument, w: Words) -> str:
    year = w.year(doc.results_year)
    text = f"จากผลการประเมิน ITA ประจำปีงบประมาณ {year} {doc.agency.name} "
    if doc.total is not None:
        text += f"ได้คะแนนรวม {w.score(doc.total)} คะแนน"
    else:
        text += "ยังคำนวณคะแนนรวมไม่ได้เพราะคะแนนบางตัวชี้วัดไม่ครบ"
    if level := level_text(doc, w):
        text += f" อยู่ในระดับ {level}"
    if doc.total is not None and doc.previous_total is not None:
        text += (
            f" (ปีงบประมาณ {w.year(doc.previous_year)} ได้ {w.score(doc.previous_total)} คะแนน "
            f"{w.change(doc.total - doc.previous_total)})"
        )
    urgent = [i for i in doc.indicators if i.class_key == "urgent"]
    improve = [i for i in doc.indicators if i.class_key == "improve"]
    if urgent:
        text += f" มีตัวชี้วัดที่ต้องแก้ไขโดยเร่งด่วน {w.number(len(urgent))} ตัวชี้วัด"
    if improve:
        text += f" ตัวชี้วัดที่ต้องพัฒนาให้ดีขึ้น {w.number(len(improve))} ตัวชี้วัด"
    return text + " รายละเอียดดังนี้"


def _ranking(doc: MeasuresDocument, w: Words) -> tuple[Table, str]:
    rows = tuple(
        TableRow(
            (
                _cell(w.number(rank)),
                _cell(w.text(f"ตัวชี้วัดที่ {ind.number} {ind.name}")),
                _cell(w.score(ind.score)),
                _cell(ind.class_label or "–"),
            )
        )
        for rank, ind in enumerate(doc.ranking, start=1)
    )
    note = ""
    if doc.ranking:
        best, worst = doc.ranking[0], doc.ranking[-1]
        note = (
            f"คะแนนสูงสุด {w.score(best.score)} คะแนน (ตัวชี้วัดที่ {w.number(best.number)} "
            f"{best.name}) คะแนนน้อยที่สุด {w.score(worst.score)} คะแนน "
            f"(ตัวชี้วัดที่ {w.number(worst.number)} {worst.name})"
        )
    header = ("อันดับ", "ตัวชี้วัด", "คะแนน", "ผลการจัดกลุ่ม")
    return Table(header, rows, (10, 56, 14, 20), centred=(0, 2, 3)), note


def _items_table(doc: MeasuresDocument, w: Words) -> Table | None:
    weak = sorted((i for i in doc.items if i.score < 100), key=lambda i: (i.score, i.indicator))
    if not weak:
        return None
    rows = tuple(
        TableRow(
            (
                _cell(w.text(item.code)),
                _cell(w.text(item.text)),
                _cell(w.number(item.indicator)),
                _cell(w.score(item.score)),
            )
        )
        for item in weak
    )
    header = ("ประเด็น", "ข้อคำถาม/ข้อมูลที่ประเมิน", "ตัวชี้วัด", "คะแนน")
    return Table(header, rows, (10, 62, 12, 16), centred=(0, 2, 3))


def indicator_heading(doc: MeasuresDocument, ind: IndicatorScore, w: Words) -> str:
    """``ตัวชี้วัดที่ ๔ การใช้ทรัพย์สินของราชการ ได้ ๘๙.๐๕ คะแนน อยู่ในกลุ่ม “พัฒนาให้ดีขึ้น” …``"""
    text = f"ตัวชี้วัดที่ {w.number(ind.number)} {ind.name}"
    if ind.score is None:
        return text + " ไม่มีคะแนน"
    text += f" ได้ {w.score(ind.score)} คะแนน"
    if ind.class_label:
        text += f" อยู่ในกลุ่ม “{ind.class_label}”"
    if ind.change is not None:
        text += f" {w.change(ind.change, doc.previous_year)} ({w.score(ind.previous)} คะแนน)"
    return text


def _bound(value: float, w: Words) -> str:
    return w.text(f"{value:g}")


def class_sentence(doc: MeasuresDocument, ind: IndicatorScore, w: Words) -> str:
    """What the class of an indicator means, in the agency's words; '' when unclassed."""
    low, full = (
        _bound(doc.class_bound("improve", 85), w),
        _bound(doc.class_bound("maintain", 100), w),
    )
    if ind.class_key == "urgent":
        return f"ตัวชี้วัดนี้ได้คะแนนต่ำกว่า {low} คะแนน จึงเป็นตัวชี้วัดที่ต้องแก้ไขโดยเร่งด่วน"
    if ind.class_key == "improve":
        return f"ตัวชี้วัดนี้ได้คะแนนตั้งแต่ {low} คะแนนขึ้นไปแต่ยังไม่ถึง {full} คะแนน จึงเป็นตัวชี้วัดที่ต้องพัฒนาให้ดีขึ้น"
    if ind.class_key == "maintain":
        return (
            f"ตัวชี้วัดนี้ได้คะแนนเต็ม {full} คะแนน {doc.agency.name}จะรักษาระดับการดำเนินงาน"
            "และเผยแพร่หลักฐานการดำเนินงานให้ครบถ้วนต่อเนื่อง"
        )
    return ""


def _quoted_measures(rows: tuple[tuple[int, MeasureRow], ...], w: Words) -> str:
    named = [f"มาตรการที่ {w.number(n)} “{w.text(row.title)}”" for n, row in rows]
    return named[0] if len(named) == 1 else " ".join(named[:-1]) + " และ" + named[-1]


def indicator_paragraphs(doc: MeasuresDocument, ind: IndicatorScore, w: Words) -> tuple[str, ...]:
    """The analysis of one indicator: what its class means and what it covers; what each
    item below 100 says, weakest first; the items at full marks; the measures it gets.

    Only items below 100 are explained, so no sentence is contradicted by an item that
    scored full marks, and only an urgent indicator is said to have scored low.
    """
    if ind.score is None:
        return tuple(w.text(p) for p in ind.analysis)
    opening = " ".join(x for x in (class_sentence(doc, ind, w), *ind.analysis[:1]) if x)
    paragraphs = [w.text(opening), *(w.text(p) for p in ind.analysis[1:])]
    scores = {i.code: i.score for i in doc.items}
    for code, text in ind.item_analysis:
        if code in scores:
            paragraphs.append(
                w.text(f"ประเด็น {code} ได้ ")
                + f"{w.score(scores[code])} คะแนน สะท้อนว่า"
                + w.text(text)
            )
    if ind.class_key == "maintain":
        return tuple(paragraphs)
    weak = doc.weak_items_of(ind.number)
    full = [i.code for i in doc.items if i.indicator == ind.number and i.score >= 100]
    if weak and full:
        codes = full[0] if len(full) == 1 else " ".join(full[:-1]) + " และ " + full[-1]
        if len(full) > 4:  # a long list of codes says less than their number
            codes = f"อื่นของตัวชี้วัดนี้อีก {len(full)} ประเด็น"
        paragraphs.append(
            w.text(f"ส่วนประเด็น{'' if len(full) > 4 else ' '}{codes} ได้คะแนนเต็ม ")
            + f"{doc.agency.name}จะรักษาแนวทางการปฏิบัติงานในประเด็นดังกล่าวไว้"
        )
    measures = doc.measures_of(ind.number)
    aim = "ประเด็นที่ได้คะแนนน้อยที่สุดของตัวชี้วัดนี้ก่อน" if weak else "ตัวชี้วัดนี้"
    if measures:
        paragraphs.append(
            f"{doc.agency.name}จึงกำหนด{_quoted_measures(measures, w)} "
            f"เพื่อพัฒนา{aim} ในปีงบประมาณ {w.year(doc.plan_year)}"
        )
    return tuple(paragraphs)


def _analysis(doc: MeasuresDocument, w: Words) -> tuple[ToolAnalysis, ...]:
    tools = []
    for tool in doc.tools:
        heading = f"{_tool_label(tool)} ได้ {w.score(tool.score)} คะแนน"
        if tool.lowest is not None:
            low = doc.indicator(tool.lowest)
            heading += (
                f" ตัวชี้วัดที่ได้คะแนนน้อยที่สุดของ {tool.code} คือ ตัวชี้วัดที่ {w.number(low.number)} "
                f"{low.name} ({w.score(low.score)} คะแนน)"
            )
        indicators = tuple(
            IndicatorAnalysis(
                heading=indicator_heading(doc, ind, w),
                paragraphs=indicator_paragraphs(doc, ind, w),
                weak_items=tuple(
                    w.text(f"{item.code} {item.text} ได้ ") + f"{w.score(item.score)} คะแนน"
                    for item in doc.weak_items_of(ind.number)
                ),
            )
            for ind in doc.indicators_of(tool.code)
        )
        tools.append(ToolAnalysis(w.text(heading), indicators))
    return tuple(tools)


def _band_text(low: float, high: float | None, w: Words) -> str:
    def shown(value: float) -> str:
        return _bound(value, w)

    if high is None:
        return f"{shown(low)} คะแนน" if low >= 100 else f"ตั้งแต่ {shown(low)} คะแนนขึ้นไป"
    if low <= 0:
        return f"ต่ำกว่า {shown(high)} คะแนน"
    return f"ตั้งแต่ {shown(low)} คะแนนแต่ต่ำกว่า {shown(high)} คะแนน"


def _classes_table(doc: MeasuresDocument, w: Words) -> Table | None:
    if not doc.classes:
        return None
    bands = doc.classes
    rows = tuple(
        TableRow(
            (
                _cell(
                    _band_text(
                        b.min_score, bands[n + 1].min_score if n + 1 < len(bands) else None, w
                    )
                ),
                _cell(b.label),
            )
        )
        for n, b in enumerate(bands)
    )
    return Table(("คะแนนรายตัวชี้วัด", "ผลการจัดกลุ่ม"), rows, (60, 40), centred=(1,))


def _levels_table(doc: MeasuresDocument, w: Words) -> tuple[Table | None, str]:
    if not doc.levels:
        return None, ""
    rows = []
    for n, level in enumerate(doc.levels):
        above = [lv.min_total for lv in doc.levels[:n] if lv.min_total > level.min_total]
        if level.min_total <= 0 and above:
            text = f"คะแนนรวมต่ำกว่า {w.score(min(above))} คะแนน"
        else:
            text = f"คะแนนรวมตั้งแต่ {w.score(level.min_total)} คะแนนขึ้นไป"
        if level.min_each_tool is not None:
            text += f" และทุกแบบวัดได้ตั้งแต่ {w.score(level.min_each_tool)} คะแนน"
        if level.min_each_indicator is not None:
            text += f" และทุกตัวชี้วัดได้ตั้งแต่ {w.score(level.min_each_indicator)} คะแนน"
        label = w.text(level.label) + (" *" if level.inferred else "")
        rows.append(TableRow((_cell(label), _cell(text))))
    note = "ผลการประเมินอยู่ในระดับแรกจากบนลงล่างที่เข้าเกณฑ์ครบทุกข้อ"
    if any(lv.inferred for lv in doc.levels):
        note += (
            " * เกณฑ์ของระดับที่มีเครื่องหมายนี้อนุมานจากผลการประเมินที่เผยแพร่ ยังไม่พบในประกาศหลักเกณฑ์การประเมิน"
        )
    return Table(("ระดับ", "เกณฑ์"), tuple(rows), (30, 70), centred=(0,)), note


def timeframe(row: MeasureRow, w: Words) -> str:
    """The timeframe of a measure as printed: its dates, else its note."""
    if row.start and row.end:
        return w.period(row.start, row.end)
    return w.text(row.timeframe_note) or "–"


def steps(lines: tuple[str, ...], w: Words) -> tuple[str, ...]:
    """Ordered steps numbered ``๑. …``."""
    return tuple(w.text(f"{n}. {step}") for n, step in enumerate(lines, start=1))


def _indicator_cell(indicator: int | None, name: str, score: float | None, w: Words) -> Cell:
    if indicator is None:
        return _cell(w.text(name))
    lines = [w.text(f"ตัวชี้วัดที่ {indicator} {name}")]
    if score is not None:
        lines.append(f"{w.score(score)} คะแนน")
    return _cell(*lines)


def measure_cells(row: MeasureRow, number: int, issue: str, w: Words) -> tuple[Cell, ...]:
    """The seven cells of measure ``number``, in :data:`MEASURE_HEADER` order."""
    return (
        _indicator_cell(row.indicator, row.indicator_name, row.score, w),
        _cell(*(w.text(line) for line in issue.split("\n"))),
        _cell(w.text(f"{number}. {row.title}")),
        _cell(*steps(row.steps, w)),
        _cell(*(w.text(u) for u in row.units)),
        _cell(timeframe(row, w)),
        _cell(w.text(row.monitoring)),
    )


def issue_of(doc: MeasuresDocument, row: MeasureRow) -> str:
    """ประเด็นที่ต้องพัฒนา of a row: its indicator's items below 100 with their scores, else
    what the indicator's class means (a result without item scores)."""
    if row.issue or row.indicator is None:
        return row.issue
    try:
        ind = doc.indicator(row.indicator)
    except StopIteration:
        return ""
    low = _bound(doc.class_bound("improve", 85), Words(False))
    full = _bound(doc.class_bound("maintain", 100), Words(False))
    if ind.class_key == "urgent":
        return f"ตัวชี้วัดที่ต้องแก้ไขโดยเร่งด่วน (ต่ำกว่า {low} คะแนน)"
    if ind.class_key == "improve":
        return f"ตัวชี้วัดที่ต้องพัฒนาให้ดีขึ้น ({low} คะแนนขึ้นไปแต่ยังไม่ถึง {full} คะแนน)"
    if ind.class_key == "maintain":
        return "ตัวชี้วัดที่รักษาระดับ (คะแนนเต็ม)"
    return ""


def _measures_table(doc: MeasuresDocument, w: Words) -> Table:
    # The measures of one indicator follow each other (the rows are in indicator order);
    # its indicator and its weak items are printed once, over all of them.
    rows: list[TableRow] = []
    measures = doc.measures
    n = 0
    while n < len(measures):
        row = measures[n]
        span = 1
        if row.indicator is not None:
            while n + span < len(measures) and measures[n + span].indicator == row.indicator:
                span += 1
        for k in range(span):
            cells = list(
                measure_cells(measures[n + k], n + k + 1, issue_of(doc, measures[n + k]), w)
            )
            if k == 0 and span > 1:
                cells[0] = dataclasses.replace(cells[0], span=span)
                cells[1] = dataclasses.replace(cells[1], span=span)
            elif k > 0:
                cells[0] = cells[1] = COVERED
            rows.append(TableRow(tuple(cells)))
        n += span
    return Table(MEASURE_HEADER, tuple(rows), MEASURE_WIDTHS, centred=(5,))


def measures_intro(doc: MeasuresDocument, w: Words) -> str:
    """The opening of section 2, true to the classes of the indicators it answers."""
    answered = {row.indicator for row in doc.measures if row.indicator is not None}
    counts = {
        key: sum(1 for i in doc.indicators if i.class_key == key and i.number in answered)
        for key in ("urgent", "improve", "maintain")
    }
    words = {
        "urgent": "ตัวชี้วัดที่ต้องแก้ไขโดยเร่งด่วน",
        "improve": "ตัวชี้วัดที่ต้องพัฒนาให้ดีขึ้น",
        "maintain": "ตัวชี้วัดที่รักษาระดับ",
    }
    parts = [f"{words[k]} {w.number(n)} ตัวชี้วัด" for k, n in counts.items() if n]
    text = (
        f"{doc.agency.name}นำผลการวิเคราะห์ข้างต้นมากำหนดมาตรการส่งเสริมคุณธรรมและความโปร่งใส"
        f" จำนวน {w.number(len(doc.measures))} มาตรการ ดำเนินการในปีงบประมาณ {w.year(doc.plan_year)}"
    )
    if parts:
        joined = parts[0] if len(parts) == 1 else " ".join(parts[:-1]) + " และ" + parts[-1]
        text += f" ครอบคลุม{joined}"
    if doc.items and any(doc.weak_items_of(n) for n in answered):
        text += " โดยแต่ละมาตรการมุ่งพัฒนาประเด็นที่ได้คะแนนน้อยที่สุดของตัวชี้วัดนั้นก่อน"
    return text + " ดังนี้"


def corrections_note(corrections: tuple[str, ...], w: Words) -> str:
    """หมายเหตุ listing the figures of the source corrected by computation."""
    if not corrections:
        return ""
    return w.text("หมายเหตุ " + " ".join(f"({n}) {c}" for n, c in enumerate(corrections, start=1)))


def measures_text(doc: MeasuresDocument) -> MeasuresText:
    """Compose every string of the o27 document."""
    w = Words(doc.thai_digits)
    ranking, note = _ranking(doc, w)
    items = _items_table(doc, w)
    results_year = w.year(doc.results_year)
    levels, levels_note = _levels_table(doc, w)
    return MeasuresText(
        header=header_lines(MEASURES_TITLE, doc.plan_year, doc.agency, w, draft=doc.draft),
        results_heading=f"{w.number(1)}. ผล{ITA_NAME} ประจำปีงบประมาณ {results_year}",
        summary=_summary(doc, w),
        results=_results_table(doc, w),
        ranking_heading=f"{w.number(1)}.{w.number(1)} คะแนนรายตัวชี้วัดเรียงจากมากไปน้อย",
        ranking=ranking,
        ranking_note=note,
        chart_caption=(
            f"แผนภูมิ คะแนนรายตัวชี้วัด ปีงบประมาณ {results_year} (เส้นประ: เกณฑ์ {w.number(85)} คะแนน)"
        ),
        compare_caption=(
            f"แผนภูมิ เปรียบเทียบคะแนนรายตัวชี้วัด ปีงบประมาณ {w.year(doc.previous_year)} และ {results_year}"
        ),
        items_heading=f"{w.number(1)}.{w.number(2)} ประเด็นการประเมินที่ยังไม่ได้คะแนนเต็ม",
        items=items,
        analysis_heading=(
            f"{w.number(1)}.{w.number(3 if items else 2)} การวิเคราะห์ผลการประเมินรายตัวชี้วัด"
        ),
        analysis=_analysis(doc, w),
        measures_heading=(
            f"{w.number(2)}. {MEASURES_TITLE} ประจำปีงบประมาณ {w.year(doc.plan_year)}"
        ),
        measures_intro=measures_intro(doc, w),
        measures=_measures_table(doc, w),
        approval=approval_lines(doc.approval, w),
        preparer=preparer_lines(doc.preparer),
        legend_heading=f"เกณฑ์การจัดกลุ่มคะแนนรายตัวชี้วัดและระดับผลการประเมินปีงบประมาณ {results_year}",
        classes=_classes_table(doc, w),
        levels=levels,
        levels_note=levels_note,
        corrections_note=corrections_note(doc.corrections, w) if doc.show_corrections else "",
    )


# --- the o28 progress report -----------------------------------------------------------


@dataclass(frozen=True)
class ProgressText:
    """Everything the o28 report says, in order, as strings."""

    header: tuple[str, ...]
    round_line: str
    summary: str
    counts: Table
    overdue_note: str
    progress: Table
    closing_heading: str
    closing: tuple[str, ...]
    approval: tuple[str, ...]
    preparer: tuple[str, ...] = ()


def _evidence_lines(row: ProgressRow, w: Words) -> tuple[str, ...]:
    """Each piece of evidence once: its title, then its address on a line of its own.

    URLs keep their Arabic digits: a converted address would not open.
    """
    lines: list[str] = []
    for n, e in enumerate(row.evidence, start=1):
        title = e.name if e.name and e.name != e.url else ""
        prefix = w.text(f"{n}. ") if len(row.evidence) > 1 else ""
        if title:
            lines.append(prefix + w.text(title))
            if e.url:
                lines.append(e.url)
        elif e.url:
            lines.append(prefix + e.url)
    return tuple(lines)


def progress_cells(
    row: ProgressRow, number: int, w: Words, as_of: dt.date | None
) -> tuple[Cell, ...]:
    """The seven cells of a progress-table row, in :data:`PROGRESS_HEADER` order."""
    status = [row.status.label, f"ร้อยละ {w.number(row.percent)}"]
    if row.end:
        status.append(f"กำหนดเสร็จ {format_date(row.end, thai_digits=w.thai_digits)}")
    if as_of is not None and row.is_overdue(as_of):
        status.append(f"({OVERDUE})")
    if row.reason:
        status.append(w.text(f"เหตุผลที่ยกเลิก: {row.reason}"))
    follow = []
    if row.problems:
        follow.append(w.text(f"ปัญหา/อุปสรรค: {row.problems}"))
    if row.next_step:
        follow.append(w.text(f"ขั้นตอนต่อไป: {row.next_step}"))
    return (
        _indicator_cell(row.indicator, row.indicator_name, None, w),
        _cell(w.text(f"{number}. {row.title}"), *steps(row.steps, w)),
        _cell(*(w.text(u) for u in row.units)),
        _cell(*status, bold=False),
        _cell(w.text(row.done) or "–"),
        _cell(*follow) if follow else _cell("–"),
        _cell(*_evidence_lines(row, w)) if row.evidence else _cell("–"),
    )


def _closing(doc: ProgressDocument, w: Words) -> tuple[str, ...]:
    """The closing summary: how far the plan is, what is late, what happens next."""
    s = doc.summary
    if not s.total:
        return ()
    name = doc.agency.name
    share = w.score(100 * s.done / s.total).replace(".๐๐", "").replace(".00", "")
    lines = [
        f"{name}ดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสแล้วเสร็จ {w.number(s.done)} "
        f"จาก {w.number(s.total)} มาตรการ คิดเป็นร้อยละ {share}"
        + (f" อยู่ระหว่างดำเนินการ {w.number(s.in_progress)} มาตรการ" if s.in_progress else "")
        + (f" ยังไม่ได้เริ่มดำเนินการ {w.number(s.not_started)} มาตรการ" if s.not_started else "")
        + (f" และยกเลิก {w.number(s.cancelled)} มาตรการ" if s.cancelled else "")
    ]
    as_of = doc.as_of
    late = [n for n, r in enumerate(doc.measures, start=1) if as_of and r.is_overdue(as_of)]
    if late:
        numbers = " ".join(w.number(n) for n in late)
        lines.append(
            f"มาตรการที่{OVERDUE} ได้แก่ มาตรการที่ {numbers} {name}จะเร่งรัดให้ผู้รับผิดชอบ"
            "ดำเนินการให้แล้วเสร็จ และรายงานผลในรอบถัดไป"
        )
    open_ = s.in_progress + s.not_started
    if open_:
        lines.append(
            f"สำหรับมาตรการที่ยังไม่แล้วเสร็จ {name}จะดำเนินการต่อตามขั้นตอนต่อไปที่ระบุไว้ในตาราง "
            "และนำปัญหาและอุปสรรคที่พบมาปรับปรุงการดำเนินงาน"
        )
    elif s.done:
        lines.append(
            f"{name}จะนำผลการดำเนินการไปทบทวนร่วมกับผลการประเมิน ITA เพื่อกำหนดมาตรการในปีงบประมาณถัดไป"
        )
    return tuple(lines)


def progress_text(doc: ProgressDocument) -> ProgressText:
    """Compose every string of the o28 report."""
    w = Words(doc.thai_digits)
    s = doc.summary
    as_of = f" ณ วันที่ {w.date(doc.as_of)}" if doc.as_of else ""
    summary = (
        f"{doc.agency.name} กำหนดมาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ "
        f"{w.year(doc.plan_year)} จำนวน {w.number(s.total)} มาตรการ{as_of} "
        f"ดำเนินการแล้วเสร็จ {w.number(s.done)} มาตรการ อยู่ระหว่างดำเนินการ "
        f"{w.number(s.in_progress)} มาตรการ ยังไม่ดำเนินการ {w.number(s.not_started)} มาตรการ"
    )
    if s.cancelled:
        summary += f" ยกเลิก {w.number(s.cancelled)} มาตรการ"
    overdue_note = ""
    if doc.as_of is not None and s.overdue:
        summary += f" ในจำนวนนี้{OVERDUE} {w.number(s.overdue)} มาตรการ"
        overdue_note = (
            f"ในจำนวนนี้ มาตรการที่{OVERDUE} {w.number(s.overdue)} มาตรการ (ระบุไว้ในช่องสถานะของตาราง)"
        )
    elif doc.as_of is not None:
        summary += f" และไม่มีมาตรการที่{OVERDUE}"
        overdue_note = f"ไม่มีมาตรการที่{OVERDUE}"
    counts = Table(
        ("สถานะ", "จำนวนมาตรการ"),
        tuple(
            TableRow((_cell(label, bold=bold), _cell(w.number(n), bold=bold)))
            for label, n, bold in (
                ("ดำเนินการแล้วเสร็จ", s.done, False),
                ("อยู่ระหว่างดำเนินการ", s.in_progress, False),
                ("ยังไม่ดำเนินการ", s.not_started, False),
                ("ยกเลิก", s.cancelled, False),
                ("รวม", s.total, True),
            )
        ),
        (70, 30),
        centred=(1,),
    )
    rows = tuple(
        TableRow(progress_cells(row, n, w, doc.as_of))
        for n, row in enumerate(doc.measures, start=1)
    )
    return ProgressText(
        header=header_lines(PROGRESS_TITLE, doc.plan_year, doc.agency, w, draft=doc.draft),
        round_line=w.text(f"ผลการดำเนินการ{doc.round_name}{as_of}"),
        summary=summary,
        counts=counts,
        overdue_note=overdue_note,
        progress=Table(PROGRESS_HEADER, rows, PROGRESS_WIDTHS, centred=(3,)),
        closing_heading="สรุปผลการดำเนินการ",
        closing=tuple(w.text(line) for line in _closing(doc, w)),
        approval=approval_lines(doc.approval, w),
        preparer=preparer_lines(doc.preparer),
    )
