"""A file name too long to send is refused in the page, in Thai, with the typed text kept.

Driven in a real Chromium against the live server; the screenshot goes to
test-artifacts/screenshots/progress-long-file-name.png.
"""

from __future__ import annotations

from typing import Any

import pytest

from itaplan.lib.browser import screenshot
from itaplan.progress.models import ProgressUpdate
from itaplan.progress.tests.base import PDF_BYTES
from itaplan.progress.tests.test_browser import World, log_in, world  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_400_letter_thai_file_name_is_refused_before_sending(
    browser_page: Any,
    live_server: Any,
    world: World,  # noqa: F811
) -> None:
    page = browser_page
    log_in(page, live_server, "finance")
    page.goto(
        f"{live_server.url}/agency/samruean/progress/measures/"
        f"{world.finance_measure.pk}/rounds/{world.six.pk}/update/"
    )
    page.check("input[name=status][value=in_progress]")
    page.fill("#id_percent", "40")
    page.fill("#id_done_text", "กองคลังจัดทำร่างแผนแล้ว")
    long_name = "รายงานผลการดำเนินงาน" * 20 + ".pdf"
    page.set_input_files(
        "#id_files",
        files=[{"name": long_name, "mimeType": "application/pdf", "buffer": PDF_BYTES}],
    )
    page.click("form.card button[type=submit]")
    notice = page.wait_for_selector(".long-file-name")
    screenshot(page, "progress-long-file-name")
    text = notice.inner_text()
    assert "ชื่อไฟล์" in text and f"({len(long_name)} ตัวอักษร)" in text
    assert "ข้อความที่กรอกไว้ยังอยู่ครบ" in text
    assert page.input_value("#id_done_text") == "กองคลังจัดทำร่างแผนแล้ว"
    assert not ProgressUpdate.objects.exists()
