"""``{% can_download_round_report user agency as allowed %}`` for the round page's buttons,
and ``{% oit_code year "measures" as code %}``: the year's OIT code of the measures
document ("report": of its progress report), e.g. O25 in FY2569, o27's O27 in FY2568."""

from __future__ import annotations

from typing import Any

from django import template
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from itaplan.agencies.models import Agency
from itaplan.documents import access
from itaplan.domain.criteria import oit_codes

register = template.Library()


@register.simple_tag  # type: ignore[untyped-decorator]  # Django is untyped here
def can_download_round_report(user: AbstractBaseUser | AnonymousUser, agency: Agency) -> bool:
    return access.can_download_round_report(user, agency)


@register.simple_tag  # type: ignore[untyped-decorator]  # Django is untyped here
def oit_code(fiscal_year: int, which: str) -> str:
    """The printed OIT code of the year's measures (``which="measures"``) or report item,
    or an empty string when the year's criteria do not know it."""
    measures, report = oit_codes(int(fiscal_year))
    return (measures if which == "measures" else report) or ""


@register.simple_tag  # type: ignore[untyped-decorator]  # Django is untyped here
def document_blanks(agency: Agency, approvable: Any) -> tuple[str, ...]:
    """What the o27/o28 of a plan or round will print as dotted lines to fill in by hand."""
    from itaplan.documents import services

    return services.document_blanks(agency, approvable)
