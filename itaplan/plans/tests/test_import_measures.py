"""A draft plan from the measures table of last year's o27, pasted into the text intake."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from auditlog.models import LogEntry

from itaplan.agencies.models import Unit
from itaplan.domain.thai import format_date_numeric
from itaplan.lib.testing import BaseTestCase, seed_text
from itaplan.plans.imports import match_units
from itaplan.plans.models import Plan


def token(response: Any) -> str:
    match = re.search(r'name="draft" value="([^"]+)"', response.content.decode())
    assert match, "no draft token in the page"
    return match[1]


def form_data(response: Any) -> dict[str, Any]:
    """The import form's fields as the page fills them (what a person submits unchanged)."""
    form = response.context["formset"]
    data: dict[str, Any] = {"draft": token(response)}
    data.update({f"form-{k}": v for k, v in form.management_form.initial.items()})
    for sub in form:
        for name, field in sub.fields.items():
            value = sub.initial.get(name, field.initial)
            key = sub.add_prefix(name)
            if name == "include":
                if value:
                    data[key] = "on"
            elif name == "units":
                data[key] = [u.pk if hasattr(u, "pk") else u for u in value or []]
            elif name == "reporting_dates":
                data[key] = [format_date_numeric(d) for d in value or []]
            elif isinstance(value, dt.date):
                data[key] = format_date_numeric(value)
            elif value is not None:
                data[key] = value
    return data


class ImportMeasuresTests(BaseTestCase):
    def preview(self, prefix: str, year: str = "") -> Any:
        self.login(self.owner)
        return self.client.post(
            self.url("results:import_text"), {"text": seed_text(prefix), "fiscal_year": year}
        )

    def open_import(self, preview: Any, **extra: str) -> Any:
        return self.client.post(
            self.url("plans:import_measures"), {"draft": token(preview), **extra}
        )

    def test_the_preview_of_seed_004_lists_its_measures_and_flags_the_indicator_7_period(
        self,
    ) -> None:
        response = self.preview("004")
        self.assertContains(response, "มาตรการในเอกสาร 10 มาตรการ (สำหรับแผนปีงบประมาณ 2569)")
        self.assertContains(response, 'class="flagged"', count=1)
        self.assertContains(response, "มาตรการที่ ๗ (ตัวชี้วัดที่ ๗)")  # in the agency's digits
        self.assertContains(response, "สร้างแผนมาตรการปี 2569 จากมาตรการเหล่านี้")

    def test_the_import_page_proposes_every_measure_in_order_with_the_period_as_printed(
        self,
    ) -> None:
        page = self.open_import(self.preview("004"))
        self.assertEqual(page.status_code, 200)
        forms = list(page.context["formset"])
        self.assertEqual([f.initial["indicator"] for f in forms], list(range(1, 11)))
        self.assertEqual(forms[6].initial["start_date"], dt.date(2024, 10, 1))
        self.assertEqual(Plan.objects.count(), 0)  # nothing saved by looking

    def test_submitting_unchanged_refuses_the_period_outside_the_year_and_saves_nothing(
        self,
    ) -> None:
        page = self.open_import(self.preview("004"))
        response = self.client.post(self.url("plans:import_measures"), form_data(page))
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "วันที่ต้องอยู่ระหว่าง", status_code=400)
        self.assertEqual(Plan.objects.count(), 0)

    def test_with_the_period_fixed_the_draft_plan_keeps_the_order_units_and_steps(self) -> None:
        page = self.open_import(self.preview("004"))
        data = form_data(page)
        data["form-6-start_date"], data["form-6-end_date"] = "1/10/2568", "30/9/2569"
        data["form-1-new_units"] = ""  # กองคลัง exists; nothing to create
        response = self.client.post(self.url("plans:import_measures"), data)
        plan = Plan.objects.get(agency=self.agency, fiscal_year=2569)
        self.assertRedirects(response, self.url("plans:detail", plan_id=plan.pk))
        self.assertEqual(plan.status, Plan.Status.DRAFT)
        measures = list(plan.measures.order_by("order"))
        self.assertEqual([m.indicator for m in measures], list(range(1, 11)))
        self.assertEqual(measures[6].start_date, dt.date(2025, 10, 1))
        self.assertEqual(measures[0].steps.count(), 6)
        self.assertEqual([u.name for u in measures[1].units.all()], ["กองคลัง"])
        # "ทุกสำนัก/กอง" stood for every unit the agency had (กองคลัง); สำนักปลัด, named by
        # indicator 3's row and offered for creation, was created for it
        self.assertEqual([u.name for u in measures[0].units.all()], ["กองคลัง"])
        self.assertEqual([u.name for u in measures[2].units.all()], ["สำนักปลัด"])

    def test_left_out_measures_are_not_created_and_offered_units_are_created(self) -> None:
        page = self.open_import(self.preview("004"))
        data = form_data(page)
        for n in range(4, 10):
            data.pop(f"form-{n}-include", None)
        data["form-2-new_units"] = "สำนักปลัด"
        response = self.client.post(self.url("plans:import_measures"), data)
        self.assertEqual(response.status_code, 302)
        plan = Plan.objects.get(agency=self.agency, fiscal_year=2569)
        self.assertEqual(plan.measures.count(), 4)
        self.assertTrue(Unit.objects.filter(agency=self.agency, name="สำนักปลัด").exists())

    def test_another_agencys_text_needs_the_explicit_tick_which_the_audit_keeps(self) -> None:
        preview = self.preview("003")
        self.assertContains(preview, 'name="checked"')
        page = self.open_import(preview)
        data = form_data(page)
        refused = self.client.post(self.url("plans:import_measures"), data)
        self.assertEqual(refused.status_code, 400)
        self.assertEqual(Plan.objects.count(), 0)
        data["checked"] = "1"
        self.assertEqual(self.client.post(self.url("plans:import_measures"), data).status_code, 302)
        plan = Plan.objects.get(agency=self.agency, fiscal_year=2566)
        entry = LogEntry.objects.get_for_object(plan).filter(additional_data__isnull=False).last()
        self.assertIn("ลุมพลี", entry.additional_data["checked"])

    def test_an_outsider_cannot_import_into_the_agency(self) -> None:
        preview = self.preview("004")
        self.login(self.outsider)
        response = self.client.post(self.url("plans:import_measures"), {"draft": token(preview)})
        self.assertIn(response.status_code, (403, 404))

    def test_a_forged_draft_changes_nothing(self) -> None:
        self.login(self.owner)
        response = self.client.post(self.url("plans:import_measures"), {"draft": "forged"})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Plan.objects.count(), 0)


class MatchUnitsTests(BaseTestCase):
    def test_printed_names_match_units_by_containment_and_unknown_ones_are_offered(self) -> None:
        Unit.objects.get_or_create(agency=self.agency, name="สำนักปลัด")
        found, unmatched = match_units(
            self.agency,
            ["งานธุรการ สำนักปลัดเทศบาล", "กองคลัง (งานพัสดุ)", "กองการศึกษา", "กองสาธารณสุขฯ"],
        )
        self.assertEqual(sorted(u.name for u in found), ["กองคลัง", "สำนักปลัด"])
        self.assertEqual(unmatched, ["กองการศึกษา", "กองสาธารณสุขฯ"])
