"""The plan pages as an editor and an executive use them."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from itaplan.agencies.models import Agency
from itaplan.domain.thai import format_date, format_date_numeric
from itaplan.plans import services
from itaplan.plans.models import Measure, Plan
from itaplan.plans.tests.test_measures import measure_data

pytestmark = pytest.mark.django_db


def detail_url(plan: Plan) -> str:
    return reverse("plans:detail", args=[plan.agency.code, plan.pk])


def measure_form(plan: Plan, **changes: str | list[str]) -> dict:
    data = {
        "title": "ตรวจสอบการยืมทรัพย์สินทุกไตรมาส",
        "indicator": "4",
        "item_codes": "i10, I12",
        "analysis": "",
        "steps": "1. จัดทำทะเบียนการยืม\n2. ตรวจสอบทุกไตรมาส\n\n- รายงานผู้บริหาร",
        "units": [str(plan.agency.units.get(name="กองคลัง").pk)],
        "start_date": "1/10/2568",
        "end_date": "30/9/2569",
        "monitoring": "รายงานทุกไตรมาส",
        "reporting_dates": ["31/3/2569", "", "๓๐ ก.ย. ๒๕๖๙"],
    }
    data.update(changes)
    return data


def test_the_plan_list_offers_the_plan_of_the_year_after_each_result(client, people, result_2568):
    client.force_login(people.editor)
    page = client.get(reverse("plans:list", args=["samruean"])).content.decode()
    assert "สร้างแผนปี 2569" in page
    client.force_login(people.supervisor)
    page = client.get(reverse("plans:list", args=["samruean"])).content.decode()
    assert "สร้างแผนปี 2569" not in page


def test_creating_a_plan_opens_it(client, people, result_2568):
    client.force_login(people.editor)
    response = client.post(reverse("plans:create", args=["samruean"]), {"fiscal_year": "2569"})
    plan = Plan.objects.get()
    assert response.status_code == 302
    assert response["Location"] == detail_url(plan)
    assert plan.result == result_2568


def test_creating_the_same_plan_twice_says_why_in_thai(client, people, plan):
    client.force_login(people.editor)
    response = client.post(
        reverse("plans:create", args=["samruean"]), {"fiscal_year": "2569"}, follow=True
    )
    assert "มีแผนมาตรการปีงบประมาณ ๒๕๖๙ อยู่แล้ว" in response.content.decode()


def test_the_analysis_page_shows_classes_ranking_lowest_and_the_chart(
    client, people, seed_003_result
):
    client.force_login(people.supervisor)
    page = client.get(reverse("plans:analysis", args=["samruean", 2565])).content.decode()
    assert 'data-indicator="4" data-class="urgent"' in page
    assert 'data-indicator="6" data-class="improve"' in page
    assert "ต่ำสุดของ IIT" in page
    assert "<svg" in page and 'class="pass-line"' in page
    assert "ไม่มีผลปีก่อน" in page
    assert "จัดทำแผนมาตรการ" not in page  # a supervisor does not start plans


def test_the_analysis_of_a_year_without_a_result_is_not_found(client, people):
    client.force_login(people.editor)
    assert client.get(reverse("plans:analysis", args=["samruean", 2560])).status_code == 404


def test_the_plan_page_shows_the_timeframe_in_the_agencys_digits(client, people, plan):
    services.add_measure(plan, people.editor, measure_data(plan))
    client.force_login(people.unit_member)
    page = client.get(detail_url(plan)).content.decode()
    assert "๑ พ.ย. ๖๘ – ๓๑ มี.ค. ๖๙" in page
    assert "ตัวชี้วัดที่ 4 การใช้ทรัพย์สินของราชการ" in page
    assert "89.05" in page
    assert 'data-status="draft"' in page
    assert "แก้ไข</a>" not in page  # a unit member reads only
    Agency.objects.filter(pk=plan.agency.pk).update(thai_digits=False)
    page = client.get(detail_url(plan)).content.decode()
    assert "1 พ.ย. 68 – 31 มี.ค. 69" in page


def test_the_measure_form_adds_a_measure_with_one_step_per_line(client, people, plan):
    client.force_login(people.editor)
    url = reverse("plans:measure_new", args=["samruean", plan.pk])
    form = client.get(url).content.decode()
    assert 'type="date"' not in form  # no Christian-era mm/dd/yyyy box
    assert 'value="๑/๑๐/๒๕๖๘"' in form and "<calendar-date" in form
    response = client.post(url, measure_form(plan))
    measure = Measure.objects.get()
    assert response.status_code == 302
    assert [s.text for s in measure.steps.all()] == [
        "จัดทำทะเบียนการยืม",
        "ตรวจสอบทุกไตรมาส",
        "รายงานผู้บริหาร",
    ]
    assert measure.item_codes == ["i10", "i12"]
    assert measure.reporting_dates == ["2026-03-31", "2026-09-30"]
    assert measure.indicator == 4


def test_the_measure_form_shows_the_thai_message_for_dates_outside_the_year(client, people, plan):
    client.force_login(people.editor)
    url = reverse("plans:measure_new", args=["samruean", plan.pk])
    response = client.post(url, measure_form(plan, start_date="1/10/2567", end_date="30/9/2568"))
    assert response.status_code == 200
    assert "วันที่ต้องอยู่ระหว่าง ๑/๑๐/๒๕๖๘ ถึง ๓๐/๙/๒๕๖๙" in response.content.decode()
    assert not Measure.objects.exists()


def test_the_edit_form_is_filled_and_saves(client, people, plan):
    measure = services.add_measure(plan, people.editor, measure_data(plan))
    client.force_login(people.editor)
    url = reverse("plans:measure_edit", args=["samruean", plan.pk, measure.pk])
    page = client.get(url).content.decode()
    assert "สำรวจทรัพย์สินที่ให้ยืม\nจัดทำคู่มือ" in page
    assert 'value="๑/๑๑/๒๕๖๘"' in page
    client.post(url, measure_form(plan, title="ชื่อใหม่"))
    measure.refresh_from_db()
    assert measure.title == "ชื่อใหม่"


def test_up_down_and_remove_buttons(client, people, plan):
    _, b = (services.add_measure(plan, people.editor, measure_data(plan, title=t)) for t in "AB")
    client.force_login(people.editor)
    client.post(
        reverse("plans:measure_move", args=["samruean", plan.pk, b.pk]), {"direction": "up"}
    )
    assert list(plan.measures.values_list("title", flat=True)) == ["B", "A"]
    client.post(reverse("plans:measure_remove", args=["samruean", plan.pk, b.pk]))
    assert list(plan.measures.values_list("title", flat=True)) == ["A"]


def test_submit_then_the_executive_approves_with_the_form_prefilled(client, people, plan):
    services.add_measure(plan, people.editor, measure_data(plan))
    client.force_login(people.editor)
    client.post(reverse("plans:submit", args=["samruean", plan.pk]))
    plan.refresh_from_db()
    assert plan.status == Plan.Status.SUBMITTED

    client.force_login(people.executive)
    url = reverse("plans:approve", args=["samruean", plan.pk])
    page = client.get(url).content.decode()
    assert 'value="สมชาย ใจดี"' in page
    assert 'value="นายกองค์การบริหารส่วนตำบลสามเรือน"' in page
    client.post(
        url,
        {
            "approver_name": "นายสมชาย ใจดี",
            "approver_position": "นายกองค์การบริหารส่วนตำบลสามเรือน",
            "approved_at": format_date_numeric(timezone.localdate(), thai_digits=False),
        },
    )
    plan.refresh_from_db()
    assert plan.status == Plan.Status.APPROVED
    page = client.get(detail_url(plan)).content.decode()
    assert 'data-locked="true"' in page
    assert format_date(timezone.localdate()) in page

    client.force_login(people.editor)
    page = client.get(detail_url(plan)).content.decode()
    assert "measure_edit" not in page and "/edit/" not in page
    assert "เปิดฉบับใหม่เพื่อแก้ไข" in page


def test_an_approval_in_the_future_is_shown_beside_the_date(client, people, plan):
    services.add_measure(plan, people.editor, measure_data(plan))
    services.submit(plan, people.editor)
    client.force_login(people.executive)
    tomorrow = dt.date.today() + dt.timedelta(days=2)
    response = client.post(
        reverse("plans:approve", args=["samruean", plan.pk]),
        {
            "approver_name": "ก",
            "approver_position": "ข",
            "approved_at": format_date_numeric(tomorrow),
        },
    )
    assert response.status_code == 200
    assert "ต้องไม่เป็นวันในอนาคต" in response.content.decode()


def test_new_version_and_next_year_buttons(client, people, plan):
    measure = services.add_measure(plan, people.editor, measure_data(plan))
    services.submit(plan, people.editor, on=dt.date(2025, 10, 15))
    services.approve(plan, people.executive, "นายสมชาย ใจดี", "นายก", dt.date(2025, 10, 20))
    client.force_login(people.editor)
    response = client.post(reverse("plans:new_version", args=["samruean", plan.pk]))
    new = Plan.objects.get(is_current=True)
    assert response["Location"] == detail_url(new)
    assert new.version == 2

    old_page = client.get(detail_url(plan)).content.decode()
    assert "ไม่ใช่ฉบับปัจจุบัน" in old_page

    services.submit(new, people.editor, on=dt.date(2025, 10, 30))
    services.approve(new, people.executive, "นายสมชาย ใจดี", "นายก", dt.date(2025, 11, 1))
    url = reverse("plans:next_year", args=["samruean", new.pk])
    assert "คู่มือการยืม" in client.get(url).content.decode()
    carried = new.measures.get()
    client.post(url, {"measures": [str(carried.pk)]})
    nxt = Plan.objects.get(fiscal_year=2570)
    assert nxt.measures.get().carried_from == carried
    assert carried.carried_from is None and measure.carried_to.count() == 0


def test_suggestions_are_offered_and_added_from_the_knowledge_base(
    client, people, seed_000_result, agency
):
    plan = services.create_plan(agency, 2565, people.editor)
    client.force_login(people.editor)
    page = client.get(detail_url(plan)).content.decode()
    assert 'id="suggestions"' in page
    first_key = page.split('data-template="')[1].split('"')[0]
    client.post(
        reverse("plans:suggestion_add", args=["samruean", plan.pk]), {"template_key": first_key}
    )
    measure = plan.measures.get()
    assert measure.template_key == first_key
    assert measure.steps.count() >= 3
    first, last = plan.bounds
    assert first <= measure.start_date <= measure.end_date <= last
    page = client.get(detail_url(plan)).content.decode()
    assert f'data-template="{first_key}"' not in page


def test_the_ticked_default_plan_is_added_with_one_click(client, people, seed_000_result, agency):
    plan = services.create_plan(agency, 2565, people.editor)
    client.force_login(people.editor)
    page = client.get(detail_url(plan)).content.decode()
    ticked = re.findall(r'name="template_keys" value="([^"]+)" checked', page)
    assert len(ticked) == 10  # seed 000: every indicator is below 100
    client.post(
        reverse("plans:suggestion_add", args=["samruean", plan.pk]), {"template_keys": ticked}
    )
    assert sorted(plan.measures.values_list("indicator", flat=True)) == list(range(1, 11))
    page = client.get(detail_url(plan)).content.decode()
    assert " checked" not in page.split('id="suggestions"')[1]


def approval_page(client, people, plan) -> str:
    """The approval page of ``plan``, submitted with one measure, as the executive sees it."""
    services.add_measure(plan, people.editor, measure_data(plan))
    client.force_login(people.editor)
    client.post(reverse("plans:submit", args=["samruean", plan.pk]))
    client.force_login(people.executive)
    return client.get(reverse("plans:approve", args=["samruean", plan.pk])).content.decode()


def test_the_pages_of_a_fy2569_plan_name_its_documents_o25_and_o26(client, people, plan):
    approve = approval_page(client, people, plan)
    assert "เอกสารมาตรการ (O25)" in approve
    assert "o27" not in approve.lower()  # the menu no longer says o27 for every year


def test_the_approval_date_is_shown_in_the_agencys_digits(client, people, plan):
    page = approval_page(client, people, plan)
    today = timezone.localdate()
    assert f'value="{format_date_numeric(today, thai_digits=True)}"' in page  # samruean: Thai
    Agency.objects.filter(pk=plan.agency.pk).update(thai_digits=False)
    page = client.get(reverse("plans:approve", args=["samruean", plan.pk])).content.decode()
    assert f'value="{format_date_numeric(today, thai_digits=False)}"' in page
