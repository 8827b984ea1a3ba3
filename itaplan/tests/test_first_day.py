"""An agency's first day, in Chromium, from an empty database with only a site admin.

The site admin creates the agency and invites its admin; the admin adds three
units, fills the profile's signer and invites an editor, an executive and a unit
member; each sets a password through the link of the e-mail (the test outbox)
and logs in. The editor pastes seed 004's result, accepts the default plan,
types Buddhist-era dates into one measure and submits; the executive finds it on
the home page, sends it back with a reason; the editor fixes and resubmits; the
executive approves with the profile's signer, and the o27 prints that signer.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from itaplan.agencies.models import Agency, Membership
from itaplan.domain.thai import format_date
from itaplan.lib import browser
from itaplan.lib.browser import SCREENSHOTS
from itaplan.lib.testing import PASSWORD, make_user, seed_text
from itaplan.plans.models import Plan, PlanEvent

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIGNER = "นายสมชาย ใจดี"
SIGNER_POSITION = "นายกองค์การบริหารส่วนตำบลสามเรือน"
REASON = "มาตรการแรก: ขอให้ระบุการติดตามผลเป็นรายไตรมาส แล้วเสนอใหม่"
UNITS = ("สำนักปลัด", "กองคลัง", "กองช่าง")
PEOPLE = (
    # e-mail, first name, last name, role value, unit, position
    ("nitikan@samruean.go.th", "นิติกานต์", "ตั้งใจ", "editor", "", "นักวิเคราะห์นโยบายและแผน"),
    ("somchai@samruean.go.th", "สมชาย", "ใจดี", "executive", "", SIGNER_POSITION),
    ("somsri@samruean.go.th", "สมศรี", "มีสุข", "unit", "กองคลัง", "นักวิชาการเงินและบัญชี"),
)


class Steps:
    """Numbered full-page screenshots, so the artefacts read in the order they were taken."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.n = 0

    def shot(self, name: str) -> None:
        self.n += 1
        browser.screenshot(self.page, f"first-day-{self.n:02d}-{name}")


def password_for(email: str) -> str:
    return f"รหัส-{email.split('@')[0]}-2569"


def link_in_last_mail_to(email: str) -> str:
    message = next(m for m in reversed(mail.outbox) if m.to == [email])
    found = re.search(r"https?://\S+/accounts/invite/\S+/", message.body)
    assert found, message.body
    return found.group(0)


def set_password_and_log_in(page: Any, steps: Steps, base: str, email: str) -> None:
    page.context.clear_cookies()
    page.goto(link_in_last_mail_to(email))
    page.wait_for_selector("form.set-password-form")
    assert email in page.locator("main").inner_text()
    page.fill("#id_new_password1", password_for(email))
    page.fill("#id_new_password2", password_for(email))
    steps.shot(f"set-password-{email.split('@')[0]}")
    page.click("form.set-password-form button[type=submit]")
    page.wait_for_url(f"{base}/accounts/login/")
    assert "ตั้งรหัสผ่านแล้ว" in page.locator("main").inner_text()
    browser.log_in(page, base, email, password_for(email))


def log_in(page: Any, base: str, email: str) -> None:
    browser.log_in(page, base, email, password_for(email))


def test_an_agency_runs_its_first_day_from_invitation_to_an_approved_o27(
    browser_page: Any, live_server: Any
) -> None:
    page = browser_page
    steps = Steps(page)
    base = live_server.url
    make_user("root", superuser=True)
    assert not Agency.objects.exists()

    # The site admin creates the agency and invites its admin, all on Thai pages.
    browser.log_in(page, base, "root", PASSWORD)
    page.click("header a:has-text('ดูแลระบบ')")
    page.fill("#id_code", "samruean")
    page.fill("#id_name", "องค์การบริหารส่วนตำบลสามเรือน")
    page.select_option("#id_kind", "sao")
    page.fill("#id_province", "ราชบุรี")
    page.fill("#id_district", "เมืองราชบุรี")
    steps.shot("site-admin-new-agency")
    page.click("form.agency-form button[type=submit]")
    page.wait_for_url(f"{base}/agency/samruean/manage/people/")
    page.fill("#id_email", "admin@samruean.go.th")
    page.fill("#id_first_name", "วิไล")
    page.fill("#id_last_name", "รักงาน")
    page.select_option("#id_role", "admin")
    page.fill("#id_position", "ปลัดองค์การบริหารส่วนตำบล")
    page.click("form.invite-form button[type=submit]")
    page.wait_for_selector("tr[data-email='admin@samruean.go.th']")
    steps.shot("site-admin-invited-the-agency-admin")

    # The agency admin sets a password, adds the units, the signer and the people.
    set_password_and_log_in(page, steps, base, "admin@samruean.go.th")
    page.click("table a:has-text('องค์การบริหารส่วนตำบลสามเรือน')")
    page.click("nav.agency-nav a:has-text('จัดการหน่วยงาน')")
    page.click("nav.tabs a:has-text('กอง/สำนัก')")
    for unit in UNITS:
        page.fill("#id_name", unit)
        page.click("form.unit-form button[type=submit]")
        page.wait_for_selector(f"tr[data-unit='{unit}']")
    steps.shot("admin-added-three-units")
    page.click("nav.tabs a:has-text('ข้อมูลหน่วยงานและผู้ลงนาม')")
    page.fill("#id_full_name", "องค์การบริหารส่วนตำบลสามเรือน อำเภอเมืองราชบุรี จังหวัดราชบุรี")
    page.fill("#id_approver_name", SIGNER)
    page.fill("#id_approver_position", SIGNER_POSITION)
    page.fill("#id_preparer_name", "นางสาวนิติกานต์ ตั้งใจ")
    page.fill("#id_preparer_position", "นักวิเคราะห์นโยบายและแผน")
    page.click("form.profile-form button[type=submit]")
    page.wait_for_selector(".notice.success")
    steps.shot("admin-profile-with-signer")
    page.click("nav.tabs a:has-text('บุคลากร')")
    for email, first, last, role, unit, position in PEOPLE:
        page.fill("#id_email", email)
        page.fill("#id_first_name", first)
        page.fill("#id_last_name", last)
        page.select_option("#id_role", role)
        if unit:
            page.select_option("#id_unit", label=unit)
        page.fill("#id_position", position)
        page.click("form.invite-form button[type=submit]")
        page.wait_for_selector(f"tr[data-email='{email}']")
    steps.shot("admin-invited-three-people")
    assert page.locator("table.people .badge:has-text('รอตั้งรหัสผ่าน')").count() == 3

    # Each invitee sets a password from the e-mailed link and logs in.
    for email, *_ in PEOPLE:
        set_password_and_log_in(page, steps, base, email)
        assert "องค์การบริหารส่วนตำบลสามเรือน" in page.locator("main").inner_text()
    steps.shot("unit-member-home")
    agency = Agency.objects.get(code="samruean")
    roles = dict(Membership.objects.filter(agency=agency).values_list("user__email", "role"))
    assert roles == {"admin@samruean.go.th": "admin"} | {p[0]: p[3] for p in PEOPLE}

    # A wrong role is refused with the reason, in Thai.
    log_in(page, base, "nitikan@samruean.go.th")
    response = page.goto(f"{base}/agency/samruean/manage/people/")
    assert response is not None and response.status == 403
    assert "สำหรับผู้ดูแลหน่วยงาน" in page.locator("main").inner_text()
    steps.shot("editor-refused-administration")

    # The editor pastes seed 004's result.
    page.goto(f"{base}/agency/samruean/results/")
    page.click("text=วางข้อความหรืออัปโหลดเอกสาร")
    page.fill("#id_text", seed_text("004"))
    page.click("button:has-text('อ่านและตรวจทาน')")
    page.wait_for_selector("#confirm-form")
    steps.shot("editor-result-preview")
    page.click("button:has-text('ยืนยันบันทึก')")
    page.wait_for_url(f"{base}/agency/samruean/results/2568/")
    assert page.locator(".figures [data-key=total] .value").first.inner_text() == "96.79"

    # ... accepts the default plan ...
    page.goto(f"{base}/agency/samruean/plans/")
    page.click("button:has-text('สร้างแผนปี 2569')")
    page.wait_for_selector("#suggestions")
    ticked = page.locator("article.suggestion input:checked").count()
    assert ticked > 0
    steps.shot("editor-default-plan-ticked")
    page.locator("button:has-text('เพิ่มมาตรการที่เลือกในแผน')").first.click()
    page.wait_for_selector("table.measures")
    plan = Plan.objects.get(agency=agency, fiscal_year=2569)
    assert plan.measures.count() == ticked

    # ... types Buddhist-era dates into one measure ...
    page.locator("table.measures tbody tr").first.locator("a:has-text('แก้ไข')").click()
    page.wait_for_selector("form.measure-form")
    page.fill("#id_start_date", "1/11/2568")  # typed d/m/BBBB: 2568 is the Buddhist era
    page.fill("#id_end_date", "๓๑/๓/๒๕๖๙")  # Thai digits are read too
    for unit in UNITS[:1]:
        page.check(f"form.measure-form label:has-text('{unit}') input")
    steps.shot("editor-types-buddhist-era-dates")
    page.click("form.measure-form button[type=submit]")
    page.wait_for_selector("table.measures")
    first = plan.measures.order_by("order").first()
    assert (first.start_date.isoformat(), first.end_date.isoformat()) == (
        "2025-11-01",
        "2026-03-31",
    )
    assert "๑ พ.ย. ๖๘ – ๓๑ มี.ค. ๖๙" in page.locator("table.measures tbody tr").first.inner_text()

    # Measures the knowledge base could not give a unit get one, then the plan is submitted.
    for measure in plan.measures.filter(units__isnull=True):
        page.goto(f"{base}/agency/samruean/plans/{plan.pk}/measures/{measure.pk}/edit/")
        page.check(f"form.measure-form label:has-text('{UNITS[0]}') input")
        page.click("form.measure-form button[type=submit]")
        page.wait_for_selector("table.measures")
    page.click("button:has-text('เสนอผู้บริหารอนุมัติ')")
    page.wait_for_selector("[data-status='submitted']")
    steps.shot("editor-submitted")
    plan.refresh_from_db()
    assert any(m.to == ["somchai@samruean.go.th"] and "รออนุมัติ" in m.subject for m in mail.outbox)

    # The executive sees it waiting on the home page and sends it back with a reason.
    log_in(page, base, "somchai@samruean.go.th")
    assert page.locator("header .approvals-link .count").inner_text() == "1"
    assert page.locator("#approvals li[data-waiting='plan']").count() == 1
    waiting = page.locator("#approvals li[data-waiting='plan']").inner_text()
    assert format_date(timezone.localtime(plan.submitted_at).date()) in waiting, waiting
    steps.shot("executive-home-waiting")
    page.click("#approvals li[data-waiting='plan'] a")
    page.wait_for_selector("form.approve-form")
    page.click("a:has-text('ส่งกลับไปแก้ไข')")
    page.fill("#id_reason", REASON)
    steps.shot("executive-sends-back")
    page.click("form.send-back-form button[type=submit]")
    page.wait_for_selector("[data-status='draft']")
    assert any(REASON in m.body for m in mail.outbox if m.to == ["nitikan@samruean.go.th"])

    # The editor reads the reason, fixes the measure and submits again.
    log_in(page, base, "nitikan@samruean.go.th")
    page.goto(f"{base}/agency/samruean/plans/{plan.pk}/")
    assert REASON in page.locator(".sent-back").inner_text()
    steps.shot("editor-reads-the-reason")
    page.locator("table.measures tbody tr").first.locator("a:has-text('แก้ไข')").click()
    page.fill("#id_monitoring", "รายงานผลต่อนายก อบต. ทุกไตรมาส (ธ.ค. มี.ค. มิ.ย. ก.ย.)")
    page.click("form.measure-form button[type=submit]")
    page.wait_for_selector("table.measures")
    page.click("button:has-text('เสนอผู้บริหารอนุมัติ')")
    page.wait_for_selector("[data-status='submitted']")

    # The executive approves with the signer of the agency's profile.
    log_in(page, base, "somchai@samruean.go.th")
    page.click("#approvals li[data-waiting='plan'] a")
    page.wait_for_selector("form.approve-form")
    assert page.input_value("#id_approver_name") == SIGNER
    assert page.input_value("#id_approver_position") == SIGNER_POSITION
    steps.shot("executive-approves-with-the-profiles-signer")
    page.click("form.approve-form button[type=submit]")
    page.wait_for_selector("[data-locked='true']")
    steps.shot("executive-approved")
    plan.refresh_from_db()
    assert (plan.status, plan.approver_name, plan.approver_position) == (
        Plan.Status.APPROVED,
        SIGNER,
        SIGNER_POSITION,
    )
    kinds = list(plan.events.values_list("kind", flat=True))
    assert kinds == [
        PlanEvent.Kind.SUBMITTED,
        PlanEvent.Kind.SENT_BACK,
        PlanEvent.Kind.SUBMITTED,
        PlanEvent.Kind.APPROVED,
    ]
    assert page.locator("#approvals").count() == 0

    # Locked means locked: the editor's edit URL says why and how, with no form.
    log_in(page, base, "nitikan@samruean.go.th")
    response = page.goto(f"{base}/agency/samruean/plans/{plan.pk}/measures/{first.pk}/edit/")
    assert response is not None and response.status == 409
    assert page.locator("form.measure-form").count() == 0
    assert page.locator("button:has-text('เปิดฉบับใหม่เพื่อแก้ไข')").count() == 1
    steps.shot("editor-locked-plan")

    # The o27 prints the signer of the profile.
    pdf = page.request.get(f"{base}/agency/samruean/plans/{plan.pk}/document.pdf")
    assert pdf.ok
    path = SCREENSHOTS / "first-day-o27.pdf"
    path.write_bytes(pdf.body())
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    assert SIGNER in text and SIGNER_POSITION in text
    last_page = text.count("\f")  # the approval block closes the document
    if shutil.which("pdftoppm"):
        subprocess.run(
            [
                "pdftoppm", "-png", "-r", "80", "-singlefile", "-f", str(last_page),
                str(path), str(SCREENSHOTS / "first-day-o27-signature-page"),
            ],
            check=True,
        )  # fmt: skip
