"""Template helpers of the dashboard: heat classes and sortable column headers."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from itaplan.domain.criteria import Framework
from itaplan.supervision.forms import Filters

register = template.Library()


@register.filter
def heat(score: float | None, framework: Framework) -> str:
    """The CSS class of a score by the year's classes: ``heat-urgent``, ``heat-improve``…"""
    if score is None:
        return "heat-none"
    return f"heat-{framework.classify(score).key}"


@register.simple_tag
def sort_header(filters: Filters, key: str | int, label: Any, title: str = "") -> SafeString:
    """A column header link that sorts by ``key`` (an indicator when a number); a second
    click reverses the order."""
    key = f"i{key}" if isinstance(key, int) else key
    active = filters.sort_key == key
    ascending_now = active and not filters.descending
    target = f"-{key}" if ascending_now else key
    arrow = ("▲" if not filters.descending else "▼") if active else ""
    return format_html(
        '<a href="?{}" title="{}" rel="nofollow">{}</a>{}',
        filters.query(sort=target, page=None),
        title or label,
        label,
        format_html(' <span aria-hidden="true">{}</span>', arrow) if arrow else "",
    )


@register.simple_tag
def aria_sort(filters: Filters, key: str | int) -> str:
    """``aria-sort`` value of a header: which column sorts the table, and how."""
    key = f"i{key}" if isinstance(key, int) else key
    if filters.sort_key != key:
        return "none"
    return "descending" if filters.descending else "ascending"


@register.simple_tag
def query(filters: Filters, **changes: Any) -> str:
    """The current filters' query string with some values changed."""
    return filters.query(**changes)
