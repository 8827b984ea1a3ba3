"""Every results URL refuses the people it must refuse.

Anonymous users go to the login page; outsiders get 404 (they cannot even learn
the agency exists); people who can see an agency but not change it
(supervisor, executive, unit member) get 403 on every page that writes, and
their POSTs change nothing. Site-admin pages are 404 for everyone else.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AbstractUser
from django.urls import URLPattern, reverse

from itaplan.lib.testing import INDICATORS_2568, BaseTestCase
from itaplan.results import urls as results_urls
from itaplan.results.models import Result
from itaplan.results.services import save_result


@dataclass(frozen=True)
class Page:
    name: str
    kwargs: dict[str, Any] = field(default_factory=dict)
    #: "read" pages any reader may GET; "write" pages need admin/editor; "site" need superuser.
    access: str = "read"
    get_allowed: bool = True
    post_allowed: bool = True

    def refused_post(self, status: int) -> int:
        """A POST to a GET-only page is refused by method before anything else."""
        return status if self.post_allowed else 405


AGENCY = {"code": "samruean"}
PAGES = [
    Page("results:list", AGENCY, post_allowed=False),
    Page("results:detail", {**AGENCY, "year": 2568}, post_allowed=False),
    Page("results:version", {**AGENCY, "year": 2568, "version": 1}, post_allowed=False),
    Page("results:form", AGENCY, "write"),
    Page("results:form_totals", AGENCY, "write", get_allowed=False),
    Page("results:confirm", AGENCY, "write", get_allowed=False),
    Page("results:import_text", AGENCY, "write"),
    Page("results:import_sheet", AGENCY, "write"),
    Page("results:import_sheet_confirm", AGENCY, "write", get_allowed=False),
    Page("results:template", {**AGENCY, "fmt": "xlsx"}, "write", post_allowed=False),
    Page("results:bulk_import", {}, "site"),
    Page("results:bulk_confirm", {}, "site", get_allowed=False),
    Page("results:bulk_template", {"fmt": "csv"}, "site", post_allowed=False),
]


class ResultsAccessTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        save_result(cls.agency, 2568, INDICATORS_2568, {}, {}, Result.Source.FORM, cls.owner)

    def request(self, user: AbstractUser | None, page: Page, method: str = "get") -> Any:
        self.client.logout()
        if user is not None:
            self.login(user)
        url = reverse(page.name, kwargs=page.kwargs)
        return getattr(self.client, method)(url, {"fiscal_year": "2568", "indicator_1": "99"})

    def test_every_results_url_is_covered_by_this_test(self) -> None:
        names = {f"results:{p.name}" for p in results_urls.urlpatterns if isinstance(p, URLPattern)}
        self.assertEqual(names, {page.name for page in PAGES})

    def test_it_redirects_anonymous_users_to_login(self) -> None:
        for page in PAGES:
            for method in ("get", "post"):
                with self.subTest(page=page.name, method=method):
                    response = self.request(None, page, method)
                    self.assertEqual(response.status_code, 302)
                    self.assertTrue(response["Location"].startswith(reverse("login")))

    def test_it_gives_outsiders_404(self) -> None:
        for page in PAGES:
            with self.subTest(page=page.name):
                method = "get" if page.get_allowed else "post"
                self.assertEqual(self.request(self.outsider, page, method).status_code, 404)

    def test_it_gives_outsiders_404_on_post_to_write_pages(self) -> None:
        for page in PAGES:
            if page.access != "read":
                with self.subTest(page=page.name):
                    status = self.request(self.outsider, page, "post").status_code
                    self.assertEqual(status, page.refused_post(404))

    def test_it_refuses_posts_from_supervisors_and_changes_nothing(self) -> None:
        before = Result.objects.count()
        for page in PAGES:
            with self.subTest(page=page.name):
                status = self.request(self.supervisor, page, "post").status_code
                expected = {"read": 405, "write": 403, "site": 404}[page.access]
                self.assertEqual(status, page.refused_post(expected))
        self.assertEqual(Result.objects.count(), before)

    def test_it_lets_supervisors_read_but_not_open_write_pages(self) -> None:
        for page in PAGES:
            if not page.get_allowed:
                continue
            with self.subTest(page=page.name):
                status = self.request(self.supervisor, page).status_code
                expected = {"read": 200, "write": 403, "site": 404}[page.access]
                self.assertEqual(status, expected)

    def test_it_refuses_writes_by_executives_and_unit_members(self) -> None:
        for user in (self.executive, self.unit_member):
            for page in PAGES:
                if page.access == "read":
                    continue
                with self.subTest(user=user.username, page=page.name):
                    expected = 403 if page.access == "write" else 404
                    status = self.request(user, page, "post").status_code
                    self.assertEqual(status, page.refused_post(expected))

    def test_it_opens_every_page_to_the_owner_and_member(self) -> None:
        for user in (self.owner, self.member):
            for page in PAGES:
                if not page.get_allowed or page.access == "site":
                    continue
                with self.subTest(user=user.username, page=page.name):
                    self.assertEqual(self.request(user, page).status_code, 200)

    def test_it_opens_site_pages_to_site_admins_only(self) -> None:
        for page in PAGES:
            if page.access == "site" and page.get_allowed:
                with self.subTest(page=page.name):
                    self.assertEqual(self.request(self.siteadmin, page).status_code, 200)
                    self.assertEqual(self.request(self.owner, page).status_code, 404)

    def test_it_gives_404_for_an_agency_that_does_not_exist(self) -> None:
        self.login(self.siteadmin)
        response = self.client.get(reverse("results:list", kwargs={"code": "nowhere"}))
        self.assertEqual(response.status_code, 404)

    def test_it_gives_404_for_a_year_without_a_result(self) -> None:
        self.login(self.owner)
        response = self.client.get(self.url("results:detail", year=2564))
        self.assertEqual(response.status_code, 404)

    def test_refusals_are_explained_in_thai(self) -> None:
        self.login(self.supervisor)
        self.assertContains(
            self.client.get(self.url("results:form")), "ไม่มีสิทธิ์ทำรายการนี้", status_code=403
        )
        self.login(self.outsider)
        self.assertContains(self.client.get(self.url("results:list")), "ไม่พบหน้านี้", status_code=404)
