"""Every progress URL refuses the people it must refuse.

Anonymous users go to the login page; outsiders get 404; a unit member gets 403
for another unit's measure, told whose measure it is; readers who may not write (supervisor, executive)
get 403 on pages that write, and their POSTs change nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractUser
from django.urls import URLPattern, reverse

from itaplan.domain.thai import format_date_numeric
from itaplan.plans.models import Measure, Plan
from itaplan.progress import urls as progress_urls
from itaplan.progress.models import Evidence, ProgressUpdate, ReportingRound
from itaplan.progress.tests.base import ProgressTestCase, pdf

Status = ProgressUpdate.Status


@dataclass(frozen=True)
class Page:
    name: str
    #: Who may GET it: "read" (anyone who sees the agency), "update" (admins, editors,
    #: the measure's unit), "admin", "executive", "editor" (admins and editors).
    access: str
    get_only: bool = False

    def refused_post(self, status: int) -> int:
        """A POST to a GET-only page is refused by its method before anything else."""
        return 405 if self.get_only else status


PAGES = [
    Page("progress:dashboard", "read", get_only=True),
    Page("progress:measure", "read", get_only=True),
    Page("progress:round", "read", get_only=True),
    Page("progress:evidence", "read", get_only=True),
    Page("progress:update", "update"),
    Page("progress:round_edit", "admin"),
    Page("progress:round_import", "editor"),
    Page("progress:round_approve", "executive"),
    Page("progress:round_submit", "editor"),
    Page("progress:round_send_back", "executive"),
    Page("progress:carry_forward", "editor"),
]


class AccessTests(ProgressTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        from itaplan.progress import services
        from itaplan.progress.services import ProgressData

        update = services.record_progress(
            cls.finance_measure,
            cls.six,
            cls.unit_member,
            ProgressData(status=Status.IN_PROGRESS, percent=30, done_text="เริ่มแล้ว"),
            [pdf()],
        )
        cls.evidence = update.evidence.get()

    def kwargs(self, page: Page, measure: Measure | None = None) -> dict[str, Any]:
        measure = measure or self.finance_measure
        return {
            "progress:dashboard": {},
            "progress:measure": {"measure_id": measure.pk},
            "progress:round": {"round_id": self.six.pk},
            "progress:evidence": {"evidence_id": self.evidence.pk},
            "progress:update": {"measure_id": measure.pk, "round_id": self.six.pk},
            "progress:round_edit": {"round_id": self.six.pk},
            "progress:round_import": {"round_id": self.six.pk},
            "progress:round_approve": {"round_id": self.six.pk},
            "progress:round_submit": {"round_id": self.six.pk},
            "progress:round_send_back": {"round_id": self.six.pk},
            "progress:carry_forward": {"plan_id": self.plan.pk},
        }[page.name]

    def page_url(self, page: Page, measure: Measure | None = None) -> str:
        return self.url(page.name, **self.kwargs(page, measure))

    def state(self) -> tuple[Any, ...]:
        """Everything a refused POST must leave as it was."""
        return (
            ProgressUpdate.objects.count(),
            Evidence.objects.count(),
            list(ReportingRound.objects.order_by("pk").values_list("name", "end_date", "status")),
            Plan.objects.count(),
        )

    def post_data(self) -> dict[str, str]:
        return {
            "status": Status.DONE,
            "done_text": "ทำครบแล้ว",
            "name": "รอบใหม่",
            "end_date": format_date_numeric(self.six.end_date),
            "approver_name": "ใครก็ได้",
            "approver_position": "ตำแหน่ง",
            "approved_at": format_date_numeric(self.six.end_date),
        }

    def test_every_url_pattern_is_in_this_table(self) -> None:
        names = {
            f"progress:{p.name}" for p in progress_urls.urlpatterns if isinstance(p, URLPattern)
        }
        self.assertEqual(names, {p.name for p in PAGES})

    def test_anonymous_users_go_to_the_login_page(self) -> None:
        for page in PAGES:
            for method in (self.client.get, self.client.post):
                response = method(self.page_url(page))
                self.assertEqual(response.status_code, 302, page.name)
                self.assertTrue(response["Location"].startswith(reverse("login")), page.name)

    def test_outsiders_get_404_everywhere(self) -> None:
        self.login(self.outsider)
        before = self.state()
        for page in PAGES:
            url = self.page_url(page)
            self.assertEqual(self.client.get(url).status_code, 404, page.name)
            status = self.client.post(url, self.post_data()).status_code
            self.assertEqual(status, page.refused_post(404), page.name)
        self.assertEqual(self.state(), before)

    def test_the_supervisor_reads_but_cannot_post_anywhere(self) -> None:
        self.login(self.supervisor)
        before = self.state()
        for page in PAGES:
            url = self.page_url(page)
            expected = 200 if page.access == "read" else 403
            self.assertEqual(self.client.get(url).status_code, expected, page.name)
            status = self.client.post(url, self.post_data()).status_code
            self.assertEqual(status, page.refused_post(403), page.name)
        self.assertEqual(self.state(), before)

    def assert_gets(self, user: AbstractUser, allowed: set[str]) -> None:
        self.login(user)
        for page in PAGES:
            status = self.client.get(self.page_url(page)).status_code
            self.assertEqual(status, 200 if page.access in allowed else 403, page.name)

    def test_the_executive_reads_and_approves_but_does_not_record(self) -> None:
        self.assert_gets(self.executive, {"read", "executive"})

    def test_an_editor_records_and_carries_over_but_does_not_edit_rounds(self) -> None:
        self.assert_gets(self.member, {"read", "update", "editor"})

    def test_an_agency_admin_may_do_all_but_approve(self) -> None:
        self.assert_gets(self.owner, {"read", "update", "editor", "admin"})

    def test_a_unit_member_records_its_own_measures_only(self) -> None:
        self.assert_gets(self.unit_member, {"read", "update"})

    def test_a_unit_member_cannot_open_another_units_measure_by_url(self) -> None:
        self.login(self.unit_member)
        before = self.state()
        for name in ("progress:measure", "progress:update"):
            page = next(p for p in PAGES if p.name == name)
            url = self.page_url(page, self.office_measure)
            response = self.client.get(url)
            self.assertContains(
                response,
                "มาตรการนี้เป็นของสำนักปลัด ท่านดูและบันทึกได้เฉพาะมาตรการของกองคลัง",
                status_code=403,
            )
            status = self.client.post(url, self.post_data()).status_code
            self.assertEqual(status, page.refused_post(403), name)
        self.assertEqual(self.state(), before)

    def test_a_unit_member_does_not_see_another_units_evidence(self) -> None:
        self.login(self.clerk)
        url = self.url("progress:evidence", evidence_id=self.evidence.pk)
        self.assertEqual(self.client.get(url).status_code, 404)

    def test_another_agencys_code_does_not_reach_this_agencys_objects(self) -> None:
        self.login(self.outsider)
        for page in PAGES:
            kwargs = {**self.kwargs(page), "code": self.other_agency.code}
            if page.name == "progress:dashboard":
                continue  # the outsider's own dashboard is theirs to see
            status = self.client.get(reverse(page.name, kwargs=kwargs)).status_code
            self.assertEqual(status, 404, page.name)

    def test_a_round_of_another_plan_is_not_found_from_a_measure(self) -> None:
        self.login(self.member)
        other = ReportingRound.objects.create(
            plan=Plan.objects.create(agency=self.agency, fiscal_year=2500),
            order=1,
            name="รอบอื่น",
            end_date=self.six.end_date,
        )
        url = self.url("progress:update", measure_id=self.finance_measure.pk, round_id=other.pk)
        self.assertEqual(self.client.get(url).status_code, 404)
