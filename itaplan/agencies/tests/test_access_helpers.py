"""get_agency_for_user: 404 for outsiders, 403 for readers who try to write."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import RequestFactory

from itaplan.agencies.access import can_write, get_agency_for_user, require_site_admin
from itaplan.agencies.models import SupervisorScope
from itaplan.lib.testing import BaseTestCase, make_agency, make_user


class GetAgencyForUserTestCase(BaseTestCase):
    def request(self, user: object) -> object:
        request = RequestFactory().get("/")
        request.user = user  # type: ignore[attr-defined]
        return request

    def test_it_returns_the_agency_to_its_owner_for_writing(self) -> None:
        agency = get_agency_for_user(self.request(self.owner), "samruean", write=True)
        self.assertEqual(agency, self.agency)

    def test_it_lets_editors_write(self) -> None:
        self.assertTrue(can_write(self.member, self.agency))

    def test_it_rejects_outsider(self) -> None:
        with self.assertRaises(Http404):
            get_agency_for_user(self.request(self.outsider), "samruean")

    def test_it_rejects_unknown_codes(self) -> None:
        with self.assertRaises(Http404):
            get_agency_for_user(self.request(self.siteadmin), "nowhere")

    def test_it_lets_supervisors_read_their_subtree(self) -> None:
        self.assertEqual(
            get_agency_for_user(self.request(self.supervisor), "samruean"), self.agency
        )

    def test_it_never_lets_supervisors_write(self) -> None:
        with self.assertRaises(PermissionDenied):
            get_agency_for_user(self.request(self.supervisor), "samruean", write=True)

    def test_it_hides_agencies_outside_the_supervisors_subtree(self) -> None:
        with self.assertRaises(Http404):
            get_agency_for_user(self.request(self.supervisor), "jomthong")

    def test_a_district_supervisor_sees_only_that_district(self) -> None:
        user = make_user("district")
        SupervisorScope.objects.create(user=user, district=self.agency.district)
        make_agency("nearby", "อบต.ใกล้", district="ปากท่อ")
        self.assertEqual(get_agency_for_user(self.request(user), "samruean"), self.agency)
        with self.assertRaises(Http404):
            get_agency_for_user(self.request(user), "nearby")

    def test_a_national_supervisor_reads_everything_and_writes_nothing(self) -> None:
        user = make_user("nacc")
        SupervisorScope.objects.create(user=user)
        self.assertEqual(get_agency_for_user(self.request(user), "jomthong"), self.other_agency)
        self.assertFalse(can_write(user, self.other_agency))

    def test_it_lets_executives_and_unit_members_read_but_not_write(self) -> None:
        for user in (self.executive, self.unit_member):
            with self.subTest(user=user.username):
                get_agency_for_user(self.request(user), "samruean")
                with self.assertRaises(PermissionDenied):
                    get_agency_for_user(self.request(user), "samruean", write=True)

    def test_site_admins_write_everything(self) -> None:
        agency = get_agency_for_user(self.request(self.siteadmin), "jomthong", write=True)
        self.assertEqual(agency, self.other_agency)

    def test_site_admin_pages_are_404_for_everyone_else(self) -> None:
        require_site_admin(self.request(self.siteadmin))  # type: ignore[arg-type]
        for user in (self.owner, self.supervisor):
            with self.assertRaises(Http404):
                require_site_admin(self.request(user))  # type: ignore[arg-type]
