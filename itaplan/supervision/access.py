"""Which agencies a supervisor oversees: the subtree of their scopes, read-only.

The rule lives here so the dashboard, its export and its tests share it:

- a site admin (``is_superuser``) oversees every agency;
- a user with one or more :class:`SupervisorScope` oversees the union of them
  (a district, a province, or the whole country);
- anybody else — an agency member, an outsider — gets **404**: for them the
  supervision pages do not exist.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext

from itaplan.agencies.models import Agency, District, Province, SupervisorScope


@dataclass(frozen=True)
class Subtree:
    """The part of the agency tree a supervisor reads, as filters and a label."""

    #: Filter on :class:`Agency` selecting the subtree.
    agencies_q: Q
    #: Filter on :class:`District` selecting the districts of the subtree.
    districts_q: Q
    #: Filter on :class:`Province` selecting provinces with at least one district in it.
    provinces_q: Q
    #: What the subtree is, in Thai ("ทั้งประเทศ", "จ.เชียงใหม่", …).
    label: str
    national: bool

    def agencies(self) -> QuerySet[Agency]:
        """Every agency in the subtree."""
        return Agency.objects.filter(self.agencies_q)

    def provinces(self) -> QuerySet[Province]:
        return Province.objects.filter(self.provinces_q).order_by("name")

    def districts(self) -> QuerySet[District]:
        return District.objects.filter(self.districts_q).order_by("name")


_EVERYTHING = Q(pk__isnull=False)


def subtree_for(user: AbstractBaseUser | AnonymousUser) -> Subtree:
    """The subtree the user supervises; ``Http404`` when they supervise nothing."""
    if not user.is_authenticated:
        raise Http404(gettext("ไม่พบหน้านี้"))
    if user.is_superuser:
        return Subtree(_EVERYTHING, _EVERYTHING, _EVERYTHING, gettext("ทั้งประเทศ (ผู้ดูแลระบบ)"), True)
    scopes = list(
        SupervisorScope.objects.filter(user=user).select_related("province", "district__province")
    )
    if not scopes:
        raise Http404(gettext("ไม่พบหน้านี้"))
    if any(s.province_id is None and s.district_id is None for s in scopes):
        return Subtree(_EVERYTHING, _EVERYTHING, _EVERYTHING, gettext("ทั้งประเทศ"), True)
    agencies_q, districts_q, provinces_q = Q(pk__in=[]), Q(pk__in=[]), Q(pk__in=[])
    labels = []
    for scope in scopes:
        agencies_q |= scope.agency_filter()
        if scope.district_id:
            districts_q |= Q(pk=scope.district_id)
            provinces_q |= Q(pk=scope.district.province_id)
            labels.append(
                gettext("อ.%(district)s จ.%(province)s")
                % {"district": scope.district.name, "province": scope.district.province.name}
            )
        else:
            districts_q |= Q(province_id=scope.province_id)
            provinces_q |= Q(pk=scope.province_id)
            labels.append(gettext("จ.%(province)s") % {"province": scope.province.name})
    return Subtree(agencies_q, districts_q, provinces_q, ", ".join(labels), False)
