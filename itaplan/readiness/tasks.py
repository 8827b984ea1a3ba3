"""Queue tasks of the readiness checker (Huey; found by ``run_huey`` in every app's tasks.py).

- :func:`check_agency`: one agency-year's check, enqueued by the page or the schedule;
- :func:`scheduled_checks`: every night, enqueue the checks that are due — weekly, and
  daily in the last month before the submission deadline (the year's rules data, or an
  item's own due date).
"""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from itaplan.jobs import services as jobs


@db_task(retries=2, retry_delay=30)
def check_agency(job_id: int) -> None:
    from itaplan.readiness.services import run_check

    jobs.run_job(job_id, run_check, "ตรวจความพร้อม")


# 02:00 Asia/Bangkok (19:00 UTC: the queue's schedule runs in UTC), when agencies' sites are quiet.
@db_periodic_task(crontab(hour="19", minute="0"))
def scheduled_checks() -> int:
    from django.utils import timezone

    from itaplan.readiness.schedule import enqueue_due_checks

    return enqueue_due_checks(timezone.localdate())
