"""The o28 import page: last year's progress report into a round of an existing plan.

A pasted (or uploaded) report is read by the progress reader; each row is matched
to a measure of the plan (:func:`itaplan.progress.imports.match_report`) and shown
with the status and percent its text gives, editable. Confirming records every
kept row as a progress update of the round, all or nothing. A report that names
another agency or another plan year needs the person's explicit tick, as the
results intake does.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from itaplan.agencies.access import can_write
from itaplan.domain.parsing import parse_result_text
from itaplan.domain.readers.measures import plan_year_of
from itaplan.domain.readers.progress import read_progress
from itaplan.plans.models import Plan
from itaplan.plans.services import plan_year_text
from itaplan.progress import access, imports
from itaplan.progress.forms import ReportRowFormSet, ReportTextForm
from itaplan.progress.models import ReportingRound
from itaplan.progress.services import ProgressData, ProgressError
from itaplan.results.intake import names_match
from itaplan.results.textfiles import ExtractError, check_length, extract_text


def _checks_needed(text: str, plan: Plan) -> list[str]:
    """Another agency's name, or another plan year, in the report's text."""
    needed = []
    found = parse_result_text(text).agency
    if found and not names_match(found, plan.agency.name):
        needed.append(f"รายงานระบุชื่อหน่วยงาน '{found}' ไม่ใช่ '{plan.agency.name}'")
    year = plan_year_of(text)
    if year is not None and year != plan.fiscal_year:
        needed.append(f"รายงานเป็นของปีงบประมาณ {year} แต่แผนนี้เป็นปี {plan.fiscal_year}")
    return needed


def _round_for_writer(request: HttpRequest, code: str, round_id: int) -> ReportingRound:
    found = access.get_round_for_reader(request, code, round_id)
    if not can_write(request.user, found.plan.agency):
        raise PermissionDenied(gettext("นำเข้ารายงานผลได้เฉพาะผู้ดูแลและผู้บันทึกของหน่วยงาน"))
    return found


@login_required
@require_http_methods(["GET", "POST"])
def import_report(request: HttpRequest, code: str, round_id: int) -> HttpResponse:
    round_ = _round_for_writer(request, code, round_id)
    plan = round_.plan
    context: dict[str, Any] = {
        "agency": plan.agency,
        "plan": plan,
        "round": round_,
        "year_text": plan_year_text(plan),
        "errors": [],
    }
    text_form = ReportTextForm(request.POST or None, request.FILES or None)
    if request.method == "GET" or not text_form.is_valid():
        return render(request, "progress/import_report.html", {**context, "text_form": text_form})
    text = (text_form.cleaned_data.get("text") or "").replace("\r\n", "\n")
    upload = text_form.cleaned_data.get("file")
    try:
        if upload is not None:
            text = extract_text(upload.name or "", upload.read())
        text = check_length(text)
    except (ExtractError, ValueError) as exc:
        text_form.add_error(None, str(exc))
        return render(
            request, "progress/import_report.html", {**context, "text_form": text_form}, status=400
        )
    rows = read_progress(text, results_year=plan.fiscal_year - 1)
    if not rows:
        text_form.add_error(
            "text", _("ไม่พบตารางรายงานผล (คอลัมน์มาตรการและความก้าวหน้า/ผลการดำเนินการ) ในข้อความ")
        )
        return render(
            request, "progress/import_report.html", {**context, "text_form": text_form}, status=400
        )
    matches = imports.match_report(plan, rows)
    measures = list(plan.measures.order_by("order"))
    checks = _checks_needed(text, plan)
    checked = request.POST.get("checked") == "1"
    if "form-TOTAL_FORMS" in request.POST:
        formset = ReportRowFormSet(request.POST, form_kwargs={"measures": measures})
        if checks and not checked:
            context["errors"].append(
                _("รายงานนี้ระบุหน่วยงานหรือปีที่ไม่ตรงกับแผนนี้ กรุณาตรวจสอบและทำเครื่องหมายยืนยันก่อน")
            )
        if formset.is_valid() and not context["errors"]:
            entries = [
                (
                    form.measures[form.cleaned_data["measure"]],
                    ProgressData(
                        status=form.cleaned_data["status"],
                        percent=form.cleaned_data["percent"],
                        done_text=form.cleaned_data["done_text"],
                    ),
                )
                for form in formset
                if form.cleaned_data.get("include")
            ]
            try:
                statement = (
                    f"ผู้บันทึกยืนยันว่าได้ตรวจสอบแล้วว่ารายงานนี้ใช้เป็นความก้าวหน้าของ {plan.agency.name} "
                    f"แผนปีงบประมาณ {plan.fiscal_year} ได้ ({'; '.join(checks)})"
                    if checks
                    else ""
                )
                count = imports.record_report(round_, request.user, entries, checked=statement)
            except ProgressError as error:
                context["errors"].append(error.message)
            else:
                messages.success(
                    request, _("นำเข้าความก้าวหน้าจากรายงาน %(n)s มาตรการแล้ว") % {"n": count}
                )
                return redirect("progress:round", code=plan.agency.code, round_id=round_.pk)
        elif not formset.is_valid():
            context["errors"].append(_("มีแถวที่ต้องแก้ไข ดูข้อความสีแดงในแต่ละแถว"))
    else:
        formset = ReportRowFormSet(
            initial=[
                {
                    "include": m.measure is not None,
                    "measure": m.measure.pk if m.measure else None,
                    "status": m.status,
                    "percent": m.percent,
                    "done_text": m.row.progress,
                }
                for m in matches
            ],
            form_kwargs={"measures": measures},
        )
    return render(
        request,
        "progress/import_report.html",
        {
            **context,
            "text": text,
            "formset": formset,
            "rows": list(zip(formset, matches, strict=False)),
            "checks_needed": checks,
            "checked": checked,
        },
        status=400 if context["errors"] else 200,
    )
