"""Seed 002 (อบต.บ้านขาม's progress report) read and loaded as demo data."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import SimpleTestCase, TestCase, override_settings

from itaplan.agencies.models import Agency, Membership
from itaplan.agencies.services import grant_role
from itaplan.lib.testing import make_agency, make_user, seed_text
from itaplan.plans.models import Plan
from itaplan.progress.demo import parse_progress_report, split_steps
from itaplan.progress.models import ProgressUpdate, ReportingRound
from itaplan.progress.report import progress_document


class ParserTests(SimpleTestCase):
    def test_it_reads_the_six_rows_of_seed_002(self) -> None:
        rows = parse_progress_report(seed_text("002"))
        self.assertEqual([r.number for r in rows], [1, 2, 3, 4, 5, 6])
        self.assertEqual(rows[0].indicator_name, "การปฏิบัติหน้าที่")
        self.assertEqual(rows[3].unit, "กองคลัง (งานพัสดุ)")
        self.assertEqual(rows[3].unit_name, "กองคลัง")

    def test_it_keeps_the_agencys_own_words_without_markup(self) -> None:
        rows = parse_progress_report(seed_text("002"))
        self.assertTrue(rows[0].progress.startswith("ได้ดำเนินการประชาสัมพันธ์ คู่มือการปฏิบัติงาน"))
        self.assertTrue(rows[0].progress.endswith("โดยมีการให้บริการผ่านทางระบบ e-service"))
        for row in rows:
            for text in (row.measure, row.unit, row.progress, *row.steps):
                self.assertNotIn("<p>", text)
                self.assertNotIn("\t", text)

    def test_it_splits_numbered_steps(self) -> None:
        rows = parse_progress_report(seed_text("002"))
        self.assertEqual(len(rows[0].steps), 1)
        self.assertEqual(len(rows[1].steps), 3)
        self.assertTrue(rows[1].steps[2].startswith("กองคลัง เปิดโอกาสให้บุคลากร"))
        self.assertEqual(len(rows[2].steps), 2)  # two <p> paragraphs

    def test_only_numbers_that_follow_on_split_steps(self) -> None:
        self.assertEqual(
            split_steps("๑. สรุปรายงานทุก ๖. เดือน ๒. เผยแพร่"),
            ("สรุปรายงานทุก ๖. เดือน", "เผยแพร่"),
        )

    def test_every_row_says_it_was_done(self) -> None:
        self.assertTrue(all(r.says_done for r in parse_progress_report(seed_text("002"))))


def bankham() -> Agency:
    """อบต.บ้านขาม with the editor and the executive ``load_demo`` gives it."""
    agency = make_agency("bankham", "องค์การบริหารส่วนตำบลบ้านขาม")
    grant_role(make_user("editor"), agency, Membership.Role.EDITOR)
    grant_role(make_user("executive"), agency, Membership.Role.EXECUTIVE)
    return agency


@override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
class LoadDemoProgressTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.agency = bankham()

    def load(self) -> str:
        out = StringIO()
        call_command("load_demo_progress", stdout=out)
        return out.getvalue()

    def test_seed_002_becomes_an_approved_fy2566_plan_with_its_12_month_report(self) -> None:
        self.load()
        plan = Plan.objects.get(agency=self.agency, fiscal_year=2566, is_current=True)
        self.assertEqual(plan.status, Plan.Status.APPROVED)
        measures = list(plan.measures.order_by("order"))
        self.assertEqual(len(measures), 6)
        # The report numbers its rows 1–6; its row 6 is ITA indicator 10 by name.
        self.assertEqual([m.indicator for m in measures], [1, 2, 3, 4, 5, 10])
        self.assertEqual([u.name for u in measures[3].units.all()], ["กองคลัง"])
        final = ReportingRound.objects.get(plan=plan, name="รอบ 12 เดือน")
        self.assertEqual(final.status, ReportingRound.Status.APPROVED)
        updates = ProgressUpdate.objects.filter(round=final)
        self.assertEqual(updates.count(), 6)
        self.assertEqual(set(updates.values_list("status", flat=True)), {"done"})
        self.assertIn("e-service", updates.get(measure=measures[0]).done_text)

    def test_running_it_again_changes_nothing(self) -> None:
        self.load()
        counts = (Plan.objects.count(), ProgressUpdate.objects.count())
        self.assertIn("มีแล้ว", self.load())
        self.assertEqual((Plan.objects.count(), ProgressUpdate.objects.count()), counts)

    def test_without_the_agency_it_asks_for_load_demo_first(self) -> None:
        self.agency.delete()
        with self.assertRaisesMessage(CommandError, "load_demo"):
            self.load()


@override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
class O28DocumentTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.agency = bankham()
        call_command("load_demo_progress", stdout=StringIO())
        cls.round = ReportingRound.objects.get(plan__agency=cls.agency, name="รอบ 12 เดือน")

    def test_the_approved_round_is_the_o28_report_with_its_approval(self) -> None:
        document = progress_document(self.round)
        self.assertEqual((document.plan_year, document.round_name), (2566, "รอบ 12 เดือน"))
        self.assertEqual(document.summary.done, 6)
        self.assertEqual(document.approval.position, "นายกองค์การบริหารส่วนตำบลบ้านขาม")
        self.assertEqual(document.measures[5].indicator, 10)
        self.assertEqual(document.measures[5].indicator_name, "การป้องกันการทุจริต")
        self.assertIn("e-service", document.measures[0].done)

    def test_it_renders_as_a_docx(self) -> None:
        from itaplan.documents.docx import progress_docx

        self.assertTrue(progress_docx(progress_document(self.round)).startswith(b"PK"))
