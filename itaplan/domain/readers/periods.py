"""Periods (ระยะเวลาดำเนินการ) as agencies print them, read into Christian-era dates.

Shapes read: a range of days (``๑ ต.ค. ๖๘ ถึง ๓๐ ก.ย. ๖๙``, ``1 ตุลาคม 2568 - 30 กันยายน
2569``, ``1/10/2568 – 30/9/2569``), of months (``มกราคม 2565 ถึง มีนาคม 2565``,
``ม.ค. - มี.ค. 66`` with the year written once at the end), one month (``มีนาคม 2566``),
a deadline (``ภายใน 31 มี.ค. 66``), quarters of the fiscal year (``ไตรมาสที่ 2``,
``ไตรมาส 1-2``) and the whole year (``ตลอดปีงบประมาณ``, ``ปีงบประมาณ พ.ศ. 2569``).
Thai or Arabic digits; Buddhist-era years of four or two digits (``๖๘`` = 2568).
Month names and abbreviations come from PyThaiNLP.

Where the text leaves something out (no year, no day) the plan's fiscal year
fills it in: months October–December belong to the calendar year before.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from pythainlp.util.date import thai_full_month_lists

from itaplan.domain.thai import BE_OFFSET, fiscal_year_bounds, to_arabic_digits


@dataclass(frozen=True)
class Period:
    """A period read from text: first and last day (Christian-era dates)."""

    start: dt.date
    end: dt.date


def _month_pattern(name: str) -> str:
    """A month name or abbreviation. ``ม.ค.`` may lose a dot or gain a space; without
    any dot (``มค``) it must stand alone, so ``ตามความ`` is not read as January."""
    if "." not in name:
        return re.escape(name)
    first, second = (re.escape(part) for part in name.split(".") if part)
    return rf"(?:{first}\.\s*{second}\.?|{first}\s*{second}\.|(?<![ก-์]){first}{second}(?![ก-์]))"


#: Every spelling PyThaiNLP knows, longest first so ``มีนาคม`` is not read as ``มีนา``.
_MONTH_NAMES = sorted(
    (
        (spelling, number)
        for number, names in enumerate(thai_full_month_lists, start=1)
        for spelling in names
        if not spelling.isdigit()
    ),
    key=lambda pair: -len(pair[0]),
)
_MONTH_NUMBER = {"".join(s.split(".")): n for s, n in _MONTH_NAMES}
_MONTH = "|".join(_month_pattern(s) for s, _ in _MONTH_NAMES)
_YEAR = r"(?:พ\.?\s*ศ\.?\s*)?(\d{4}|\d{2})(?!\d)"
#: ``[day] month [year]``: a day only when it is followed by a month.
_NAMED_DAY = re.compile(rf"(?:(?<!\d)(\d{{1,2}})\s*)?({_MONTH})\s*(?:{_YEAR})?")
_NUMERIC_DAY = re.compile(r"(?<!\d)(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4}|\d{2})(?!\d)")
_QUARTERS = re.compile(
    r"ไตรมาส\s*(?:ที่)?\s*([1-4])(?:\s*(?:-|–|ถึง|และ|,)\s*(?:ไตรมาส\s*(?:ที่)?\s*)?([1-4]))?"
)
_WHOLE_YEAR = re.compile(rf"(?:ตลอด\s*)?ปี\s*งบ\s*ประมาณ\s*(?:{_YEAR})?")
_THROUGHOUT = re.compile(r"ตลอด\s*(?:ปี|ทั้งปี)")
_DEADLINE = re.compile(r"ภายใน|ก่อน|ไม่เกิน|กำหนดแล้วเสร็จ")


@dataclass(frozen=True)
class _Day:
    day: int | None
    month: int
    year: int | None  # Christian era
    at: int


def year_ce(digits: str) -> int:
    """The Christian-era year of a printed year: ``2568``/``68`` (BE) or ``2025`` (CE).

    Two digits are Buddhist era (``๖๘`` = 2568) except below 40, which can only be a
    Christian-era year (2000–2039): agencies print BE years 2540–2599 as 40–99.
    """
    value = int(digits)
    if len(digits) <= 2:
        return 2000 + value if value < 40 else 2500 + value - BE_OFFSET
    return value - BE_OFFSET if value >= 2400 else value


def _days(text: str) -> list[_Day]:
    found: list[_Day] = []
    taken: list[tuple[int, int]] = []
    for m in _NUMERIC_DAY.finditer(text):
        day, month = int(m[1]), int(m[2])
        if 1 <= month <= 12:
            found.append(_Day(day, month, year_ce(m[3]), m.start()))
            taken.append(m.span())
    for m in _NAMED_DAY.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        named = _MONTH_NUMBER.get("".join(re.sub(r"\s", "", m[2]).split(".")))
        if named is None:
            continue
        found.append(
            _Day(int(m[1]) if m[1] else None, named, year_ce(m[3]) if m[3] else None, m.start())
        )
    return sorted(found, key=lambda d: d.at)


def _in_plan_year(month: int, plan_year: int | None) -> int | None:
    """The calendar year (CE) of a month of the plan's fiscal year."""
    if plan_year is None:
        return None
    first, last = fiscal_year_bounds(plan_year)
    return first.year if month >= 10 else last.year


def _date(year: int, month: int, day: int | None, *, last: bool) -> dt.date | None:
    final = calendar.monthrange(year, month)[1]
    if day is None:
        day = final if last else 1
    if not 1 <= day <= final:
        return None
    return dt.date(year, month, day)


def _range(first: _Day, second: _Day | None, plan_year: int | None) -> Period | None:
    end_day = second or first
    end_year = end_day.year
    start_year = first.year
    if end_year is None and start_year is not None:
        end_year = start_year + (1 if end_day.month < first.month else 0)
    if start_year is None and end_year is not None:
        start_year = end_year - (1 if first.month > end_day.month else 0)
    if start_year is None:
        start_year = _in_plan_year(first.month, plan_year)
        end_year = _in_plan_year(end_day.month, plan_year)
    if start_year is None or end_year is None:
        return None
    start = _date(start_year, first.month, first.day, last=False)
    end = _date(end_year, end_day.month, end_day.day, last=True)
    if start is None or end is None:
        return None
    return Period(start, end)


def _quarters(match: re.Match[str], plan_year: int) -> Period:
    first, _ = fiscal_year_bounds(plan_year)
    q1 = int(match[1])
    q2 = int(match[2] or match[1])
    q1, q2 = min(q1, q2), max(q1, q2)
    start_month = first.month + 3 * (q1 - 1)
    end_month = first.month + 3 * q2 - 1
    start = dt.date(first.year + (start_month - 1) // 12, (start_month - 1) % 12 + 1, 1)
    end_year, end_month = first.year + (end_month - 1) // 12, (end_month - 1) % 12 + 1
    return Period(start, dt.date(end_year, end_month, calendar.monthrange(end_year, end_month)[1]))


def read_period(text: str, plan_year: int | None = None) -> Period | None:
    """The period a cell gives, or ``None`` when it gives none that can be read.

    ``plan_year`` (BE) fills in what the text leaves out; it never replaces what the
    text says, so a period printed for another year is read as printed (and the
    caller flags it).
    """
    plain = " ".join(to_arabic_digits(text or "").split())
    if not plain:
        return None
    days = _days(plain)
    if len(days) >= 2:
        return _range(days[0], days[-1], plan_year)
    if len(days) == 1:
        only = days[0]
        if _DEADLINE.search(plain[: only.at]) and plan_year is not None:
            end = _range(only, None, plan_year)
            start = fiscal_year_bounds(plan_year)[0]
            return Period(start, end.end) if end is not None and start <= end.end else end
        return _range(only, None, plan_year)
    quarters = _QUARTERS.search(plain)
    if quarters and plan_year is not None:
        return _quarters(quarters, plan_year)
    whole = _WHOLE_YEAR.search(plain)
    if whole and whole[1]:
        year = year_ce(whole[1]) + BE_OFFSET
        return Period(*fiscal_year_bounds(year))
    if (whole or _THROUGHOUT.search(plain)) and plan_year is not None:
        return Period(*fiscal_year_bounds(plan_year))
    return None
