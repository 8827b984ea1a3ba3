"""Last year's o28 (seed 002) pasted into a reporting round, in a real Chromium."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from itaplan.agencies.models import Membership
from itaplan.agencies.services import grant_role
from itaplan.domain.readers.progress import read_progress
from itaplan.lib import browser
from itaplan.lib.browser import screenshot
from itaplan.lib.testing import PASSWORD, make_agency, make_user, seed_text
from itaplan.plans import services as plans
from itaplan.plans.imports import plan_from_measures
from itaplan.progress import services
from itaplan.progress.imports import measures_of_report
from itaplan.progress.models import ProgressUpdate

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def round_(transactional_db: None) -> Any:
    """อบต.บ้านขาม's approved FY2566 plan (its measures in the report's words), rounds open."""
    agency = make_agency("bankham", "องค์การบริหารส่วนตำบลบ้านขาม")
    editor, chief = make_user("alice"), make_user("chief")
    grant_role(editor, agency, Membership.Role.ADMIN)
    grant_role(chief, agency, Membership.Role.EXECUTIVE)
    rows = read_progress(seed_text("002"), results_year=2565)
    plan = plan_from_measures(agency, 2566, editor, measures_of_report(agency, 2566, rows))
    plans.submit(plan, editor, on=dt.date(2022, 12, 1))
    plans.approve(plan, chief, "นายก", "นายก อบต.บ้านขาม", dt.date(2022, 12, 15))
    return services.ensure_rounds(plan)[-1]


def test_seed_002_is_previewed_matched_and_recorded_into_the_round(
    browser_page: Any, live_server: Any, round_: Any
) -> None:
    page, base = browser_page, live_server.url
    browser.log_in(page, base, "alice", PASSWORD)
    page.goto(f"{base}/agency/bankham/progress/rounds/{round_.pk}/")
    page.click("text=นำเข้าจากรายงานผลที่หน่วยงานมีอยู่")
    page.fill("#id_text", seed_text("002"))
    page.click("button:has-text('อ่านรายงาน')")
    page.wait_for_selector("form.import-report")
    rows = page.locator("form.import-report tbody tr")
    assert rows.count() == 6
    assert "ตัวชี้วัดที่ 10" in rows.nth(5).inner_text()
    screenshot(page, "import-o28-preview")
    page.click("button:has-text('บันทึกความก้าวหน้า')")
    page.wait_for_url(f"{base}/agency/bankham/progress/rounds/{round_.pk}/")
    screenshot(page, "import-o28-round")
    assert ProgressUpdate.objects.filter(round=round_, status="done").count() == 6
