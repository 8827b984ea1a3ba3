"""``{% can_download_round_report user agency as allowed %}`` for the round page's buttons."""

from __future__ import annotations

from django import template
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from itaplan.agencies.models import Agency
from itaplan.documents import access

register = template.Library()


@register.simple_tag  # type: ignore[untyped-decorator]  # Django is untyped here
def can_download_round_report(user: AbstractBaseUser | AnonymousUser, agency: Agency) -> bool:
    return access.can_download_round_report(user, agency)
