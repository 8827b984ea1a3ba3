"""The three ways in, driven in a real Chromium against the live server."""

from __future__ import annotations

from typing import Any

import pytest

from itaplan.agencies.models import Membership
from itaplan.agencies.services import grant_role
from itaplan.lib import browser
from itaplan.lib.browser import screenshot
from itaplan.lib.testing import (
    INDICATORS_2568,
    PASSWORD,
    make_agency,
    make_user,
    seed_text,
    sheet_row,
    xlsx_bytes,
)
from itaplan.results.models import IndicatorScore, ItemScore, Result
from itaplan.results.services import save_result

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def owner(transactional_db: None) -> Any:
    agency = make_agency("samruean", "องค์การบริหารส่วนตำบลสามเรือน")
    user = make_user("alice")
    grant_role(user, agency, Membership.Role.ADMIN)
    return user


def log_in(page: Any, live_server: Any, username: str) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    screenshot(page, "login")
    browser.log_in(page, live_server.url, username, PASSWORD)
    screenshot(page, "home")


def paste_and_preview(page: Any, text: str, shot: str, *, first_visit: bool = False) -> None:
    """From the agency list, paste ``text`` into the text intake and wait for its preview."""
    page.click("table a:has-text('องค์การบริหารส่วนตำบลสามเรือน')")
    if first_visit:
        screenshot(page, "results-list-empty")
    page.click("text=วางข้อความหรืออัปโหลดเอกสาร")
    page.fill("#id_text", text)
    if first_visit:
        screenshot(page, "import-text")
    page.click("button:has-text('อ่านและตรวจทาน')")
    page.wait_for_selector("#confirm-form")
    screenshot(page, shot)


def test_pasting_seed_004_previews_the_totals_and_the_conflict_then_saves(
    browser_page: Any, live_server: Any, owner: Any
) -> None:
    page = browser_page
    log_in(page, live_server, "alice")
    paste_and_preview(page, seed_text("004"), "import-text-preview", first_visit=True)
    figures = page.locator(".figures").first
    assert figures.locator("[data-key=total] .value").inner_text() == "96.79"
    assert figures.locator("[data-key=IIT] .value").inner_text() == "96.86"
    assert figures.locator("[data-key=EIT] .value").inner_text() == "95.77"
    assert figures.locator("[data-key=OIT] .value").inner_text() == "97.50"
    conflict = page.locator("fieldset.conflict[data-indicator='6']")
    assert "96.29" in conflict.inner_text() and "96.26" in conflict.inner_text()
    assert conflict.locator("input[value='96.26']").is_checked()
    assert "ตรงกับหน่วยงานนี้" in page.locator(".found").inner_text()

    page.click("button:has-text('ยืนยันบันทึก')")
    page.wait_for_url(f"{live_server.url}/agency/samruean/results/2568/")
    screenshot(page, "result-detail")
    assert page.locator(".figures [data-key=total] .value").first.inner_text() == "96.79"
    assert "พิมพ์ไว้หลายค่า" in page.content()
    assert "alice" in page.locator("table.audit").inner_text()
    result = Result.objects.get(agency__code="samruean", fiscal_year=2568)
    assert result.indicator_scores.get(number=6).score == 96.26
    assert result.source_text == seed_text("004")


def bad_workbook(indicator_4: Any = "1O5") -> bytes:
    return xlsx_bytes(sheet_row(i4=indicator_4))


def test_a_spreadsheet_with_a_bad_cell_names_the_cell_and_saves_nothing(
    browser_page: Any, live_server: Any, owner: Any, tmp_path: Any
) -> None:
    page = browser_page
    log_in(page, live_server, "alice")
    page.goto(f"{live_server.url}/agency/samruean/results/import/sheet/")
    screenshot(page, "import-sheet")
    upload = tmp_path / "ผลการประเมิน.xlsx"
    upload.write_bytes(bad_workbook())
    page.set_input_files("#id_file", str(upload))
    page.click("button:has-text('อ่านและตรวจทาน')")
    page.wait_for_selector(".sheet-errors")
    screenshot(page, "import-sheet-error")
    message = page.locator(".sheet-errors").inner_text()
    assert "แถวที่ 2 คอลัมน์ 'ตัวชี้วัดที่ 4' (เซลล์ G2): '1O5' ไม่ใช่ตัวเลข" in message
    assert Result.objects.count() == 0
    assert IndicatorScore.objects.count() == 0 and ItemScore.objects.count() == 0

    upload.write_bytes(bad_workbook(indicator_4=89.05))
    page.set_input_files("#id_file", str(upload))
    page.click("button:has-text('อ่านและตรวจทาน')")
    page.wait_for_selector("button:has-text('ยืนยันบันทึกทั้งหมด')")
    screenshot(page, "import-sheet-preview")
    page.click("button:has-text('ยืนยันบันทึกทั้งหมด')")
    page.wait_for_url(f"{live_server.url}/agency/samruean/results/2568/")
    assert round(Result.objects.get().computed_total, 2) == 96.79


def test_the_form_shows_live_totals_while_typing(
    browser_page: Any, live_server: Any, owner: Any
) -> None:
    page = browser_page
    log_in(page, live_server, "alice")
    page.goto(f"{live_server.url}/agency/samruean/results/new/?year=2565")
    assert page.locator("#id_item_o43").count() == 1
    assert page.locator("#id_item_o28").count() == 1
    page.select_option("#id_year", "2568")
    page.wait_for_url("**/results/new/?year=2568")
    page.locator("#id_item_o43").wait_for(state="detached")
    screenshot(page, "form-empty")
    scores = ["๙๙.๒๙", "99.05", "100", "89.05", "96.90", "96.26", "95.16", "95.90", "95.00", "100"]
    for number, value in enumerate(scores, start=1):
        page.fill(f"#id_indicator_{number}", value)
    page.click("summary:has-text('คะแนนที่พิมพ์ไว้')")
    page.fill("#id_printed_total", "96.79")
    live = page.locator("#live-totals [data-key=total] .value")
    live.filter(has_text="96.79").wait_for()
    assert page.locator("#live-totals [data-key=level] .value").inner_text() == "ผ่านดี"
    screenshot(page, "form-live-totals")
    page.fill("#id_indicator_4", "1O5")
    page.locator("#live-totals .notice.error").wait_for()
    screenshot(page, "form-live-error")
    page.fill("#id_indicator_4", "89.05")
    page.click("button:has-text('ตรวจทานก่อนบันทึก')")
    page.wait_for_selector("#confirm-form")
    screenshot(page, "form-preview")
    page.click("button:has-text('ยืนยันบันทึก')")
    page.wait_for_url(f"{live_server.url}/agency/samruean/results/2568/")
    assert Result.objects.get().computed_level == "ผ่านดี"


def save_seed_004(user: Any) -> None:
    agency = user.memberships.get().agency
    save_result(agency, 2568, INDICATORS_2568, {"o13": 50.0}, {"total": 96.79}, "form", user)


def test_the_pages_fit_a_phone(browser_page: Any, live_server: Any, owner: Any) -> None:
    save_seed_004(owner)
    page = browser_page
    page.set_viewport_size({"width": 375, "height": 740})
    log_in(page, live_server, "alice")
    for name, path in [
        ("phone-form", "new/?year=2568"),
        ("phone-list", ""),
        ("phone-detail", "2568/"),
        ("phone-import-sheet", "import/sheet/"),
    ]:
        page.goto(f"{live_server.url}/agency/samruean/results/{path}")
        screenshot(page, name)
        assert page.evaluate("document.documentElement.scrollWidth") <= 375, name


def test_the_language_switch_shows_english(browser_page: Any, live_server: Any, owner: Any) -> None:
    save_seed_004(owner)
    page = browser_page
    log_in(page, live_server, "alice")
    page.click("header button:has-text('English')")
    page.wait_for_selector("html[lang=en]")
    screenshot(page, "home-english")
    page.goto(f"{live_server.url}/agency/samruean/results/2568/")
    screenshot(page, "result-detail-english")
    assert "Computed scores beside the printed ones" in page.content()
    page.click("header button:has-text('ภาษาไทย')")
    page.wait_for_selector("html[lang=th]")


def test_pasting_a_broken_pdf_result_with_both_level_schemes_previews_one_level_and_a_note(
    browser_page: Any, live_server: Any, owner: Any
) -> None:
    # The shapes of issue 12: PDF Thai with sara aa printed as sara am, a letter and a
    # word level in one sentence, last year's total in the same text.
    rows = "\n".join(f"ตัวชี้วัดที่ {n}\t{score:.2f}" for n, score in sorted(INDICATORS_2568.items()))
    text = (
        "ผลกำรประเมิน ITA ขององค์กำรบริหำรส่วนตำบลสำมเรือน ประจำปีงบประมำณ 2568\n"
        "ผลกำรประเมินได้คะแนน 96.79 คะแนน อยู่ในระดับ ผ่ำนดี (AA) ปีที่ผ่ำนมำได้ 96.01\n"
        f"ตำรำง ผลคะแนนรำยตัวชี้วัด\n{rows}\n"
    )
    page = browser_page
    log_in(page, live_server, "alice")
    paste_and_preview(page, text, "import-text-preview-broken-pdf")
    figures = page.locator(".figures").first
    assert figures.locator("[data-key=total] .value").inner_text() == "96.79"
    assert figures.locator("[data-key=level] .value").inner_text() == "ผ่านดี"
    notice = page.locator(".notice.warning").first.inner_text()
    assert "AA" in notice and "PDF" in notice
    assert "96.01" in page.content()
    # The name broken the same way is still this agency: no tick is asked for.
    assert page.locator("input[name=checked]").count() == 0
