"""In Chromium, with a real queue worker and the fictional agency website on 127.0.0.1:
the agency records its URLs, runs a check, watches it progress and reads the per-item
list and the predicted score; the supervisor reads readiness over the province; the site
admin's national export and bulk import finish on the worker with visible progress."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from itaplan.agencies.models import Membership, SupervisorScope, Unit
from itaplan.agencies.services import grant_role
from itaplan.lib import browser
from itaplan.lib.browser import screenshot
from itaplan.lib.testing import PASSWORD, csv_bytes, make_agency, make_user, sheet_row
from itaplan.lib.worker import running_worker
from itaplan.readiness.tests import site
from itaplan.readiness.tests.test_checker_worker import WORKER_ENV, store_result_2568

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

#: The items the agency fills in through the form (the rest stay without URL).
TYPED = ("o1", "o2", "o3", "o4", "o5", "o6", "o8", "o13", "o16", "o17", "o27")


@pytest.fixture
def people(transactional_db: None) -> dict[str, Any]:
    agency = make_agency("tessa", "องค์การบริหารส่วนตำบลทดสอบ")
    Unit.objects.create(agency=agency, name="สำนักปลัด")
    editor = make_user("tessa-editor")
    grant_role(editor, agency, Membership.Role.EDITOR)
    supervisor = make_user("tessa-watch")
    SupervisorScope.objects.create(user=supervisor, province=agency.district.province)
    admin = make_user("tessa-root", superuser=True)
    store_result_2568(agency)
    return {"agency": agency, "editor": editor, "supervisor": supervisor, "admin": admin}


def test_an_agency_checks_its_oit_urls_and_sees_the_prediction(
    browser_page: Any, live_server: Any, people: dict[str, Any], tmp_path: Path
) -> None:
    page = browser_page
    env = {**WORKER_ENV, "ITAPLAN_SITE_URL": live_server.url}
    with site.serve() as (base, _handler), running_worker("sqlite", tmp_path, env):
        browser.log_in(page, live_server.url, "tessa-editor", PASSWORD)
        page.goto(f"{live_server.url}/agency/tessa/oit/2568/")
        assert page.locator("tr[data-item]").count() == 28
        page.click("text=บันทึก URL ผู้รับผิดชอบ และกำหนดเสร็จ")
        for code in TYPED:
            page.fill(f"textarea[name=urls-{code}]", "\n".join(base + p for p in site.URLS[code]))
        page.select_option("select[name=unit-o1]", label="สำนักปลัด")
        page.fill("input[name=due-o1]", "31/3/2568")
        screenshot(page, "oit-urls-form")
        page.click("main button[type=submit]")
        page.wait_for_url("**/oit/2568/")
        assert "บันทึกแล้ว 11 ประเด็น" in page.locator(".notice").inner_text()

        page.click("#run-check")
        progress = page.locator(".job-progress")
        progress.wait_for()
        assert progress.get_attribute("data-status") in ("queued", "running")
        screenshot(page, "oit-check-progress")
        # The worker finishes; the page reloads itself with the verdicts.
        page.wait_for_selector("tr[data-item=o1][data-state=ready]", timeout=90_000)

    assert page.locator(".job-progress").count() == 0
    states = {
        code: page.locator(f"tr[data-item={code}]").get_attribute("data-state") for code in TYPED
    }
    assert states == {code: site.EXPECTED[code].state for code in TYPED}
    assert "ไม่พบปี พ.ศ. ๒๕๖๘" in page.locator("tr[data-item=o6]").inner_text()
    assert "ควรแก้:" in page.locator("tr[data-item=o13]").inner_text()
    assert "สำนักปลัด" in page.locator("tr[data-item=o1]").inner_text()
    # 9.1 all ready = 100; 9.2 0; 9.3 0; 9.4 0; 9.5 0 → indicator 9 = 20;
    # 10.1 0, 10.2 o27 of two = 50 → indicator 10 = 25; OIT = 22.50.
    assert page.locator("[data-figure=OIT] .value").inner_text() == "22.50"
    assert page.locator("[data-figure='indicator 9'] .value").inner_text() == "20.00"
    assert page.locator("[data-figure='indicator 10'] .value").inner_text() == "25.00"
    assert page.locator("[data-figure=total] .value").inner_text() != "–"
    screenshot(page, "oit-check-done")

    # The supervisor of the province sees it among its agencies.
    browser.log_in(page, live_server.url, "tessa-watch", PASSWORD)
    page.goto(f"{live_server.url}/supervision/")
    page.click("[data-testid=oit-readiness]")
    page.wait_for_url("**/supervision/oit/**")
    row = page.locator("tr[data-agency=tessa]")
    assert row.locator("td").nth(1).inner_text() == "5"  # ready
    assert row.locator("td").nth(5).inner_text() == "22.50"
    assert page.locator("table.shortfalls tbody tr").count() > 0
    screenshot(page, "oit-supervisor")


def test_the_national_export_and_the_bulk_import_finish_on_the_worker(
    browser_page: Any, live_server: Any, people: dict[str, Any], tmp_path: Path
) -> None:
    page = browser_page
    upload = tmp_path / "results.csv"
    upload.write_bytes(csv_bytes(sheet_row(code="tessa", year=2567)))
    with running_worker("sqlite", tmp_path, {"ITAPLAN_SITE_URL": live_server.url}):
        browser.log_in(page, live_server.url, "tessa-root", PASSWORD)
        page.goto(f"{live_server.url}/supervision/")
        page.click("[data-testid=export]")
        page.wait_for_url("**/jobs/*/")
        screenshot(page, "job-export-progress")
        link = page.locator(".job-progress a.button")
        link.wait_for(timeout=60_000)
        assert "itaplan-supervision-" in link.inner_text()
        with page.expect_download() as download:
            link.click()
        assert download.value.suggested_filename.endswith(".xlsx")
        screenshot(page, "job-export-done")

        page.goto(f"{live_server.url}/results/bulk/")
        page.set_input_files("input[type=file]", str(upload))
        page.click("main form button[type=submit]")
        page.click("text=ยืนยันบันทึกทั้งหมด")
        page.wait_for_url("**/jobs/*/")
        page.wait_for_selector(".job-progress[data-status=done]", timeout=60_000)
    assert "บันทึกผลการประเมิน 1 รายการแล้ว" in page.locator(".job-progress").inner_text()
    screenshot(page, "job-import-done")
