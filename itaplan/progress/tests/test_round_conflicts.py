"""No lost update on reporting rounds: a stale round form is refused with what changed."""

from __future__ import annotations

import html

from django.test import Client

from itaplan.domain.thai import format_date_numeric
from itaplan.plans.tests.test_edit_conflicts import edit_token
from itaplan.progress.tests.base import ProgressTestCase


class RoundConflictTests(ProgressTestCase):
    def test_the_later_of_two_round_edits_is_refused_with_what_changed(self) -> None:
        url = self.url("progress:round_edit", round_id=self.six.pk)
        first, second = Client(), Client()
        first.force_login(self.owner)
        second.force_login(self.owner)
        seen_first = edit_token(first.get(url).content.decode())
        seen_second = edit_token(second.get(url).content.decode())
        end = format_date_numeric(self.six.end_date)
        old_name = self.six.name
        saved = second.post(url, {"name": "รอบครึ่งปี", "end_date": end, "edit_token": seen_second})
        self.assertEqual(saved.status_code, 302)
        stale = first.post(url, {"name": "รอบหกเดือน", "end_date": end, "edit_token": seen_first})
        page = html.unescape(stale.content.decode())
        self.assertIn("มีผู้อื่นบันทึกการแก้ไขรอบการรายงานผลนี้", page)
        self.assertIn(f"ชื่อรอบ: จาก '{old_name}' เป็น 'รอบครึ่งปี'", page)
        self.six.refresh_from_db()
        self.assertEqual(self.six.name, "รอบครึ่งปี")
        again = first.post(
            url, {"name": "รอบหกเดือน", "end_date": end, "edit_token": edit_token(page)}
        )
        self.assertEqual(again.status_code, 302)
        self.six.refresh_from_db()
        self.assertEqual(self.six.name, "รอบหกเดือน")
