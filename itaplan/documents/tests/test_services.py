"""Documents from stored data: the o27 document of each seed agency's plan, the o28
report of บ้านขาม's 12-month round, and the functions the CLI calls."""

from __future__ import annotations

import dataclasses
import io
import statistics
import subprocess
import tempfile
import time
from pathlib import Path
from typing import ClassVar

from openpyxl import load_workbook

from itaplan.documents import services
from itaplan.documents.files import DocumentError
from itaplan.documents.model import APPROVER_LABEL
from itaplan.documents.tests.conftest import ARTIFACTS, normalise, pdf_text
from itaplan.documents.tests.stored import (
    APPROVERS,
    HANDWRITTEN_TITLE,
    SEED_AGENCIES,
    SUGGESTED,
    StoredDemoTestCase,
    docx_text,
    pdf_body,
    pdf_fonts,
    write_pdf,
)
from itaplan.documents.wording import (
    BLANK_LINE,
    BLANK_NAME,
    DRAFT_LINE,
    Words,
    level_text,
    measures_text,
)
from itaplan.documents.xlsx import ITEMS_SHEET, MEASURES_SHEET, RESULTS_SHEET
from itaplan.domain.thai import format_score
from itaplan.plans.models import Plan
from itaplan.progress.models import ReportingRound
from itaplan.results.models import Result
from itaplan.results.services import save_result

ZERO_WIDTH = {0x200B: None}
#: CPU seconds the o27 DOCX of seed 004 may take from stored data, once the imports are warm.
DOCX_BUDGET = 1.0


class PlanDocumentTests(StoredDemoTestCase):
    docx: ClassVar[dict[str, bytes]]
    pdfs: ClassVar[dict[str, Path]]

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.docx = {code: services.plan_file(plan, "docx") for code, plan in cls.plans.items()}
        cls.pdfs = {
            code: write_pdf(f"o27-stored-{code}.pdf", services.plan_file(plan, "pdf"))
            for code, plan in cls.plans.items()
        }

    def test_the_document_is_the_stored_plan_and_its_result(self) -> None:
        for code in SEED_AGENCIES:
            with self.subTest(code):
                plan = self.plan(code)
                agency = plan.agency
                document = services.plan_document(plan)
                self.assertEqual(document.agency.name, agency.name)
                self.assertEqual(document.agency.district, agency.district.name)
                self.assertEqual(document.agency.province, agency.district.province.name)
                self.assertEqual(document.plan_year, plan.fiscal_year)
                self.assertEqual(document.results_year, plan.result.fiscal_year)
                self.assertEqual(document.thai_digits, agency.thai_digits)
                self.assertEqual(document.level, plan.result.computed_level)
                self.assertAlmostEqual(document.total, plan.result.computed_total)
                # In indicator order, the plan's order within one indicator.
                measures = sorted(plan.measures.order_by("order"), key=lambda m: m.indicator or 99)
                self.assertEqual([m.title for m in document.measures], [m.title for m in measures])
                self.assertEqual(len(document.measures), SUGGESTED + 1)
                self.assertIn(HANDWRITTEN_TITLE, [m.title for m in document.measures])
                for row, measure in zip(document.measures, measures, strict=True):
                    self.assertEqual(row.steps, tuple(s.text for s in measure.steps.all()))
                    self.assertEqual(row.units, tuple(u.name for u in measure.units.all()))
                    self.assertEqual((row.start, row.end), (measure.start_date, measure.end_date))
                    self.assertEqual(row.monitoring, measure.monitoring)
                self.assertTrue(any(ind.analysis for ind in document.indicators))

    def test_the_docx_prints_scores_in_the_agency_digits_measures_and_analysis(self) -> None:
        for code in SEED_AGENCIES:
            with self.subTest(code):
                document = services.plan_document(self.plan(code))
                text = docx_text(self.docx[code])
                thai = document.thai_digits
                for ind in document.indicators:
                    self.assertIn(format_score(ind.score, thai_digits=thai), text)
                    self.assertNotIn(format_score(ind.score, thai_digits=not thai), text)
                flat, w = normalise(text), Words(thai)
                for number, row in enumerate(document.measures, start=1):
                    self.assertIn(normalise(w.text(f"{number}. {row.title}")), flat)
                for ind in document.indicators:
                    for paragraph in ind.analysis:
                        self.assertIn(normalise(w.text(paragraph)), flat)
                self.assertIn(APPROVER_LABEL, text)

    def test_the_pdf_prints_scores_in_the_agency_digits_measures_and_analysis(self) -> None:
        for code in SEED_AGENCIES:
            with self.subTest(code):
                document = services.plan_document(self.plan(code))
                layout = pdf_text(self.pdfs[code], "-layout").translate(ZERO_WIDTH)
                thai = document.thai_digits
                for ind in document.indicators:
                    self.assertIn(format_score(ind.score, thai_digits=thai), layout)
                    self.assertNotIn(format_score(ind.score, thai_digits=not thai), layout)
                self.assertIn(APPROVER_LABEL, layout)
                # -raw keeps a table cell's lines together; -layout interleaves the columns.
                flat, w = pdf_body(self.pdfs[code]), Words(thai)
                for number, row in enumerate(document.measures, start=1):
                    self.assertIn(normalise(w.text(f"{number}. {row.title}")), flat)
                for ind in document.indicators:
                    for paragraph in ind.analysis:
                        self.assertIn(normalise(w.text(paragraph)), flat)

    def test_an_approved_plan_is_signed_by_its_approver(self) -> None:
        for code, (name, position, _day) in APPROVERS.items():
            with self.subTest(code):
                docx = docx_text(self.docx[code])
                self.assertEqual(docx.count(f"({name})"), 1)
                self.assertIn(position, docx)
                self.assertNotIn(DRAFT_LINE, docx)
                pdf = pdf_body(self.pdfs[code])
                self.assertEqual(pdf.count(normalise(f"({name})")), 1)
                self.assertNotIn(normalise(DRAFT_LINE), pdf)

    def test_the_profiles_preparer_signs_above_the_approver_and_none_is_left_out(self) -> None:
        plan = self.plan("samruean")
        self.assertEqual(measures_text(services.plan_document(plan)).preparer, ())
        plan.agency.preparer_name = "นางสาวสุดา ใจงาม"
        plan.agency.preparer_position = ""
        plan.agency.save()
        lines = measures_text(services.plan_document(self.plan("samruean"))).preparer
        self.assertEqual(lines[1:], ("(นางสาวสุดา ใจงาม)", f"ตำแหน่ง {BLANK_LINE}", "ผู้จัดทำ"))
        docx = docx_text(services.plan_file(self.plan("samruean"), "docx"))
        self.assertLess(docx.index("(นางสาวสุดา ใจงาม)"), docx.index(APPROVER_LABEL))
        # The download page warns of the dotted line before the download.
        plan = self.plan("samruean")
        self.assertIn("ตำแหน่งผู้จัดทำ", services.document_blanks(plan.agency, plan))
        self.assertNotIn("ชื่อผู้จัดทำ", services.document_blanks(plan.agency, plan))

    def test_a_plan_not_approved_is_a_draft_with_blank_signature_lines(self) -> None:
        document = services.plan_document(self.plan("jomthong"))
        self.assertTrue(document.draft)
        self.assertIsNone(document.approval.name)
        docx = docx_text(self.docx["jomthong"])
        self.assertIn(DRAFT_LINE, docx)
        self.assertIn(BLANK_NAME, docx)
        self.assertIn(APPROVER_LABEL, docx)
        head = pdf_text(self.pdfs["jomthong"], "-raw").translate(ZERO_WIDTH).splitlines()[:8]
        self.assertIn(normalise(DRAFT_LINE), normalise("".join(head)))

    def test_the_thai_font_is_embedded(self) -> None:
        for code, path in self.pdfs.items():
            with self.subTest(code):
                rows = pdf_fonts(path)
                self.assertTrue(rows)
                for row in rows:
                    self.assertIn("Sarabun", row[0])
                    self.assertEqual(row[-5], "yes")  # emb, counted from the right

    def test_page_one_of_samruean_renders_to_png(self) -> None:
        prefix = ARTIFACTS / "o27-stored-samruean-page"
        for old in ARTIFACTS.glob(f"{prefix.name}-*.png"):
            old.unlink()
        page_one = ["-png", "-r", "60", "-f", "1", "-l", "1"]
        subprocess.run(["pdftoppm", *page_one, str(self.pdfs["samruean"]), str(prefix)], check=True)
        pages = sorted(ARTIFACTS.glob(f"{prefix.name}-*.png"))
        self.assertEqual(len(pages), 1)
        self.assertEqual(pages[0].read_bytes()[:8], b"\x89PNG\r\n\x1a\n")

    def test_seed_000_shows_indicators_9_and_10_urgent_and_level_d(self) -> None:
        lines = pdf_text(self.pdfs["jomthong"], "-layout").translate(ZERO_WIDTH).splitlines()
        for label in ("ตัวชี้วัดที่ 9 การเปิดเผยข้อมูล", "ตัวชี้วัดที่ 10 การป้องกันการทุจริต"):
            row = next(line for line in lines if label in line)
            self.assertIn("แก้ไขโดยเร่งด่วน", row)
        level = next(line for line in lines if "ระดับผลการประเมิน" in line)
        self.assertEqual(level.split()[-1], "D")
        document = services.plan_document(self.plan("jomthong"))
        self.assertEqual(document.indicator(9).class_key, "urgent")
        self.assertEqual(document.indicator(10).class_key, "urgent")

    def test_seed_004_shows_passed_good_and_indicator_4_lowest_of_iit(self) -> None:
        text = pdf_body(self.pdfs["samruean"])
        self.assertIn("อยู่ในระดับผ่านดี", text)
        self.assertIn(normalise("ตัวชี้วัดที่ได้คะแนนน้อยที่สุดของ IIT คือ ตัวชี้วัดที่ ๔"), text)
        docx = normalise(docx_text(self.docx["samruean"]))
        self.assertIn(normalise("ตัวชี้วัดที่ได้คะแนนน้อยที่สุดของ IIT คือ ตัวชี้วัดที่ ๔"), docx)

    def test_last_years_stored_result_gives_the_year_on_year_comparison(self) -> None:
        plan = self.plan("samruean")
        last_year = {s.number: s.score - 2 for s in plan.result.indicator_scores.all()}
        save_result(plan.agency, 2567, last_year, None, None, Result.Source.FORM, self.editor)
        document = services.plan_document(plan)
        self.assertTrue(document.has_previous)
        self.assertAlmostEqual(document.indicator(4).change, 2.0)
        text = docx_text(services.plan_file(plan, "docx"))
        self.assertIn("ปีงบประมาณ พ.ศ. ๒๕๖๗", text)
        self.assertIn("+๒.๐๐", text)

    def test_the_printed_level_is_shown_beside_a_different_computed_one(self) -> None:
        document = services.plan_document(self.plan("samruean"))
        self.assertEqual(level_text(document, Words(True)), "ผ่านดี")
        differs = dataclasses.replace(document, printed_level="A")
        self.assertEqual(level_text(differs, Words(True)), "ผ่านดี (ผลที่ประกาศ A)")

    def test_the_xlsx_holds_the_result_and_the_plan(self) -> None:
        plan = self.plan("samruean")
        wb = load_workbook(io.BytesIO(services.plan_file(plan, "xlsx")))
        self.assertEqual(wb.sheetnames, [RESULTS_SHEET, ITEMS_SHEET, MEASURES_SHEET])
        titles = [row[5] for row in wb[MEASURES_SHEET].iter_rows(min_row=2, values_only=True)]
        # In indicator order, the plan's order within one indicator.
        measures = sorted(plan.measures.order_by("order"), key=lambda m: m.indicator or 99)
        self.assertEqual(titles, [m.title for m in measures])
        results = {row[2]: row for row in wb[RESULTS_SHEET].iter_rows(values_only=True)}
        self.assertAlmostEqual(results["คะแนนรวม"][3], plan.result.computed_total)

    def test_the_seed_004_docx_is_made_from_stored_data_well_under_a_second(self) -> None:
        plan = self.plan("samruean")
        services.plan_file(plan, "docx")  # a web worker has its imports and fonts warm
        cpu = []
        for _ in range(3):
            start = time.process_time()
            services.plan_file(self.plan("samruean"), "docx")
            cpu.append(time.process_time() - start)
        self.assertLess(statistics.median(cpu), DOCX_BUDGET)

    def test_file_names_are_thai_with_an_ascii_fallback(self) -> None:
        self.assertEqual(
            services.plan_file_names(self.plan("samruean"), "docx"),
            ("มาตรการ-O25-สามเรือน-2569.docx", "O25-samruean-2569.docx"),
        )
        self.assertEqual(
            services.plan_file_names(self.plan("jomthong"), "pdf"),
            ("มาตรการ-O42-จอมทอง-2565-ร่าง.pdf", "O42-jomthong-2565-draft.pdf"),
        )

    def test_a_plan_without_a_result_still_has_its_measures(self) -> None:
        plan = Plan.objects.select_related("agency__district__province").get(
            agency__code="bankham", fiscal_year=2566
        )
        self.assertIsNone(plan.result)
        document = services.plan_document(plan)
        self.assertEqual(len(document.measures), 6)
        self.assertIsNone(document.total)
        self.assertTrue(all(not ind.analysis for ind in document.indicators))
        # Seed 002 names no signer: the approval block leaves a dotted line to sign on.
        self.assertIn(BLANK_NAME, docx_text(services.plan_file(plan, "docx")))

    def test_the_corrections_footnote_follows_the_agency_setting(self) -> None:
        plan = self.plan("lumphli")  # seed 003: OIT printed 98.78, computes to 89.78
        document = services.plan_document(plan)
        self.assertTrue(any("คะแนน OIT พิมพ์ไว้ 98.78" in c for c in document.corrections))
        self.assertEqual(measures_text(document).corrections_note, "")  # off by default
        plan.agency.note_corrections = True
        plan.agency.save(update_fields=["note_corrections"])
        note = measures_text(services.plan_document(self.plan("lumphli"))).corrections_note
        self.assertTrue(note.startswith("หมายเหตุ (๑)"))
        self.assertIn("๙๘.๗๘", note)
        self.assertIn(normalise("๙๘.๗๘"), normalise(docx_text(services.plan_file(plan, "docx"))))

    def test_the_agency_admin_turns_the_footnote_on_and_off(self) -> None:
        from django.urls import reverse

        from itaplan.agencies.models import Agency, Membership

        agency = Agency.objects.get(code="lumphli")
        admin = Membership.objects.filter(agency=agency, role=Membership.Role.ADMIN).first()
        if admin is None:
            self.skipTest("the demo has no agency admin for ลุมพลี")
        self.client.force_login(admin.user)
        url = reverse("documents:docx_template", args=[agency.code])
        self.assertContains(self.client.get(url), 'id="corrections-setting"')
        self.client.post(url, {"note_corrections": "1"})
        agency.refresh_from_db()
        self.assertTrue(agency.note_corrections)
        self.client.post(url, {"note_corrections": "0"})
        agency.refresh_from_db()
        self.assertFalse(agency.note_corrections)


class RoundReportTests(StoredDemoTestCase):
    """บ้านขาม's 12-month round from ``load_demo_progress``: six measures, approved."""

    round: ClassVar[ReportingRound]

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.round = ReportingRound.objects.get(
            plan__agency__code="bankham", status=ReportingRound.Status.APPROVED
        )

    def fresh_round(self) -> ReportingRound:
        return ReportingRound.objects.select_related("plan__agency__district__province").get(
            pk=self.round.pk
        )

    def test_the_report_lists_the_six_measures_and_the_approval(self) -> None:
        round_ = self.fresh_round()
        titles = list(round_.plan.measures.order_by("order").values_list("title", flat=True))
        self.assertEqual(len(titles), 6)
        document = services.round_document(round_)
        self.assertFalse(document.draft)
        self.assertIsNone(document.approval.name)  # seed 002 names no signer
        docx = docx_text(services.round_file(round_, "docx"))
        pdf = write_pdf("o28-stored-bankham.pdf", services.round_file(round_, "pdf"))
        raw = pdf_body(pdf)
        w = Words(document.thai_digits)
        for title in titles:
            self.assertIn(normalise(w.text(title)), normalise(docx))
            self.assertIn(normalise(w.text(title)), raw)
        for text in (docx, raw):
            self.assertIn(normalise(APPROVER_LABEL), normalise(text))
            self.assertEqual(normalise(text).count(normalise(BLANK_NAME)), 1)
            self.assertNotIn(normalise(round_.approver_name), normalise(text))
            self.assertNotIn(normalise(DRAFT_LINE), normalise(text))
        self.assertTrue(all(row[-5] == "yes" for row in pdf_fonts(pdf)))

    def test_a_round_not_approved_is_a_draft(self) -> None:
        first = ReportingRound.objects.filter(plan=self.round.plan).order_by("order").first()
        self.assertFalse(first.is_locked)
        self.assertTrue(services.round_document(first).draft)
        self.assertIn(DRAFT_LINE, docx_text(services.round_file(first, "docx")))
        self.assertTrue(services.round_file_names(first, "pdf")[0].endswith("-ร่าง.pdf"))

    def test_the_report_file_names_say_the_round(self) -> None:
        self.assertEqual(
            services.round_file_names(self.fresh_round(), "pdf"),
            ("รายงาน-บ้านขาม-2566-รอบ-12-เดือน.pdf", "progress-bankham-2566-round-2.pdf"),
        )

    def test_a_round_is_found_by_name_position_or_the_number_in_its_name(self) -> None:
        plan = self.round.plan
        for wanted, name in (
            (None, "รอบ 12 เดือน"),
            ("", "รอบ 12 เดือน"),
            ("รอบ ๖ เดือน", "รอบ 6 เดือน"),
            ("รอบ12เดือน", "รอบ 12 เดือน"),
            ("1", "รอบ 6 เดือน"),
            ("2", "รอบ 12 เดือน"),
            ("12", "รอบ 12 เดือน"),
            ("๖", "รอบ 6 เดือน"),
        ):
            with self.subTest(wanted):
                self.assertEqual(services.find_round(plan, wanted).name, name)
        with self.assertRaisesMessage(DocumentError, "ไม่พบรอบการรายงานผล '9'"):
            services.find_round(plan, "9")

    def test_by_default_the_latest_approved_round_else_the_latest(self) -> None:
        plan = self.round.plan
        rounds = ReportingRound.objects.filter(plan=plan)
        rounds.filter(pk=self.round.pk).update(
            status=ReportingRound.Status.OPEN, approver_name="", approved_at=None
        )
        self.assertEqual(services.find_round(plan, None).name, "รอบ 12 เดือน")
        rounds.filter(name="รอบ 6 เดือน").update(
            status=ReportingRound.Status.APPROVED,
            approver_name=self.round.approver_name,
            approved_at=self.round.approved_at,
        )
        self.assertEqual(services.find_round(plan, None).name, "รอบ 6 เดือน")


class CommandLineTests(StoredDemoTestCase):
    """What ``itaplan document measures|progress --agency CODE --year YEAR`` calls."""

    def test_it_writes_the_current_plans_document_in_the_format_of_the_suffix(self) -> None:
        out = Path(self.enterContext(tempfile.TemporaryDirectory()))
        for suffix in (".docx", ".pdf", ".xlsx"):
            with self.subTest(suffix):
                path = services.write_plan_document("samruean", 2569, out / f"o27{suffix}")
                self.assertGreater(path.stat().st_size, 1000)
        self.assertIn("นางสาวสมหญิง รักษ์ธรรม", docx_text((out / "o27.docx").read_bytes()))

    def test_it_says_in_thai_when_there_is_no_plan_or_agency_or_format(self) -> None:
        out = Path(self.enterContext(tempfile.TemporaryDirectory()))
        with self.assertRaisesMessage(DocumentError, "ยังไม่มีแผนมาตรการปีงบประมาณ 2570"):
            services.write_plan_document("samruean", 2570, out / "o27.docx")
        with self.assertRaisesMessage(DocumentError, "ไม่พบหน่วยงานรหัส 'nowhere'"):
            services.write_plan_document("nowhere", 2569, out / "o27.docx")
        with self.assertRaisesMessage(DocumentError, "ไม่รู้จักชนิดไฟล์"):
            services.write_plan_document("samruean", 2569, out / "o27.odt")
        with self.assertRaisesMessage(DocumentError, "ไม่รู้จักชนิดไฟล์"):
            services.write_progress_document("bankham", 2566, None, out / "o28.xlsx")
        with self.assertRaisesMessage(DocumentError, "ยังไม่มีรอบการรายงานผล"):
            services.write_progress_document("jomthong", 2565, None, out / "o28.docx")
        self.assertEqual(list(out.iterdir()), [])

    def test_it_writes_the_latest_approved_rounds_report_by_default(self) -> None:
        out = Path(self.enterContext(tempfile.TemporaryDirectory()))
        path = services.write_progress_document("bankham", 2566, None, out / "o28.docx")
        text = docx_text(path.read_bytes())
        self.assertIn("รอบ ๑๒ เดือน", text)
        self.assertNotIn(DRAFT_LINE, text)
        path = services.write_progress_document("bankham", 2566, "6", out / "o28-6.pdf")
        self.assertIn(normalise(DRAFT_LINE), pdf_body(path))
