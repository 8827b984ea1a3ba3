"""Pasting text or uploading a document: preview first, then confirm."""

from __future__ import annotations

import re

from django.core.files.uploadedfile import SimpleUploadedFile

from itaplan.lib.testing import BaseTestCase, make_agency, seed_text
from itaplan.results.models import IndicatorScore, ItemScore, Result
from itaplan.results.tests.test_textfiles import docx_bytes, pdf_bytes


def counts() -> tuple[int, int, int]:
    return Result.objects.count(), IndicatorScore.objects.count(), ItemScore.objects.count()


def draft(response: object) -> str:
    match = re.search(r'name="draft" value="([^"]+)"', response.content.decode())  # type: ignore[attr-defined]
    assert match, "no preview token in the page"
    return match[1]


class ImportTextTestCase(BaseTestCase):
    def paste(self, text: str, year: str = "") -> object:
        self.login(self.owner)
        return self.client.post(
            self.url("results:import_text"), {"text": text, "fiscal_year": year}
        )

    def confirm(self, preview: object, **extra: str) -> object:
        return self.client.post(self.url("results:confirm"), {"draft": draft(preview), **extra})

    def test_seed_004_is_previewed_with_totals_and_the_indicator_6_conflict(self) -> None:
        response = self.paste(seed_text("004"))
        self.assertEqual(response.status_code, 200)
        for shown in ("96.79", "96.86", "95.77", "97.50", "ผ่านดี", "96.01"):
            self.assertContains(response, shown)
        self.assertContains(response, 'name="conflict_6" value="96.29"')
        self.assertContains(response, 'name="conflict_6" value="96.26" checked')
        self.assertContains(response, "ตรงกับหน่วยงานนี้")
        self.assertContains(response, "เกณฑ์ระดับเป็นการอนุมาน")
        self.assertEqual(counts(), (0, 0, 0))

    def test_confirming_saves_the_settled_value_the_text_and_the_conflict_note(self) -> None:
        text = seed_text("004")
        response = self.confirm(self.paste(text))
        self.assertRedirects(response, self.url("results:detail", year=2568))
        result = Result.objects.get()
        self.assertEqual(result.source, Result.Source.TEXT)
        self.assertEqual(result.source_text, text)
        self.assertEqual(result.indicator_scores.get(number=6).score, 96.26)
        self.assertEqual(result.item_scores.count(), 52)
        self.assertEqual(result.previous_total, 96.01)
        self.assertEqual(round(result.computed_total, 2), 96.79)
        self.assertIn("indicator 6", [note["field"] for note in result.intake_notes])
        page = self.client.get(self.url("results:detail", year=2568))
        self.assertContains(page, "96.29 / 96.26")

    def test_the_user_may_pick_the_other_value_and_it_is_noted(self) -> None:
        self.confirm(self.paste(seed_text("004")), conflict_6="96.29")
        result = Result.objects.get()
        self.assertEqual(result.indicator_scores.get(number=6).score, 96.29)
        [note] = [n for n in result.intake_notes if n["field"] == "indicator 6"]
        self.assertIn("ผู้บันทึกเลือกใช้ 96.29", note["message"])

    def test_a_value_that_was_not_printed_cannot_be_picked(self) -> None:
        self.confirm(self.paste(seed_text("004")), conflict_6="100")
        self.assertEqual(Result.objects.get().indicator_scores.get(number=6).score, 96.26)

    def test_an_agency_name_that_does_not_match_is_shown_and_noted(self) -> None:
        response = self.paste(seed_text("003"))
        self.assertContains(response, "องค์การบริหารส่วนตำบลลุมพลี")
        self.assertContains(response, "ไม่ตรงกับ องค์การบริหารส่วนตำบลสามเรือน")
        self.assertContains(response, "ลุมพินี")  # the name printed the other way
        self.confirm(response, checked="1")
        notes = Result.objects.get().intake_notes
        self.assertIn("agency", [n["field"] for n in notes])

    def test_another_agencys_text_is_not_saved_without_the_explicit_tick(self) -> None:
        response = self.paste(seed_text("003"))
        self.assertContains(
            response, "ข้าพเจ้าได้ตรวจสอบแล้วว่าข้อความนี้ใช้เป็นข้อมูลของ องค์การบริหารส่วนตำบลสามเรือน"
        )
        refused = self.confirm(response)
        self.assertContains(refused, "กรุณาตรวจสอบและทำเครื่องหมายยืนยัน", status_code=400)
        self.assertEqual(counts(), (0, 0, 0))
        saved = self.confirm(response, checked="1")
        self.assertEqual(saved.status_code, 302)
        [note] = [n for n in Result.objects.get().intake_notes if n["field"] == "checked"]
        self.assertIn("ลุมพลี", note["message"])
        page = self.client.get(self.url("results:detail", year=2565))
        audit = [line.what for line in page.context["audit"]]
        self.assertTrue(any("ผู้บันทึกยืนยันว่าได้ตรวจสอบแล้ว" in what for what in audit), audit)

    def test_a_year_other_than_the_texts_needs_the_tick_too(self) -> None:
        response = self.paste(seed_text("004"), year="2567")
        self.assertContains(response, "ข้อความระบุผลการประเมินปีงบประมาณ 2568 แต่เลือกบันทึกเป็นปี 2567")
        self.assertEqual(self.confirm(response).status_code, 400)
        self.assertEqual(self.confirm(response, checked="1").status_code, 302)

    def test_the_agencys_own_text_of_the_chosen_year_needs_no_tick(self) -> None:
        response = self.paste(seed_text("004"))
        self.assertNotContains(response, 'name="checked"')
        self.assertEqual(self.confirm(response).status_code, 302)

    def test_without_a_year_in_the_text_the_user_is_asked_for_one(self) -> None:
        response = self.paste("ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่\t98.64\n")
        self.assertContains(response, "ไม่พบปีงบประมาณ", status_code=400)
        chosen = self.paste("ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่\t98.64\n", year="2564")
        self.assertContains(chosen, "98.64")

    def test_two_years_printed_for_one_result_ask_for_the_year_and_name_both(self) -> None:
        text = (
            "ผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ. 2566\n"
            "ผลการประเมิน ITA ปี 2567 ได้คะแนน 92.10 คะแนน อยู่ในระดับผ่านดี\n"
            "ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่\t98.64\n"
        )
        self.assertContains(self.paste(text), "ไม่พบปีงบประมาณ", status_code=400)
        chosen = self.paste(text, year="2567")
        self.assertContains(chosen, "ปีงบประมาณ พิมพ์ไว้ไม่ตรงกัน: 2566 / 2567")
        self.assertEqual(counts(), (0, 0, 0))

    def test_text_without_scores_is_refused(self) -> None:
        response = self.paste(seed_text("002"))
        self.assertContains(response, "ไม่พบคะแนน", status_code=400)
        self.assertEqual(counts(), (0, 0, 0))

    def test_nothing_pasted_is_refused(self) -> None:
        response = self.paste("   ")
        self.assertContains(response, "กรุณาวางข้อความหรือเลือกไฟล์", status_code=400)

    def test_a_docx_upload_is_read(self) -> None:
        self.login(self.owner)
        response = self.client.post(
            self.url("results:import_text"),
            {"file": SimpleUploadedFile("ผล.docx", docx_bytes()), "fiscal_year": ""},
        )
        self.assertContains(response, "99.29")
        self.confirm(response)
        result = Result.objects.get()
        self.assertEqual(result.source_name, "ผล.docx")
        self.assertEqual(result.item_scores.get().code, "o13")

    def test_a_pdf_upload_is_read(self) -> None:
        self.login(self.owner)
        response = self.client.post(
            self.url("results:import_text"),
            {
                "file": SimpleUploadedFile("r.pdf", pdf_bytes(["o13   50.00"])),
                "fiscal_year": "2568",
            },
        )
        self.assertContains(response, "o13")

    def test_a_broken_upload_gives_a_thai_message_not_a_server_error(self) -> None:
        self.login(self.owner)
        for name, data in [("a.docx", b"junk"), ("a.pdf", b"junk"), ("a.zip", b"PK")]:
            with self.subTest(name=name):
                response = self.client.post(
                    self.url("results:import_text"), {"file": SimpleUploadedFile(name, data)}
                )
                self.assertEqual(response.status_code, 400)

    def test_confirming_twice_needs_replace_and_keeps_the_old_version(self) -> None:
        self.confirm(self.paste(seed_text("004")))
        preview = self.paste(seed_text("004"))
        again = self.confirm(preview)
        self.assertContains(again, "แทนที่ผลเดิม", status_code=409)
        self.assertEqual(Result.objects.count(), 1)
        self.confirm(preview, replace="1")
        self.assertEqual(
            list(Result.objects.order_by("version").values_list("version", "is_current")),
            [(1, False), (2, True)],
        )
        page = self.client.get(self.url("results:version", year=2568, version=1))
        self.assertContains(page, "ฉบับก่อนหน้า")

    def test_a_preview_made_for_another_agency_cannot_be_confirmed_here(self) -> None:
        other = make_agency("other", "อบต.อื่น")
        from itaplan.agencies.models import Membership
        from itaplan.agencies.services import grant_role

        grant_role(self.owner, other, Membership.Role.ADMIN)
        preview = self.paste(seed_text("004"))
        response = self.client.post(
            self.url("results:confirm", code="other"), {"draft": draft(preview)}
        )
        self.assertRedirects(response, self.url("results:list", code="other"))
        self.assertEqual(counts(), (0, 0, 0))

    def test_a_forged_preview_saves_nothing(self) -> None:
        self.login(self.owner)
        response = self.client.post(self.url("results:confirm"), {"draft": "x:y:z"})
        self.assertRedirects(response, self.url("results:list"))
        self.assertEqual(counts(), (0, 0, 0))
