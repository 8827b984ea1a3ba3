"""What waits for an executive: submitted plans and reporting rounds ready for approval.

A plan waits once its editor submits it; a reporting round likewise, once its editor
submits its report (every measure of the approved plan having reported in it).
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
            status=ReportingRound.Status.SUBMITTED,
            plan__status=Plan.Status.APPROVED,
            plan__is_current=True,
        )
        .select_related("plan__agency")
        .order_by("submitted_at")
    )
    items.extend(
        Waiting(
            "round",
            round_.plan.agency,
            round_.plan,
            round_,
            round_.submitted_at,
            reverse("progress:round_approve", args=[round_.plan.agency.code, round_.pk]),
        )
        for round_ in rounds
    )
    return items


def approvals(request: HttpRequest) -> dict[str, object]:
    """Context processor: ``waiting_approvals``, computed only when a page shows it."""
    return {"waiting_approvals": SimpleLazyObject(lambda: waiting_for(request.user))}
