"""Approvals reach people: the executive's inbox, e-mail, reasons, dates, signers, locks."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from itaplan.domain.thai import format_date, format_date_numeric
from itaplan.plans import services
from itaplan.plans.models import Plan, PlanEvent
from itaplan.plans.services import PlanError
from itaplan.plans.tests.test_measures import measure_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def emails(people):
    for person in (people.admin, people.editor, people.executive, people.unit_member):
        person.email = f"{person.username}@samruean.go.th"
        person.save()


def plan_url(plan: Plan, name: str = "detail") -> str:
    return reverse(f"plans:{name}", args=[plan.agency.code, plan.pk])


def test_a_submission_waits_on_the_executives_home_page_and_in_the_menu(
    client, people, plan, emails
):
    services.add_measure(plan, people.editor, measure_data(plan))
    client.force_login(people.editor)
    client.post(plan_url(plan, "submit"))
    (message,) = mail.outbox
    assert message.to == ["mayor@samruean.go.th"]
    assert "รออนุมัติ" in message.subject
    assert plan_url(plan) in message.body

    client.force_login(people.executive)
    home = client.get(reverse("home")).content.decode()
    assert 'id="approvals"' in home
    assert plan_url(plan, "approve") in home
    assert 'class="count"' in home
    # Everyone else sees no inbox.
    client.force_login(people.editor)
    assert 'id="approvals"' not in client.get(reverse("home")).content.decode()


def test_send_back_asks_for_a_reason_that_the_editor_then_reads(client, people, plan, emails):
    services.add_measure(plan, people.editor, measure_data(plan))
    services.submit(plan, people.editor)
    client.force_login(people.executive)
    empty = client.post(plan_url(plan, "send_back"), {"reason": "   "})
    assert empty.status_code == 200
    plan.refresh_from_db()
    assert plan.status == Plan.Status.SUBMITTED

    reason = "มาตรการที่ ๑ ขอให้ระบุวันเริ่มให้ตรงกับแผนจัดซื้อจัดจ้าง"
    client.post(plan_url(plan, "send_back"), {"reason": reason})
    plan.refresh_from_db()
    assert plan.status == Plan.Status.DRAFT
    event = plan.events.last()
    assert (event.kind, event.reason, event.user) == (
        PlanEvent.Kind.SENT_BACK,
        reason,
        people.executive,
    )
    recipients = sorted(r for m in mail.outbox for r in m.to)
    assert recipients == ["admin@samruean.go.th", "editor@samruean.go.th"]
    assert all(reason in m.body for m in mail.outbox)

    client.force_login(people.editor)
    page = client.get(plan_url(plan)).content.decode()
    assert "ผู้บริหารส่งกลับไปแก้ไข" in page
    assert reason in page


def test_the_approval_form_proposes_the_profiles_signer_never_a_login_name(
    client, people, plan, agency
):
    services.add_measure(plan, people.editor, measure_data(plan))
    services.submit(plan, people.editor)
    people.executive.first_name = people.executive.last_name = ""
    people.executive.save()
    client.force_login(people.executive)
    page = client.get(plan_url(plan, "approve")).content.decode()
    assert 'value="mayor"' not in page

    agency.approver_name = "นายสมชาย ใจดี"
    agency.approver_position = "นายกองค์การบริหารส่วนตำบลสามเรือน"
    agency.save()
    page = client.get(plan_url(plan, "approve")).content.decode()
    assert 'value="นายสมชาย ใจดี"' in page
    assert 'value="นายกองค์การบริหารส่วนตำบลสามเรือน"' in page


def test_an_approval_before_the_submission_or_in_the_future_is_refused(people, plan):
    services.add_measure(plan, people.editor, measure_data(plan))
    services.submit(plan, people.editor, on=dt.date(2025, 10, 15))
    sign = lambda day: services.approve(plan, people.executive, "นายสมชาย ใจดี", "นายก", day)  # noqa: E731
    for day, said in (
        (dt.date(1900, 1, 1), "ต้องไม่ก่อนวันที่เสนออนุมัติ (๑๕ ตุลาคม ๒๕๖๘)"),
        (dt.date(2025, 10, 14), "ต้องไม่ก่อนวันที่เสนออนุมัติ"),
        (timezone.localdate() + dt.timedelta(days=1), "ต้องไม่เป็นวันในอนาคต"),
    ):
        with pytest.raises(PlanError) as refused:
            sign(day)
        assert said in refused.value.message
        assert refused.value.field == "approved_at"
    plan.refresh_from_db()
    assert plan.status == Plan.Status.SUBMITTED
    sign(dt.date(2025, 10, 15))
    assert plan.status == Plan.Status.APPROVED


def test_an_approval_e_mails_the_officers(client, people, plan, emails):
    services.add_measure(plan, people.editor, measure_data(plan))
    services.submit(plan, people.editor)
    client.force_login(people.executive)
    today = timezone.localdate()
    client.post(
        plan_url(plan, "approve"),
        {
            "approver_name": "นายสมชาย ใจดี",
            "approver_position": "นายก",
            "approved_at": format_date_numeric(today),
        },
    )
    assert sorted(r for m in mail.outbox for r in m.to) == [
        "admin@samruean.go.th",
        "editor@samruean.go.th",
    ]
    assert "นายสมชาย ใจดี" in mail.outbox[0].body
    history = client.get(plan_url(plan)).content.decode()
    assert 'data-event="submitted"' in history and 'data-event="approved"' in history


@pytest.mark.parametrize("name", ["measure_new", "measure_edit"])
def test_an_approved_plans_edit_page_says_why_and_how_before_any_form(client, people, plan, name):
    measure = services.add_measure(plan, people.editor, measure_data(plan))
    services.submit(plan, people.editor, on=dt.date(2025, 10, 15))
    services.approve(plan, people.executive, "นายสมชาย ใจดี", "นายก", dt.date(2025, 10, 20))
    client.force_login(people.editor)
    args = [plan.agency.code, plan.pk] + ([measure.pk] if name == "measure_edit" else [])
    url = reverse(f"plans:{name}", args=args)
    for method in (client.get, client.post):
        response = method(url, {"title": "แก้ไขทับ", "steps": "ก"})
        page = response.content.decode()
        assert response.status_code == 409
        assert 'data-locked-reason="approved"' in page
        assert format_date(dt.date(2025, 10, 20)) in page
        assert plan_url(plan, "new_version") in page
        assert "<textarea" not in page and 'name="title"' not in page
    measure.refresh_from_db()
    assert measure.title != "แก้ไขทับ"


def test_a_submitted_plans_edit_page_offers_to_withdraw(client, people, plan):
    measure = services.add_measure(plan, people.editor, measure_data(plan))
    services.submit(plan, people.editor)
    client.force_login(people.editor)
    url = reverse("plans:measure_edit", args=[plan.agency.code, plan.pk, measure.pk])
    page = client.get(url).content.decode()
    assert 'data-locked-reason="submitted"' in page
    assert plan_url(plan, "withdraw") in page
