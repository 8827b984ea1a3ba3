"""load_demo: the seed agencies through the real parser and save service, idempotent."""

from __future__ import annotations

from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import TestCase

from itaplan.agencies.models import Agency, Membership, SupervisorScope, Unit
from itaplan.results.models import IndicatorScore, Result


def load() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


class LoadDemoTestCase(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        load()

    def test_it_loads_the_four_seed_agencies_with_their_units(self) -> None:
        self.assertEqual(
            set(Agency.objects.values_list("name", flat=True)),
            {
                "เทศบาลตำบลจอมทอง",
                "องค์การบริหารส่วนตำบลบ้านขาม",
                "องค์การบริหารส่วนตำบลลุมพลี",
                "องค์การบริหารส่วนตำบลสามเรือน",
            },
        )
        self.assertEqual(Unit.objects.count(), 12)
        samruean = Agency.objects.get(code="samruean")
        self.assertEqual(str(samruean.district), "เมืองราชบุรี จ.ราชบุรี")

    def test_it_loads_the_results_as_printed(self) -> None:
        results = {r.agency.code: r for r in Result.objects.select_related("agency")}
        self.assertEqual(set(results), {"jomthong", "lumphli", "samruean"})
        jomthong, lumphli, samruean = results["jomthong"], results["lumphli"], results["samruean"]
        self.assertEqual((jomthong.fiscal_year, jomthong.computed_level), (2564, "D"))
        self.assertEqual(round(jomthong.computed_total, 2), 62.09)
        self.assertEqual(lumphli.fiscal_year, 2565)
        self.assertEqual(round(lumphli.computed_total, 2), 90.27)
        self.assertEqual(lumphli.indicator_scores.get(number=5).score, 82.11)
        self.assertEqual(samruean.fiscal_year, 2568)
        self.assertEqual(samruean.previous_total, 96.01)
        self.assertEqual(round(samruean.computed_total, 2), 96.79)
        self.assertEqual(samruean.indicator_scores.get(number=6).score, 96.26)
        self.assertEqual(samruean.source, Result.Source.TEXT)

    def test_the_conflicts_stay_visible(self) -> None:
        samruean = Result.objects.get(agency__code="samruean")
        self.assertIn("96.29 / 96.26", " ".join(n["message"] for n in samruean.intake_notes))
        lumphli = Result.objects.get(agency__code="lumphli")
        fields = {n["field"] for n in lumphli.intake_notes}
        self.assertIn("indicator 5", fields)

    def test_it_creates_one_demo_user_per_role(self) -> None:
        User = get_user_model()
        for username in ("admin", "editor", "unit", "executive", "supervisor", "siteadmin"):
            with self.subTest(username=username):
                self.assertTrue(User.objects.get(username=username).check_password("itaplan-demo"))
        unit = Membership.objects.get(user__username="unit")
        self.assertEqual((unit.agency.code, unit.unit.name), ("samruean", "กองคลัง"))
        self.assertEqual(SupervisorScope.objects.get().province.name, "ราชบุรี")
        self.assertTrue(User.objects.get(username="siteadmin").is_superuser)

    def test_running_it_twice_duplicates_nothing(self) -> None:
        before = (
            Agency.objects.count(),
            Result.objects.count(),
            IndicatorScore.objects.count(),
            Membership.objects.count(),
            SupervisorScope.objects.count(),
            get_user_model().objects.count(),
        )
        output = load()
        after = (
            Agency.objects.count(),
            Result.objects.count(),
            IndicatorScore.objects.count(),
            Membership.objects.count(),
            SupervisorScope.objects.count(),
            get_user_model().objects.count(),
        )
        self.assertEqual(before, after)
        self.assertIn("มีแล้ว", output)
