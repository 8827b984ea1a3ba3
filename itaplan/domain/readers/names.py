"""The criteria a text is read against: indicator names and item codes of a year.

Another year's broken file must not stop an import, so every error of the criteria
loader is caught here and the year treated as unknown.
"""

from __future__ import annotations

import dataclasses
import functools
import re

from itaplan.domain import criteria
from itaplan.domain.readers.segments import compact


def load_year(year: int) -> criteria.Framework | None:
    """The criteria of ``year``, or ``None`` when the file is missing or broken."""
    try:
        return criteria.load(year)
    except Exception:
        return None


def known_years() -> list[int]:
    try:
        return criteria.available_years()
    except Exception:
        return []


def nearest_with_items(year: int | None) -> criteria.Framework | None:
    """The first year from ``year`` on with an item list (else the latest before it);
    the latest year with items when ``year`` is unknown."""
    years = known_years()
    if year is None:
        order = list(reversed(years))
    else:
        order = [y for y in years if y >= year] + [y for y in reversed(years) if y < year]
    for candidate in order:
        framework = load_year(candidate)
        if framework is not None and framework.items:
            return framework
    return None


@dataclasses.dataclass(frozen=True)
class Names:
    """Indicator names (compacted, longest first) → number, and each number's tool."""

    names: tuple[tuple[str, int], ...]
    tools: dict[int, str]
    first_of_tool: frozenset[int]

    @functools.cached_property
    def numbers(self) -> dict[str, int]:
        return dict(self.names)

    @functools.cached_property
    def pattern(self) -> re.Pattern[str] | None:
        """Every name, longest first, with optional spaces between its letters (PDF
        extraction breaks names anywhere: "การปฏิบัติ หน้าที่")."""
        if not self.names:
            return None
        gap = r"[\s\u200b\u200c\u200d\ufeff]*"
        names = (gap.join(re.escape(ch) for ch in name) for name, _ in self.names)
        return re.compile(gap + "(?:" + "|".join(names) + ")")

    def match(self, mask: str, start: int) -> tuple[int, int] | None:
        """(indicator number, end offset) of the indicator name at ``start``, spaces ignored."""
        found = self.pattern.match(mask, start) if self.pattern is not None else None
        if found is None:
            return None
        return self.numbers[compact(found.group())], found.end()


NO_NAMES = Names((), {}, frozenset())


@functools.lru_cache(maxsize=16)
def names_for(primary_year: int | None, years: tuple[int, ...]) -> Names:
    """The names of ``primary_year``'s indicators, then any other year's names and
    aliases it lacks (indicator numbers have not changed since FY2562), so that a
    document using an older name is still read."""
    frameworks: list[criteria.Framework] = []
    if primary_year is not None and (primary := load_year(primary_year)) is not None:
        frameworks.append(primary)
    for year in reversed(years):
        if year != primary_year and (framework := load_year(year)) is not None:
            frameworks.append(framework)
    by_name: dict[str, int] = {}
    tools: dict[int, str] = {}
    first: set[int] = set()
    for index, framework in enumerate(frameworks):
        for indicator in framework.indicators:
            tools.setdefault(indicator.number, indicator.tool)
            for name in (indicator.name, *indicator.aliases):
                key = compact(name)
                if key and key not in by_name:
                    by_name[key] = indicator.number
        if index == 0:
            for tool in criteria.TOOL_ORDER:
                of_tool = framework.indicators_of(tool)
                if of_tool:
                    first.add(of_tool[0].number)
    ordered = tuple(sorted(by_name.items(), key=lambda kv: -len(kv[0])))
    return Names(names=ordered, tools=tools, first_of_tool=frozenset(first))
