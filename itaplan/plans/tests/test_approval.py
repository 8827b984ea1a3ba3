"""A plan goes draft → submitted → approved by the executive, and is then locked."""

from __future__ import annotations

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.db import IntegrityError, transaction
from django.utils import timezone

from itaplan.plans import services
from itaplan.plans.models import Plan, PlanEvent
from itaplan.plans.services import PlanError
from itaplan.plans.tests.test_measures import measure_data

pytestmark = pytest.mark.django_db

SIGNED = dt.date(2025, 10, 20)
SUBMITTED = dt.date(2025, 10, 15)


@pytest.fixture
def submitted(plan, people) -> Plan:
    services.add_measure(plan, people.editor, measure_data(plan))
    return services.submit(plan, people.editor, on=SUBMITTED)


@pytest.fixture
def approved(submitted, people) -> Plan:
    return services.approve(submitted, people.executive, "นายสมชาย ใจดี", "นายก อบต.สามเรือน", SIGNED)


def test_a_new_plan_answers_the_current_result_of_the_year_before(plan, result_2568):
    assert (plan.fiscal_year, plan.version, plan.status) == (2569, 1, Plan.Status.DRAFT)
    assert plan.result == result_2568
    assert plan.is_current


def test_a_second_plan_for_the_same_year_is_refused(plan, agency, people):
    with pytest.raises(PlanError) as refused:
        services.create_plan(agency, 2569, people.editor)
    assert refused.value.field == "fiscal_year"
    assert "มีแผนมาตรการปีงบประมาณ ๒๕๖๙ อยู่แล้ว" in refused.value.message


def test_the_database_keeps_one_current_plan_per_agency_and_year(plan):
    with pytest.raises(IntegrityError), transaction.atomic():
        Plan.objects.create(agency=plan.agency, fiscal_year=2569, version=2)


def test_a_plan_must_answer_the_result_of_the_year_before(agency, people, result_2568):
    with pytest.raises(PlanError) as refused:
        services.create_plan(agency, 2570, people.editor, result=result_2568)
    assert refused.value.field == "result"


def test_a_plan_without_a_result_in_the_system_can_be_started(agency, people):
    plan = services.create_plan(agency, 2569, people.editor)
    assert plan.result is None


def test_an_empty_plan_cannot_be_submitted(plan, people):
    with pytest.raises(PlanError) as refused:
        services.submit(plan, people.editor)
    assert "ยังไม่มีมาตรการ" in refused.value.message


def test_a_measure_without_a_responsible_unit_cannot_be_submitted(plan, people):
    services.add_measure(plan, people.editor, measure_data(plan, units=[]))
    with pytest.raises(PlanError) as refused:
        services.submit(plan, people.editor)
    assert "ยังไม่ได้ระบุผู้รับผิดชอบ" in refused.value.message
    plan.refresh_from_db()
    assert plan.status == Plan.Status.DRAFT


def test_a_submitted_plan_cannot_be_edited(submitted, people):
    with pytest.raises(PlanError) as refused:
        services.add_measure(submitted, people.editor, measure_data(submitted))
    assert "อยู่ระหว่างเสนออนุมัติ" in refused.value.message


def test_the_executive_approves_with_name_position_and_date(approved, people):
    approved.refresh_from_db()
    assert approved.status == Plan.Status.APPROVED
    assert approved.is_locked
    assert approved.approved_by == people.executive
    assert (approved.approver_name, approved.approver_position, approved.approved_at) == (
        "นายสมชาย ใจดี",
        "นายก อบต.สามเรือน",
        SIGNED,
    )


@pytest.mark.parametrize("role", ["editor", "admin", "unit_member", "supervisor", "outsider"])
def test_only_an_executive_of_the_agency_approves(submitted, people, role):
    with pytest.raises(PlanError) as refused:
        services.approve(submitted, getattr(people, role), "ใครก็ได้", "ปลัด", SIGNED)
    assert refused.value.field == "approver"
    submitted.refresh_from_db()
    assert submitted.status == Plan.Status.SUBMITTED


def test_a_draft_cannot_be_approved(plan, people):
    services.add_measure(plan, people.editor, measure_data(plan))
    with pytest.raises(PlanError) as refused:
        services.approve(plan, people.executive, "นายสมชาย ใจดี", "นายก", SIGNED)
    assert "ต้องเสนออนุมัติก่อน" in refused.value.message


@pytest.mark.parametrize(
    ("name", "position", "date", "field"),
    [
        ("  ", "นายก", SIGNED, "approver_name"),
        ("นายสมชาย ใจดี", "", SIGNED, "approver_position"),
        ("นายสมชาย ใจดี", "นายก", None, "approved_at"),
        ("นายสมชาย ใจดี", "นายก", "tomorrow", "approved_at"),
    ],
)
def test_an_approval_needs_a_name_a_position_and_a_past_date(
    submitted, people, name, position, date, field
):
    if date == "tomorrow":
        date = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(PlanError) as refused:
        services.approve(submitted, people.executive, name, position, date)
    assert refused.value.field == field


def test_editing_an_approved_plan_is_refused_until_a_new_version_is_opened(approved, people):
    measure = approved.measures.get()
    attempts = [
        lambda: services.add_measure(approved, people.editor, measure_data(approved)),
        lambda: services.update_measure(measure, people.editor, measure_data(approved, title="x")),
        lambda: services.remove_measure(measure, people.editor),
        lambda: services.reorder_measures(approved, people.editor, [measure.pk]),
        lambda: services.submit(approved, people.editor),
    ]
    for attempt in attempts:
        with pytest.raises(PlanError) as refused:
            attempt()
        assert "อนุมัติแล้ว แก้ไขไม่ได้ ต้องเปิดฉบับใหม่ก่อน" in refused.value.message
    measure.refresh_from_db()
    assert measure.title == "จัดทำคู่มือการยืมทรัพย์สินของราชการ"


def test_an_approved_plan_cannot_be_approved_again(approved, people):
    with pytest.raises(PlanError):
        services.approve(approved, people.executive, "คนอื่น", "ปลัด", SIGNED)


def test_the_executive_can_send_a_submitted_plan_back_for_changes(submitted, people):
    services.send_back(submitted, people.executive, "ขอให้เพิ่มมาตรการเรื่องการยืมทรัพย์สิน")
    submitted.refresh_from_db()
    assert submitted.status == Plan.Status.DRAFT
    last = submitted.events.last()
    assert (last.kind, last.user, last.reason) == (
        PlanEvent.Kind.SENT_BACK,
        people.executive,
        "ขอให้เพิ่มมาตรการเรื่องการยืมทรัพย์สิน",
    )
    services.add_measure(submitted, people.editor, measure_data(submitted, title="เพิ่มเติม"))


def test_a_unit_member_cannot_withdraw_a_submitted_plan(submitted, people):
    with pytest.raises(PlanError):
        services.return_to_draft(submitted, people.unit_member)


def test_the_audit_log_records_the_approval(approved):
    changes = [e.changes_dict for e in LogEntry.objects.get_for_object(approved)]
    approval = next(c for c in changes if "status" in c and c["status"][1] == "approved")
    assert approval["approver_name"][1] == "นายสมชาย ใจดี"
