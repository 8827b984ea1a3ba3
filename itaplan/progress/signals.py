"""Give a plan its reporting rounds the moment it is approved, and keep each
measure's current progress (:class:`~itaplan.progress.models.CurrentProgress`)
in step with its updates.

The plans app knows nothing of progress; listening to its saves keeps it that way.
The current-progress receivers run in the saving transaction (``record_progress``,
``update_round`` are atomic), so the row and the update commit together.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver

from itaplan.plans.models import Plan
from itaplan.progress.models import ProgressUpdate, ReportingRound

#: Fields of a round the current-progress rule reads.
ROUND_ORDER_FIELDS = frozenset({"end_date", "order"})


@receiver(post_save, sender=Plan, dispatch_uid="progress_rounds_on_approval")
def create_rounds_on_approval(sender: type[Plan], instance: Plan, raw: bool, **kwargs: Any) -> None:
    if raw or instance.status != Plan.Status.APPROVED or not instance.is_current:
        return
    from itaplan.progress.services import ensure_rounds

    ensure_rounds(instance)


@receiver(post_save, sender=ProgressUpdate, dispatch_uid="progress_current_on_update")
def refresh_current_on_update(
    sender: type[ProgressUpdate], instance: ProgressUpdate, raw: bool, **kwargs: Any
) -> None:
    if raw:
        return
    from itaplan.progress.current import refresh

    refresh([instance.measure_id])


@receiver(post_save, sender=ReportingRound, dispatch_uid="progress_current_on_round")
def refresh_current_on_round(
    sender: type[ReportingRound],
    instance: ReportingRound,
    created: bool,
    raw: bool,
    update_fields: Iterable[str] | None = None,
    **kwargs: Any,
) -> None:
    """A round whose end date (or order) may have moved can change which update is current."""
    if raw or created:
        return  # a new round has no updates yet
    if update_fields is not None and not ROUND_ORDER_FIELDS & set(update_fields):
        return
    from itaplan.progress.current import refresh_plan

    refresh_plan(instance.plan_id)
