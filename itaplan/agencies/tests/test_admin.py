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
