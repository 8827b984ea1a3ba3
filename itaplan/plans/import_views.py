"""The import page: a draft plan from the measures table of a pasted o27.

The results preview posts its signed draft here ("สร้างแผนมาตรการจากมาตรการเหล่านี้").
The first post shows every measure read, editable, with what needs fixing (a
period outside the plan year) beside its row; the second creates the draft plan
through :func:`itaplan.plans.imports.plan_from_measures`. A text that names
another agency or year needs the person's explicit tick here as at the results
confirm, and the tick goes into the plan's audit log.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from itaplan.agencies.access import get_agency_for_user
from itaplan.plans import imports, services
from itaplan.plans.forms import ImportMeasureForm, ImportMeasureFormSet
from itaplan.plans.models import Plan
from itaplan.plans.services import PlanError
from itaplan.results.intake import BadDraft, Draft, measures_in


def _initial(proposal: imports.Proposal) -> dict[str, Any]:
    return {
        **ImportMeasureForm.initial_of(proposal.data),
        "include": True,
        "new_units": ", ".join(proposal.new_units),
    }


@login_required
@require_POST
def import_measures(request: HttpRequest, code: str) -> HttpResponse:
    agency = get_agency_for_user(request, code, write=True)
    try:
        draft = Draft.load(request.POST.get("draft", ""), agency, request.user)
    except BadDraft as exc:
        messages.error(request, str(exc))
        return redirect("results:import_text", code=agency.code)
    found = measures_in(draft)
    if found is None:
        messages.error(request, _("ไม่พบตารางมาตรการในข้อความนี้"))
        return redirect("results:import_text", code=agency.code)
    proposals = imports.proposals(agency, found.plan_year, found.measures)
    plan = Plan(agency=agency, fiscal_year=found.plan_year)  # not saved: the forms' year and units
    kwargs = {"plan": plan, "framework": services.framework_of(plan)}
    checks = draft.checks_needed(agency)
    checked = request.POST.get("checked") == "1"
    errors: list[str] = []
    if "form-TOTAL_FORMS" in request.POST:
        formset = ImportMeasureFormSet(request.POST, form_kwargs=kwargs)
        if checks and not checked:
            errors.append(_("ข้อความนี้ระบุหน่วยงานหรือปีที่ไม่ตรงกับที่เลือก กรุณาตรวจสอบและทำเครื่องหมายยืนยันก่อน"))
        if formset.is_valid() and not errors:
            chosen = [
                (form.to_data(), form.new_unit_names())
                for form in formset
                if form.cleaned_data.get("include")
            ]
            try:
                created = imports.plan_from_measures(
                    agency,
                    found.plan_year,
                    request.user,
                    chosen,
                    source_name=draft.source_name,
                    checked=draft.checked_statement(agency) if checks else "",
                )
            except PlanError as error:
                errors.append(error.message)
            else:
                messages.success(
                    request,
                    _("สร้างร่างแผนมาตรการปี %(year)s จากเอกสารแล้ว %(n)s มาตรการ")
                    % {"year": created.fiscal_year, "n": len(chosen)},
                )
                return redirect("plans:detail", code=agency.code, plan_id=created.pk)
        elif not formset.is_valid():
            errors.append(_("มีมาตรการที่ต้องแก้ไข ดูข้อความสีแดงในแต่ละมาตรการ"))
    else:
        formset = ImportMeasureFormSet(initial=[_initial(p) for p in proposals], form_kwargs=kwargs)
    existing = Plan.objects.filter(
        agency=agency, fiscal_year=found.plan_year, is_current=True
    ).first()
    return render(
        request,
        "plans/import_measures.html",
        {
            "agency": agency,
            "plan": plan,
            "year_text": services.plan_year_text(plan),
            "token": request.POST.get("draft", ""),
            "rows": list(zip(formset, proposals, strict=False)),
            "formset": formset,
            "checks_needed": checks,
            "checked": checked,
            "errors": errors,
            "existing": existing,
            "draft": draft,
        },
        status=400 if errors else 200,
    )
