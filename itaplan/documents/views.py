"""Downloads of the o27 document of a plan and the o28 report of a round.

Views parse input, call one service and answer. A plan or round is reached through
its agency's access rule: outsiders get 404, members and supervisors read, anonymous
visitors are sent to log in. The whole o28 report lists every unit's measures, so a
unit member (who sees only its own unit's measures) may not download it: 403.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from itaplan.documents import services
from itaplan.documents.access import can_download_round_report
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
        raise Http404("ไม่รู้จักชนิดไฟล์")
    plan = get_plan_for_user(request, code, plan_id)
    return _download(
        services.plan_file(plan, fmt),
        services.PLAN_FORMATS[fmt],
        services.plan_file_names(plan, fmt),
    )


@login_required
@require_GET
def round_report(request: HttpRequest, code: str, round_id: int, fmt: str) -> HttpResponse:
    if fmt not in services.ROUND_FORMATS:
        raise Http404("ไม่รู้จักชนิดไฟล์")
    round_ = get_round_for_reader(request, code, round_id)
    if not can_download_round_report(request.user, round_.plan.agency):
        raise PermissionDenied("รายงานฉบับเต็มดาวน์โหลดได้เฉพาะผู้ที่เห็นมาตรการทุกกอง/สำนัก")
    return _download(
        services.round_file(round_, fmt),
        services.ROUND_FORMATS[fmt],
        services.round_file_names(round_, fmt),
    )
