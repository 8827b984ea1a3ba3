"""Four errors that reached Thai pages in English or as a generic page now name the
row, field or file in Thai, at preview time."""

from __future__ import annotations

import html

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from itaplan.domain.thai import format_date_numeric
from itaplan.lib.testing import csv_bytes, sheet_row
from itaplan.progress.tests.base import ProgressTestCase
from itaplan.results.models import Result


def page_text(response: object) -> str:
    return html.unescape(response.content.decode())  # type: ignore[attr-defined]


class ThaiMessagesTestCase(ProgressTestCase):
    def test_a_csv_field_over_the_field_limit_is_named_by_row_in_thai(self) -> None:
        self.login(self.owner)
        data = csv_bytes(sheet_row(), sheet_row(name="ก" * 140_000, year=2567))
        response = self.client.post(
            self.url("results:import_sheet"), {"file": SimpleUploadedFile("r.csv", data)}
        )
        text = page_text(response)
        self.assertEqual(response.status_code, 400)
        self.assertIn("แถวที่ 3: มีช่องข้อมูลยาวเกิน 131,072 ตัวอักษร", text)
        self.assertNotIn("field larger than field limit", text)

    def test_a_round_name_over_100_characters_is_refused_in_thai_beside_the_field(self) -> None:
        self.login(self.owner)
        response = self.client.post(
            self.url("progress:round_edit", round_id=self.six.pk),
            {"name": "ร" * 101, "end_date": format_date_numeric(self.six.end_date)},
        )
        text = page_text(response)
        self.assertIn("ชื่อรอบ: ยาวเกิน 100 ตัวอักษร (พิมพ์มา 101 ตัวอักษร)", text)
        self.assertNotIn("Ensure this value", text)
        self.assertIn("ร" * 101, text)  # what was typed stays in the field

    def test_other_length_limits_speak_thai_too(self) -> None:
        from itaplan.plans.forms import ApproveForm

        form = ApproveForm({"approver_name": "ก" * 201, "approver_position": "x"})
        self.assertFalse(form.is_valid())
        self.assertIn("ยาวเกิน 200 ตัวอักษร (พิมพ์มา 201 ตัวอักษร)", form.errors["approver_name"][0])

    def test_a_file_name_too_long_for_the_upload_gets_a_thai_page_naming_the_file_name(
        self,
    ) -> None:
        # Django refuses multipart headers over 1 KB: a 400-letter Thai file name.
        self.login(self.unit_member)
        boundary = "itaplanboundary"
        name = "ร" * 400 + ".pdf"
        body = (
            f"--{boundary}\r\n"
            'Content-Disposition: form-data; name="status"\r\n\r\nin_progress\r\n'
            f"--{boundary}\r\n"
            f'Content-Disposition: form-data; name="files"; filename="{name}"\r\n'
            "Content-Type: application/pdf\r\n\r\n%PDF-1.4\r\n"
            f"--{boundary}--\r\n"
        ).encode()
        url = self.url("progress:update", measure_id=self.finance_measure.pk, round_id=self.six.pk)
        response = self.client.generic(
            "POST", url, body, content_type=f"multipart/form-data; boundary={boundary}"
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("ชื่อไฟล์อาจยาวเกินไป", page_text(response))

    def test_the_evidence_form_checks_file_names_before_sending(self) -> None:
        self.login(self.unit_member)
        url = self.url("progress:update", measure_id=self.finance_measure.pk, round_id=self.six.pk)
        page = page_text(self.client.get(url))
        self.assertIn("progress/file-names.js", page)
        self.assertIn('data-long-file-name="ไฟล์หลักฐาน: ชื่อไฟล์ “{name}” ยาวเกินไป', page)

    def test_one_agency_by_code_and_by_name_in_a_bulk_file_is_refused_at_preview(self) -> None:
        self.login(self.siteadmin)
        data = csv_bytes(sheet_row(), sheet_row(code="", name=self.agency.name))
        response = self.client.post(
            reverse("results:bulk_import"), {"file": SimpleUploadedFile("all.csv", data)}
        )
        text = page_text(response)
        self.assertEqual(response.status_code, 400)
        self.assertIn(f"แถวที่ 3: {self.agency.name} (samruean) ปี 2568 ซ้ำกับแถวที่ 2", text)
        self.assertNotIn('name="rows"', text)
        self.assertFalse(Result.objects.exists())
