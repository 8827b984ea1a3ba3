"""An agency's knowledge page: the year's measure templates, and its own to add and edit.

Members read; admins and editors write (403 for the others, GET or POST alike);
outsiders get 404 — all through :func:`get_agency_for_user`.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from itaplan.agencies.access import can_write, get_agency_for_user
from itaplan.agencies.models import Agency
from itaplan.domain.criteria import CriteriaError, load
from itaplan.knowledgebase import selectors, services
from itaplan.knowledgebase.forms import OwnTemplateForm
from itaplan.knowledgebase.models import MeasureTemplate
from itaplan.knowledgebase.services import TemplateError
from itaplan.results.models import Result


def _year(request: HttpRequest, agency: Agency, years: list[int]) -> int:
    """The year asked for, else the agency's latest result year with knowledge, else the latest."""
    raw = request.GET.get("year") or request.POST.get("year")
    if raw:
        if not raw.isdigit() or int(raw) not in years:
            raise Http404(gettext("ไม่มีฐานความรู้ของปีนี้"))
        return int(raw)
    results = Result.objects.filter(agency=agency, is_current=True, fiscal_year__in=years)
    latest = results.order_by("-fiscal_year").values_list("fiscal_year", flat=True).first()
    if latest is not None:
        return latest
    if not years:
        raise Http404(gettext("ยังไม่มีฐานความรู้"))
    return years[-1]


def _list_url(agency: Agency, year: int) -> str:
    return f"{reverse('knowledgebase:list', args=[agency.code])}?year={year}"


@login_required
@require_GET
def template_list(request: HttpRequest, code: str) -> HttpResponse:
    agency = get_agency_for_user(request, code)
    years = selectors.knowledge_years()
    year = _year(request, agency, years)
    shared, own = selectors.template_rows(agency, year)
    return render(
        request,
        "knowledgebase/list.html",
        {
            "agency": agency,
            "years": years,
            "year": year,
            "shared": shared,
            "own": own,
            "can_write": can_write(request.user, agency),
        },
    )


def _form_page(
    request: HttpRequest,
    agency: Agency,
    year: int,
    template: MeasureTemplate | None,
) -> HttpResponse:
    try:
        framework = load(year)
    except CriteriaError:
        framework = None
    kb = selectors.shared_knowledge_base(year)
    if request.method == "POST":
        form = OwnTemplateForm(year, framework, kb, request.POST)
        if form.is_valid():
            try:
                if template is None:
                    template = services.add_agency_template(
                        agency, year, form.to_data(), request.user
                    )
                    messages.success(
                        request,
                        gettext("เพิ่มแม่แบบมาตรการ '%(title)s' แล้ว") % {"title": template.title},
                    )
                else:
                    services.update_agency_template(template, form.to_data(), request.user)
                    messages.success(
                        request,
                        gettext("บันทึกแม่แบบมาตรการ '%(title)s' แล้ว") % {"title": template.title},
                    )
            except TemplateError as error:
                form.add_service_error(error)
            else:
                return redirect(_list_url(agency, year))
    elif template is not None:
        form = OwnTemplateForm(year, framework, kb, initial=OwnTemplateForm.initial_of(template))
    else:
        form = OwnTemplateForm(year, framework, kb, initial={"start_month": 1, "end_month": 12})
    return render(
        request,
        "knowledgebase/form.html",
        {"agency": agency, "year": year, "form": form, "template": template},
    )


@login_required
@require_http_methods(["GET", "POST"])
def template_new(request: HttpRequest, code: str) -> HttpResponse:
    agency = get_agency_for_user(request, code, write=True)
    year = _year(request, agency, selectors.knowledge_years())
    return _form_page(request, agency, year, None)


def _own_template(request: HttpRequest, code: str, template_id: int) -> MeasureTemplate:
    agency = get_agency_for_user(request, code, write=True)
    # Shared templates and other agencies' are not this page's to change: 404.
    return get_object_or_404(
        MeasureTemplate.objects.select_related("agency"), pk=template_id, agency=agency
    )


@login_required
@require_http_methods(["GET", "POST"])
def template_edit(request: HttpRequest, code: str, template_id: int) -> HttpResponse:
    template = _own_template(request, code, template_id)
    assert template.agency is not None
    return _form_page(request, template.agency, template.fiscal_year, template)


@login_required
@require_POST
def template_delete(request: HttpRequest, code: str, template_id: int) -> HttpResponse:
    template = _own_template(request, code, template_id)
    assert template.agency is not None
    services.delete_agency_template(template)
    messages.success(request, gettext("ลบแม่แบบมาตรการ '%(title)s' แล้ว") % {"title": template.title})
    return redirect(_list_url(template.agency, template.fiscal_year))
