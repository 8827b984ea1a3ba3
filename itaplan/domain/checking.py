"""Checking a parsed result: score it and report every disagreement with what was printed.

A value printed twice with different numbers (a copy error) is never settled
silently. When exactly one of the printed candidates reproduces the printed tool
score (or, failing that, the printed total), the check uses it and says so;
otherwise the indicator stays unscored and the finding asks the user to look.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from itaplan.domain.criteria import TOOL_ORDER, Framework
from itaplan.domain.messages import Message, said
from itaplan.domain.parsing import Conflict, ParsedResult
from itaplan.domain.scoring import (
    Assessment,
    Finding,
    Printed,
    assess,
    check,
    differs,
)
from itaplan.domain.thai import format_score


@dataclass(frozen=True)
class CheckReport:
    """A parsed result scored against its year, with every finding."""

    assessment: Assessment
    printed: Printed
    findings: tuple[Finding, ...]

    @property
    def fiscal_year(self) -> int:
        return self.assessment.fiscal_year

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of ``itaplan check --json``."""
        computed: dict[str, Any] = {t: self.assessment.tools.get(t) for t in TOOL_ORDER}
        computed["total"] = self.assessment.total
        computed["level"] = self.assessment.level
        computed["indicators"] = {str(n): v for n, v in self.assessment.scored_indicators.items()}
        printed: dict[str, Any] = dict(self.printed.tools)
        if self.printed.total is not None:
            printed["total"] = self.printed.total
        if self.printed.level is not None:
            printed["level"] = self.printed.level
        return {
            "fiscal_year": self.fiscal_year,
            "computed": computed,
            "printed": printed,
            "findings": [f.as_dict() for f in self.findings],
        }


def _candidates(conflict: Conflict) -> list[float]:
    values: list[float] = []
    for value in conflict.values:
        if isinstance(value, int | float) and float(value) not in values:
            values.append(float(value))
    return values


#: Names of the printed figures other than indicators, as the checker says them.
FIELD_NAMES = {
    "agency": said("ชื่อหน่วยงาน"),
    "total": said("คะแนนรวม"),
    "level": said("ระดับ"),
    "previous_total": said("คะแนนรวมปีก่อน"),
    "fiscal_year": said("ปีงบประมาณ"),
}


def field_name(field: str) -> Message | str:
    """A printed figure by name: "total" is คะแนนรวม, "item o13" is ประเด็น o13."""
    if field in FIELD_NAMES:
        return FIELD_NAMES[field]
    if field.startswith("item "):
        return said("ประเด็น %(code)s", code=field.removeprefix("item "))
    return field


def conflict_message(conflict: Conflict) -> Message:
    """A value other than an indicator printed more than once, with its lines."""
    shown = " / ".join(format_score(v) if isinstance(v, float) else str(v) for v in conflict.values)
    return said(
        "%(field)s พิมพ์ไว้ไม่ตรงกัน: %(shown)s (บรรทัด %(lines)s)",
        field=field_name(str(conflict.field)),
        shown=shown,
        lines=", ".join(str(n) for n in conflict.lines),
    )


def _consistent_candidates(
    framework: Framework,
    number: int,
    candidates: list[float],
    indicators: dict[int, float],
    items: dict[str, float],
    printed: Printed,
) -> tuple[list[float], Message]:
    """The candidates that reproduce the printed tool score, else the printed total."""
    tool = framework.indicator(number).tool
    fits: list[float] = []
    target = said("")
    for candidate in candidates:
        trial = assess(framework, {**indicators, number: candidate}, items)
        computed_tool = trial.tools.get(tool)
        if tool in printed.tools and computed_tool is not None:
            target = said(
                "คะแนน %(tool)s ที่พิมพ์ไว้ %(score)s",
                tool=tool,
                score=format_score(printed.tools[tool]),
            )
            if not differs(printed.tools[tool], computed_tool):
                fits.append(candidate)
        elif printed.total is not None and trial.total is not None:
            target = said("คะแนนรวมที่พิมพ์ไว้ %(score)s", score=format_score(printed.total))
            if not differs(printed.total, trial.total):
                fits.append(candidate)
    return fits, target


def _resolve_conflicts(
    framework: Framework, parsed: ParsedResult, printed: Printed
) -> tuple[dict[int, float], list[Finding]]:
    indicators = dict(parsed.indicators)
    items = dict(parsed.items)
    findings: list[Finding] = []
    for conflict in parsed.conflicts:
        shown = " / ".join(
            format_score(v) if isinstance(v, int | float) else str(v) for v in conflict.values
        )
        if not conflict.field.startswith("indicator"):
            findings.append(
                Finding(
                    conflict.field,
                    shown,
                    None,
                    said(
                        "%(field)s พิมพ์ไว้ไม่ตรงกัน: %(shown)s",
                        field=field_name(conflict.field),
                        shown=shown,
                    ),
                )
            )
            continue
        number = int(conflict.key)
        if not framework.has_indicator(number):
            continue
        candidates = _candidates(conflict)
        fits, target = _consistent_candidates(
            framework, number, candidates, indicators, items, printed
        )
        lines = ", ".join(str(n) for n in conflict.lines)
        if len(fits) == 1:
            indicators[number] = fits[0]
            message = said(
                "ตัวชี้วัดที่ %(number)s พิมพ์ไว้หลายค่า (%(shown)s; บรรทัด %(lines)s) "
                "ค่า %(value)s สอดคล้องกับ%(target)s จึงใช้ค่านี้ในการคำนวณ",
                number=number,
                shown=shown,
                lines=lines,
                value=format_score(fits[0]),
                target=target,
            )
            findings.append(Finding(f"indicator {number}", shown, fits[0], message))
        else:
            message = said(
                "ตัวชี้วัดที่ %(number)s พิมพ์ไว้หลายค่า (%(shown)s; บรรทัด %(lines)s) "
                "เลือกค่าที่ถูกต้องไม่ได้ กรุณาตรวจสอบกับผลการประเมินในระบบ ITAS",
                number=number,
                shown=shown,
                lines=lines,
            )
            findings.append(Finding(f"indicator {number}", shown, None, message))
    return indicators, findings


def check_parsed(parsed: ParsedResult, framework: Framework) -> CheckReport:
    """Score a parsed result against ``framework`` and collect every finding."""
    printed = Printed.from_mapping(parsed.printed)
    indicators, findings = _resolve_conflicts(framework, parsed, printed)
    assessment = assess(framework, indicators, parsed.items)
    findings.extend(check(assessment, printed))
    if assessment.total is None and assessment.missing_indicators:
        missing = ", ".join(str(n) for n in assessment.missing_indicators)
        findings.append(
            Finding(
                "total",
                printed.total,
                None,
                said("คำนวณคะแนนรวมไม่ได้ เพราะไม่มีคะแนนตัวชี้วัดที่ %(missing)s", missing=missing),
            )
        )
    return CheckReport(assessment=assessment, printed=printed, findings=tuple(findings))
