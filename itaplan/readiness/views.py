"""The agency's OIT readiness page, its URL form and the check button; the area view."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from itaplan.agencies.access import can_write, get_agency_for_user
from itaplan.agencies.models import Unit
from itaplan.domain.readiness import State
from itaplan.readiness import selectors, services
from itaplan.readiness.forms import due_box, read_items
from itaplan.readiness.models import PublishedItem


def _year(year: int) -> int:
    if year not in services.years():
        raise Http404(gettext("ไม่มีเกณฑ์ OIT ของปีนี้"))
    return year


@login_required
@require_GET
def latest(request: HttpRequest, code: str) -> HttpResponse:
    agency = get_agency_for_user(request, code)
    year = selectors.default_year(PublishedItem.objects.filter(agency=agency).exclude(urls=""))
    return redirect("readiness:page", agency.code, year)


@login_required
@require_GET
def page(request: HttpRequest, code: str, year: int) -> HttpResponse:
    agency = get_agency_for_user(request, code)
    year = _year(year)
    items = services.items_for(agency, year)
    prediction = selectors.prediction(agency, year)
    _others, result_year = selectors.other_indicators(agency)
    outlook = {o.code: o for o in prediction.items}
    rows = [(item, outlook[item.code]) for item in items]
    return render(
        request,
        "readiness/page.html",
        {
            "agency": agency,
            "year": year,
            "years": services.years(),
            "rows": rows,
            "prediction": prediction,
            "result_year": result_year,
            "counts": {s.value: prediction.count(s) for s in State},
            "job": services.running_check(agency, year),
            "can_write": can_write(request.user, agency),
            "rules": services.rules_for(year),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, code: str, year: int) -> HttpResponse:
    agency = get_agency_for_user(request, code, write=True)
    year = _year(year)
    items = services.items_for(agency, year)
    errors: list[str] = []
    if request.method == "POST":
        values, errors = read_items(request.POST, agency, [i.code for i in items])
        if not errors:
            changed = services.save_items(agency, year, values)
            messages.success(request, gettext("บันทึกแล้ว %(changed)s ประเด็น") % {"changed": changed})
            return redirect("readiness:page", agency.code, year)
    rules = services.rules_for(year)
    return render(
        request,
        "readiness/edit.html",
        {
            "agency": agency,
            "year": year,
            "items": [
                (
                    i,
                    rules.framework.item(i.code).text,
                    request.POST.get(f"urls-{i.code}", "") if errors else i.urls,
                    due_box(
                        agency,
                        i.code,
                        request.POST.get(f"due-{i.code}", "") if errors else i.due_date,
                    ),
                )
                for i in items
            ],
            "units": Unit.objects.filter(agency=agency),
            "errors": errors,
        },
        status=400 if errors else 200,
    )


@login_required
@require_POST
def check(request: HttpRequest, code: str, year: int) -> HttpResponse:
    agency = get_agency_for_user(request, code, write=True)
    year = _year(year)
    if services.running_check(agency, year) is None:
        services.start_check(agency, year, request.user)
    return redirect("readiness:page", agency.code, year)


@login_required
@require_GET
def area(request: HttpRequest) -> HttpResponse:
    from itaplan.supervision.access import subtree_for
    from itaplan.supervision.forms import read_filters
    from itaplan.supervision.selectors import filtered_agencies

    subtree = subtree_for(request.user)
    filters, _form = read_filters(request.GET, subtree)
    agencies = filtered_agencies(subtree, filters)
    years = services.years()
    year = (
        filters.year
        if filters.year in years
        else selectors.default_year(
            PublishedItem.objects.filter(agency__in=agencies.values("pk")).exclude(checked_at=None)
        )
    )
    return render(
        request,
        "readiness/area.html",
        {
            "subtree": subtree,
            "filters": filters,
            "year": year,
            "years": years,
            "board": selectors.area(agencies, year, filters.page),
            "provinces": list(subtree.provinces()),
        },
    )
