"""Thai digits, numbers and Buddhist-era dates.

Agencies type Thai digits (๐–๙) as often as Arabic ones, and publish documents in
either; every number that enters or leaves itaplan goes through here.
"""

from __future__ import annotations

import datetime as dt
import re

from pythainlp.util import arabic_digit_to_thai_digit, thai_digit_to_arabic_digit, thai_strftime

BE_OFFSET = 543
_NUMBER = re.compile(r"^[+-]?\d+(?:\.\d+)?$")


def to_arabic_digits(text: str) -> str:
    """Return ``text`` with every Thai digit replaced by its Arabic digit."""
    return str(thai_digit_to_arabic_digit(text)) if text else text


def to_thai_digits(text: str) -> str:
    """Return ``text`` with every Arabic digit replaced by its Thai digit."""
    return str(arabic_digit_to_thai_digit(text)) if text else text


def parse_number(text: str) -> float:
    """Read a decimal number typed with Thai or Arabic digits (``"๙๖.๗๙"`` → 96.79).

    Thousands separators and surrounding spaces are ignored. Raises ``ValueError``
    with the offending text when it is not a number.
    """
    cleaned = to_arabic_digits(text).strip().replace(",", "").replace(" ", "")
    if not _NUMBER.match(cleaned):
        raise ValueError(f"ไม่ใช่ตัวเลข: {text!r}")
    return float(cleaned)


def format_score(value: float, *, thai_digits: bool = False) -> str:
    """Format a score for display: two decimals, Thai or Arabic digits."""
    text = f"{value:.2f}"
    return to_thai_digits(text) if thai_digits else text


def be_year(year_ce: int) -> int:
    """Buddhist-era year of a Common-era year."""
    return year_ce + BE_OFFSET


def ce_year(year_be: int) -> int:
    """Common-era year of a Buddhist-era year."""
    return year_be - BE_OFFSET


def fiscal_year_of(day: dt.date) -> int:
    """Thai fiscal year (BE) that contains ``day``: it runs 1 October – 30 September."""
    return be_year(day.year + 1 if day.month >= 10 else day.year)


def fiscal_year_bounds(year_be: int) -> tuple[dt.date, dt.date]:
    """First and last day of Thai fiscal year ``year_be`` (1 Oct of the year before – 30 Sep)."""
    year_ce = ce_year(year_be)
    return dt.date(year_ce - 1, 10, 1), dt.date(year_ce, 9, 30)


def format_date(day: dt.date, *, thai_digits: bool = True, short: bool = True) -> str:
    """A date in the Buddhist era, e.g. ``๑ ต.ค. ๖๘`` (short) or ``๑ ตุลาคม ๒๕๖๘`` (long)."""
    moment = dt.datetime(day.year, day.month, day.day)
    text = str(thai_strftime(moment, "%-d %b %y" if short else "%-d %B %Y"))
    return to_thai_digits(text) if thai_digits else text


def format_period(start: dt.date, end: dt.date, *, thai_digits: bool = True) -> str:
    """A date range as agencies write it: ``๑ ต.ค. ๖๘ – ๓๐ ก.ย. ๖๙``."""
    return f"{format_date(start, thai_digits=thai_digits)} – {format_date(end, thai_digits=thai_digits)}"
