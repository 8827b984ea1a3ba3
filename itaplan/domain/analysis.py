"""Analysis of one ITA result: ranking, classes, year-on-year change, weak items, impact.

Plain Python on top of the scoring engine and the knowledge base (no Django), so
the web page, the o27 document and the tests read the same figures. Nothing is
rounded here; templates round for display.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from itaplan.domain.criteria import TOOL_ORDER, Framework
from itaplan.domain.knowledge import KnowledgeBase
from itaplan.domain.scoring import Assessment, Finding, Impact, score_impact

#: Geometry of the indicator bar chart (SVG user units); the SVG scales to the screen.
CHART_WIDTH = 400
CHART_BAR_MAX = 330
CHART_ROW = 40
#: How many entries the score-impact ranking shows.
TOP_IMPACTS = 15


@dataclass(frozen=True)
class Change:
    """A score this year beside last year's, when there is one."""

    label: str
    current: float | None
    previous: float | None

    @property
    def delta(self) -> float | None:
        if self.current is None or self.previous is None:
            return None
        return self.current - self.previous


@dataclass(frozen=True)
class RankedIndicator:
    """An indicator in the ranking, highest score first (rank 1)."""

    rank: int
    number: int
    name: str
    tool: str
    score: float
    class_key: str
    class_label: str
    change: Change
    is_lowest_of_tool: bool


@dataclass(frozen=True)
class OitRef:
    """An OIT item a weak point leads to (e.g. weak i10 → o8 the staff manual)."""

    code: str
    text: str


@dataclass(frozen=True)
class WeakItem:
    """An item scored below 100, what it means and what it points to."""

    code: str
    text: str
    indicator: int
    score: float
    class_key: str
    class_label: str
    impact: float | None
    change: Change
    analysis: str
    related_oit: tuple[OitRef, ...]


@dataclass(frozen=True)
class ChartBar:
    """One indicator's bar: its label above, the bar, the score at the bar's end."""

    number: int
    label: str
    score: float
    class_key: str
    y: float
    width: float

    @property
    def label_y(self) -> float:
        return self.y + 15

    @property
    def bar_y(self) -> float:
        return self.y + 20

    @property
    def value_x(self) -> float:
        return self.width + 4

    @property
    def value_y(self) -> float:
        return self.y + 32


@dataclass(frozen=True)
class Chart:
    """The ten indicators as horizontal bars with the pass line (85)."""

    bars: tuple[ChartBar, ...]
    pass_mark: float
    pass_x: float
    width: int = CHART_WIDTH
    bar_max: int = CHART_BAR_MAX
    row: int = CHART_ROW

    @property
    def height(self) -> int:
        return len(self.bars) * self.row + 24

    @property
    def line_end(self) -> int:
        """Where the pass line stops, above its label."""
        return self.height - 16


@dataclass(frozen=True)
class ClassGroup:
    """The indicators of one class, e.g. every แก้ไขโดยเร่งด่วน indicator."""

    key: str
    label: str
    indicators: tuple[RankedIndicator, ...]


@dataclass(frozen=True)
class Analysis:
    """Everything the analysis page and the o27 document say about a result."""

    assessment: Assessment
    previous_year: int | None
    ranking: tuple[RankedIndicator, ...]
    totals: tuple[Change, ...]  # total, then each tool
    weak_items: tuple[WeakItem, ...]
    impacts: tuple[Impact, ...]
    findings: tuple[Finding, ...]
    chart: Chart
    notes: tuple[str, ...] = field(default=())

    @property
    def framework(self) -> Framework:
        return self.assessment.framework

    @property
    def has_previous(self) -> bool:
        return self.previous_year is not None

    @property
    def lowest_of_tools(self) -> tuple[RankedIndicator, ...]:
        """The weakest indicator of each tool, in tool order."""
        lowest = [r for r in self.ranking if r.is_lowest_of_tool]
        return tuple(sorted(lowest, key=lambda r: TOOL_ORDER.index(r.tool)))

    @property
    def class_groups(self) -> tuple[ClassGroup, ...]:
        """Every class of the year, urgent first, with its indicators."""
        return tuple(
            ClassGroup(c.key, c.label, self.of_class(c.key)) for c in self.framework.data.classes
        )

    @property
    def top_impacts(self) -> tuple[Impact, ...]:
        """The indicators and items that would add most to the total."""
        return self.impacts[:TOP_IMPACTS]

    def of_class(self, key: str) -> tuple[RankedIndicator, ...]:
        """The indicators of a class (urgent / improve / maintain), in number order."""
        return tuple(
            sorted((r for r in self.ranking if r.class_key == key), key=lambda r: r.number)
        )


def _item_previous_code(framework: Framework, previous: Assessment | None, code: str) -> str | None:
    """Last year's code of an item, through the year's mapping; ``None`` when unknown."""
    if previous is None or previous.fiscal_year != framework.data.previous_year.fiscal_year:
        return None
    return framework.data.previous_year.codes.get(code)


def _related_oit(framework: Framework, kb: KnowledgeBase | None, code: str) -> tuple[OitRef, ...]:
    if kb is None:
        return ()
    item = framework.item(code)
    entry = kb.for_item(code) or kb.for_indicator(item.indicator)
    if entry is None:
        return ()
    codes: list[str] = []
    for template in entry.measures:
        codes += [c for c in template.related_oit if c != code and c not in codes]
    return tuple(OitRef(c, framework.item(c).text) for c in codes if framework.has_item(c))


def _item_analysis(kb: KnowledgeBase | None, code: str) -> str:
    entry = kb.for_item(code) if kb else None
    return entry.analysis if entry else ""


def _chart(framework: Framework, ranking: Sequence[RankedIndicator]) -> Chart:
    scale = CHART_BAR_MAX / 100
    bars = tuple(
        ChartBar(
            number=r.number,
            label=f"{r.number}. {r.name}",
            score=r.score,
            class_key=r.class_key,
            y=position * CHART_ROW,
            width=r.score * scale,
        )
        for position, r in enumerate(sorted(ranking, key=lambda r: r.number))
    )
    pass_mark = framework.data.pass_mark
    return Chart(bars=bars, pass_mark=pass_mark, pass_x=pass_mark * scale)


def analyse(
    assessment: Assessment,
    *,
    previous: Assessment | None = None,
    previous_total: float | None = None,
    kb: KnowledgeBase | None = None,
    findings: Sequence[Finding] = (),
) -> Analysis:
    """Analyse a scored result.

    ``previous`` is last year's scored result of the same agency, if there is one;
    without it, ``previous_total`` (the previous total as printed in the result)
    still gives the change of the total. ``kb`` adds the analysis texts and the
    related OIT items of weak items.
    """
    fw = assessment.framework
    if previous is not None and previous.fiscal_year != assessment.fiscal_year - 1:
        previous = None
    notes: list[str] = []
    scored = [i for i in assessment.indicators if i.value is not None]
    lowest: dict[str, int] = {
        tool: low.number
        for tool in TOOL_ORDER
        if (low := assessment.lowest_of_tool(tool)) is not None
    }
    ranked = sorted(scored, key=lambda i: (-(i.value or 0.0), i.number))
    ranking = []
    for rank, ind in enumerate(ranked, start=1):
        score = ind.value or 0.0
        cls = fw.classify(score)
        before = (
            previous.indicator(ind.number).value
            if previous and previous.framework.has_indicator(ind.number)
            else None
        )
        ranking.append(
            RankedIndicator(
                rank=rank,
                number=ind.number,
                name=ind.name,
                tool=ind.tool,
                score=score,
                class_key=cls.key,
                class_label=cls.label,
                change=Change(ind.name, score, before),
                is_lowest_of_tool=lowest.get(ind.tool) == ind.number,
            )
        )
    prior_total = previous.total if previous is not None else previous_total
    if previous is None and previous_total is not None:
        notes.append("คะแนนรวมปีก่อนนำมาจากที่พิมพ์ไว้ในผลการประเมิน ไม่มีผลปีก่อนในระบบ")
    totals = [Change("คะแนนรวม", assessment.total, prior_total)]
    totals += [
        Change(tool, assessment.tools.get(tool), previous.tools.get(tool) if previous else None)
        for tool in TOOL_ORDER
    ]
    impacts = tuple(i for i in score_impact(assessment) if i.points > 0)
    impact_of = {i.target: i.points for i in impacts}
    indicator_class = {r.number: r for r in ranking}
    weak = []
    for code, score in assessment.items.items():
        if not fw.has_item(code) or score >= 100:
            continue
        item = fw.item(code)
        owner = indicator_class.get(item.indicator)
        cls = fw.classify(score)
        if owner is not None and owner.class_key != "maintain":
            cls = next(c for c in fw.data.classes if c.key == owner.class_key)
        elif cls.key == "maintain":
            cls = next(c for c in fw.data.classes if c.key == "improve")
        old_code = _item_previous_code(fw, previous, code)
        before = previous.items.get(old_code) if previous is not None and old_code else None
        weak.append(
            WeakItem(
                code=code,
                text=item.text,
                indicator=item.indicator,
                score=score,
                class_key=cls.key,
                class_label=cls.label,
                impact=impact_of.get(code),
                change=Change(code, score, before),
                analysis=_item_analysis(kb, code),
                related_oit=_related_oit(fw, kb, code),
            )
        )
    weak.sort(key=lambda w: (w.score, -(w.impact or 0.0), w.code))
    return Analysis(
        assessment=assessment,
        previous_year=previous.fiscal_year if previous is not None else None,
        ranking=tuple(ranking),
        totals=tuple(totals),
        weak_items=tuple(weak),
        impacts=impacts,
        findings=tuple(findings),
        chart=_chart(fw, ranking),
        notes=tuple(notes),
    )
