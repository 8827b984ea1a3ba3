"""Refusals from bad input speak the reader's language: Thai by default, English when the
person switched to it (the services word them through the .po)."""

from __future__ import annotations

from collections.abc import Callable

from django.utils import translation

from itaplan.agencies import administration
from itaplan.lib.testing import BaseTestCase
from itaplan.plans import services as plans
from itaplan.progress import services as progress
from itaplan.progress.evidence import EvidenceFileError, check_evidence_file


def refusal(language: str, action: Callable[[], object], error: type[Exception]) -> str:
    """What ``action`` is refused with, said in ``language``."""
    with translation.override(language):
        try:
            action()
        except error as refused:
            return str(getattr(refused, "message", refused))
    raise AssertionError("not refused")


class EnglishMessagesTestCase(BaseTestCase):
    def refusal(self, language: str, action: Callable[[], object], error: type[Exception]) -> str:
        return refusal(language, action, error)

    def test_a_duplicate_division_is_refused_in_each_language(self) -> None:
        administration.add_unit(self.agency, "กองช่าง")

        def again() -> None:
            administration.add_unit(self.agency, "กองช่าง")

        thai = self.refusal("th", again, administration.AdminError)
        english = self.refusal("en", again, administration.AdminError)
        self.assertTrue(thai.startswith("ชื่อกอง/สำนัก:"), thai)
        self.assertTrue(english.startswith("Division name:"), english)
        self.assertIn("กองช่าง", english)  # the name typed stays as typed

    def test_a_plan_of_a_year_not_in_the_buddhist_era_is_refused_in_each_language(self) -> None:
        def create() -> None:
            plans.create_plan(self.agency, 1999, self.owner)

        self.assertIn("ไม่ใช่ปีพุทธศักราชที่ถูกต้อง", self.refusal("th", create, plans.PlanError))
        self.assertIn(
            "is not a valid Buddhist-era year", self.refusal("en", create, plans.PlanError)
        )

    def test_an_empty_evidence_file_is_refused_in_each_language(self) -> None:
        import io

        def check() -> None:
            check_evidence_file("หลักฐาน.pdf", 0, io.BytesIO(b""))

        self.assertIn("ว่างเปล่า", self.refusal("th", check, EvidenceFileError))
        self.assertIn("is empty (0 bytes)", self.refusal("en", check, EvidenceFileError))

    def test_sending_back_without_a_reason_is_refused_in_each_language(self) -> None:
        from itaplan.progress.models import ReportingRound

        round_ = ReportingRound(pk=None)

        def send_back() -> None:
            progress.send_back_round(round_, self.executive, " ")

        # The reason is checked before anything else of the round.
        round_.plan = plans.create_plan(self.agency, 2569, self.owner)
        self.assertIn("ต้องระบุว่าให้แก้ไขอะไร", self.refusal("th", send_back, progress.ProgressError))
        self.assertIn("say what to change", self.refusal("en", send_back, progress.ProgressError))


class EnglishPageMessagesTestCase(BaseTestCase):
    def test_the_message_after_creating_a_plan_follows_the_language(self) -> None:
        from django.conf import settings

        from itaplan.lib.testing import INDICATORS_2568
        from itaplan.results.services import save_result

        save_result(self.agency, 2568, INDICATORS_2568, {}, {}, "form", None)
        self.login(self.member)
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        page = self.client.post(
            self.url("plans:create"), {"fiscal_year": "2569"}, follow=True
        ).content.decode()
        self.assertIn("The measures plan for", page)
        self.assertNotIn("สร้างแผนมาตรการ", page)


class EnglishApprovalMessagesTestCase(BaseTestCase):
    def test_an_approval_without_a_name_is_refused_in_each_language(self) -> None:
        plan = plans.create_plan(self.agency, 2569, self.owner)

        def approve() -> None:
            from itaplan.lib.approval import record_approval

            record_approval(
                plan,
                self.executive,
                " ",
                "นายก",
                None,
                approved_status="approved",
                error=plans.PlanError,
                earliest=None,
                earliest_is="",
                thai_digits=True,
            )

        self.assertEqual(refusal("th", approve, plans.PlanError), "ชื่อผู้อนุมัติ: ต้องระบุ")
        self.assertEqual(refusal("en", approve, plans.PlanError), "Approver's name: required")
