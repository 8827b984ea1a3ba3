"""Downloading the o27 document of a plan and the o28 report of a round: who may, and
what they get."""

from __future__ import annotations

import io
from typing import ClassVar
from urllib.parse import quote, unquote

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.http import HttpResponse
from django.shortcuts import resolve_url
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from itaplan.agencies.models import Agency, Membership
from itaplan.agencies.services import grant_role
from itaplan.documents.services import PLAN_FORMATS
from itaplan.documents.tests.stored import StoredDemoTestCase, docx_text
from itaplan.documents.wording import BLANK_NAME, DRAFT_LINE
from itaplan.documents.xlsx import MEASURES_SHEET
from itaplan.lib.testing import make_user
from itaplan.progress.models import ReportingRound

DOCX = PLAN_FORMATS["docx"]


def filename_star(response: HttpResponse) -> str:
    """The UTF-8 file name of a Content-Disposition header, decoded."""
    header = response["Content-Disposition"]
    return unquote(header.split("filename*=UTF-8''", 1)[1])


class DownloadTests(StoredDemoTestCase):
    outsider: ClassVar[AbstractUser]
    unit_member: ClassVar[AbstractUser]
    round: ClassVar[ReportingRound]

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.outsider = make_user("outsider")
        grant_role(cls.outsider, Agency.objects.get(code="lumphli"), Membership.Role.ADMIN)
        cls.unit_member = make_user("bankham-unit")
        bankham = Agency.objects.get(code="bankham")
        grant_role(cls.unit_member, bankham, Membership.Role.UNIT_MEMBER, "กองคลัง")
        cls.round = ReportingRound.objects.get(
            plan__agency=bankham, status=ReportingRound.Status.APPROVED
        )

    def plan_url(self, code: str, fmt: str, plan_code: str | None = None) -> str:
        plan = self.plans[plan_code or code]
        return reverse("documents:plan", args=[code, plan.pk, fmt])

    def round_url(self, fmt: str, code: str = "bankham") -> str:
        return reverse("documents:round", args=[code, self.round.pk, fmt])

    def test_the_urls_are_the_documented_ones(self) -> None:
        plan = self.plans["samruean"]
        self.assertEqual(
            self.plan_url("samruean", "docx"),
            f"/agency/samruean/plans/{plan.pk}/document.docx",
        )
        self.assertEqual(
            self.round_url("pdf"), f"/agency/bankham/progress/rounds/{self.round.pk}/report.pdf"
        )

    def test_a_member_gets_the_o27_docx_as_an_attachment_with_a_thai_name(self) -> None:
        self.client.force_login(self.editor)
        response = self.client.get(self.plan_url("samruean", "docx"))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], DOCX)
        self.assertEqual(
            response["Content-Disposition"],
            'attachment; filename="O25-samruean-2569.docx"; '
            f"filename*=UTF-8''{quote('มาตรการ-O25-สามเรือน-2569.docx')}",
        )
        self.assertEqual(response["Cache-Control"], "private, no-store")
        self.assertIn("นางสาวสมหญิง รักษ์ธรรม", docx_text(response.content))

    def test_the_pdf_and_the_xlsx_have_their_content_types(self) -> None:
        self.client.force_login(self.editor)
        pdf = self.client.get(self.plan_url("samruean", "pdf"))
        self.assertEqual(pdf["Content-Type"], "application/pdf")
        self.assertTrue(pdf.content.startswith(b"%PDF"))
        self.assertEqual(filename_star(pdf), "มาตรการ-O25-สามเรือน-2569.pdf")
        xlsx = self.client.get(self.plan_url("samruean", "xlsx"))
        self.assertEqual(xlsx["Content-Type"], PLAN_FORMATS["xlsx"])
        wb = load_workbook(io.BytesIO(xlsx.content))
        self.assertEqual(wb[MEASURES_SHEET].max_row, 1 + self.plans["samruean"].measures.count())

    def test_a_draft_is_named_and_printed_as_one(self) -> None:
        self.client.force_login(self.editor)
        response = self.client.get(self.plan_url("jomthong", "docx"))
        self.assertEqual(filename_star(response), "มาตรการ-O42-จอมทอง-2565-ร่าง.docx")
        self.assertIn('filename="O42-jomthong-2565-draft.docx"', response["Content-Disposition"])
        self.assertIn(DRAFT_LINE, docx_text(response.content))

    def test_the_supervisor_of_the_province_can_download(self) -> None:
        self.client.force_login(self.supervisor)
        self.assertEqual(self.client.get(self.plan_url("samruean", "xlsx")).status_code, 200)

    def test_a_supervisor_gets_404_outside_the_province(self) -> None:
        self.client.force_login(self.supervisor)
        self.assertEqual(self.client.get(self.plan_url("jomthong", "xlsx")).status_code, 404)
        self.assertEqual(self.client.get(self.round_url("docx")).status_code, 404)

    def test_it_rejects_an_outsider_with_404(self) -> None:
        self.client.force_login(self.outsider)
        for url in (self.plan_url("samruean", "docx"), self.round_url("pdf")):
            with self.subTest(url):
                self.assertEqual(self.client.get(url).status_code, 404)

    def test_it_sends_anonymous_visitors_to_log_in(self) -> None:
        for url in (self.plan_url("samruean", "docx"), self.round_url("pdf")):
            with self.subTest(url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 302)
                self.assertTrue(response["Location"].startswith(resolve_url(settings.LOGIN_URL)))

    def test_a_plan_of_another_agency_by_id_is_404(self) -> None:
        self.client.force_login(self.editor)  # a member of both agencies
        url = self.plan_url("samruean", "docx", plan_code="jomthong")
        self.assertEqual(self.client.get(url).status_code, 404)
        self.assertEqual(self.client.get(self.round_url("docx", code="samruean")).status_code, 404)

    def test_an_unknown_format_is_404(self) -> None:
        self.client.force_login(self.editor)
        self.assertEqual(self.client.get(self.plan_url("samruean", "odt")).status_code, 404)
        self.assertEqual(self.client.get(self.round_url("xlsx")).status_code, 404)

    def test_only_get_is_allowed(self) -> None:
        self.client.force_login(self.editor)
        self.assertEqual(self.client.post(self.plan_url("samruean", "docx")).status_code, 405)

    def test_the_round_report_downloads_with_its_approval(self) -> None:
        self.client.force_login(self.executive)
        response = self.client.get(self.round_url("docx"))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], DOCX)
        self.assertEqual(filename_star(response), "รายงาน-บ้านขาม-2566-รอบ-12-เดือน.docx")
        self.assertIn(
            'filename="progress-bankham-2566-round-2.docx"', response["Content-Disposition"]
        )
        doc = Document(io.BytesIO(response.content))
        text = docx_text(response.content)
        # Seed 002 names no signer: a dotted line to sign on, the position and the date.
        self.assertIn(BLANK_NAME, text)
        self.assertIn(self.round.approver_position, text)
        self.assertEqual(len(doc.tables[-1].rows), 1 + 6)
        pdf = self.client.get(self.round_url("pdf"))
        self.assertEqual(pdf["Content-Type"], "application/pdf")

    def test_a_unit_member_gets_the_plan_but_not_the_report_of_every_unit(self) -> None:
        self.client.force_login(self.unit_member)
        plan = self.round.plan
        url = reverse("documents:plan", args=["bankham", plan.pk, "xlsx"])
        self.assertEqual(self.client.get(url).status_code, 200)
        self.assertEqual(self.client.get(self.round_url("docx")).status_code, 403)

    def test_the_plan_page_offers_the_downloads(self) -> None:
        self.client.force_login(self.supervisor)
        plan = self.plans["samruean"]
        page = self.client.get(reverse("plans:detail", args=["samruean", plan.pk]))
        for fmt in PLAN_FORMATS:
            self.assertContains(page, f'href="{self.plan_url("samruean", fmt)}"')
        self.assertNotContains(page, "ร่าง ยังไม่ได้รับการอนุมัติ")
        # The measures item of the plan's year, from the criteria: O25 in FY2569.
        self.assertContains(page, "ดาวน์โหลดเอกสารมาตรการ (O25)")
        self.client.force_login(self.editor)
        draft = self.client.get(
            reverse("plans:detail", args=["jomthong", self.plans["jomthong"].pk])
        )
        self.assertContains(draft, "ร่าง ยังไม่ได้รับการอนุมัติ")
        self.assertContains(draft, "ดาวน์โหลดเอกสารมาตรการ (O42)")

    def test_the_round_page_offers_the_report_to_those_who_see_every_measure(self) -> None:
        page_url = reverse("progress:round", args=["bankham", self.round.pk])
        self.client.force_login(self.editor)
        page = self.client.get(page_url)
        for fmt in ("docx", "pdf"):
            self.assertContains(page, f'href="{self.round_url(fmt)}"')
        # FY2566 criteria do not know the report item's code, so none is printed.
        self.assertContains(page, "ดาวน์โหลดรายงานผล")
        self.assertNotContains(page, "ดาวน์โหลดรายงานผล (")
        self.client.force_login(self.unit_member)
        page = self.client.get(page_url)
        self.assertEqual(page.status_code, 200)
        self.assertNotContains(page, self.round_url("docx"))
