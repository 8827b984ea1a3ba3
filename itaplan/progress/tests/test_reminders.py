"""Reminders: who gets them, when, and never twice (``django.core.mail.outbox``)."""

from __future__ import annotations

import datetime as dt
from io import StringIO

from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.core.management.base import CommandError

from itaplan.agencies.models import Membership
from itaplan.agencies.services import grant_role
from itaplan.lib.testing import make_user
from itaplan.progress.models import ProgressUpdate, ReminderSent
from itaplan.progress.reminders import send_reminders
from itaplan.progress.tests.base import ProgressTestCase

Status = ProgressUpdate.Status


class ReminderTests(ProgressTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        # A person without an e-mail address is skipped, not an error.
        cls.silent = make_user("silent")
        cls.silent.email = ""
        cls.silent.save()
        grant_role(cls.silent, cls.agency, Membership.Role.UNIT_MEMBER, "กองคลัง")

    @property
    def end(self) -> dt.date:
        return self.finance_measure.end_date

    def run_on(self, day: dt.date) -> list[mail.EmailMessage]:
        mail.outbox.clear()
        send_reminders(day)
        return list(mail.outbox)

    def recipients(self, messages: list[mail.EmailMessage]) -> set[str]:
        return {address for m in messages for address in m.to}

    def test_a_measure_due_within_14_days_reminds_its_unit_and_the_officers(self) -> None:
        self.report(self.office_measure, status=Status.DONE, done_text="เสร็จ")
        sent = self.run_on(self.end - dt.timedelta(days=10))
        self.assertEqual(
            self.recipients(sent),
            {"finance@example.org", "alice@example.org", "bob@example.org"},
        )
        body = next(m for m in sent if m.to == ["finance@example.org"]).body
        self.assertIn("จะครบกำหนดภายใน ๑๔ วัน", body)
        self.assertIn("เผยแพร่แผนการใช้จ่ายงบประมาณประจำปี", body)
        self.assertNotIn("ปรับปรุงคู่มือการปฏิบัติงาน", body)
        self.assertIn(f"/agency/samruean/progress/measures/{self.finance_measure.pk}/", body)

    def test_the_executive_supervisor_outsider_and_other_unit_get_nothing(self) -> None:
        self.report(self.office_measure, status=Status.DONE, done_text="เสร็จ")
        sent = self.run_on(self.end - dt.timedelta(days=10))
        for address in ("chief", "watcher", "charlie", "clerk", "root"):
            self.assertNotIn(f"{address}@example.org", self.recipients(sent))

    def test_a_second_run_the_same_day_sends_nothing(self) -> None:
        day = self.end - dt.timedelta(days=10)
        self.assertTrue(self.run_on(day))
        logged = ReminderSent.objects.count()
        self.assertEqual(self.run_on(day), [])
        self.assertEqual(ReminderSent.objects.count(), logged)

    def test_the_14_day_reminder_is_sent_once_and_the_3_day_one_comes_later(self) -> None:
        self.assertTrue(self.run_on(self.end - dt.timedelta(days=10)))
        self.assertEqual(self.run_on(self.end - dt.timedelta(days=9)), [])
        sent = self.run_on(self.end - dt.timedelta(days=2))
        self.assertTrue(sent)
        self.assertIn("จะครบกำหนดภายใน ๓ วัน", sent[0].body)

    def test_a_done_or_cancelled_measure_is_not_reminded(self) -> None:
        self.report(self.finance_measure, status=Status.DONE, done_text="เสร็จ")
        self.report(self.office_measure, status=Status.CANCELLED, cancel_reason="ยุบรวม")
        self.assertEqual(self.run_on(self.end - dt.timedelta(days=2)), [])
        self.assertEqual(self.run_on(self.end + dt.timedelta(days=5)), [])

    def test_an_overdue_measure_is_reminded_again_after_a_week(self) -> None:
        self.report(self.office_measure, status=Status.DONE, done_text="เสร็จ")
        first = self.run_on(self.end + dt.timedelta(days=1))
        self.assertIn("เลยกำหนดแล้ว", first[0].body)
        self.assertEqual(self.run_on(self.end + dt.timedelta(days=3)), [])
        self.assertTrue(self.run_on(self.end + dt.timedelta(days=8)))

    def test_a_round_closing_reminds_those_who_have_not_reported(self) -> None:
        self.report(self.office_measure, done_text="เริ่มแล้ว")
        day = self.six.end_date - dt.timedelta(days=7)
        sent = self.run_on(day)
        self.assertEqual(
            self.recipients(sent),
            {"finance@example.org", "alice@example.org", "bob@example.org"},
        )
        finance = next(m for m in sent if m.to == ["finance@example.org"]).body
        self.assertIn("รอบการรายงานผลที่ใกล้ครบกำหนด", finance)
        self.assertIn("รอบ ๖ เดือน", finance)
        self.assertEqual(ReminderSent.objects.filter(kind="round_closing").count(), 3)
        self.assertEqual(self.run_on(day), [])

    def test_a_round_where_everyone_reported_is_not_reminded(self) -> None:
        self.report(self.office_measure, done_text="เริ่มแล้ว")
        self.report(self.finance_measure, done_text="เริ่มแล้ว")
        self.assertEqual(self.run_on(self.six.end_date - dt.timedelta(days=7)), [])

    def test_one_email_per_person_lists_everything_new(self) -> None:
        # Both measures and the 12-month round are due: the officer gets one e-mail.
        sent = self.run_on(self.end - dt.timedelta(days=5))
        to_alice = [m for m in sent if m.to == ["alice@example.org"]]
        self.assertEqual(len(to_alice), 1)
        self.assertIn("ปรับปรุงคู่มือการปฏิบัติงาน", to_alice[0].body)
        self.assertIn("เผยแพร่แผนการใช้จ่ายงบประมาณประจำปี", to_alice[0].body)
        self.assertIn("รอบ ๑๒ เดือน", to_alice[0].body)
        self.assertIn("สามเรือน", to_alice[0].subject)


class RemindCommandTests(ProgressTestCase):
    def test_dry_run_prints_what_would_be_sent_and_sends_nothing(self) -> None:
        out = StringIO()
        day = self.finance_measure.end_date - dt.timedelta(days=10)
        call_command("remind", "--dry-run", f"--date={day.isoformat()}", stdout=out)
        self.assertEqual(mail.outbox, [])
        self.assertFalse(ReminderSent.objects.exists())
        self.assertIn("→ finance@example.org", out.getvalue())
        self.assertIn("จะส่งอีเมล", out.getvalue())

    def test_it_sends_and_says_how_many(self) -> None:
        out = StringIO()
        day = self.finance_measure.end_date - dt.timedelta(days=10)
        call_command("remind", f"--date={day.isoformat()}", stdout=out)
        self.assertIn(f"ส่งอีเมลแจ้งเตือนแล้ว {len(mail.outbox)} ฉบับ", out.getvalue())
        self.assertTrue(mail.outbox)
        call_command("remind", f"--date={day.isoformat()}", stdout=out)
        self.assertIn("ส่งอีเมลแจ้งเตือนแล้ว 0 ฉบับ", out.getvalue())

    def test_a_bad_date_is_refused(self) -> None:
        with self.assertRaises(CommandError):
            call_command("remind", "--date=31/12/2569", stdout=StringIO())

    def test_a_failing_mail_server_logs_nothing_so_tomorrow_retries(self) -> None:
        day = self.finance_measure.end_date - dt.timedelta(days=10)
        with (
            self.settings(EMAIL_BACKEND="itaplan.progress.tests.test_reminders.BrokenBackend"),
            self.assertRaises(CommandError),
        ):
            call_command(
                "remind", f"--date={day.isoformat()}", stdout=StringIO(), stderr=StringIO()
            )
        self.assertFalse(ReminderSent.objects.exists())


class BrokenBackend(BaseEmailBackend):
    def send_messages(self, email_messages: object) -> int:
        raise ConnectionRefusedError("mail server down")
