"""What an official document says, as plain data, independent of Django and of the format.

The web app fills these from the database, the CLI from a result file
(:mod:`itaplan.documents.build`); the renderers (:mod:`~itaplan.documents.docx`,
:mod:`~itaplan.documents.pdf`, :mod:`~itaplan.documents.xlsx`) only read them. Numbers
are kept at full precision and dates as dates: turning them into Thai or Arabic
digits and Buddhist-era text is the renderers' job (:mod:`itaplan.documents.wording`),
so one document can be written either way.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field

#: The label printed under the signature of the executive who approves a document.
APPROVER_LABEL = "ผู้รับรองข้อมูล"
#: Under the preparing officer's name: who drew up the measures, who reported the progress.
PREPARER_LABEL = "ผู้จัดทำ"
REPORTER_LABEL = "ผู้รายงาน"


@dataclass(frozen=True)
class Agency:
    """The agency a document belongs to, as printed in its header."""

    name: str
    district: str = ""  # อำเภอ, without the word อำเภอ
    province: str = ""  # จังหวัด, without the word จังหวัด

    def names(self) -> tuple[str, ...]:
        """The names a line must not break inside: the agency, its district and province,
        longest first (so a district named like the agency does not cut the agency's name)."""
        names = {self.name, f"อำเภอ{self.district}", f"จังหวัด{self.province}"}
        return tuple(
            sorted((n for n in names if n not in ("อำเภอ", "จังหวัด", "")), key=len, reverse=True)
        )


@dataclass(frozen=True)
class Approval:
    """Who approves the document. Missing parts are printed as blank lines to sign on."""

    name: str | None = None
    position: str | None = None
    date: dt.date | None = None
    label: str = APPROVER_LABEL


def preparer(name: str, position: str, label: str = PREPARER_LABEL) -> Approval | None:
    """The preparing officer of the agency profile, or ``None`` when the profile names
    none (the document then has the approver's block alone, as the seeds do)."""
    if not (name or position):
        return None
    return Approval(name or None, position or None, label=label)


@dataclass(frozen=True)
class ScoreBand:
    """A class of indicator scores (below 85 แก้ไขโดยเร่งด่วน …), printed as a legend."""

    key: str  # urgent / improve / maintain
    label: str
    min_score: float


@dataclass(frozen=True)
class LevelBand:
    """One row of the year's level table, printed beside the result."""

    label: str
    min_total: float
    min_each_tool: float | None = None
    min_each_indicator: float | None = None
    #: Not from an NACC text but inferred from published results: printed with a mark.
    inferred: bool = False


@dataclass(frozen=True)
class ItemScore:
    """One assessment item (ประเด็นการประเมิน) of the result."""

    code: str
    text: str
    indicator: int
    score: float


@dataclass(frozen=True)
class IndicatorScore:
    """One of the ten indicators, with its class and what the analysis says about it."""

    number: int
    name: str
    tool: str
    score: float | None
    class_key: str | None = None  # urgent / improve / maintain
    class_label: str | None = None  # แก้ไขโดยเร่งด่วน / พัฒนาให้ดีขึ้น / รักษาระดับ
    previous: float | None = None
    #: Paragraphs from the knowledge base on what the indicator covers. The document
    #: adds what its class, its items and its measures say.
    analysis: tuple[str, ...] = ()
    #: What each item below 100 says, ``(code, text)``, weakest first.
    item_analysis: tuple[tuple[str, str], ...] = ()

    @property
    def change(self) -> float | None:
        """Points gained (positive) or lost since the previous year, when both are known."""
        if self.score is None or self.previous is None:
            return None
        return self.score - self.previous


@dataclass(frozen=True)
class ToolScore:
    """A tool (แบบวัด) of the result: IIT, EIT or OIT."""

    code: str
    name: str
    weight: float
    score: float | None
    previous: float | None = None
    lowest: int | None = None  # number of its weakest indicator


@dataclass(frozen=True)
class MeasureRow:
    """One row of the measures table: a measure answering a weak indicator or item."""

    indicator: int | None
    indicator_name: str
    score: float | None  # the indicator's score
    issue: str  # ประเด็นที่ต้องพัฒนา: the weak point, in words
    title: str  # มาตรการ
    steps: tuple[str, ...]  # ขั้นตอน/วิธีการ, in order
    units: tuple[str, ...]  # ผู้รับผิดชอบ
    start: dt.date | None
    end: dt.date | None
    monitoring: str  # การติดตามผล
    #: Printed instead of the dates when the plan states its timeframe in words.
    timeframe_note: str = ""
    related_oit: tuple[str, ...] = ()


@dataclass(frozen=True)
class MeasuresDocument:
    """The o27 document: the analysis of one year's result and next year's measures."""

    agency: Agency
    plan_year: int  # fiscal year (BE) the measures are for
    results_year: int  # fiscal year (BE) of the result analysed
    thai_digits: bool
    tools: tuple[ToolScore, ...]
    indicators: tuple[IndicatorScore, ...]
    total: float | None
    level: str | None  # by the year's level table
    printed_level: str | None = None  # as the NACC or the agency printed it
    previous_total: float | None = None
    pass_mark: float = 85.0  # the dashed line of the charts, from the year's criteria
    items: tuple[ItemScore, ...] = ()
    measures: tuple[MeasureRow, ...] = ()
    approval: Approval = field(default_factory=Approval)
    #: The officer who prepared it (the agency profile's), signed above the approver.
    preparer: Approval | None = None
    #: Not approved yet: the title area says so (ร่าง), so a draft is never taken for
    #: the signed document.
    draft: bool = False
    #: The score classes and the level table of the results year (the legend).
    classes: tuple[ScoreBand, ...] = ()
    levels: tuple[LevelBand, ...] = ()
    #: Figures of the source corrected by computation, one sentence each; printed in a
    #: footnote (หมายเหตุ) when ``show_corrections`` (an agency setting, off by default).
    corrections: tuple[str, ...] = ()
    show_corrections: bool = False

    def class_bound(self, key: str, default: float) -> float:
        """The lowest score of a class (85 for improve, 100 for maintain)."""
        return next((c.min_score for c in self.classes if c.key == key), default)

    def measures_of(self, indicator: int) -> tuple[tuple[int, MeasureRow], ...]:
        """The measures answering an indicator, with their numbers in the table."""
        return tuple(
            (n, row) for n, row in enumerate(self.measures, start=1) if row.indicator == indicator
        )

    @property
    def shown_level(self) -> str | None:
        """The level to print: computed when the scores allow it, else as printed."""
        return self.level or self.printed_level

    @property
    def previous_year(self) -> int:
        return self.results_year - 1

    @property
    def has_previous(self) -> bool:
        """Whether the previous year's indicator scores are known, to compare one by one."""
        return any(i.previous is not None for i in self.indicators)

    @property
    def ranking(self) -> tuple[IndicatorScore, ...]:
        """Scored indicators from the highest score down (ties in number order)."""
        scored = [i for i in self.indicators if i.score is not None]
        return tuple(sorted(scored, key=lambda i: (-(i.score or 0.0), i.number)))

    def indicators_of(self, tool: str) -> tuple[IndicatorScore, ...]:
        return tuple(i for i in self.indicators if i.tool == tool)

    def indicator(self, number: int) -> IndicatorScore:
        """The indicator with this number; ``StopIteration`` if there is none."""
        return next(i for i in self.indicators if i.number == number)

    def weak_items_of(self, indicator: int) -> tuple[ItemScore, ...]:
        """The items of an indicator that did not score 100, weakest first."""
        weak = [i for i in self.items if i.indicator == indicator and i.score < 100]
        return tuple(sorted(weak, key=lambda i: i.score))


class Status(enum.Enum):
    """Where a measure stands at a reporting round."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]


_STATUS_LABELS = {
    Status.NOT_STARTED: "ยังไม่ดำเนินการ",
    Status.IN_PROGRESS: "อยู่ระหว่างดำเนินการ",
    Status.DONE: "ดำเนินการแล้วเสร็จ",
    Status.CANCELLED: "ยกเลิก",
}


@dataclass(frozen=True)
class Evidence:
    """A piece of evidence of what was done: a document or a page, with its address."""

    name: str
    url: str = ""


@dataclass(frozen=True)
class ProgressRow:
    """One measure of the plan as it stands at the reporting round."""

    indicator: int | None
    indicator_name: str
    title: str
    steps: tuple[str, ...]
    units: tuple[str, ...]
    status: Status
    percent: int  # 0–100
    done: str  # what was done, in words
    evidence: tuple[Evidence, ...] = ()
    end: dt.date | None = None  # when the measure should be finished
    reason: str = ""  # why it was cancelled
    problems: str = ""  # ปัญหาและอุปสรรค
    next_step: str = ""  # ขั้นตอนต่อไป

    def is_overdue(self, on: dt.date) -> bool:
        """Whether the measure should have been finished by ``on`` and is not."""
        return (
            self.end is not None
            and self.end < on
            and self.status in (Status.NOT_STARTED, Status.IN_PROGRESS)
        )


@dataclass(frozen=True)
class ProgressSummary:
    """How many measures stand where."""

    total: int
    done: int
    in_progress: int
    not_started: int
    cancelled: int
    overdue: int


@dataclass(frozen=True)
class ProgressDocument:
    """The o28 report: what was done on each measure of the plan by a reporting round."""

    agency: Agency
    plan_year: int
    round_name: str  # "รอบ 6 เดือน", "รอบ 12 เดือน"
    thai_digits: bool
    measures: tuple[ProgressRow, ...]
    as_of: dt.date | None = None  # the date the report describes
    approval: Approval = field(default_factory=Approval)
    preparer: Approval | None = None  # the reporting officer, signed above the approver
    draft: bool = False  # not approved yet: the title area says ร่าง

    @property
    def summary(self) -> ProgressSummary:
        """Counts by status; overdue counts only when ``as_of`` is known."""
        rows = self.measures

        def count(status: Status) -> int:
            return sum(1 for r in rows if r.status is status)

        as_of = self.as_of
        return ProgressSummary(
            total=len(rows),
            done=count(Status.DONE),
            in_progress=count(Status.IN_PROGRESS),
            not_started=count(Status.NOT_STARTED),
            cancelled=count(Status.CANCELLED),
            overdue=sum(1 for r in rows if as_of is not None and r.is_overdue(as_of)),
        )
