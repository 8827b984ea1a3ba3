"""The home page lists the agencies a user may see, with their latest result."""

from __future__ import annotations

from django.urls import reverse

from itaplan.agencies.services import district_of
from itaplan.lib.testing import INDICATORS_2568, BaseTestCase, make_agency
from itaplan.results.services import save_result


class HomeTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        save_result(cls.agency, 2567, INDICATORS_2568, {}, {}, "form", None)
        save_result(cls.agency, 2568, {**INDICATORS_2568, 4: 100.0}, {}, {}, "form", None)

    def test_it_redirects_anonymous_users_to_login(self) -> None:
        response = self.client.get(reverse("home"))
        self.assertRedirects(response, f"{reverse('login')}?next=/")

    def test_it_lists_the_members_agency_with_its_latest_result(self) -> None:
        self.login(self.member)
        response = self.client.get(reverse("home"))
        self.assertContains(response, "องค์การบริหารส่วนตำบลสามเรือน")
        self.assertContains(response, self.url("results:detail", year=2568))
        self.assertContains(response, "97.45")  # 2568 with indicator 4 at 100
        self.assertNotContains(response, "เทศบาลตำบลจอมทอง")

    def test_an_agency_without_a_district_says_so_instead_of_a_lone_slash(self) -> None:
        # The demo's bankham: its source names no district or province.
        self.agency.district = district_of("", "")
        self.agency.save()
        self.login(self.member)
        response = self.client.get(reverse("home"))
        self.assertContains(response, "ยังไม่ระบุ")
        self.assertNotContains(response, '<td class="hide-small"> / </td>', html=False)

    def test_it_rejects_outsider_by_not_listing_the_agency(self) -> None:
        self.login(self.outsider)
        response = self.client.get(reverse("home"))
        self.assertContains(response, "เทศบาลตำบลจอมทอง")
        self.assertNotContains(response, "สามเรือน")

    def test_supervisors_see_their_province(self) -> None:
        make_agency("khaowang", "อบต.เขาวัง")
        self.login(self.supervisor)
        response = self.client.get(reverse("home"))
        self.assertContains(response, "องค์การบริหารส่วนตำบลสามเรือน")
        self.assertContains(response, "อบต.เขาวัง")
        self.assertNotContains(response, "เทศบาลตำบลจอมทอง")

    def test_it_searches_by_name(self) -> None:
        self.login(self.siteadmin)
        response = self.client.get(reverse("home"), {"q": "จอมทอง"})
        self.assertContains(response, "เทศบาลตำบลจอมทอง")
        self.assertNotContains(response, "องค์การบริหารส่วนตำบลสามเรือน")

    def test_a_user_without_agencies_is_told_whom_to_ask(self) -> None:
        from itaplan.lib.testing import make_user

        self.login(make_user("nobody"))
        self.assertContains(self.client.get(reverse("home")), "ติดต่อผู้ดูแลระบบ")

    def test_posting_to_home_is_refused(self) -> None:
        self.login(self.supervisor)
        self.assertEqual(self.client.post(reverse("home")).status_code, 405)
