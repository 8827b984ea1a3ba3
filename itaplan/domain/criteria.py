"""The ITA criteria of one fiscal year, loaded from a data file and validated.

Each fiscal year has its own YAML file in ``frameworks/`` (``fy2568.yaml``…). A file
says what the NACC assessed that year: the tools and their weights, the ten
indicators, the items, the OIT sub-indicators, the level table, the classes used
to pick what to fix, the o27/o28 item codes and the mapping of item codes to the
previous year. Every record carries a ``source`` saying where the fact comes from
and how sure we are of it, so the UI can say plainly what is verified, what is
inferred and what is unknown.

A year may ``inherit`` another year's file: every record it does not restate is
taken over and its source is marked "assumed: unchanged from FY…". That is how a
year whose manual has not been read still scores results, without pretending to
know more than we do. A year that restates its items may keep the parent's items of
some tools (``inherit_items_of: [IIT, EIT]``) and list only the ones that changed.

``level_cases`` records results agencies printed with their level; each must be one the
year's level rules can give, so a rule that contradicts a printed result fails the check.

A malformed or inconsistent file raises :class:`CriteriaError` naming the file and
the field.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from itaplan.domain.messages import Message, said

#: libyaml's safe loader when PyYAML was built with it (ten times faster).
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

FRAMEWORKS_DIR = Path(__file__).with_name("frameworks")

ToolCode = Literal["IIT", "EIT", "OIT"]
TOOL_ORDER: tuple[ToolCode, ...] = ("IIT", "EIT", "OIT")

#: How sure we are of a fact, from best to worst. The word before the colon of a
#: ``source`` string must be one of these.
CONFIDENCE = {
    "verified": "ตรวจสอบจากเอกสารต้นทางแล้ว",
    "recomputed": "คำนวณซ้ำจากคะแนนที่ประกาศแล้วตรงกัน",
    "seed": "อ่านจากเอกสารจริงของหน่วยงาน (ยังไม่ได้ตรวจกับคู่มือ ป.ป.ช.)",
    "replica": "อ่านจากสำเนาแบบวัดที่หน่วยงานอื่นจัดทำ",
    "secondary": "อ่านจากแหล่งรอง (โค้ดหรือเว็บไซต์ของหน่วยงานอื่น)",
    "inferred": "อนุมานจากข้อมูลข้างต้น ยังไม่พบในเอกสารทางการ",
    "assumed": "สมมติว่าไม่เปลี่ยนจากปีก่อน ยังไม่ได้ตรวจสอบ",
    "recalled": "จากความจำ ยังไม่พบแหล่งอ้างอิง",
    "unknown": "ยังไม่ทราบ",
}
_SOURCE = re.compile(r"^(?P<status>[a-z]+):\s*(?P<detail>\S.*)$", re.DOTALL)


#: How an indicator's score comes from its items, said per aggregation of the data files.
_AGGREGATION: dict[str, Callable[[int], Message]] = {
    "mean_of_items": lambda n: said("ตัวชี้วัดที่ %(number)s: ค่าเฉลี่ยของคะแนนประเด็นการประเมิน", number=n),
    "mean_of_sub_indicators": lambda n: said("ตัวชี้วัดที่ %(number)s: ค่าเฉลี่ยของคะแนนตัวชี้วัดย่อย", number=n),
    "unknown": lambda n: said("ตัวชี้วัดที่ %(number)s: ยังไม่ทราบวิธีคำนวณจากประเด็นการประเมิน", number=n),
}


class CriteriaError(ValueError):
    """A criteria file is missing, malformed or inconsistent."""


@dataclass(frozen=True)
class Provenance:
    """Where a fact comes from: a confidence word and the source or the reasoning."""

    status: str
    detail: str

    @classmethod
    def parse(cls, text: str, statuses: Mapping[str, str] = CONFIDENCE) -> Provenance:
        """Read ``"status: detail"``; raise ``ValueError`` for a status not in ``statuses``."""
        match = _SOURCE.match(text.strip())
        if not match or match["status"] not in statuses:
            known = ", ".join(statuses)
            raise ValueError(f"source must read '<status>: <where>' with status one of {known}")
        return cls(match["status"], match["detail"].strip())

    @property
    def is_official(self) -> bool:
        """True when the fact was read in, or recomputed from, an official source."""
        return self.status in ("verified", "recomputed")

    @property
    def label(self) -> str:
        """The confidence in Thai, for the UI."""
        return CONFIDENCE[self.status]

    def __str__(self) -> str:
        return f"{self.status}: {self.detail}"


class SourcedRecord(BaseModel):
    """A record of a year data file: frozen, no unknown fields, and a ``source`` that
    states its provenance (``status: where``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    source: str

    @field_validator("source")
    @classmethod
    def _source_is_provenance(cls, value: str) -> str:
        Provenance.parse(value)
        return value

    @property
    def provenance(self) -> Provenance:
        return Provenance.parse(self.source)


class Tool(SourcedRecord):
    """A tool (แบบวัด): IIT, EIT or OIT, with its weight in the total in percent."""

    code: ToolCode
    name: str
    weight: float = Field(gt=0, le=100)


class Indicator(SourcedRecord):
    """An indicator (ตัวชี้วัด) and how its score is built from its items, if known."""

    number: int = Field(ge=1)
    name: str
    tool: ToolCode
    #: Other names agencies print for it ("การปรับปรุงการทำงาน"), for the parser.
    aliases: tuple[str, ...] = ()
    #: ``mean_of_items``, ``mean_of_sub_indicators`` or ``unknown`` (score only as printed).
    aggregation: Literal["mean_of_items", "mean_of_sub_indicators", "unknown"] = "unknown"


class SubIndicator(SourcedRecord):
    """An OIT sub-indicator (e.g. 9.1 ข้อมูลพื้นฐาน): the mean of its items."""

    code: str = Field(pattern=r"^\d+\.\d+$")
    name: str
    indicator: int


class Item(SourcedRecord):
    """An assessment item (ประเด็นการประเมิน): a question (i/e) or a disclosure item (o)."""

    code: str = Field(pattern=r"^[ieo]\d+$")
    text: str
    indicator: int
    sub_indicator: str | None = None
    #: The scores the item may take; ``None`` means any score from 0 to 100.
    allowed_scores: tuple[float, ...] | None = None


class LevelRule(SourcedRecord):
    """One level of the level table. Rules are tried top-down; the first match wins."""

    label: str
    min_total: float = Field(ge=0, le=100)
    min_each_tool: float | None = None
    min_each_indicator: float | None = None

    def matches(
        self, total: float, tools: Mapping[str, float], indicators: Mapping[int, float]
    ) -> bool:
        """Whether a result with these scores reaches this level."""
        if total < self.min_total:
            return False
        if self.min_each_tool is not None and min(tools.values()) < self.min_each_tool:
            return False
        return not (
            self.min_each_indicator is not None
            and min(indicators.values()) < self.min_each_indicator
        )


class ScoreClass(SourcedRecord):
    """A class of indicator score used to pick what to fix (e.g. below 85 → urgent)."""

    key: Literal["urgent", "improve", "maintain"]
    label: str
    min_score: float = Field(ge=0, le=100)


class ItemRef(SourcedRecord):
    """A named item of the year, e.g. the measures item o27."""

    code: str | None


class PreviousYear(SourcedRecord):
    """How this year's item codes map to the previous year's."""

    fiscal_year: int
    #: This year's code → last year's code. Missing codes: mapping unknown.
    codes: dict[str, str] = Field(default_factory=dict)
    #: Last year's items folded into one of this year's (``o10`` also holds last year's
    #: ``o11``), beside the code it continues in ``codes``.
    merged: dict[str, tuple[str, ...]] = Field(default_factory=dict)

    def predecessors(self, code: str) -> tuple[str, ...]:
        """Every item of last year this year's ``code`` continues, the main one first."""
        main = self.codes.get(code)
        return (*((main,) if main else ()), *self.merged.get(code, ()))


class LevelCase(SourcedRecord):
    """A result an agency printed with its level: evidence for (or against) the level rule.

    Only the total may be known; tool and indicator scores are kept when printed.
    """

    agency: str
    total: float = Field(ge=0, le=100)
    printed_level: str
    tools: dict[str, float] = Field(default_factory=dict)
    indicators: dict[int, float] = Field(default_factory=dict)


class FrameworkFile(BaseModel):
    """The whole data file of one fiscal year, as written in YAML."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    fiscal_year: int = Field(ge=2500, le=2700)
    summary: str
    #: Plain statements of what is not known for this year, shown in the UI.
    unknowns: tuple[str, ...] = ()
    tools: tuple[Tool, ...]
    indicators: tuple[Indicator, ...]
    sub_indicators: tuple[SubIndicator, ...] = ()
    items: tuple[Item, ...] = ()
    levels: tuple[LevelRule, ...]
    classes: tuple[ScoreClass, ...]
    pass_mark: float
    pass_mark_source: str
    measures_item: ItemRef
    report_item: ItemRef
    previous_year: PreviousYear
    #: Printed results with their levels, checked against ``levels``.
    level_cases: tuple[LevelCase, ...] = ()

    @field_validator("pass_mark_source")
    @classmethod
    def _pass_mark_source(cls, value: str) -> str:
        Provenance.parse(value)
        return value

    @model_validator(mode="after")
    def _consistent(self) -> FrameworkFile:
        _check_consistency(self)
        return self


def _duplicates(values: list[Any]) -> list[Any]:
    seen: set[Any] = set()
    repeated: set[Any] = set()
    for value in values:
        (repeated if value in seen else seen).add(value)
    return sorted(repeated, key=str)


def _check_consistency(f: FrameworkFile) -> None:
    tool_codes = [t.code for t in f.tools]
    if sorted(tool_codes) != sorted(TOOL_ORDER):
        raise ValueError(f"tools: expected IIT, EIT and OIT once each, found {tool_codes}")
    weight = sum(t.weight for t in f.tools)
    if abs(weight - 100) > 1e-9:
        raise ValueError(f"tools: weights add up to {weight}, not 100")
    numbers = [i.number for i in f.indicators]
    if dup := _duplicates(numbers):
        raise ValueError(f"indicators: number {dup} appears more than once")
    for tool in TOOL_ORDER:
        if not any(i.tool == tool for i in f.indicators):
            raise ValueError(f"indicators: no indicator for tool {tool}")
    subs = {s.code: s for s in f.sub_indicators}
    if dup := _duplicates([s.code for s in f.sub_indicators]):
        raise ValueError(f"sub_indicators: code {dup} appears more than once")
    for sub in f.sub_indicators:
        if sub.indicator not in numbers:
            raise ValueError(f"sub_indicators[{sub.code}].indicator: no indicator {sub.indicator}")
    if dup := _duplicates([i.code for i in f.items]):
        raise ValueError(f"items: code {dup} appears more than once")
    by_number = {i.number: i for i in f.indicators}
    for item in f.items:
        where = f"items[{item.code}]"
        if item.indicator not in by_number:
            raise ValueError(f"{where}.indicator: no indicator {item.indicator}")
        if item.sub_indicator is not None:
            owner = subs.get(item.sub_indicator)
            if owner is None:
                raise ValueError(f"{where}.sub_indicator: no sub-indicator {item.sub_indicator}")
            if owner.indicator != item.indicator:
                raise ValueError(
                    f"{where}.sub_indicator: {owner.code} belongs to indicator {owner.indicator}, "
                    f"not {item.indicator}"
                )
        if item.allowed_scores and any(not 0 <= s <= 100 for s in item.allowed_scores):
            raise ValueError(f"{where}.allowed_scores: scores must lie between 0 and 100")
    for ind in f.indicators:
        where = f"indicators[{ind.number}].aggregation"
        items = [i for i in f.items if i.indicator == ind.number]
        if ind.aggregation != "unknown" and not items:
            raise ValueError(f"{where}: {ind.aggregation} but the year lists no item for it")
        if ind.aggregation == "mean_of_sub_indicators":
            loose = [i.code for i in items if i.sub_indicator is None]
            if loose:
                raise ValueError(f"{where}: items {loose} have no sub_indicator")
    if not f.levels or f.levels[-1].min_total != 0:
        raise ValueError("levels: the last level must start at min_total 0")
    totals = [lv.min_total for lv in f.levels]
    if totals != sorted(totals, reverse=True):
        raise ValueError("levels: rules must be ordered from the highest min_total down")
    keys = [c.key for c in f.classes]
    if sorted(keys) != sorted(["urgent", "improve", "maintain"]):
        raise ValueError(f"classes: expected urgent, improve and maintain once each, found {keys}")
    mins = [c.min_score for c in f.classes]
    if mins != sorted(mins) or mins[0] != 0:
        raise ValueError("classes: min_score must rise from 0")
    codes = {i.code for i in f.items}
    for name in ("measures_item", "report_item"):
        ref: ItemRef = getattr(f, name)
        if ref.code is not None and codes and ref.code not in codes:
            raise ValueError(f"{name}.code: {ref.code} is not an item of the year")
    for code in (*f.previous_year.codes, *f.previous_year.merged):
        if code not in codes:
            raise ValueError(f"previous_year.codes: {code} is not an item of the year")
    for case in f.level_cases:
        if problem := _level_case_problem(f.levels, case):
            raise ValueError(f"level_cases[{case.agency} {case.total:g}]: {problem}")
    if f.previous_year.fiscal_year != f.fiscal_year - 1:
        raise ValueError("previous_year.fiscal_year: must be the year before")


def _level_case_problem(levels: tuple[LevelRule, ...], case: LevelCase) -> str | None:
    """Why the level rules cannot give ``case`` its printed level, or ``None``.

    With every tool and indicator score printed the rules must give exactly the printed
    level; with only the total, some scores the case leaves open must be able to give it:
    each level above it that the total reaches must ask for more than the total.
    """
    labels = [lv.label for lv in levels]
    if case.printed_level not in labels:
        return f"printed level {case.printed_level} is not a level of the year"
    if case.tools and case.indicators:
        found = next(
            lv.label for lv in levels if lv.matches(case.total, case.tools, case.indicators)
        )
        if found != case.printed_level:
            return f"the rules give {found}, not the printed {case.printed_level}"
        return None
    printed = levels[labels.index(case.printed_level)]
    if case.total < printed.min_total:
        return f"a total of {case.total:g} is below {printed.min_total:g} for {printed.label}"
    for higher in levels[: labels.index(case.printed_level)]:
        needs_more = higher.min_each_tool is not None or higher.min_each_indicator is not None
        if case.total >= higher.min_total and not needs_more:
            return f"a total of {case.total:g} alone reaches {higher.label}"
    return None


@dataclass(frozen=True)
class Framework:
    """The validated criteria of one fiscal year, with look-ups the engine needs."""

    data: FrameworkFile
    path: Path

    @property
    def fiscal_year(self) -> int:
        return self.data.fiscal_year

    @property
    def tools(self) -> tuple[Tool, ...]:
        return tuple(sorted(self.data.tools, key=lambda t: TOOL_ORDER.index(t.code)))

    @property
    def indicators(self) -> tuple[Indicator, ...]:
        return tuple(sorted(self.data.indicators, key=lambda i: i.number))

    @property
    def items(self) -> tuple[Item, ...]:
        return self.data.items

    @functools.cached_property
    def _indicator_by_number(self) -> dict[int, Indicator]:
        return {i.number: i for i in self.data.indicators}

    @functools.cached_property
    def _item_by_code(self) -> dict[str, Item]:
        return {i.code: i for i in self.data.items}

    def tool(self, code: str) -> Tool:
        """The tool with this code."""
        return next(t for t in self.data.tools if t.code == code)

    def indicator(self, number: int) -> Indicator:
        """The indicator with this number; ``KeyError`` if the year has none."""
        return self._indicator_by_number[number]

    def has_indicator(self, number: int) -> bool:
        return number in self._indicator_by_number

    def item(self, code: str) -> Item:
        """The item with this (canonical, lower-case) code; ``KeyError`` if unknown."""
        return self._item_by_code[code]

    def has_item(self, code: str) -> bool:
        return code in self._item_by_code

    def indicators_of(self, tool: str) -> tuple[Indicator, ...]:
        """The indicators of a tool, in number order."""
        return tuple(i for i in self.indicators if i.tool == tool)

    def items_of(self, indicator: int) -> tuple[Item, ...]:
        """The items of an indicator, in file order."""
        return tuple(i for i in self.data.items if i.indicator == indicator)

    def sub_indicators_of(self, indicator: int) -> tuple[SubIndicator, ...]:
        return tuple(s for s in self.data.sub_indicators if s.indicator == indicator)

    def items_of_sub_indicator(self, code: str) -> tuple[Item, ...]:
        return tuple(i for i in self.data.items if i.sub_indicator == code)

    def indicator_weight(self, number: int) -> float:
        """Share of the total (0–1) carried by one indicator: tool weight ÷ its indicators."""
        ind = self.indicator(number)
        return self.tool(ind.tool).weight / 100 / len(self.indicators_of(ind.tool))

    def item_weight(self, code: str) -> float | None:
        """Share of the total (0–1) carried by one item, or ``None`` when the year's
        rule for building its indicator from items is unknown."""
        item = self.item(code)
        ind = self.indicator(item.indicator)
        share = self.indicator_weight(ind.number)
        if ind.aggregation == "mean_of_items":
            return share / len(self.items_of(ind.number))
        if ind.aggregation == "mean_of_sub_indicators" and item.sub_indicator:
            subs = self.sub_indicators_of(ind.number)
            return share / len(subs) / len(self.items_of_sub_indicator(item.sub_indicator))
        return None

    def classify(self, score: float) -> ScoreClass:
        """The class (urgent / improve / maintain) of an indicator score."""
        found = self.data.classes[0]
        for cls in self.data.classes:
            if score >= cls.min_score:
                found = cls
        return found

    def normalise_item_code(self, raw: str) -> str | None:
        """Canonical code of an item as printed (``"O13"``, ``"o๑๓"``, ``"๐๑๓"``) or
        ``None`` when it is not an item of this year."""
        from itaplan.domain.thai import to_arabic_digits

        text = raw.strip()
        if text[:1] == "๐" and len(text) > 1:  # the letter o read as a Thai zero
            text = "o" + text[1:]
        code = to_arabic_digits(text).lower()
        code = re.sub(r"^([ieo])0*(\d+)$", r"\1\2", code)
        return code if code in self._item_by_code else None

    def describe_sources(self) -> Iterator[tuple[Message, Provenance]]:
        """Every sourced fact of the year as (what, provenance), said in Thai for the
        people reading the criteria (``criteria show``, the result page)."""
        for t in self.tools:
            yield (
                said("น้ำหนักแบบวัด %(tool)s: ร้อยละ %(weight)s", tool=t.code, weight=f"{t.weight:g}"),
                t.provenance,
            )
        for i in self.indicators:
            yield _AGGREGATION[i.aggregation](i.number), i.provenance
        for lv in self.data.levels:
            yield said("เกณฑ์ระดับ %(level)s", level=lv.label), lv.provenance
        yield said("คะแนนผ่านเกณฑ์"), Provenance.parse(self.data.pass_mark_source)
        measures, report = self.measures_code, self.report_code
        yield (
            said("รหัสประเด็นมาตรการส่งเสริมคุณธรรมและความโปร่งใส: %(code)s", code=measures or "–"),
            (self.data.measures_item.provenance),
        )
        yield (
            said("รหัสประเด็นรายงานผลการดำเนินการตามมาตรการ: %(code)s", code=report or "–"),
            (self.data.report_item.provenance),
        )
        yield said("การเทียบรหัสประเด็นกับปีก่อน"), self.data.previous_year.provenance
        for case in self.data.level_cases:
            case_said = said(
                "กรณีตัวอย่างการจัดระดับ: %(agency)s ได้ %(total)s คะแนน พิมพ์ระดับ %(level)s",
                agency=case.agency,
                total=f"{case.total:g}",
                level=case.printed_level,
            )
            yield case_said, case.provenance

    def display_code(self, code: str) -> str:
        """An item code as the NACC prints it: ``o25`` → ``O25``, ``i3`` → ``i3``."""
        return code.upper() if code.startswith("o") else code

    @property
    def measures_code(self) -> str | None:
        """The printed code of the year's measures item (``o27``, ``O25`` …), if known."""
        code = self.data.measures_item.code
        return self.display_code(code) if code else None

    @property
    def report_code(self) -> str | None:
        """The printed code of the year's report item (``o28``, ``O26`` …), if known."""
        code = self.data.report_item.code
        return self.display_code(code) if code else None


def read_yaml(path: Path, error: type[ValueError] = CriteriaError) -> dict[str, Any]:
    """The top-level mapping of a data file, without its ``x-`` anchor keys.

    Raises ``error`` naming the file when it is missing, not YAML, or not a mapping.
    """
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER)
    except FileNotFoundError as exc:
        raise error(f"{path.name}: file not found") from exc
    except yaml.YAMLError as exc:
        raise error(f"{path.name}: not valid YAML: {exc}") from exc
    if not isinstance(raw, dict):
        raise error(f"{path.name}: expected a mapping at the top level")
    # "x-" keys only hold YAML anchors shared by the records below.
    return {k: v for k, v in raw.items() if not str(k).startswith("x-")}


def _assumed(record: Any, parent_year: int) -> Any:
    """Mark an inherited record's source as assumed, keeping the original reasoning."""
    if isinstance(record, dict):
        marked = {k: _assumed(v, parent_year) for k, v in record.items()}
        if "source" in record:
            marked["source"] = f"assumed: unchanged from FY{parent_year} ({record['source']})"
        return marked
    if isinstance(record, list):
        return [_assumed(r, parent_year) for r in record]
    return record


def _items_of_tools(data: dict[str, Any], tools: Any) -> list[Any]:
    """The items of ``data`` whose indicator belongs to one of ``tools`` (["IIT", "EIT"])."""
    if not isinstance(tools, list):
        raise CriteriaError("inherit_items_of: expected a list of tools such as [IIT, EIT]")
    tool_of = {
        i.get("number"): i.get("tool") for i in data.get("indicators", []) if isinstance(i, dict)
    }
    return [
        item
        for item in data.get("items", [])
        if isinstance(item, dict) and tool_of.get(item.get("indicator")) in tools
    ]


def _resolve_inheritance(
    raw: dict[str, Any], directory: Path, seen: tuple[int, ...]
) -> dict[str, Any]:
    parent_year = raw.pop("inherits", None)
    if parent_year is None:
        return raw
    if parent_year in seen:
        raise CriteriaError(f"inherits: FY{parent_year} inherits itself")
    parent_path = directory / f"fy{parent_year}.yaml"
    if not parent_path.exists():
        raise CriteriaError(f"inherits: no criteria file {parent_path.name} to inherit from")
    parent = _resolve_inheritance(read_yaml(parent_path), directory, (*seen, parent_year))
    merged = {k: _assumed(v, parent_year) for k, v in parent.items()}
    if keep := raw.pop("inherit_items_of", None):
        merged["items"] = [*_items_of_tools(merged, keep), *raw.pop("items", [])]
    if "pass_mark_source" in parent:
        merged["pass_mark_source"] = f"assumed: unchanged from FY{parent_year}"
    for drop in ("fiscal_year", "summary", "unknowns", "previous_year", "level_cases"):
        merged.pop(drop, None)
    merged.update(raw)
    return merged


#: Keys that name a record in an error message, in order of preference.
_RECORD_NAMES = ("code", "number", "label", "target", "key")


def _field_path(loc: tuple[int | str, ...], data: Mapping[str, Any]) -> str:
    """``('items', 3, 'indicator')`` → ``items[o4].indicator`` using the record's name."""
    parts: list[str] = []
    node: Any = data
    for key in loc:
        if isinstance(key, int) and isinstance(node, list | tuple) and key < len(node):
            record = node[key]
            label: Any = key
            if isinstance(record, dict):
                label = next((record[k] for k in _RECORD_NAMES if k in record), key)
            if parts:
                parts[-1] = f"{parts[-1]}[{label}]"
            node = record
        else:
            parts.append(str(key))
            node = node.get(key) if isinstance(node, dict) else None
    return ".".join(parts)


_Model = TypeVar("_Model", bound=BaseModel)


def validate_year_file(
    model: type[_Model], raw: dict[str, Any], path: Path, error: type[ValueError]
) -> _Model:
    """Validate a year's data file, raising ``error`` that names the file and the field.

    The file must be called ``fy<fiscal_year>.yaml``.
    """
    try:
        data = model.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        # Consistency checks fail on the whole file and name their own field.
        where = f"{_field_path(tuple(first['loc']), raw)}: " if first["loc"] else ""
        message = first["msg"].removeprefix("Value error, ")
        more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
        raise error(f"{path.name}: {where}{message}{more}") from exc
    year = getattr(data, "fiscal_year", None)
    if path.name != f"fy{year}.yaml":
        raise error(f"{path.name}: fiscal_year {year} belongs in fy{year}.yaml")
    return data


def load_file(path: Path) -> Framework:
    """Load and validate one criteria file; raise :class:`CriteriaError` naming file and field."""
    raw = read_yaml(path)
    try:
        raw = _resolve_inheritance(raw, path.parent, ())
    except CriteriaError as exc:
        raise CriteriaError(f"{path.name}: {exc}") from exc
    data = validate_year_file(FrameworkFile, raw, path, CriteriaError)
    return Framework(data=data, path=path)


def available_years(directory: Path = FRAMEWORKS_DIR) -> list[int]:
    """Fiscal years that have a criteria file, oldest first."""
    years = []
    for path in directory.glob("fy*.yaml"):
        match = re.fullmatch(r"fy(\d{4})\.yaml", path.name)
        if match:
            years.append(int(match[1]))
    return sorted(years)


@functools.cache
def load(fiscal_year: int, directory: Path = FRAMEWORKS_DIR) -> Framework:
    """The criteria of a fiscal year (BE); ``CriteriaError`` if there is no file for it."""
    path = directory / f"fy{fiscal_year}.yaml"
    if not path.exists():
        years = ", ".join(str(y) for y in available_years(directory))
        raise CriteriaError(f"ไม่มีเกณฑ์ของปีงบประมาณ {fiscal_year} (มี: {years})")
    return load_file(path)


def oit_codes(fiscal_year: int) -> tuple[str | None, str | None]:
    """The printed codes of the measures item and its report item of a fiscal year
    (``("O25", "O26")`` in FY2569, ``("O27", "O28")`` in FY2568); ``None`` where unknown."""
    try:
        framework = load(fiscal_year)
    except CriteriaError:
        return None, None
    return framework.measures_code, framework.report_code


def load_all(directory: Path = FRAMEWORKS_DIR) -> list[Framework]:
    """Every year's criteria, validated, oldest first."""
    return [load(year, directory) for year in available_years(directory)]
