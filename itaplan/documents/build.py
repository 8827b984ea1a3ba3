"""Fill a :class:`~itaplan.documents.model.MeasuresDocument` from a result alone.

This is what the CLI does without a database: read a result file, score and check
it, ask the knowledge base for measures, and lay those measures out over the plan's
fiscal year. The web app builds the same document from its stored plan instead.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from itaplan.documents.model import (
    Agency,
    Approval,
    IndicatorScore,
    ItemScore,
    MeasureRow,
    MeasuresDocument,
    ToolScore,
)
from itaplan.domain import criteria
from itaplan.domain.analysis import analyse
from itaplan.domain.checking import CheckReport, check_parsed
from itaplan.domain.knowledge import (
    KnowledgeBase,
    Suggestion,
    default_selection,
    load_knowledge,
    suggest,
)
from itaplan.domain.scoring import Assessment
from itaplan.domain.thai import format_score, to_arabic_digits

if TYPE_CHECKING:
    from itaplan.domain.parsing import ParsedResult

_LOCATION = re.compile(r"อำเภอ\s*(?P<district>[^\s\d]+)\s+จังหวัด\s*(?P<province>[^\s\d<]+)")
#: Said of an indicator that scored full marks; the knowledge base explains low scores only.
FULL_MARKS = "ได้คะแนนเต็ม ควรรักษามาตรฐานการดำเนินงานนี้ไว้และเผยแพร่หลักฐานให้ครบถ้วนต่อเนื่องในปีต่อไป"


def find_location(text: str) -> tuple[str, str]:
    """District and province (อำเภอ…, จังหวัด…) named first in a document's text, or blanks."""
    match = _LOCATION.search(to_arabic_digits(text))
    if not match:
        return "", ""
    return match["district"], match["province"]


def _indicator_analysis(
    number: int, class_key: str | None, kb: KnowledgeBase | None, suggestions: Sequence[Suggestion]
) -> tuple[str, ...]:
    if class_key == "maintain":
        return (FULL_MARKS,)
    entry = kb.for_indicator(number) if kb else None
    if entry and entry.analysis:
        return tuple(p.strip() for p in entry.analysis.split("\n\n") if p.strip())
    target = f"indicator {number}"
    return tuple(
        dict.fromkeys(s.analysis for s in suggestions if s.target == target and s.analysis)
    )


def _measure_row(suggestion: Suggestion, assessment: Assessment, plan_year: int) -> MeasureRow:
    fw = assessment.framework
    template = suggestion.measure
    if suggestion.target.startswith("indicator "):
        number = int(suggestion.target.removeprefix("indicator "))
        issue = suggestion.analysis or suggestion.label
    else:
        item = fw.item(suggestion.target)
        number = item.indicator
        issue = f"{item.code} {item.text} ได้ {format_score(suggestion.score)} คะแนน"
    indicator = assessment.indicator(number)
    start, end = template.timeframe.dates(plan_year)
    return MeasureRow(
        indicator=number,
        indicator_name=indicator.name,
        score=indicator.value,
        issue=issue,
        title=template.title,
        steps=template.steps,
        units=(template.unit,),
        start=start,
        end=end,
        monitoring=template.monitoring,
        related_oit=template.related_oit,
    )


def measures_document(
    assessment: Assessment,
    agency: Agency,
    suggestions: Sequence[Suggestion],
    *,
    kb: KnowledgeBase | None = None,
    plan_year: int | None = None,
    thai_digits: bool = True,
    printed_level: str | None = None,
    previous: Assessment | None = None,
    previous_total: float | None = None,
    approval: Approval | None = None,
) -> MeasuresDocument:
    """A measures document for a scored result and the measures chosen for it.

    Classes, lowest indicators and changes come from
    :func:`~itaplan.domain.analysis.analyse`: ``previous`` is last year's scored
    result, else ``previous_total`` last year's printed total. ``plan_year`` defaults to
    the year after the result's; each measure runs over the months its template gives
    within that fiscal year. Rows are ordered by indicator, keeping the order of
    ``suggestions`` (weakest, highest impact first) within one.
    """
    fw = assessment.framework
    plan_year = plan_year or assessment.fiscal_year + 1
    found = analyse(assessment, previous=previous, previous_total=previous_total, kb=kb)
    ranked = {r.number: r for r in found.ranking}
    indicators = []
    for ind in assessment.indicators:
        r = ranked.get(ind.number)
        indicators.append(
            IndicatorScore(
                number=ind.number,
                name=ind.name,
                tool=ind.tool,
                score=ind.value,
                class_key=r.class_key if r else None,
                class_label=r.class_label if r else None,
                previous=r.change.previous if r else None,
                analysis=_indicator_analysis(
                    ind.number, r.class_key if r else None, kb, suggestions
                ),
            )
        )
    changes = {c.label: c for c in found.totals}
    lowest = {r.tool: r.number for r in found.lowest_of_tools}
    tools = tuple(
        ToolScore(
            code=tool.code,
            name=tool.name,
            weight=tool.weight,
            score=assessment.tools.get(tool.code),
            previous=changes[tool.code].previous if tool.code in changes else None,
            lowest=lowest.get(tool.code),
        )
        for tool in fw.tools
    )
    items = tuple(
        ItemScore(code, fw.item(code).text, fw.item(code).indicator, score)
        for code, score in assessment.items.items()
        if fw.has_item(code)
    )
    rows = [_measure_row(s, assessment, plan_year) for s in suggestions]
    rows.sort(key=lambda r: r.indicator or 0)  # stable: keeps priority within an indicator
    return MeasuresDocument(
        agency=agency,
        plan_year=plan_year,
        results_year=assessment.fiscal_year,
        thai_digits=thai_digits,
        tools=tools,
        indicators=tuple(indicators),
        total=assessment.total,
        level=assessment.level,
        printed_level=printed_level,
        previous_total=found.totals[0].previous,
        pass_mark=fw.data.pass_mark,
        items=items,
        measures=tuple(rows),
        approval=approval or Approval(),
    )


def measures_document_from_result(
    result: ParsedResult | CheckReport | Assessment,
    agency: Agency | None = None,
    suggestions: Sequence[Suggestion] | None = None,
    *,
    kb: KnowledgeBase | None = None,
    plan_year: int | None = None,
    thai_digits: bool = True,
    approval: Approval | None = None,
    max_measures: int | None = None,
    previous: Assessment | None = None,
    previous_total: float | None = None,
) -> MeasuresDocument:
    """A measures document from a result file alone, with the knowledge base's measures.

    ``result`` is a parsed result (it is checked against its year's criteria), a check
    report or an assessment. ``agency`` defaults to the name the parser found;
    ``suggestions`` default to the default plan
    (:func:`~itaplan.domain.knowledge.default_selection`: one measure per indicator below
    100) of what :func:`~itaplan.domain.knowledge.suggest` proposes from ``kb`` (by
    default the knowledge base of the result's year); at most ``max_measures`` of them
    (the most urgent, highest impact) are kept.
    ``previous`` is last year's scored result when there is one; ``previous_total``
    last year's total (a parsed result brings its own, as printed).
    Raises ``ValueError`` when a parsed result has no fiscal year.
    """
    printed_level: str | None = None
    name = ""
    if isinstance(result, Assessment):
        assessment = result
    elif isinstance(result, CheckReport):
        assessment, printed_level = result.assessment, result.printed.level
    else:
        if result.fiscal_year is None:
            raise ValueError("ไม่พบปีงบประมาณของผลการประเมิน")
        report = check_parsed(result, criteria.load(result.fiscal_year))
        assessment, printed_level = report.assessment, report.printed.level
        if previous_total is None:
            previous_total = result.previous_total
        name = result.agency or ""
    if kb is None:
        kb = load_knowledge(assessment.fiscal_year)
    if suggestions is None:
        suggestions = default_selection(suggest(assessment, kb), max_measures=max_measures)
    elif max_measures is not None:
        suggestions = suggestions[:max_measures]
    return measures_document(
        assessment,
        agency or Agency(name or "หน่วยงาน"),
        suggestions,
        kb=kb,
        plan_year=plan_year,
        thai_digits=thai_digits,
        printed_level=printed_level,
        previous=previous,
        previous_total=previous_total,
        approval=approval,
    )
