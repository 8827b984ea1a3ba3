"""What the readiness pages read: an agency's prediction, an area's readiness."""

from __future__ import annotations

from itaplan.agencies.models import Agency
from itaplan.domain.readiness import Prediction, predict
from itaplan.readiness import services
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


def prediction(agency: Agency, fiscal_year: int) -> Prediction:
    """The score "if assessed now" from the agency's item states of the year."""
    items = services.items_for(agency, fiscal_year)
    others, _year = other_indicators(agency)
    return predict(services.rules_for(fiscal_year), services.states_of(items), others)
