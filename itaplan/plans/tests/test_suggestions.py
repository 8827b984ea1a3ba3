"""Measures proposed from the knowledge base and adopted into a plan."""

from __future__ import annotations

import datetime as dt

import pytest

from itaplan.plans import services
from itaplan.plans.selectors import suggestion_groups, suggestions_for
from itaplan.plans.services import PlanError
from itaplan.plans.tests.test_measures import measure_data

pytestmark = pytest.mark.django_db


def test_seed_004_suggestions_start_with_indicator_9_aimed_at_o13_its_weakest_item(plan):
    suggestions = suggestions_for(plan)
    assert (suggestions[0].target, suggestions[0].items) == ("indicator 9", ("o13",))
    assert all(s.class_key == "improve" for s in suggestions)  # nothing urgent in 004
    impacts = [s.impact for s in suggestions if s.indicator is not None and s.impact is not None]
    assert impacts == sorted(impacts, reverse=True)


def test_seed_000_urgent_indicators_come_first(agency, people, seed_000_result):
    plan = services.create_plan(agency, 2565, people.editor)
    keys = [s.class_key for s in suggestions_for(plan)]
    assert keys[0] == "urgent"
    assert keys == sorted(keys, key=["urgent", "improve"].index)
    urgent_targets = {s.target for s in suggestions_for(plan) if s.class_key == "urgent"}
    assert {"indicator 6", "indicator 8", "indicator 9", "indicator 10"} <= urgent_targets


def test_adopting_a_suggestion_fills_the_measure_from_its_template(plan, people):
    suggestion = suggestions_for(plan)[0]
    template = suggestion.measure
    measure = services.add_measure_from_suggestion(plan, people.editor, template.key)
    assert measure.template_key == template.key
    assert measure.title == template.title
    assert [s.text for s in measure.steps.all()] == list(template.steps)
    assert (measure.start_date, measure.end_date) == template.timeframe.dates(2569)
    assert (measure.indicator, measure.item_codes) == (9, ["o13"])  # o13 belongs to indicator 9
    assert measure.monitoring == template.monitoring
    assert measure.analysis == suggestion.analysis
    assert measure.reporting_dates == ["2026-03-31", "2026-09-30"]
    # "งานพัสดุ กองคลัง" is matched to the agency's กองคลัง.
    assert "กองคลัง" in template.unit
    assert [u.name for u in measure.units.all()] == ["กองคลัง"]


def test_a_template_in_the_plan_is_neither_offered_nor_added_again(plan, people):
    key = suggestions_for(plan)[0].measure.key
    measure = services.add_measure_from_suggestion(plan, people.editor, key)
    assert key not in {s.measure.key for s in suggestions_for(plan)}
    with pytest.raises(PlanError) as refused:
        services.add_measure_from_suggestion(plan, people.editor, key)
    assert refused.value.field == "template_key"
    # Editing the text keeps the link to the template.
    services.update_measure(measure, people.editor, measure_data(plan, title="ชื่อของหน่วยงานเอง"))
    assert key not in {s.measure.key for s in suggestions_for(plan)}


def test_an_unknown_template_is_refused(plan, people):
    with pytest.raises(PlanError):
        services.add_measure_from_suggestion(plan, people.editor, "2568-no-such-template")


def test_a_plan_without_a_result_has_no_suggestions(agency, people):
    plan = services.create_plan(agency, 2569, people.editor)
    assert suggestions_for(plan) == []
    with pytest.raises(PlanError):
        services.add_measure_from_suggestion(plan, people.editor, "2568-state-property-manual")


def test_suggestions_are_grouped_by_weak_point_with_dates_in_the_plan_year(plan):
    groups = suggestion_groups(plan)
    assert groups[0].first.target == "indicator 9"
    targets = [g.first.target for g in groups]
    assert len(targets) == len(set(targets))
    first, last = dt.date(2025, 10, 1), dt.date(2026, 9, 30)
    for group in groups:
        for row in group.rows:
            assert row.suggestion.target == group.first.target
            assert first <= row.start_date <= row.end_date <= last


def test_the_page_ticks_one_measure_per_indicator_below_100_the_default_plan(plan):
    groups = suggestion_groups(plan)
    ticked = [row.suggestion for group in groups for row in group.rows if row.selected]
    # Seed 004: every indicator but 3 and 10 (both 100) is below 100.
    assert sorted(s.indicator for s in ticked) == [1, 2, 4, 5, 6, 7, 8, 9]
    assert [row.selected for row in groups[0].rows][:2] == [True, False]


def test_an_indicator_the_plan_already_answers_is_not_ticked_again(plan, people):
    services.add_measure_from_suggestion(plan, people.editor, suggestions_for(plan)[0].measure.key)
    ticked = {r.suggestion.indicator for g in suggestion_groups(plan) for r in g.rows if r.selected}
    assert 9 not in ticked
    assert len(ticked) == 7


def test_the_ticked_suggestions_are_added_at_once_in_the_order_suggested(plan, people):
    keys = [r.suggestion.measure.key for g in suggestion_groups(plan) for r in g.rows if r.selected]
    added = services.add_measures_from_suggestions(plan, people.editor, list(reversed(keys)))
    assert [m.template_key for m in added] == keys
    assert [m.indicator for m in plan.measures.all()] == [9, 4, 7, 8, 6, 5, 2, 1]


def test_one_unknown_key_among_the_ticked_adds_nothing(plan, people):
    key = suggestions_for(plan)[0].measure.key
    with pytest.raises(PlanError):
        services.add_measures_from_suggestions(plan, people.editor, [key, "2568-no-such-template"])
    assert not plan.measures.exists()
