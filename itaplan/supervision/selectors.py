"""Reading a subtree of agencies for the supervision dashboard.

Built to stay fast at national scale (8,300 agencies × 6 years): every figure is
aggregated in the database, the table is one query for the page's agencies (each
row's current result, last year's total and plan status joined in) plus one
query for the indicator scores of those rows. The number of queries does not
depend on the number of agencies.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import (
    Avg,
    Count,
    F,
    FilteredRelation,
    Max,
    OrderBy,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Window,
)
from django.db.models.functions import Rank

from itaplan.agencies.models import Agency
from itaplan.domain.criteria import Framework, ScoreClass, available_years, load
from itaplan.plans.models import Plan
from itaplan.results.models import IndicatorScore, Result
from itaplan.supervision.access import Subtree
from itaplan.supervision.forms import Filters

PAGE_SIZE = 50
#: How many indicators the "most often urgent" list shows.
URGENT_TOP = 5
NO_PLAN = "none"
PLAN_STATUS_LABELS = {NO_PLAN: "ยังไม่มีแผน", **dict(Plan.Status.choices)}


# --- which agencies ------------------------------------------------------------------


def filtered_agencies(subtree: Subtree, filters: Filters) -> QuerySet[Agency]:
    """The agencies of the subtree that the filters keep."""
    agencies = subtree.agencies()
    if filters.district is not None:
        agencies = agencies.filter(district=filters.district)
    elif filters.province is not None:
        agencies = agencies.filter(district__province=filters.province)
    if filters.kind:
        agencies = agencies.filter(kind=filters.kind)
    return agencies


def default_year(agencies: QuerySet[Agency]) -> int:
    """The latest year with a current result in these agencies, else the latest criteria year."""
    latest = Result.objects.filter(
        is_current=True, agency__in=agencies.values("pk"), fiscal_year__in=available_years()
    ).aggregate(year=Max("fiscal_year"))["year"]
    return int(latest) if latest else available_years()[-1]


def _results(agencies: QuerySet[Agency], *years: int) -> QuerySet[Result]:
    return Result.objects.filter(
        is_current=True, fiscal_year__in=years, agency__in=agencies.values("pk")
    )


# --- figures -------------------------------------------------------------------------


@dataclass(frozen=True)
class Summary:
    """Headline figures of the subtree for one year."""

    agencies: int
    synthetic: int
    with_result: int
    mean_total: float | None
    previous_mean_total: float | None
    previous_with_result: int
    passed: int
    pass_mark: float

    @property
    def without_result(self) -> int:
        return self.agencies - self.with_result

    @property
    def pass_rate(self) -> float | None:
        """Share of the agencies with a result whose total reaches the pass mark, in percent."""
        return 100 * self.passed / self.with_result if self.with_result else None

    @property
    def mean_change(self) -> float | None:
        """Change of the mean total from the year before."""
        if self.mean_total is None or self.previous_mean_total is None:
            return None
        return self.mean_total - self.previous_mean_total


def summary(agencies: QuerySet[Agency], framework: Framework) -> Summary:
    """Counts, mean total (this year and last), pass count: two queries."""
    year = framework.fiscal_year
    pass_mark = framework.data.pass_mark
    counted = agencies.aggregate(n=Count("pk"), synthetic=Count("pk", filter=Q(is_synthetic=True)))
    this_year, last_year = Q(fiscal_year=year), Q(fiscal_year=year - 1)
    figures = _results(agencies, year, year - 1).aggregate(
        with_result=Count("pk", filter=this_year),
        mean=Avg("computed_total", filter=this_year),
        passed=Count("pk", filter=this_year & Q(computed_total__gte=pass_mark)),
        previous_with_result=Count("pk", filter=last_year),
        previous_mean=Avg("computed_total", filter=last_year),
    )
    return Summary(
        agencies=counted["n"],
        synthetic=counted["synthetic"],
        with_result=figures["with_result"],
        mean_total=figures["mean"],
        previous_mean_total=figures["previous_mean"],
        previous_with_result=figures["previous_with_result"],
        passed=figures["passed"],
        pass_mark=pass_mark,
    )


@dataclass(frozen=True)
class Share:
    """A count out of a whole, for distributions."""

    key: str
    label: str
    count: int
    of: int

    @property
    def percent(self) -> float:
        return 100 * self.count / self.of if self.of else 0.0


def level_distribution(agencies: QuerySet[Agency], framework: Framework) -> list[Share]:
    """How many results reached each level of the year's table, best level first."""
    counts = dict(
        _results(agencies, framework.fiscal_year)
        .values_list("computed_level")
        .annotate(n=Count("pk"))
        .order_by()
    )
    whole = sum(counts.values())
    shares = [
        Share(lv.label, lv.label, counts.pop(lv.label, 0), whole) for lv in framework.data.levels
    ]
    incomplete = sum(counts.values())  # blank level: a tool or indicator is missing
    if incomplete:
        shares.append(Share("", "คะแนนไม่ครบ", incomplete, whole))
    return shares


def _class_bounds(framework: Framework) -> list[tuple[ScoreClass, float | None]]:
    """Each score class with the score where the next one starts (``None`` for the last)."""
    classes = sorted(framework.data.classes, key=lambda c: c.min_score)
    uppers: list[float | None] = [c.min_score for c in classes[1:]]
    return list(zip(classes, [*uppers[: len(classes) - 1], None], strict=True))


@dataclass(frozen=True)
class ClassBand:
    """A score class with its range as shown in the legend ("< 85", "85 – < 100", "≥ 100")."""

    key: str
    label: str
    lower: float
    upper: float | None

    @property
    def range_text(self) -> str:
        if self.lower <= 0 and self.upper is not None:
            return f"< {self.upper:g}"
        if self.upper is None:
            return f"≥ {self.lower:g}" if self.lower < 100 else f"{self.lower:g}"
        return f"{self.lower:g} – < {self.upper:g}"


def class_bands(framework: Framework) -> list[ClassBand]:
    """The year's score classes, lowest first, for the legend."""
    return [ClassBand(c.key, c.label, c.min_score, up) for c, up in _class_bounds(framework)]


def class_filter(framework: Framework, key: str, field_name: str = "score") -> Q:
    """Scores of ``field_name`` that fall in the class ``key`` of the year (thresholds are data)."""
    for cls, upper in _class_bounds(framework):
        if cls.key == key:
            condition = Q(**{f"{field_name}__gte": cls.min_score})
            if upper is not None:
                condition &= Q(**{f"{field_name}__lt": upper})
            return condition
    raise KeyError(key)


@dataclass(frozen=True)
class IndicatorStat:
    """One indicator across the subtree: mean score and how many agencies fall in each class."""

    number: int
    name: str
    tool: str
    mean: float | None
    counts: dict[str, int]
    scored: int

    @property
    def urgent(self) -> int:
        return self.counts.get("urgent", 0)

    @property
    def urgent_percent(self) -> float:
        return 100 * self.urgent / self.scored if self.scored else 0.0


def indicator_stats(agencies: QuerySet[Agency], framework: Framework) -> list[IndicatorStat]:
    """Mean and class counts of every indicator of the year, in number order: one query."""
    keys = [cls.key for cls, _ in _class_bounds(framework)]
    rows = (
        IndicatorScore.objects.filter(
            result__in=_results(agencies, framework.fiscal_year).values("pk")
        )
        .values("number")
        .annotate(
            mean=Avg("score"),
            scored=Count("pk"),
            **{f"n_{key}": Count("pk", filter=class_filter(framework, key)) for key in keys},
        )
        .order_by()
    )
    by_number = {row["number"]: row for row in rows}
    stats = []
    for ind in framework.indicators:
        row = by_number.get(ind.number, {})
        stats.append(
            IndicatorStat(
                number=ind.number,
                name=ind.name,
                tool=ind.tool,
                mean=row.get("mean"),
                counts={key: row.get(f"n_{key}", 0) for key in keys},
                scored=row.get("scored", 0),
            )
        )
    return stats


def most_urgent(stats: Iterable[IndicatorStat], limit: int = URGENT_TOP) -> list[IndicatorStat]:
    """The indicators most often in the urgent class, most first (none when nobody is urgent)."""
    urgent = [s for s in stats if s.urgent]
    return sorted(urgent, key=lambda s: (-s.urgent, s.number))[:limit]


def plan_statuses(agencies: QuerySet[Agency], plan_year: int, whole: int) -> list[Share]:
    """How many agencies have no plan, a draft, a submitted or an approved plan for the year."""
    counts = dict(
        Plan.objects.filter(
            is_current=True, fiscal_year=plan_year, agency__in=agencies.values("pk")
        )
        .values_list("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    shares = [Share(NO_PLAN, PLAN_STATUS_LABELS[NO_PLAN], whole - sum(counts.values()), whole)]
    shares += [
        Share(value, label, counts.get(value, 0), whole) for value, label in Plan.Status.choices
    ]
    return shares


# --- the table -----------------------------------------------------------------------


@dataclass
class Row:
    """One agency in the table: its result of the year, change, indicator scores, plan."""

    agency: Agency
    rank: int | None
    result_id: int | None
    total: float | None
    level: str
    change: float | None
    plan_id: int | None
    plan_status: str
    scores: dict[int, float] = field(default_factory=dict)

    @property
    def plan_label(self) -> str:
        return PLAN_STATUS_LABELS[self.plan_status]


def _ordered(value: F | Subquery, descending: bool) -> OrderBy:
    """Sort by a score that may be missing; agencies without one always come last."""
    return value.desc(nulls_last=True) if descending else value.asc(nulls_last=True)


def table(agencies: QuerySet[Agency], framework: Framework, filters: Filters) -> QuerySet[Agency]:
    """The agencies with their result, last year's total, plan status and rank, sorted.

    Each joined relation holds at most one row per agency (one current result per
    agency and year, one current plan), so the joins never multiply rows.
    """
    year = framework.fiscal_year
    rows = (
        agencies.select_related("district__province")
        .annotate(
            this_year=FilteredRelation(
                "results", condition=Q(results__fiscal_year=year, results__is_current=True)
            ),
            last_year=FilteredRelation(
                "results", condition=Q(results__fiscal_year=year - 1, results__is_current=True)
            ),
            plan=FilteredRelation(
                "plans", condition=Q(plans__fiscal_year=year + 1, plans__is_current=True)
            ),
        )
        .annotate(
            result_id=F("this_year__id"),
            total=F("this_year__computed_total"),
            level=F("this_year__computed_level"),
            change=F("this_year__computed_total") - F("last_year__computed_total"),
            plan_id=F("plan__id"),
            plan_status=F("plan__status"),
        )
        .annotate(rank=Window(Rank(), order_by=_ordered(F("total"), descending=True)))
    )
    number = filters.sort_indicator
    key: F | Subquery
    if number is not None and framework.has_indicator(number):
        key = Subquery(
            IndicatorScore.objects.filter(
                result_id=OuterRef("this_year__id"), number=number
            ).values("score")[:1]
        )
        rows = rows.annotate(sort_value=key)
        key = F("sort_value")
    elif filters.sort_key in ("total", "change"):
        key = F(filters.sort_key)
    else:
        key = F("name")
    return rows.order_by(_ordered(key, filters.descending), "name", "pk")


def _row(agency: Agency, scores: dict[int, float]) -> Row:
    return Row(
        agency=agency,
        rank=agency.rank if agency.total is not None else None,
        result_id=agency.result_id,
        total=agency.total,
        level=agency.level or "",
        change=agency.change,
        plan_id=agency.plan_id,
        plan_status=agency.plan_status or NO_PLAN,
        scores=scores,
    )


def page_rows(agencies: Iterable[Agency]) -> list[Row]:
    """Rows for a page of annotated agencies, indicator scores fetched in one query."""
    agencies = list(agencies)
    scores: dict[int, dict[int, float]] = defaultdict(dict)
    ids = [a.result_id for a in agencies if a.result_id is not None]
    if ids:
        for result_id, number, score in IndicatorScore.objects.filter(
            result_id__in=ids
        ).values_list("result_id", "number", "score"):
            scores[result_id][number] = score
    return [_row(a, scores.get(a.result_id, {})) for a in agencies]


def all_rows(agencies: QuerySet[Agency], framework: Framework, filters: Filters) -> Iterator[Row]:
    """Every row of the table, in order, for the export: two queries whatever the size."""
    scores: dict[int, dict[int, float]] = defaultdict(dict)
    for result_id, number, score in IndicatorScore.objects.filter(
        result__in=_results(agencies, framework.fiscal_year).values("pk")
    ).values_list("result_id", "number", "score"):
        scores[result_id][number] = score
    for agency in table(agencies, framework, filters).iterator(chunk_size=2000):
        yield _row(agency, scores.get(agency.result_id, {}))


# --- everything on the page ------------------------------------------------------------


@dataclass(frozen=True)
class Dashboard:
    framework: Framework
    summary: Summary
    levels: list[Share]
    indicators: list[IndicatorStat]
    urgent: list[IndicatorStat]
    plans: list[Share]
    page: Page
    rows: list[Row]

    @property
    def year(self) -> int:
        return self.framework.fiscal_year

    @property
    def bands(self) -> list[ClassBand]:
        return class_bands(self.framework)

    @property
    def urgent_below(self) -> float | None:
        """The score under which an indicator is urgent."""
        return next((b.upper for b in self.bands if b.key == "urgent"), None)

    @property
    def plan_year(self) -> int:
        """Plans answer the results of the year before: results FY2568 → plan FY2569."""
        return self.year + 1


def resolve_year(agencies: QuerySet[Agency], filters: Filters) -> Framework:
    """The criteria of the year asked for, else of the latest year with results."""
    return load(filters.year or default_year(agencies))


def dashboard(subtree: Subtree, filters: Filters) -> Dashboard:
    """Every figure and the table page for the dashboard, in a fixed number of queries."""
    agencies = filtered_agencies(subtree, filters)
    framework = resolve_year(agencies, filters)
    figures = summary(agencies, framework)
    stats = indicator_stats(agencies, framework)
    paginator = Paginator(table(agencies, framework, filters), PAGE_SIZE)
    paginator.count = figures.agencies  # already counted; saves a COUNT over the joins
    page = paginator.get_page(filters.page)
    return Dashboard(
        framework=framework,
        summary=figures,
        levels=level_distribution(agencies, framework),
        indicators=stats,
        urgent=most_urgent(stats),
        plans=plan_statuses(agencies, framework.fiscal_year + 1, figures.agencies),
        page=page,
        rows=page_rows(page.object_list),
    )
