"""``manage.py demo_synthetic``: a small run is complete, scored by the engine and labelled."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from itaplan.agencies.models import Agency, District, Province
from itaplan.domain.criteria import available_years, load
from itaplan.domain.scoring import assess
from itaplan.plans.models import Measure, Plan
from itaplan.progress.models import CurrentProgress
from itaplan.progress.selectors import current_updates
from itaplan.results.models import IndicatorScore, Result
from itaplan.supervision.synthetic import CODE_PREFIX, PREFIX

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_run(db: None) -> None:
    call_command("demo_synthetic", agencies=30, years=2, seed=7, stdout=None)


def test_it_labels_everything_it_creates_as_synthetic(small_run: None) -> None:
    agencies = Agency.objects.all()
    assert agencies.count() == 30
    assert all(a.is_synthetic for a in agencies)
    assert all(a.name.startswith(PREFIX) and a.code.startswith(CODE_PREFIX) for a in agencies)
    assert all(p.name.startswith(PREFIX) for p in Province.objects.all())
    assert all(d.name.startswith(PREFIX) for d in District.objects.all())
    assert Province.objects.count() >= 2
    assert all(p.approver_name.startswith(PREFIX) for p in Plan.objects.filter(status="approved"))
    assert all(m.title.startswith(PREFIX) for m in Measure.objects.all())


def test_it_writes_results_for_the_last_years_with_criteria(small_run: None) -> None:
    years = set(Result.objects.values_list("fiscal_year", flat=True))
    assert years == set(available_years()[-2:])
    assert Result.objects.count() >= 50  # a few agencies may be late
    assert IndicatorScore.objects.count() == 10 * Result.objects.count()


def test_its_cached_totals_are_the_engines(small_run: None) -> None:
    for result in Result.objects.prefetch_related("indicator_scores")[:20]:
        values = {s.number: s.score for s in result.indicator_scores.all()}
        assessment = assess(load(result.fiscal_year), values)
        assert result.computed_total == pytest.approx(assessment.total)
        assert result.computed_level == assessment.level
        assert result.computed_oit == pytest.approx(assessment.tools["OIT"])


def test_it_mixes_plan_statuses(small_run: None) -> None:
    statuses = set(Plan.objects.values_list("status", flat=True))
    assert {"draft", "approved"} <= statuses
    assert all(p.fiscal_year == p.result.fiscal_year + 1 for p in Plan.objects.all())


def test_its_bulk_progress_has_each_measures_current_progress(small_run: None) -> None:
    """bulk_create sends no signals: the loader fills CurrentProgress itself, by the same rule."""
    measures = list(Measure.objects.filter(progress_updates__isnull=False).distinct())
    assert measures
    expected = {pk: (u.pk, u.status) for pk, u in current_updates(measures).items()}
    rows = {
        measure_id: (update_id, status)
        for measure_id, update_id, status in CurrentProgress.objects.values_list(
            "measure_id", "update_id", "status"
        )
    }
    assert rows == expected
    call_command("demo_synthetic", remove=True, stdout=None)
    assert not CurrentProgress.objects.exists()


def test_it_is_reproducible_with_the_same_seed(small_run: None) -> None:
    before = sorted(Result.objects.values_list("agency__code", "fiscal_year", "computed_total"))
    call_command("demo_synthetic", agencies=30, years=2, seed=7, replace=True, stdout=None)
    after = sorted(Result.objects.values_list("agency__code", "fiscal_year", "computed_total"))
    assert before == after


def test_it_refuses_to_run_twice_without_replace(small_run: None) -> None:
    with pytest.raises(CommandError, match="--replace"):
        call_command("demo_synthetic", agencies=30, years=2, stdout=None)


def test_remove_leaves_real_agencies_alone(small_run: None) -> None:
    province = Province.objects.create(name="จริง")
    district = District.objects.create(province=province, name="จริง")
    real = Agency.objects.create(code="REAL", name="อบต.จริง", district=district)
    call_command("demo_synthetic", remove=True, stdout=None)
    assert list(Agency.objects.all()) == [real]
    assert list(Province.objects.all()) == [province]
    assert not Result.objects.exists()
    assert not Plan.objects.exists()


def test_it_rejects_more_years_than_there_are_criteria(db: None) -> None:
    with pytest.raises(CommandError, match="--years"):
        call_command("demo_synthetic", agencies=5, years=99, stdout=None)
