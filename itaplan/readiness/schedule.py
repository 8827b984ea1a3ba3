"""Which agency-years the nightly schedule checks: weekly, daily near the deadline."""

from __future__ import annotations

import datetime as dt

from django.db.models import Max, Min, Q

from itaplan.agencies.models import Agency
from itaplan.domain.readiness import load_rules
from itaplan.readiness.models import PublishedItem

#: Days before the deadline when checks become daily.
DAILY_WINDOW = dt.timedelta(days=30)
WEEKLY = dt.timedelta(days=7)


def is_due(today: dt.date, last_check: dt.date | None, deadline: dt.date | None) -> bool:
    """Whether an agency-year is checked tonight: never checked, a week since the last
    check, or any day in the last month before its deadline."""
    if last_check is None:
        return True
    if deadline is not None and today <= deadline <= today + DAILY_WINDOW:
        return last_check < today
    return today - last_check >= WEEKLY


def enqueue_due_checks(today: dt.date) -> int:
    """Enqueue a check of every agency-year with URLs that is due; returns how many."""
    from itaplan.readiness.services import running_check, start_check

    rows = (
        PublishedItem.objects.exclude(urls="")
        .values("agency_id", "fiscal_year")
        .annotate(last=Max("checked_at"), first_due=Min("due_date", filter=Q(due_date__gte=today)))
    )
    started = 0
    for row in rows:
        rules = load_rules(row["fiscal_year"])
        deadlines = [d for d in (rules.data.submission_deadline, row["first_due"]) if d]
        deadline = min(deadlines) if deadlines else None
        last = row["last"].date() if row["last"] else None
        if not is_due(today, last, deadline):
            continue
        agency = Agency.objects.get(pk=row["agency_id"])
        if running_check(agency, row["fiscal_year"]) is None:
            start_check(agency, row["fiscal_year"], trigger="scheduled")
            started += 1
    return started
