"""A unit member records progress with a PDF and a link; the executive approves the round.

Driven in a real Chromium against the live server; screenshots go to
test-artifacts/screenshots/progress-*.png.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from itaplan.agencies.models import Agency, Membership, Unit
from itaplan.agencies.services import grant_role
from itaplan.domain.thai import fiscal_year_of
from itaplan.lib import browser
from itaplan.lib.browser import screenshot
from itaplan.lib.testing import PASSWORD, make_agency, make_user
from itaplan.plans.models import Measure, Plan
from itaplan.progress import services
from itaplan.progress.models import Evidence, ProgressUpdate, ReportingRound
from itaplan.progress.services import ProgressData
from itaplan.progress.tests.base import EXE_BYTES, PDF_BYTES, make_plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF_NAME = "หลักฐาน เผยแพร่แผน งบประมาณ.pdf"


@dataclass
class World:
    agency: Agency
    plan: Plan
    finance_measure: Measure
    office_measure: Measure
    six: ReportingRound


@pytest.fixture
def world(transactional_db: None, settings: Any, tmp_path: Path) -> World:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    agency = make_agency("samruean", "องค์การบริหารส่วนตำบลสามเรือน")
    editor = make_user("bob")
    grant_role(editor, agency, Membership.Role.EDITOR)
    chief = make_user("chief")
    grant_role(chief, agency, Membership.Role.EXECUTIVE)
    grant_role(make_user("finance"), agency, Membership.Role.UNIT_MEMBER, "กองคลัง")
    grant_role(make_user("clerk"), agency, Membership.Role.UNIT_MEMBER, "สำนักปลัด")
    plan = make_plan(
        agency,
        fiscal_year_of(timezone.localdate()),
        editor,
        chief,
        [
            ("เผยแพร่แผนการใช้จ่ายงบประมาณประจำปีผ่านหลายช่องทาง", Unit.objects.get(name="กองคลัง"), None),
            (
                "ปรับปรุงคู่มือการปฏิบัติงานและประชาสัมพันธ์ให้บุคลากรทราบ",
                Unit.objects.get(name="สำนักปลัด"),
                None,
            ),
        ],
    )
    finance_measure, office_measure = plan.measures.order_by("order")
    six = ReportingRound.objects.filter(plan=plan).order_by("end_date").first()
    assert six is not None
    return World(agency, plan, finance_measure, office_measure, six)


def log_in(page: Any, live_server: Any, username: str) -> None:
    browser.log_in(page, live_server.url, username, PASSWORD)


def test_a_unit_member_records_progress_and_the_executive_approves_the_round(
    browser_page: Any, live_server: Any, world: World
) -> None:
    page = browser_page
    base = f"{live_server.url}/agency/samruean/progress/"

    # The unit member sees only its unit's measure.
    log_in(page, live_server, "finance")
    page.goto(base)
    screenshot(page, "progress-dashboard-unit")
    measures = page.locator("#measures")
    assert "เผยแพร่แผนการใช้จ่ายงบประมาณ" in measures.inner_text()
    assert "ปรับปรุงคู่มือการปฏิบัติงาน" not in page.content()

    # An .exe renamed .pdf is refused; what was typed stays.
    page.click(f"#measure-{world.finance_measure.pk} a:has-text('บันทึกความก้าวหน้า')")
    page.check("input[name=status][value=in_progress]")
    page.fill("#id_percent", "60")
    page.fill("#id_done_text", "กองคลังเผยแพร่แผนการใช้จ่ายงบประมาณผ่านเว็บไซต์และกลุ่มไลน์แล้ว")
    page.fill("#id_links", "https://www.samruean.go.th/budget-plan")
    page.set_input_files(
        "#id_files", files=[{"name": "คู่มือ.pdf", "mimeType": "application/pdf", "buffer": EXE_BYTES}]
    )
    page.click("form.card button[type=submit]")
    page.wait_for_selector(".errorlist")
    screenshot(page, "progress-upload-refused")
    assert "ไม่ใช่ไฟล์ PDF จริง" in page.locator(".errorlist").inner_text()
    assert page.input_value("#id_done_text").startswith("กองคลังเผยแพร่แผน")
    assert page.input_value("#id_links") == "https://www.samruean.go.th/budget-plan"
    assert not ProgressUpdate.objects.exists()

    # With a real PDF (a Thai name with spaces) it is saved with the link.
    page.set_input_files(
        "#id_files", files=[{"name": PDF_NAME, "mimeType": "application/pdf", "buffer": PDF_BYTES}]
    )
    screenshot(page, "progress-update-form")
    page.click("form.card button[type=submit]")
    page.wait_for_url(f"**/measures/{world.finance_measure.pk}/**")
    screenshot(page, "progress-measure-history")
    history = page.locator(f"#round-{world.six.pk}")
    assert "กองคลังเผยแพร่แผนการใช้จ่ายงบประมาณ" in history.inner_text()
    assert PDF_NAME in history.inner_text()
    assert "https://www.samruean.go.th/budget-plan" in history.inner_text()

    # The file comes back, with its name, from the permission-checked view only.
    href = page.locator(f"a:has-text('{PDF_NAME}')").get_attribute("href")
    download = page.request.get(f"{live_server.url}{href}")
    assert download.status == 200
    assert download.body() == PDF_BYTES
    assert "filename*=utf-8''" in download.headers["content-disposition"]
    stored = Evidence.objects.get(kind=Evidence.Kind.FILE).file.name
    assert page.request.get(f"{live_server.url}/media/{stored}").status == 404

    # Another unit's measure is refused by URL too, saying whose measure it is.
    response = page.goto(f"{base}measures/{world.office_measure.pk}/")
    assert response is not None and response.status == 403
    assert "มาตรการนี้เป็นของสำนักปลัด" in page.content()
    screenshot(page, "progress-other-unit-403")

    # The other unit reports too, then the executive approves the 6-month round.
    services.record_progress(
        world.office_measure,
        world.six,
        Membership.objects.get(user__username="clerk").user,
        ProgressData(status="done", done_text="ปรับปรุงคู่มือและแจ้งเวียนบุคลากรแล้ว"),
    )
    # The editor submits the round; the executive sends it back with a reason; the editor
    # reads it and submits again.
    round_page = f"{base}rounds/{world.six.pk}/"
    log_in(page, live_server, "bob")
    page.goto(round_page)
    page.click("text=เสนออนุมัติรายงานรอบนี้")
    screenshot(page, "progress-round-submit")
    page.click("form.card button[type=submit]")
    page.wait_for_url(f"**/rounds/{world.six.pk}/")
    assert "เสนออนุมัติแล้ว" in page.locator("[data-submitted]").inner_text()
    screenshot(page, "progress-round-submitted")
    log_in(page, live_server, "chief")
    page.goto(round_page)
    page.click("text=ส่งกลับไปแก้ไข")
    page.fill("#id_reason", "แนบภาพกิจกรรมเผยแพร่เป็นหลักฐานของกองคลังด้วย")
    page.click("form.card button[type=submit]")
    page.wait_for_url(f"**/rounds/{world.six.pk}/")
    log_in(page, live_server, "bob")
    page.goto(round_page)
    assert "แนบภาพกิจกรรมเผยแพร่" in page.locator(".sent-back").inner_text()
    screenshot(page, "progress-round-sent-back")
    page.click("text=เสนออนุมัติรายงานรอบนี้")
    page.click("form.card button[type=submit]")
    page.wait_for_url(f"**/rounds/{world.six.pk}/")

    log_in(page, live_server, "chief")
    page.goto(base)
    screenshot(page, "progress-dashboard-executive")
    assert "ปรับปรุงคู่มือการปฏิบัติงาน" in page.locator("#measures").inner_text()
    page.click(f"#rounds a[href$='/rounds/{world.six.pk}/approve/']")
    page.fill("#id_approver_name", "นายสมชาย ใจดี")
    page.fill("#id_approver_position", "นายกองค์การบริหารส่วนตำบลสามเรือน")
    screenshot(page, "progress-round-approve")
    page.click("form.card button[type=submit]")
    page.wait_for_url(f"**/rounds/{world.six.pk}/")
    screenshot(page, "progress-round-approved")
    assert "อนุมัติแล้ว" in page.locator(".approval").inner_text()
    assert "นายสมชาย ใจดี" in page.locator(".approval").inner_text()
    world.six.refresh_from_db()
    assert world.six.status == ReportingRound.Status.APPROVED
