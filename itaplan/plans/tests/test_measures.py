"""Adding, editing, ordering and removing the measures of a draft plan."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from django.db import IntegrityError, transaction

from itaplan.agencies.models import Agency
from itaplan.plans import services
from itaplan.plans.models import Measure, Plan
from itaplan.plans.services import MeasureData, PlanError

pytestmark = pytest.mark.django_db

# Plan of FY2569: 1 Oct 2025 – 30 Sep 2026.
FIRST, LAST = dt.date(2025, 10, 1), dt.date(2026, 9, 30)


def measure_data(plan: Plan, **changes: object) -> MeasureData:
    data = MeasureData(
        title="จัดทำคู่มือการยืมทรัพย์สินของราชการ",
        steps=["สำรวจทรัพย์สินที่ให้ยืม", "จัดทำคู่มือ", "ประกาศใช้และเผยแพร่"],
        start_date=dt.date(2025, 11, 1),
        end_date=dt.date(2026, 3, 31),
        units=[plan.agency.units.get(name="กองคลัง")],
        indicator=4,
        item_codes=["i10"],
        monitoring="รายงานผู้บริหารทุกไตรมาส",
        reporting_dates=[dt.date(2026, 3, 31), dt.date(2026, 9, 30)],
    )
    return replace(data, **changes)


def test_it_adds_a_measure_with_its_steps_in_order(plan, people):
    measure = services.add_measure(plan, people.editor, measure_data(plan))
    assert measure.order == 1
    assert [s.text for s in measure.steps.all()] == [
        "สำรวจทรัพย์สินที่ให้ยืม",
        "จัดทำคู่มือ",
        "ประกาศใช้และเผยแพร่",
    ]
    assert [u.name for u in measure.units.all()] == ["กองคลัง"]
    assert measure.reporting_dates == ["2026-03-31", "2026-09-30"]


def test_it_refuses_the_copied_timeframe_of_seed_004_with_a_thai_message(plan, people):
    # Seed 004 printed "๑ ต.ค. ๖๗ ถึง ๓๐ ก.ย. ๖๘" for one measure of its FY2569 plan.
    copied = measure_data(plan, start_date=dt.date(2024, 10, 1), end_date=dt.date(2025, 9, 30))
    with pytest.raises(PlanError) as refused:
        services.add_measure(plan, people.editor, copied)
    assert refused.value.message == (
        "ระยะเวลาของมาตรการ 'จัดทำคู่มือการยืมทรัพย์สินของราชการ' ต้องอยู่ใน"
        "ปีงบประมาณ ๒๕๖๙ (๑ ต.ค. ๖๘ – ๓๐ ก.ย. ๖๙)"
    )
    assert refused.value.field == "start_date"
    assert not plan.measures.exists()


def test_it_refuses_an_end_date_after_the_fiscal_year(plan, people):
    with pytest.raises(PlanError) as refused:
        services.add_measure(plan, people.editor, measure_data(plan, end_date=dt.date(2026, 10, 1)))
    assert refused.value.field == "end_date"
    assert "ปีงบประมาณ ๒๕๖๙" in refused.value.message


def test_it_accepts_the_first_and_last_day_of_the_fiscal_year(plan, people):
    measure = services.add_measure(
        plan, people.editor, measure_data(plan, start_date=FIRST, end_date=LAST)
    )
    assert (measure.start_date, measure.end_date) == (FIRST, LAST)


def test_it_writes_the_message_in_arabic_digits_for_an_agency_that_uses_them(plan, people):
    Agency.objects.filter(pk=plan.agency.pk).update(thai_digits=False)
    plan.agency.refresh_from_db()
    with pytest.raises(PlanError) as refused:
        services.add_measure(
            plan, people.editor, measure_data(plan, start_date=dt.date(2024, 10, 1))
        )
    assert "ปีงบประมาณ 2569 (1 ต.ค. 68 – 30 ก.ย. 69)" in refused.value.message


def test_it_refuses_an_end_before_the_start(plan, people):
    backwards = measure_data(plan, start_date=dt.date(2026, 5, 1), end_date=dt.date(2026, 4, 1))
    with pytest.raises(PlanError) as refused:
        services.add_measure(plan, people.editor, backwards)
    assert refused.value.field == "end_date"
    assert "วันสิ้นสุดต้องไม่ก่อนวันเริ่ม" in refused.value.message


def test_the_database_refuses_an_end_before_the_start(plan):
    with pytest.raises(IntegrityError), transaction.atomic():
        Measure.objects.create(
            plan=plan, title="x", start_date=dt.date(2026, 5, 1), end_date=dt.date(2026, 4, 1)
        )


def test_it_refuses_a_unit_of_another_agency(plan, people, other_agency):
    foreign = other_agency.units.get()
    with pytest.raises(PlanError) as refused:
        services.add_measure(plan, people.editor, measure_data(plan, units=[foreign]))
    assert refused.value.field == "units"
    assert "ไม่ใช่กอง/สำนักขององค์การบริหารส่วนตำบลสามเรือน" in refused.value.message


def test_it_refuses_a_blank_title_and_a_measure_without_steps(plan, people):
    with pytest.raises(PlanError) as no_title:
        services.add_measure(plan, people.editor, measure_data(plan, title="   "))
    assert no_title.value.field == "title"
    with pytest.raises(PlanError) as no_steps:
        services.add_measure(plan, people.editor, measure_data(plan, steps=["", "  "]))
    assert no_steps.value.field == "steps"


def test_it_refuses_an_indicator_the_results_year_does_not_have(plan, people):
    with pytest.raises(PlanError) as refused:
        services.add_measure(plan, people.editor, measure_data(plan, indicator=11))
    assert refused.value.field == "indicator"
    assert refused.value.message == "ตัวชี้วัด: ปี ๒๕๖๘ ไม่มีตัวชี้วัดที่ 11"


def test_it_makes_item_codes_canonical_and_refuses_unknown_ones(plan, people):
    measure = services.add_measure(
        plan, people.editor, measure_data(plan, item_codes=["O13", "o๘"])
    )
    assert measure.item_codes == ["o13", "o8"]
    with pytest.raises(PlanError) as refused:
        services.add_measure(plan, people.editor, measure_data(plan, item_codes=["o99"]))
    assert refused.value.field == "item_codes"


def test_it_refuses_a_reporting_date_outside_the_year(plan, people):
    late = measure_data(plan, reporting_dates=[dt.date(2026, 10, 15)])
    with pytest.raises(PlanError) as refused:
        services.add_measure(plan, people.editor, late)
    assert refused.value.field == "reporting_dates"


def test_it_updates_a_measure_and_rewrites_its_steps(plan, people):
    measure = services.add_measure(plan, people.editor, measure_data(plan))
    services.update_measure(
        measure,
        people.editor,
        measure_data(plan, title="คู่มือใหม่", steps=["ขั้นเดียว"], units=list(plan.agency.units.all())),
    )
    measure.refresh_from_db()
    assert measure.title == "คู่มือใหม่"
    assert [s.text for s in measure.steps.all()] == ["ขั้นเดียว"]
    assert measure.units.count() == 3


def test_an_update_outside_the_year_changes_nothing(plan, people):
    measure = services.add_measure(plan, people.editor, measure_data(plan))
    with pytest.raises(PlanError):
        services.update_measure(
            measure, people.editor, measure_data(plan, title="x", end_date=dt.date(2027, 1, 1))
        )
    measure.refresh_from_db()
    assert measure.title == "จัดทำคู่มือการยืมทรัพย์สินของราชการ"


def _titles(plan: Plan) -> list[str]:
    return list(plan.measures.values_list("title", flat=True))


def test_it_reorders_measures_and_moves_one_up_and_down(plan, people):
    a, b, c = (
        services.add_measure(plan, people.editor, measure_data(plan, title=t)) for t in "ABC"
    )
    services.reorder_measures(plan, people.editor, [c.pk, a.pk, b.pk])
    assert _titles(plan) == ["C", "A", "B"]
    services.move_measure(Measure.objects.get(pk=b.pk), people.editor, -1)
    assert _titles(plan) == ["C", "B", "A"]
    services.move_measure(Measure.objects.get(pk=c.pk), people.editor, -1)
    assert _titles(plan) == ["C", "B", "A"]


def test_a_reorder_must_name_every_measure_of_the_plan_once(plan, people):
    a = services.add_measure(plan, people.editor, measure_data(plan, title="A"))
    services.add_measure(plan, people.editor, measure_data(plan, title="B"))
    with pytest.raises(PlanError) as refused:
        services.reorder_measures(plan, people.editor, [a.pk, a.pk])
    assert refused.value.field == "order"


def test_removing_a_measure_closes_up_the_order(plan, people):
    first, *_ = (
        services.add_measure(plan, people.editor, measure_data(plan, title=t)) for t in "ABC"
    )
    services.remove_measure(first, people.editor)
    assert list(plan.measures.values_list("title", "order")) == [("B", 1), ("C", 2)]


def test_a_unit_member_or_an_executive_cannot_change_measures(plan, people):
    for person in (people.unit_member, people.executive, people.supervisor, people.outsider):
        with pytest.raises(PlanError):
            services.add_measure(plan, person, measure_data(plan))
    assert not plan.measures.exists()


def test_an_indicator_at_100_takes_one_maintain_measure_and_no_second(plan, people):
    # Seed 004: indicator 3 (การใช้อำนาจ) scored 100, the maintain class.
    first = services.add_measure(
        plan, people.editor, measure_data(plan, indicator=3, item_codes=[])
    )
    with pytest.raises(services.PlanError) as refused:
        services.add_measure(plan, people.editor, measure_data(plan, indicator=3, item_codes=[]))
    assert "ตัวชี้วัดที่ ๓ ได้คะแนนเต็ม (รักษาระดับ)" in str(refused.value)
    assert refused.value.field == "indicator"
    assert plan.measures.count() == 1
    # Editing the one maintain measure is fine, and an improve-class indicator takes several.
    services.update_measure(first, people.editor, measure_data(plan, indicator=3, title="ทบทวน"))
    services.add_measure(plan, people.editor, measure_data(plan))
    services.add_measure(plan, people.editor, measure_data(plan, title="ตรวจสอบการยืม"))
    assert plan.measures.count() == 3
