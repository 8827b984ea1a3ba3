"""Reading plans and what they are based on: the scored result, its analysis, suggestions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext

from itaplan.agencies.models import Agency
from itaplan.domain.analysis import Analysis, analyse
from itaplan.domain.criteria import CriteriaError, Framework, load
from itaplan.domain.knowledge import (
    KnowledgeBase,
    KnowledgeError,
    Suggestion,
    default_selection,
    suggest,
)
from itaplan.domain.messages import from_data
from itaplan.domain.scoring import Assessment, Finding
from itaplan.knowledgebase.selectors import knowledge_base_for
from itaplan.plans.models import Measure, Plan
from itaplan.results.models import Result
from itaplan.results.selectors import evaluate_result


def assessment_of(result: Result) -> Assessment:
    """A stored result scored against the criteria of its year."""
    return evaluate_result(result).assessment


def previous_result(result: Result) -> Result | None:
    """The agency's current result of the year before, if it was entered."""
    return (
        Result.objects.filter(
            agency_id=result.agency_id, fiscal_year=result.fiscal_year - 1, is_current=True
        )
        .prefetch_related("indicator_scores", "item_scores")
        .first()
    )


def knowledge_for(fiscal_year: int, agency: Agency | None = None) -> KnowledgeBase | None:
    """The knowledge base of a results year as the site keeps it, with the agency's own
    templates, or ``None`` when there is none yet."""
    try:
        return knowledge_base_for(agency, fiscal_year)
    except KnowledgeError:
        return None


def _intake_notes(result: Result) -> list[Finding]:
    """What intake noticed and the stored scores cannot show again, as findings."""
    return [
        Finding(
            note.get("field", ""),
            None,
            None,
            from_data(note) if "template" in note else note.get("message", ""),
        )
        for note in result.intake_notes or []
    ]


def analyse_result(result: Result) -> Analysis:
    """The analysis of a result, compared with last year's when it was entered."""
    evaluation = evaluate_result(result)
    before = previous_result(result)
    previous: Assessment | None = None
    if before is not None:
        try:
            previous = assessment_of(before)
        except CriteriaError:
            previous = None
    return analyse(
        evaluation.assessment,
        previous=previous,
        previous_total=result.previous_total,
        kb=knowledge_for(result.fiscal_year, result.agency),
        findings=[*evaluation.findings, *_intake_notes(result)],
    )


def planned_template_keys(plan: Plan) -> set[str]:
    """Knowledge templates the plan already uses."""
    keys = plan.measures.exclude(template_key__isnull=True).values_list("template_key", flat=True)
    return {k for k in keys if k}


def suggestions_for(plan: Plan) -> list[Suggestion]:
    """Measures the knowledge base proposes for the plan's result, urgent and highest
    impact first, without the templates already in the plan."""
    if plan.result is None:
        return []
    kb = knowledge_for(plan.result.fiscal_year, plan.agency)
    if kb is None:
        return []
    try:
        assessment = assessment_of(plan.result)
    except CriteriaError:
        return []
    return suggest(assessment, kb, already_planned=planned_template_keys(plan))


def plans_of(agency: Agency) -> QuerySet[Plan]:
    """Every plan of the agency, newest year and version first."""
    return Plan.objects.filter(agency=agency).select_related("result")


def current_results(agency: Agency) -> QuerySet[Result]:
    """The agency's current results, newest year first."""
    return Result.objects.filter(agency=agency, is_current=True).order_by("-fiscal_year")


@dataclass(frozen=True)
class ItemRef:
    """An item a measure answers, with its text and score when known."""

    code: str
    text: str
    score: float | None


@dataclass(frozen=True)
class MeasureRow:
    """A measure with what the plan page shows beside it."""

    measure: Measure
    number: int
    indicator_label: str
    indicator_score: float | None
    class_key: str
    class_label: str
    items: tuple[ItemRef, ...]


def measure_rows(plan: Plan) -> list[MeasureRow]:
    """The plan's measures in order, with their indicator's name, score and class."""
    measures = list(
        plan.measures.prefetch_related("units", "steps").select_related("carried_from__plan")
    )
    framework: Framework | None
    try:
        framework = load(plan.results_year)
    except CriteriaError:
        framework = None
    assessment: Assessment | None = None
    if plan.result is not None and framework is not None:
        assessment = assessment_of(plan.result)
    rows = []
    for number, measure in enumerate(measures, start=1):
        label, score, cls_key, cls_label = "", None, "", ""
        if measure.indicator is not None:
            label = gettext("ตัวชี้วัดที่ %(n)s") % {"n": measure.indicator}
            if framework is not None and framework.has_indicator(measure.indicator):
                label += f" {framework.indicator(measure.indicator).name}"
                if assessment is not None:
                    score = assessment.indicator(measure.indicator).value
            if score is not None and framework is not None:
                cls = framework.classify(score)
                cls_key, cls_label = cls.key, cls.label
        items = tuple(
            ItemRef(
                code,
                framework.item(code).text if framework and framework.has_item(code) else "",
                assessment.items.get(code) if assessment else None,
            )
            for code in measure.item_codes
        )
        rows.append(MeasureRow(measure, number, label, score, cls_key, cls_label, items))
    return rows


@dataclass(frozen=True)
class SuggestionRow:
    """A suggested template with the dates its timeframe gives in the plan's year."""

    suggestion: Suggestion
    start_date: dt.date
    end_date: dt.date
    #: Ticked on the page: what a default plan takes (one measure per weak indicator).
    selected: bool = False


@dataclass(frozen=True)
class SuggestionGroup:
    """The suggestions for one weak indicator or item, in the order they are proposed."""

    first: Suggestion
    rows: tuple[SuggestionRow, ...]


def suggestion_groups(plan: Plan) -> list[SuggestionGroup]:
    """:func:`suggestions_for` grouped by the indicator or item they answer, weakest first,
    each template with its dates in the plan's year."""
    suggestions = suggestions_for(plan)
    covered = {i for i in plan.measures.values_list("indicator", flat=True) if i is not None}
    selected = {s.measure.key for s in default_selection(suggestions, covered=covered)}
    groups: dict[str, list[SuggestionRow]] = {}
    for suggestion in suggestions:
        start, end = suggestion.measure.timeframe.dates(plan.fiscal_year)
        row = SuggestionRow(suggestion, start, end, suggestion.measure.key in selected)
        groups.setdefault(suggestion.target, []).append(row)
    return [SuggestionGroup(rows[0].suggestion, tuple(rows)) for rows in groups.values()]
