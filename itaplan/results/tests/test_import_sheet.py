"""Spreadsheet intake for one agency, and bulk intake by site admins."""

from __future__ import annotations

import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from itaplan.jobs.models import Job
from itaplan.lib.testing import INDICATORS_2568, BaseTestCase, csv_bytes, sheet_row, xlsx_bytes
from itaplan.results.models import IndicatorScore, ItemScore, Result
from itaplan.results.services import save_result


def counts() -> tuple[int, int, int]:
    return Result.objects.count(), IndicatorScore.objects.count(), ItemScore.objects.count()


def token(response: object) -> str:
    match = re.search(r'name="rows" value="([^"]+)"', response.content.decode())  # type: ignore[attr-defined]
    assert match, "no preview token in the page"
    return match[1]


class ImportSheetTestCase(BaseTestCase):
    def upload(self, name: str, data: bytes, url: str | None = None) -> object:
        self.login(self.owner)
        return self.client.post(
            url or self.url("results:import_sheet"), {"file": SimpleUploadedFile(name, data)}
        )

    def confirm(self, response: object, replace: bool = False, url: str | None = None) -> object:
        data = {"rows": token(response)}
        if replace:
            data["replace"] = "1"
        return self.client.post(url or self.url("results:import_sheet_confirm"), data)

    def test_the_page_states_the_size_limit(self) -> None:
        self.login(self.owner)
        self.assertContains(self.client.get(self.url("results:import_sheet")), "5.0 MB")

    def test_a_valid_xlsx_is_previewed_then_saved(self) -> None:
        response = self.upload("r.xlsx", xlsx_bytes(sheet_row()))
        self.assertContains(response, "96.79")
        self.assertEqual(counts(), (0, 0, 0))
        saved = self.confirm(response)
        self.assertRedirects(saved, self.url("results:detail", year=2568))
        result = Result.objects.get()
        self.assertEqual(result.source, Result.Source.SPREADSHEET)
        self.assertEqual(result.source_name, "r.xlsx")
        self.assertEqual(result.entered_by, self.owner)
        self.assertEqual(round(result.computed_total, 2), 96.79)

    def test_a_bad_cell_is_named_in_thai_and_nothing_is_saved(self) -> None:
        data = csv_bytes(sheet_row(), sheet_row(year=2567, i4="1O5"))
        response = self.upload("r.csv", data)
        self.assertContains(
            response,
            "แถวที่ 3 คอลัมน์ &#x27;ตัวชี้วัดที่ 4&#x27;: &#x27;1O5&#x27; ไม่ใช่ตัวเลข",
            status_code=400,
        )
        self.assertNotContains(response, 'name="rows"', status_code=400)
        self.assertEqual(counts(), (0, 0, 0))

    def test_a_cp874_csv_from_thai_excel_is_read(self) -> None:
        data = csv_bytes(sheet_row(code="", name="องค์การบริหารส่วนตำบลสามเรือน"), encoding="cp874")
        response = self.upload("r.csv", data)
        self.assertContains(response, "Windows-874")
        self.confirm(response)
        self.assertEqual(Result.objects.get().agency, self.agency)

    def test_an_xlsx_with_a_formula_is_refused_naming_the_cell(self) -> None:
        from itaplan.results.tests.test_spreadsheet import formula_workbook

        response = self.upload("r.xlsx", formula_workbook())
        self.assertContains(response, "M2", status_code=400)
        self.assertEqual(counts(), (0, 0, 0))

    def test_a_row_of_another_agency_is_refused(self) -> None:
        response = self.upload("r.csv", csv_bytes(sheet_row(code="jomthong")))
        self.assertContains(response, "ไม่ใช่รหัสของ", status_code=400)
        self.assertEqual(counts(), (0, 0, 0))

    @override_settings(ITAPLAN_MAX_UPLOAD_BYTES=200)
    def test_an_oversize_file_is_refused_with_the_limit(self) -> None:
        response = self.upload("r.csv", csv_bytes(*[sheet_row(year=y) for y in range(2564, 2570)]))
        self.assertContains(response, "ใหญ่เกินไป", status_code=400)
        self.assertEqual(counts(), (0, 0, 0))

    def test_an_empty_file_is_refused(self) -> None:
        response = self.upload("r.csv", b"")
        self.assertEqual(response.status_code, 400)
        self.assertEqual(counts(), (0, 0, 0))

    def test_garbage_never_gives_a_server_error(self) -> None:
        for name, data in [
            ("r.xlsx", b"\x00" * 100),
            ("r.csv", b"\x00\x01\x02"),
            ("r.xlsm", b"PK"),
            ("r.csv", 'ปีงบประมาณ\n"unterminated'.encode()),
            ("r.exe", b"MZ"),
        ]:
            with self.subTest(name=name, data=data):
                self.assertEqual(self.upload(name, data).status_code, 400)
        self.assertEqual(counts(), (0, 0, 0))

    def test_replacing_an_existing_result_needs_the_replace_box(self) -> None:
        save_result(self.agency, 2568, INDICATORS_2568, {}, {}, "form", self.owner)
        response = self.upload("r.csv", csv_bytes(sheet_row(i4="90")))
        self.assertContains(response, "มีผลเดิม")
        refused = self.confirm(response)
        self.assertContains(refused, "แทนที่ผลเดิม", status_code=409)
        self.assertEqual(Result.objects.count(), 1)
        self.confirm(response, replace=True)
        self.assertEqual(Result.objects.filter(is_current=True).get().version, 2)
        self.assertEqual(Result.objects.filter(is_current=False).count(), 1)

    def test_a_forged_token_saves_nothing(self) -> None:
        self.login(self.owner)
        response = self.client.post(self.url("results:import_sheet_confirm"), {"rows": "forged"})
        self.assertEqual(response.status_code, 400)
        self.assertEqual(counts(), (0, 0, 0))

    def test_a_token_made_for_another_agency_is_refused(self) -> None:
        preview = self.upload(
            "r.csv", csv_bytes(sheet_row()), reverse("results:bulk_import")
        )  # as the owner: 404, no token
        self.assertEqual(preview.status_code, 404)
        self.login(self.siteadmin)
        bulk = self.client.post(
            reverse("results:bulk_import"),
            {"file": SimpleUploadedFile("r.csv", csv_bytes(sheet_row()))},
        )
        self.login(self.owner)
        response = self.client.post(self.url("results:import_sheet_confirm"), {"rows": token(bulk)})
        self.assertEqual(response.status_code, 400)
        self.assertEqual(counts(), (0, 0, 0))

    def test_the_templates_download_as_xlsx_and_csv(self) -> None:
        self.login(self.owner)
        xlsx = self.client.get(self.url("results:template", fmt="xlsx") + "?year=2568")
        self.assertEqual(xlsx.status_code, 200)
        self.assertIn("spreadsheetml", xlsx["Content-Type"])
        self.assertIn("itaplan-samruean-2568.xlsx", xlsx["Content-Disposition"])
        csv = self.client.get(self.url("results:template", fmt="csv") + "?year=๒๕๖๕")
        self.assertIn("samruean,องค์การบริหารส่วนตำบลสามเรือน,2565", csv.content.decode("utf-8-sig"))


class BulkImportTestCase(BaseTestCase):
    def test_site_admins_import_many_agencies_by_code_or_exact_name(self) -> None:
        self.login(self.siteadmin)
        data = csv_bytes(sheet_row(), sheet_row(code="", name="เทศบาลตำบลจอมทอง", year=2564))
        response = self.client.post(
            reverse("results:bulk_import"), {"file": SimpleUploadedFile("all.csv", data)}
        )
        self.assertContains(response, "เทศบาลตำบลจอมทอง")
        saved = self.client.post(reverse("results:bulk_confirm"), {"rows": token(response)})
        job = Job.objects.get(kind=Job.Kind.BULK_IMPORT)
        self.assertRedirects(saved, reverse("jobs:detail", args=[job.pk]))
        job.refresh_from_db()  # jobs run inside tests; a worker runs them in production
        self.assertEqual(
            (job.status, job.message), (Job.Status.DONE, "บันทึกผลการประเมิน 2 รายการแล้ว")
        )
        self.assertNotIn("rows", job.params)
        self.assertEqual(
            set(Result.objects.values_list("agency__code", "fiscal_year")),
            {("samruean", 2568), ("jomthong", 2564)},
        )

    def test_unknown_agencies_are_named_by_row_and_nothing_is_saved(self) -> None:
        self.login(self.siteadmin)
        data = csv_bytes(sheet_row(), sheet_row(code="nowhere"), sheet_row(code="", name="อบต.ไม่มี"))
        response = self.client.post(
            reverse("results:bulk_import"), {"file": SimpleUploadedFile("all.csv", data)}
        )
        self.assertContains(response, "แถวที่ 3: ไม่พบหน่วยงานรหัส", status_code=400)
        self.assertContains(response, "แถวที่ 4: ไม่พบหน่วยงานชื่อ", status_code=400)
        self.assertEqual(counts(), (0, 0, 0))

    def test_a_file_without_agency_columns_is_refused(self) -> None:
        self.login(self.siteadmin)
        header = ["ปีงบประมาณ", "ตัวชี้วัดที่ 1"]
        data = csv_bytes(["2568", "99"], header=header)
        response = self.client.post(
            reverse("results:bulk_import"), {"file": SimpleUploadedFile("all.csv", data)}
        )
        self.assertContains(response, "ไม่พบคอลัมน์", status_code=400)

    def test_supervisors_cannot_bulk_import(self) -> None:
        self.login(self.supervisor)
        response = self.client.post(
            reverse("results:bulk_import"),
            {"file": SimpleUploadedFile("all.csv", csv_bytes(sheet_row()))},
        )
        self.assertEqual(response.status_code, 404)
        self.assertEqual(counts(), (0, 0, 0))


class BulkImportJobTestCase(BaseTestCase):
    def test_existing_results_fail_the_job_with_the_reason_and_save_nothing(self) -> None:
        self.login(self.siteadmin)
        data = csv_bytes(sheet_row())
        first = self.client.post(
            reverse("results:bulk_import"), {"file": SimpleUploadedFile("a.csv", data)}
        )
        self.client.post(reverse("results:bulk_confirm"), {"rows": token(first)})
        again = self.client.post(
            reverse("results:bulk_import"), {"file": SimpleUploadedFile("a.csv", data)}
        )
        self.client.post(reverse("results:bulk_confirm"), {"rows": token(again)})
        job = Job.objects.filter(kind=Job.Kind.BULK_IMPORT).first()  # newest first
        self.assertEqual(job.status, Job.Status.FAILED)
        self.assertIn("แทนที่ผลเดิม", job.message)
        self.assertEqual(Result.objects.count(), 1)
        page = self.client.get(reverse("jobs:detail", args=[job.pk]))
        self.assertContains(page, "ไม่ได้บันทึกรายการใดเลย")
