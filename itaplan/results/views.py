"""Result pages and the three ways in: the form, text or document, and spreadsheets.

Views parse input, call one service and render. Every view gets its agency
through :func:`itaplan.agencies.access.get_agency_for_user`.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from itaplan.agencies.access import can_write, get_agency_for_user, require_site_admin
from itaplan.agencies.models import Agency
from itaplan.domain.criteria import available_years, load
from itaplan.results import selectors, spreadsheet
from itaplan.results.forms import (
    ResultForm,
    SheetUploadForm,
    TextImportForm,
    chosen_year,
    form_for_request,
    megabytes_limit,
)
from itaplan.results.intake import (
    BadDraft,
    Draft,
    draft_from_text,
    load_entries,
    measures_in,
    names_match,
    sheet_entries,
    sign_entries,
)
from itaplan.results.models import Result
from itaplan.results.services import (
    IntakeError,
    ResultEntry,
    ResultExists,
    current_result,
    current_results_of,
    evaluate,
    save_results,
)
from itaplan.results.textfiles import ExtractError, check_length, extract_text

# --- reading ---------------------------------------------------------------------


@login_required
@require_GET
def result_list(request: HttpRequest, code: str) -> HttpResponse:
    agency = get_agency_for_user(request, code)
    results = list(selectors.current_results(agency))
    return render(
        request,
        "results/list.html",
        {"agency": agency, "results": results, "can_write": can_write(request.user, agency)},
    )


@login_required
@require_GET
def result_detail(
    request: HttpRequest, code: str, year: int, version: int | None = None
) -> HttpResponse:
    agency = get_agency_for_user(request, code)
    result = selectors.get_result(agency, year, version)
    evaluation = selectors.evaluate_result(result)
    framework = evaluation.framework
    items = {s.code: s.score for s in result.item_scores.all()}
    total = evaluation.assessment.total
    change = (
        total - result.previous_total
        if total is not None and result.previous_total is not None
        else None
    )
    return render(
        request,
        "results/detail.html",
        {
            "agency": agency,
            "result": result,
            "evaluation": evaluation,
            "indicators": selectors.indicator_rows(evaluation.assessment),
            "items": selectors.item_rows(framework, items),
            "criteria": selectors.criteria_provenance(framework),
            "versions": selectors.versions_of(result),
            "audit": selectors.audit_trail(result),
            "can_write": can_write(request.user, agency),
            "change": change,
            "conflict_numbers": {
                int(note["field"].split()[1])
                for note in result.intake_notes
                if str(note.get("field", "")).startswith("indicator ")
                and str(note["field"]).split()[1].isdigit()
            },
        },
    )


# --- the form --------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def result_form(request: HttpRequest, code: str) -> HttpResponse:
    agency = get_agency_for_user(request, code, write=True)
    if request.method == "POST":
        form = form_for_request(request.POST, None)
        if form.is_valid():
            indicators, items, printed, previous = form.scores()
            draft = Draft(
                agency=agency.code,
                user=request.user.pk,
                source=Result.Source.FORM,
                fiscal_year=form.framework.fiscal_year,
                indicators=indicators,
                items=items,
                printed=printed,
                previous_total=previous,
            )
            return _render_preview(request, agency, draft)
    else:
        form = form_for_request(None, request.GET.get("year"))
    return render(request, "results/form.html", _form_context(agency, form))


def _form_context(agency: Agency, form: ResultForm) -> dict[str, Any]:
    return {
        "agency": agency,
        "form": form,
        "framework": form.framework,
        "live": _live_totals(form),
    }


def _live_totals(form: ResultForm) -> dict[str, Any]:
    if form.is_bound:
        form.is_valid()  # fills cleaned_data with the valid fields
    indicators, items, printed, _previous = form.scores()
    evaluation = evaluate(form.framework, indicators, items, printed)
    invalid = [form[name].label for name in form.errors if name in form.fields]
    return {
        "evaluation": evaluation,
        "invalid": invalid,
        "criteria": selectors.criteria_provenance(form.framework),
    }


@login_required
@require_POST
def result_form_totals(request: HttpRequest, code: str) -> HttpResponse:
    """The live totals fragment (htmx): what the valid fields already give."""
    agency = get_agency_for_user(request, code, write=True)
    form = form_for_request(request.POST, None)
    return render(
        request, "results/_live_totals.html", {"agency": agency, "live": _live_totals(form)}
    )


# --- preview and confirm (form and text) -----------------------------------------


def _render_preview(
    request: HttpRequest,
    agency: Agency,
    draft: Draft,
    *,
    choices: dict[int, float] | None = None,
    errors: list[str] | None = None,
    status: int = 200,
) -> HttpResponse:
    framework = load(draft.fiscal_year)
    indicators, _missing = draft.chosen(choices)
    evaluation = evaluate(framework, indicators, draft.items, draft.printed)
    picked = {c.number: indicators.get(c.number) for c in draft.conflicts}
    unread = {n for n, _t in draft.unread_lines}
    lines = (
        [(n, line, n in unread) for n, line in enumerate(draft.source_text.splitlines(), start=1)]
        if draft.source_text
        else []
    )
    context = {
        "agency": agency,
        "draft": draft,
        "token": draft.sign(),
        "evaluation": evaluation,
        "indicators": selectors.indicator_rows(evaluation.assessment),
        "items": selectors.item_rows(framework, draft.items),
        "conflicts": [(c, picked.get(c.number)) for c in draft.conflicts],
        "conflict_numbers": {c.number for c in draft.conflicts},
        "indicator_count": len(indicators),
        "agency_matches": names_match(draft.found_agency, agency.name)
        if draft.found_agency
        else None,
        "existing": current_result(agency, draft.fiscal_year),
        "checks_needed": draft.checks_needed(agency),
        "checked": request.POST.get("checked") == "1",
        "measures": measures_in(draft),
        "errors": errors or [],
        "lines": lines,
        "criteria": selectors.criteria_provenance(framework),
    }
    return render(request, "results/preview.html", context, status=status)


def _choices(request: HttpRequest, draft: Draft) -> dict[int, float]:
    picked = {}
    for conflict in draft.conflicts:
        raw = request.POST.get(f"conflict_{conflict.number}", "")
        try:
            value = float(raw)
        except ValueError:
            continue
        if value in conflict.values:
            picked[conflict.number] = value
    return picked


@login_required
@require_POST
def result_confirm(request: HttpRequest, code: str) -> HttpResponse:
    """Save a previewed result (form or text) after the user confirmed it."""
    agency = get_agency_for_user(request, code, write=True)
    try:
        draft = Draft.load(request.POST.get("draft", ""), agency, request.user)
    except BadDraft as exc:
        messages.error(request, str(exc))
        return redirect("results:list", code=agency.code)
    choices = _choices(request, draft)
    indicators, missing = draft.chosen(choices)
    if missing:
        return _render_preview(request, agency, draft, choices=choices, errors=missing, status=400)
    try:
        result = draft.save(
            agency,
            indicators,
            request.user,
            replace=request.POST.get("replace") == "1",
            checked=request.POST.get("checked") == "1",
        )
    except IntakeError as exc:
        status = 409 if isinstance(exc, ResultExists) else 400
        return _render_preview(
            request, agency, draft, choices=choices, errors=exc.messages, status=status
        )
    messages.success(request, _("บันทึกผลการประเมินปี %(year)s แล้ว") % {"year": result.fiscal_year})
    return redirect("results:detail", code=agency.code, year=result.fiscal_year)


# --- text or document ------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def import_text(request: HttpRequest, code: str) -> HttpResponse:
    agency = get_agency_for_user(request, code, write=True)
    form = TextImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.get("file")
        # Browsers send pasted text with CRLF line ends; keep the text's own LF.
        text = (form.cleaned_data.get("text") or "").replace("\r\n", "\n")
        name = ""
        try:
            if upload is not None:
                name = upload.name or ""
                text = extract_text(name, upload.read())
            check_length(text)
            draft = draft_from_text(
                text, agency, request.user, form.cleaned_data.get("fiscal_year"), name
            )
        except (ExtractError, ValueError) as exc:
            form.add_error(None, str(exc))
        else:
            return _render_preview(request, agency, draft)
    return render(
        request,
        "results/import_text.html",
        {"agency": agency, "form": form, "limit": megabytes_limit()},
        status=400 if form.errors else 200,
    )


# --- spreadsheets ----------------------------------------------------------------


def _read_sheet(
    request: HttpRequest, form: SheetUploadForm, agency: Agency | None
) -> tuple[list[ResultEntry], list[str], list[str]]:
    upload = form.cleaned_data["file"]
    name = upload.name or ""
    try:
        table = spreadsheet.read_table(
            name, upload.read(), max_bytes=settings.ITAPLAN_MAX_UPLOAD_BYTES
        )
    except spreadsheet.SheetError as exc:
        return [], exc.messages, []
    rows, errors, warnings = spreadsheet.parse_rows(table)
    if agency is None:
        columns = {c.kind for c in spreadsheet.read_columns(table.headers)[0].values()}
        if not columns & {"code", "name"}:
            errors.insert(0, f"ไม่พบคอลัมน์ '{spreadsheet.CODE}' หรือ '{spreadsheet.NAME}' ในไฟล์")
    entries, agency_errors = sheet_entries(rows, request.user, agency=agency, source_name=name)
    errors.extend(agency_errors)
    return entries, errors, warnings


def _sheet_rows(entries: list[ResultEntry]) -> list[dict[str, Any]]:
    existing = current_results_of(entries)
    rows = []
    for entry in entries:
        evaluation = evaluate(load(entry.fiscal_year), entry.indicators, entry.items, entry.printed)
        rows.append(
            {
                "entry": entry,
                "evaluation": evaluation,
                "existing": existing.get((entry.agency.pk, entry.fiscal_year)),
            }
        )
    return rows


def _sheet_page(
    request: HttpRequest,
    agency: Agency | None,
    *,
    form: SheetUploadForm,
    entries: list[ResultEntry] | None = None,
    errors: list[str] | None = None,
    warnings: list[str] | None = None,
    existing: list[str] | None = None,
    status: int = 200,
) -> HttpResponse:
    scope = agency.code if agency else "*"
    rows = _sheet_rows(entries) if entries and not errors else []
    context = {
        "agency": agency,
        "form": form,
        "errors": errors or [],
        "warnings": warnings or [],
        "existing": existing or [],
        "limit": megabytes_limit(),
        "years": list(reversed(available_years())),
        "rows": rows,
        "any_existing": any(row["existing"] for row in rows),
        "token": sign_entries(entries, request.user, scope) if entries and not errors else "",
    }
    return render(request, "results/import_sheet.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def import_sheet(request: HttpRequest, code: str) -> HttpResponse:
    agency = get_agency_for_user(request, code, write=True)
    return _import_sheet(request, agency)


@login_required
@require_http_methods(["GET", "POST"])
def bulk_import(request: HttpRequest) -> HttpResponse:
    require_site_admin(request)
    return _import_sheet(request, None)


def _import_sheet(request: HttpRequest, agency: Agency | None) -> HttpResponse:
    form = SheetUploadForm(request.POST or None, request.FILES or None)
    if request.method != "POST":
        return _sheet_page(request, agency, form=form)
    if not form.is_valid():
        return _sheet_page(request, agency, form=form, status=400)
    entries, errors, warnings = _read_sheet(request, form, agency)
    return _sheet_page(
        request,
        agency,
        form=SheetUploadForm(),
        entries=entries,
        errors=errors,
        warnings=warnings,
        status=400 if errors else 200,
    )


@login_required
@require_POST
def import_sheet_confirm(request: HttpRequest, code: str) -> HttpResponse:
    agency = get_agency_for_user(request, code, write=True)
    return _confirm_sheet(request, agency)


@login_required
@require_POST
def bulk_confirm(request: HttpRequest) -> HttpResponse:
    """Check the reviewed draft here, then save it on the queue (minutes for a national file)."""
    from itaplan.jobs import services as jobs
    from itaplan.jobs.models import Job
    from itaplan.results.services import ALREADY_CONFIRMED, already_confirmed
    from itaplan.results.tasks import import_results

    require_site_admin(request)
    rows = request.POST.get("rows", "")
    try:
        entries = load_entries(rows, request.user, "*")
    except BadDraft as exc:
        return _sheet_page(request, None, form=SheetUploadForm(), errors=[str(exc)], status=400)
    if already_confirmed(entries):
        return _sheet_page(
            request, None, form=SheetUploadForm(), errors=[ALREADY_CONFIRMED], status=400
        )
    job = jobs.create(
        Job.Kind.BULK_IMPORT,
        user=request.user,
        params={"rows": rows, "replace": request.POST.get("replace") == "1"},
        enqueue=import_results,
    )
    return redirect("jobs:detail", job.pk)


def _confirm_sheet(request: HttpRequest, agency: Agency | None) -> HttpResponse:
    scope = agency.code if agency else "*"
    try:
        entries = load_entries(request.POST.get("rows", ""), request.user, scope)
    except BadDraft as exc:
        return _sheet_page(request, agency, form=SheetUploadForm(), errors=[str(exc)], status=400)
    try:
        saved = save_results(
            entries,
            Result.Source.SPREADSHEET,
            request.user,
            replace=request.POST.get("replace") == "1",
        )
    except ResultExists as exc:
        return _sheet_page(
            request,
            agency,
            form=SheetUploadForm(),
            entries=entries,
            existing=exc.messages,
            status=409,
        )
    except IntakeError as exc:
        return _sheet_page(request, agency, form=SheetUploadForm(), errors=exc.messages, status=400)
    messages.success(request, _("บันทึกผลการประเมิน %(count)s รายการแล้ว") % {"count": len(saved)})
    if agency is not None:
        if len(saved) == 1:
            return redirect("results:detail", code=agency.code, year=saved[0].fiscal_year)
        return redirect("results:list", code=agency.code)
    return redirect("home")


def _template_response(
    fmt: str, year: int, agencies: list[tuple[str, str]], filename: str
) -> HttpResponse:
    framework = load(year)
    if fmt == "xlsx":
        body = spreadsheet.template_xlsx(framework, agencies, year)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        body = spreadsheet.template_csv(framework, agencies, year)
        content_type = "text/csv; charset=utf-8"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}-{year}.{fmt}"'
    return response


@login_required
@require_GET
def sheet_template(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    agency = get_agency_for_user(request, code, write=True)
    year = chosen_year(request.GET.get("year"))
    return _template_response(fmt, year, [(agency.code, agency.name)], f"itaplan-{agency.code}")


@login_required
@require_GET
def bulk_template(request: HttpRequest, fmt: str) -> HttpResponse:
    require_site_admin(request)
    year = chosen_year(request.GET.get("year"))
    return _template_response(fmt, year, [], "itaplan-results")
