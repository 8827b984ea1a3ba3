"""The agency menu offers its administration pages to the agency's admins only."""

from __future__ import annotations

from typing import Any

from django import template

from itaplan.agencies.access import is_agency_admin

register = template.Library()


@register.simple_tag
def administers(user: Any, agency: Any) -> bool:
    """Whether ``user`` runs ``agency``'s units, people and profile."""
    return is_agency_admin(user, agency)
