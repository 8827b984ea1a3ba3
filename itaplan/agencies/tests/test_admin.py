"""Site admins manage agencies and people in the Django admin."""

from __future__ import annotations

from django.urls import reverse

from itaplan.lib.testing import BaseTestCase


class AdminTestCase(BaseTestCase):
    def test_site_admins_open_the_agency_pages(self) -> None:
        self.login(self.siteadmin)
        for name in ("agency", "membership", "supervisorscope", "district", "unit"):
            with self.subTest(model=name):
                url = reverse(f"admin:agencies_{name}_changelist")
                self.assertEqual(self.client.get(url).status_code, 200)
        change = reverse("admin:agencies_agency_change", args=[self.agency.pk])
        self.assertContains(self.client.get(change), "กองคลัง")

    def test_agency_members_cannot_open_the_admin(self) -> None:
        self.login(self.owner)
        response = self.client.get(reverse("admin:agencies_agency_changelist"))
        self.assertEqual(response.status_code, 302)

    def test_an_agency_admin_with_staff_status_still_cannot_enter(self) -> None:
        self.owner.is_staff = True
        self.owner.save()
        self.login(self.owner)
        response = self.client.get(reverse("admin:agencies_agency_changelist"))
        self.assertEqual(response.status_code, 302)

    def test_unit_choices_name_their_agency(self) -> None:
        from itaplan.agencies.models import Unit

        Unit.objects.create(agency=self.other_agency, name="กองคลัง")
        self.login(self.siteadmin)
        page = self.client.get(reverse("admin:agencies_membership_add")).content.decode()
        self.assertIn("กองคลัง (องค์การบริหารส่วนตำบลสามเรือน)", page)
        self.assertIn("กองคลัง (เทศบาลตำบลจอมทอง)", page)

    def test_labels_and_help_texts_are_thai(self) -> None:
        self.login(self.siteadmin)
        page = self.client.get(reverse("admin:agencies_membership_add")).content.decode()
        for label in ("ผู้ใช้", "หน่วยงาน", "บทบาท", "กอง/สำนัก", "ใช้งานอยู่"):
            self.assertIn(label, page)
        self.assertIn("ต้องระบุสำหรับเจ้าหน้าที่กอง/สำนัก", page)
        scope = self.client.get(reverse("admin:agencies_supervisorscope_add")).content.decode()
        self.assertIn("ทุกหน่วยงานทั่วประเทศ", scope)
