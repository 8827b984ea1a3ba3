"""Downloads of the o27 document of a plan and the o28 report of a round.

Views parse input, call one service and answer. A plan or round is reached through
its agency's access rule: outsiders get 404, members and supervisors read, anonymous
visitors are sent to log in. The whole o28 report lists every unit's measures, so a
unit member (who sees only its own unit's measures) may not download it: 403.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods

from itaplan.agencies.access import get_agency_for_user, is_agency_admin
from itaplan.documents import services
from itaplan.documents.access import can_download_round_report
from itaplan.documents.files import DocumentError
from itaplan.plans.access import get_plan_for_user
from itaplan.progress.access import get_round_for_reader


def _download(data: bytes, content_type: str, names: tuple[str, str]) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = services.content_disposition(*names)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def plan_document(request: HttpRequest, code: str, plan_id: int, fmt: str) -> HttpResponse:
    if fmt not in services.PLAN_FORMATS:
        raise Http404(gettext("ไม่รู้จักชนิดไฟล์"))
    plan = get_plan_for_user(request, code, plan_id)
    with translation.override("th"):  # the official document is Thai, whatever the UI's language
        data = services.plan_file(plan, fmt)
    return _download(
        data,
        services.PLAN_FORMATS[fmt],
        services.plan_file_names(plan, fmt),
    )


@login_required
@require_GET
def round_report(request: HttpRequest, code: str, round_id: int, fmt: str) -> HttpResponse:
    if fmt not in services.ROUND_FORMATS:
        raise Http404(gettext("ไม่รู้จักชนิดไฟล์"))
    round_ = get_round_for_reader(request, code, round_id)
    if not can_download_round_report(request.user, round_.plan.agency):
        raise PermissionDenied(gettext("รายงานฉบับเต็มดาวน์โหลดได้เฉพาะผู้ที่เห็นมาตรการทุกกอง/สำนัก"))
    with translation.override("th"):  # the official document is Thai, whatever the UI's language
        data = services.round_file(round_, fmt)
    return _download(
        data,
        services.ROUND_FORMATS[fmt],
        services.round_file_names(round_, fmt),
    )


@login_required
@require_http_methods(["GET", "POST"])
def docx_template(request: HttpRequest, code: str) -> HttpResponse:
    """The agency admin replaces (or removes) the look of the agency's DOCX documents."""
    agency = get_agency_for_user(request, code)
    is_admin = is_agency_admin(request.user, agency)
    if request.method == "POST":
        if not is_admin:
            raise PermissionDenied(gettext("เฉพาะผู้ดูแลหน่วยงานเปลี่ยนแม่แบบเอกสารได้"))
        if "note_corrections" in request.POST:
            agency.note_corrections = request.POST["note_corrections"] == "1"
            agency.save(update_fields=["note_corrections"])
            messages.success(request, gettext("บันทึกการตั้งค่าหมายเหตุแล้ว"))
            return redirect("documents:docx_template", code=agency.code)
        try:
            if "remove" in request.POST:
                services.remove_agency_docx_template(agency.code)
                messages.success(request, gettext("ลบแม่แบบของหน่วยงานแล้ว เอกสารจะใช้แม่แบบมาตรฐาน"))
            else:
                services.save_agency_docx_template(agency.code, request.FILES.get("template"))
                messages.success(request, gettext("บันทึกแม่แบบ DOCX ของหน่วยงานแล้ว"))
        except DocumentError as exc:
            messages.error(request, str(exc))
        return redirect("documents:docx_template", code=agency.code)
    return render(
        request,
        "documents/docx_template.html",
        {
            "agency": agency,
            "is_admin": is_admin,
            "current": services.docx_base_template(agency.code),
            "own": services.agency_docx_template_path(agency.code).is_file(),
            "max_mb": services.MAX_TEMPLATE_BYTES // (1024 * 1024),
        },
    )
