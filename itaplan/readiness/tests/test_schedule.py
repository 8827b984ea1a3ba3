"""The nightly schedule: weekly, daily in the month before the deadline."""

from __future__ import annotations

import datetime as dt

from itaplan.jobs.models import Job
from itaplan.lib.testing import BaseTestCase
from itaplan.readiness import services
from itaplan.readiness.models import PublishedItem
from itaplan.readiness.schedule import enqueue_due_checks, is_due

TODAY = dt.date(2025, 2, 10)


def test_a_never_checked_year_is_due() -> None:
    assert is_due(TODAY, None, None)


def test_far_from_the_deadline_it_is_checked_weekly() -> None:
    deadline = TODAY + dt.timedelta(days=90)
    assert not is_due(TODAY, TODAY - dt.timedelta(days=6), deadline)
    assert is_due(TODAY, TODAY - dt.timedelta(days=7), deadline)


def test_in_the_last_month_before_the_deadline_it_is_checked_daily() -> None:
    deadline = TODAY + dt.timedelta(days=30)
    assert is_due(TODAY, TODAY - dt.timedelta(days=1), deadline)
    assert not is_due(TODAY, TODAY, deadline)


class EnqueueTests(BaseTestCase):
    def test_it_checks_agencies_with_urls_once_and_skips_the_others(self) -> None:
        services.items_for(self.agency, 2568)
        services.items_for(self.other_agency, 2568)  # no URL: nothing to check
        PublishedItem.objects.filter(agency=self.agency, code="o1").update(
            urls="http://127.0.0.1:9/", due_date=TODAY + dt.timedelta(days=20)
        )
        # Jobs run inside tests; the loopback URL is refused without touching the network:
        # what matters is that one check ran, for the one agency with URLs.
        self.assertEqual(enqueue_due_checks(TODAY), 1)
        self.assertEqual(Job.objects.filter(kind=Job.Kind.OIT_CHECK).count(), 1)
        self.assertEqual(Job.objects.get().params, {"trigger": "scheduled"})
