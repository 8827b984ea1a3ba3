"""Progress pages: the agency's dashboard, a measure's history, recording progress with
evidence, the rounds and their approval, evidence downloads, carrying measures on.

Views parse input, call one service and render. Every view reaches its agency
through :mod:`itaplan.progress.access`: outsiders get 404, a unit member gets 404
for another unit's measure, readers who may not write get 403.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods

from itaplan.agencies.access import can_write, get_agency_for_user
from itaplan.lib import editlock
from itaplan.lib.approval import signer_of
from itaplan.lib.dates import use_digits
from itaplan.plans import notify
from itaplan.plans.forms import SendBackForm
from itaplan.plans.models import Measure, Plan
from itaplan.plans.services import digits, plan_year_text
from itaplan.progress import access, selectors, services
from itaplan.progress.forms import (
    ApproveRoundForm,
    CarryForwardForm,
    ProgressForm,
    RoundForm,
    add_service_error,
    evidence_help,
)
from itaplan.progress.models import Evidence, ReportingRound
from itaplan.progress.services import ProgressError

#: Types a browser shows itself; office documents are always downloaded.
INLINE_TYPES = {"application/pdf", "image/png", "image/jpeg"}


def _dashboard_url(plan: Plan) -> str:
    return f"{reverse('progress:dashboard', args=[plan.agency.code])}?plan={plan.pk}"


def _measure_url(measure: Measure, anchor: str = "") -> str:
    url = reverse("progress:measure", args=[measure.plan.agency.code, measure.pk])
    return f"{url}#{anchor}" if anchor else url


def _round_url(round_: ReportingRound) -> str:
    return reverse("progress:round", args=[round_.plan.agency.code, round_.pk])


# --- reading ----------------------------------------------------------------------


@login_required
@require_GET
def dashboard(request: HttpRequest, code: str) -> HttpResponse:
    agency = get_agency_for_user(request, code)
    plans = list(selectors.approved_plans(agency))
    plan = plans[0] if plans else None
    wanted = request.GET.get("plan", "")
    if wanted.isdigit():
        plan = next((p for p in plans if p.pk == int(wanted)), None)
        if plan is None:
            raise Http404(gettext("ไม่พบแผนมาตรการที่อนุมัติแล้ว"))
    context: dict[str, object] = {"agency": agency, "plans": plans, "plan": plan}
    if plan is not None:
        plan.agency = agency
        services.ensure_rounds(plan)
        today = timezone.localdate()
        board = selectors.dashboard(plan, access.visible_measures(request.user, plan), today)
        writer = can_write(request.user, agency)
        context.update(
            board=board,
            today=today,
            year_text=plan_year_text(plan),
            can_update=access.can_update_any(request.user, agency),
            can_approve=access.can_approve_round(request.user, agency),
            can_manage=access.can_manage_rounds(request.user, agency),
            can_carry=writer
            and board.unfinished > 0
            and not Plan.objects.filter(
                agency=agency, fiscal_year=plan.fiscal_year + 1, is_current=True
            ).exists(),
            is_unit_member=access.unit_restriction(request.user, agency) is not None,
        )
    return render(request, "progress/dashboard.html", context)


@login_required
@require_GET
def measure_detail(request: HttpRequest, code: str, measure_id: int) -> HttpResponse:
    measure = access.get_measure_for_reader(request, code, measure_id)
    plan = measure.plan
    rounds = services.ensure_rounds(plan)
    updates = selectors.history(measure)
    by_round = [(r, [u for u in updates if u.round_id == r.pk]) for r in rounds]
    current = selectors.current_updates([measure]).get(measure.pk)
    carried_to = list(
        Measure.objects.filter(carried_from=measure, plan__agency=plan.agency).select_related(
            "plan"
        )
    )
    return render(
        request,
        "progress/measure.html",
        {
            "agency": plan.agency,
            "plan": plan,
            "measure": measure,
            "steps": list(measure.steps.all()),
            "units": list(measure.units.all()),
            "indicator_name": _indicator_name(measure),
            "by_round": by_round,
            "current": current,
            "overdue": selectors.is_overdue(measure, current, timezone.localdate()),
            "can_update": access.can_update_measure(request.user, measure)
            and plan.status == Plan.Status.APPROVED
            and plan.is_current,
            "carried_from": _readable_carried_from(request, measure),
            "carried_to": carried_to,
        },
    )


def _indicator_name(measure: Measure) -> str:
    if measure.indicator is None:
        return ""
    return selectors.indicator_names(measure.plan).get(measure.indicator, "")


def _readable_carried_from(request: HttpRequest, measure: Measure) -> Measure | None:
    """Last year's measure this one continues, if the user may open it."""
    previous = measure.carried_from
    if previous is None or previous.plan.agency_id != measure.plan.agency_id:
        return None
    try:
        return access.get_measure_for_reader(request, measure.plan.agency.code, previous.pk)
    except Http404:
        return None


@login_required
@require_GET
def round_detail(request: HttpRequest, code: str, round_id: int) -> HttpResponse:
    round_ = access.get_round_for_reader(request, code, round_id)
    plan = round_.plan
    measures = access.visible_measures(request.user, plan)
    rows = selectors.measure_rows(plan, measures, round_.end_date, at_round=round_)
    lacking = selectors.lacking_in_round([r.measure for r in rows], round_)
    return render(
        request,
        "progress/round.html",
        {
            "agency": plan.agency,
            "plan": plan,
            "round": round_,
            "rows": rows,
            "lacking": lacking,
            "year_text": plan_year_text(plan),
            "can_update": access.can_update_any(request.user, plan.agency),
            "can_approve": access.can_approve_round(request.user, plan.agency),
            "can_manage": access.can_manage_rounds(request.user, plan.agency),
            "can_import": can_write(request.user, plan.agency),
            "can_submit": access.can_submit_round(request.user, plan.agency),
            "events": list(round_.events.select_related("user")),
        },
    )


def _round_notice(round_: ReportingRound) -> tuple[str, str]:
    """The e-mail title and the round's name as the agency calls it."""
    plan = round_.plan
    return f"{round_.name} · {plan_year_text(plan)} · {plan.agency.name}", round_.name


@login_required
@require_http_methods(["GET", "POST"])
def round_submit(request: HttpRequest, code: str, round_id: int) -> HttpResponse:
    round_ = access.get_round_for_submitter(request, code, round_id)
    plan = round_.plan
    if request.method == "GET":
        measures = list(plan.measures.all())
        return render(
            request,
            "progress/round_submit.html",
            {
                "agency": plan.agency,
                "plan": plan,
                "round": round_,
                "lacking": selectors.lacking_in_round(measures, round_),
                "count": len(measures),
                "year_text": plan_year_text(plan),
            },
        )
    try:
        services.submit_round(round_, request.user)
    except ProgressError as error:
        messages.error(request, error.message)
    else:
        title, name = _round_notice(round_)
        notify.tell(
            request,
            plan.agency,
            notify.EXECUTIVES,
            subject=gettext("รออนุมัติ: รายงานผล%(round)s ปีงบประมาณ %(year)s")
            % {"round": name, "year": plan.fiscal_year},
            title=title,
            what=gettext("เสนอให้ท่านพิจารณาอนุมัติ"),
            path=reverse("progress:round_approve", args=[plan.agency.code, round_.pk]),
        )
        messages.success(request, gettext("เสนออนุมัติรายงานผลรอบนี้แล้ว ผู้บริหารจะได้รับแจ้ง"))
    return redirect(_round_url(round_))


@login_required
@require_http_methods(["GET", "POST"])
def round_send_back(request: HttpRequest, code: str, round_id: int) -> HttpResponse:
    round_ = access.get_round_for_approver(request, code, round_id)
    plan = round_.plan
    form = SendBackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        reason = form.cleaned_data["reason"]
        try:
            services.send_back_round(round_, request.user, reason)
        except ProgressError as error:
            add_service_error(form, error)
        else:
            title, name = _round_notice(round_)
            notify.tell(
                request,
                plan.agency,
                notify.OFFICERS,
                subject=gettext("ส่งกลับไปแก้ไข: รายงานผล%(round)s ปีงบประมาณ %(year)s")
                % {"round": name, "year": plan.fiscal_year},
                title=title,
                what=gettext("ผู้บริหารส่งกลับไปแก้ไข"),
                path=_round_url(round_),
                reason=reason,
            )
            messages.success(
                request, gettext("ส่งรายงานผลกลับไปแก้ไขแล้ว ผู้จัดทำจะเห็นเหตุผลที่หน้ารอบรายงาน")
            )
            return redirect(_round_url(round_))
    return render(
        request,
        "progress/round_send_back.html",
        {
            "agency": plan.agency,
            "plan": plan,
            "round": round_,
            "form": form,
            "year_text": plan_year_text(plan),
        },
    )


@login_required
@require_GET
def evidence_download(request: HttpRequest, code: str, evidence_id: int) -> HttpResponse:
    evidence = access.get_evidence_for_reader(request, code, evidence_id)
    if evidence.kind != Evidence.Kind.FILE:
        return redirect(evidence.url)
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError:
        raise Http404(gettext("ไม่พบไฟล์หลักฐานในที่เก็บ")) from None
    response = FileResponse(
        handle,
        as_attachment=evidence.content_type not in INLINE_TYPES,
        filename=evidence.original_name,
        content_type=evidence.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def _locked_page(
    request: HttpRequest, round_: ReportingRound, measure: Measure | None = None
) -> HttpResponse:
    """An approved round's report no longer changes: say so, and where to go, before any form."""
    plan = round_.plan
    later = [
        r for r in selectors.rounds_of(plan) if r.end_date > round_.end_date and not r.is_locked
    ]
    return render(
        request,
        "progress/locked.html",
        {
            "agency": plan.agency,
            "plan": plan,
            "round": round_,
            "measure": measure,
            "next_round": later[0] if later else None,
        },
        status=409,
    )


# --- recording --------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def measure_update(request: HttpRequest, code: str, measure_id: int, round_id: int) -> HttpResponse:
    measure = access.get_measure_for_updater(request, code, measure_id)
    round_ = ReportingRound.objects.filter(pk=round_id, plan=measure.plan).first()
    if round_ is None:
        raise Http404(gettext("ไม่พบรอบการรายงานผล"))
    round_.plan = measure.plan
    if round_.is_locked:
        return _locked_page(request, round_, measure)
    if request.method == "POST":
        form = ProgressForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.record_progress(
                    measure, round_, request.user, form.to_data(), form.cleaned_data["files"]
                )
            except ProgressError as error:
                add_service_error(form, error)
            else:
                messages.success(
                    request,
                    gettext("บันทึกความก้าวหน้า%(value)sของมาตรการนี้แล้ว")
                    % {"value": digits(round_.plan.agency, round_.name)},
                )
                return redirect(_measure_url(measure, f"round-{round_.pk}"))
        if form.errors and request.FILES:
            messages.warning(
                request,
                gettext(
                    "ยังไม่ได้บันทึก: ข้อความและลิงก์ที่กรอกไว้ยังอยู่ครบ แต่ต้องเลือกไฟล์หลักฐานใหม่อีกครั้ง (เบราว์เซอร์ไม่เก็บไฟล์ที่เลือกไว้)"
                ),
            )
    else:
        current = selectors.current_updates([measure], round_).get(measure.pk)
        form = ProgressForm(
            initial={
                "status": current.status if current else "",
                "percent": current.percent if current else None,
                "done_text": current.done_text if current else "",
            }
        )
    return render(
        request,
        "progress/update_form.html",
        {
            "agency": measure.plan.agency,
            "plan": measure.plan,
            "measure": measure,
            "round": round_,
            "form": form,
            "steps": list(measure.steps.all()),
            "units": list(measure.units.all()),
            "indicator_name": _indicator_name(measure),
            "evidence_help": evidence_help(),
        },
    )


# --- rounds -----------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def round_edit(request: HttpRequest, code: str, round_id: int) -> HttpResponse:
    round_ = access.get_round_for_manager(request, code, round_id)
    if round_.is_locked:
        return _locked_page(request, round_)
    if request.method == "POST":
        form = RoundForm(request.POST)
        if form.is_valid():
            try:
                services.update_round(
                    round_,
                    request.user,
                    form.cleaned_data["name"],
                    form.cleaned_data["end_date"],
                    form.cleaned_data["edit_token"] or None,
                )
            except ProgressError as error:
                add_service_error(form, error)
                form.data = form.data.copy()
                form.data[editlock.FIELD] = editlock.token(services.round_snapshot(round_))
            else:
                messages.success(
                    request,
                    gettext("บันทึก%(value)sแล้ว")
                    % {"value": digits(round_.plan.agency, round_.name)},
                )
                return redirect(_dashboard_url(round_.plan))
    else:
        form = RoundForm(
            initial={
                "name": round_.name,
                "end_date": round_.end_date,
                editlock.FIELD: editlock.token(services.round_snapshot(round_)),
            }
        )
    use_digits(form, round_.plan.agency.thai_digits)
    return render(
        request,
        "progress/round_edit.html",
        {"agency": round_.plan.agency, "plan": round_.plan, "round": round_, "form": form},
    )


@login_required
@require_http_methods(["GET", "POST"])
def round_approve(request: HttpRequest, code: str, round_id: int) -> HttpResponse:
    round_ = access.get_round_for_approver(request, code, round_id)
    plan = round_.plan
    if request.method == "POST":
        form = ApproveRoundForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            try:
                services.approve_round(
                    round_,
                    request.user,
                    d["approver_name"],
                    d["approver_position"],
                    d["approved_at"],
                )
            except ProgressError as error:
                add_service_error(form, error)
            else:
                notify.tell(
                    request,
                    plan.agency,
                    notify.OFFICERS,
                    subject=gettext("อนุมัติแล้ว: รายงานผล%(round)s ปีงบประมาณ %(year)s")
                    % {"round": round_.name, "year": plan.fiscal_year},
                    title=f"{round_.name} · {plan_year_text(plan)} · {plan.agency.name}",
                    what=gettext("รายงานผลรอบนี้ได้รับอนุมัติแล้ว"),
                    path=_round_url(round_),
                    signer=f"{round_.approver_name} ({round_.approver_position})",
                )
                messages.success(
                    request,
                    gettext("อนุมัติรายงานผล%(value)sแล้ว รายงานนี้ถูกล็อกไว้")
                    % {"value": digits(plan.agency, round_.name)},
                )
                return redirect(_round_url(round_))
    else:
        form = ApproveRoundForm(initial=signer_of(request.user, plan.agency))
    measures = access.visible_measures(request.user, plan)
    use_digits(form, plan.agency.thai_digits)
    return render(
        request,
        "progress/round_approve.html",
        {
            "agency": plan.agency,
            "plan": plan,
            "round": round_,
            "form": form,
            "lacking": selectors.lacking_in_round(list(measures), round_),
            "year_text": plan_year_text(plan),
        },
    )


# --- next year --------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def carry_forward(request: HttpRequest, code: str, plan_id: int) -> HttpResponse:
    plan = access.get_plan_for_reader(request, code, plan_id)
    if not can_write(request.user, plan.agency):
        raise PermissionDenied(gettext("ยกมาตรการไปแผนปีถัดไปได้เฉพาะผู้ดูแลและผู้จัดทำข้อมูล"))
    unfinished = selectors.unfinished_measures(plan)
    form = CarryForwardForm(unfinished, request.POST or None)
    if request.method == "POST" and form.is_valid():
        ids = [m.pk for m in form.cleaned_data["measures"]]
        try:
            new = services.carry_forward(plan, request.user, ids)
        except ProgressError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                gettext("เริ่มแผนมาตรการ%(value)s แล้ว ยกมาตรการที่ยังไม่แล้วเสร็จมา %(value2)s มาตรการ")
                % {"value": plan_year_text(new), "value2": len(ids)},
            )
            return redirect("plans:detail", code=plan.agency.code, plan_id=new.pk)
    current = selectors.current_updates(unfinished)
    return render(
        request,
        "progress/carry_forward.html",
        {
            "agency": plan.agency,
            "plan": plan,
            "form": form,
            "rows": [(m, current.get(m.pk)) for m in unfinished],
            "next_year": plan.fiscal_year + 1,
            "year_text": plan_year_text(plan),
        },
    )
