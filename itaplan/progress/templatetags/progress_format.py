"""Template filters for progress pages: status badges and how far a date is."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.utils import timezone
from django.utils.translation import gettext as _

from itaplan.lib import display
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
        text = _("อีก %(n)s วัน") % {"n": days}
    elif days == 0:
        text = _("ครบกำหนดวันนี้")
    else:
        text = _("เลยกำหนด %(n)s วัน") % {"n": -days}
    return _digits(text, agency)


@register.filter
def percent_text(value: float | int | None, agency: Any) -> str:
    """``๗๕%`` or ``62.5%``; ``–`` when there is nothing to count."""
    if value is None:
        return "–"
    text = f"{value:.0f}%" if float(value).is_integer() else f"{value:.1f}%"
    return _digits(text, agency)


def _digits(text: str, agency: Any) -> str:
    return display.digits(text, agency)


@register.filter
def be_datetime(value: dt.datetime | None, agency: Any) -> str:
    """A moment in local time and the Buddhist era: ``๒๒ พ.ย. ๖๙ ๐๙:๐๓``."""
    if value is None:
        return "–"
    local = timezone.localtime(value)
    return f"{display.show_date(local.date(), agency)} {_digits(local.strftime('%H:%M'), agency)}"


@register.filter
def file_size(value: int | None, agency: Any) -> str:
    """``45 ไบต์``, ``2 KB``, ``3.5 MB`` in the agency's digits."""
    return "–" if value is None else _digits(size_text(value), agency)
