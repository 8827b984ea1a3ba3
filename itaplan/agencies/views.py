"""The home page: the agencies a user may see."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from itaplan.agencies.models import Membership, SupervisorScope
from itaplan.agencies.selectors import agencies_for_home

PAGE_SIZE = 50


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")[:100]
    page = Paginator(agencies_for_home(request.user, query), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "agencies/home.html",
        {
            "page": page,
            "query": query,
            "memberships": Membership.objects.filter(user=request.user).select_related(
                "agency", "unit"
            ),
            "scopes": SupervisorScope.objects.filter(user=request.user).select_related(
                "province", "district__province"
            ),
        },
    )
