"""Template filters for progress pages: status badges and how far a date is."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.utils import timezone

from itaplan.domain.thai import format_date, to_thai_digits
from itaplan.progress.evidence import size_text

register = template.Library()


@register.filter
def progress_badge(status: str) -> str:
    """The badge colour of a progress status ("" for a measure never reported)."""
    return {
        "done": "ok",
        "in_progress": "",
        "not_started": "warn",
        "cancelled": "muted",
    }.get(status, "bad")


@register.filter
def days_text(days: int, agency: Any) -> str:
    """``อีก ๑๒ วัน``, ``วันนี้``, ``เลยกำหนด ๓ วัน`` in the agency's digits."""
    if days > 0:
        text = f"อีก {days} วัน"
    elif days == 0:
        text = "ครบกำหนดวันนี้"
    else:
        text = f"เลยกำหนด {-days} วัน"
    return _digits(text, agency)


@register.filter
def percent_text(value: float | int | None, agency: Any) -> str:
    """``๗๕%`` or ``62.5%``; ``–`` when there is nothing to count."""
    if value is None:
        return "–"
    text = f"{value:.0f}%" if float(value).is_integer() else f"{value:.1f}%"
    return _digits(text, agency)


def _digits(text: str, agency: Any) -> str:
    return to_thai_digits(text) if getattr(agency, "thai_digits", True) else text


@register.filter
def be_datetime(value: dt.datetime | None, agency: Any) -> str:
    """A moment in local time and the Buddhist era: ``๒๒ พ.ย. ๖๙ ๐๙:๐๓``."""
    if value is None:
        return "–"
    local = timezone.localtime(value)
    thai = bool(getattr(agency, "thai_digits", True))
    return (
        f"{format_date(local.date(), thai_digits=thai)} {_digits(local.strftime('%H:%M'), agency)}"
    )


@register.filter
def file_size(value: int | None, agency: Any) -> str:
    """``45 ไบต์``, ``2 KB``, ``3.5 MB`` in the agency's digits."""
    return "–" if value is None else _digits(size_text(value), agency)
