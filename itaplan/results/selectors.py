"""Reading results for the pages: versions, audit trail, the criteria's provenance."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext
from django.utils.translation import gettext as _

from itaplan.agencies.models import Agency
from itaplan.domain.criteria import Framework, Provenance
from itaplan.domain.scoring import Assessment
from itaplan.lib.said import translated
from itaplan.results.models import IndicatorScore, ItemScore, Result
from itaplan.results.services import Evaluation, evaluate


def current_results(agency: Agency) -> QuerySet[Result]:
    """The agency's current result of every year, newest year first."""
    return (
        Result.objects.current()
        .filter(agency=agency)
        .select_related("entered_by")
        .order_by("-fiscal_year")
    )


def get_result(agency: Agency, fiscal_year: int, version: int | None = None) -> Result:
    """The current result of a year, or one version of it; ``Http404`` when there is none."""
    results = Result.objects.filter(agency=agency, fiscal_year=fiscal_year).select_related(
        "entered_by", "agency"
    )
    found = (
        results.filter(version=version).first()
        if version is not None
        else results.filter(is_current=True).first()
    )
    if found is None:
        raise Http404(gettext("ไม่พบผลการประเมิน"))
    return found


def versions_of(result: Result) -> QuerySet[Result]:
    """Every version of the result's agency-year, newest first."""
    return (
        Result.objects.filter(agency=result.agency, fiscal_year=result.fiscal_year)
        .select_related("entered_by")
        .order_by("-version")
    )


def evaluate_result(result: Result) -> Evaluation:
    """Re-score a stored result from its entered scores (pages show this, not the cache)."""
    from itaplan.domain.criteria import load

    indicators = {s.number: s.score for s in result.indicator_scores.all()}
    items = {s.code: s.score for s in result.item_scores.all()}
    printed = {
        "total": result.printed_total,
        "level": result.printed_level,
        "IIT": result.printed_iit,
        "EIT": result.printed_eit,
        "OIT": result.printed_oit,
    }
    return evaluate(load(result.fiscal_year), indicators, items, printed)


@dataclass(frozen=True)
class AuditLine:
    """One line of "who entered or changed it, and when"."""

    when: datetime
    who: str
    what: str


def _actor(entry: LogEntry) -> str:
    if entry.actor is None:
        return _("ระบบ (ไม่ได้บันทึกผ่านหน้าเว็บ)")
    full = entry.actor.get_full_name()
    return f"{full} ({entry.actor.get_username()})" if full else entry.actor.get_username()


def audit_trail(result: Result) -> list[AuditLine]:
    """The audit log of a result and its scores, newest first; score rows are counted."""
    types = ContentType.objects.get_for_models(Result, IndicatorScore, ItemScore)
    score_pks = {
        IndicatorScore: [str(pk) for pk in result.indicator_scores.values_list("pk", flat=True)],
        ItemScore: [str(pk) for pk in result.item_scores.values_list("pk", flat=True)],
    }
    condition = Q(content_type=types[Result], object_pk=str(result.pk))
    for model, pks in score_pks.items():
        if pks:
            condition |= Q(content_type=types[model], object_pk__in=pks)
    entries = LogEntry.objects.filter(condition).select_related("actor").order_by("-timestamp")
    lines: list[AuditLine] = []
    scores: dict[tuple[str, int, str], list[LogEntry]] = {}
    for entry in entries:
        if entry.content_type_id == types[Result].pk:
            lines.append(AuditLine(entry.timestamp, _actor(entry), _describe(entry, result)))
        else:
            minute = entry.timestamp.strftime("%Y-%m-%d %H:%M")
            scores.setdefault((_actor(entry), entry.action, minute), []).append(entry)
    verbs = {
        LogEntry.Action.CREATE: _("บันทึกคะแนน %(count)s รายการ"),
        LogEntry.Action.UPDATE: _("แก้ไขคะแนน %(count)s รายการ"),
        LogEntry.Action.DELETE: _("ลบคะแนน %(count)s รายการ"),
    }
    for (who, action, _minute), group in scores.items():
        what = verbs.get(action, verbs[LogEntry.Action.UPDATE]) % {"count": len(group)}
        lines.append(AuditLine(group[-1].timestamp, who, what))
    return sorted(lines, key=lambda line: line.when, reverse=True)


def _describe(entry: LogEntry, result: Result) -> str:
    if entry.action == LogEntry.Action.CREATE:
        text = _("บันทึกผลการประเมินฉบับที่ %(version)s (%(source)s)") % {
            "version": result.version,
            "source": result.get_source_display(),
        }
        # The tick the person gave for a text naming another agency or year.
        checked = [translated(n) for n in result.intake_notes if n.get("field") == "checked"]
        return " — ".join([text, *checked])
    changes: dict[str, Any] = entry.changes_dict or {}
    if set(changes) == {"is_current"}:
        return _("ถูกแทนที่ด้วยฉบับใหม่ (เก็บไว้เป็นฉบับก่อนหน้า)")
    if entry.action == LogEntry.Action.DELETE:
        return _("ลบผลการประเมิน")
    return _("แก้ไข %(fields)s") % {"fields": ", ".join(sorted(changes)) or "-"}


@dataclass(frozen=True)
class SourcedFact:
    what: str
    provenance: Provenance


def criteria_provenance(framework: Framework) -> dict[str, Any]:
    """What the page says about how sure the year's rules are: levels, indicators, unknowns."""
    levels = []
    previous = None
    for rule in framework.data.levels:
        provenance = rule.provenance
        levels.append(
            {
                "rule": rule,
                "provenance": provenance,
                "official": provenance.is_official,
                # Rules usually share one long source: say it once.
                "show_detail": provenance != previous,
            }
        )
        previous = provenance
    facts = [SourcedFact(what, prov) for what, prov in framework.describe_sources()]
    return {
        "levels": levels,
        "level_official": all(row["official"] for row in levels),
        "facts": facts,
        "unknowns": framework.data.unknowns,
        "summary": framework.data.summary,
    }


def indicator_rows(assessment: Assessment) -> list[dict[str, Any]]:
    """Indicators as entered beside what their items give, with the class of the score."""
    framework = assessment.framework
    rows = []
    for ind in assessment.indicators:
        value = ind.value
        rows.append(
            {
                "number": ind.number,
                "name": ind.name,
                "tool": ind.tool,
                "entered": ind.entered,
                "from_items": ind.from_items,
                "value": value,
                "class": framework.classify(value) if value is not None else None,
                "aggregation": framework.indicator(ind.number).aggregation,
            }
        )
    return rows


def item_rows(framework: Framework, items: dict[str, float]) -> list[dict[str, Any]]:
    """Entered items in the year's order, with their text and indicator."""
    return [
        {
            "code": item.code,
            "text": item.text,
            "indicator": item.indicator,
            "score": items[item.code],
        }
        for item in framework.items
        if item.code in items
    ]
