"""Evidence files: what is accepted, what is refused (and what is kept then), where files
live, and who may download them."""

from __future__ import annotations

import io
import os
from urllib.parse import quote

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import SimpleTestCase, override_settings

from itaplan.progress.evidence import EvidenceFileError, check_evidence_file, clean_file_name
from itaplan.progress.models import Evidence, ProgressUpdate
from itaplan.progress.tests.base import (
    EXE_BYTES,
    JPEG_BYTES,
    PDF_BYTES,
    PNG_BYTES,
    ProgressTestCase,
    docx_bytes,
    ods_bytes,
    pdf,
    zip_bytes,
)

Status = ProgressUpdate.Status
THAI_NAME = "รายงาน ผลการดำเนินการ รอบ 6 เดือน.pdf"


def check(name: str, content: bytes) -> str:
    return check_evidence_file(name, len(content), io.BytesIO(content)).content_type


class FileTypeTests(SimpleTestCase):
    def test_it_accepts_pdf_png_jpeg_and_office_documents_by_their_content(self) -> None:
        self.assertEqual(check("a.pdf", PDF_BYTES), "application/pdf")
        self.assertEqual(check("a.PNG", PNG_BYTES), "image/png")
        self.assertEqual(check("a.jpg", JPEG_BYTES), "image/jpeg")
        self.assertEqual(check("a.jpeg", JPEG_BYTES), "image/jpeg")
        self.assertTrue(check("a.docx", docx_bytes()).endswith("wordprocessingml.document"))
        self.assertEqual(
            check("a.ods", ods_bytes()), "application/vnd.oasis.opendocument.spreadsheet"
        )
        xlsx = zip_bytes({"[Content_Types].xml": b"<T/>", "xl/workbook.xml": b"<w/>"})
        self.assertTrue(check("a.xlsx", xlsx).endswith("spreadsheetml.sheet"))

    def test_it_refuses_an_exe_renamed_pdf(self) -> None:
        with self.assertRaises(EvidenceFileError) as caught:
            check("setup.pdf", EXE_BYTES)
        self.assertIn("ไม่ใช่ไฟล์ PDF จริง", caught.exception.message)

    def test_it_refuses_a_zip_that_is_not_the_office_document_it_claims(self) -> None:
        with self.assertRaises(EvidenceFileError):
            check("a.docx", zip_bytes({"virus.exe": EXE_BYTES}))
        with self.assertRaises(EvidenceFileError):
            check("a.xlsx", docx_bytes())
        with self.assertRaises(EvidenceFileError):
            check("a.odt", ods_bytes())

    def test_it_refuses_other_extensions(self) -> None:
        for name in ("a.exe", "a.html", "a.svg", "a", "a.pdf.exe"):
            with self.assertRaises(EvidenceFileError):
                check(name, PDF_BYTES)

    def test_it_refuses_an_empty_file(self) -> None:
        with self.assertRaises(EvidenceFileError) as caught:
            check("a.pdf", b"")
        self.assertIn("0 ไบต์", caught.exception.message)

    @override_settings(ITAPLAN_MAX_EVIDENCE_BYTES=1024)
    def test_it_refuses_a_file_over_the_limit(self) -> None:
        with self.assertRaises(EvidenceFileError) as caught:
            check("a.pdf", PDF_BYTES + b"0" * 1024)
        self.assertIn("เกินขนาดสูงสุด", caught.exception.message)

    def test_it_keeps_thai_names_with_spaces_and_drops_folders(self) -> None:
        self.assertEqual(clean_file_name(THAI_NAME), THAI_NAME)
        self.assertEqual(clean_file_name("C:\\Users\\x\\ภาพ กิจกรรม.jpg"), "ภาพ กิจกรรม.jpg")
        self.assertEqual(clean_file_name("../../etc/passwd\x00.pdf"), "passwd.pdf")


def stored_files(root: str) -> set[str]:
    return {os.path.join(d, f) for d, _, names in os.walk(root) for f in names}


class UploadTests(ProgressTestCase):
    def setUp(self) -> None:
        self.files_before = stored_files(self.media)

    def post(self, files: list[SimpleUploadedFile], **extra: str) -> object:
        self.login(self.unit_member)
        data = {
            "status": Status.IN_PROGRESS,
            "percent": "60",
            "done_text": "เผยแพร่แผนการใช้จ่ายผ่านกลุ่มไลน์และเว็บไซต์",
            "links": "https://www.example.go.th/plan",
            "files": files,
            **extra,
        }
        url = self.url("progress:update", measure_id=self.finance_measure.pk, round_id=self.six.pk)
        return self.client.post(url, data)

    def assert_refused_and_kept(self, response: object, message: str) -> None:
        self.assertEqual(response.status_code, 200)  # type: ignore[attr-defined]
        self.assertContains(response, message)  # type: ignore[arg-type]
        # The text and the links are still in the form; nothing was saved.
        self.assertContains(response, "เผยแพร่แผนการใช้จ่ายผ่านกลุ่มไลน์และเว็บไซต์")  # type: ignore[arg-type]
        self.assertContains(response, "https://www.example.go.th/plan")  # type: ignore[arg-type]
        self.assertContains(response, "ต้องเลือกไฟล์หลักฐานใหม่")  # type: ignore[arg-type]
        self.assertFalse(ProgressUpdate.objects.exists())
        self.assertFalse(Evidence.objects.exists())
        self.assertEqual(stored_files(self.media), self.files_before)

    def test_a_pdf_with_a_thai_name_is_stored_under_a_random_name(self) -> None:
        response = self.post([pdf(THAI_NAME)])
        self.assertEqual(response.status_code, 302)  # type: ignore[attr-defined]
        update = ProgressUpdate.objects.get()
        files = update.evidence.filter(kind=Evidence.Kind.FILE)
        evidence = files.get()
        self.assertEqual(evidence.original_name, THAI_NAME)
        self.assertEqual(evidence.content_type, "application/pdf")
        self.assertRegex(evidence.file.name, r"^evidence/[0-9a-f]{32}$")
        with evidence.file.open("rb") as handle:
            self.assertEqual(handle.read(), PDF_BYTES)
        link = update.evidence.get(kind=Evidence.Kind.LINK)
        self.assertEqual(link.url, "https://www.example.go.th/plan")

    def test_several_files_go_with_one_update(self) -> None:
        image = SimpleUploadedFile("ภาพกิจกรรม.png", PNG_BYTES, content_type="image/png")
        self.post([pdf(), image])
        names = sorted(e.original_name for e in Evidence.objects.filter(kind="file"))
        self.assertEqual(names, ["ภาพกิจกรรม.png", "รายงาน ผลการดำเนินการ.pdf"])

    def test_an_empty_file_is_refused_and_the_text_is_kept(self) -> None:
        response = self.post([pdf(content=b"")])
        self.assert_refused_and_kept(response, "ว่างเปล่า (0 ไบต์)")

    def test_an_oversize_file_is_refused_and_the_text_is_kept(self) -> None:
        with self.settings(ITAPLAN_MAX_EVIDENCE_BYTES=1024):
            response = self.post([pdf(content=PDF_BYTES + b"0" * 2048)])
            self.assert_refused_and_kept(response, "มีขนาด 2 KB เกินขนาดสูงสุด 1 KB ต่อไฟล์")

    def test_an_exe_renamed_pdf_is_refused_and_the_text_is_kept(self) -> None:
        response = self.post([pdf("คู่มือ.pdf", EXE_BYTES)])
        self.assert_refused_and_kept(response, "ไม่ใช่ไฟล์ PDF จริง")

    def test_one_bad_file_refuses_the_good_ones_too(self) -> None:
        response = self.post([pdf(), pdf("setup.pdf", EXE_BYTES)])
        self.assert_refused_and_kept(response, "setup.pdf")

    def test_the_page_states_the_size_limit(self) -> None:
        self.login(self.unit_member)
        url = self.url("progress:update", measure_id=self.finance_measure.pk, round_id=self.six.pk)
        with self.settings(ITAPLAN_MAX_EVIDENCE_BYTES=10 * 1024 * 1024):
            self.assertContains(self.client.get(url), "ขนาดไม่เกินไฟล์ละ 10 MB")


class DownloadTests(ProgressTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        from itaplan.progress import services
        from itaplan.progress.services import ProgressData

        update = services.record_progress(
            cls.finance_measure,
            cls.six,
            cls.unit_member,
            ProgressData(status=Status.IN_PROGRESS, percent=50, done_text="ทำแล้วครึ่งหนึ่ง"),
            [pdf(THAI_NAME)],
        )
        cls.evidence = update.evidence.get()

    def download(self, user: object = None) -> object:
        if user is not None:
            self.login(user)  # type: ignore[arg-type]
        return self.client.get(self.url("progress:evidence", evidence_id=self.evidence.pk))

    def test_a_member_of_the_agency_downloads_it_with_its_thai_name(self) -> None:
        response = self.download(self.member)
        self.assertEqual(response.status_code, 200)  # type: ignore[attr-defined]
        self.assertEqual(b"".join(response.streaming_content), PDF_BYTES)  # type: ignore[attr-defined]
        self.assertEqual(response["Content-Type"], "application/pdf")  # type: ignore[index]
        self.assertEqual(response["X-Content-Type-Options"], "nosniff")  # type: ignore[index]
        disposition = response["Content-Disposition"]  # type: ignore[index]
        self.assertIn(f"filename*=utf-8''{quote(THAI_NAME)}", disposition)

    def test_an_office_document_is_always_downloaded_not_shown(self) -> None:
        self.evidence.content_type = "application/vnd.oasis.opendocument.spreadsheet"
        self.evidence.save()
        response = self.download(self.member)
        self.assertTrue(response["Content-Disposition"].startswith("attachment"))  # type: ignore[index]

    def test_the_supervisor_and_the_executive_may_read_it(self) -> None:
        for user in (self.supervisor, self.executive, self.siteadmin):
            self.assertEqual(self.download(user).status_code, 200)  # type: ignore[attr-defined]

    def test_an_outsider_gets_404(self) -> None:
        self.assertEqual(self.download(self.outsider).status_code, 404)  # type: ignore[attr-defined]

    def test_a_member_of_another_unit_gets_404(self) -> None:
        self.assertEqual(self.download(self.clerk).status_code, 404)  # type: ignore[attr-defined]

    def test_anonymous_goes_to_the_login_page(self) -> None:
        response = self.download()
        self.assertEqual(response.status_code, 302)  # type: ignore[attr-defined]
        self.assertIn("/accounts/login/", response["Location"])  # type: ignore[index]

    def test_the_evidence_of_another_agency_is_not_found_through_this_agency(self) -> None:
        self.login(self.outsider)
        url = self.url("progress:evidence", code="jomthong", evidence_id=self.evidence.pk)
        self.assertEqual(self.client.get(url).status_code, 404)

    def test_no_public_url_serves_the_stored_file(self) -> None:
        self.login(self.member)
        name = self.evidence.file.name
        for path in (f"/media/{name}", f"/{name}", f"/static/{name}", f"/media/{name}.pdf"):
            self.assertEqual(self.client.get(path).status_code, 404, path)
        # The pages link to the permission-checked view, never to the storage.
        page = self.client.get(self.url("progress:measure", measure_id=self.finance_measure.pk))
        self.assertNotContains(page, name)
        self.assertContains(page, self.url("progress:evidence", evidence_id=self.evidence.pk))

    def test_the_file_is_kept_outside_the_static_files(self) -> None:
        self.assertTrue(self.evidence.file.path.startswith(self.media))
