"""The reader's and checker's findings speak the reader's language, stored or fresh."""

from __future__ import annotations

import html as html_module
import re

from django.conf import settings
from django.utils import translation

from itaplan.domain.messages import Message, from_data, said
from itaplan.lib.said import stored_note, translated
from itaplan.lib.testing import BaseTestCase, seed_text
from itaplan.results.models import Result
from itaplan.results.tests.test_import_text import draft

THAI = re.compile(r"[\u0E01-\u0E4F]")


def findings_of(page: object) -> str:
    """The text of the findings box of a result page."""
    html = page.content.decode()  # type: ignore[attr-defined]
    box = re.search(r"<ul data-findings>(.*?)</ul>", html, re.S)
    assert box, "no findings on the page"
    return html_module.unescape(re.sub(r"<[^>]+>", " ", box[1]))


class FindingsLanguageTestCase(BaseTestCase):
    def save_seed_004(self) -> None:
        self.login(self.owner)
        preview = self.client.post(
            self.url("results:import_text"), {"text": seed_text("004"), "fiscal_year": ""}
        )
        self.client.post(self.url("results:confirm"), {"draft": draft(preview)})

    def switch_to(self, language: str) -> None:
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    def test_seed_004s_findings_are_thai_on_a_thai_page(self) -> None:
        self.save_seed_004()
        text = findings_of(self.client.get(self.url("results:detail", year=2568)))
        self.assertIn("ตัวชี้วัดที่ 6 พิมพ์ไว้หลายค่า (96.29 / 96.26", text)
        self.assertIn("คะแนนปีก่อนระบุเป็นปี 2568", text)

    def test_seed_004s_findings_are_english_on_an_english_page(self) -> None:
        self.save_seed_004()
        self.switch_to("en")
        text = findings_of(self.client.get(self.url("results:detail", year=2568)))
        self.assertIn("Indicator 6 is printed with several values (96.29 / 96.26", text)
        self.assertIn("agrees with the printed EIT score 95.77", text)
        self.assertIn("the previous year's score is given for 2568", text)
        self.assertIsNone(THAI.search(text), text)

    def test_the_preview_speaks_english_too(self) -> None:
        self.login(self.owner)
        self.switch_to("en")
        preview = self.client.post(
            self.url("results:import_text"), {"text": seed_text("004"), "fiscal_year": ""}
        )
        self.assertContains(preview, "the previous year&#x27;s score is given for 2568")
        self.assertNotContains(preview, "คะแนนปีก่อนระบุเป็นปี")

    def test_notes_stored_before_messages_kept_their_template_are_shown_as_written(self) -> None:
        self.save_seed_004()
        result = Result.objects.get()
        result.intake_notes = [{"field": "text", "message": "ข้อความเดิมที่บันทึกไว้"}]
        result.save()
        self.switch_to("en")
        page = self.client.get(self.url("results:detail", year=2568))
        self.assertContains(page, "ข้อความเดิมที่บันทึกไว้")


class MessageTestCase(BaseTestCase):
    def test_a_message_is_its_thai_text(self) -> None:
        message = said(
            "คะแนนรวมพิมพ์ไว้ %(printed)s แต่คำนวณได้ %(computed)s", printed="1", computed="2"
        )
        self.assertEqual(message, "คะแนนรวมพิมพ์ไว้ 1 แต่คำนวณได้ 2")
        self.assertIsInstance(message, str)

    def test_a_stored_message_comes_back_whole_with_its_nested_parts(self) -> None:
        inner = said("คะแนนรวมที่พิมพ์ไว้ %(score)s", score="90.00")
        outer = said("%(message)s — ผู้บันทึกเลือกใช้ %(value)s", message=inner, value="1")
        back = from_data(stored_note("total", outer))
        self.assertIsInstance(back, Message)
        self.assertEqual(back, outer)
        self.assertEqual(back.params["message"].template, inner.template)

    def test_it_is_translated_with_its_parameters_and_lists(self) -> None:
        checks = [
            said("ข้อความระบุชื่อหน่วยงาน '%(found)s' ไม่ใช่ '%(agency)s'", found="A", agency="B"),
            said(
                "ข้อความระบุผลการประเมินปีงบประมาณ %(found)s แต่เลือกบันทึกเป็นปี %(chosen)s",
                found=2567,
                chosen=2568,
            ),
        ]
        with translation.override("en"):
            shown = translated(checks)
        self.assertEqual(
            shown,
            "The text names the agency 'A', not 'B'; "
            "The text gives the result of fiscal year 2567, but it is being saved as 2568",
        )
