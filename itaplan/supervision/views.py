"""The supervisor's dashboard and its XLSX export: read-only, GET only.

Both go through :func:`itaplan.supervision.access.subtree_for`, so a user who
supervises nothing gets 404 and a supervisor never sees outside their subtree.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from itaplan.agencies.models import Agency
from itaplan.domain.criteria import available_years
from itaplan.supervision import selectors
from itaplan.supervision.access import subtree_for
from itaplan.supervision.export import workbook_bytes
from itaplan.supervision.forms import read_filters

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    subtree = subtree_for(request.user)
    filters, _form = read_filters(request.GET, subtree)
    board = selectors.dashboard(subtree, filters, timezone.localdate())
    provinces = list(subtree.provinces())
    one_province = filters.province or (provinces[0] if len(provinces) == 1 else None)
    districts = (
        list(subtree.districts().filter(province=one_province)) if one_province is not None else []
    )
    return render(
        request,
        "supervision/dashboard.html",
        {
            "subtree": subtree,
            "filters": filters,
            "board": board,
            "years": list(reversed(available_years())),
            "provinces": provinces,
            "districts": districts,
            "kinds": Agency.Kind.choices,
        },
    )


@login_required
@require_GET
def export(request: HttpRequest) -> HttpResponse:
    subtree = subtree_for(request.user)
    filters, _form = read_filters(request.GET, subtree)
    agencies = selectors.filtered_agencies(subtree, filters)
    framework = selectors.resolve_year(agencies, filters)
    content = workbook_bytes(
        framework, selectors.all_rows(agencies, framework, filters, timezone.localdate()), subtree
    )
    response = HttpResponse(content, content_type=XLSX)
    name = f"itaplan-supervision-{framework.fiscal_year}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
