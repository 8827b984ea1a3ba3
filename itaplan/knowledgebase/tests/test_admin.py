"""Site admins edit the knowledge base in Django's admin; agency people cannot."""

from __future__ import annotations

from typing import Any

from auditlog.models import LogEntry
from django.urls import reverse

from itaplan.knowledgebase.models import KnowledgeEntry, MeasureTemplate, Origin
from itaplan.knowledgebase.services import sync_from_files
from itaplan.lib.testing import BaseTestCase


class KnowledgeAdminTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        sync_from_files([2568])
        cls.template = MeasureTemplate.objects.get(fiscal_year=2568, key="2568-service-manual")
        cls.entry = KnowledgeEntry.objects.get(fiscal_year=2568, target="i10")

    def change_url(self, obj: Any) -> str:
        name = obj._meta.model_name
        return reverse(f"admin:knowledgebase_{name}_change", args=[obj.pk])

    def template_form(self, **changes: Any) -> dict[str, Any]:
        t = self.template
        return {
            "fiscal_year": t.fiscal_year,
            "key": t.key,
            "agency": "",
            "title": t.title,
            "steps": "\n".join(t.steps),
            "unit": t.unit,
            "start_month": t.start_month,
            "end_month": t.end_month,
            "monitoring": t.monitoring,
            "related_oit": ", ".join(t.related_oit),
            "source": t.source,
            **changes,
        }

    def test_site_admins_list_search_and_filter_the_knowledge_base(self) -> None:
        self.login(self.siteadmin)
        templates = reverse("admin:knowledgebase_measuretemplate_changelist")
        entries = reverse("admin:knowledgebase_knowledgeentry_changelist")
        self.assertContains(
            self.client.get(templates, {"q": "service-manual"}), self.template.title
        )
        self.assertContains(
            self.client.get(templates, {"fiscal_year": 2568, "owner": "shared"}), "ตามไฟล์"
        )
        self.assertContains(self.client.get(entries, {"q": "i10", "fiscal_year": 2568}), "i10")

    def test_the_change_page_shows_the_steps_one_per_line(self) -> None:
        self.login(self.siteadmin)
        response = self.client.get(self.change_url(self.template))
        self.assertContains(response, "\n".join(self.template.steps))
        self.assertEqual(self.client.get(self.change_url(self.entry)).status_code, 200)

    def test_an_admins_edit_is_saved_marked_and_kept(self) -> None:
        self.login(self.siteadmin)
        response = self.client.post(
            self.change_url(self.template),
            self.template_form(steps="ขั้นตอนแรก\nขั้นตอนที่สอง", related_oit="O8"),
        )
        self.assertRedirects(response, reverse("admin:knowledgebase_measuretemplate_changelist"))
        self.template.refresh_from_db()
        self.assertEqual(self.template.steps, ["ขั้นตอนแรก", "ขั้นตอนที่สอง"])
        self.assertEqual(self.template.related_oit, ["o8"])
        self.assertEqual(self.template.updated_by, self.siteadmin)
        self.assertEqual(self.template.origin, Origin.EDITED)
        logged = LogEntry.objects.get_for_object(self.template).latest("timestamp")
        self.assertEqual(logged.actor, self.siteadmin)
        self.assertIn("steps", logged.changes_dict)
        (report,) = sync_from_files([2568])
        self.assertEqual(report.kept, ["แม่แบบ 2568-service-manual"])

    def test_the_admin_refuses_codes_that_are_not_oit_items_of_the_year(self) -> None:
        self.login(self.siteadmin)
        response = self.client.post(
            self.change_url(self.template), self.template_form(related_oit="o8, i10")
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "ไม่ใช่ประเด็น OIT ของปีงบประมาณ 2568: i10")

    def test_the_admin_refuses_a_target_the_year_does_not_have(self) -> None:
        self.login(self.siteadmin)
        response = self.client.post(
            reverse("admin:knowledgebase_knowledgeentry_add"),
            {
                "fiscal_year": 2568,
                "target": "i99",
                "analysis": "x",
                "source": "",
                "links-TOTAL_FORMS": 0,
                "links-INITIAL_FORMS": 0,
            },
        )
        self.assertContains(response, "ปีงบประมาณ 2568 ไม่มี i99")

    def test_the_revert_action_puts_the_file_version_back(self) -> None:
        original = self.entry.analysis
        KnowledgeEntry.objects.filter(pk=self.entry.pk).update(analysis="แก้ไขชั่วคราว")
        self.login(self.siteadmin)
        self.client.post(
            reverse("admin:knowledgebase_knowledgeentry_changelist"),
            {"action": "revert", "_selected_action": [self.entry.pk]},
        )
        self.entry.refresh_from_db()
        self.assertEqual(self.entry.analysis, original)

    def test_agency_members_cannot_open_the_admin(self) -> None:
        self.login(self.owner)
        response = self.client.get(reverse("admin:knowledgebase_measuretemplate_changelist"))
        self.assertEqual(response.status_code, 302)
