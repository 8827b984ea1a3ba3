"""The periodic reminder task sends what ``itaplan remind`` sends, once a day."""

from __future__ import annotations

import datetime as dt
from unittest import mock

from django.core import mail

from itaplan.progress.tasks import daily_reminders
from itaplan.progress.tests.base import ProgressTestCase


class ReminderTaskTests(ProgressTestCase):
    def test_the_periodic_task_sends_the_days_reminders_once(self) -> None:
        day = self.finance_measure.end_date - dt.timedelta(days=10)
        with mock.patch("django.utils.timezone.localdate", return_value=day):
            first = daily_reminders.call_local()
            self.assertGreater(first, 0)
            self.assertEqual(len(mail.outbox), first)
            self.assertEqual(daily_reminders.call_local(), 0)  # idempotent per day

    def test_it_runs_at_seven_in_the_morning_bangkok_time(self) -> None:
        # The queue's schedule is in UTC: 00:00 UTC is 07:00 in Bangkok.
        self.assertTrue(
            daily_reminders.task_class().validate_datetime(dt.datetime(2026, 1, 5, 0, 0))
        )
        self.assertFalse(
            daily_reminders.task_class().validate_datetime(dt.datetime(2026, 1, 5, 7, 0))
        )
