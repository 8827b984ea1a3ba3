"""Indicator statistics read the scores' own copies of their result's year and flag.

They must equal a straightforward computation from the current results, and a
replaced version's scores must not count.
"""

from __future__ import annotations

from collections import Counter, defaultdict

import pytest
from django.db.models import QuerySet

from itaplan.agencies.models import Agency
from itaplan.domain.criteria import Framework, load
from itaplan.results.models import IndicatorScore, Result
from itaplan.results.services import save_result
from itaplan.supervision.access import subtree_for
from itaplan.supervision.forms import Filters
from itaplan.supervision.selectors import (
    every_agency,
    filtered_agencies,
    indicator_stats,
    most_urgent,
)
from itaplan.supervision.tests.conftest import YEAR, Country, make_result, scores

pytestmark = pytest.mark.django_db


def expected(
    agencies: QuerySet[Agency], framework: Framework
) -> dict[int, tuple[float | None, dict[str, int], int]]:
    """Mean, class counts and count of each indicator, from the current results one by one."""
    values: dict[int, list[float]] = defaultdict(list)
    for result in Result.objects.filter(
        fiscal_year=framework.fiscal_year, is_current=True, agency__in=agencies
    ):
        for score in IndicatorScore.objects.filter(result=result):
            values[score.number].append(score.score)
    found = {}
    for ind in framework.indicators:
        got = values.get(ind.number, [])
        classes = Counter(framework.classify(v).key for v in got)
        found[ind.number] = (
            sum(got) / len(got) if got else None,
            {cls.key: classes.get(cls.key, 0) for cls in framework.data.classes},
            len(got),
        )
    return found


def computed(
    agencies: QuerySet[Agency], framework: Framework
) -> dict[int, tuple[float | None, dict[str, int], int]]:
    return {s.number: (s.mean, s.counts, s.scored) for s in indicator_stats(agencies, framework)}


def assert_same(agencies: QuerySet[Agency], framework: Framework) -> None:
    got, want = computed(agencies, framework), expected(agencies, framework)
    assert got.keys() == want.keys()
    for number, (mean, counts, scored) in want.items():
        assert got[number][1:] == (counts, scored), number
        assert got[number][0] == pytest.approx(mean), number


@pytest.fixture
def replaced(country: Country) -> Result:
    """Bravo's FY2568 result replaced by a better one: the old, low scores must not count."""
    return save_result(
        country.bravo, YEAR, scores(99, 98, 97), None, None, Result.Source.FORM, None, replace=True
    )


def test_copies_follow_their_result_on_insert_and_replace(
    country: Country, replaced: Result
) -> None:
    for score in IndicatorScore.objects.select_related("result"):
        assert (score.fiscal_year, score.is_current) == (
            score.result.fiscal_year,
            score.result.is_current,
        )
    old = Result.objects.get(agency=country.bravo, fiscal_year=YEAR, is_current=False)
    assert set(old.indicator_scores.values_list("is_current", flat=True)) == {False}
    assert set(replaced.indicator_scores.values_list("is_current", flat=True)) == {True}


def test_saving_a_result_updates_its_scores_copies(country: Country) -> None:
    result = make_result(country.delta, 2566, scores(50, 50, 50))
    result.is_current = False
    result.save()
    assert set(result.indicator_scores.values_list("is_current", flat=True)) == {False}
    Result.objects.filter(pk=result.pk).update(is_current=True, fiscal_year=2565)
    assert set(result.indicator_scores.values_list("fiscal_year", "is_current")) == {(2565, True)}


def test_national_statistics_equal_a_straightforward_computation(
    country: Country, replaced: Result
) -> None:
    agencies = Agency.objects.all()
    assert every_agency(agencies)
    framework = load(YEAR)
    assert_same(agencies, framework)
    # The replaced version's OIT tail (11.58) is gone: nobody is urgent in indicator 9 now.
    by_number = {s.number: s for s in indicator_stats(agencies, framework)}
    assert by_number[9].scored == 5  # alpha, bravo (new version), charlie, echo, foxtrot
    assert all(s.number != 9 or s.urgent < 2 for s in most_urgent(by_number.values()))


def test_narrower_views_equal_a_straightforward_computation(
    country: Country, replaced: Result
) -> None:
    framework = load(YEAR)
    for agencies in (
        Agency.objects.filter(district__province=country.north),
        Agency.objects.filter(district=country.sea),
        Agency.objects.filter(kind=country.alpha.kind),
    ):
        assert not every_agency(agencies)
        assert_same(agencies, framework)
    assert_same(Agency.objects.all(), load(YEAR - 1))


def test_only_the_unfiltered_national_view_skips_the_agencies(
    national, northern, country: Country
) -> None:  # type: ignore[no-untyped-def]
    no_filter = Filters(year=None, province=None, district=None, kind="", sort="", page=1)
    assert every_agency(filtered_agencies(subtree_for(national), no_filter))
    assert not every_agency(filtered_agencies(subtree_for(northern), no_filter))
    by_province = Filters(
        year=None, province=country.south, district=None, kind="", sort="", page=1
    )
    assert not every_agency(filtered_agencies(subtree_for(national), by_province))
