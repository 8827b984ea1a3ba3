"""Fill a :class:`~itaplan.documents.model.MeasuresDocument` from a result alone.

This is what the CLI does without a database: read a result file, score and check
it, ask the knowledge base for measures, and lay those measures out over the plan's
fiscal year. The web app builds the same document from its stored plan instead.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from itaplan.documents.corrections import corrections_of
from itaplan.documents.model import (
    Agency,
    Approval,
    IndicatorScore,
    ItemScore,
    LevelBand,
    MeasureRow,
    MeasuresDocument,
    ScoreBand,
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
from itaplan.domain.scoring import Assessment, Finding
from itaplan.domain.thai import format_score, to_arabic_digits

if TYPE_CHECKING:
    from itaplan.domain.parsing import ParsedResult

_LOCATION = re.compile(r"อำเภอ\s*(?P<district>[^\s\d]+)\s+จังหวัด\s*(?P<province>[^\s\d<]+)")


def find_location(text: str) -> tuple[str, str]:
    """District and province (อำเภอ…, จังหวัด…) named first in a document's text, or blanks."""
    match = _LOCATION.search(to_arabic_digits(text))
    if not match:
        return "", ""
    return match["district"], match["province"]


def _indicator_analysis(
    number: int, kb: KnowledgeBase | None, suggestions: Sequence[Suggestion]
) -> tuple[str, ...]:
    """What the knowledge base says the indicator covers (whatever its class)."""
    entry = kb.for_indicator(number) if kb else None
    if entry and entry.analysis:
        return tuple(p.strip() for p in entry.analysis.split("\n\n") if p.strip())
    target = f"indicator {number}"
    return tuple(
        dict.fromkeys(s.analysis for s in suggestions if s.target == target and s.analysis)
    )


def _item_analysis(
    number: int, assessment: Assessment, kb: KnowledgeBase | None
) -> tuple[tuple[str, str], ...]:
    """What the knowledge base says of each item of the indicator below 100, weakest first."""
    if kb is None:
        return ()
    found = []
    for code, _score in weak_items(assessment, number):
        entry = kb.for_item(code)
        if entry and entry.analysis:
            found.append((code, " ".join(entry.analysis.split())))
    return tuple(found)


def weak_items(assessment: Assessment, number: int) -> list[tuple[str, float]]:
    """The items of an indicator scored below 100, weakest first (ties in code order)."""
    fw = assessment.framework
    weak = [
        (code, score)
        for code, score in assessment.items.items()
        if fw.has_item(code) and fw.item(code).indicator == number and score < 100
    ]
    return sorted(weak, key=lambda pair: pair[1])


def issue_text(assessment: Assessment, number: int) -> str:
    """ประเด็นที่ต้องพัฒนา of an indicator: its items below 100 with their scores, one a
    line; empty when the result has no item scores (the document then names the class)."""
    fw = assessment.framework
    return "\n".join(
        f"{code} {fw.item(code).text} ({format_score(score)} คะแนน)"
        for code, score in weak_items(assessment, number)
    )


def _measure_row(suggestion: Suggestion, assessment: Assessment, plan_year: int) -> MeasureRow:
    fw = assessment.framework
    template = suggestion.measure
    number = suggestion.indicator
    if number is None:
        number = fw.item(suggestion.target).indicator
    indicator = assessment.indicator(number)
    start, end = template.timeframe.dates(plan_year)
    return MeasureRow(
        indicator=number,
        indicator_name=indicator.name,
        score=indicator.value,
        issue=issue_text(assessment, number),
        title=template.title,
        steps=template.steps,
        units=(template.unit,),
        start=start,
        end=end,
        monitoring=template.monitoring,
        related_oit=template.related_oit,
    )


def score_bands(fw: criteria.Framework) -> tuple[ScoreBand, ...]:
    """The year's classes of indicator scores, lowest first."""
    classes = sorted(fw.data.classes, key=lambda c: c.min_score)
    return tuple(ScoreBand(c.key, c.label, c.min_score) for c in classes)


def level_bands(fw: criteria.Framework) -> tuple[LevelBand, ...]:
    """The year's level table, highest level first, marked where it is inferred."""
    return tuple(
        LevelBand(
            lv.label,
            lv.min_total,
            lv.min_each_tool,
            lv.min_each_indicator,
            inferred=not lv.provenance.is_official,
        )
        for lv in fw.data.levels
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
    preparer: Approval | None = None,
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
                analysis=_indicator_analysis(ind.number, kb, suggestions),
                item_analysis=_item_analysis(ind.number, assessment, kb),
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
        preparer=preparer,
        classes=score_bands(fw),
        levels=level_bands(fw),
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
    show_corrections: bool = False,
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
    The figures of the source that were corrected are kept in ``corrections``; the
    footnote lists them when ``show_corrections``.
    Raises ``ValueError`` when a parsed result has no fiscal year.
    """
    printed_level: str | None = None
    name = ""
    findings: list[Finding] = []
    warnings: list[str] = []
    if isinstance(result, Assessment):
        assessment = result
    elif isinstance(result, CheckReport):
        assessment, printed_level = result.assessment, result.printed.level
        findings = list(result.findings)
    else:
        if result.fiscal_year is None:
            raise ValueError("ไม่พบปีงบประมาณของผลการประเมิน")
        report = check_parsed(result, criteria.load(result.fiscal_year))
        assessment, printed_level = report.assessment, report.printed.level
        findings, warnings = list(report.findings), list(result.warnings)
        if previous_total is None:
            previous_total = result.previous_total
        name = result.agency or ""
    if kb is None:
        kb = load_knowledge(assessment.fiscal_year)
    if suggestions is None:
        suggestions = default_selection(suggest(assessment, kb), max_measures=max_measures)
    elif max_measures is not None:
        suggestions = suggestions[:max_measures]
    agency = agency or Agency(name or "หน่วยงาน")
    document = measures_document(
        assessment,
        agency,
        suggestions,
        kb=kb,
        plan_year=plan_year,
        thai_digits=thai_digits,
        printed_level=printed_level,
        previous=previous,
        previous_total=previous_total,
        approval=approval,
    )
    corrections = corrections_of(findings, warnings, agency=agency.name)
    return dataclasses.replace(document, corrections=corrections, show_corrections=show_corrections)
