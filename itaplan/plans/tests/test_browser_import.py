"""Last year's o27 into a plan, and the tick for another agency's text, in a real Chromium.

The demo data is loaded as ``itaplan demo load`` loads it: อบต.สามเรือน (seed 004's
agency, its FY2568 result already saved) with its units and the demo editor.
"""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from itaplan.demo.management.commands.load_demo import PASSWORD
from itaplan.lib import browser
from itaplan.lib.browser import screenshot
from itaplan.lib.testing import seed_text
from itaplan.plans.models import Plan
from itaplan.results.models import Result

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(transactional_db: None) -> None:
    call_command("load_demo", stdout=StringIO())


def paste(page: Any, base: str, text: str) -> None:
    page.goto(f"{base}/agency/samruean/results/import/text/")
    page.fill("#id_text", text)
    page.click("button:has-text('อ่านและตรวจทาน')")
    page.wait_for_selector("#confirm-form")


def test_seed_004_becomes_a_draft_plan_once_its_flagged_period_is_fixed(
    browser_page: Any, live_server: Any, demo: None
) -> None:
    page, base = browser_page, live_server.url
    browser.log_in(page, base, "editor", PASSWORD)
    paste(page, base, seed_text("004"))
    found = page.locator("#measures-found")
    assert "มาตรการในเอกสาร 10 มาตรการ (สำหรับแผนปีงบประมาณ 2569)" in found.inner_text()
    flagged = found.locator("tr.flagged")
    assert flagged.count() == 1
    assert flagged.get_attribute("data-measure") == "7"
    found.scroll_into_view_if_needed()
    screenshot(page, "import-o27-preview")

    page.click("button:has-text('สร้างแผนมาตรการปี 2569 จากมาตรการเหล่านี้')")
    page.wait_for_selector("form.import-measures")
    sections = page.locator("section.imported")
    assert sections.count() == 10
    seventh = page.locator("section.imported[data-measure='7']")
    assert "flagged" in (seventh.get_attribute("class") or "")
    assert "ไม่อยู่ในปีงบประมาณ" in seventh.locator(".finding").inner_text()
    seventh.scroll_into_view_if_needed()
    screenshot(page, "import-o27-measures")

    # Submitted as read, the printed period is refused beside its row; nothing is saved.
    page.click("button:has-text('สร้างร่างแผนมาตรการ')")
    page.wait_for_selector("[role=alert]")
    seventh = page.locator("section.imported[data-measure='7']")
    assert "วันที่ต้องอยู่ระหว่าง" in seventh.inner_text()
    assert not Plan.objects.filter(agency__code="samruean", fiscal_year=2569).exists()
    seventh.scroll_into_view_if_needed()
    screenshot(page, "import-o27-period-refused")

    seventh.locator("[name='form-6-start_date']").fill("1/10/2568")
    seventh.locator("[name='form-6-end_date']").fill("30/9/2569")
    page.click("button:has-text('สร้างร่างแผนมาตรการ')")
    page.wait_for_url(f"{base}/agency/samruean/plans/*/")
    screenshot(page, "import-o27-plan")
    plan = Plan.objects.get(agency__code="samruean", fiscal_year=2569)
    assert plan.status == Plan.Status.DRAFT
    assert [m.indicator for m in plan.measures.order_by("order")] == list(range(1, 11))
    assert str(plan.measures.get(order=7).start_date) == "2025-10-01"

    page.click("button:has-text('เสนอผู้บริหารอนุมัติ')")
    page.wait_for_load_state()
    screenshot(page, "import-o27-plan-submitted")
    plan.refresh_from_db()
    assert plan.status == Plan.Status.SUBMITTED


def test_seed_003_in_another_agency_is_saved_only_with_the_explicit_tick(
    browser_page: Any, live_server: Any, demo: None
) -> None:
    page, base = browser_page, live_server.url
    browser.log_in(page, base, "editor", PASSWORD)
    paste(page, base, seed_text("003"))  # อบต.ลุมพลี's document, pasted into สามเรือน
    guard = page.locator(".checks-needed")
    assert "ไม่ใช่ 'องค์การบริหารส่วนตำบลสามเรือน'" in guard.inner_text()
    guard.scroll_into_view_if_needed()
    screenshot(page, "guard-preview")

    page.click("button:has-text('ยืนยันบันทึก')")
    page.wait_for_selector(".notice.error")
    assert "ทำเครื่องหมายยืนยัน" in page.locator(".notice.error").first.inner_text()
    assert not Result.objects.filter(agency__code="samruean", fiscal_year=2565).exists()
    screenshot(page, "guard-refused")

    page.locator(".checks-needed input[name=checked]").check()
    page.click("button:has-text('ยืนยันบันทึก')")
    page.wait_for_url(f"{base}/agency/samruean/results/2565/")
    audit = page.locator("table.audit").inner_text()
    assert "ผู้บันทึกยืนยันว่าได้ตรวจสอบแล้ว" in audit
    screenshot(page, "guard-saved")
