"""The progress pages do what their buttons say."""

from __future__ import annotations

import datetime as dt

from django.core import mail
from django.utils import timezone

from itaplan.domain.thai import fiscal_year_of, format_date_numeric
from itaplan.plans.models import Plan
from itaplan.progress import selectors
from itaplan.progress.models import ProgressUpdate, ReportingRound
from itaplan.progress.tests.base import ProgressTestCase, make_plan, pdf

Status = ProgressUpdate.Status


class DashboardTests(ProgressTestCase):
    def test_it_shows_every_measure_to_the_officer_with_the_next_reporting_date(self) -> None:
        self.login(self.member)
        response = self.client.get(self.url("progress:dashboard"))
        self.assertContains(response, "เผยแพร่แผนการใช้จ่ายงบประมาณประจำปี")
        self.assertContains(response, "ปรับปรุงคู่มือการปฏิบัติงาน")
        self.assertContains(response, "กำหนดรายงานผลครั้งถัดไป")
        board = response.context["board"]
        self.assertEqual(board.next_round.round, self.six)

    def test_a_unit_member_sees_only_its_units_measures(self) -> None:
        self.login(self.unit_member)
        response = self.client.get(self.url("progress:dashboard"))
        self.assertContains(response, "เผยแพร่แผนการใช้จ่ายงบประมาณประจำปี")
        self.assertNotContains(response, "ปรับปรุงคู่มือการปฏิบัติงาน")
        self.assertContains(response, "แสดงเฉพาะมาตรการที่กอง/สำนักของท่านรับผิดชอบ")

    def test_it_counts_measures_by_status_and_averages_the_percent(self) -> None:
        self.report(self.finance_measure, status=Status.DONE, done_text="เสร็จ")
        self.report(self.office_measure, percent=40)
        board = selectors.dashboard(self.plan, self.plan.measures.all(), timezone.localdate())
        counts = {c.key: c.count for c in board.counts}
        self.assertEqual(
            counts, {"none": 0, "not_started": 0, "in_progress": 1, "done": 1, "cancelled": 0}
        )
        self.assertEqual(board.percent, 70)

    def test_a_cancelled_measure_does_not_count_towards_the_percent(self) -> None:
        self.report(self.finance_measure, percent=80)
        self.report(self.office_measure, status=Status.CANCELLED, cancel_reason="ยุบรวม")
        board = selectors.dashboard(self.plan, self.plan.measures.all(), timezone.localdate())
        self.assertEqual(board.percent, 80)

    def test_a_measure_past_its_end_and_not_done_is_overdue(self) -> None:
        after_end = self.finance_measure.end_date + dt.timedelta(days=1)
        self.report(self.office_measure, status=Status.DONE, done_text="เสร็จ")
        board = selectors.dashboard(self.plan, self.plan.measures.all(), after_end)
        self.assertEqual([r.measure for r in board.overdue], [self.finance_measure])

    def test_the_page_lists_last_years_overdue_measures(self) -> None:
        old = make_plan(
            self.agency,
            fiscal_year_of(timezone.localdate()) - 1,
            self.member,
            self.executive,
            [("จัดอบรมจริยธรรมบุคลากร", self.office, None)],
        )
        self.login(self.member)
        response = self.client.get(self.url("progress:dashboard") + f"?plan={old.pk}")
        self.assertContains(response, "มาตรการที่เลยกำหนดและยังไม่แล้วเสร็จ")
        self.assertContains(response, "จัดอบรมจริยธรรมบุคลากร")

    def test_an_unknown_plan_is_not_found(self) -> None:
        self.login(self.member)
        response = self.client.get(self.url("progress:dashboard") + "?plan=999999")
        self.assertEqual(response.status_code, 404)

    def test_an_agency_without_an_approved_plan_is_told_so(self) -> None:
        Plan.objects.filter(pk=self.plan.pk).update(status=Plan.Status.DRAFT)
        self.login(self.member)
        response = self.client.get(self.url("progress:dashboard"))
        self.assertContains(response, "ยังไม่มีแผนมาตรการที่อนุมัติแล้ว")


class RecordingTests(ProgressTestCase):
    def update_url(self, measure: object = None, round_: ReportingRound | None = None) -> str:
        return self.url(
            "progress:update",
            measure_id=(measure or self.finance_measure).pk,  # type: ignore[attr-defined]
            round_id=(round_ or self.six).pk,
        )

    def test_a_unit_member_records_progress_with_a_file_and_a_link(self) -> None:
        self.login(self.unit_member)
        response = self.client.post(
            self.update_url(),
            {
                "status": Status.IN_PROGRESS,
                "percent": "50",
                "done_text": "เผยแพร่แผนผ่านเว็บไซต์แล้ว",
                "links": "https://www.example.go.th/budget",
                "files": [pdf()],
            },
        )
        self.assertRedirects(
            response,
            self.url("progress:measure", measure_id=self.finance_measure.pk)
            + f"#round-{self.six.pk}",
        )
        update = ProgressUpdate.objects.get()
        self.assertEqual((update.created_by, update.percent), (self.unit_member, 50))
        self.assertEqual(update.evidence.count(), 2)
        page = self.client.get(response["Location"])
        self.assertContains(page, "เผยแพร่แผนผ่านเว็บไซต์แล้ว")
        self.assertContains(page, "รายงาน ผลการดำเนินการ.pdf")
        self.assertContains(page, "https://www.example.go.th/budget")

    def test_the_form_starts_from_the_current_report(self) -> None:
        self.report(self.finance_measure, percent=45, done_text="ทำไปแล้วเกือบครึ่ง")
        self.login(self.member)
        form = self.client.get(self.update_url()).context["form"]
        self.assertEqual(form.initial["percent"], 45)
        self.assertEqual(form.initial["done_text"], "ทำไปแล้วเกือบครึ่ง")

    def test_a_cancel_without_a_reason_is_shown_beside_the_field(self) -> None:
        self.login(self.member)
        response = self.client.post(
            self.update_url(), {"status": Status.CANCELLED, "done_text": "ไม่ทำแล้ว"}
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("cancel_reason", response.context["form"].errors)
        self.assertFalse(ProgressUpdate.objects.exists())

    def test_a_bad_link_is_refused_and_nothing_is_saved(self) -> None:
        self.login(self.member)
        response = self.client.post(
            self.update_url(),
            {"status": Status.IN_PROGRESS, "percent": "10", "done_text": "x", "links": "ไม่ใช่ลิงก์"},
        )
        self.assertIn("links", response.context["form"].errors)
        self.assertFalse(ProgressUpdate.objects.exists())

    def test_an_approved_round_says_why_and_where_to_record_instead_of_a_form(self) -> None:
        ReportingRound.objects.filter(pk=self.six.pk).update(
            status=ReportingRound.Status.APPROVED,
            approver_name="สมชาย ใจดี",
            approved_at=timezone.localdate(),
        )
        self.login(self.member)
        for method in (self.client.get, self.client.post):
            response = method(self.update_url())
            self.assertEqual(response.status_code, 409)
            self.assertContains(response, "อนุมัติแล้ว แก้ไขไม่ได้", status_code=409)
            self.assertContains(response, "บันทึกในรอบถัดไป", status_code=409)
            self.assertNotContains(response, "<textarea", status_code=409)
        self.assertFalse(ProgressUpdate.objects.exists())

    def test_the_measure_page_keeps_the_whole_history(self) -> None:
        self.report(self.finance_measure, percent=10, done_text="ครั้งแรก")
        self.report(self.finance_measure, percent=60, done_text="ครั้งที่สอง")
        self.login(self.supervisor)
        response = self.client.get(self.url("progress:measure", measure_id=self.finance_measure.pk))
        self.assertContains(response, "ครั้งแรก")
        self.assertContains(response, "ครั้งที่สอง")
        self.assertNotContains(response, "บันทึกความก้าวหน้ารอบ")  # a reader gets no button


class RoundPageTests(ProgressTestCase):
    def test_the_admin_renames_a_round(self) -> None:
        self.login(self.owner)
        new_end = self.six.end_date - dt.timedelta(days=1)
        response = self.client.post(
            self.url("progress:round_edit", round_id=self.six.pk),
            {"name": "รอบครึ่งปีแรก", "end_date": format_date_numeric(new_end)},
        )
        self.assertEqual(response.status_code, 302)
        self.six.refresh_from_db()
        self.assertEqual((self.six.name, self.six.end_date), ("รอบครึ่งปีแรก", new_end))

    def test_an_approved_rounds_edit_page_says_why_before_any_form(self) -> None:
        ReportingRound.objects.filter(pk=self.six.pk).update(
            status=ReportingRound.Status.APPROVED,
            approver_name="สมชาย ใจดี",
            approved_at=timezone.localdate(),
        )
        self.login(self.owner)
        url = self.url("progress:round_edit", round_id=self.six.pk)
        for method in (self.client.get, self.client.post):
            response = method(url, {"name": "เปลี่ยนชื่อ", "end_date": "31/3/2569"})
            self.assertContains(response, "อนุมัติแล้ว แก้ไขไม่ได้", status_code=409)
            self.assertNotContains(response, 'name="end_date"', status_code=409)
        self.six.refresh_from_db()
        self.assertNotEqual(self.six.name, "เปลี่ยนชื่อ")

    def test_a_date_outside_the_year_is_shown_beside_the_field(self) -> None:
        self.login(self.owner)
        response = self.client.post(
            self.url("progress:round_edit", round_id=self.six.pk),
            {"name": "รอบ 6 เดือน", "end_date": "1/1/2543"},
        )
        self.assertIn("end_date", response.context["form"].errors)

    def test_the_editor_submits_the_executive_sends_back_then_approves(self) -> None:
        self.report(self.finance_measure, status=Status.DONE, done_text="เผยแพร่ครบแล้ว")
        self.report(self.office_measure, percent=50, done_text="ปรับปรุงคู่มือไปครึ่งหนึ่ง")
        round_url = self.url("progress:round", round_id=self.six.pk)
        self.login(self.member)
        self.assertContains(self.client.get(round_url), "เสนออนุมัติรายงานรอบนี้")
        self.client.post(self.url("progress:round_submit", round_id=self.six.pk))
        self.assertIn(self.executive.email, [r for m in mail.outbox for r in m.to])
        self.login(self.executive)
        page = self.client.get(round_url)
        self.assertContains(page, "ส่งกลับไปแก้ไข")
        self.client.post(
            self.url("progress:round_send_back", round_id=self.six.pk),
            {"reason": "แนบรูปกิจกรรมเป็นหลักฐาน"},
        )
        self.login(self.member)
        self.assertContains(self.client.get(round_url), "แนบรูปกิจกรรมเป็นหลักฐาน")
        self.client.post(self.url("progress:round_submit", round_id=self.six.pk))
        mail.outbox.clear()
        self.login(self.executive)
        response = self.client.post(
            self.url("progress:round_approve", round_id=self.six.pk),
            {
                "approver_name": "สมชาย ใจดี",
                "approver_position": "นายกองค์การบริหารส่วนตำบลสามเรือน",
                "approved_at": format_date_numeric(timezone.localdate()),
            },
        )
        self.assertRedirects(response, self.url("progress:round", round_id=self.six.pk))
        page = self.client.get(response["Location"])
        self.assertContains(page, "อนุมัติแล้ว")
        self.assertContains(page, "นายกองค์การบริหารส่วนตำบลสามเรือน")
        # The agency's admins and editors hear of it, with the signer as approved.
        told = sorted(r for m in mail.outbox for r in m.to)
        self.assertEqual(told, sorted([self.owner.email, self.member.email]))
        self.assertIn("นายกองค์การบริหารส่วนตำบลสามเรือน", mail.outbox[0].body)
        self.assertIn(self.url("progress:round", round_id=self.six.pk), mail.outbox[0].body)
        self.assertContains(page, "เผยแพร่ครบแล้ว")
        self.assertContains(page, "ปรับปรุงคู่มือไปครึ่งหนึ่ง")

    def test_the_round_approval_date_is_shown_in_the_agencys_digits(self) -> None:
        self.login(self.executive)
        url = self.url("progress:round_approve", round_id=self.six.pk)
        today = timezone.localdate()
        thai = self.agency.thai_digits
        self.assertContains(self.client.get(url), format_date_numeric(today, thai_digits=thai))
        type(self.agency).objects.filter(pk=self.agency.pk).update(thai_digits=not thai)
        other = format_date_numeric(today, thai_digits=not thai)
        self.assertContains(self.client.get(url), f'value="{other}"')

    def test_approval_is_refused_while_measures_have_not_reported(self) -> None:
        self.login(self.executive)
        url = self.url("progress:round_approve", round_id=self.six.pk)
        self.assertContains(self.client.get(url), "ยังอนุมัติไม่ได้")
        response = self.client.post(
            url,
            {
                "approver_name": "สมชาย ใจดี",
                "approver_position": "นายก อบต.",
                "approved_at": format_date_numeric(timezone.localdate()),
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            ReportingRound.objects.get(pk=self.six.pk).status, ReportingRound.Status.OPEN
        )

    def test_the_report_shows_a_unit_member_only_its_measures(self) -> None:
        self.login(self.unit_member)
        response = self.client.get(self.url("progress:round", round_id=self.six.pk))
        self.assertContains(response, "เผยแพร่แผนการใช้จ่ายงบประมาณประจำปี")
        self.assertNotContains(response, "ปรับปรุงคู่มือการปฏิบัติงาน")


class CarryForwardPageTests(ProgressTestCase):
    def test_it_offers_the_unfinished_measures_and_starts_next_years_plan(self) -> None:
        self.report(self.finance_measure, status=Status.DONE, done_text="เสร็จ")
        self.login(self.member)
        url = self.url("progress:carry_forward", plan_id=self.plan.pk)
        page = self.client.get(url)
        self.assertContains(page, "ปรับปรุงคู่มือการปฏิบัติงาน")
        self.assertNotContains(page, "เผยแพร่แผนการใช้จ่ายงบประมาณประจำปี")
        response = self.client.post(url, {"measures": [self.office_measure.pk]})
        new = Plan.objects.get(agency=self.agency, fiscal_year=self.plan.fiscal_year + 1)
        self.assertRedirects(
            response,
            f"/agency/{self.agency.code}/plans/{new.pk}/",
            fetch_redirect_response=False,
        )
        carried = new.measures.get()
        self.assertEqual(carried.carried_from, self.office_measure)

    def test_the_carried_measure_links_back_to_last_years_history(self) -> None:
        self.report(self.office_measure, percent=30, done_text="เริ่มปรับปรุงคู่มือ")
        from itaplan.progress.services import carry_forward

        new = carry_forward(self.plan, self.member)
        carried = new.measures.get(carried_from=self.office_measure)
        self.login(self.member)
        page = self.client.get(self.url("progress:measure", measure_id=carried.pk))
        self.assertContains(page, "ดูประวัติความก้าวหน้าของปีก่อน")
        self.assertContains(page, self.url("progress:measure", measure_id=self.office_measure.pk))
        old_page = self.client.get(self.url("progress:measure", measure_id=self.office_measure.pk))
        self.assertContains(old_page, "ดูความก้าวหน้าในปีถัดไป")
