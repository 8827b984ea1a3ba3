"""The web form: Thai or Arabic digits, live totals, preview, confirm."""

from __future__ import annotations

import re

from itaplan.lib.testing import BaseTestCase
from itaplan.results.models import Result

THAI = {
    "indicator_1": "๙๙.๒๙",
    "indicator_2": "99.05",
    "indicator_3": "100",
    "indicator_4": "89.05",
    "indicator_5": "96.90",
    "indicator_6": "๙๖.๒๖",
    "indicator_7": "95.16",
    "indicator_8": "95.90",
    "indicator_9": "95",
    "indicator_10": "๑๐๐",
}


class ResultFormTestCase(BaseTestCase):
    def setUp(self) -> None:
        self.login(self.owner)

    def post(self, name: str = "results:form", **fields: str) -> object:
        return self.client.post(self.url(name), {"fiscal_year": "2568", **THAI, **fields})

    def test_it_offers_only_years_with_criteria(self) -> None:
        response = self.client.get(self.url("results:form"))
        for year in range(2562, 2570):
            self.assertContains(response, f'<option value="{year}"')
        self.assertNotContains(response, '<option value="2561"')

    def test_it_shows_the_items_of_the_chosen_year_folded_by_tool(self) -> None:
        response = self.client.get(self.url("results:form") + "?year=2568")
        self.assertContains(response, 'name="item_o28"')
        self.assertContains(response, "<details", count=4)  # IIT, EIT, OIT, printed values
        self.assertContains(response, "<summary>IIT")

    def test_an_unknown_year_falls_back_to_the_latest(self) -> None:
        response = self.client.get(self.url("results:form") + "?year=abc")
        self.assertContains(response, '<option value="2569" selected')

    def test_thai_digits_are_previewed_with_the_computed_totals(self) -> None:
        response = self.post(printed_total="๙๖.๗๙", printed_level="ผ่านดี")
        self.assertContains(response, "96.79")
        self.assertContains(response, "ผ่านดี")
        self.assertEqual(Result.objects.count(), 0)

    def test_a_bad_number_is_named_on_its_field(self) -> None:
        response = self.post(indicator_4="1O5", indicator_5="101")
        self.assertContains(response, "&#x27;1O5&#x27; ไม่ใช่ตัวเลข")
        self.assertContains(response, "คะแนนต้องอยู่ระหว่าง 0 ถึง 100")
        self.assertEqual(Result.objects.count(), 0)

    def test_an_empty_form_asks_for_a_score(self) -> None:
        response = self.client.post(self.url("results:form"), {"fiscal_year": "2568"})
        self.assertContains(response, "กรุณากรอกคะแนนอย่างน้อยหนึ่งตัวชี้วัด")

    def test_the_live_totals_fragment_computes_from_the_valid_fields(self) -> None:
        response = self.post("results:form_totals", printed_total="96.70")
        self.assertTemplateUsed(response, "results/_live_totals.html")
        self.assertNotContains(response, "<html")
        self.assertContains(response, "96.79")
        self.assertContains(response, "คะแนนรวมพิมพ์ไว้ 96.70 แต่คำนวณได้ 96.79")

    def test_the_live_totals_say_which_fields_are_not_numbers(self) -> None:
        response = self.post("results:form_totals", indicator_4="abc")
        self.assertContains(response, "4. การใช้ทรัพย์สินของราชการ")
        self.assertContains(response, "ยังไม่มีคะแนนตัวชี้วัดที่ 4")

    def test_confirming_the_preview_saves_the_form(self) -> None:
        preview = self.post(item_o13="50", previous_total="96.01")
        token = re.search(r'name="draft" value="([^"]+)"', preview.content.decode())
        assert token
        response = self.client.post(self.url("results:confirm"), {"draft": token[1]})
        self.assertRedirects(response, self.url("results:detail", year=2568))
        result = Result.objects.get()
        self.assertEqual(result.source, Result.Source.FORM)
        self.assertEqual(result.indicator_scores.get(number=1).score, 99.29)
        self.assertEqual(result.item_scores.get().score, 50.0)
        self.assertEqual(result.previous_total, 96.01)
