"""The agency admin runs units, people and the profile on Thai pages; nobody else does."""

from __future__ import annotations

import re

from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from itaplan.agencies import administration
from itaplan.agencies.administration import AdminError
from itaplan.agencies.models import Agency, Membership, Unit
from itaplan.lib.testing import BaseTestCase

NEW_PASSWORD = "ทดสอบ-รหัสผ่าน-2569"

#: Every administration page with the arguments it needs besides the agency code.
PAGES = {
    "units": {},
    "unit_rename": {"unit_id": None},
    "unit_retire": {"unit_id": None},
    "people": {},
    "person_edit": {"membership_id": None},
    "person_active": {"membership_id": None},
    "profile": {},
}

POST_ONLY = {"unit_retire", "person_active"}


def invitation_link(message: mail.EmailMessage) -> str:
    found = re.search(r"https?://\S+/accounts/invite/\S+/", message.body)
    assert found, message.body
    return found.group(0)


class AdministrationTestCase(BaseTestCase):
    def page(self, name: str) -> str:
        unit = self.agency.units.get(name="กองคลัง")
        membership = Membership.objects.get(user=self.member)
        kwargs = {key: unit.pk if key == "unit_id" else membership.pk for key in PAGES[name]}
        return self.url(f"agency_admin:{name}", **kwargs)

    def test_an_outsider_gets_404_on_every_page(self) -> None:
        self.login(self.outsider)
        for name in PAGES:
            with self.subTest(page=name):
                if name not in POST_ONLY:
                    self.assertEqual(self.client.get(self.page(name)).status_code, 404)
                self.assertEqual(self.client.post(self.page(name)).status_code, 404)

    def test_other_roles_get_403_with_the_reason_in_thai(self) -> None:
        for user in (self.member, self.executive, self.unit_member, self.supervisor):
            self.login(user)
            for name in PAGES:
                with self.subTest(user=user.username, page=name):
                    response = self.client.post(self.page(name), {"name": "กองใหม่"})
                    self.assertContains(response, "สำหรับผู้ดูแลหน่วยงาน", status_code=403)
        self.assertFalse(Unit.objects.filter(name="กองใหม่").exists())

    def test_the_menu_offers_administration_to_the_agency_admin_only(self) -> None:
        results = self.url("results:list")
        self.login(self.owner)
        self.assertContains(self.client.get(results), self.page("people"))
        self.login(self.member)
        self.assertNotContains(self.client.get(results), self.page("people"))

    def test_the_admin_adds_renames_and_retires_a_unit(self) -> None:
        self.login(self.owner)
        self.client.post(self.page("units"), {"name": "  กองการศึกษา  "})
        unit = Unit.objects.get(agency=self.agency, name="กองการศึกษา")
        response = self.client.post(self.page("units"), {"name": "กองการศึกษา"})
        self.assertContains(response, "มี &#x27;กองการศึกษา&#x27; อยู่แล้ว")
        self.client.post(
            self.url("agency_admin:unit_rename", unit_id=unit.pk),
            {"name": "กองการศึกษา ศาสนาและวัฒนธรรม"},
        )
        unit.refresh_from_db()
        self.assertEqual(unit.name, "กองการศึกษา ศาสนาและวัฒนธรรม")
        self.client.post(self.url("agency_admin:unit_retire", unit_id=unit.pk))
        unit.refresh_from_db()
        self.assertTrue(unit.is_retired)
        self.assertNotIn(unit, Unit.objects.in_use())
        self.assertContains(self.client.get(self.page("units")), "ยุบ/เลิกใช้")

    def test_a_unit_with_people_is_not_retired(self) -> None:
        unit = self.agency.units.get(name="กองคลัง")
        with self.assertRaisesMessage(AdminError, "ยังมีเจ้าหน้าที่สังกัดอยู่ 1 คน"):
            administration.retire_unit(unit)

    def test_an_invitee_sets_a_password_once_and_logs_in(self) -> None:
        self.login(self.owner)
        unit = self.agency.units.get(name="กองคลัง")
        response = self.client.post(
            self.page("people"),
            {
                "email": "Somsri@Example.org",
                "first_name": "สมศรี",
                "last_name": "มีสุข",
                "role": "unit",
                "unit": unit.pk,
                "position": "นักวิชาการเงินและบัญชี",
            },
        )
        self.assertRedirects(response, self.page("people"))
        person = get_user_model().objects.get(email="somsri@example.org")
        self.assertFalse(person.has_usable_password())
        membership = Membership.objects.get(user=person)
        self.assertEqual((membership.role, membership.unit), ("unit", unit))
        (message,) = mail.outbox
        self.assertEqual(message.to, ["somsri@example.org"])
        self.assertIn(self.agency.name, message.subject)
        self.assertContains(self.client.get(self.page("people")), "รอตั้งรหัสผ่าน")

        self.client.logout()
        link = invitation_link(message)
        form = self.client.get(link, follow=True)
        self.assertContains(form, "somsri@example.org")
        response = self.client.post(
            form.redirect_chain[-1][0],
            {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
            follow=True,
        )
        self.assertContains(response, "ตั้งรหัสผ่านแล้ว")
        self.assertTrue(self.client.login(username="somsri@example.org", password=NEW_PASSWORD))
        self.client.logout()
        # The link is used up: the token was bound to the unusable password.
        again = self.client.get(link, follow=True)
        self.assertContains(again, "ลิงก์นี้ใช้ไม่ได้แล้ว")

    def test_a_unit_member_must_have_a_unit_and_it_must_be_in_use(self) -> None:
        self.login(self.owner)
        response = self.client.post(self.page("people"), {"email": "x@example.org", "role": "unit"})
        self.assertContains(response, "ต้องระบุกอง/สำนักที่สังกัด")
        retired = Unit.objects.create(agency=self.agency, name="กองเก่า", retired_at="2025-01-01")
        response = self.client.post(
            self.page("people"), {"email": "x@example.org", "role": "unit", "unit": retired.pk}
        )
        self.assertEqual(response.status_code, 200)  # the form again: not a choice any more
        self.assertNotContains(response, f'value="{retired.pk}"')
        self.assertFalse(get_user_model().objects.filter(email="x@example.org").exists())
        self.assertEqual(mail.outbox, [])

    def test_a_unit_of_another_agency_is_refused(self) -> None:
        theirs = Unit.objects.create(agency=self.other_agency, name="กองช่าง")
        with self.assertRaisesMessage(AdminError, "ไม่ใช่กอง/สำนักของ"):
            administration.invite(self.agency, "y@example.org", "unit", theirs)

    def test_someone_already_in_the_agency_is_not_invited_twice(self) -> None:
        with self.assertRaisesMessage(AdminError, "อยู่แล้ว"):
            administration.invite(self.agency, "bob@example.org", "executive")

    def test_a_person_of_another_agency_is_added_without_a_password_link(self) -> None:
        self.login(self.owner)
        self.client.post(self.page("people"), {"email": "charlie@example.org", "role": "editor"})
        (message,) = mail.outbox
        self.assertNotIn("/accounts/invite/", message.body)
        self.assertIn("/accounts/login/", message.body)
        self.assertTrue(
            Membership.objects.filter(
                user=self.outsider, agency=self.agency, role="editor"
            ).exists()
        )

    def test_the_admin_changes_a_role_and_deactivates_keeping_the_history(self) -> None:
        self.login(self.owner)
        membership = Membership.objects.get(user=self.member)
        self.client.post(self.page("person_edit"), {"role": "executive", "position": "ปลัด อบต."})
        membership.refresh_from_db()
        self.assertEqual((membership.role, membership.position), ("executive", "ปลัด อบต."))

        self.client.post(self.page("person_active"), {"deactivate": "1"})
        membership.refresh_from_db()
        self.member.refresh_from_db()
        self.assertFalse(membership.is_active)
        self.assertFalse(self.member.is_active)  # bob belongs nowhere else
        self.assertTrue(Membership.objects.filter(pk=membership.pk).exists())
        self.assertNotIn(self.agency, Agency.objects.visible_to(self.member))
        self.assertContains(self.client.get(self.page("people")), "ปิดการใช้งาน")

        self.client.post(self.page("person_active"), {"reactivate": "1"})
        membership.refresh_from_db()
        self.member.refresh_from_db()
        self.assertTrue(membership.is_active and self.member.is_active)

    def test_a_deactivated_person_loses_access_at_once(self) -> None:
        self.login(self.member)
        self.assertEqual(self.client.get(self.url("results:list")).status_code, 200)
        administration.deactivate(Membership.objects.get(user=self.member))
        response = self.client.get(self.url("results:list"))
        self.assertIn(response.status_code, (302, 404))

    def test_the_last_admin_cannot_leave(self) -> None:
        mine = Membership.objects.get(user=self.owner)
        with self.assertRaisesMessage(AdminError, "ต้องมีผู้ดูแลหน่วยงานอย่างน้อยหนึ่งคน"):
            administration.deactivate(mine)
        with self.assertRaisesMessage(AdminError, "ต้องมีผู้ดูแลหน่วยงานอย่างน้อยหนึ่งคน"):
            administration.change_membership(mine, "editor", None)

    def test_the_profile_keeps_the_signers_and_the_digits(self) -> None:
        self.login(self.owner)
        response = self.client.post(
            self.page("profile"),
            {
                "full_name": "องค์การบริหารส่วนตำบลสามเรือน อำเภอเมืองราชบุรี จังหวัดราชบุรี",
                "province": "ราชบุรี",
                "district": "เมืองราชบุรี",
                "thai_digits": "False",
                "website": "samruean.go.th",
                "approver_name": "นายสมชาย ใจดี",
                "approver_position": "นายกองค์การบริหารส่วนตำบลสามเรือน",
                "preparer_name": "นางสาวนิติกานต์ ตั้งใจ",
                "preparer_position": "นักวิเคราะห์นโยบายและแผน",
            },
        )
        self.assertRedirects(response, self.page("profile"))
        self.agency.refresh_from_db()
        self.assertFalse(self.agency.thai_digits)
        self.assertEqual(self.agency.approver_name, "นายสมชาย ใจดี")
        self.assertEqual(self.agency.preparer_position, "นักวิเคราะห์นโยบายและแผน")
        self.assertEqual(self.agency.website, "https://samruean.go.th")
        self.assertIn("อำเภอเมืองราชบุรี", self.agency.official_name)

    def test_a_site_admin_administers_any_agency(self) -> None:
        self.login(self.siteadmin)
        self.assertEqual(self.client.get(self.page("people")).status_code, 200)


class SiteAdministrationTestCase(BaseTestCase):
    def test_only_site_admins_see_the_site_pages(self) -> None:
        pages = [reverse("site_admin:agencies"), reverse("site_admin:scopes")]
        for user in (self.owner, self.supervisor, self.executive):
            self.login(user)
            for url in pages:
                self.assertEqual(self.client.get(url).status_code, 404)
        self.login(self.siteadmin)
        for url in pages:
            self.assertEqual(self.client.get(url).status_code, 200)

    def test_a_site_admin_creates_an_agency_then_invites_its_admin(self) -> None:
        self.login(self.siteadmin)
        response = self.client.post(
            reverse("site_admin:agencies"),
            {
                "code": "khaowang",
                "name": "องค์การบริหารส่วนตำบลเขาวัง",
                "kind": "sao",
                "province": "ราชบุรี",
                "district": "บ้านโป่ง",
            },
        )
        agency = Agency.objects.get(code="khaowang")
        people = reverse("agency_admin:people", args=["khaowang"])
        self.assertRedirects(response, people)
        self.assertEqual(agency.district.name, "บ้านโป่ง")
        self.client.post(people, {"email": "admin@khaowang.go.th", "role": "admin"})
        self.assertEqual(Membership.objects.get(agency=agency).role, "admin")
        self.assertEqual(len(mail.outbox), 1)
        again = self.client.post(
            reverse("site_admin:agencies"),
            {"code": "khaowang", "name": "ซ้ำ", "kind": "sao", "province": "ก", "district": "ข"},
        )
        self.assertContains(again, "มี &#x27;khaowang&#x27; อยู่แล้ว")

    def test_a_site_admin_grants_and_removes_a_supervisor_scope(self) -> None:
        self.login(self.siteadmin)
        province = self.agency.district.province
        self.client.post(
            reverse("site_admin:scopes"), {"email": "watch@example.org", "province": province.pk}
        )
        watcher = get_user_model().objects.get(email="watch@example.org")
        self.assertIn(self.agency, Agency.objects.visible_to(watcher))
        self.assertIn("/accounts/invite/", mail.outbox[0].body)
        scope = watcher.supervisor_scopes.get()
        self.client.post(reverse("site_admin:scope_remove", args=[scope.pk]))
        watcher.refresh_from_db()
        self.assertFalse(watcher.supervisor_scopes.exists())
        self.assertFalse(watcher.is_active)
