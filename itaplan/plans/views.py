"""Plan pages: analysis of a result, the measures plan, suggestions, approval.

Views parse input, call one service and render. Every view reaches its agency
through :mod:`itaplan.plans.access`, so outsiders get 404, readers who may not
write get 403, and only executives approve.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from itaplan.agencies.access import can_write, get_agency_for_user
from itaplan.lib import editlock
from itaplan.lib.approval import signer_of
from itaplan.lib.dates import use_digits
from itaplan.plans import notify, selectors, services
from itaplan.plans.access import get_measure_for_user, get_plan_for_approver, get_plan_for_user
from itaplan.plans.forms import (
    ApproveForm,
    CreatePlanForm,
    MeasureForm,
    NextYearForm,
    SendBackForm,
    add_service_error,
)
from itaplan.plans.models import Plan
from itaplan.plans.services import PlanError
from itaplan.results.models import Result


def _plan_url(plan: Plan, anchor: str = "") -> str:
    url = reverse("plans:detail", args=[plan.agency.code, plan.pk])
    return f"{url}#{anchor}" if anchor else url


# --- reading ----------------------------------------------------------------------


@login_required
@require_GET
def plan_list(request: HttpRequest, code: str) -> HttpResponse:
    agency = get_agency_for_user(request, code)
    plans = list(selectors.plans_of(agency))
    planned_years = {p.fiscal_year for p in plans if p.is_current}
    results = [
        {
            "result": r,
            "plan_year": r.fiscal_year + 1,
            "has_plan": r.fiscal_year + 1 in planned_years,
        }
        for r in selectors.current_results(agency)
    ]
    return render(
        request,
        "plans/list.html",
        {
            "agency": agency,
            "plans": plans,
            "results": results,
            "can_write": can_write(request.user, agency),
            "create_form": CreatePlanForm(),
        },
    )


@login_required
@require_GET
def analysis(request: HttpRequest, code: str, year: int) -> HttpResponse:
    agency = get_agency_for_user(request, code)
    result = (
        Result.objects.filter(agency=agency, fiscal_year=year, is_current=True)
        .prefetch_related("indicator_scores", "item_scores")
        .first()
    )
    if result is None:
        raise Http404(gettext("ไม่พบผลการประเมิน"))
    plan = Plan.objects.filter(agency=agency, fiscal_year=year + 1, is_current=True).first()
    return render(
        request,
        "plans/analysis.html",
        {
            "agency": agency,
            "result": result,
            "analysis": selectors.analyse_result(result),
            "plan": plan,
            "can_write": can_write(request.user, agency),
        },
    )


@login_required
@require_GET
def plan_detail(request: HttpRequest, code: str, plan_id: int) -> HttpResponse:
    plan = get_plan_for_user(request, code, plan_id)
    writer = can_write(request.user, plan.agency)
    editable = writer and plan.is_draft and plan.is_current
    versions = Plan.objects.filter(agency=plan.agency, fiscal_year=plan.fiscal_year).order_by(
        "-version"
    )
    has_next_year = Plan.objects.filter(
        agency=plan.agency, fiscal_year=plan.fiscal_year + 1, is_current=True
    ).first()
    return render(
        request,
        "plans/detail.html",
        {
            "agency": plan.agency,
            "plan": plan,
            "rows": selectors.measure_rows(plan),
            "suggestions": selectors.suggestion_groups(plan) if editable else [],
            "has_knowledge": plan.result is not None
            and selectors.knowledge_for(plan.result.fiscal_year) is not None,
            "versions": versions,
            "next_year_plan": has_next_year,
            "can_write": writer,
            "editable": editable,
            "can_approve": services.is_executive(request.user, plan.agency),
            "year_text": services.plan_year_text(plan),
            "events": list(plan.events.select_related("user")),
        },
    )


def _locked_page(request: HttpRequest, plan: Plan) -> HttpResponse:
    """Why this plan cannot be changed now, and the way to change it, before any form."""
    return render(
        request,
        "plans/locked.html",
        {
            "agency": plan.agency,
            "plan": plan,
            "year_text": services.plan_year_text(plan),
            "current": Plan.objects.filter(
                agency=plan.agency, fiscal_year=plan.fiscal_year, is_current=True
            ).first(),
        },
        status=409,
    )


# --- plans ------------------------------------------------------------------------


@login_required
@require_POST
def plan_create(request: HttpRequest, code: str) -> HttpResponse:
    agency = get_agency_for_user(request, code, write=True)
    form = CreatePlanForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("plans:list", code=agency.code)
    try:
        plan = services.create_plan(agency, form.cleaned_data["fiscal_year"], request.user)
    except PlanError as error:
        messages.error(request, error.message)
        return redirect("plans:list", code=agency.code)
    messages.success(
        request, gettext("สร้างแผนมาตรการ%(value)s แล้ว") % {"value": services.plan_year_text(plan)}
    )
    return redirect(_plan_url(plan))


def _act(request: HttpRequest, plan: Plan, action: Any, done: str, *args: Any) -> HttpResponse:
    """Run a one-click plan service and come back to the plan with its outcome."""
    try:
        result = action(plan, request.user, *args)
    except PlanError as error:
        messages.error(request, error.message)
        return redirect(_plan_url(plan))
    messages.success(request, done)
    return redirect(_plan_url(result if isinstance(result, Plan) else plan))


@login_required
@require_POST
def plan_submit(request: HttpRequest, code: str, plan_id: int) -> HttpResponse:
    plan = get_plan_for_user(request, code, plan_id, write=True)
    response = _act(request, plan, services.submit, "เสนอแผนมาตรการให้ผู้บริหารอนุมัติแล้ว")
    if plan.status == Plan.Status.SUBMITTED:
        notify.plan_submitted(request, plan)
    return response


@login_required
@require_POST
def plan_withdraw(request: HttpRequest, code: str, plan_id: int) -> HttpResponse:
    plan = get_plan_for_user(request, code, plan_id)
    if not can_write(request.user, plan.agency):
        raise PermissionDenied(
            gettext("ถอนกลับเป็นร่างได้เฉพาะผู้ดูแลหน่วยงานและผู้จัดทำข้อมูล ผู้บริหารใช้ “ส่งกลับไปแก้ไข” พร้อมเหตุผล")
        )
    return _act(request, plan, services.return_to_draft, "แผนมาตรการกลับเป็นร่างแล้ว แก้ไขได้")


@login_required
@require_http_methods(["GET", "POST"])
def plan_send_back(request: HttpRequest, code: str, plan_id: int) -> HttpResponse:
    plan = get_plan_for_approver(request, code, plan_id)
    form = SendBackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.send_back(plan, request.user, form.cleaned_data["reason"])
        except PlanError as error:
            add_service_error(form, error)
        else:
            notify.plan_sent_back(request, plan, form.cleaned_data["reason"])
            messages.success(request, gettext("ส่งแผนมาตรการกลับไปแก้ไขแล้ว ผู้จัดทำจะเห็นเหตุผลที่หน้าแผน"))
            return redirect(_plan_url(plan))
    return render(
        request,
        "plans/send_back.html",
        {
            "agency": plan.agency,
            "plan": plan,
            "form": form,
            "year_text": services.plan_year_text(plan),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_approve(request: HttpRequest, code: str, plan_id: int) -> HttpResponse:
    plan = get_plan_for_approver(request, code, plan_id)
    if request.method == "POST":
        form = ApproveForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            try:
                services.approve(
                    plan, request.user, d["approver_name"], d["approver_position"], d["approved_at"]
                )
            except PlanError as error:
                add_service_error(form, error)
            else:
                notify.plan_approved(request, plan)
                messages.success(request, gettext("อนุมัติแผนมาตรการแล้ว แผนฉบับนี้ถูกล็อกไว้ตามที่อนุมัติ"))
                return redirect(_plan_url(plan))
    else:
        form = ApproveForm(initial=signer_of(request.user, plan.agency))
    use_digits(form, plan.agency.thai_digits)
    return render(
        request,
        "plans/approve.html",
        {
            "agency": plan.agency,
            "plan": plan,
            "form": form,
            "rows": selectors.measure_rows(plan),
            "year_text": services.plan_year_text(plan),
        },
    )


@login_required
@require_POST
def plan_new_version(request: HttpRequest, code: str, plan_id: int) -> HttpResponse:
    plan = get_plan_for_user(request, code, plan_id, write=True)
    return _act(
        request,
        plan,
        services.reopen_as_new_version,
        "เปิดแผนมาตรการฉบับใหม่แล้ว ฉบับที่อนุมัติไว้ยังเก็บไว้เหมือนเดิม",
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_next_year(request: HttpRequest, code: str, plan_id: int) -> HttpResponse:
    plan = get_plan_for_user(request, code, plan_id, write=True)
    form = NextYearForm(plan, request.POST or None)
    if request.method == "POST" and form.is_valid():
        ids = [m.pk for m in form.cleaned_data["measures"]]
        try:
            new = services.start_next_year_plan(plan, request.user, ids)
        except PlanError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                gettext("เริ่มแผนมาตรการ%(value)s แล้ว ยกมาตรการมา %(value2)s มาตรการ")
                % {
                    "value": services.plan_year_text(new),
                    "value2": services.digits(new.agency, len(ids)),
                },
            )
            return redirect(_plan_url(new))
    return render(
        request,
        "plans/next_year.html",
        {
            "agency": plan.agency,
            "plan": plan,
            "form": form,
            "next_year": plan.fiscal_year + 1,
            "year_text": services.plan_year_text(plan),
        },
    )


# --- measures ---------------------------------------------------------------------


@login_required
@require_POST
def suggestion_add(request: HttpRequest, code: str, plan_id: int) -> HttpResponse:
    plan = get_plan_for_user(request, code, plan_id, write=True)
    # One template from its own button, or the ticked ones (the default plan) at once.
    key = request.POST.get("template_key", "")
    try:
        if key:
            added = [services.add_measure_from_suggestion(plan, request.user, key)]
        else:
            keys = request.POST.getlist("template_keys")
            added = services.add_measures_from_suggestions(plan, request.user, keys)
    except PlanError as error:
        messages.error(request, error.message)
        return redirect(_plan_url(plan, "suggestions"))
    if len(added) == 1:
        messages.success(request, gettext("เพิ่มมาตรการ '%(title)s' แล้ว") % {"title": added[0].title})
    else:
        messages.success(
            request, gettext("เพิ่มมาตรการที่เลือก %(value)s มาตรการแล้ว") % {"value": len(added)}
        )
    return redirect(_plan_url(plan, "suggestions"))


def _measure_form_page(
    request: HttpRequest, plan: Plan, form: MeasureForm, measure: Any = None
) -> HttpResponse:
    return render(
        request,
        "plans/measure_form.html",
        {
            "agency": plan.agency,
            "plan": plan,
            "form": form,
            "measure": measure,
            "year_text": services.plan_year_text(plan),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def measure_new(request: HttpRequest, code: str, plan_id: int) -> HttpResponse:
    plan = get_plan_for_user(request, code, plan_id, write=True)
    if not (plan.is_draft and plan.is_current):
        return _locked_page(request, plan)
    framework = services.framework_of(plan)
    if request.method == "POST":
        form = MeasureForm(plan, framework, request.POST)
        if form.is_valid():
            try:
                measure = services.add_measure(plan, request.user, form.to_data())
            except PlanError as error:
                add_service_error(form, error)
            else:
                messages.success(
                    request, gettext("เพิ่มมาตรการ '%(title)s' แล้ว") % {"title": measure.title}
                )
                return redirect(_plan_url(plan, f"measure-{measure.pk}"))
    else:
        first, last = plan.bounds
        form = MeasureForm(
            plan,
            framework,
            initial={
                "start_date": first,
                "end_date": last,
                "reporting_dates": services.default_reporting_dates(plan.fiscal_year),
            },
        )
    return _measure_form_page(request, plan, form)


@login_required
@require_http_methods(["GET", "POST"])
def measure_edit(request: HttpRequest, code: str, plan_id: int, measure_id: int) -> HttpResponse:
    measure = get_measure_for_user(request, code, plan_id, measure_id)
    plan = measure.plan
    if not (plan.is_draft and plan.is_current):
        return _locked_page(request, plan)
    framework = services.framework_of(plan)
    if request.method == "POST":
        form = MeasureForm(plan, framework, request.POST)
        if form.is_valid():
            try:
                services.update_measure(
                    measure, request.user, form.to_data(), form.cleaned_data["edit_token"] or None
                )
            except PlanError as error:
                add_service_error(form, error)
                # Saving again means "I have seen the current values": carry them now.
                form.data = form.data.copy()
                form.data[editlock.FIELD] = editlock.token(services.measure_snapshot(measure))
            else:
                messages.success(
                    request, gettext("บันทึกมาตรการ '%(title)s' แล้ว") % {"title": measure.title}
                )
                return redirect(_plan_url(plan, f"measure-{measure.pk}"))
    else:
        initial = MeasureForm.initial_of(services.data_of(measure))
        initial[editlock.FIELD] = editlock.token(services.measure_snapshot(measure))
        form = MeasureForm(plan, framework, initial=initial)
    return _measure_form_page(request, plan, form, measure)


@login_required
@require_POST
def measure_move(request: HttpRequest, code: str, plan_id: int, measure_id: int) -> HttpResponse:
    measure = get_measure_for_user(request, code, plan_id, measure_id)
    offset = -1 if request.POST.get("direction") == "up" else 1
    try:
        services.move_measure(measure, request.user, offset)
    except PlanError as error:
        messages.error(request, error.message)
    return redirect(_plan_url(measure.plan, f"measure-{measure.pk}"))


@login_required
@require_POST
def measure_remove(request: HttpRequest, code: str, plan_id: int, measure_id: int) -> HttpResponse:
    measure = get_measure_for_user(request, code, plan_id, measure_id)
    title = measure.title
    try:
        services.remove_measure(measure, request.user)
    except PlanError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, gettext("ลบมาตรการ '%(title)s' แล้ว") % {"title": title})
    return redirect(_plan_url(measure.plan, "measures"))
