"""The scoring engine: indicators → tools → total → level, and score impact.

Everything is computed at full precision; rounding to two decimals happens only
when a number is shown (:func:`itaplan.domain.thai.format_score`). What an agency
typed or printed is kept beside what is computed, and every disagreement larger
than :data:`TOLERANCE` is reported as a :class:`Finding` — never overwritten.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from statistics import fmean

from itaplan.domain.criteria import TOOL_ORDER, Framework
from itaplan.domain.messages import said
from itaplan.domain.thai import format_score

#: Printed values are rounded to two decimals, so a gap up to 0.01 is rounding.
TOLERANCE = 0.01


@dataclass(frozen=True)
class IndicatorResult:
    """One indicator of a result: what was entered and what its items give."""

    number: int
    name: str
    tool: str
    entered: float | None
    from_items: float | None

    @property
    def value(self) -> float | None:
        """The score the engine uses: the entered one, else the one built from items."""
        return self.entered if self.entered is not None else self.from_items


@dataclass(frozen=True)
class Assessment:
    """A result scored against the criteria of its fiscal year."""

    framework: Framework
    indicators: tuple[IndicatorResult, ...]
    items: Mapping[str, float]
    tools: Mapping[str, float | None]
    total: float | None
    level: str | None

    @property
    def fiscal_year(self) -> int:
        return self.framework.fiscal_year

    def indicator(self, number: int) -> IndicatorResult:
        """The result of one indicator."""
        return next(i for i in self.indicators if i.number == number)

    @property
    def scored_indicators(self) -> dict[int, float]:
        """Indicator number → score, for the indicators that have one."""
        return {i.number: i.value for i in self.indicators if i.value is not None}

    @property
    def missing_indicators(self) -> tuple[int, ...]:
        return tuple(i.number for i in self.indicators if i.value is None)

    def lowest_of_tool(self, tool: str) -> IndicatorResult | None:
        """The weakest scored indicator of a tool (the first one on a tie)."""
        scored = [i for i in self.indicators if i.tool == tool and i.value is not None]
        return min(scored, key=lambda i: i.value or 0.0, default=None)


@dataclass(frozen=True)
class Printed:
    """Totals as the agency or the NACC printed them, all optional."""

    total: float | None = None
    level: str | None = None
    tools: Mapping[str, float] = field(default_factory=dict)

    @classmethod
    def from_mapping(cls, values: Mapping[str, float | str]) -> Printed:
        """Build from ``{"total": …, "level": …, "IIT": …}`` as the parser returns it."""
        total = values.get("total")
        level = values.get("level")
        tools: dict[str, float] = {
            t: float(v) for t in TOOL_ORDER if isinstance(v := values.get(t), int | float)
        }
        return cls(
            total=float(total) if isinstance(total, int | float) else None,
            level=str(level) if level is not None else None,
            tools=tools,
        )


@dataclass(frozen=True)
class Finding:
    """A disagreement or a problem found while checking a result."""

    field: str
    printed: float | str | None
    computed: float | str | None
    message: str

    def as_dict(self) -> dict[str, float | str | None]:
        return {
            "field": self.field,
            "printed": self.printed,
            "computed": self.computed,
            "message": self.message,
        }


@dataclass(frozen=True)
class Impact:
    """How many points of the total an indicator or item would add if raised to 100."""

    target: str  # "indicator 9" or an item code such as "o13"
    label: str
    score: float
    weight: float  # share of the total, 0–1
    points: float


def indicator_from_items(
    framework: Framework, number: int, items: Mapping[str, float]
) -> float | None:
    """An indicator's score built from its items by the year's rule, or ``None`` when the
    rule is unknown or an item is missing."""
    indicator = framework.indicator(number)
    members = framework.items_of(number)
    if not members or any(i.code not in items for i in members):
        return None
    if indicator.aggregation == "mean_of_items":
        return fmean(items[i.code] for i in members)
    if indicator.aggregation == "mean_of_sub_indicators":
        return fmean(
            fmean(items[i.code] for i in framework.items_of_sub_indicator(sub.code))
            for sub in framework.sub_indicators_of(number)
        )
    return None


def compute_level(
    framework: Framework,
    total: float | None,
    tools: Mapping[str, float | None],
    indicators: Mapping[int, float],
) -> str | None:
    """The level of a result by the year's level table, or ``None`` if a score is missing."""
    if total is None or any(v is None for v in tools.values()):
        return None
    if len(indicators) < len(framework.indicators):
        return None
    known_tools = {k: v for k, v in tools.items() if v is not None}
    for rule in framework.data.levels:
        if rule.matches(total, known_tools, indicators):
            return rule.label
    return None  # unreachable: the last rule starts at 0 (checked on load)


def assess(
    framework: Framework,
    indicators: Mapping[int, float],
    items: Mapping[str, float] | None = None,
) -> Assessment:
    """Score a result: entered indicator scores win, items fill the gaps where the rule is known.

    Tool score = mean of its indicators; total = weighted sum of tools; level from the
    year's table. Nothing is rounded.
    """
    items = dict(items or {})
    results = tuple(
        IndicatorResult(
            number=ind.number,
            name=ind.name,
            tool=ind.tool,
            entered=indicators.get(ind.number),
            from_items=indicator_from_items(framework, ind.number, items),
        )
        for ind in framework.indicators
    )
    tools: dict[str, float | None] = {}
    for tool in framework.tools:
        values = [r.value for r in results if r.tool == tool.code]
        tools[tool.code] = (
            None if any(v is None for v in values) else fmean(v for v in values if v is not None)
        )
    total: float | None = None
    if all(v is not None for v in tools.values()):
        total = sum((tools[t.code] or 0.0) * t.weight / 100 for t in framework.tools)
    scored = {r.number: r.value for r in results if r.value is not None}
    return Assessment(
        framework=framework,
        indicators=results,
        items=items,
        tools=tools,
        total=total,
        level=compute_level(framework, total, tools, scored),
    )


def differs(printed: float, computed: float) -> bool:
    """Whether a printed (two-decimal) value disagrees with a computed one beyond rounding."""
    return abs(printed - computed) > TOLERANCE + 1e-9


def check(assessment: Assessment, printed: Printed | None = None) -> list[Finding]:
    """Every disagreement between what was entered or printed and what is computed.

    Findings are results, not errors: the printed values stay as they are.
    """
    printed = printed or Printed()
    fw = assessment.framework
    findings: list[Finding] = []
    for ind in assessment.indicators:
        if (
            ind.entered is not None
            and ind.from_items is not None
            and differs(ind.entered, ind.from_items)
        ):
            findings.append(
                Finding(
                    f"indicator {ind.number}",
                    ind.entered,
                    ind.from_items,
                    said(
                        "ตัวชี้วัดที่ %(number)s %(name)s พิมพ์ไว้ %(printed)s "
                        "แต่คำนวณจากประเด็นการประเมินได้ %(computed)s",
                        number=ind.number,
                        name=ind.name,
                        printed=format_score(ind.entered),
                        computed=format_score(ind.from_items),
                    ),
                )
            )
    for code, score in assessment.items.items():
        item = fw.item(code) if fw.has_item(code) else None
        if item and item.allowed_scores and score not in item.allowed_scores:
            allowed = ", ".join(f"{s:g}" for s in item.allowed_scores)
            findings.append(
                Finding(
                    code,
                    score,
                    None,
                    said(
                        "ประเด็น %(code)s ได้ %(score)s แต่ปี %(year)s ให้คะแนนได้เพียง %(allowed)s",
                        code=code,
                        score=format_score(score),
                        year=fw.fiscal_year,
                        allowed=allowed,
                    ),
                )
            )
    for tool, value in printed.tools.items():
        computed = assessment.tools.get(tool)
        if computed is not None and differs(value, computed):
            findings.append(
                Finding(
                    tool,
                    value,
                    computed,
                    said(
                        "คะแนน %(tool)s พิมพ์ไว้ %(printed)s แต่ค่าเฉลี่ยของตัวชี้วัดคือ %(computed)s",
                        tool=tool,
                        printed=format_score(value),
                        computed=format_score(computed),
                    ),
                )
            )
    if (
        printed.total is not None
        and assessment.total is not None
        and differs(printed.total, assessment.total)
    ):
        findings.append(
            Finding(
                "total",
                printed.total,
                assessment.total,
                said(
                    "คะแนนรวมพิมพ์ไว้ %(printed)s แต่คำนวณได้ %(computed)s",
                    printed=format_score(printed.total),
                    computed=format_score(assessment.total),
                ),
            )
        )
    if printed.level and assessment.level and printed.level != assessment.level:
        rule_source = fw.data.levels[0].provenance
        message = (
            said(
                "ระดับพิมพ์ไว้ %(printed)s แต่ตามเกณฑ์ได้ %(computed)s",
                printed=printed.level,
                computed=assessment.level,
            )
            if rule_source.is_official
            else said(
                "ระดับพิมพ์ไว้ %(printed)s แต่ตามเกณฑ์ได้ %(computed)s (เกณฑ์ระดับของปีนี้เป็นการอนุมาน)",
                printed=printed.level,
                computed=assessment.level,
            )
        )
        findings.append(Finding("level", printed.level, assessment.level, message))
    return findings


def score_impact(assessment: Assessment) -> list[Impact]:
    """Points of the total each indicator and item would add if raised to 100, largest first.

    Items whose indicator rule is unknown for the year have no impact figure and are left out.
    """
    fw = assessment.framework
    impacts: list[Impact] = []
    for ind in assessment.indicators:
        if ind.value is None:
            continue
        weight = fw.indicator_weight(ind.number)
        impacts.append(
            Impact(
                f"indicator {ind.number}",
                f"ตัวชี้วัดที่ {ind.number} {ind.name}",
                ind.value,
                weight,
                weight * (100 - ind.value),
            )
        )
    for code, score in assessment.items.items():
        if not fw.has_item(code):
            continue
        item_weight = fw.item_weight(code)
        if item_weight is None:
            continue
        impacts.append(
            Impact(
                code,
                f"{code} {fw.item(code).text}",
                score,
                item_weight,
                item_weight * (100 - score),
            )
        )
    return sorted(impacts, key=lambda i: (-i.points, i.target))
