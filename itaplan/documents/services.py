"""Documents from stored data: the o27 document of a plan, the o28 report of a round.

The web downloads (:mod:`itaplan.documents.views`) and the CLI
(``itaplan document measures|progress --agency CODE --year YEAR``) both come here;
the renderers only ever see the plain :mod:`~itaplan.documents.model` data built
below. Needs Django set up (the CLI calls ``django.setup()`` before importing this).
"""

from __future__ import annotations

import dataclasses
import io
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.utils.translation import gettext

from itaplan.agencies.models import Agency
from itaplan.documents.build import issue_text, measures_document
from itaplan.documents.corrections import corrections_of
from itaplan.documents.files import DocumentError, render
from itaplan.documents.model import (
    Agency as DocumentAgency,
)
from itaplan.documents.model import (
    Approval,
    IndicatorScore,
    MeasureRow,
    MeasuresDocument,
    ProgressDocument,
    preparer,
)
from itaplan.documents.wording import blanks
from itaplan.domain.criteria import CriteriaError, Framework, load, oit_codes
from itaplan.domain.knowledge import KnowledgeBase
from itaplan.domain.scoring import Assessment, assess
from itaplan.domain.thai import format_score, to_arabic_digits
from itaplan.lib.approval import signer_name
from itaplan.plans.models import Measure, Plan
from itaplan.plans.selectors import assessment_of, knowledge_for, previous_result
from itaplan.progress.models import ReportingRound
from itaplan.progress.report import progress_document
from itaplan.progress.selectors import rounds_of
from itaplan.results.selectors import evaluate_result

#: What a download may be, by the extension in its URL, with its content type.
PLAN_FORMATS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
ROUND_FORMATS = {key: PLAN_FORMATS[key] for key in ("docx", "pdf")}

#: Kinds of agency said before its own name; a file name keeps only the name.
_NAME_PREFIXES = (
    "องค์การบริหารส่วนตำบล",
    "องค์การบริหารส่วนจังหวัด",
    "เทศบาลตำบล",
    "เทศบาลเมือง",
    "เทศบาลนคร",
    "อบต.",
    "อบจ.",
    "ทต.",
    "ทม.",
    "ทน.",
)
#: Characters no file name may hold on Windows, macOS or Linux.
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')
_NOT_ASCII_NAME = re.compile(r"[^A-Za-z0-9._-]+")


# --- the o27 document of a plan -----------------------------------------------------


def document_agency(agency: Agency) -> DocumentAgency:
    """The agency as the header of a document prints it."""
    district = agency.district
    return DocumentAgency(agency.name, district.name, district.province.name)


def plan_approval(plan: Plan) -> Approval:
    """Who approved the plan, or blank lines to sign on while it is not approved."""
    if not plan.is_locked:
        return Approval()
    return Approval(
        signer_name(plan.approver_name), plan.approver_position or None, plan.approved_at
    )


def document_blanks(agency: Agency, approvable: Plan | ReportingRound) -> tuple[str, ...]:
    """What a plan's o27 or a round's o28 prints as dotted lines because it is not known
    (the agency's district or province, the signer's name, position, date), in words."""
    approval = Approval()
    if approvable.is_locked:
        approval = Approval(
            signer_name(approvable.approver_name),
            approvable.approver_position or None,
            approvable.approved_at,
        )
    return blanks(
        document_agency(agency), approval, preparer(agency.preparer_name, agency.preparer_position)
    )


def _issue(measure: Measure, framework: Framework, assessment: Assessment) -> str:
    """The weak point a measure answers (ประเด็นที่ต้องพัฒนา): its indicator's items below
    100 with their scores; for a measure of no indicator, what the agency wrote."""
    if measure.indicator is not None and framework.has_indicator(measure.indicator):
        return issue_text(assessment, measure.indicator)
    items = [
        f"{code} {framework.item(code).text}"
        + (f" ({format_score(assessment.items[code])} คะแนน)" if code in assessment.items else "")
        for code in measure.item_codes
        if framework.has_item(code) and assessment.items.get(code, 0.0) < 100
    ]
    return "\n".join(items) or str(measure.analysis or "")


def _measure_row(
    measure: Measure, framework: Framework, assessment: Assessment, kb: KnowledgeBase | None
) -> MeasureRow:
    number = measure.indicator
    known = number is not None and framework.has_indicator(number)
    related: tuple[str, ...] = ()
    if kb is not None and measure.template_key:
        try:
            related = kb.template(measure.template_key).related_oit
        except KeyError:  # the template was renamed or dropped since
            related = ()
    return MeasureRow(
        indicator=number,
        indicator_name=framework.indicator(number).name if known and number else "",
        score=assessment.indicator(number).value if known and number else None,
        issue=_issue(measure, framework, assessment),
        title=measure.title,
        steps=tuple(step.text for step in measure.steps.all()),
        units=tuple(unit.name for unit in measure.units.all()),
        start=measure.start_date,
        end=measure.end_date,
        monitoring=measure.monitoring,
        related_oit=related,
    )


def plan_document(plan: Plan) -> MeasuresDocument:
    """The o27 document of a stored plan: its result analysed, then its own measures.

    The result the plan answers is scored by the engine (the printed level is kept
    beside the computed one) and compared with the agency's result of the year before
    when it is stored, else with the previous total printed in the result. The measures
    are the plan's, in the plan's order. A plan that is not approved is a draft: blank
    signature lines and ร่าง under the title. Raises :class:`DocumentError` when the
    criteria of the results year are unknown.
    """
    agency = plan.agency
    result = plan.result
    try:
        framework = load(plan.results_year)
    except CriteriaError as exc:
        raise DocumentError(str(exc)) from exc
    printed_level: str | None = None
    previous: Assessment | None = None
    previous_total: float | None = None
    corrections: tuple[str, ...] = ()
    if result is not None:
        evaluation = evaluate_result(result)
        assessment = evaluation.assessment
        corrections = corrections_of(evaluation.findings, agency=agency.name)
        printed_level = evaluation.printed.level or None
        previous_total = result.previous_total
        before = previous_result(result)
        if before is not None:
            try:
                previous = assessment_of(before)
            except CriteriaError:
                previous = None
    else:
        # No result in the system: the document is the measures with an empty results table.
        assessment = assess(framework, {})
    # In indicator order (the plan's order within one), so each indicator is printed once
    # over its measures; measures of no indicator come last.
    measures = sorted(
        plan.measures.prefetch_related("steps", "units").order_by("order", "id"),
        key=lambda m: (m.indicator is None, m.indicator or 0),
    )
    kb = knowledge_for(assessment.fiscal_year)
    document = measures_document(
        assessment,
        document_agency(agency),
        (),
        kb=kb,
        plan_year=plan.fiscal_year,
        thai_digits=agency.thai_digits,
        printed_level=printed_level,
        previous=previous,
        previous_total=previous_total,
        approval=plan_approval(plan),
        preparer=preparer(agency.preparer_name, agency.preparer_position),
    )
    return dataclasses.replace(
        document,
        indicators=tuple(_with_analysis(document, measures)),
        measures=tuple(_measure_row(m, framework, assessment, kb) for m in measures),
        draft=not plan.is_locked,
        corrections=corrections,
        show_corrections=agency.note_corrections,
    )


def _with_analysis(document: MeasuresDocument, measures: list[Measure]) -> list[IndicatorScore]:
    """The indicators, each with the analysis the knowledge base gives or, when it gives
    none, what the plan's measures of that indicator say; nothing for unscored ones."""
    indicators = []
    for ind in document.indicators:
        analysis = ind.analysis
        if ind.score is None:
            analysis = ()
        elif not analysis:
            texts = (m.analysis.strip() for m in measures if m.indicator == ind.number)
            analysis = tuple(dict.fromkeys(t for t in texts if t))
        indicators.append(dataclasses.replace(ind, analysis=analysis))
    return indicators


#: The deployment's own look, at the top of settings.ITAPLAN_DOCX_TEMPLATES.
DEPLOYMENT_TEMPLATE = "default.docx"
#: Agencies' uploaded looks live in this subfolder, so that no agency code (not even
#: ``default``) can name the deployment's file.
AGENCY_TEMPLATES = "agencies"


def docx_base_template(agency_code: str) -> Path | None:
    """The DOCX look to use for an agency: the one it uploaded, else a ``<code>.docx``
    the deployment placed in its template folder (settings.ITAPLAN_DOCX_TEMPLATES),
    else the deployment's ``default.docx``, else the built-in (``None``)."""
    folder = Path(settings.ITAPLAN_DOCX_TEMPLATES)
    candidates = [agency_docx_template_path(agency_code)]
    if f"{agency_code}.docx" != DEPLOYMENT_TEMPLATE:
        candidates.append(folder / f"{agency_code}.docx")
    candidates.append(folder / DEPLOYMENT_TEMPLATE)
    return next((path for path in candidates if path.is_file()), None)


MAX_TEMPLATE_BYTES = 5 * 1024 * 1024


def agency_docx_template_path(agency_code: str) -> Path:
    """Where an agency's own (uploaded) DOCX look is kept."""
    return Path(settings.ITAPLAN_DOCX_TEMPLATES) / AGENCY_TEMPLATES / f"{agency_code}.docx"


def save_agency_docx_template(agency_code: str, upload: Any) -> Path:
    """Keep an uploaded .docx as the agency's look, after checking Word can open it."""
    if upload is None:
        raise DocumentError(gettext("เลือกไฟล์ .docx ก่อน"))
    if not str(upload.name).lower().endswith(".docx"):
        raise DocumentError(gettext("'%(name)s' ไม่ใช่ไฟล์ .docx") % {"name": upload.name})
    if upload.size == 0 or upload.size > MAX_TEMPLATE_BYTES:
        raise DocumentError(
            gettext("'%(name)s' ต้องไม่ว่างและไม่เกิน %(value)s MB")
            % {"name": upload.name, "value": MAX_TEMPLATE_BYTES // (1024 * 1024)}
        )
    data = upload.read()
    try:
        from docx import Document

        Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds for a broken file
        raise DocumentError(
            gettext("เปิด '%(name)s' เป็นเอกสาร Word ไม่ได้") % {"name": upload.name}
        ) from exc
    path = agency_docx_template_path(agency_code)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    _audit_template(agency_code, ["", f"{upload.name} ({len(data):,} bytes)"])
    return path


def remove_agency_docx_template(agency_code: str) -> None:
    """Go back to the deployment's (or the built-in) look."""
    path = agency_docx_template_path(agency_code)
    if path.is_file():
        path.unlink(missing_ok=True)
        _audit_template(agency_code, [path.name, ""])


def _audit_template(agency_code: str, change: list[str]) -> None:
    from itaplan.agencies.audit import record, updated

    agency = Agency.objects.filter(code=agency_code).first()
    if agency is not None:
        record(agency, updated(), {"docx_template": change})


def plan_file(plan: Plan, fmt: str) -> bytes:
    """The o27 document of ``plan`` as ``docx``, ``pdf`` or ``xlsx`` bytes."""
    if fmt not in PLAN_FORMATS:
        raise DocumentError(
            gettext("ไม่รู้จักชนิดไฟล์ %(fmt)s (ใช้ได้: %(value)s)")
            % {"fmt": repr(fmt), "value": ", ".join(PLAN_FORMATS)}
        )
    return render(
        plan_document(plan), f".{fmt}", base_template=docx_base_template(plan.agency.code)
    )


# --- the o28 report of a round ------------------------------------------------------


def round_document(round_: ReportingRound) -> ProgressDocument:
    """The o28 report of a reporting round; a round not approved yet is a draft."""
    return dataclasses.replace(progress_document(round_), draft=not round_.is_locked)


def round_file(round_: ReportingRound, fmt: str) -> bytes:
    """The o28 report of ``round_`` as ``docx`` or ``pdf`` bytes."""
    document = round_document(round_)
    if fmt == "docx":
        from itaplan.documents.docx import progress_docx

        return progress_docx(document, base_template=docx_base_template(round_.plan.agency.code))
    if fmt == "pdf":
        from itaplan.documents.pdf import progress_pdf

        return progress_pdf(document)
    raise DocumentError(
        gettext("ไม่รู้จักชนิดไฟล์ %(fmt)s (ใช้ได้: %(value)s)")
        % {"fmt": repr(fmt), "value": ", ".join(ROUND_FORMATS)}
    )


# --- file names ---------------------------------------------------------------------


def short_name(agency: Agency) -> str:
    """The agency's own name without its kind: ``องค์การบริหารส่วนตำบลสามเรือน`` → ``สามเรือน``."""
    name = " ".join(agency.name.split())
    for prefix in sorted(_NAME_PREFIXES, key=len, reverse=True):
        if name.startswith(prefix) and name[len(prefix) :].strip():
            return name[len(prefix) :].strip()
    return name


def _file_name(*parts: object) -> str:
    words = (_UNSAFE.sub("", str(p)).strip() for p in parts)
    return "-".join("-".join(w.split()) for w in words if w)


def _ascii_name(*parts: object) -> str:
    words = (_NOT_ASCII_NAME.sub("-", str(p)).strip("-.") for p in parts)
    return "-".join(w for w in words if w)


def plan_file_names(plan: Plan, fmt: str) -> tuple[str, str]:
    """The Thai file name, ``มาตรการ-O25-สามเรือน-2569.docx`` (``-ร่าง`` while not
    approved), and its ASCII fallback, ``O25-samruean-2569.docx``. The item code is the
    plan year's measures item (o27 in FY2568, O25 from FY2569), left out where unknown."""
    draft = () if plan.is_locked else ("ร่าง",)
    fallback = () if plan.is_locked else ("draft",)
    agency, year = plan.agency, plan.fiscal_year
    code = oit_codes(year)[0]
    return (
        f"{_file_name('มาตรการ', code or '', short_name(agency), year, *draft)}.{fmt}",
        f"{_ascii_name(code or 'measures', agency.code, year, *fallback)}.{fmt}",
    )


def round_file_names(round_: ReportingRound, fmt: str) -> tuple[str, str]:
    """The Thai file name, ``รายงาน-O26-สามเรือน-2569-รอบ-12-เดือน.pdf`` (``-ร่าง`` while
    not approved), and its ASCII fallback, ``O26-samruean-2569-round-2.pdf``; the item
    code is the plan year's report item, left out where unknown."""
    plan = round_.plan
    draft = () if round_.is_locked else ("ร่าง",)
    fallback = () if round_.is_locked else ("draft",)
    agency, year, name = plan.agency, plan.fiscal_year, to_arabic_digits(round_.name)
    code = oit_codes(year)[1]
    return (
        f"{_file_name('รายงาน', code or '', short_name(agency), year, name, *draft)}.{fmt}",
        f"{_ascii_name(code or 'progress', agency.code, year, f'round-{round_.order}', *fallback)}.{fmt}",
    )


def content_disposition(name: str, fallback: str) -> str:
    """``attachment`` with an ASCII ``filename`` and the UTF-8 ``filename*`` (RFC 6266/5987)."""
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


# --- for the CLI --------------------------------------------------------------------


def _agency(code: str) -> Agency:
    agency: Agency | None = (
        Agency.objects.select_related("district__province").filter(code=code).first()
    )
    if agency is None:
        raise DocumentError(gettext("ไม่พบหน่วยงานรหัส '%(code)s'") % {"code": code})
    return agency


def _current_plan(agency: Agency, year: int) -> Plan:
    plan: Plan | None = (
        Plan.objects.select_related("result")
        .filter(agency=agency, fiscal_year=year, is_current=True)
        .first()
    )
    if plan is None:
        raise DocumentError(
            gettext("%(name)s ยังไม่มีแผนมาตรการปีงบประมาณ %(year)s")
            % {"name": agency.name, "year": year}
        )
    plan.agency = agency
    return plan


def write_plan_document(agency_code: str, year: int, out: Path) -> Path:
    """Write the o27 document of the agency's current plan of fiscal year ``year`` (BE)
    to ``out``; the format comes from its suffix (``.docx``, ``.pdf``, ``.xlsx``).

    Raises :class:`DocumentError` (Thai message) when the agency, the plan or the
    format is unknown.
    """
    suffix = out.suffix.lower().lstrip(".")
    if suffix not in PLAN_FORMATS:
        raise DocumentError(
            gettext("ไม่รู้จักชนิดไฟล์ %(suffix)s (ใช้ได้: %(value)s)")
            % {"suffix": repr(out.suffix), "value": ", ".join("." + f for f in PLAN_FORMATS)}
        )
    plan = _current_plan(_agency(agency_code), year)
    out.write_bytes(plan_file(plan, suffix))
    return out


def _normal(text: str) -> str:
    return "".join(to_arabic_digits(text).split())


def find_round(plan: Plan, wanted: str | None) -> ReportingRound:
    """The round a person names: by its name (digits and spaces as they like), by its
    position (``1`` = the first round), or by a number in its name (``12`` → รอบ 12
    เดือน). Without a name: the latest approved round, else the latest one.
    """
    rounds = rounds_of(plan)
    year = plan.fiscal_year
    if not rounds:
        raise DocumentError(
            gettext("แผนมาตรการปีงบประมาณ %(year)s ของ%(name)s ยังไม่มีรอบการรายงานผล")
            % {"year": year, "name": plan.agency.name}
        )
    if wanted is None or not wanted.strip():
        approved = [r for r in rounds if r.is_locked]
        return (approved or rounds)[-1]
    key = _normal(wanted)
    for found in rounds:
        if _normal(found.name) == key:
            return found
    if key.isdigit() and 1 <= int(key) <= len(rounds):
        return rounds[int(key) - 1]
    matches = [r for r in rounds if re.search(rf"(?<!\d){re.escape(key)}(?!\d)", _normal(r.name))]
    if len(matches) == 1:
        return matches[0]
    names = ", ".join(f"{n}. {r.name}" for n, r in enumerate(rounds, start=1))
    raise DocumentError(
        gettext("ไม่พบรอบการรายงานผล '%(wanted)s' ของแผนปีงบประมาณ %(year)s (มี: %(names)s)")
        % {"wanted": wanted, "year": year, "names": names}
    )


def write_progress_document(
    agency_code: str, year: int, round_name_or_index: str | None, out: Path
) -> Path:
    """Write the o28 report of a round of the agency's current plan of fiscal year
    ``year`` (BE) to ``out`` (``.docx`` or ``.pdf``). ``round_name_or_index`` picks the
    round (see :func:`find_round`); by default the latest approved round, else the
    latest round.

    Raises :class:`DocumentError` (Thai message) when the agency, the plan, the round
    or the format is unknown.
    """
    suffix = out.suffix.lower().lstrip(".")
    if suffix not in ROUND_FORMATS:
        raise DocumentError(
            gettext("ไม่รู้จักชนิดไฟล์ %(suffix)s (ใช้ได้: %(value)s)")
            % {"suffix": repr(out.suffix), "value": ", ".join("." + f for f in ROUND_FORMATS)}
        )
    plan = _current_plan(_agency(agency_code), year)
    round_ = find_round(plan, round_name_or_index)
    round_.plan = plan
    out.write_bytes(round_file(round_, suffix))
    return out
