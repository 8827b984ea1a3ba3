"""The o27 of each seed and the demo o28s read back as a Thai reviewer reads them: the
agency's own voice, no "low score" for an indicator that is not urgent, no full-score item
among the points to develop, no placeholder, status counts that add up."""

from __future__ import annotations

import io
import re

from docx import Document

from itaplan.documents import services
from itaplan.documents.model import MeasuresDocument, ProgressDocument
from itaplan.documents.tests.conftest import (
    Seed,
    all_text,
    normalise,
    seed_docx_bytes,
    seed_pdf_file,
)
from itaplan.documents.tests.stored import StoredDemoTestCase, docx_text, pdf_body, write_pdf
from itaplan.documents.wording import BLANK_NAME, MEASURE_HEADER, measures_text, progress_text
from itaplan.domain.tests.voice import FORBIDDEN, LOW_SCORE, faults
from itaplan.domain.thai import to_arabic_digits
from itaplan.lib.approval import NAME_NOT_KNOWN
from itaplan.progress.models import ReportingRound

_CODE = re.compile(r"^([ieo]\d+) ")


def _assert_o27_reads_well(document: MeasuresDocument, docx: str, pdf: str) -> None:
    assert not faults(docx), faults(docx)
    for phrase in (p for p in FORBIDDEN if " " not in p):  # the PDF's text has no spaces
        assert normalise(phrase) not in pdf, phrase
    urgent = sum(1 for i in document.indicators if i.class_key == "urgent")
    # "คะแนนต่ำ" is said once per urgent indicator (its class sentence), nowhere else.
    assert docx.count(LOW_SCORE) == urgent
    assert pdf.count(normalise(LOW_SCORE)) == urgent
    scores = {i.code: i.score for i in document.items}
    issue = MEASURE_HEADER.index("ประเด็นที่ต้องพัฒนา")
    for row in measures_text(document).measures.rows:
        for line in row.cells[issue].lines:
            if match := _CODE.match(line):
                assert scores[match[1]] < 100, line


def test_each_seed_o27_reads_as_the_agency_would_publish_it(seed: Seed) -> None:
    docx = all_text(Document(io.BytesIO(seed_docx_bytes(seed.key))))
    _assert_o27_reads_well(seed.document, docx, pdf_body(seed_pdf_file(seed.key)))


def _assert_o28_reads_well(document: ProgressDocument, docx: str, pdf: str) -> None:
    assert not faults(docx), faults(docx)
    for phrase in (p for p in FORBIDDEN if " " not in p):  # the PDF's text has no spaces
        assert normalise(phrase) not in pdf, phrase
    text = progress_text(document)
    counts = {r.cells[0].text: r.cells[1].text for r in text.counts.rows}
    total = counts.pop("รวม")
    numbers = [int(to_arabic_digits(n)) for n in counts.values()]
    assert sum(numbers) == int(to_arabic_digits(total)) == len(document.measures)
    assert text.closing


class StoredDocumentsReadWellTests(StoredDemoTestCase):
    def test_the_stored_plans_o27_read_as_the_agency_would_publish_them(self) -> None:
        for code in ("jomthong", "lumphli", "samruean"):
            with self.subTest(code):
                plan = self.plan(code)
                document = services.plan_document(plan)
                docx = docx_text(services.plan_file(plan, "docx"))
                pdf = pdf_body(write_pdf(f"o27-stored-{code}.pdf", services.plan_file(plan, "pdf")))
                _assert_o27_reads_well(document, docx, pdf)

    def test_the_demo_o28s_read_as_the_agency_would_publish_them(self) -> None:
        rounds = ReportingRound.objects.select_related("plan__agency__district__province")
        self.assertTrue(rounds.exists())
        for round_ in rounds:
            with self.subTest(round_.pk):
                document = services.round_document(round_)
                docx = docx_text(services.round_file(round_, "docx"))
                pdf = pdf_body(
                    write_pdf(f"o28-stored-{round_.pk}.pdf", services.round_file(round_, "pdf"))
                )
                _assert_o28_reads_well(document, docx, pdf)

    def test_the_demo_signer_and_place_not_known_are_dotted_lines(self) -> None:
        round_ = ReportingRound.objects.get(
            plan__agency__code="bankham", status=ReportingRound.Status.APPROVED
        )
        docx = docx_text(services.round_file(round_, "docx"))
        self.assertIn(BLANK_NAME, docx)
        self.assertNotIn(NAME_NOT_KNOWN, docx)
        self.assertIn("อำเภอ......", docx)
        self.assertIn("ชื่อผู้รับรองข้อมูล", services.document_blanks(round_.plan.agency, round_))

    def test_the_download_pages_say_what_will_be_a_dotted_line(self) -> None:
        from django.urls import reverse

        round_ = ReportingRound.objects.get(
            plan__agency__code="bankham", status=ReportingRound.Status.APPROVED
        )
        self.client.force_login(self.editor)
        page = self.client.get(
            reverse("progress:round", args=["bankham", round_.pk])
        ).content.decode()
        warning = page.split("data-blanks>")[1].split("</div>")[0]
        for missing in ("อำเภอของหน่วยงาน", "จังหวัดของหน่วยงาน", "ชื่อผู้รับรองข้อมูล"):
            self.assertIn(missing, warning)
        self.assertNotIn("ตำแหน่งผู้รับรองข้อมูล", warning)  # the position is known
        plan = self.plan("samruean")  # approved, signed, its place known
        page = self.client.get(reverse("plans:detail", args=["samruean", plan.pk])).content.decode()
        self.assertNotIn("data-blanks", page)
