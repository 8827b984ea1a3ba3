"""The knowledge base of analyses and measure templates, and the suggestion engine.

Each fiscal year has a YAML file in ``knowledge/`` (``fy2568.yaml``…) written by this
project in its own Thai words. It holds

* ``templates``: measure templates (มาตรการ) — title, ordered steps, the unit that
  usually carries it out, a timeframe as month offsets within the fiscal year
  (1 = October … 12 = September), how progress is monitored, and the OIT items the
  measure produces evidence for. Every template has a stable ``key`` so a plan can
  say which templates it already uses, from one year to the next;
* ``entries``: one per indicator (``target: indicator 4``) and per item
  (``target: i10``) with an analysis text (what a low score means and why it
  matters) and the keys of its templates. A template may serve several targets.

A year may ``inherit`` another year's file: its own templates and entries replace the
parent's with the same key or target, everything else is taken over. When the criteria
renumbered the items between the two years (o27 of FY2568 is O25 of FY2569), the
inherited entries, related OIT codes and the codes cited in the texts are renumbered
through the criteria's ``previous_year`` mapping; an item folded into another keeps
only the entry of the item it continues.

A malformed file, or one that names an item, indicator or OIT code the year does not
have, raises :class:`KnowledgeError` naming the file and the field.

:func:`suggest` turns a scored result into measures to propose, weakest and
highest-impact first.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from collections.abc import Sequence, Set
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from itaplan.domain import criteria
from itaplan.domain.criteria import CONFIDENCE, Framework, Provenance, ScoreClass
from itaplan.domain.scoring import Assessment, score_impact
from itaplan.domain.thai import fiscal_year_bounds

KNOWLEDGE_DIR = Path(__file__).with_name("knowledge")

#: Who wrote a text: the project itself, or one of the criteria confidence words when a
#: text is taken from a source.
AUTHORS = {"itaplan": "เขียนโดยโครงการ itaplan จากข้อความของประเด็นการประเมิน", **CONFIDENCE}
_TARGET = re.compile(r"^(indicator (?P<number>\d+)|(?P<code>[ieo]\d+))$")
_CLASS_ORDER = ("urgent", "improve", "maintain")


class KnowledgeError(ValueError):
    """A knowledge file is missing, malformed or does not fit its year's criteria."""


# --- the file as written ---------------------------------------------------------------


class _Sourced(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    source: str

    @field_validator("source")
    @classmethod
    def _known_author(cls, value: str) -> str:
        Provenance.parse(value, AUTHORS)
        return value


class _Timeframe(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    start_month: int = Field(ge=1, le=12)
    end_month: int = Field(ge=1, le=12)

    @model_validator(mode="after")
    def _ordered(self) -> _Timeframe:
        if self.start_month > self.end_month:
            raise ValueError("start_month must not come after end_month")
        return self


class _Template(_Sourced):
    key: str = Field(pattern=r"^\d{4}-[a-z0-9]+(-[a-z0-9]+)*$")
    title: str = Field(min_length=1)
    steps: tuple[str, ...] = Field(min_length=3, max_length=6)
    unit: str = Field(min_length=1)
    timeframe: _Timeframe
    monitoring: str = Field(min_length=1)
    related_oit: tuple[str, ...] = ()

    @field_validator("steps")
    @classmethod
    def _no_blank_step(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        if any(not step.strip() for step in value):
            raise ValueError("a step is blank")
        return value


class _Entry(_Sourced):
    target: str = Field(pattern=_TARGET.pattern)
    #: May be left empty while a text is being written; :func:`missing_entries` reports it.
    analysis: str = ""
    measures: tuple[str, ...] = ()


class _KnowledgeFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    fiscal_year: int = Field(ge=2500, le=2700)
    templates: tuple[_Template, ...] = ()
    entries: tuple[_Entry, ...] = ()

    @model_validator(mode="after")
    def _consistent(self) -> _KnowledgeFile:
        keys = [t.key for t in self.templates]
        if repeated := sorted({k for k in keys if keys.count(k) > 1}):
            raise ValueError(f"templates: key {repeated} appears more than once")
        targets = [e.target for e in self.entries]
        if repeated := sorted({t for t in targets if targets.count(t) > 1}):
            raise ValueError(f"entries: target {repeated} appears more than once")
        known = set(keys)
        for entry in self.entries:
            unknown = [k for k in entry.measures if k not in known]
            if unknown:
                raise ValueError(f"entries[{entry.target}].measures: no template {unknown}")
        return self


# --- what the rest of the code uses ---------------------------------------------------


@dataclass(frozen=True)
class Timeframe:
    """When a measure usually runs, as month offsets in the fiscal year (1 = October)."""

    start_month: int
    end_month: int

    def dates(self, fiscal_year: int) -> tuple[dt.date, dt.date]:
        """First and last day of the timeframe in fiscal year ``fiscal_year`` (BE)."""
        first, _ = fiscal_year_bounds(fiscal_year)

        def month(offset: int) -> dt.date:
            index = first.month - 1 + offset - 1
            return dt.date(first.year + index // 12, index % 12 + 1, 1)

        return month(self.start_month), month(self.end_month + 1) - dt.timedelta(days=1)


@dataclass(frozen=True)
class MeasureTemplate:
    """A measure (มาตรการ) an agency can adopt, with its steps and how it is followed up."""

    key: str
    title: str
    steps: tuple[str, ...]
    unit: str
    timeframe: Timeframe
    monitoring: str
    related_oit: tuple[str, ...]
    source: str


@dataclass(frozen=True)
class KnowledgeEntry:
    """What a low score of one indicator or item means, and the measures that answer it."""

    target: str  # "indicator 4" or an item code such as "i10"
    analysis: str
    measures: tuple[MeasureTemplate, ...]
    source: str


@dataclass(frozen=True)
class KnowledgeBase:
    """The analyses and measure templates of one fiscal year."""

    fiscal_year: int
    entries: tuple[KnowledgeEntry, ...]
    templates: tuple[MeasureTemplate, ...]
    path: Path

    @functools.cached_property
    def _by_target(self) -> dict[str, KnowledgeEntry]:
        return {e.target: e for e in self.entries}

    @functools.cached_property
    def _by_key(self) -> dict[str, MeasureTemplate]:
        return {t.key: t for t in self.templates}

    def for_target(self, target: str) -> KnowledgeEntry | None:
        """The entry of ``"indicator 4"`` or of an item code, or ``None`` if there is none."""
        return self._by_target.get(target)

    def for_indicator(self, number: int) -> KnowledgeEntry | None:
        """The entry of an indicator, or ``None`` if the file has none."""
        return self.for_target(f"indicator {number}")

    def for_item(self, code: str) -> KnowledgeEntry | None:
        """The entry of an item (canonical lower-case code), or ``None`` if the file has none."""
        return self.for_target(code)

    def template(self, key: str) -> MeasureTemplate:
        """The template with this key; ``KeyError`` if there is none."""
        return self._by_key[key]


# --- loading ------------------------------------------------------------------------


def _read_yaml(path: Path) -> dict[str, Any]:
    return criteria.read_yaml(path, KnowledgeError)


def _merge(parent: list[Any], child: list[Any], field: str) -> list[Any]:
    """Parent records replaced or extended by the child's, matched on ``field``."""
    own = {r.get(field): r for r in child if isinstance(r, dict)}
    merged = [own.pop(r.get(field), r) if isinstance(r, dict) else r for r in parent]
    return merged + [r for r in child if not isinstance(r, dict) or r.get(field) in own]


def _resolve_inheritance(raw: dict[str, Any], path: Path, seen: tuple[int, ...]) -> dict[str, Any]:
    parent_year = raw.pop("inherits", None)
    if parent_year is None:
        return raw
    if parent_year in seen:
        raise KnowledgeError(f"{path.name}: inherits: FY{parent_year} inherits itself")
    parent_path = path.with_name(f"fy{parent_year}.yaml")
    if not parent_path.exists():
        raise KnowledgeError(f"{path.name}: inherits: no knowledge file {parent_path.name}")
    parent = _resolve_inheritance(_read_yaml(parent_path), parent_path, (*seen, parent_year))
    parent = _renumbered(parent, _renumbering(raw.get("fiscal_year"), parent_year))
    merged = dict(raw)
    merged["templates"] = _merge(parent.get("templates") or [], raw.get("templates") or [], "key")
    merged["entries"] = _merge(parent.get("entries") or [], raw.get("entries") or [], "target")
    return merged


def _renumbering(year: Any, parent_year: Any) -> dict[str, str | None]:
    """Last year's item code → this year's (``None``: folded into another item), from the
    criteria of ``year`` when they map their codes to ``parent_year``; empty otherwise."""
    try:
        previous = criteria.load(int(year)).data.previous_year
    except (criteria.CriteriaError, TypeError, ValueError):
        return {}
    if previous.fiscal_year != parent_year:
        return {}
    mapping: dict[str, str | None] = {old: new for new, old in previous.codes.items()}
    for olds in previous.merged.values():
        for old in olds:
            mapping.setdefault(old, None)
    if all(old == new for old, new in mapping.items()):
        return {}
    return mapping


_CITED_CODE = re.compile(r"(?<![A-Za-z0-9])([ieo][0-9]{1,2})(?![0-9])")


def _renumbered(data: dict[str, Any], mapping: dict[str, str | None]) -> dict[str, Any]:
    """``data``'s entries and templates with last year's item codes renumbered."""
    if not mapping:
        return data

    def text(value: Any) -> Any:
        if not isinstance(value, str):
            return value
        return _CITED_CODE.sub(lambda m: mapping.get(m[1]) or m[1], value)

    entries = []
    for entry in data.get("entries") or []:
        if isinstance(entry, dict) and entry.get("target") in mapping:
            new = mapping[entry["target"]]
            if new is None:
                continue  # folded into another item, whose own entry is kept
            entry = {**entry, "target": new, "analysis": text(entry.get("analysis"))}
        elif isinstance(entry, dict):
            entry = {**entry, "analysis": text(entry.get("analysis"))}
        entries.append(entry)
    templates = []
    for template in data.get("templates") or []:
        if isinstance(template, dict):
            codes = [
                mapping.get(c, c) if isinstance(c, str) else c
                for c in template.get("related_oit") or []
            ]
            related = list(dict.fromkeys(c for c in codes if c is not None))
            template = {
                **template,
                **({"related_oit": related} if "related_oit" in template else {}),
                **{k: text(template[k]) for k in ("title", "monitoring") if k in template},
            }
            if isinstance(template.get("steps"), list):
                template["steps"] = [text(step) for step in template["steps"]]
        templates.append(template)
    return {**data, "entries": entries, "templates": templates}


def _check_against(data: _KnowledgeFile, framework: Framework) -> None:
    """Every target and every related OIT code must exist in the year's criteria."""
    for entry in data.entries:
        match = _TARGET.match(entry.target)
        assert match  # the pattern was checked by pydantic
        exists = (
            framework.has_indicator(int(match["number"]))
            if match["number"]
            else framework.has_item(match["code"])
        )
        if not exists:
            raise KnowledgeError(
                f"entries[{entry.target}].target: FY{framework.fiscal_year} has no {entry.target}"
            )
    for template in data.templates:
        for code in template.related_oit:
            if not (code.startswith("o") and framework.has_item(code)):
                raise KnowledgeError(
                    f"templates[{template.key}].related_oit: {code} is not an OIT item "
                    f"of FY{framework.fiscal_year}"
                )


def load_file(path: Path, framework: Framework | None = None) -> KnowledgeBase:
    """Load and validate one knowledge file against the criteria of its year.

    ``framework`` defaults to the criteria of the file's fiscal year. Raises
    :class:`KnowledgeError` naming the file and the field.
    """
    raw = _resolve_inheritance(_read_yaml(path), path, ())
    data = criteria.validate_year_file(_KnowledgeFile, raw, path, KnowledgeError)
    if framework is None:
        framework = criteria.load(data.fiscal_year)
    try:
        _check_against(data, framework)
    except KnowledgeError as exc:
        raise KnowledgeError(f"{path.name}: {exc}") from exc
    templates = {t.key: _template(t) for t in data.templates}
    entries = tuple(
        KnowledgeEntry(
            target=e.target,
            analysis=e.analysis.strip(),
            measures=tuple(templates[k] for k in e.measures),
            source=e.source,
        )
        for e in data.entries
    )
    return KnowledgeBase(data.fiscal_year, entries, tuple(templates.values()), path)


def _template(t: _Template) -> MeasureTemplate:
    return MeasureTemplate(
        key=t.key,
        title=t.title.strip(),
        steps=tuple(s.strip() for s in t.steps),
        unit=t.unit.strip(),
        timeframe=Timeframe(t.timeframe.start_month, t.timeframe.end_month),
        monitoring=t.monitoring.strip(),
        related_oit=t.related_oit,
        source=t.source,
    )


@functools.cache
def load_knowledge(fiscal_year: int, directory: Path = KNOWLEDGE_DIR) -> KnowledgeBase:
    """The knowledge base of a fiscal year (BE); ``KnowledgeError`` if there is no file for it."""
    path = directory / f"fy{fiscal_year}.yaml"
    if not path.exists():
        years = ", ".join(sorted(p.stem.removeprefix("fy") for p in directory.glob("fy*.yaml")))
        raise KnowledgeError(f"ไม่มีฐานความรู้มาตรการของปีงบประมาณ {fiscal_year} (มี: {years})")
    return load_file(path)


def missing_entries(framework: Framework, kb: KnowledgeBase) -> list[str]:
    """Targets of the year (indicators, then items) with no analysis text or no measure."""
    targets = [f"indicator {i.number}" for i in framework.indicators]
    targets += [i.code for i in framework.items]
    missing = []
    for target in targets:
        entry = kb.for_target(target)
        if entry is None or not entry.analysis or not entry.measures:
            missing.append(target)
    return missing


# --- suggestions ----------------------------------------------------------------------


@dataclass(frozen=True)
class Suggestion:
    """A measure proposed for a weak indicator or item of a result."""

    target: str  # "indicator 4" or an item code
    label: str  # "ตัวชี้วัดที่ 4 การใช้ทรัพย์สินของราชการ" or "i10 <item text>"
    class_key: str  # urgent / improve
    class_label: str  # แก้ไขโดยเร่งด่วน / พัฒนาให้ดีขึ้น
    score: float
    impact: float | None  # points of the total if raised to 100; None when unknown
    analysis: str
    measure: MeasureTemplate
    #: The weak items (below 100) the measure is aimed at: for an item target the item
    #: itself, for an indicator target those of its items whose entry lists the measure.
    items: tuple[str, ...] = ()

    @property
    def related_oit(self) -> tuple[str, ...]:
        """The OIT items the measure produces evidence for."""
        return self.measure.related_oit

    @property
    def indicator(self) -> int | None:
        """The number of the indicator an indicator target names; ``None`` for an item."""
        if self.target.startswith("indicator "):
            return int(self.target.removeprefix("indicator "))
        return None


@dataclass(frozen=True)
class _Weakness:
    target: str
    label: str
    cls: ScoreClass
    score: float
    impact: float | None
    position: int  # indicators first, then items in file order

    def sort_key(self) -> tuple[int, float, float, int]:
        # Impacts are rounded so that float noise does not decide between equal impacts;
        # an unknown impact sorts after every known one.
        impact = round(self.impact, 9) if self.impact is not None else -math.inf
        return (_CLASS_ORDER.index(self.cls.key), -impact, self.score, self.position)


def _class_of(framework: Framework, key: str) -> ScoreClass:
    return next(c for c in framework.data.classes if c.key == key)


def _weaknesses(assessment: Assessment) -> list[_Weakness]:
    fw = assessment.framework
    impacts = {i.target: i.points for i in score_impact(assessment)}
    found: list[_Weakness] = []
    indicator_class: dict[int, ScoreClass] = {}
    for position, ind in enumerate(assessment.indicators):
        if ind.value is None:
            continue
        cls = indicator_class[ind.number] = fw.classify(ind.value)
        if cls.key == "maintain":
            continue
        target = f"indicator {ind.number}"
        label = f"ตัวชี้วัดที่ {ind.number} {ind.name}"
        found.append(_Weakness(target, label, cls, ind.value, impacts.get(target), position))
    order = {item.code: n for n, item in enumerate(fw.items, start=len(fw.indicators))}
    for code, score in assessment.items.items():
        if not fw.has_item(code) or score >= 100:
            continue
        item = fw.item(code)
        # The classes are defined on indicator scores; an item shares its indicator's
        # urgency, and a weak item is never "maintain".
        cls = indicator_class.get(item.indicator) or fw.classify(score)
        if cls.key == "maintain":
            cls = _class_of(fw, "improve")
        label = f"{code} {item.text}"
        found.append(_Weakness(code, label, cls, score, impacts.get(code), order[code]))
    return sorted(found, key=_Weakness.sort_key)


def _candidates(
    weak: _Weakness, kb: KnowledgeBase, items_of: dict[str, list[_Weakness]]
) -> list[tuple[MeasureTemplate, tuple[str, ...]]]:
    """The templates answering one weak target, each with the weak items it is aimed at.

    An indicator is answered first by the templates of its weak items (highest impact,
    then lowest score first), then by its own: a measure for the indicator goes for the
    items that lost it the most points.
    """
    aimed: dict[str, list[str]] = {}
    templates: dict[str, MeasureTemplate] = {}
    sources = [*items_of.get(weak.target, ()), weak]
    for source in sources:
        entry = kb.for_target(source.target)
        for template in entry.measures if entry else ():
            templates.setdefault(template.key, template)
            codes = aimed.setdefault(template.key, [])
            if source.target != weak.target or not weak.target.startswith("indicator "):
                codes.append(source.target)
    return [(templates[key], tuple(codes)) for key, codes in aimed.items()]


def suggest(
    assessment: Assessment,
    kb: KnowledgeBase,
    *,
    already_planned: Set[str] = frozenset(),
) -> list[Suggestion]:
    """Measures to propose for a result: one per template of every weak target.

    Weak targets are the indicators classed urgent or improve and the items scored
    below 100. Urgent ones come first, then the higher score impact, then the lower
    score. An indicator's templates begin with those of its weakest items (see
    :func:`_candidates`). Templates whose key is in ``already_planned`` are skipped, and
    a template that serves several targets is proposed once, for the first of them.
    """
    if kb.fiscal_year != assessment.fiscal_year:
        raise ValueError(
            f"knowledge base of FY{kb.fiscal_year} for a result of FY{assessment.fiscal_year}"
        )
    fw = assessment.framework
    found = _weaknesses(assessment)
    by_target = {w.target: w for w in found}
    items_of: dict[str, list[_Weakness]] = {}

    def place(weak: _Weakness) -> tuple[Any, ...]:
        # An item follows its weak indicator, whose measures are aimed at it first.
        if weak.target.startswith("indicator "):
            return (weak.sort_key(), 0, ())
        indicator = by_target.get(f"indicator {fw.item(weak.target).indicator}")
        if indicator is None:
            return (weak.sort_key(), 0, ())
        items_of.setdefault(indicator.target, []).append(weak)
        return (indicator.sort_key(), 1, weak.sort_key())

    weaknesses = sorted(found, key=place)
    proposed = set(already_planned)
    suggestions: list[Suggestion] = []
    for weak in weaknesses:
        entry = kb.for_target(weak.target)
        for template, items in _candidates(weak, kb, items_of):
            if template.key in proposed:
                continue
            proposed.add(template.key)
            suggestions.append(
                Suggestion(
                    target=weak.target,
                    label=weak.label,
                    class_key=weak.cls.key,
                    class_label=weak.cls.label,
                    score=weak.score,
                    impact=weak.impact,
                    analysis=entry.analysis if entry else "",
                    measure=template,
                    items=items,
                )
            )
    return suggestions


def default_selection(
    suggestions: Sequence[Suggestion],
    *,
    max_measures: int | None = None,
    covered: Set[int] = frozenset(),
) -> list[Suggestion]:
    """The measures a default plan takes: one per indicator below 100.

    For each weak indicator (urgent first, then by score impact — the order of
    :func:`suggest`) its first suggestion, which is aimed at its lowest, highest-impact
    items. Indicators in ``covered`` (already answered by the plan) are left out; at
    most ``max_measures`` are kept, the most urgent first. No maintain-level measure is
    chosen: an indicator at 100 needs one only where the agency adds it.
    """
    chosen: list[Suggestion] = []
    seen = set(covered)
    for suggestion in suggestions:
        number = suggestion.indicator
        if number is None or number in seen:
            continue
        seen.add(number)
        chosen.append(suggestion)
    return chosen if max_measures is None else chosen[: max(max_measures, 0)]
