"""The list of years and the result page."""

from __future__ import annotations

from itaplan.lib.testing import INDICATORS_2568, BaseTestCase
from itaplan.results.services import save_result

PRINTED = {"total": 96.79, "level": "ผ่านดีเยี่ยม", "IIT": 96.86, "EIT": 95.77, "OIT": 98.5}


class ResultPagesTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        save_result(cls.agency, 2568, INDICATORS_2568, {"o13": 50.0}, PRINTED, "form", cls.owner)

    def test_the_list_shows_each_year_with_its_total(self) -> None:
        self.login(self.member)
        response = self.client.get(self.url("results:list"))
        self.assertContains(response, "2568")
        self.assertContains(response, "96.79")
        self.assertContains(response, "กรอกแบบฟอร์ม")

    def test_the_list_hides_intake_buttons_from_readers(self) -> None:
        self.login(self.supervisor)
        response = self.client.get(self.url("results:list"))
        self.assertNotContains(response, "กรอกแบบฟอร์ม")

    def test_the_result_page_puts_printed_beside_computed(self) -> None:
        self.login(self.executive)
        response = self.client.get(self.url("results:detail", year=2568))
        self.assertContains(response, "คะแนน OIT พิมพ์ไว้ 98.50 แต่ค่าเฉลี่ยของตัวชี้วัดคือ 97.50")
        self.assertContains(response, "ระดับพิมพ์ไว้ ผ่านดีเยี่ยม แต่ตามเกณฑ์ได้ ผ่านดี")
        self.assertContains(response, "พิมพ์ไว้ ผ่านดีเยี่ยม")

    def test_the_result_page_says_the_level_rule_is_inferred(self) -> None:
        self.login(self.owner)
        response = self.client.get(self.url("results:detail", year=2568))
        self.assertContains(response, "เกณฑ์ระดับเป็นการอนุมาน")
        self.assertContains(response, "อนุมานจากข้อมูลข้างต้น")
        self.assertContains(response, "สิ่งที่ยังไม่ทราบ")

    def test_the_result_page_says_who_entered_it_and_when(self) -> None:
        self.login(self.owner)
        response = self.client.get(self.url("results:detail", year=2568))
        self.assertContains(response, "บันทึกผลการประเมินฉบับที่ 1")
        self.assertContains(response, "บันทึกคะแนน 11 รายการ")
        self.assertContains(response, "alice")

    def test_the_result_page_lists_previous_versions(self) -> None:
        save_result(
            self.agency, 2568, INDICATORS_2568, {}, {}, "spreadsheet", self.member, replace=True
        )
        self.login(self.owner)
        response = self.client.get(self.url("results:detail", year=2568))
        self.assertContains(response, self.url("results:version", year=2568, version=1))
        self.assertContains(response, "ถูกแทนที่ด้วยฉบับใหม่", count=0)  # shown on v1's page
        old = self.client.get(self.url("results:version", year=2568, version=1))
        self.assertContains(old, "ถูกแทนที่ด้วยฉบับใหม่")
        self.assertContains(old, "นี่คือฉบับก่อนหน้า")

    def test_the_pages_switch_to_english(self) -> None:
        self.login(self.owner)
        self.client.post("/i18n/setlang/", {"language": "en", "next": "/"})
        response = self.client.get(self.url("results:list"))
        self.assertContains(response, 'lang="en"')

    def test_the_criteria_panel_speaks_plain_thai_and_keeps_technical_notes_for_site_admins(
        self,
    ) -> None:
        self.login(self.owner)
        page = self.client.get(self.url("results:detail", year=2568))
        self.assertContains(page, "น้ำหนักแบบวัด IIT: ร้อยละ 30")
        self.assertContains(page, "ตัวชี้วัดที่ 1: ค่าเฉลี่ยของคะแนนประเด็นการประเมิน")
        self.assertNotContains(page, "weight 30")
        self.assertNotContains(page, "data-technical")
        self.login(self.siteadmin)
        self.assertContains(
            self.client.get(self.url("results:detail", year=2568)), "data-technical"
        )

    def test_the_criteria_panel_speaks_english_on_english_pages(self) -> None:
        self.login(self.owner)
        self.client.cookies["django_language"] = "en"
        page = self.client.get(self.url("results:detail", year=2568))
        self.assertContains(page, "Weight of the IIT tool: 30%")
        self.assertNotContains(page, "น้ำหนักแบบวัด")
