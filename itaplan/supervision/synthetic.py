"""A synthetic country of agencies for demos, load tests and benchmarks.

Everything made here is labelled so nobody can take it for real data: agencies
have ``is_synthetic=True``, a name starting with ``[สังเคราะห์]`` and a code
starting with ``SYN-``; their provinces and districts carry the same prefix.

The scores are drawn to look like the national picture, not copied from it:
IIT and EIT indicators mostly between 85 and 98 with an agency-level quality that
persists from year to year; OIT bimodal — most agencies publish nearly
everything, a tail publishes little (like seed 000, indicator 9 at 11.58 and 10
at 31.25); the FY2568 national mean near the 93.8 reported by the NACC and about
94 % passing, earlier years a little lower. Totals and levels are computed by the
scoring engine (:func:`itaplan.domain.scoring.assess`) in Python and written in
bulk, so 8,300 agencies × 6 years load in minutes.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from auditlog.context import disable_auditlog
from django.db import connection, transaction
from django.db.models import QuerySet
from django.utils import timezone

from itaplan.agencies.models import Agency, District, Province
from itaplan.domain.criteria import Framework, available_years, load
from itaplan.domain.scoring import assess
from itaplan.domain.thai import fiscal_year_bounds, fiscal_year_of
from itaplan.plans.models import Measure, MeasureStep, Plan
from itaplan.progress import current
from itaplan.progress.models import CurrentProgress, ProgressUpdate, ReportingRound
from itaplan.progress.services import default_rounds
from itaplan.results.models import IndicatorScore, ItemScore, Result

PREFIX = "[สังเคราะห์]"
CODE_PREFIX = "SYN-"
BATCH = 2000

#: The year the distribution is tuned to: the NACC reported a national mean of
#: about 93.8 and 94.17 % of 8,317 agencies at or above 85 for FY2568.
ANCHOR_YEAR = 2568
#: Points lost per year before the anchor year (results rose year after year).
YEARLY_RISE = 1.2

#: Share of agencies of each kind, close to the count of Thai local governments.
KIND_SHARES: tuple[tuple[str, float], ...] = (
    (Agency.Kind.CITY_MUNICIPALITY, 0.0036),
    (Agency.Kind.TOWN_MUNICIPALITY, 0.0235),
    (Agency.Kind.SUBDISTRICT_MUNICIPALITY, 0.27),
    (Agency.Kind.OTHER, 0.054),
    (Agency.Kind.SAO, 0.6489),
)
SHORT_NAMES = {
    Agency.Kind.SAO: "อบต.",
    Agency.Kind.SUBDISTRICT_MUNICIPALITY: "ทต.",
    Agency.Kind.TOWN_MUNICIPALITY: "ทม.",
    Agency.Kind.CITY_MUNICIPALITY: "ทน.",
    Agency.Kind.PAO: "อบจ.",
    Agency.Kind.OTHER: "หน่วยงาน",
}


def synthetic_agencies() -> QuerySet[Agency]:
    return Agency.objects.filter(is_synthetic=True)


def chosen_years(count: int) -> list[int]:
    """The last ``count`` fiscal years that have a criteria file."""
    years = available_years()
    if not 1 <= count <= len(years):
        raise ValueError(f"--years ต้องอยู่ระหว่าง 1 ถึง {len(years)} (มีเกณฑ์ปี {years[0]}–{years[-1]})")
    return years[-count:]


# --- the tree ------------------------------------------------------------------------


def _clamp(value: float, low: float, high: float) -> float:
    return min(high, max(low, value))


def create_tree(count: int, rng: random.Random) -> list[Agency]:
    """Synthetic provinces, districts and ``count`` agencies, created in bulk."""
    n_provinces = int(_clamp(math.ceil(count / 108), 2, 77))
    per_province = int(_clamp(round(count / n_provinces / 9.5), 1, 12))
    provinces = Province.objects.bulk_create(
        Province(name=f"{PREFIX} จังหวัดสมมติ {p:02d}") for p in range(1, n_provinces + 1)
    )
    districts = District.objects.bulk_create(
        District(province=province, name=f"{PREFIX} อำเภอสมมติ {p:02d}-{d:02d}")
        for p, province in enumerate(provinces, start=1)
        for d in range(1, per_province + 1)
    )
    first_district = {d.province_id: d for d in reversed(districts)}
    kinds, weights = zip(*KIND_SHARES, strict=True)
    agencies: list[Agency] = []
    for number in range(1, count + 1):
        if number <= n_provinces and count >= 3 * n_provinces:
            kind, district = Agency.Kind.PAO, first_district[provinces[number - 1].pk]
        else:
            kind, district = rng.choices(kinds, weights)[0], rng.choice(districts)
        agencies.append(
            Agency(
                code=f"{CODE_PREFIX}{number:06d}",
                name=f"{PREFIX} {SHORT_NAMES[kind]}สมมติ {number:04d}",
                kind=kind,
                district=district,
                thai_digits=rng.random() < 0.7,
                is_synthetic=True,
            )
        )
    return Agency.objects.bulk_create(agencies, batch_size=BATCH)


# --- scores --------------------------------------------------------------------------


@dataclass(frozen=True)
class Traits:
    """What stays with an agency from year to year."""

    quality: float  # standard normal: how good its staff and public think it is
    oit_risk: float  # 0–1: low means it tends to publish little on its website


def traits(seed: int, agency: Agency) -> Traits:
    rng = random.Random(f"{seed}:{agency.code}")
    return Traits(rng.gauss(0, 1), rng.random())


def _oit_indicator(rng: random.Random, tail: bool, low: float, high: float) -> float:
    if tail:
        return rng.uniform(low, high)
    if rng.random() < 0.45:
        return 100.0
    return _clamp(100 - rng.expovariate(1 / 3.2), 70, 100)


def draw_scores(framework: Framework, seed: int, agency: Agency, trait: Traits) -> dict[int, float]:
    """Indicator scores of one agency for one year, two decimals like the NACC prints them."""
    year = framework.fiscal_year
    rng = random.Random(f"{seed}:{agency.code}:{year}")
    shift = (
        -YEARLY_RISE * (ANCHOR_YEAR - year) if year < ANCHOR_YEAR else 0.3 * (year - ANCHOR_YEAR)
    )
    tail_chance = 0.061 + 0.01 * max(0, ANCHOR_YEAR - year)
    tail_chance *= 3.0 if trait.oit_risk < 0.15 else 0.6
    tail = rng.random() < tail_chance
    year_form = rng.gauss(0, 1.3)  # a good or bad year for this agency
    scores: dict[int, float] = {}
    for ind in framework.indicators:
        if ind.tool == "IIT":
            value = 94.1 + shift + 2.0 * trait.quality + year_form + rng.gauss(0, 2.6)
            value = _clamp(value, 55, 100)
        elif ind.tool == "EIT":
            value = 91.8 + shift + 2.0 * trait.quality + year_form + rng.gauss(0, 3.0)
            value = _clamp(value, 50, 100)
        else:
            first = ind.number == framework.indicators_of("OIT")[0].number
            value = _oit_indicator(rng, tail, 5, 70) if first else _oit_indicator(rng, tail, 10, 85)
        scores[ind.number] = round(value, 2)
    return scores


def _coverage(year: int, latest: int) -> float:
    """Share of agencies with a result: a few late in the newest year and in old ones."""
    if year == latest:
        return 0.975
    return 0.995 if year >= ANCHOR_YEAR - 1 else 0.985


def insert_results(
    agencies: Sequence[Agency], framework: Framework, seed: int, latest: int
) -> list[Result]:
    """One year's results for the agencies, scored by the engine and written in bulk."""
    year = framework.fiscal_year
    coverage = _coverage(year, latest)
    results: list[Result] = []
    scores: list[dict[int, float]] = []
    for agency in agencies:
        rng = random.Random(f"{seed}:{agency.code}:{year}:present")
        if rng.random() > coverage:
            continue
        values = draw_scores(framework, seed, agency, traits(seed, agency))
        assessment = assess(framework, values)
        results.append(
            Result(
                agency=agency,
                fiscal_year=year,
                source=Result.Source.SPREADSHEET,
                source_name=f"ข้อมูลสังเคราะห์ (demo_synthetic seed {seed})",
                computed_total=assessment.total,
                computed_level=assessment.level or "",
                computed_iit=assessment.tools.get("IIT"),
                computed_eit=assessment.tools.get("EIT"),
                computed_oit=assessment.tools.get("OIT"),
            )
        )
        scores.append(values)
    Result.objects.bulk_create(results, batch_size=BATCH)
    IndicatorScore.objects.bulk_create(
        (
            IndicatorScore(
                result=result,
                number=number,
                score=score,
                fiscal_year=result.fiscal_year,
                is_current=result.is_current,
            )
            for result, values in zip(results, scores, strict=True)
            for number, score in values.items()
        ),
        batch_size=5 * BATCH,
    )
    return results


# --- plans ---------------------------------------------------------------------------

#: Plan status mix: the plan for the newest results is still being written.
OPEN_PLAN_MIX = ((None, 0.22), ("draft", 0.33), ("submitted", 0.13), ("approved", 0.32))
CLOSED_PLAN_MIX = ((None, 0.03), ("draft", 0.03), ("submitted", 0.02), ("approved", 0.92))


def insert_plans(
    results: Sequence[Result], seed: int, open_year: bool, with_measures: bool
) -> tuple[list[Plan], list[Measure]]:
    """Plans answering these results (plan year = results year + 1), some with measures."""
    if not results:
        return [], []
    plan_year = results[0].fiscal_year + 1
    start, end = fiscal_year_bounds(plan_year)
    approved_on = start + dt.timedelta(days=45)
    stamp = timezone.make_aware(dt.datetime.combine(start + dt.timedelta(days=30), dt.time(10)))
    mix = OPEN_PLAN_MIX if open_year else CLOSED_PLAN_MIX
    statuses, weights = zip(*mix, strict=True)
    rng = random.Random(f"{seed}:plans:{plan_year}")
    plans: list[Plan] = []
    for result in results:
        status = rng.choices(statuses, weights)[0]
        if status is None:
            continue
        approved = status == Plan.Status.APPROVED
        plans.append(
            Plan(
                agency_id=result.agency_id,
                fiscal_year=plan_year,
                result=result,
                status=status,
                submitted_at=stamp if status != Plan.Status.DRAFT else None,
                approver_name=f"{PREFIX} ผู้บริหารสมมติ" if approved else "",
                approver_position="ผู้บริหารท้องถิ่น" if approved else "",
                approved_at=approved_on if approved else None,
            )
        )
    Plan.objects.bulk_create(plans, batch_size=BATCH)
    if not with_measures:
        return plans, []
    scores = _scores_of([p.result_id for p in plans if p.result_id])
    measures: list[Measure] = []
    for plan in plans:
        weakest = sorted(scores.get(plan.result_id or 0, {}).items(), key=lambda kv: kv[1])
        for order, (number, _score) in enumerate(weakest[: rng.randint(3, 5)], start=1):
            measures.append(
                Measure(
                    plan=plan,
                    order=order,
                    title=f"{PREFIX} มาตรการยกระดับตัวชี้วัดที่ {number}",
                    indicator=number,
                    analysis="ข้อมูลสังเคราะห์สำหรับทดสอบระบบ",
                    monitoring="รายงานผลต่อผู้บริหารทุก 6 เดือน",
                    start_date=start,
                    # Some measures are due early in the year, so some are overdue.
                    end_date=start + dt.timedelta(days=45) if rng.random() < 0.15 else end,
                    reporting_dates=[(start + dt.timedelta(days=182)).isoformat(), end.isoformat()],
                )
            )
    Measure.objects.bulk_create(measures, batch_size=BATCH)
    MeasureStep.objects.bulk_create(
        (
            MeasureStep(measure=m, order=k, text=f"ขั้นตอนที่ {k} (สังเคราะห์)")
            for m in measures
            for k in (1, 2)
        ),
        batch_size=5 * BATCH,
    )
    return plans, measures


#: How a measure stands at the end of a finished year, and at the first round of the
#: year under way: (status, lowest percent, highest percent, weight); ``None``: no update.
FINISHED_YEAR_MIX = (
    ("done", 100, 100, 0.68),
    ("in_progress", 60, 95, 0.14),
    ("cancelled", 0, 60, 0.03),
    ("not_started", 0, 0, 0.03),
    (None, 0, 0, 0.12),
)
YEAR_UNDER_WAY_MIX = (
    ("in_progress", 10, 60, 0.35),
    ("done", 100, 100, 0.05),
    ("not_started", 0, 0, 0.10),
    (None, 0, 0, 0.50),
)


def insert_progress(measures: Sequence[Measure], seed: int, today: dt.date) -> int:
    """Reporting rounds and progress updates for the approved plans among the measures'.

    A plan year already over gets both rounds approved and most measures done; the
    year under way has its first round open with some measures reported. Returns
    the number of updates.
    """
    approved = [m for m in measures if m.plan.status == Plan.Status.APPROVED]
    plans = {m.plan_id: m.plan for m in approved}
    this_year = fiscal_year_of(today)
    rounds: dict[int, list[ReportingRound]] = {}
    for plan in plans.values():
        finished = plan.fiscal_year < this_year
        rounds[plan.pk] = [
            ReportingRound(
                plan=plan,
                order=order,
                name=name,
                end_date=end,
                status="approved" if finished else "open",
                approver_name=f"{PREFIX} ผู้บริหารสมมติ" if finished else "",
                approver_position="ผู้บริหารท้องถิ่น" if finished else "",
                approved_at=end + dt.timedelta(days=10) if finished else None,
            )
            for order, (name, end) in enumerate(default_rounds(plan.fiscal_year), start=1)
            if finished or end >= today or order == 1
        ]
    ReportingRound.objects.bulk_create(
        [r for plan_rounds in rounds.values() for r in plan_rounds], batch_size=BATCH
    )
    rng = random.Random(f"{seed}:progress")
    updates: list[ProgressUpdate] = []
    for measure in approved:
        plan_rounds = rounds[measure.plan_id]
        finished = measure.plan.fiscal_year < this_year
        mix = FINISHED_YEAR_MIX if finished else YEAR_UNDER_WAY_MIX
        status, low, high, _ = rng.choices(mix, [w for *_, w in mix])[0]
        if status is None:
            continue
        if finished and status != "not_started":
            # Halfway at six months, then where it ended at twelve.
            updates.append(_update(measure, plan_rounds[0], "in_progress", rng.randint(30, 60)))
        final_round = plan_rounds[-1] if finished else plan_rounds[0]
        updates.append(_update(measure, final_round, status, rng.randint(low, high)))
    ProgressUpdate.objects.bulk_create(updates, batch_size=5 * BATCH)
    # bulk_create sends no signals: keep each measure's current progress by hand.
    current.refresh(update.measure_id for update in updates)
    return len(updates)


def _update(measure: Measure, round_: ReportingRound, status: str, percent: int) -> ProgressUpdate:
    return ProgressUpdate(
        measure=measure,
        round=round_,
        status=status,
        percent=100 if status == "done" else percent,
        done_text=f"{PREFIX} ผลการดำเนินงานสมมติ" if status != "not_started" else "",
        cancel_reason=f"{PREFIX} เหตุผลสมมติ" if status == "cancelled" else "",
    )


def _scores_of(result_ids: list[int]) -> dict[int, dict[int, float]]:
    found: dict[int, dict[int, float]] = {}
    for start in range(0, len(result_ids), 5 * BATCH):
        chunk = result_ids[start : start + 5 * BATCH]
        for result_id, number, score in IndicatorScore.objects.filter(
            result_id__in=chunk
        ).values_list("result_id", "number", "score"):
            found.setdefault(result_id, {})[number] = score
    return found


# --- the whole data set ---------------------------------------------------------------


@dataclass(frozen=True)
class YearSummary:
    year: int
    results: int
    mean_total: float
    pass_rate: float
    plans: int
    measures: int
    updates: int


def _raw_delete(queryset: QuerySet) -> None:  # type: ignore[type-arg]
    """Delete rows with one statement: for the large leaf tables nothing else points to."""
    sql, params = queryset.values("pk").query.sql_with_params()
    meta = queryset.model._meta
    table, pk = connection.ops.quote_name(meta.db_table), connection.ops.quote_name(meta.pk.column)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE {pk} IN ({sql})", params)


def remove_synthetic() -> int:
    """Delete every synthetic agency with its data, districts and provinces; returns the count."""
    agencies = synthetic_agencies()
    count = agencies.count()
    with transaction.atomic(), disable_auditlog():
        _raw_delete(IndicatorScore.objects.filter(result__agency__is_synthetic=True))
        _raw_delete(ItemScore.objects.filter(result__agency__is_synthetic=True))
        _raw_delete(MeasureStep.objects.filter(measure__plan__agency__is_synthetic=True))
        _raw_delete(CurrentProgress.objects.filter(measure__plan__agency__is_synthetic=True))
        # The rest through the ORM, so whatever other apps attach to them goes too.
        agencies.delete()
        District.objects.filter(name__startswith=PREFIX, agencies__isnull=True).delete()
        Province.objects.filter(name__startswith=PREFIX, districts__isnull=True).delete()
    return count


def generate(
    count: int,
    years: Sequence[int],
    seed: int = 1,
    progress: Callable[[str], None] = lambda _: None,
) -> list[YearSummary]:
    """Create the synthetic country in one transaction; refuses if one exists already."""
    if synthetic_agencies().exists():
        raise ValueError("มีข้อมูลสังเคราะห์อยู่แล้ว ใช้ --replace เพื่อลบแล้วสร้างใหม่")
    rng = random.Random(seed)
    summaries: list[YearSummary] = []
    with transaction.atomic():
        agencies = create_tree(count, rng)
        progress(f"สร้างหน่วยงานสังเคราะห์ {len(agencies)} แห่ง")
        latest = max(years)
        for year in sorted(years):
            framework = load(year)
            results = insert_results(agencies, framework, seed, latest)
            plans, measures = insert_plans(
                results, seed, open_year=year == latest, with_measures=year >= latest - 1
            )
            updates = insert_progress(measures, seed, timezone.localdate())
            totals = [r.computed_total for r in results if r.computed_total is not None]
            summary = YearSummary(
                year=year,
                results=len(results),
                mean_total=sum(totals) / len(totals) if totals else 0.0,
                pass_rate=100
                * sum(t >= framework.data.pass_mark for t in totals)
                / max(1, len(totals)),
                plans=len(plans),
                measures=len(measures),
                updates=updates,
            )
            summaries.append(summary)
            progress(
                f"ปี {year}: ผล {summary.results} แห่ง เฉลี่ย {summary.mean_total:.2f} "
                f"ผ่าน {summary.pass_rate:.2f}% แผน {summary.plans} มาตรการ {summary.measures} "
                f"รายงานความก้าวหน้า {updates}"
            )
    refresh_statistics()
    return summaries


def refresh_statistics() -> None:
    """Let PostgreSQL's planner see the bulk-loaded rows now rather than at the next autovacuum."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return
    tables = [
        model._meta.db_table
        for model in (
            Agency,
            District,
            Province,
            Result,
            IndicatorScore,
            Plan,
            Measure,
            MeasureStep,
            ReportingRound,
            ProgressUpdate,
            CurrentProgress,
        )
    ]
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE " + ", ".join(connection.ops.quote_name(t) for t in tables))
