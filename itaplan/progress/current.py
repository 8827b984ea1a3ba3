"""Keeping :class:`~itaplan.progress.models.CurrentProgress` equal to the history.

The rule is that of :func:`itaplan.progress.selectors.current_updates` without a
round: of a measure's updates, the current one has the latest round (by end date,
then order), then the latest ``created_at``, then the highest id. It depends on
the rounds' end dates, so moving a round refreshes the measures reported in its
plan too.

:func:`refresh` recomputes the rows of some measures from their updates. It runs
inside the caller's transaction (or its own) and locks the measures first: two
people reporting on the same measure at once in different rounds refresh one
after the other, and the second reads the first one's update, so the row never
ends on the wrong one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from itaplan.plans.models import Measure
from itaplan.progress.models import CurrentProgress, ProgressUpdate

#: Measures refreshed per statement (bulk loaders pass tens of thousands).
CHUNK = 2000

Key = tuple[dt.date, int, dt.datetime, int]


def refresh(measure_ids: Iterable[int]) -> int:
    """Rewrite the current progress of these measures from their updates; returns how many."""
    ids = sorted(set(measure_ids))
    with transaction.atomic():
        for start in range(0, len(ids), CHUNK):
            _refresh(ids[start : start + CHUNK])
    return len(ids)


def refresh_plan(plan_id: int) -> int:
    """Refresh every measure reported on in a plan's rounds (after a round moved)."""
    measure_ids = (
        ProgressUpdate.objects.filter(round__plan_id=plan_id)
        .values_list("measure_id", flat=True)
        .distinct()
        .order_by()
    )
    return refresh(list(measure_ids))


def _refresh(ids: list[int]) -> None:
    # Lock in id order (no deadlock between two refreshes); the read below then sees
    # every update committed by whoever held a lock before.
    list(Measure.objects.select_for_update().filter(pk__in=ids).order_by("pk").values_list("pk"))
    best: dict[int, tuple[Key, str, int]] = {}
    rows = (
        ProgressUpdate.objects.filter(measure_id__in=ids)
        .values_list(
            "measure_id", "round__end_date", "round__order", "created_at", "pk", "status", "percent"
        )
        .order_by()
    )
    for measure_id, end_date, order, created_at, pk, status, percent in rows:
        key = (end_date, order, created_at, pk)
        found = best.get(measure_id)
        if found is None or key > found[0]:
            best[measure_id] = (key, status, percent)
    now = timezone.now()
    if best:
        CurrentProgress.objects.bulk_create(
            [
                CurrentProgress(
                    measure_id=measure_id,
                    update_id=key[3],
                    status=status,
                    percent=percent,
                    updated_at=now,
                )
                for measure_id, (key, status, percent) in best.items()
            ],
            update_conflicts=True,
            unique_fields=["measure"],
            update_fields=["update", "status", "percent", "updated_at"],
        )
    gone = [pk for pk in ids if pk not in best]
    if gone:
        CurrentProgress.objects.filter(measure_id__in=gone).delete()
