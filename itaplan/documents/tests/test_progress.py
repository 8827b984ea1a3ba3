"""The o28 progress report from a small hand-built ProgressDocument."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT

from itaplan.documents.docx import progress_docx
from itaplan.documents.model import Agency, Approval, Status
from itaplan.documents.pdf import progress_html, progress_pdf
from itaplan.documents.tests.conftest import missing_thai_runs, normalise, pdf_text, small_progress
from itaplan.documents.wording import BLANK_NAME, DOTS, OVERDUE, blanks, progress_text


def test_the_summary_counts_measures_by_status_and_lateness() -> None:
    summary = small_progress(thai_digits=True).summary
    assert (summary.total, summary.done, summary.in_progress) == (4, 1, 1)
    assert (summary.not_started, summary.cancelled, summary.overdue) == (1, 1, 1)


def test_a_measure_is_overdue_only_while_unfinished_after_its_end() -> None:
    late = small_progress(thai_digits=False).measures[1]
    assert late.is_overdue(dt.date(2026, 3, 1))
    assert not late.is_overdue(dt.date(2026, 2, 28))
    done = small_progress(thai_digits=False).measures[0]
    assert not done.is_overdue(dt.date(2026, 9, 30))


def test_status_labels_are_the_thai_words_of_the_report() -> None:
    assert [s.label for s in Status] == [
        "ยังไม่ดำเนินการ",
        "อยู่ระหว่างดำเนินการ",
        "ดำเนินการแล้วเสร็จ",
        "ยกเลิก",
    ]


def test_the_summary_sentence_uses_the_agency_digits() -> None:
    text = progress_text(small_progress(thai_digits=True))
    assert "จำนวน ๔ มาตรการ" in text.summary
    assert "เลยกำหนดเวลา ๑ มาตรการ" in text.summary
    assert text.round_line.startswith("ผลการดำเนินการรอบ ๖ เดือน ณ วันที่ ๓๑ มีนาคม ๒๕๖๙")


def test_the_docx_lists_every_measure_with_status_evidence_and_approval(
    artifacts: Path,
) -> None:
    document = small_progress(thai_digits=True)
    data = progress_docx(document)
    (artifacts / "o28-sample.docx").write_bytes(data)
    doc = Document(io.BytesIO(data))
    cells = "\n".join(c.text for t in doc.tables for row in t.rows for c in row.cells)
    body = "\n".join(p.text for p in doc.paragraphs)
    for row in document.measures:
        assert row.status.label in cells
    assert "ร้อยละ ๖๐" in cells
    # The address keeps its Arabic digits, or it would not open.
    assert "https://samruean.go.th/o13/2568" in cells
    assert "เหตุผลที่ยกเลิก: ใช้ระบบ e-service ของจังหวัดแทน" in cells
    assert "ผู้รับรองข้อมูล" in body
    assert doc.sections[0].orientation == WD_ORIENT.LANDSCAPE


def test_the_pdf_prints_the_same_report(artifacts: Path) -> None:
    document = small_progress(thai_digits=False)
    path = artifacts / "o28-sample.pdf"
    path.write_bytes(progress_pdf(document))
    text = normalise(pdf_text(path, "-raw"))
    for row in document.measures:
        assert normalise(row.title) in text
        assert normalise(row.status.label) in text
    assert "https://samruean.go.th/o13/2568" in text
    assert normalise("ผู้รับรองข้อมูล") in text


def test_every_thai_run_of_the_report_is_copied_back_exactly_from_the_pdf(
    artifacts: Path,
) -> None:
    document = small_progress(thai_digits=True)
    path = artifacts / "o28-sample-thai-digits.pdf"
    path.write_bytes(progress_pdf(document))
    missing, runs = missing_thai_runs(progress_html(document), path)
    assert runs > 30
    assert missing == [], f"{len(missing)} of {runs} Thai runs not in pdftotext's text"


def test_the_status_counts_add_up_and_overdue_is_counted_apart() -> None:
    text = progress_text(small_progress(thai_digits=False))
    rows = {r.cells[0].text: int(r.cells[1].text) for r in text.counts.rows}
    assert rows.pop("รวม") == sum(rows.values()) == 4
    assert OVERDUE not in rows
    assert text.overdue_note == "ในจำนวนนี้ มาตรการที่เลยกำหนดเวลา 1 มาตรการ (ระบุไว้ในช่องสถานะของตาราง)"
    marked = [r for r in text.progress.rows if f"({OVERDUE})" in r.cells[3].lines]
    assert [r.cells[1].lines[0] for r in marked] == ["2. จัดทำคู่มือการยืมทรัพย์สินของราชการ"]


def test_each_evidence_is_printed_once_as_its_title_then_its_address() -> None:
    text = progress_text(small_progress(thai_digits=True))
    first, second = (r.cells[6].lines for r in text.progress.rows[:2])
    assert first == ("รายงานผลการจัดซื้อจัดจ้าง ๒๕๖๘", "https://samruean.go.th/o13/2568")
    assert second == ("https://samruean.go.th/manual/draft",)  # no title typed: the address once


def test_problems_and_the_next_step_are_printed_beside_the_result() -> None:
    row = progress_text(small_progress(thai_digits=False)).progress.rows[1]
    assert row.cells[5].lines == (
        "ปัญหา/อุปสรรค: ต้องรอความเห็นของกองช่างเรื่องการยืมเครื่องมือ",
        "ขั้นตอนต่อไป: เสนอผู้บริหารลงนามประกาศใช้ภายในเดือนเมษายน",
    )


def test_the_report_closes_with_a_summary_naming_the_late_measure() -> None:
    text = progress_text(small_progress(thai_digits=False))
    assert text.closing[0].startswith(
        "องค์การบริหารส่วนตำบลสามเรือนดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสแล้วเสร็จ 1 จาก 4 มาตรการ คิดเป็นร้อยละ 25"
    )
    assert "มาตรการที่เลยกำหนดเวลา ได้แก่ มาตรการที่ 2" in text.closing[1]


def test_a_place_or_signer_not_known_is_a_dotted_line_and_is_said_before_download() -> None:
    document = dataclasses.replace(
        small_progress(thai_digits=True),
        agency=Agency("องค์การบริหารส่วนตำบลบ้านขาม"),
        approval=Approval(),
    )
    text = progress_text(document)
    assert text.header[3] == f"อำเภอ{DOTS} จังหวัด{DOTS}"
    assert text.approval[1] == BLANK_NAME
    assert blanks(document.agency, document.approval) == (
        "อำเภอของหน่วยงาน",
        "จังหวัดของหน่วยงาน",
        "ชื่อผู้รับรองข้อมูล",
        "ตำแหน่งผู้รับรองข้อมูล",
        "วันที่รับรอง",
    )
    data = progress_docx(document)
    body = "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)
    assert f"อำเภอ{DOTS}" in body and "ไม่ทราบ" not in body
