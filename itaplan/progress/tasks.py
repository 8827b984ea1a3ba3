"""Reminders as a periodic task of the queue worker: every morning at 07:00 Asia/Bangkok
(00:00 UTC; the queue's schedule runs in UTC).

Sending is idempotent per day (:func:`itaplan.progress.reminders.send_reminders`), so the
cron line of the README stays a safe alternative where no worker runs.
"""

from __future__ import annotations

import logging

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

log = logging.getLogger(__name__)


@db_periodic_task(crontab(hour="0", minute="0"), retries=2, retry_delay=300)
def daily_reminders() -> int:
    """Send the day's due-soon and overdue reminders; returns how many e-mails went out."""
    from django.utils import timezone

    from itaplan.progress.reminders import send_reminders

    report = send_reminders(timezone.localdate())
    sent = len(report.emails) - len(report.failed)
    log.info("reminders: %d sent, %d failed", sent, len(report.failed))
    return sent
