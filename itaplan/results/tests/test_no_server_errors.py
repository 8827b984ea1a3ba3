"""No input gives a server error: every intake URL answers odd input with a page."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from itaplan.lib.testing import BaseTestCase
from itaplan.results.models import Result

ODD_VALUES = [
    "",
    " ",
    "abc",
    "nan",
    "inf",
    "1e5",
    "-0",
    "๑๐๐.๕",
    "١٢",
    "9" * 400,
    "\x00",
    "<script>alert(1)</script>",
    "2568; DROP TABLE results_result",
]
FIELDS = [
    "fiscal_year",
    "indicator_1",
    "item_o13",
    "printed_total",
    "printed_level",
    "previous_total",
]


class NoServerErrorTestCase(BaseTestCase):
    def setUp(self) -> None:
        self.login(self.owner)

    def test_the_form_and_live_totals_take_any_value(self) -> None:
        for name in ("results:form", "results:form_totals", "results:import_text"):
            for value in ODD_VALUES:
                for field in FIELDS:
                    with self.subTest(url=name, field=field, value=value[:20]):
                        data = {"fiscal_year": "2568", "indicator_2": "90", field: value}
                        data["text"] = value
                        response = self.client.post(self.url(name), data)
                        self.assertLess(response.status_code, 500)
        self.assertEqual(Result.objects.count(), 0)

    def test_the_confirm_steps_take_any_token(self) -> None:
        for value in [*ODD_VALUES, "a" * 5000]:
            for name, field in (
                ("results:confirm", "draft"),
                ("results:import_sheet_confirm", "rows"),
            ):
                with self.subTest(url=name, value=value[:20]):
                    response = self.client.post(
                        self.url(name), {field: value, "replace": value, "conflict_6": value}
                    )
                    self.assertLess(response.status_code, 500)
        self.login(self.siteadmin)
        response = self.client.post(reverse("results:bulk_confirm"), {"rows": "x"})
        self.assertEqual(response.status_code, 400)
        self.assertEqual(Result.objects.count(), 0)

    def test_year_parameters_take_any_value(self) -> None:
        for value in ODD_VALUES:
            with self.subTest(value=value[:20]):
                form = self.client.get(self.url("results:form"), {"year": value})
                self.assertEqual(form.status_code, 200)
                sheet = self.client.get(self.url("results:template", fmt="csv"), {"year": value})
                self.assertEqual(sheet.status_code, 200)

    def test_uploads_with_odd_names_and_bytes(self) -> None:
        for name in ("", "x", "ผล.XLSX", "a.csv.exe", "../../etc/passwd.csv", "a" * 300 + ".xlsx"):
            for data in (b"", b"\x00" * 10, b"PK\x03\x04", "ปีงบประมาณ\n๒๕๖๘".encode()):
                with self.subTest(name=name[:30], data=data[:8]):
                    upload = SimpleUploadedFile(name or "blank", data)
                    response = self.client.post(self.url("results:import_sheet"), {"file": upload})
                    self.assertLess(response.status_code, 500)
                    upload = SimpleUploadedFile(name or "blank", data)
                    response = self.client.post(self.url("results:import_text"), {"file": upload})
                    self.assertLess(response.status_code, 500)
        self.assertEqual(Result.objects.count(), 0)

    @override_settings(ITAPLAN_MAX_UPLOAD_BYTES=100)
    def test_pasted_text_over_the_limit_is_refused_with_the_limit(self) -> None:
        response = self.client.post(self.url("results:import_text"), {"text": "ก" * 200})
        self.assertContains(response, "ข้อความยาวเกินไป", status_code=400)
