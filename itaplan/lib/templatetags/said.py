"""``{{ finding.message|said }}``: a message of the core in the reader's language."""

from __future__ import annotations

from typing import Any

from django import template

from itaplan.lib.said import translated

register = template.Library()


@register.filter(name="said")
def said_filter(message: Any) -> str:
    return translated(message)
