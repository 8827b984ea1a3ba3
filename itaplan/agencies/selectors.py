"""Reading agencies for the pages."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import OuterRef, Q, QuerySet, Subquery

from itaplan.agencies.models import Agency


def agencies_for_home(user: AbstractBaseUser | AnonymousUser, query: str = "") -> QuerySet[Agency]:
    """Agencies the user may read, with their latest current result's year, total and level."""
    from itaplan.results.models import Result

    latest = Result.objects.current().filter(agency=OuterRef("pk")).order_by("-fiscal_year")
    agencies = (
        Agency.objects.visible_to(user)
        .select_related("district__province")
        .annotate(
            latest_year=Subquery(latest.values("fiscal_year")[:1]),
            latest_total=Subquery(latest.values("computed_total")[:1]),
            latest_level=Subquery(latest.values("computed_level")[:1]),
            latest_findings=Subquery(latest.values("finding_count")[:1]),
        )
        .order_by("district__province__name", "district__name", "name")
    )
    query = query.strip()
    if query:
        agencies = agencies.filter(
            Q(name__icontains=query)
            | Q(code__iexact=query)
            | Q(district__name__icontains=query)
            | Q(district__province__name__icontains=query)
        )
    return agencies


def reachable_people(agency: Agency, roles: Iterable[str]) -> list[AbstractBaseUser]:
    """Active people in these roles of the agency who have an e-mail address, in a stable order."""
    from django.contrib.auth import get_user_model

    users = (
        get_user_model()
        .objects.filter(
            is_active=True,
            memberships__agency=agency,
            memberships__is_active=True,
            memberships__role__in=list(roles),
        )
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )
    return list(users)
