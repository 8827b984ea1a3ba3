"""The agency's OIT page, its URL form and the check button (jobs run inside the test)."""

from __future__ import annotations

from itaplan.domain import criteria
from itaplan.jobs.models import Job
from itaplan.lib.testing import BaseTestCase
from itaplan.readiness import services
from itaplan.readiness.models import PublishedItem


class ReadinessPageTests(BaseTestCase):
    def test_it_lists_every_oit_item_of_the_year_with_the_prediction(self) -> None:
        self.login(self.member)
        response = self.client.get(self.url("readiness:page", year=2568))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'data-item="o1"')
        self.assertContains(response, 'data-item="o28"')
        self.assertContains(response, "คะแนนที่คาดว่าจะได้")
        self.assertEqual(
            PublishedItem.objects.filter(agency=self.agency, fiscal_year=2568).count(), 28
        )

    def test_it_hides_the_page_from_an_outsider_and_the_form_from_a_supervisor(self) -> None:
        self.login(self.outsider)
        self.assertEqual(self.client.get(self.url("readiness:page", year=2568)).status_code, 404)
        self.login(self.supervisor)
        self.assertEqual(self.client.get(self.url("readiness:page", year=2568)).status_code, 200)
        self.assertEqual(self.client.get(self.url("readiness:edit", year=2568)).status_code, 403)
        self.assertEqual(self.client.post(self.url("readiness:check", year=2568)).status_code, 403)

    def test_a_year_without_criteria_is_not_found(self) -> None:
        self.login(self.member)
        self.assertEqual(self.client.get(self.url("readiness:page", year=2400)).status_code, 404)

    def test_it_saves_urls_unit_and_due_date(self) -> None:
        self.login(self.member)
        unit = self.agency.units.get_or_create(name="สำนักปลัด")[0]
        response = self.client.post(
            self.url("readiness:edit", year=2568),
            {
                "urls-o1": "https://example.go.th/structure\n\n https://example.go.th/power ",
                "unit-o1": str(unit.pk),
                "due-o1": "๓๑ มี.ค. ๒๕๖๘",
            },
        )
        self.assertEqual(response.status_code, 302)
        item = PublishedItem.objects.get(agency=self.agency, fiscal_year=2568, code="o1")
        self.assertEqual(
            item.url_list(), ["https://example.go.th/structure", "https://example.go.th/power"]
        )
        self.assertEqual((item.unit, str(item.due_date)), (unit, "2025-03-31"))

    def test_a_bad_url_names_the_item_and_line_and_saves_nothing(self) -> None:
        self.login(self.member)
        response = self.client.post(
            self.url("readiness:edit", year=2568),
            {
                "urls-o1": "https://example.go.th/ok",
                "urls-o2": "https://ok.example\njavascript:alert(1)",
                "due-o3": "31/13/2568",
            },
        )
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "ประเด็น o2 บรรทัดที่ ๒", status_code=400)
        self.assertContains(
            response, "ประเด็น o3: กำหนดเสร็จ &#x27;31/13/2568&#x27;: ไม่มีวันที่นี้ในปฏิทิน", status_code=400
        )
        self.assertContains(response, 'value="31/13/2568"', status_code=400)  # kept as typed
        self.assertFalse(PublishedItem.objects.exclude(urls="").exists())

    def test_the_check_button_runs_a_check_job(self) -> None:
        self.login(self.member)
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(self.url("readiness:check", year=2568))
        self.assertEqual(response.status_code, 302)
        job = Job.objects.get(agency=self.agency, kind=Job.Kind.OIT_CHECK)
        self.assertEqual(
            job.status, Job.Status.DONE
        )  # immediate mode in tests: no URLs, all missing
        self.assertEqual(set(PublishedItem.objects.values_list("state", flat=True)), {"missing"})

    def test_a_check_lost_hours_ago_does_not_block_a_new_one(self) -> None:
        import datetime as dt

        from django.utils import timezone

        lost = Job.objects.create(
            kind=Job.Kind.OIT_CHECK, agency=self.agency, fiscal_year=2568, status=Job.Status.RUNNING
        )
        self.assertEqual(services.running_check(self.agency, 2568), lost)
        Job.objects.filter(pk=lost.pk).update(created_at=timezone.now() - dt.timedelta(hours=3))
        self.assertIsNone(services.running_check(self.agency, 2568))

    def test_urls_carry_over_to_the_next_year_through_the_item_code_mapping(self) -> None:
        services.items_for(self.agency, 2568)
        PublishedItem.objects.filter(agency=self.agency, fiscal_year=2568, code="o13").update(
            urls="https://example.go.th/procurement-report"
        )
        mapping = criteria.load(2569).data.previous_year
        new_code = next(new for new, old in mapping.codes.items() if old == "o13")
        carried = {p.code: p for p in services.items_for(self.agency, 2569)}
        self.assertEqual(carried[new_code].urls, "https://example.go.th/procurement-report")


class AreaReadinessTests(BaseTestCase):
    def setUp(self) -> None:
        for agency, states in (
            (self.agency, {"o1": "ready", "o5": "missing", "o6": "at_risk"}),
            (self.other_agency, {"o5": "missing"}),
        ):
            services.items_for(agency, 2568)
            for code, state in states.items():
                PublishedItem.objects.filter(agency=agency, fiscal_year=2568, code=code).update(
                    state=state,
                    urls="https://example.go.th/" + code,
                    checked_at="2025-01-10T09:00:00+07:00",
                )

    def test_the_supervisor_sees_readiness_over_their_area_only(self) -> None:
        self.login(self.supervisor)
        response = self.client.get("/supervision/oit/?year=2568")
        self.assertEqual(response.status_code, 200)
        board = response.context["board"]
        self.assertEqual(board.agencies, 1)  # the other agency is in another province
        self.assertEqual(board.counts, {"ready": 1, "at_risk": 1, "missing": 1})
        self.assertEqual(
            [(s.code, s.missing, s.at_risk) for s in board.shortfalls], [("o5", 1, 0), ("o6", 0, 1)]
        )
        row = board.page.object_list[0]
        self.assertEqual((row.agency, row.ready, row.unchecked), (self.agency, 1, 25))
        # One of the 4 items of 9.1 ready: 100/4 → 9.1 = 25, indicator 9 = 5, OIT = 2.5.
        self.assertAlmostEqual(row.predicted_oit, 2.5)

    def test_the_site_admin_sees_the_items_most_often_missing_nationally(self) -> None:
        self.login(self.siteadmin)
        board = self.client.get("/supervision/oit/?year=2568").context["board"]
        self.assertEqual(board.shortfalls[0].code, "o5")
        self.assertEqual(board.shortfalls[0].missing, 2)

    def test_an_agency_member_has_no_area_page(self) -> None:
        self.login(self.member)
        self.assertEqual(self.client.get("/supervision/oit/").status_code, 404)
