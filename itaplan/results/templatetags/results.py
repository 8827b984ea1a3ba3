"""Template filters for scores: two decimals for display, never for computing."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone, translation
from django.utils.formats import date_format
from pythainlp.util import thai_strftime

from itaplan.domain.scoring import differs as _differs
from itaplan.domain.thai import format_score

register = template.Library()


@register.filter
def score(value: Any) -> str:
    """A score with two decimals, or a dash when there is none."""
    if value is None or value == "":
        return "–"
    try:
        return format_score(float(value))
    except (TypeError, ValueError):
        return str(value)


@register.filter
def differs(printed: Any, computed: Any) -> bool:
    """Whether a printed value disagrees with the computed one beyond rounding."""
    if printed in (None, "") or computed in (None, ""):
        return False
    try:
        return _differs(float(printed), float(computed))
    except (TypeError, ValueError):
        return str(printed) != str(computed)


@register.filter
def get(mapping: Any, key: Any) -> Any:
    """``mapping[key]`` in a template, ``None`` when missing."""
    try:
        return mapping.get(key)
    except AttributeError:
        return None


@register.filter
def signed(value: Any) -> str:
    """A change with its sign: ``+0.78``, ``-1.20``."""
    if value is None:
        return "–"
    return f"{float(value):+.2f}"


@register.filter
def when(value: Any) -> str:
    """A date and time as Thai readers expect it (Buddhist era), ``22 พ.ย. 2569 08:58``."""
    if value is None:
        return "–"
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    if translation.get_language() == "th":
        return str(thai_strftime(local, "%-d %b %Y %H:%M"))
    return date_format(local, "j M Y H:i")
