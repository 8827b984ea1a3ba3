"""The agency's knowledge page: who reads it, who adds, edits and deletes own templates."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from itaplan.knowledgebase.models import KnowledgeEntry, MeasureTemplate
from itaplan.knowledgebase.selectors import month_names
from itaplan.knowledgebase.services import OwnTemplate, add_agency_template, sync_from_files
from itaplan.lib.testing import BaseTestCase

FORM = {
    "year": "2568",
    "title": "ประชุมประชาคมหมู่บ้านเรื่องการใช้งบประมาณ",
    "steps": "1. นัดประชุมทุกหมู่บ้าน\n2. ชี้แจงแผนการใช้จ่าย\n\n- สรุปข้อเสนอเสนอผู้บริหาร",
    "unit": "งานแผนและงบประมาณ สำนักปลัด",
    "start_month": "3",
    "end_month": "9",
    "monitoring": "รายงานผลการประชุมรายไตรมาส",
    "related_oit": "O6, o๗",
    "targets": ["indicator 4", "o6"],
}


class KnowledgePageTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        sync_from_files([2568])
        data = OwnTemplate("แม่แบบของเรา", ("หนึ่ง",), "กองคลัง", 1, 12, "ติดตาม", (), ("i10",))
        cls.own = add_agency_template(cls.agency, 2568, data, cls.member)
        cls.foreign = add_agency_template(
            cls.other_agency,
            2568,
            OwnTemplate("แม่แบบของหน่วยงานอื่น", ("หนึ่ง",), "กองคลัง", 1, 12, "ติดตาม", (), ("i10",)),
            cls.outsider,
        )
        cls.shared = MeasureTemplate.objects.get(fiscal_year=2568, key="2568-service-manual")

    def list_url(self, year: int = 2568) -> str:
        return f"{self.url('knowledgebase:list')}?year={year}"

    def new_url(self) -> str:
        return f"{self.url('knowledgebase:new')}?year=2568"

    def edit_url(self, template: MeasureTemplate) -> str:
        return self.url("knowledgebase:edit", template_id=template.pk)

    def delete_url(self, template: MeasureTemplate) -> str:
        return self.url("knowledgebase:delete", template_id=template.pk)

    def post(self, url: str, **changes: Any) -> Any:
        return self.client.post(url, {**FORM, **changes})

    # --- reading --------------------------------------------------------------------

    def test_a_member_sees_the_shared_templates_and_the_agencys_own(self) -> None:
        self.login(self.unit_member)
        response = self.client.get(self.list_url())
        self.assertContains(response, self.shared.title)
        self.assertContains(response, "แม่แบบของเรา")
        self.assertContains(response, "ตุลาคม 2567 – กันยายน 2568")
        self.assertNotContains(response, "แม่แบบของหน่วยงานอื่น")
        self.assertNotContains(response, self.edit_url(self.own))  # reads only
        self.assertEqual(response.context["agency"], self.agency)

    def test_periods_and_targets_speak_english_on_english_pages(self) -> None:
        self.login(self.unit_member)
        self.client.cookies["django_language"] = "en"
        response = self.client.get(self.list_url())
        self.assertContains(response, "October 2567 – September 2568")
        self.assertNotContains(response, "ตุลาคม 2567")
        self.assertNotContains(response, "ตัวชี้วัดที่ ")

    def test_an_editor_gets_the_edit_links(self) -> None:
        self.login(self.member)
        response = self.client.get(self.list_url())
        self.assertContains(response, self.edit_url(self.own))
        self.assertContains(response, self.new_url())

    def test_a_supervisor_reads_the_page(self) -> None:
        self.login(self.supervisor)
        self.assertEqual(self.client.get(self.list_url()).status_code, 200)

    def test_it_rejects_outsider(self) -> None:
        self.login(self.outsider)
        for url in (self.list_url(), self.new_url(), self.edit_url(self.own)):
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 404)
        self.assertEqual(self.post(self.new_url()).status_code, 404)
        self.assertEqual(self.client.post(self.delete_url(self.own)).status_code, 404)

    def test_anonymous_visitors_are_sent_to_log_in(self) -> None:
        for url in (self.list_url(), self.new_url()):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 302)
                self.assertTrue(response["Location"].startswith(reverse("login")))

    def test_a_year_without_a_knowledge_base_is_not_found(self) -> None:
        self.login(self.member)
        self.assertEqual(self.client.get(self.list_url(2566)).status_code, 404)

    # --- who may write --------------------------------------------------------------

    def test_supervisors_unit_members_and_executives_cannot_write(self) -> None:
        for user in (self.supervisor, self.unit_member, self.executive):
            self.login(user)
            with self.subTest(user=user.username):
                self.assertEqual(self.client.get(self.new_url()).status_code, 403)
                self.assertEqual(self.post(self.new_url()).status_code, 403)
                self.assertEqual(self.post(self.edit_url(self.own)).status_code, 403)
                self.assertEqual(self.client.post(self.delete_url(self.own)).status_code, 403)
        self.assertEqual(MeasureTemplate.objects.filter(agency=self.agency).count(), 1)
        self.own.refresh_from_db()
        self.assertEqual(self.own.title, "แม่แบบของเรา")

    def test_an_editor_adds_a_template_of_the_agencys_own(self) -> None:
        self.login(self.member)
        response = self.post(self.new_url())
        self.assertRedirects(response, self.list_url())
        added = MeasureTemplate.objects.get(agency=self.agency, title=FORM["title"])
        self.assertEqual(
            added.steps,
            ["นัดประชุมทุกหมู่บ้าน", "ชี้แจงแผนการใช้จ่าย", "สรุปข้อเสนอเสนอผู้บริหาร"],
        )
        self.assertEqual((added.start_month, added.end_month), (3, 9))
        self.assertEqual(added.related_oit, ["o6", "o7"])
        self.assertEqual(added.updated_by, self.member)
        self.assertEqual(
            sorted(KnowledgeEntry.objects.filter(templates=added).values_list("target", flat=True)),
            ["indicator 4", "o6"],
        )

    def test_the_form_names_the_months_of_the_fiscal_year_from_october(self) -> None:
        self.login(self.member)
        months = self.client.get(self.new_url()).context["form"].fields["start_month"].choices
        self.assertEqual(months[0], (1, "ตุลาคม 2567"))
        self.assertEqual(months[-1], (12, "กันยายน 2568"))
        self.assertEqual(list(month_names(2568).values()), [name for _, name in months])

    def test_an_editor_changes_and_deletes_the_agencys_own_template(self) -> None:
        self.login(self.member)
        key = self.own.key
        response = self.post(self.edit_url(self.own), title="ชื่อใหม่", targets=["o6"])
        self.assertRedirects(response, self.list_url())
        self.own.refresh_from_db()
        self.assertEqual((self.own.title, self.own.key), ("ชื่อใหม่", key))
        self.assertEqual(list(self.own.entries.values_list("target", flat=True)), ["o6"])

        self.assertRedirects(self.client.post(self.delete_url(self.own)), self.list_url())
        self.assertFalse(MeasureTemplate.objects.filter(pk=self.own.pk).exists())

    def test_the_edit_form_shows_the_stored_template(self) -> None:
        self.login(self.owner)
        form = self.client.get(self.edit_url(self.own)).context["form"]
        self.assertEqual(form.initial["targets"], ["i10"])
        self.assertEqual(form.initial["steps"], ["หนึ่ง"])

    def test_shared_and_other_agencies_templates_are_not_this_pages_to_change(self) -> None:
        self.login(self.member)
        for template in (self.shared, self.foreign):
            with self.subTest(template=template.key):
                self.assertEqual(self.post(self.edit_url(template)).status_code, 404)
                self.assertEqual(self.client.post(self.delete_url(template)).status_code, 404)
        self.shared.refresh_from_db()
        self.assertNotEqual(self.shared.title, FORM["title"])

    # --- what the form refuses ------------------------------------------------------

    def test_an_item_that_is_not_oit_of_the_year_is_refused(self) -> None:
        self.login(self.member)
        response = self.post(self.new_url(), related_oit="o8, i10, o99")
        self.assertEqual(response.status_code, 200)
        self.assertFormError(
            response.context["form"],
            "related_oit",
            "ไม่ใช่ประเด็น OIT ของปีงบประมาณ 2568: i10, o99",
        )
        self.assertFalse(MeasureTemplate.objects.filter(title=FORM["title"]).exists())

    def test_an_end_month_before_the_start_is_refused(self) -> None:
        self.login(self.member)
        response = self.post(self.new_url(), start_month="9", end_month="3")
        self.assertFormError(response.context["form"], "end_month", "เดือนสิ้นสุดต้องไม่ก่อนเดือนเริ่ม")

    def test_a_template_must_answer_something(self) -> None:
        self.login(self.member)
        response = self.post(self.new_url(), targets=[])
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.context["form"].errors["targets"])
