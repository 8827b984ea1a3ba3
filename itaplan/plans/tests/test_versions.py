"""A new version of an approved plan, and next year's plan from unfinished measures."""

from __future__ import annotations

import datetime as dt

import pytest

from itaplan.plans import services
from itaplan.plans.models import Plan
from itaplan.plans.services import PlanError
from itaplan.plans.tests.test_approval import SIGNED
from itaplan.plans.tests.test_measures import measure_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved(plan, people) -> Plan:
    services.add_measure(plan, people.editor, measure_data(plan, title="คู่มือการยืมทรัพย์สิน"))
    services.add_measure(
        plan,
        people.editor,
        measure_data(plan, title="เผยแพร่ข้อมูล o13", start_date=dt.date(2026, 2, 29 - 1)),
    )
    services.submit(plan, people.editor, on=SIGNED)
    return services.approve(plan, people.executive, "นายสมชาย ใจดี", "นายก อบต.", SIGNED)


def test_a_new_version_keeps_the_approved_one_as_it_was(approved, people):
    new = services.reopen_as_new_version(approved, people.editor)
    approved.refresh_from_db()
    assert (approved.is_current, approved.status, approved.version) == (False, "approved", 1)
    assert (new.is_current, new.status, new.version) == (True, "draft", 2)
    assert new.previous_version == approved
    assert new.result == approved.result
    assert list(new.measures.values_list("title", flat=True)) == [
        "คู่มือการยืมทรัพย์สิน",
        "เผยแพร่ข้อมูล o13",
    ]
    copy = new.measures.first()
    services.update_measure(copy, people.editor, measure_data(new, title="แก้ไขในฉบับใหม่"))
    assert approved.measures.first().title == "คู่มือการยืมทรัพย์สิน"
    assert [s.text for s in approved.measures.first().steps.all()] == [
        s.text for s in copy.steps.all()
    ]
    assert approved.approver_name == "นายสมชาย ใจดี"


def test_only_an_approved_current_plan_is_reopened(plan, approved, people):
    draft = services.reopen_as_new_version(approved, people.editor)
    with pytest.raises(PlanError):
        services.reopen_as_new_version(draft, people.editor)
    approved.refresh_from_db()
    with pytest.raises(PlanError):
        services.reopen_as_new_version(approved, people.editor)


def test_the_executive_cannot_open_a_new_version(approved, people):
    with pytest.raises(PlanError):
        services.reopen_as_new_version(approved, people.executive)


def test_next_years_plan_carries_the_chosen_measures_a_year_on(approved, people):
    first, second = approved.measures.all()
    nxt = services.start_next_year_plan(approved, people.editor, [second.pk])
    assert (nxt.fiscal_year, nxt.version, nxt.status) == (2570, 1, "draft")
    carried = nxt.measures.get()
    assert carried.carried_from == second
    assert carried.title == "เผยแพร่ข้อมูล o13"
    assert (carried.start_date, carried.end_date) == (dt.date(2027, 2, 28), dt.date(2027, 3, 31))
    assert carried.reporting_dates == ["2027-03-31", "2027-09-30"]
    assert [u.name for u in carried.units.all()] == ["กองคลัง"]
    assert list(second.carried_to.all()) == [carried]
    assert not first.carried_to.exists()


def test_next_years_plan_answers_next_years_result_when_it_is_entered(approved, people):
    nxt = services.start_next_year_plan(approved, people.editor, [])
    assert nxt.result is None  # no FY2569 result yet
    assert not nxt.measures.exists()


def test_next_years_plan_is_refused_when_it_exists(approved, people):
    services.start_next_year_plan(approved, people.editor, [])
    with pytest.raises(PlanError) as refused:
        services.start_next_year_plan(approved, people.editor, [])
    assert "๒๕๗๐" in refused.value.message


def test_only_measures_of_the_plan_can_be_carried(approved, agency, people):
    other = services.create_plan(agency, 2568, people.editor)
    stray = services.add_measure(
        other,
        people.editor,
        measure_data(
            other, start_date=dt.date(2024, 11, 1), end_date=dt.date(2025, 3, 1), reporting_dates=[]
        ),
    )
    with pytest.raises(PlanError) as refused:
        services.start_next_year_plan(approved, people.editor, [stray.pk])
    assert refused.value.field == "measures"
    assert not Plan.objects.filter(fiscal_year=2570).exists()
