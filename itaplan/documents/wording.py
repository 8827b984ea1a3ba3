"""The words of the documents: every sentence, heading and table cell, in the agency's digits.

The DOCX, PDF and XLSX writers lay out the same text, so it is composed once here from
a :class:`~itaplan.documents.model.MeasuresDocument` or
:class:`~itaplan.documents.model.ProgressDocument` into plain strings: what a
document says is decided in one place, how it looks in each writer.
"""

from __future__ import annotations

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
    "มาตรการ",
    "ขั้นตอน/วิธีการ",
    "ผู้รับผิดชอบ",
    "สถานะ",
    "ผลการดำเนินการ",
    "หลักฐาน",
)
PROGRESS_WIDTHS = (12, 17, 20, 10, 12, 17, 12)


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


def agency_location(agency: Agency) -> str:
    """``อำเภอศรีบุญเรือง จังหวัดหนองบัวลำภู``, or what is known of it."""
    parts = []
    if agency.district:
        parts.append(f"อำเภอ{agency.district}")
    if agency.province:
        parts.append(f"จังหวัด{agency.province}")
    return " ".join(parts)


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
    lines = [title, f"ประจำปีงบประมาณ {w.year(plan_year)}", agency.name]
    if location := agency_location(agency):
        lines.append(location)
    if draft:
        lines.append(DRAFT_LINE)
    return tuple(lines)


# --- the o27 measures document ---------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    """A table cell: its lines of text, bold in heading-like rows (tools, totals)."""

    lines: tuple[str, ...]
    bold: bool = False

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def _cell(*lines: str, bold: bool = False) -> Cell:
    return Cell(tuple(line for line in lines if line), bold)


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
            f"{best.name}) คะแนนต่ำสุด {w.score(worst.score)} คะแนน "
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


def _analysis(doc: MeasuresDocument, w: Words) -> tuple[ToolAnalysis, ...]:
    tools = []
    for tool in doc.tools:
        heading = f"{_tool_label(tool)} ได้ {w.score(tool.score)} คะแนน"
        if tool.lowest is not None:
            low = doc.indicator(tool.lowest)
            heading += (
                f" ตัวชี้วัดที่มีคะแนนต่ำสุดของ {tool.code} คือ ตัวชี้วัดที่ {w.number(low.number)} "
                f"{low.name} ({w.score(low.score)} คะแนน)"
            )
        indicators = tuple(
            IndicatorAnalysis(
                heading=indicator_heading(doc, ind, w),
                paragraphs=tuple(w.text(p) for p in ind.analysis),
                weak_items=tuple(
                    w.text(f"{item.code} {item.text} ได้ ") + f"{w.score(item.score)} คะแนน"
                    for item in doc.weak_items_of(ind.number)
                ),
            )
            for ind in doc.indicators_of(tool.code)
        )
        tools.append(ToolAnalysis(w.text(heading), indicators))
    return tuple(tools)


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
    lines = [w.text(f"{indicator}. {name}")]
    if score is not None:
        lines.append(f"{w.score(score)} คะแนน")
    return _cell(*lines)


def measure_cells(row: MeasureRow, number: int, issue: str, w: Words) -> tuple[Cell, ...]:
    """The seven cells of measure ``number``, in :data:`MEASURE_HEADER` order.

    The indicator is repeated on every row, not merged: a merged cell is printed once,
    and a row carried over to the next page would lose its indicator.
    """
    return (
        _indicator_cell(row.indicator, row.indicator_name, row.score, w),
        _cell(w.text(issue)),
        _cell(w.text(f"{number}. {row.title}")),
        _cell(*steps(row.steps, w)),
        _cell(*(w.text(u) for u in row.units)),
        _cell(timeframe(row, w)),
        _cell(w.text(row.monitoring)),
    )


def _measures_table(doc: MeasuresDocument, w: Words) -> Table:
    # Several measures often answer one weak point; its (long) analysis is printed on the
    # first of them and the others refer to it.
    first_with: dict[str, int] = {}
    rows = []
    for number, row in enumerate(doc.measures, start=1):
        issue = row.issue
        if issue in first_with:
            issue = f"ประเด็นเดียวกับมาตรการที่ {first_with[issue]}"
        else:
            first_with[issue] = number
        rows.append(TableRow(measure_cells(row, number, issue, w)))
    return Table(MEASURE_HEADER, tuple(rows), MEASURE_WIDTHS, centred=(5,))


def measures_text(doc: MeasuresDocument) -> MeasuresText:
    """Compose every string of the o27 document."""
    w = Words(doc.thai_digits)
    ranking, note = _ranking(doc, w)
    items = _items_table(doc, w)
    results_year = w.year(doc.results_year)
    count = w.number(len(doc.measures))
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
        measures_intro=(
            f"{doc.agency.name} นำผลการวิเคราะห์ข้างต้นมากำหนดมาตรการ {count} มาตรการ "
            f"เพื่อแก้ไขและพัฒนาตัวชี้วัดที่ได้คะแนนต่ำกว่าเกณฑ์และประเด็นที่ยังไม่ได้คะแนนเต็ม "
            f"ดำเนินการในปีงบประมาณ {w.year(doc.plan_year)} ดังนี้"
        ),
        measures=_measures_table(doc, w),
        approval=approval_lines(doc.approval, w),
    )


# --- the o28 progress report -----------------------------------------------------------


@dataclass(frozen=True)
class ProgressText:
    """Everything the o28 report says, in order, as strings."""

    header: tuple[str, ...]
    round_line: str
    summary: str
    counts: Table
    progress: Table
    approval: tuple[str, ...]


def _evidence_lines(row: ProgressRow, w: Words) -> tuple[str, ...]:
    # URLs keep their Arabic digits: a converted address would not open.
    return tuple(
        f"{w.text(e.name)} {e.url}".strip() if e.url else w.text(e.name) for e in row.evidence
    )


def progress_cells(row: ProgressRow, w: Words) -> tuple[Cell, ...]:
    """The seven cells of a progress-table row, in :data:`PROGRESS_HEADER` order."""
    status = [row.status.label, f"ร้อยละ {w.number(row.percent)}"]
    if row.reason:
        status.append(w.text(f"เหตุผล: {row.reason}"))
    if row.end:
        status.append(f"กำหนดเสร็จ {format_date(row.end, thai_digits=w.thai_digits)}")
    return (
        _indicator_cell(row.indicator, row.indicator_name, None, w),
        _cell(w.text(row.title)),
        _cell(*steps(row.steps, w)),
        _cell(*(w.text(u) for u in row.units)),
        _cell(*status),
        _cell(w.text(row.done) or "–"),
        _cell(*_evidence_lines(row, w)) if row.evidence else _cell("–"),
    )


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
    if doc.as_of is not None:
        summary += f" และเลยกำหนดเวลา {w.number(s.overdue)} มาตรการ"
    counts = Table(
        ("สถานะ", "จำนวนมาตรการ"),
        tuple(
            TableRow((_cell(label), _cell(w.number(n))))
            for label, n in (
                ("ดำเนินการแล้วเสร็จ", s.done),
                ("อยู่ระหว่างดำเนินการ", s.in_progress),
                ("ยังไม่ดำเนินการ", s.not_started),
                ("ยกเลิก", s.cancelled),
                ("เลยกำหนดเวลา", s.overdue),
                ("รวม", s.total),
            )
        ),
        (70, 30),
        centred=(1,),
    )
    rows = tuple(TableRow(progress_cells(row, w)) for row in doc.measures)
    return ProgressText(
        header=header_lines(PROGRESS_TITLE, doc.plan_year, doc.agency, w, draft=doc.draft),
        round_line=w.text(f"ผลการดำเนินการ{doc.round_name}{as_of}"),
        summary=summary,
        counts=counts,
        progress=Table(PROGRESS_HEADER, rows, PROGRESS_WIDTHS, centred=(4,)),
        approval=approval_lines(doc.approval, w),
    )
