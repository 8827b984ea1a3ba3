"""The dashboard's filters, read from the query string.

A wrong or stale value (another province, a year without criteria, a typo in
``sort``) is dropped rather than shown as an error: the dashboard then falls
back to the whole subtree, the latest year, the ranking.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from itaplan.agencies.models import Agency, District, Province
from itaplan.domain.criteria import available_years
from itaplan.supervision.access import Subtree

#: Ranking by total, best first.
DEFAULT_SORT = "-total"
_SORT = re.compile(r"^-?(name|total|change|i(?P<number>\d{1,2}))$")


class FilterForm(forms.Form):
    year = forms.TypedChoiceField(label=_("ปีงบประมาณของผล"), coerce=int, required=False)
    province = forms.ModelChoiceField(
        label=_("จังหวัด"), queryset=Province.objects.none(), required=False
    )
    district = forms.ModelChoiceField(
        label=_("อำเภอ"), queryset=District.objects.none(), required=False
    )
    kind = forms.ChoiceField(
        label=_("ประเภท"), choices=[("", "ทุกประเภท"), *Agency.Kind.choices], required=False
    )
    sort = forms.RegexField(regex=_SORT, required=False)
    page = forms.IntegerField(min_value=1, required=False)

    def __init__(self, data: QueryDict, subtree: Subtree) -> None:
        super().__init__(data)
        years = available_years()
        self.fields["year"].choices = [(y, str(y)) for y in reversed(years)]
        self.fields["province"].queryset = subtree.provinces()
        self.fields["district"].queryset = subtree.districts().select_related("province")


@dataclass(frozen=True)
class Filters:
    """What the supervisor asked to see; ``None`` means not narrowed."""

    year: int | None
    province: Province | None
    district: District | None
    kind: str
    sort: str
    page: int

    @property
    def sort_key(self) -> str:
        return self.sort.lstrip("-")

    @property
    def descending(self) -> bool:
        return self.sort.startswith("-")

    @property
    def sort_indicator(self) -> int | None:
        """The indicator number the table is sorted by, if any."""
        match = _SORT.match(self.sort)
        return int(match["number"]) if match and match["number"] else None

    def query(self, **changes: Any) -> str:
        """The query string of these filters with some values changed (``page=None`` drops it)."""
        values: dict[str, Any] = {
            "year": self.year,
            "province": self.province.pk if self.province else None,
            "district": self.district.pk if self.district else None,
            "kind": self.kind or None,
            "sort": self.sort if self.sort != DEFAULT_SORT else None,
            "page": self.page if self.page > 1 else None,
        }
        values.update(changes)
        query = QueryDict(mutable=True)
        for key, value in values.items():
            if value is not None and value != "":
                query[key] = str(value)
        return query.urlencode()


def read_filters(data: QueryDict, subtree: Subtree) -> tuple[Filters, FilterForm]:
    """The filters in the query string, each invalid value dropped."""
    form = FilterForm(data, subtree)
    form.is_valid()
    clean = form.cleaned_data
    province = clean.get("province")
    district = clean.get("district")
    if district is not None and province is not None and district.province_id != province.pk:
        district = None
    if district is not None and province is None:
        province = district.province
    filters = Filters(
        year=clean.get("year") or None,
        province=province,
        district=district,
        kind=clean.get("kind") or "",
        sort=clean.get("sort") or DEFAULT_SORT,
        page=clean.get("page") or 1,
    )
    return filters, form
