"""Last year's o28 (seed 002) pasted into a reporting round of an existing plan."""

from __future__ import annotations

import datetime as dt
from typing import Any

from auditlog.models import LogEntry

from itaplan.agencies.models import Membership
from itaplan.agencies.services import grant_role
from itaplan.domain.readers.progress import read_progress
from itaplan.lib.testing import BaseTestCase, make_agency, seed_text
from itaplan.plans import services as plans
from itaplan.plans.imports import plan_from_measures
from itaplan.plans.models import Plan
from itaplan.progress import services
from itaplan.progress.imports import match_report, measures_of_report, status_of
from itaplan.progress.models import ProgressUpdate

SEED_002_YEAR = 2566


def fill(response: Any) -> dict[str, Any]:
    """The rows form as the page fills it."""
    formset = response.context["formset"]
    data: dict[str, Any] = {"text": response.context["text"]}
    data.update({f"form-{k}": v for k, v in formset.management_form.initial.items()})
    for form in formset:
        for name, value in form.initial.items():
            key = form.add_prefix(name)
            if name == "include":
                if value:
                    data[key] = "on"
            elif value is not None:
                data[key] = value
    return data


class ImportReportTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.bankham = make_agency("bankham", "องค์การบริหารส่วนตำบลบ้านขาม")
        grant_role(cls.owner, cls.bankham, Membership.Role.ADMIN)
        grant_role(cls.executive, cls.bankham, Membership.Role.EXECUTIVE)
        rows = read_progress(seed_text("002"), results_year=SEED_002_YEAR - 1)
        # Its plan, with the measures in another order than the report's rows.
        measures = list(reversed(measures_of_report(cls.bankham, SEED_002_YEAR, rows)))
        cls.plan = plan_from_measures(cls.bankham, SEED_002_YEAR, cls.owner, measures)
        plans.submit(cls.plan, cls.owner, on=dt.date(2022, 12, 1))
        plans.approve(cls.plan, cls.executive, "นายก", "นายก อบต.", dt.date(2022, 12, 15))
        cls.round = services.ensure_rounds(cls.plan)[-1]

    def url_import(self) -> str:
        return self.url("progress:round_import", code="bankham", round_id=self.round.pk)

    def test_each_row_is_matched_to_the_plans_measure_of_its_indicator(self) -> None:
        rows = read_progress(seed_text("002"))
        matches = match_report(self.plan, rows)
        self.assertEqual([m.measure.indicator for m in matches], [1, 2, 3, 4, 5, 10])
        self.assertEqual({m.status for m in matches}, {ProgressUpdate.Status.DONE})

    def test_a_row_that_gives_no_percent_of_work_in_progress_leaves_it_to_the_person(self) -> None:
        [row] = read_progress(
            "ตัวชี้วัด\tมาตรการ\tผู้รับผิดชอบ\tผลการดำเนินงาน\n"
            "๑. การปฏิบัติหน้าที่\tปรับปรุงคู่มือ\tสำนักปลัด\tอยู่ระหว่างการปรับปรุงคู่มือ\n"
        )
        self.assertEqual(status_of(row), (ProgressUpdate.Status.IN_PROGRESS, None))

    def test_pasting_seed_002_previews_then_records_the_round_in_one_go(self) -> None:
        self.login(self.owner)
        preview = self.client.post(self.url_import(), {"text": seed_text("002")})
        self.assertEqual(preview.status_code, 200)
        self.assertEqual(ProgressUpdate.objects.count(), 0)
        self.assertNotContains(preview, 'name="checked"')
        response = self.client.post(self.url_import(), fill(preview))
        self.assertRedirects(
            response, self.url("progress:round", code="bankham", round_id=self.round.pk)
        )
        updates = ProgressUpdate.objects.filter(round=self.round)
        self.assertEqual(updates.count(), 6)
        measure_10 = self.plan.measures.get(indicator=10)
        self.assertIn("งานนิติการได้จัดทำมาตรการ", updates.get(measure=measure_10).done_text)

    def test_a_report_of_another_agency_needs_the_explicit_tick(self) -> None:
        text = seed_text("002").replace("บ้านขาม", "บ้านโคก")
        self.login(self.owner)
        preview = self.client.post(self.url_import(), {"text": text})
        self.assertContains(preview, 'name="checked"')
        refused = self.client.post(self.url_import(), fill(preview))
        self.assertEqual(refused.status_code, 400)
        self.assertEqual(ProgressUpdate.objects.count(), 0)
        self.assertEqual(
            self.client.post(self.url_import(), {**fill(preview), "checked": "1"}).status_code, 302
        )
        entry = (
            LogEntry.objects.get_for_object(self.round).filter(additional_data__isnull=False).get()
        )
        self.assertIn("บ้านโคก", entry.additional_data["checked"])

    def test_text_without_a_report_table_is_refused_in_thai(self) -> None:
        self.login(self.owner)
        response = self.client.post(self.url_import(), {"text": seed_text("004")})
        self.assertContains(response, "ไม่พบตารางรายงานผล", status_code=400)

    def test_a_kept_row_without_a_measure_or_a_bad_percent_records_nothing(self) -> None:
        self.login(self.owner)
        preview = self.client.post(self.url_import(), {"text": seed_text("002")})
        data = fill(preview)
        data["form-0-measure"] = ""
        data["form-1-status"], data["form-1-percent"] = "in_progress", "140"
        response = self.client.post(self.url_import(), data)
        self.assertContains(response, "เลือกมาตรการในแผนที่แถวนี้รายงาน", status_code=400)
        self.assertEqual(ProgressUpdate.objects.count(), 0)

    def test_an_outsider_and_a_unit_member_cannot_import(self) -> None:
        for user in (self.outsider, self.unit_member):
            self.login(user)
            self.assertIn(self.client.get(self.url_import()).status_code, (403, 404))

    def test_the_plan_keeps_its_measures_and_has_no_other_plan(self) -> None:
        self.assertEqual(Plan.objects.filter(agency=self.bankham).count(), 1)
