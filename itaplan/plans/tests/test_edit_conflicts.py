"""No lost update: a save based on a stale form is refused and says what changed."""

from __future__ import annotations

import html
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from itaplan.lib import editlock
from itaplan.plans import services
from itaplan.plans.models import Measure
from itaplan.plans.tests.test_measures import measure_data
from itaplan.plans.tests.test_pages import measure_form


def edit_token(page: str) -> str:
    match = re.search(r'name="edit_token" value="([^"]+)"', page)
    assert match, "no edit token in the form"
    return match[1]


def test_the_later_of_two_measure_edits_is_refused_with_what_changed(client, people, plan):
    measure = services.add_measure(plan, people.editor, measure_data(plan))
    url = reverse("plans:measure_edit", args=["samruean", plan.pk, measure.pk])
    first, second = Client(), Client()
    first.force_login(people.editor)
    second.force_login(people.admin)
    seen_by_first = edit_token(first.get(url).content.decode())
    seen_by_second = edit_token(second.get(url).content.decode())

    saved = second.post(
        url, {**measure_form(plan, title="ชื่อของคนที่สอง"), "edit_token": seen_by_second}
    )
    assert saved.status_code == 302
    stale = first.post(
        url,
        {
            **measure_form(plan, title="ชื่อของคนแรก", monitoring="ทุกเดือน"),
            "edit_token": seen_by_first,
        },
    )
    page = html.unescape(stale.content.decode())
    assert stale.status_code == 200
    assert "มีผู้อื่นบันทึกการแก้ไขมาตรการนี้ระหว่างที่ท่านแก้ไขอยู่" in page
    assert "มาตรการ: จาก 'จัดทำคู่มือการยืมทรัพย์สินของราชการ' เป็น 'ชื่อของคนที่สอง'" in page
    assert 'value="ชื่อของคนแรก"' in page  # what the person typed is kept
    measure.refresh_from_db()
    assert measure.title == "ชื่อของคนที่สอง"

    # Having seen the other change, saving again is the person's informed choice.
    again = first.post(
        url, {**measure_form(plan, title="ชื่อของคนแรก"), "edit_token": edit_token(page)}
    )
    assert again.status_code == 302
    measure.refresh_from_db()
    assert measure.title == "ชื่อของคนแรก"


def test_a_forged_edit_token_is_refused(client, people, plan):
    measure = services.add_measure(plan, people.editor, measure_data(plan))
    client.force_login(people.editor)
    url = reverse("plans:measure_edit", args=["samruean", plan.pk, measure.pk])
    response = client.post(url, {**measure_form(plan, title="x"), "edit_token": "forged"})
    assert "แบบฟอร์มแก้ไขมาตรการไม่สมบูรณ์หรือหมดอายุ" in response.content.decode()
    measure.refresh_from_db()
    assert measure.title != "x"


@pytest.mark.django_db(transaction=True)
def test_the_edit_saves_hold_their_row_locks_in_a_transaction_of_their_own(people, plan):
    # Outside a test's wrapping transaction, as in production: PostgreSQL refuses
    # select_for_update without one (the write load test found this).
    from itaplan.progress import services as progress
    from itaplan.progress.models import ReportingRound

    measure = services.add_measure(plan, people.editor, measure_data(plan))
    services.update_measure(
        measure,
        people.editor,
        measure_data(plan, title="ใหม่"),
        editlock.token(services.measure_snapshot(measure)),
    )
    assert Measure.objects.get(pk=measure.pk).title == "ใหม่"
    services.submit(plan, people.editor)
    plan = services.approve(plan, people.executive, "ก", "ข", timezone.localdate())
    round_ = ReportingRound.objects.filter(plan=plan).order_by("end_date").first()
    progress.update_round(
        round_,
        people.admin,
        "รอบแรก",
        round_.end_date,
        editlock.token(progress.round_snapshot(round_)),
    )
    round_.refresh_from_db()
    assert round_.name == "รอบแรก"
