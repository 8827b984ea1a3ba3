"""Reading progress: where each measure stands, what is late, what the dashboard shows.

"Where a measure stands at a round" is the newest update of that round or, when
it has none, of an earlier round: a measure finished in the 6-month round is
still finished in the 12-month report without being reported again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext

from itaplan.agencies.models import Agency
from itaplan.plans.models import Measure, Plan
from itaplan.plans.services import framework_of
from itaplan.progress.models import Evidence, ProgressUpdate, ReportingRound

Status = ProgressUpdate.Status


def approved_plans(agency: Agency) -> QuerySet[Plan]:
    """The agency's approved plans in force, newest fiscal year first: the ones reported on."""
    return Plan.objects.filter(
        agency=agency, is_current=True, status=Plan.Status.APPROVED
    ).order_by("-fiscal_year")


def rounds_of(plan: Plan) -> list[ReportingRound]:
    """The plan's reporting rounds in date order."""
    return list(ReportingRound.objects.filter(plan=plan).order_by("end_date", "order"))


def _round_key(update: ProgressUpdate) -> tuple[dt.date, int, dt.datetime, int]:
    return (update.round.end_date, update.round.order, update.created_at, update.pk)


def current_updates(
    measures: Iterable[Measure], at_round: ReportingRound | None = None
) -> dict[int, ProgressUpdate]:
    """The update each measure stands at: at ``at_round`` (that round or an earlier
    one), or overall when no round is given. Measures never reported are absent."""
    ids = [m.pk for m in measures]
    updates = ProgressUpdate.objects.filter(measure_id__in=ids).select_related(
        "round", "created_by"
    )
    if at_round is not None:
        updates = updates.filter(round__plan_id=at_round.plan_id)
    current: dict[int, ProgressUpdate] = {}
    for update in updates:
        if at_round is not None and (update.round.end_date, update.round.order) > (
            at_round.end_date,
            at_round.order,
        ):
            continue
        best = current.get(update.measure_id)
        if best is None or _round_key(update) > _round_key(best):
            current[update.measure_id] = update
    return current


def history(measure: Measure, round_: ReportingRound | None = None) -> list[ProgressUpdate]:
    """Every update of the measure (of one round), newest first, with its evidence."""
    updates = (
        ProgressUpdate.objects.filter(measure=measure)
        .select_related("round", "created_by")
        .prefetch_related(Prefetch("evidence", queryset=Evidence.objects.order_by("id")))
        .newest_first()
    )
    if round_ is not None:
        updates = updates.filter(round=round_)
    return list(updates)


def evidence_at(measures: Iterable[Measure], at_round: ReportingRound) -> dict[int, list[Evidence]]:
    """Evidence of each measure up to a round (its rounds and the earlier ones), oldest first."""
    earlier = [
        r.pk
        for r in rounds_of(at_round.plan)
        if (r.end_date, r.order) <= (at_round.end_date, at_round.order)
    ]
    found: dict[int, list[Evidence]] = {}
    for evidence in (
        Evidence.objects.filter(
            update__measure_id__in=[m.pk for m in measures], update__round_id__in=earlier
        )
        .select_related("update")
        .order_by("update__created_at", "id")
    ):
        found.setdefault(evidence.update.measure_id, []).append(evidence)
    return found


def unfinished_measures(plan: Plan) -> list[Measure]:
    """Measures whose latest status is neither done nor cancelled (or never reported):
    what is offered to carry into next year's plan."""
    measures = list(plan.measures.prefetch_related("units", "steps"))
    current = current_updates(measures)
    return [m for m in measures if m.pk not in current or not current[m.pk].is_closed]


def lacking_in_round(measures: Sequence[Measure], round_: ReportingRound) -> list[Measure]:
    """Measures still expected to report in the round: no update in it and not closed earlier."""
    reported = set(
        ProgressUpdate.objects.filter(round=round_, measure__in=measures).values_list(
            "measure_id", flat=True
        )
    )
    standing = current_updates(measures, round_)
    return [
        m
        for m in measures
        if m.pk not in reported and not (m.pk in standing and standing[m.pk].is_closed)
    ]


def indicator_names(plan: Plan) -> dict[int, str]:
    """Indicator number → name in the criteria of the results the plan answers."""
    framework = framework_of(plan)
    return {i.number: i.name for i in framework.indicators} if framework else {}


def is_overdue(measure: Measure, update: ProgressUpdate | None, today: dt.date) -> bool:
    """The end date has passed and the measure is neither done nor cancelled."""
    return measure.end_date < today and (update is None or not update.is_closed)


@dataclass(frozen=True)
class MeasureProgress:
    """A measure with where it stands, for tables."""

    number: int
    measure: Measure
    update: ProgressUpdate | None
    overdue: bool
    evidence: tuple[Evidence, ...] = ()
    indicator_name: str = ""

    @property
    def status(self) -> str:
        return self.update.status if self.update else ""

    @property
    def status_label(self) -> str:
        return self.update.get_status_display() if self.update else gettext("ยังไม่รายงาน")

    @property
    def percent(self) -> int:
        return self.update.percent if self.update else 0


def measure_rows(
    plan: Plan,
    measures: QuerySet[Measure],
    today: dt.date,
    at_round: ReportingRound | None = None,
) -> list[MeasureProgress]:
    """The measures in plan order with their standing (at a round, or now) and evidence."""
    ordered = list(measures.order_by("order", "id").prefetch_related("units", "steps"))
    numbers = {pk: n for n, pk in enumerate(plan.measures.values_list("pk", flat=True), start=1)}
    current = current_updates(ordered, at_round)
    evidence = evidence_at(ordered, at_round) if at_round is not None else {}
    names = indicator_names(plan)
    return [
        MeasureProgress(
            number=numbers.get(m.pk, 0),
            measure=m,
            update=current.get(m.pk),
            overdue=is_overdue(m, current.get(m.pk), today),
            evidence=tuple(evidence.get(m.pk, ())),
            indicator_name=names.get(m.indicator, "") if m.indicator else "",
        )
        for m in ordered
    ]


@dataclass(frozen=True)
class StatusCount:
    key: str
    label: str
    count: int


@dataclass(frozen=True)
class RoundSummary:
    """A round with how many of the (visible) measures have reported in it."""

    round: ReportingRound
    reported: int
    expected: int
    days_left: int


@dataclass(frozen=True)
class Dashboard:
    """What the agency's progress page shows at a glance."""

    plan: Plan
    rows: list[MeasureProgress]
    counts: list[StatusCount]
    percent: float | None
    overdue: list[MeasureProgress]
    rounds: list[RoundSummary]
    next_round: RoundSummary | None
    unfinished: int = field(default=0)


NOT_REPORTED = "none"


def _status_counts(rows: Sequence[MeasureProgress]) -> list[StatusCount]:
    counts = [
        StatusCount(NOT_REPORTED, gettext("ยังไม่รายงาน"), sum(1 for r in rows if r.update is None))
    ]
    for value, label in Status.choices:
        counts.append(StatusCount(value, label, sum(1 for r in rows if r.status == value)))
    return counts


def overall_percent(rows: Sequence[MeasureProgress]) -> float | None:
    """Mean percent of the measures that still count (cancelled ones are left out);
    a measure never reported counts as 0. ``None`` when nothing counts."""
    counted = [r.percent for r in rows if r.status != Status.CANCELLED]
    if not counted:
        return None
    return sum(counted) / len(counted)


def dashboard(plan: Plan, measures: QuerySet[Measure], today: dt.date) -> Dashboard:
    """The progress of a plan's (visible) measures on ``today``."""
    rows = measure_rows(plan, measures, today)
    measure_list = [r.measure for r in rows]
    rounds = []
    for round_ in rounds_of(plan):
        lacking = lacking_in_round(measure_list, round_)
        rounds.append(
            RoundSummary(
                round=round_,
                reported=len(measure_list) - len(lacking),
                expected=len(measure_list),
                days_left=(round_.end_date - today).days,
            )
        )
    # The earliest round still open is the next report due, even when its date has passed.
    open_rounds = [r for r in rounds if not r.round.is_locked]
    next_round = open_rounds[0] if open_rounds else None
    return Dashboard(
        plan=plan,
        rows=rows,
        counts=_status_counts(rows),
        percent=overall_percent(rows),
        overdue=[r for r in rows if r.overdue],
        rounds=rounds,
        next_round=next_round,
        unfinished=sum(1 for r in rows if r.update is None or not r.update.is_closed),
    )
