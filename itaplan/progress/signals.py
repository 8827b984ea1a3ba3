"""Give a plan its reporting rounds the moment it is approved.

The plans app knows nothing of progress; listening to its saves keeps it that way.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver

from itaplan.plans.models import Plan


@receiver(post_save, sender=Plan, dispatch_uid="progress_rounds_on_approval")
def create_rounds_on_approval(sender: type[Plan], instance: Plan, raw: bool, **kwargs: Any) -> None:
    if raw or instance.status != Plan.Status.APPROVED or not instance.is_current:
        return
    from itaplan.progress.services import ensure_rounds

    ensure_rounds(instance)
