"""What the readiness pages read: an agency's prediction, an area's readiness."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, Max, Q, QuerySet

from itaplan.agencies.models import Agency
from itaplan.domain.readiness import Prediction, State, predict
from itaplan.readiness import services
from itaplan.readiness.models import PublishedItem
from itaplan.results.models import Result


def other_indicators(agency: Agency) -> tuple[dict[int, float], int | None]:
    """IIT and EIT indicator scores of the agency's latest result (assumed unchanged) and
    that result's year; empty when it has none."""
    from itaplan.results.selectors import evaluate_result

    latest = Result.objects.current().filter(agency=agency).order_by("-fiscal_year").first()
    if latest is None:
        return {}, None
    assessment = evaluate_result(latest).assessment
    return dict(assessment.scored_indicators), latest.fiscal_year


def default_year(items: QuerySet[PublishedItem]) -> int:
    """The newest year these items have (with criteria for it), else the newest criteria year."""
    years = services.years()
    found = (
        items.filter(fiscal_year__in=years)
        .order_by("-fiscal_year")
        .values_list("fiscal_year", flat=True)
        .first()
    )
    return int(found) if found else years[0]


def prediction(agency: Agency, fiscal_year: int) -> Prediction:
    """The score "if assessed now" from the agency's item states of the year."""
    items = services.items_for(agency, fiscal_year)
    others, _year = other_indicators(agency)
    return predict(services.rules_for(fiscal_year), services.states_of(items), others)


# --- an area (supervisor) --------------------------------------------------------------

#: Agencies per page of the area table, and items in the "most often missing" list.
AREA_PAGE_SIZE = 50
TOP_MISSING = 10


@dataclass(frozen=True)
class AgencyReadiness:
    agency: Agency
    ready: int
    at_risk: int
    missing: int
    unchecked: int
    predicted_oit: float | None
    checked_at: Any


@dataclass(frozen=True)
class ItemShortfall:
    code: str
    text: str
    missing: int
    at_risk: int


@dataclass(frozen=True)
class AreaReadiness:
    year: int
    agencies: int
    checked_agencies: int
    counts: dict[str, int]
    shortfalls: list[ItemShortfall]
    page: Page[AgencyReadiness]


def area(agencies: QuerySet[Agency], year: int, page_number: int = 1) -> AreaReadiness:
    """Readiness over an area: item states, the items most often missing or at risk among
    agencies that ran a check, and a page of agencies, least ready first."""
    rules = services.rules_for(year)
    items = PublishedItem.objects.filter(agency__in=agencies.values("pk"), fiscal_year=year)
    counts = {s.value: 0 for s in State}
    for row in items.exclude(state="").values("state").annotate(n=Count("id")):
        counts[row["state"]] = row["n"]
    shortfalls = [
        ItemShortfall(
            code=row["code"],
            text=rules.framework.item(row["code"]).text,
            missing=row["missing"],
            at_risk=row["at_risk"],
        )
        for row in items.values("code")
        .annotate(
            missing=Count("id", filter=Q(state=State.MISSING.value)),
            at_risk=Count("id", filter=Q(state=State.AT_RISK.value)),
        )
        .filter(Q(missing__gt=0) | Q(at_risk__gt=0))
        .order_by("-missing", "-at_risk", "code")[:TOP_MISSING]
        if rules.framework.has_item(row["code"])
    ]
    in_year = Q(published_items__fiscal_year=year)
    table = agencies.annotate(
        n_ready=Count("published_items", filter=in_year & Q(published_items__state="ready")),
        n_risk=Count("published_items", filter=in_year & Q(published_items__state="at_risk")),
        n_missing=Count("published_items", filter=in_year & Q(published_items__state="missing")),
        last=Max("published_items__checked_at", filter=in_year),
    ).order_by("n_ready", "-n_missing", "name", "id")
    page = Paginator(table, AREA_PAGE_SIZE).get_page(page_number)
    states: dict[int, dict[str, State]] = defaultdict(dict)
    for agency_id, code, state in PublishedItem.objects.filter(
        agency__in=[a.pk for a in page.object_list], fiscal_year=year
    ).values_list("agency_id", "code", "state"):
        states[agency_id][code] = State(state) if state else State.MISSING
    total_items = len(rules.oit_items())
    page.object_list = [
        AgencyReadiness(
            agency=a,
            ready=a.n_ready,
            at_risk=a.n_risk,
            missing=a.n_missing,
            unchecked=total_items - a.n_ready - a.n_risk - a.n_missing,
            predicted_oit=predict(rules, states[a.pk]).oit if a.last else None,
            checked_at=a.last,
        )
        for a in page.object_list
    ]
    checked = items.exclude(checked_at=None).values("agency_id").distinct().count()
    return AreaReadiness(
        year=year,
        agencies=agencies.count(),
        checked_agencies=checked,
        counts=counts,
        shortfalls=shortfalls,
        page=page,
    )
