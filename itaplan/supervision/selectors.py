"""Reading a subtree of agencies for the supervision dashboard.

Built to stay fast at national scale (8,300 agencies × 6 years): every figure is
aggregated in the database, the table is one query for the page's agencies (each
row's current result, last year's total and plan status joined in) plus one
query for the indicator scores of those rows. The number of queries does not
depend on the number of agencies.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import (
    Avg,
    Count,
    F,
    FilteredRelation,
    OrderBy,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Window,
)
from django.db.models.functions import Coalesce, Rank
from django.utils.translation import gettext_lazy

from itaplan.agencies.models import Agency
from itaplan.domain.criteria import Framework, ScoreClass, available_years, load
from itaplan.domain.thai import format_score
from itaplan.plans.models import Measure, Plan
from itaplan.progress.models import ProgressUpdate, ReportingRound
from itaplan.results.models import IndicatorScore, Result
from itaplan.supervision.access import Subtree
from itaplan.supervision.forms import Filters

PAGE_SIZE = 50
#: How many indicators the "most often urgent" list shows.
URGENT_TOP = 5
NO_PLAN = "none"
PLAN_STATUS_LABELS = {NO_PLAN: gettext_lazy("ยังไม่มีแผน"), **dict(Plan.Status.choices)}


# --- which agencies ------------------------------------------------------------------


def filtered_agencies(subtree: Subtree, filters: Filters) -> QuerySet[Agency]:
    """The agencies of the subtree that the filters keep.

    The whole country unfiltered is left without any condition, so that
    :func:`every_agency` can tell and queries can skip the join to agencies.
    """
    agencies = Agency.objects.all() if subtree.national else subtree.agencies()
    if filters.district is not None:
        agencies = agencies.filter(district=filters.district)
    elif filters.province is not None:
        agencies = agencies.filter(district__province=filters.province)
    if filters.kind:
        agencies = agencies.filter(kind=filters.kind)
    return agencies


def every_agency(agencies: QuerySet[Agency]) -> bool:
    """Whether the query selects every agency (no condition at all)."""
    return not agencies.query.has_filters()


def default_year(agencies: QuerySet[Agency]) -> int:
    """The latest year with a current result in these agencies, else the latest criteria year."""
    # Newest first and stop at the first match: an index scan, not a scan of every year.
    latest = (
        Result.objects.filter(
            is_current=True, agency__in=agencies.values("pk"), fiscal_year__in=available_years()
        )
        .order_by("-fiscal_year")
        .values_list("fiscal_year", flat=True)
        .first()
    )
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
    #: Agencies with a result in both years, and the mean of their own changes.
    paired: int = 0
    paired_change: float | None = None

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


def year_figures(agencies: QuerySet[Agency], framework: Framework) -> tuple[Summary, list[Share]]:
    """Headline figures and the level distribution: two queries.

    One groups the results of the year and of the year before by level, so counts,
    means, passes and levels all come out of it.
    """
    year = framework.fiscal_year
    pass_mark = framework.data.pass_mark
    # Each agency's own change, for those with a result in both years: unlike the
    # change of the means, it does not move when agencies come or go.
    counted = agencies.annotate(
        this_year=_this_year(year), last_year=_this_year(year - 1)
    ).aggregate(
        n=Count("pk"),
        synthetic=Count("pk", filter=Q(is_synthetic=True)),
        paired=Count("pk", filter=Q(this_year__isnull=False, last_year__isnull=False)),
        paired_change=Avg(F("this_year__computed_total") - F("last_year__computed_total")),
    )
    groups = (
        _results(agencies, year, year - 1)
        .values_list("fiscal_year", "computed_level")
        .annotate(
            n=Count("pk"),
            scored=Count("computed_total"),
            total=Sum("computed_total"),
            passed=Count("pk", filter=Q(computed_total__gte=pass_mark)),
        )
        .order_by()
    )
    counts: dict[str, int] = {}
    now = {"n": 0, "scored": 0, "total": 0.0, "passed": 0}
    before = {"n": 0, "scored": 0, "total": 0.0}
    for fiscal_year, level, n, scored, total, passed in groups:
        into = now if fiscal_year == year else before
        into["n"] += n
        into["scored"] += scored
        into["total"] += total or 0.0
        if fiscal_year == year:
            now["passed"] += passed
            counts[level] = n
    figures = Summary(
        agencies=counted["n"],
        synthetic=counted["synthetic"],
        with_result=int(now["n"]),
        mean_total=now["total"] / now["scored"] if now["scored"] else None,
        previous_mean_total=before["total"] / before["scored"] if before["scored"] else None,
        previous_with_result=int(before["n"]),
        passed=int(now["passed"]),
        pass_mark=pass_mark,
        paired=counted["paired"],
        paired_change=counted["paired_change"],
    )
    whole = figures.with_result
    levels = [
        Share(lv.label, lv.label, counts.pop(lv.label, 0), whole) for lv in framework.data.levels
    ]
    incomplete = sum(counts.values())  # blank level: a tool or indicator is missing
    if incomplete:
        levels.append(Share("", gettext_lazy("คะแนนไม่ครบ"), incomplete, whole))
    return figures, levels


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
    # The score's own copies of its result's year and current flag: the national view
    # reads the scores' index alone; a narrower view joins to the results for the agency.
    scores = IndicatorScore.objects.filter(fiscal_year=framework.fiscal_year, is_current=True)
    if not every_agency(agencies):
        scores = scores.filter(result__agency__in=agencies.values("pk"))
    # Counted on ``score`` (never null), not the pk: the index holds the score, not the id.
    rows = (
        scores.values("number")
        .annotate(
            mean=Avg("score"),
            scored=Count("score"),
            **{f"n_{key}": Count("score", filter=class_filter(framework, key)) for key in keys},
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


# --- progress of the measures ------------------------------------------------------------

#: Statuses after which nothing more is expected of a measure.
CLOSED = (ProgressUpdate.Status.DONE, ProgressUpdate.Status.CANCELLED)


@dataclass(frozen=True)
class Progress:
    """Measures of approved plans: how many, done, cancelled, overdue."""

    measures: int = 0
    done: int = 0
    cancelled: int = 0
    overdue: int = 0

    @property
    def done_percent(self) -> float | None:
        return 100 * self.done / self.measures if self.measures else None


def _approved_measures(plan_year: int) -> QuerySet[Measure]:
    """Measures of the approved plans in force of the year, each with its current status.

    The current status is that of the newest update of the measure's latest round,
    as :func:`itaplan.progress.selectors.current_updates` has it, read from its
    copy :class:`~itaplan.progress.models.CurrentProgress` with one join (``None``
    for a measure never reported) rather than looked up measure by measure.
    """
    return Measure.objects.filter(
        plan__is_current=True, plan__status=Plan.Status.APPROVED, plan__fiscal_year=plan_year
    ).annotate(latest=F("current_progress__status"))


def progress_summary(agencies: QuerySet[Agency], plan_year: int, today: dt.date) -> Progress:
    """Measures of the subtree's approved plans of the year, done and overdue: one query.

    Grouped by current status so that each measure's status is looked up once.
    """
    rows = (
        _approved_measures(plan_year)
        .filter(plan__agency__in=agencies.values("pk"))
        .values("latest")
        .annotate(n=Count("pk"), past_due=Count("pk", filter=Q(end_date__lt=today)))
        .order_by()
    )
    by_status = {row["latest"]: row for row in rows}
    return Progress(
        measures=sum(row["n"] for row in rows),
        done=by_status.get(ProgressUpdate.Status.DONE, {}).get("n", 0),
        cancelled=by_status.get(ProgressUpdate.Status.CANCELLED, {}).get("n", 0),
        overdue=sum(row["past_due"] for row in rows if row["latest"] not in CLOSED),
    )


def progress_by_agency(
    agency_ids: Iterable[int] | QuerySet[Agency], plan_year: int, today: dt.date
) -> dict[int, Progress]:
    """The same figures for each of some agencies (ids, or a query of their pks): one query.

    Counted in Python from one row per measure, so each measure's current status is
    looked up once (grouping in SQL would repeat the lookup in every count).
    """
    counts: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    rows = (
        _approved_measures(plan_year)
        .filter(plan__agency_id__in=agency_ids)
        .values_list("plan__agency_id", "end_date", "latest")
    )
    for agency_id, end_date, latest in rows:
        count = counts[agency_id]
        count[0] += 1
        count[1] += latest == ProgressUpdate.Status.DONE
        count[2] += latest == ProgressUpdate.Status.CANCELLED
        count[3] += end_date < today and latest not in CLOSED
    return {agency_id: Progress(*count) for agency_id, count in counts.items()}


# --- the table -----------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    """A score in the table with its heat class (``urgent``, ``improve``, ``maintain``)."""

    value: float | None
    css: str

    @property
    def text(self) -> str:
        return "–" if self.value is None else format_score(self.value)


def cell(framework: Framework, value: float | None) -> Cell:
    return Cell(value, "heat-none" if value is None else f"heat-{framework.classify(value).key}")


@dataclass
class Row:
    """One agency in the table: its result of the year, change, indicator scores, plan."""

    agency: Agency
    rank: int | None
    result_id: int | None
    total: Cell
    level: str
    change: float | None
    plan_id: int | None
    plan_status: str
    #: Indicator number → score, for the indicators the result has.
    scores: dict[int, float] = field(default_factory=dict)
    #: One cell per indicator of the year, in number order.
    cells: list[Cell] = field(default_factory=list)
    #: Measures of the approved plan answering this result; ``None`` without one.
    progress: Progress | None = None

    @property
    def plan_label(self) -> str:
        return PLAN_STATUS_LABELS[self.plan_status]


def _ordered(value: F | Subquery, descending: bool) -> OrderBy:
    """Sort by a score that may be missing; agencies without one always come last."""
    return value.desc(nulls_last=True) if descending else value.asc(nulls_last=True)


def _this_year(year: int) -> FilteredRelation:
    return FilteredRelation(
        "results", condition=Q(results__fiscal_year=year, results__is_current=True)
    )


def _change() -> Any:
    """The change from the year before, as the analysis page shows it: against last year's
    stored result, else against the previous total printed in this year's result."""
    return F("this_year__computed_total") - Coalesce(
        F("last_year__computed_total"), F("this_year__previous_total")
    )


def _sort_value(framework: Framework, filters: Filters) -> tuple[Any, set[str]]:
    """What the table is sorted by, and which results it reads (``this_year``, ``last_year``)."""
    number = filters.sort_indicator
    if number is not None and framework.has_indicator(number):
        score = IndicatorScore.objects.filter(result_id=OuterRef("this_year__id"), number=number)
        return Subquery(score.values("score")[:1]), {"this_year"}
    if filters.sort_key == "total":
        return F("this_year__computed_total"), {"this_year"}
    if filters.sort_key == "change":
        return _change(), {"this_year", "last_year"}
    return F("name"), set()


def _sorted(
    agencies: QuerySet[Agency],
    framework: Framework,
    filters: Filters,
    joined: frozenset[str] = frozenset(),
) -> QuerySet[Agency]:
    """The agencies in the table's order, joined only to the results the sort reads.

    Each joined relation holds at most one row per agency (one current result per
    agency and year), so the joins never multiply rows.
    """
    year = framework.fiscal_year
    value, needs = _sort_value(framework, filters)
    relations = {"this_year": _this_year(year), "last_year": _this_year(year - 1)}
    missing = {name: relations[name] for name in sorted(needs - joined)}
    if missing:
        agencies = agencies.annotate(**missing)
    if needs:
        agencies = agencies.annotate(sort_value=value)
        value = F("sort_value")
    return agencies.order_by(_ordered(value, filters.descending), "name", "pk")


def _with_figures(agencies: QuerySet[Agency], year: int) -> QuerySet[Agency]:
    """Agencies with the result of the year, the change from the year before and the plan."""
    return (
        agencies.select_related("district__province")
        .annotate(
            this_year=_this_year(year),
            last_year=_this_year(year - 1),
            plan=FilteredRelation(
                "plans", condition=Q(plans__fiscal_year=year + 1, plans__is_current=True)
            ),
        )
        .annotate(
            result_id=F("this_year__id"),
            total=F("this_year__computed_total"),
            level=F("this_year__computed_level"),
            change=_change(),
            plan_id=F("plan__id"),
            plan_status=F("plan__status"),
        )
    )


def table(agencies: QuerySet[Agency], framework: Framework, filters: Filters) -> QuerySet[Agency]:
    """Every agency of the table, in order, with its figures and rank by total (for the export)."""
    rows = _with_figures(agencies, framework.fiscal_year).annotate(
        rank=Window(Rank(), order_by=_ordered(F("total"), descending=True))
    )
    return _sorted(rows, framework, filters, joined=frozenset({"this_year", "last_year"}))


def year_totals(agencies: QuerySet[Agency], year: int) -> list[float]:
    """Every total of the year in the subtree, ascending (8,300 floats at national scale)."""
    return sorted(
        _results(agencies, year)
        .exclude(computed_total=None)
        .values_list("computed_total", flat=True)
        .order_by()
    )


def rank_of(totals: list[float], total: float) -> int:
    """The rank of a total among ascending ``totals``: 1 is the best, ties share a rank."""
    return len(totals) - bisect.bisect_right(totals, total) + 1


def _row(
    framework: Framework,
    agency: Agency,
    rank: int | None,
    scores: dict[int, float],
    progress: Progress | None,
) -> Row:
    return Row(
        agency=agency,
        rank=rank if agency.total is not None else None,
        result_id=agency.result_id,
        total=cell(framework, agency.total),
        level=agency.level or "",
        change=agency.change,
        plan_id=agency.plan_id,
        plan_status=agency.plan_status or NO_PLAN,
        scores=scores,
        cells=[cell(framework, scores.get(ind.number)) for ind in framework.indicators],
        progress=progress if agency.plan_status == Plan.Status.APPROVED else None,
    )


def page_of_table(
    agencies: QuerySet[Agency],
    framework: Framework,
    filters: Filters,
    figures: SubtreeFigures,
    today: dt.date,
) -> tuple[Page, list[Row]]:
    """One page of the table: four queries whatever the number of agencies.

    The page's agencies are picked by a lean query joined only to what the sort
    needs; their figures, indicator scores and progress are then fetched for those
    fifty alone; ranks come from the subtree's totals.
    """
    year = framework.fiscal_year
    paginator = Paginator(
        _sorted(agencies, framework, filters).values_list("pk", flat=True), PAGE_SIZE
    )
    paginator.count = figures.summary.agencies  # counted with the figures; saves a COUNT
    page = paginator.get_page(filters.page)
    ids = list(page.object_list)
    found = {a.pk: a for a in _with_figures(Agency.objects.filter(pk__in=ids), year)}
    chosen = [found[pk] for pk in ids if pk in found]
    scores: dict[int, dict[int, float]] = defaultdict(dict)
    result_ids = [a.result_id for a in chosen if a.result_id is not None]
    if result_ids:
        for result_id, number, score in IndicatorScore.objects.filter(
            result_id__in=result_ids
        ).values_list("result_id", "number", "score"):
            scores[result_id][number] = score
    progress = progress_by_agency(ids, year + 1, today) if ids else {}
    rows = [
        _row(
            framework,
            a,
            rank_of(figures.totals, a.total) if a.total is not None else None,
            scores.get(a.result_id, {}),
            progress.get(a.pk, Progress()),
        )
        for a in chosen
    ]
    return page, rows


def all_rows(
    agencies: QuerySet[Agency], framework: Framework, filters: Filters, today: dt.date
) -> Iterator[Row]:
    """Every row of the table, in order, for the export: three queries whatever the size."""
    progress = progress_by_agency(agencies.values("pk"), framework.fiscal_year + 1, today)
    scores: dict[int, dict[int, float]] = defaultdict(dict)
    for result_id, number, score in IndicatorScore.objects.filter(
        result__in=_results(agencies, framework.fiscal_year).values("pk")
    ).values_list("result_id", "number", "score"):
        scores[result_id][number] = score
    for agency in table(agencies, framework, filters).iterator(chunk_size=2000):
        yield _row(
            framework,
            agency,
            agency.rank,
            scores.get(agency.result_id, {}),
            progress.get(agency.pk, Progress()),
        )


# --- everything on the page ------------------------------------------------------------


@dataclass(frozen=True)
class Dashboard:
    framework: Framework
    summary: Summary
    levels: list[Share]
    indicators: list[IndicatorStat]
    urgent: list[IndicatorStat]
    plans: list[Share]
    progress: Progress
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


@dataclass(frozen=True)
class SubtreeFigures:
    """Everything the dashboard shows about the whole filtered subtree (not the page)."""

    summary: Summary
    levels: list[Share]
    indicators: list[IndicatorStat]
    plans: list[Share]
    progress: Progress
    #: Every total of the year, ascending, for the ranks of the table.
    totals: list[float]


#: Longest time subtree figures are reused. Any change :func:`data_version` sees
#: refreshes them at once; this bounds the few it cannot see (an agency moved to
#: another district, a measure's end date edited).
FIGURES_TTL = 300


def data_version() -> tuple[object, ...]:
    """A fingerprint that changes when data behind the figures changes: one cheap query.

    Results, agencies and progress updates are added, never rewritten (a replaced
    result is a new row), so their largest id tells; plans and rounds change in
    place and carry ``updated_at``. The measures that count belong to approved
    plans, which are locked. Deletions are left to :data:`FIGURES_TTL`.
    """
    probes = (
        (Result, "MAX({pk})"),
        (Agency, "MAX({pk})"),
        (Plan, "MAX(updated_at)"),
        (ReportingRound, "MAX(updated_at)"),
        (ProgressUpdate, "MAX({pk})"),
    )
    quote = connection.ops.quote_name
    parts = [
        f"(SELECT {column.format(pk=quote(model._meta.pk.column))} "
        f"FROM {quote(model._meta.db_table)})"
        for model, column in probes
    ]
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts))
        return tuple(cursor.fetchone())


def _compute_figures(
    agencies: QuerySet[Agency], framework: Framework, today: dt.date
) -> SubtreeFigures:
    year = framework.fiscal_year
    summary, levels = year_figures(agencies, framework)
    return SubtreeFigures(
        summary=summary,
        levels=levels,
        indicators=indicator_stats(agencies, framework),
        plans=plan_statuses(agencies, year + 1, summary.agencies),
        progress=progress_summary(agencies, year + 1, today),
        totals=year_totals(agencies, year),
    )


def subtree_figures(
    agencies: QuerySet[Agency], framework: Framework, today: dt.date
) -> SubtreeFigures:
    """The subtree's figures, computed once per data version and reused across pages and
    sorts: at national scale they read every result, score and measure of the year."""
    which = (
        data_version(),
        framework.fiscal_year,
        str(agencies.values("pk").query),
        today.isoformat(),
    )
    key = "supervision:figures:" + hashlib.sha256(repr(which).encode()).hexdigest()
    figures = cache.get(key)
    if figures is None:
        figures = _compute_figures(agencies, framework, today)
        cache.set(key, figures, FIGURES_TTL)
    return figures


def dashboard(subtree: Subtree, filters: Filters, today: dt.date) -> Dashboard:
    """Every figure and the table page for the dashboard, in a fixed number of queries."""
    agencies = filtered_agencies(subtree, filters)
    framework = resolve_year(agencies, filters)
    figures = subtree_figures(agencies, framework, today)
    page, rows = page_of_table(agencies, framework, filters, figures, today)
    return Dashboard(
        framework=framework,
        summary=figures.summary,
        levels=figures.levels,
        indicators=figures.indicators,
        urgent=most_urgent(figures.indicators),
        plans=figures.plans,
        progress=figures.progress,
        page=page,
        rows=rows,
    )
