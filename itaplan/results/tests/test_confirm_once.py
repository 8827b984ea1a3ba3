"""A preview is confirmed once, and only over the version it showed."""

from __future__ import annotations

import html

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from itaplan.lib.testing import BaseTestCase, csv_bytes, seed_text, sheet_row
from itaplan.results.models import Result
from itaplan.results.tests.test_import_sheet import token
from itaplan.results.tests.test_import_text import draft


def versions() -> list[tuple[int, bool]]:
    return list(Result.objects.order_by("version").values_list("version", "is_current"))


class ConfirmOnceTestCase(BaseTestCase):
    def sheet_preview(self, client: Client, i1: object = 99.29) -> object:
        upload = SimpleUploadedFile("r.csv", csv_bytes(sheet_row(i1=i1)))
        return client.post(self.url("results:import_sheet"), {"file": upload})

    def test_the_same_sheet_confirm_posted_three_times_makes_one_version(self) -> None:
        self.login(self.owner)
        rows = token(self.sheet_preview(self.client))
        url = self.url("results:import_sheet_confirm")
        first = self.client.post(url, {"rows": rows, "replace": "1"})
        self.assertEqual(first.status_code, 302)
        for _ in range(2):
            again = self.client.post(url, {"rows": rows, "replace": "1"})
            self.assertContains(again, "ยืนยันซ้ำไม่ได้", status_code=400)
        self.assertEqual(versions(), [(1, True)])

    def test_a_stale_sheet_preview_does_not_replace_a_newer_version_saved_by_someone_else(
        self,
    ) -> None:
        mine, theirs = Client(), Client()
        mine.force_login(self.owner)
        theirs.force_login(self.member)
        url = self.url("results:import_sheet_confirm")
        stale = token(self.sheet_preview(mine, i1=90))
        self.assertEqual(
            theirs.post(url, {"rows": token(self.sheet_preview(theirs))}).status_code, 302
        )
        refused = mine.post(url, {"rows": stale, "replace": "1"})
        page = html.unescape(refused.content.decode())
        self.assertEqual(refused.status_code, 400)
        self.assertIn("มีฉบับที่ 1 บันทึกไว้ โดย bob หลังจากที่ท่านตรวจทาน ระบบจึงไม่บันทึกทับ", page)
        self.assertEqual(versions(), [(1, True)])
        self.assertEqual(Result.objects.get().entered_by, self.member)

    def test_the_same_text_intake_draft_cannot_be_confirmed_twice(self) -> None:
        self.login(self.owner)
        preview = self.client.post(self.url("results:import_text"), {"text": seed_text("004")})
        url = self.url("results:confirm")
        self.assertEqual(self.client.post(url, {"draft": draft(preview)}).status_code, 302)
        again = self.client.post(url, {"draft": draft(preview), "replace": "1"})
        self.assertContains(again, "ยืนยันซ้ำไม่ได้", status_code=400)
        self.assertEqual(versions(), [(1, True)])

    def test_the_same_bulk_confirm_cannot_be_replayed(self) -> None:
        self.login(self.siteadmin)
        upload = SimpleUploadedFile("all.csv", csv_bytes(sheet_row()))
        rows = token(self.client.post(reverse("results:bulk_import"), {"file": upload}))
        url = reverse("results:bulk_confirm")
        self.assertEqual(self.client.post(url, {"rows": rows}).status_code, 302)
        again = self.client.post(url, {"rows": rows, "replace": "1"})
        self.assertContains(again, "ยืนยันซ้ำไม่ได้", status_code=400)
        self.assertEqual(versions(), [(1, True)])
