"""Thai digits, numbers and Buddhist-era dates.

Agencies type Thai digits (๐–๙) as often as Arabic ones, and publish documents in
either; every number that enters or leaves itaplan goes through here.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import ClassVar

from pythainlp.util import arabic_digit_to_thai_digit, thai_digit_to_arabic_digit, thai_strftime
from pythainlp.util.date import thai_abbr_months, thai_full_months

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


class DateError(ValueError):
    """A typed date that cannot be read.

    ``kind`` says why (``shape``, ``month``, ``era``, ``calendar``) so that a user interface can
    word it in its own language; ``message`` is the Thai wording, quoting the text.
    """

    MESSAGES: ClassVar[dict[str, str]] = {
        "shape": "'{text}' ไม่ใช่วันที่ กรุณาพิมพ์วัน/เดือน/ปี พ.ศ. เช่น 1/10/2568",
        "month": "'{text}': ไม่รู้จักชื่อเดือน",
        "era": "'{text}': ปี {year} ไม่ใช่ปีพุทธศักราช กรุณาพิมพ์ปี พ.ศ. เช่น {be}",
        "calendar": "'{text}': ไม่มีวันที่นี้ในปฏิทิน",
    }

    def __init__(self, kind: str, text: str, year: int = 0) -> None:
        self.kind, self.text, self.year = kind, text, year
        self.message = self.MESSAGES[kind].format(text=text, year=year, be=be_year(year))
        super().__init__(self.message)


#: Month names as agencies type them, dots dropped: full (``ตุลาคม``) or short (``ต.ค.``, ``ตค``).
_MONTHS = {
    name.replace(".", ""): n
    for months in (thai_full_months, thai_abbr_months)
    for n, name in enumerate(months, 1)
}
_DATE = re.compile(
    r"^(?P<day>\d{1,2})\s*[/.\-\s]\s*(?P<month>\d{1,2}|[\u0E00-\u0E7F.]+)\s*[/.\-\s]\s*"
    r"(?:พ\.?\s*ศ\.?\s*)?(?P<year>\d{2}|\d{4})$"
)


def parse_date(text: str) -> dt.date:
    """Read a Buddhist-era date as agencies type it, in Thai or Arabic digits.

    ``1/10/2568``, ``๑/๑๐/๒๕๖๘``, ``1-10-68``, ``1 ต.ค. 2568``, ``๑ ตุลาคม พ.ศ. ๒๕๖๘`` are all
    1 October 2025. The year is always Buddhist era (a two-digit year is 25xx); a Christian-era
    year such as 2025 is refused with a message that says so, never shifted silently.
    """
    cleaned = " ".join(to_arabic_digits(text).split())
    match = _DATE.match(cleaned)
    if not match:
        raise DateError("shape", text)
    raw_month = match["month"]
    month = int(raw_month) if raw_month.isdigit() else _MONTHS.get(raw_month.replace(".", ""))
    if month is None:
        raise DateError("month", text)
    year = int(match["year"])
    if year < 100:
        year += 2500
    if year < 2400:
        raise DateError("era", text, year)
    try:
        return dt.date(ce_year(year), month, int(match["day"]))
    except ValueError:
        raise DateError("calendar", text) from None


def format_date_numeric(day: dt.date, *, thai_digits: bool = False) -> str:
    """A date as typed in a form, day/month/Buddhist year: ``1/10/2568`` or ``๑/๑๐/๒๕๖๘``."""
    text = f"{day.day}/{day.month}/{be_year(day.year)}"
    return to_thai_digits(text) if thai_digits else text
