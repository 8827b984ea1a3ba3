"""The supervisor's dashboard and its XLSX export: read-only, GET only.

Both go through :func:`itaplan.supervision.access.subtree_for`, so a user who
supervises nothing gets 404 and a supervisor never sees outside their subtree.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from itaplan.agencies.models import Agency
from itaplan.domain.criteria import available_years
from itaplan.supervision import selectors
from itaplan.supervision.access import subtree_for
from itaplan.supervision.forms import read_filters


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
    """Queue the XLSX of the filtered table; the job's page shows progress, then the file."""
    from itaplan.jobs import services as jobs
    from itaplan.jobs.models import Job
    from itaplan.supervision.tasks import export_supervision

    subtree_for(request.user)  # 404 for whoever supervises nothing, before queueing
    job = jobs.create(
        Job.Kind.NATIONAL_EXPORT,
        user=request.user,
        params={"query": request.GET.urlencode()},
        enqueue=export_supervision,
    )
    return redirect("jobs:detail", job.pk)


@login_required
@require_GET
def measures_bundle(request: HttpRequest, plan_year: int) -> HttpResponse:
    """Queue one ZIP of the area's current measures plans of a year (DOCX each)."""
    from itaplan.documents.tasks import bundle_measures
    from itaplan.jobs import services as jobs
    from itaplan.jobs.models import Job

    subtree_for(request.user)
    job = jobs.create(
        Job.Kind.MEASURES_BUNDLE,
        user=request.user,
        fiscal_year=plan_year,
        params={"query": request.GET.urlencode()},
        enqueue=bundle_measures,
    )
    return redirect("jobs:detail", job.pk)
