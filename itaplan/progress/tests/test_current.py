"""Each measure's current progress row follows its history (CurrentProgress)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from itaplan.progress import current, selectors, services
from itaplan.progress.models import CurrentProgress, ProgressUpdate
from itaplan.progress.tests.base import ProgressTestCase

Status = ProgressUpdate.Status


class CurrentProgressTests(ProgressTestCase):
    def row(self, measure_id: int) -> CurrentProgress | None:
        return CurrentProgress.objects.filter(measure_id=measure_id).first()

    def assert_agrees_with_the_history(self) -> None:
        """Every row is what ``current_updates`` finds, and nothing more."""
        measures = list(self.plan.measures.all())
        expected = {
            pk: (u.pk, u.status, u.percent) for pk, u in selectors.current_updates(measures).items()
        }
        rows = {
            c.measure_id: (c.update_id, c.status, c.percent)
            for c in CurrentProgress.objects.filter(measure__in=measures)
        }
        self.assertEqual(rows, expected)

    def test_a_measure_never_reported_has_no_row(self) -> None:
        self.assertIsNone(self.row(self.finance_measure.pk))

    def test_record_progress_writes_the_row_and_a_new_update_replaces_it(self) -> None:
        first = self.report(self.finance_measure, percent=40)
        row = self.row(self.finance_measure.pk)
        assert row is not None
        self.assertEqual(
            (row.update_id, row.status, row.percent), (first.pk, Status.IN_PROGRESS, 40)
        )
        second = self.report(self.finance_measure, percent=70)
        row.refresh_from_db()
        self.assertEqual((row.update_id, row.percent), (second.pk, 70))
        done = self.report(self.finance_measure, status=Status.DONE, round_=self.twelve)
        row.refresh_from_db()
        self.assertEqual((row.update_id, row.status, row.percent), (done.pk, Status.DONE, 100))
        self.assertIsNone(self.row(self.office_measure.pk))
        self.assert_agrees_with_the_history()

    def test_the_latest_round_decides_not_the_latest_write(self) -> None:
        later = self.report(self.finance_measure, percent=80, round_=self.twelve)
        self.report(self.finance_measure, status=Status.DONE, round_=self.six)
        row = self.row(self.finance_measure.pk)
        assert row is not None
        self.assertEqual((row.update_id, row.status), (later.pk, Status.IN_PROGRESS))
        self.assert_agrees_with_the_history()

    def test_moving_a_round_moves_the_current_update(self) -> None:
        self.report(self.finance_measure, percent=80, round_=self.twelve)
        done = self.report(self.finance_measure, status=Status.DONE, round_=self.six)
        # The 12-month round now ends before the 6-month one: the latter is the latest.
        services.update_round(
            self.twelve, self.owner, "รอบ 12 เดือน", self.six.end_date - dt.timedelta(days=30)
        )
        row = self.row(self.finance_measure.pk)
        assert row is not None
        self.assertEqual((row.update_id, row.status), (done.pk, Status.DONE))
        self.assert_agrees_with_the_history()

    def test_a_refused_update_leaves_the_row_alone(self) -> None:
        first = self.report(self.finance_measure, percent=40)
        with self.assertRaises(services.ProgressError):
            self.report(self.finance_measure, status=Status.CANCELLED, cancel_reason=" ")
        row = self.row(self.finance_measure.pk)
        assert row is not None
        self.assertEqual(row.update_id, first.pk)

    def test_the_row_rolls_back_with_its_update(self) -> None:
        with self.assertRaises(RuntimeError), transaction.atomic():
            self.report(self.finance_measure, percent=40)
            raise RuntimeError
        self.assertIsNone(self.row(self.finance_measure.pk))

    def test_refresh_rebuilds_lost_or_stale_rows(self) -> None:
        self.report(self.finance_measure, percent=40)
        self.report(self.office_measure, user=self.clerk, status=Status.NOT_STARTED)
        CurrentProgress.objects.filter(measure=self.finance_measure).delete()
        CurrentProgress.objects.filter(measure=self.office_measure).update(status=Status.DONE)
        current.refresh([self.finance_measure.pk, self.office_measure.pk])
        self.assert_agrees_with_the_history()
