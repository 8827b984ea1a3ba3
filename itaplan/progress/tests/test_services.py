"""Rounds, progress history, approval and carry-forward, through the services."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from itaplan.domain.thai import fiscal_year_bounds
from itaplan.plans import services as plans
from itaplan.plans.models import Plan
from itaplan.progress import report, selectors, services
from itaplan.progress.approvals import waiting_for
from itaplan.progress.models import ProgressUpdate, ReportingRound
from itaplan.progress.services import ProgressData, ProgressError
from itaplan.progress.tests.base import ProgressTestCase

Status = ProgressUpdate.Status


class RoundTests(ProgressTestCase):
    def test_an_approved_plan_gets_a_6_month_and_a_12_month_round(self) -> None:
        year_start, year_end = fiscal_year_bounds(self.plan.fiscal_year)
        self.assertEqual(self.six.name, "รอบ 6 เดือน")
        self.assertEqual(self.six.end_date, dt.date(year_end.year, 3, 31))
        self.assertEqual(self.twelve.name, "รอบ 12 เดือน")
        self.assertEqual(self.twelve.end_date, year_end)
        self.assertTrue(year_start < self.six.end_date < self.twelve.end_date)
        self.assertEqual(self.six.status, ReportingRound.Status.OPEN)

    def test_ensuring_rounds_twice_creates_nothing_more(self) -> None:
        services.ensure_rounds(self.plan)
        services.ensure_rounds(self.plan)
        self.assertEqual(ReportingRound.objects.filter(plan=self.plan).count(), 2)

    def test_a_draft_plan_has_no_rounds(self) -> None:
        draft = plans.create_plan(self.agency, self.plan.fiscal_year + 1, self.member)
        self.assertEqual(services.ensure_rounds(draft), [])

    def test_a_plan_approved_without_the_signal_gets_its_rounds_on_first_visit(self) -> None:
        ReportingRound.objects.filter(plan=self.plan).delete()
        rounds = services.ensure_rounds(self.plan)
        self.assertEqual([r.name for r in rounds], ["รอบ 6 เดือน", "รอบ 12 เดือน"])

    def test_an_agency_admin_renames_a_round_and_moves_its_end(self) -> None:
        new_end = self.six.end_date - dt.timedelta(days=10)
        services.update_round(self.six, self.owner, "รอบครึ่งปี", new_end)
        self.six.refresh_from_db()
        self.assertEqual((self.six.name, self.six.end_date), ("รอบครึ่งปี", new_end))

    def test_an_editor_cannot_change_a_round(self) -> None:
        with self.assertRaises(ProgressError):
            services.update_round(self.six, self.member, "รอบใหม่", self.six.end_date)

    def test_a_round_cannot_end_outside_the_plan_year(self) -> None:
        _, year_end = fiscal_year_bounds(self.plan.fiscal_year)
        with self.assertRaises(ProgressError) as caught:
            services.update_round(self.six, self.owner, "รอบ 6 เดือน", year_end.replace(month=12))
        self.assertEqual(caught.exception.field, "end_date")

    def test_two_rounds_of_a_plan_cannot_share_a_name(self) -> None:
        with self.assertRaises(ProgressError) as caught:
            services.update_round(self.six, self.owner, "รอบ 12 เดือน", self.six.end_date)
        self.assertEqual(caught.exception.field, "name")


class HistoryTests(ProgressTestCase):
    def test_every_save_is_a_new_row_and_the_newest_is_current(self) -> None:
        first = self.report(self.finance_measure, percent=20, done_text="เริ่มรวบรวมข้อมูล")
        second = self.report(self.finance_measure, percent=60, done_text="จัดทำร่างแผนแล้ว")
        self.assertEqual(
            [u.pk for u in selectors.history(self.finance_measure)], [second.pk, first.pk]
        )
        first.refresh_from_db()
        self.assertEqual((first.percent, first.done_text), (20, "เริ่มรวบรวมข้อมูล"))
        current = selectors.current_updates([self.finance_measure])[self.finance_measure.pk]
        self.assertEqual(current.pk, second.pk)

    def test_it_records_who_and_when(self) -> None:
        update = self.report(self.finance_measure, user=self.unit_member)
        self.assertEqual(update.created_by, self.unit_member)
        self.assertLess(timezone.now() - update.created_at, dt.timedelta(minutes=1))

    def test_done_means_100_percent_and_not_started_means_0(self) -> None:
        done = self.report(self.finance_measure, status=Status.DONE, percent=70)
        self.assertEqual(done.percent, 100)
        waiting = self.report(self.office_measure, status=Status.NOT_STARTED, percent=30)
        self.assertEqual(waiting.percent, 0)

    def test_cancelling_needs_a_reason(self) -> None:
        with self.assertRaises(ProgressError) as caught:
            self.report(self.finance_measure, status=Status.CANCELLED)
        self.assertEqual(caught.exception.field, "cancel_reason")
        update = self.report(
            self.finance_measure, status=Status.CANCELLED, cancel_reason="ซ้ำกับมาตรการอื่น"
        )
        self.assertEqual(update.cancel_reason, "ซ้ำกับมาตรการอื่น")

    def test_percent_must_be_between_0_and_100(self) -> None:
        for bad in (-1, 101):
            with self.assertRaises(ProgressError) as caught:
                self.report(self.finance_measure, percent=bad)
            self.assertEqual(caught.exception.field, "percent")

    def test_work_in_progress_says_what_was_done(self) -> None:
        with self.assertRaises(ProgressError) as caught:
            self.report(self.finance_measure, done_text="   ")
        self.assertEqual(caught.exception.field, "done_text")

    def test_links_must_be_web_addresses(self) -> None:
        for bad in ("ftp://example.org/a.pdf", "javascript:alert(1)", "www.example.org"):
            with self.assertRaises(ProgressError) as caught:
                self.report(self.finance_measure, links=[bad])
            self.assertEqual(caught.exception.field, "links")
        self.assertFalse(ProgressUpdate.objects.exists())

    def test_links_are_kept_once_each_as_evidence(self) -> None:
        link = "https://www.bankham.go.th/news/ประกาศ?id=1"
        update = self.report(self.finance_measure, links=[link, " " + link, ""])
        self.assertEqual([e.url for e in update.evidence.all()], [link])

    def test_words_before_a_link_are_its_title_in_the_o28(self) -> None:
        link = "https://www.bankham.go.th/order/15"
        update = self.report(
            self.finance_measure,
            links=[f"คำสั่งแต่งตั้งคณะทำงาน ปี 2566 {link}", link + "?x=1"],
            problems="  รอผลการพิจารณางบประมาณ  ",
            next_step="เสนอผู้บริหารลงนาม",
        )
        evidence = list(update.evidence.all())
        self.assertEqual(
            [(e.title, e.url) for e in evidence],
            [("คำสั่งแต่งตั้งคณะทำงาน ปี 2566", link), ("", link + "?x=1")],
        )
        self.assertEqual(evidence[0].label, "คำสั่งแต่งตั้งคณะทำงาน ปี 2566")
        self.assertEqual(
            (update.problems, update.next_step), ("รอผลการพิจารณางบประมาณ", "เสนอผู้บริหารลงนาม")
        )
        row = next(
            r
            for r in report.progress_document(self.six).measures
            if r.title == self.finance_measure.title
        )
        self.assertEqual(
            [(e.name, e.url) for e in row.evidence],
            [("คำสั่งแต่งตั้งคณะทำงาน ปี 2566", link), ("", link + "?x=1")],
        )
        self.assertEqual(
            (row.problems, row.next_step), ("รอผลการพิจารณางบประมาณ", "เสนอผู้บริหารลงนาม")
        )

    def test_a_unit_member_cannot_report_on_another_units_measure(self) -> None:
        with self.assertRaises(ProgressError):
            self.report(self.office_measure, user=self.unit_member)
        self.report(self.office_measure, user=self.clerk)

    def test_supervisors_executives_and_outsiders_cannot_report(self) -> None:
        for user in (self.supervisor, self.executive, self.outsider):
            with self.assertRaises(ProgressError):
                self.report(self.finance_measure, user=user)
        self.assertFalse(ProgressUpdate.objects.exists())

    def test_a_round_of_another_plan_is_refused(self) -> None:
        other = ReportingRound.objects.create(
            plan=Plan.objects.create(agency=self.agency, fiscal_year=2500),
            order=1,
            name="รอบอื่น",
            end_date=dt.date(1957, 3, 31),
        )
        with self.assertRaises(ProgressError):
            self.report(self.finance_measure, round_=other)

    def test_a_measure_finished_in_an_earlier_round_stands_done_in_the_later_one(self) -> None:
        self.report(self.finance_measure, status=Status.DONE, done_text="เผยแพร่แล้ว")
        standing = selectors.current_updates([self.finance_measure], self.twelve)
        self.assertEqual(standing[self.finance_measure.pk].status, Status.DONE)
        self.assertEqual(
            selectors.lacking_in_round([self.finance_measure, self.office_measure], self.twelve),
            [self.office_measure],
        )


class ApprovalTests(ProgressTestCase):
    def report_all(self, *, submit: bool = True) -> None:
        self.report(self.finance_measure, status=Status.DONE, done_text="เผยแพร่แล้ว")
        self.report(self.office_measure, done_text="ปรับปรุงคู่มือแล้วครึ่งหนึ่ง", percent=50)
        if submit:
            services.submit_round(self.six, self.member)

    def approve(self, user: object = None) -> ReportingRound:
        return services.approve_round(
            self.six, user or self.executive, "สมชาย ใจดี", "นายก อบต.", timezone.localdate()
        )

    def test_the_executive_approves_a_round_with_name_position_and_date(self) -> None:
        self.report_all()
        round_ = self.approve()
        self.assertEqual(round_.status, ReportingRound.Status.APPROVED)
        self.assertEqual(
            (round_.approver_name, round_.approver_position, round_.approved_by),
            ("สมชาย ใจดี", "นายก อบต.", self.executive),
        )

    def test_only_the_executive_approves(self) -> None:
        self.report_all()
        for user in (self.owner, self.member, self.unit_member, self.supervisor):
            with self.assertRaises(ProgressError):
                self.approve(user)

    def test_a_round_with_unreported_measures_cannot_be_submitted_or_approved(self) -> None:
        self.report(self.finance_measure)
        with self.assertRaises(ProgressError) as caught:
            services.submit_round(self.six, self.member)
        self.assertIn("ยังเสนออนุมัติไม่ได้", caught.exception.message)
        self.assertIn("ปรับปรุงคู่มือการปฏิบัติงาน", caught.exception.message)
        with self.assertRaises(ProgressError) as caught:
            self.approve()
        self.assertIn("ปรับปรุงคู่มือการปฏิบัติงาน", caught.exception.message)

    def test_a_fully_reported_round_is_approved_only_once_submitted(self) -> None:
        self.report_all(submit=False)
        with self.assertRaises(ProgressError) as caught:
            self.approve()
        self.assertIn("ต้องเสนออนุมัติก่อน", caught.exception.message)
        for user in (self.unit_member, self.executive, self.supervisor):
            with self.assertRaises(ProgressError):
                services.submit_round(self.six, user)
        services.submit_round(self.six, self.member)
        self.assertEqual(self.approve().status, ReportingRound.Status.APPROVED)
        kinds = list(self.six.events.values_list("kind", flat=True))
        self.assertEqual(kinds, ["submitted", "approved"])

    def test_the_executive_sends_a_round_back_with_the_reason_kept_in_its_history(self) -> None:
        self.report_all()
        with self.assertRaises(ProgressError) as caught:
            services.send_back_round(self.six, self.executive, "  ")
        self.assertEqual(caught.exception.field, "reason")
        with self.assertRaises(ProgressError):
            services.send_back_round(self.six, self.member, "แก้ไข")
        services.send_back_round(self.six, self.executive, "แนบหลักฐานการเผยแพร่ด้วย")
        self.six.refresh_from_db()
        self.assertEqual(self.six.status, ReportingRound.Status.OPEN)
        self.assertEqual(self.six.events.last().reason, "แนบหลักฐานการเผยแพร่ด้วย")
        with self.assertRaises(ProgressError):
            self.approve()
        services.submit_round(self.six, self.member)
        self.assertTrue(self.approve().is_locked)

    def test_an_approved_round_is_locked(self) -> None:
        self.report_all()
        self.approve()
        with self.assertRaises(ProgressError) as caught:
            self.report(self.finance_measure)
        self.assertEqual(caught.exception.field, "round")
        with self.assertRaises(ProgressError):
            services.update_round(self.six, self.owner, "รอบใหม่", self.six.end_date)
        with self.assertRaises(ProgressError):
            self.approve()

    def test_the_approval_date_cannot_be_in_the_future(self) -> None:
        self.report_all()
        with self.assertRaises(ProgressError) as caught:
            services.approve_round(
                self.six,
                self.executive,
                "สมชาย ใจดี",
                "นายก อบต.",
                timezone.localdate() + dt.timedelta(days=1),
            )
        self.assertEqual(caught.exception.field, "approved_at")

    def test_the_approval_date_cannot_be_before_the_submission(self) -> None:
        self.report_all()
        for day in (dt.date(1900, 1, 1), timezone.localdate() - dt.timedelta(days=1)):
            with self.assertRaises(ProgressError) as caught:
                services.approve_round(self.six, self.executive, "สมชาย ใจดี", "นายก อบต.", day)
            self.assertEqual(caught.exception.field, "approved_at")
            self.assertIn("ต้องไม่ก่อนวันที่เสนออนุมัติ", caught.exception.message)
        self.six.refresh_from_db()
        self.assertFalse(self.six.is_locked)

    def test_a_submitted_round_waits_for_the_executive_only(self) -> None:
        self.report(self.finance_measure, status=Status.DONE, done_text="เผยแพร่แล้ว")
        self.assertEqual([w.round for w in waiting_for(self.executive) if w.round], [])
        self.report(self.office_measure, done_text="ปรับปรุงคู่มือแล้วครึ่งหนึ่ง", percent=50)
        self.assertEqual([w.round for w in waiting_for(self.executive) if w.round], [])
        services.submit_round(self.six, self.member)
        self.assertIn(self.six, [w.round for w in waiting_for(self.executive)])
        for user in (self.owner, self.member, self.supervisor, self.outsider):
            self.assertEqual(waiting_for(user), [])
        self.approve()
        self.assertNotIn(self.six, [w.round for w in waiting_for(self.executive)])


class CarryForwardTests(ProgressTestCase):
    def test_only_unfinished_measures_are_offered(self) -> None:
        self.report(self.finance_measure, status=Status.DONE, done_text="เผยแพร่แล้ว")
        self.assertEqual(selectors.unfinished_measures(self.plan), [self.office_measure])

    def test_a_cancelled_measure_is_not_offered(self) -> None:
        self.report(self.office_measure, status=Status.CANCELLED, cancel_reason="ยุบรวม")
        self.assertEqual(selectors.unfinished_measures(self.plan), [self.finance_measure])

    def test_next_years_plan_takes_the_unfinished_measures_linked_to_their_history(self) -> None:
        self.report(self.finance_measure, status=Status.DONE, done_text="เผยแพร่แล้ว")
        self.report(self.office_measure, percent=30)
        new = services.carry_forward(self.plan, self.member)
        self.assertEqual(new.fiscal_year, self.plan.fiscal_year + 1)
        carried = list(new.measures.all())
        self.assertEqual([m.title for m in carried], ["ปรับปรุงคู่มือการปฏิบัติงาน"])
        self.assertEqual(carried[0].carried_from, self.office_measure)
        self.assertEqual(list(carried[0].units.all()), [self.office])

    def test_a_finished_measure_cannot_be_carried(self) -> None:
        self.report(self.finance_measure, status=Status.DONE, done_text="เผยแพร่แล้ว")
        with self.assertRaises(ProgressError) as caught:
            services.carry_forward(self.plan, self.member, [self.finance_measure.pk])
        self.assertIn("แล้วเสร็จ", caught.exception.message)
        self.assertFalse(Plan.objects.filter(fiscal_year=self.plan.fiscal_year + 1).exists())

    def test_only_admins_and_editors_start_next_years_plan(self) -> None:
        for user in (self.unit_member, self.executive, self.supervisor):
            with self.assertRaises(ProgressError):
                services.carry_forward(self.plan, user)


class ProgressDataTests(ProgressTestCase):
    def test_cancelling_without_a_percent_keeps_the_last_one(self) -> None:
        self.report(self.finance_measure, percent=35)
        update = services.record_progress(
            self.finance_measure,
            self.six,
            self.member,
            ProgressData(status=Status.CANCELLED, cancel_reason="งบประมาณถูกตัด"),
        )
        self.assertEqual(update.percent, 35)
