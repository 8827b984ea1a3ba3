"""The measure form's dates are typed or picked in the Buddhist era, never mm/dd/yyyy."""

from __future__ import annotations

from typing import Any

import pytest

from itaplan.lib.browser import log_in, screenshot
from itaplan.plans.models import Plan
from itaplan.plans.tests.conftest import PASSWORD, People

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_thai_calendar_opens_on_the_typed_day_and_writes_the_picked_one_in_thai_digits(
    browser_page: Any, live_server: Any, people: People, plan: Plan
) -> None:
    page = browser_page
    log_in(page, live_server.url, people.editor.get_username(), PASSWORD)
    page.goto(f"{live_server.url}/agency/samruean/plans/{plan.pk}/measures/new/")
    assert page.locator("input[type=date]").count() == 0
    assert page.input_value("#id_start_date") == "๑/๑๐/๒๕๖๘"

    page.fill("#id_end_date", "15/3/2569")
    page.click("#id_end_date + button")
    calendar = page.locator("#id_end_date_calendar calendar-date")
    calendar.wait_for()
    # The browser's Thai calendar heads the month in the Buddhist era: 2569, never 2026.
    heading = calendar.evaluate("el => el.shadowRoot.textContent") + page.locator(
        "#id_end_date_calendar calendar-month"
    ).evaluate("el => el.shadowRoot.textContent")
    assert "มีนาคม" in heading and "๒๕๖๙" in heading and "2026" not in heading
    screenshot(page, "date-picker-open")
    page.locator("#id_end_date_calendar calendar-month").evaluate(
        "el => [...el.shadowRoot.querySelectorAll('button')].find(b => b.textContent.trim() === '20').click()"
    )
    assert page.input_value("#id_end_date") == "๒๐/๓/๒๕๖๙"
    assert not page.locator("#id_end_date_calendar").evaluate("el => el.matches(':popover-open')")
