"""From seed 004's result to an approved, locked plan, in a real Chromium."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from itaplan.agencies.models import Membership, Unit
from itaplan.agencies.services import grant_role
from itaplan.domain.thai import format_date
from itaplan.lib import browser
from itaplan.lib.browser import screenshot
from itaplan.lib.testing import PASSWORD, make_agency, make_user
from itaplan.plans.models import Plan
from itaplan.plans.tests.conftest import UNIT_NAMES, save_seed_004

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def samruean(transactional_db: None) -> Any:
    agency = make_agency("samruean", "องค์การบริหารส่วนตำบลสามเรือน")
    for name in UNIT_NAMES:
        Unit.objects.create(agency=agency, name=name)
    editor = make_user("nitikan")
    grant_role(editor, agency, Membership.Role.EDITOR)
    mayor = make_user("mayor")
    mayor.first_name, mayor.last_name = "สมชาย", "ใจดี"
    mayor.save()
    membership = grant_role(mayor, agency, Membership.Role.EXECUTIVE)
    membership.position = "นายกองค์การบริหารส่วนตำบลสามเรือน"
    membership.save()
    save_seed_004(agency, editor)
    return agency


def log_in(page: Any, live_server: Any, username: str) -> None:
    browser.log_in(page, live_server.url, username, PASSWORD)


def test_an_editor_plans_from_suggestions_and_the_executive_approves(
    browser_page: Any, live_server: Any, samruean: Any
) -> None:
    page = browser_page
    base = f"{live_server.url}/agency/samruean/plans/"
    log_in(page, live_server, "nitikan")

    page.goto(base + "analysis/2568/")
    screenshot(page, "plans-analysis")
    assert page.locator("tr[data-indicator='4'] .badge").last.inner_text() == "พัฒนาให้ดีขึ้น"
    assert page.locator("tr[data-class='urgent']").count() == 0
    assert "o13" in page.locator("table.impacts tbody tr").first.inner_text() or "o13" in (
        page.locator("table.weak-items tbody tr").first.inner_text()
    )

    page.goto(base)
    screenshot(page, "plans-list")
    page.click("button:has-text('สร้างแผนปี 2569')")
    page.wait_for_selector("#suggestions")
    screenshot(page, "plans-new")
    assert page.locator("article.suggestion").first.get_attribute("data-target") == "indicator 9"
    # The default plan is ticked: one measure for each of the 8 indicators below 100.
    assert page.locator("article.suggestion").first.locator("input:checked").count() == 1
    assert page.locator("article.suggestion input:checked").count() == 8

    # Accept the three measures proposed first (indicator 9, aimed at o13, its weakest item).
    keys = []
    for _ in range(3):
        proposed = page.locator("article.suggestion li[data-template]").first
        keys.append(proposed.get_attribute("data-template"))
        proposed.locator("button:has-text('เพิ่มในแผน')").click()
        page.wait_for_load_state()
    plan = Plan.objects.get(agency=samruean, fiscal_year=2569)
    assert list(plan.measures.values_list("template_key", flat=True)) == keys
    assert page.locator("table.measures tbody tr").count() == 3
    for key in keys:
        assert page.locator(f"article.suggestion [data-template='{key}']").count() == 0
    assert "กองคลัง" in page.locator("table.measures tbody tr").first.inner_text()
    screenshot(page, "plans-suggestions-accepted")

    # Edit the first measure: a copied timeframe from last year is refused in Thai.
    page.locator("table.measures tbody tr").first.locator("a:has-text('แก้ไข')").click()
    page.wait_for_selector("form.measure-form")
    screenshot(page, "plans-measure-form")
    page.fill("#id_title", "รายงานผลการจัดซื้อจัดจ้างประจำปีและเผยแพร่บนเว็บไซต์ (o13)")
    page.fill("#id_start_date", "1/10/2567")
    page.fill("#id_end_date", "30/9/2568")
    page.click("form.measure-form button[type=submit]")
    page.wait_for_selector(".errorlist")
    assert "วันที่ต้องอยู่ระหว่าง ๑/๑๐/๒๕๖๘ ถึง ๓๐/๙/๒๕๖๙" in page.content()
    screenshot(page, "plans-measure-form-error")
    page.fill("#id_start_date", "๑/๑๐/๒๕๖๘")
    page.fill("#id_end_date", "31 มี.ค. 2569")
    page.check("label:has-text('กองช่าง') input")
    page.click("form.measure-form button[type=submit]")
    page.wait_for_selector("table.measures")
    row = page.locator("table.measures tbody tr").first
    assert "รายงานผลการจัดซื้อจัดจ้างประจำปี" in row.inner_text()
    assert "๑ ต.ค. ๖๘ – ๓๑ มี.ค. ๖๙" in row.inner_text()
    assert "กองช่าง" in row.inner_text()

    # Move the second measure to the top, then submit.
    page.locator("table.measures tbody tr").nth(1).locator("button[value=up]").click()
    page.wait_for_load_state()
    assert list(plan.measures.values_list("template_key", flat=True)) == [keys[1], keys[0], keys[2]]
    page.click("button:has-text('เสนอผู้บริหารอนุมัติ')")
    page.wait_for_selector("[data-status='submitted']")
    screenshot(page, "plans-submitted")
    assert page.locator("a:has-text('แก้ไข')").count() == 0

    log_in(page, live_server, "mayor")
    page.goto(f"{base}{plan.pk}/")
    page.click("a:has-text('พิจารณาอนุมัติ')")
    page.wait_for_selector("form.approve-form")
    assert page.input_value("#id_approver_name") == "สมชาย ใจดี"
    assert page.input_value("#id_approver_position") == "นายกองค์การบริหารส่วนตำบลสามเรือน"
    page.fill("#id_approver_name", "นายสมชาย ใจดี")
    # Approved today (on or after the submission a moment ago), typed with the month's name.
    page.fill("#id_approved_at", format_date(timezone.localdate(), thai_digits=False, short=False))
    screenshot(page, "plans-approve")
    page.click("form.approve-form button[type=submit]")
    page.wait_for_selector("[data-locked='true']")
    screenshot(page, "plans-approved")
    locked = page.locator("[data-locked='true']").inner_text()
    assert "นายสมชาย ใจดี" in locked and format_date(timezone.localdate()) in locked
    plan.refresh_from_db()
    assert plan.status == Plan.Status.APPROVED

    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    screenshot(page, "plans-approved-phone")


def test_a_unit_member_cannot_edit_the_plan_and_an_editor_cannot_approve_it(
    browser_page: Any, live_server: Any, samruean: Any
) -> None:
    from itaplan.domain.knowledge import load_knowledge
    from itaplan.plans import services

    page = browser_page
    editor = Membership.objects.get(agency=samruean, role=Membership.Role.EDITOR).user
    plan = services.create_plan(samruean, 2569, editor, result=samruean.results.get())
    key = next(t.key for t in load_knowledge(2569).templates)
    measure = services.add_measure_from_suggestion(plan, editor, key)
    services.submit(plan, editor)
    clerk = make_user("clerk")
    grant_role(clerk, samruean, Membership.Role.UNIT_MEMBER, "กองคลัง")
    base = f"{live_server.url}/agency/samruean/plans/{plan.pk}/"

    # A unit member reads the plan but finds no control to change it, and a URL is refused.
    log_in(page, live_server, "clerk")
    page.goto(base)
    screenshot(page, "plans-unit-member-reads")
    assert measure.title in page.locator("table.measures").inner_text()
    for control in ("แก้ไข", "เพิ่มมาตรการ", "พิจารณาอนุมัติ", "เสนอผู้บริหารอนุมัติ"):
        assert (
            page.locator(f"main a:has-text('{control}'), main button:has-text('{control}')").count()
            == 0
        )
    response = page.goto(f"{base}measures/{measure.pk}/edit/")
    assert response is not None and response.status == 403
    screenshot(page, "plans-unit-member-refused")

    # The editor who submitted it cannot approve it, neither from the page nor by URL.
    log_in(page, live_server, "nitikan")
    page.goto(base)
    assert page.locator("main a:has-text('พิจารณาอนุมัติ')").count() == 0
    response = page.goto(f"{base}approve/")
    assert response is not None and response.status == 403
    screenshot(page, "plans-editor-cannot-approve")
    plan.refresh_from_db()
    assert plan.status == Plan.Status.SUBMITTED
