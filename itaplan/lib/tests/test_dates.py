"""The one Buddhist-era date field every form uses: reading, range messages, the picker."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.test import SimpleTestCase
from django.utils import translation

from itaplan.lib.dates import ThaiDateField, use_digits


class TimeframeForm(forms.Form):
    start = ThaiDateField(
        label="วันเริ่ม", min_date=dt.date(2025, 10, 1), max_date=dt.date(2026, 9, 30)
    )
    end = ThaiDateField(label="วันสิ้นสุด", required=False)


class ThaiDateFieldTestCase(SimpleTestCase):
    def test_it_reads_what_a_person_types_in_the_buddhist_era(self) -> None:
        form = TimeframeForm({"start": "๑ มี.ค. ๒๕๖๙", "end": "30/9/2569"})
        self.assertTrue(form.is_valid(), form.errors)
        self.assertEqual(form.cleaned_data["start"], dt.date(2026, 3, 1))
        self.assertEqual(form.cleaned_data["end"], dt.date(2026, 9, 30))

    def test_out_of_range_says_the_range_in_the_form_the_field_shows(self) -> None:
        form = TimeframeForm({"start": "1/10/2567"})
        self.assertEqual(form.errors["start"], ["วันที่ต้องอยู่ระหว่าง 1/10/2568 ถึง 30/9/2569"])
        thai = TimeframeForm({"start": "1/10/2567"})
        use_digits(thai, True)
        self.assertEqual(thai.errors["start"], ["วันที่ต้องอยู่ระหว่าง ๑/๑๐/๒๕๖๘ ถึง ๓๐/๙/๒๕๖๙"])

    def test_a_christian_era_year_is_refused_not_shifted(self) -> None:
        form = TimeframeForm({"start": "1/10/2025"})
        self.assertIn("ไม่ใช่ปีพุทธศักราช", form.errors["start"][0])

    def test_the_box_shows_the_buddhist_era_in_the_agency_digits_with_a_thai_calendar(self) -> None:
        form = TimeframeForm(initial={"start": dt.date(2025, 10, 1)})
        use_digits(form, True)
        html = str(form["start"])
        self.assertIn('value="๑/๑๐/๒๕๖๘"', html)
        self.assertNotIn('type="date"', html)
        self.assertIn('locale="th-TH-u-ca-buddhist-nu-thai"', html)
        self.assertIn('min="2025-10-01" max="2026-09-30"', html)
        self.assertIn('aria-label="เลือกวันที่จากปฏิทิน"', html)

    def test_in_english_the_messages_and_calendar_are_english_and_the_era_stays_buddhist(
        self,
    ) -> None:
        with translation.override("en"):
            form = TimeframeForm({"start": "1/10/2567"})
            self.assertEqual(
                form.errors["start"], ["The date must be between 1/10/2568 and 30/9/2569"]
            )
            self.assertIn('locale="en-GB-u-ca-buddhist"', str(form["start"]))
