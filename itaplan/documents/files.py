"""Write a document to a file from a result file alone: what the CLI needs, no database.

``itaplan document measures --from-file RESULT.txt --out FILE.docx|pdf|xlsx`` is
:func:`write_measures_document_from_file`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from itaplan.documents.build import find_location, measures_document_from_result
from itaplan.documents.model import Agency, Approval, MeasuresDocument
from itaplan.domain.criteria import CriteriaError
from itaplan.domain.knowledge import KnowledgeError

FORMATS = (".docx", ".pdf", ".xlsx", ".html")


class DocumentError(ValueError):
    """The document could not be made; the message says why, in Thai."""


def render(document: MeasuresDocument, suffix: str, *, base_template: Path | None = None) -> bytes:
    """The o27 document in the format named by a file suffix (``.docx``, ``.pdf``…)."""
    if suffix == ".docx":
        from itaplan.documents.docx import measures_docx

        return measures_docx(document, base_template=base_template)
    if suffix == ".pdf":
        from itaplan.documents.pdf import measures_pdf

        return measures_pdf(document)
    if suffix == ".xlsx":
        from itaplan.documents.xlsx import measures_xlsx

        return measures_xlsx(document)
    if suffix == ".html":
        from itaplan.documents.pdf import measures_html

        return measures_html(document).encode("utf-8")
    raise DocumentError(f"ไม่รู้จักชนิดไฟล์ {suffix!r} (ใช้ได้: {', '.join(FORMATS)})")


def measures_document_from_text(
    text: str,
    *,
    thai_digits: bool = True,
    fiscal_year: int | None = None,
    plan_year: int | None = None,
    approval: Approval | None = None,
    max_measures: int | None = None,
    show_corrections: bool = False,
) -> MeasuresDocument:
    """The o27 document for the result printed in ``text`` (a seed-like document or table).

    ``fiscal_year`` is the year of the results when the text does not say it.
    """
    from itaplan.domain.parsing import parse_result_text

    parsed = parse_result_text(text, fiscal_year=fiscal_year)
    if parsed.fiscal_year is None:
        raise DocumentError("ไม่พบปีงบประมาณของผลการประเมินในข้อความ ระบุปีของผลการประเมินด้วย")
    if not parsed.indicators and not parsed.items:
        raise DocumentError("ไม่พบคะแนนตัวชี้วัดหรือประเด็นการประเมินในข้อความ")
    district, province = find_location(text)
    agency = Agency(parsed.agency or "หน่วยงาน", district, province)
    try:
        return measures_document_from_result(
            parsed,
            agency,
            plan_year=plan_year,
            thai_digits=thai_digits,
            approval=approval,
            max_measures=max_measures,
            show_corrections=show_corrections,
        )
    except (CriteriaError, KnowledgeError) as exc:
        raise DocumentError(str(exc)) from exc


def write_measures_document_from_file(
    path: Path,
    out: Path,
    *,
    thai_digits: bool = True,
    fiscal_year: int | None = None,
    plan_year: int | None = None,
    approver: str | None = None,
    approver_position: str | None = None,
    approved_on: dt.date | None = None,
    base_template: Path | None = None,
    max_measures: int | None = None,
    show_corrections: bool = False,
    say: Callable[[str], None] | None = None,
) -> Path:
    """Read a result file, write its o27 document to ``out`` (format from the suffix).

    The result file is read through the intake's text extraction, as the CLI reads it
    (.docx and .pdf extracted, else UTF-8 or Thai cp874). Raises :class:`DocumentError`,
    for an unreadable file too. ``say`` is told each figure of the source the document
    corrected; ``show_corrections`` lists them in a footnote too.
    """
    from itaplan.results.textfiles import ExtractError, read_file

    suffix = out.suffix.lower()
    if suffix not in FORMATS:
        raise DocumentError(f"ไม่รู้จักชนิดไฟล์ {out.suffix!r} (ใช้ได้: {', '.join(FORMATS)})")
    try:
        text = read_file(path)
    except ExtractError as exc:
        raise DocumentError(str(exc)) from exc
    document = measures_document_from_text(
        text,
        thai_digits=thai_digits,
        fiscal_year=fiscal_year,
        plan_year=plan_year,
        approval=Approval(approver, approver_position, approved_on),
        max_measures=max_measures,
        show_corrections=show_corrections,
    )
    if say is not None:
        for correction in document.corrections:
            say(correction)
    out.write_bytes(render(document, suffix, base_template=base_template))
    return out
