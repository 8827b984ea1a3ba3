"""The save service: validates, computes, versions, and never half-saves."""

from __future__ import annotations

from auditlog.models import LogEntry

from itaplan.lib.testing import INDICATORS_2568, BaseTestCase, make_agency
from itaplan.results.models import IndicatorScore, ItemScore, Result
from itaplan.results.services import (
    IntakeError,
    ResultEntry,
    ResultExists,
    save_result,
    save_results,
)

PRINTED = {"total": 96.79, "level": "ผ่านดี", "IIT": 96.86, "EIT": 95.77, "OIT": 97.5}


def counts() -> tuple[int, int, int]:
    return Result.objects.count(), IndicatorScore.objects.count(), ItemScore.objects.count()


class SaveResultTestCase(BaseTestCase):
    def save(self, replace: bool = False, changes: dict[int, float] | None = None) -> Result:
        indicators = {**INDICATORS_2568, **(changes or {})}
        return save_result(
            self.agency, 2568, indicators, {"o13": 50.0}, PRINTED, "form", self.owner, replace
        )

    def test_it_stores_the_entered_scores_and_the_computed_ones(self) -> None:
        result = self.save()
        self.assertEqual(round(result.computed_total, 2), 96.79)
        self.assertEqual(round(result.computed_iit, 2), 96.86)
        self.assertEqual(result.computed_level, "ผ่านดี")
        self.assertEqual(result.printed_total, 96.79)
        self.assertEqual(result.printed_level, "ผ่านดี")
        self.assertEqual(result.indicator_scores.count(), 10)
        self.assertEqual(result.item_scores.get().code, "o13")
        self.assertEqual(result.entered_by, self.owner)
        self.assertEqual((result.version, result.is_current), (1, True))

    def test_it_counts_the_findings(self) -> None:
        result = self.save(changes={6: 96.29})
        self.assertGreaterEqual(result.finding_count, 1)

    def test_it_refuses_to_replace_without_confirmation(self) -> None:
        self.save()
        before = counts()
        with self.assertRaises(ResultExists) as caught:
            self.save()
        self.assertIn("แทนที่ผลเดิม", caught.exception.messages[0])
        self.assertEqual(counts(), before)

    def test_replacing_keeps_the_old_version(self) -> None:
        first = self.save()
        second = self.save(replace=True, changes={4: 90.0})
        first.refresh_from_db()
        self.assertFalse(first.is_current)
        self.assertEqual((second.version, second.is_current), (2, True))
        self.assertEqual(first.indicator_scores.get(number=4).score, 89.05)
        self.assertEqual(second.indicator_scores.get(number=4).score, 90.0)
        self.assertEqual(Result.objects.filter(agency=self.agency, fiscal_year=2568).count(), 2)

    def test_it_refuses_scores_out_of_range_and_unknown_items_and_saves_nothing(self) -> None:
        with self.assertRaises(IntakeError) as caught:
            save_result(
                self.agency, 2568, {1: 101.0}, {"o99": 50.0, "o1": -1.0}, {}, "form", self.owner
            )
        messages = caught.exception.messages
        self.assertEqual(len(messages), 3)
        self.assertIn("ตัวชี้วัดที่ 1: 101.00 ไม่อยู่ระหว่าง 0 ถึง 100", messages)
        self.assertIn("'o99' ไม่ใช่ประเด็นการประเมินของปี 2568", messages)
        self.assertEqual(counts(), (0, 0, 0))

    def test_it_refuses_a_year_without_criteria(self) -> None:
        with self.assertRaises(IntakeError) as caught:
            save_result(self.agency, 2550, {1: 90.0}, {}, {}, "form", self.owner)
        self.assertIn("2550", caught.exception.messages[0])

    def test_it_refuses_an_empty_result(self) -> None:
        with self.assertRaises(IntakeError):
            save_result(self.agency, 2568, {}, {}, {}, "form", self.owner)

    def test_many_results_are_saved_all_or_none(self) -> None:
        other = make_agency("other", "อบต.อื่น")
        good = ResultEntry(self.agency, 2568, dict(INDICATORS_2568), label="แถวที่ 2")
        bad = ResultEntry(other, 2568, {1: 150.0}, label="แถวที่ 3")
        with self.assertRaises(IntakeError) as caught:
            save_results([good, bad], "spreadsheet", self.siteadmin)
        self.assertEqual(
            caught.exception.messages, ["แถวที่ 3: ตัวชี้วัดที่ 1: 150.00 ไม่อยู่ระหว่าง 0 ถึง 100"]
        )
        self.assertEqual(counts(), (0, 0, 0))

    def test_many_results_refuse_the_same_agency_year_twice(self) -> None:
        entries = [
            ResultEntry(self.agency, 2568, dict(INDICATORS_2568), label="แถวที่ 2"),
            ResultEntry(self.agency, 2568, dict(INDICATORS_2568), label="แถวที่ 4"),
        ]
        with self.assertRaises(IntakeError) as caught:
            save_results(entries, "spreadsheet", self.siteadmin)
        self.assertIn("ซ้ำกับแถวที่ 2", caught.exception.messages[0])
        self.assertEqual(counts(), (0, 0, 0))


class AuditTestCase(BaseTestCase):
    def test_saving_writes_audit_entries_for_the_result_and_every_score(self) -> None:
        result = save_result(self.agency, 2568, INDICATORS_2568, {"o13": 50.0}, {}, "form", None)
        self.assertEqual(LogEntry.objects.get_for_object(result).count(), 1)
        score = result.indicator_scores.first()
        self.assertEqual(LogEntry.objects.get_for_object(score).count(), 1)
        self.assertEqual(LogEntry.objects.get_for_object(result.item_scores.get()).count(), 1)

    def test_replacing_logs_the_old_version_as_changed(self) -> None:
        first = save_result(self.agency, 2568, INDICATORS_2568, {}, {}, "form", self.owner)
        save_result(self.agency, 2568, INDICATORS_2568, {}, {}, "form", self.owner, replace=True)
        update = LogEntry.objects.get_for_object(first).get(action=LogEntry.Action.UPDATE)
        self.assertEqual(set(update.changes_dict), {"is_current"})

    def test_agencies_and_memberships_are_audited(self) -> None:
        self.assertTrue(LogEntry.objects.get_for_object(self.agency).exists())
        membership = self.owner.memberships.get()
        self.assertTrue(LogEntry.objects.get_for_object(membership).exists())


class AuditActorTestCase(BaseTestCase):
    def test_the_audit_log_names_the_user_even_outside_a_request(self) -> None:
        result = save_result(self.agency, 2568, INDICATORS_2568, {}, {}, "form", self.member)
        self.assertEqual(LogEntry.objects.get_for_object(result).get().actor, self.member)
        score = result.indicator_scores.first()
        self.assertEqual(LogEntry.objects.get_for_object(score).get().actor, self.member)
