"""Template filters for progress pages: status badges and how far a date is."""

from __future__ import annotations

from typing import Any

from django import template

from itaplan.domain.thai import to_thai_digits

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
    return to_thai_digits(text) if getattr(agency, "thai_digits", True) else text


@register.filter
def percent_text(value: float | int | None, agency: Any) -> str:
    """``๗๕%`` or ``62.5%``; ``–`` when there is nothing to count."""
    if value is None:
        return "–"
    text = f"{value:.0f}%" if float(value).is_integer() else f"{value:.1f}%"
    return to_thai_digits(text) if getattr(agency, "thai_digits", True) else text
