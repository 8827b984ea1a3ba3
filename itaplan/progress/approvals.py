"""What waits for an executive: submitted plans and reporting rounds ready for approval.

A plan waits once its editor submits it. A reporting round has no submission of
its own: it waits once every measure of the approved plan has reported in it (or
was closed earlier), which is exactly when the executive can approve it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from itaplan.agencies.models import Agency, Membership
from itaplan.plans.models import Plan
from itaplan.progress import selectors
from itaplan.progress.models import ReportingRound


@dataclass(frozen=True)
class Waiting:
    """One thing an executive is asked to approve."""

    kind: str  # "plan" or "round"
    agency: Agency
    plan: Plan
    round: ReportingRound | None
    since: dt.datetime | dt.date | None
    url: str


def waiting_for(user: AbstractBaseUser | AnonymousUser) -> list[Waiting]:
    """Plans and rounds of the user's agencies that wait for the user as their executive."""
    if not user.is_authenticated:
        return []
    agencies = list(
        Membership.objects.active()
        .filter(user=user, role=Membership.Role.EXECUTIVE)
        .values_list("agency_id", flat=True)
    )
    if not agencies:  # most pages are seen by people who approve nothing: one query
        return []
    plans = (
        Plan.objects.filter(agency__in=agencies, status=Plan.Status.SUBMITTED, is_current=True)
        .select_related("agency")
        .order_by("submitted_at")
    )
    items = [
        Waiting(
            "plan",
            p.agency,
            p,
            None,
            p.submitted_at,
            reverse("plans:approve", args=[p.agency.code, p.pk]),
        )
        for p in plans
    ]
    rounds = (
        ReportingRound.objects.filter(
            plan__agency__in=agencies,
            status=ReportingRound.Status.OPEN,
            plan__status=Plan.Status.APPROVED,
            plan__is_current=True,
        )
        .select_related("plan__agency")
        .order_by("end_date")
    )
    for round_ in rounds:
        measures = list(round_.plan.measures.all())
        if measures and not selectors.lacking_in_round(measures, round_):
            items.append(
                Waiting(
                    "round",
                    round_.plan.agency,
                    round_.plan,
                    round_,
                    round_.end_date,
                    reverse("progress:round_approve", args=[round_.plan.agency.code, round_.pk]),
                )
            )
    return items


def approvals(request: HttpRequest) -> dict[str, object]:
    """Context processor: ``waiting_approvals``, computed only when a page shows it."""
    return {"waiting_approvals": SimpleLazyObject(lambda: waiting_for(request.user))}
