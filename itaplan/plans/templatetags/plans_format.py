"""Template filters for plans: dates and numbers in the agency's choice of digits."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.utils.translation import gettext

from itaplan.lib import display

register = template.Library()


@register.filter
def digits(value: Any, agency: Any) -> str:
    """A number or text with Thai digits when the agency uses them."""
    return display.digits(value, agency)


@register.filter
def be_date(value: dt.date | None, agency: Any) -> str:
    """A Buddhist-era date, ``๑ ต.ค. ๖๘``, in the agency's digits."""
    if value is None:
        return "–"
    return display.show_date(value, agency)


@register.filter
def period(measure: Any, agency: Any) -> str:
    """A measure's timeframe, ``๑ ต.ค. ๖๘ – ๓๐ ก.ย. ๖๙``, in the agency's digits."""
    return display.show_period(measure.start_date, measure.end_date, agency)


@register.filter
def status_class(status: str) -> str:
    """The badge colour of a plan status."""
    return {"approved": "ok", "submitted": "warn"}.get(status, "")


@register.filter
def class_badge(key: str) -> str:
    """The badge colour of an indicator class (urgent / improve / maintain)."""
    return {"urgent": "bad", "improve": "warn", "maintain": "ok"}.get(key, "")


@register.filter
def target_label(label: str) -> str:
    """A suggestion's target as the core words it, ``ตัวชี้วัดที่ 4 <name>``, in the page's language."""
    head, _, rest = label.partition(" ")
    number, _, name = rest.partition(" ")
    if head == "ตัวชี้วัดที่" and number.isdigit():
        return gettext("ตัวชี้วัดที่ %(n)s %(name)s") % {"n": number, "name": name}
    return label
