"""Numbers and dates on screen: the agency's digits in Thai, Arabic digits in English.

Dates stay in the Buddhist era in both languages (``๑ ต.ค. ๖๘``; ``1 Oct 2568``), as the
agency's documents are. Every page filter and view message goes through here.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import translation

from itaplan.domain.thai import be_year, format_date, to_thai_digits

_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def english() -> bool:
    return translation.get_language() == "en"


def thai_digits(agency: Any) -> bool:
    """Whether to show Thai digits: the agency's setting, on Thai pages only."""
    return not english() and bool(getattr(agency, "thai_digits", True))


def digits(value: object, agency: Any) -> str:
    """A number or text with the digits the page shows."""
    text = "" if value is None else str(value)
    return to_thai_digits(text) if thai_digits(agency) else text


def show_date(day: dt.date, agency: Any) -> str:
    """``๑ ต.ค. ๖๘`` (or ``1 ต.ค. 68``) on Thai pages, ``1 Oct 2568`` on English ones."""
    if english():
        return f"{day.day} {_MONTHS_EN[day.month - 1]} {be_year(day.year)}"
    return format_date(day, thai_digits=thai_digits(agency))


def show_period(start: dt.date, end: dt.date, agency: Any) -> str:
    return f"{show_date(start, agency)} – {show_date(end, agency)}"
