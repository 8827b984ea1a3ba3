"""A provincial supervisor in a real Chromium: sees its province only, sorts, filters,
drills into an agency and finds nothing to edit."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User

from itaplan.agencies.models import Membership, SupervisorScope
from itaplan.lib import browser
from itaplan.lib.browser import screenshot
from itaplan.supervision.tests.conftest import Country, build_country

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "pw-northern-1234"


@pytest.fixture
def live_country(transactional_db: None) -> Country:
    country = build_country()
    user = User.objects.create_user("northern", password=PASSWORD)
    SupervisorScope.objects.create(user=user, province=country.north)
    return country


def log_in(page: Any, live_server: Any) -> None:
    browser.log_in(page, live_server.url, "northern", PASSWORD)


def table_names(page: Any) -> list[str]:
    return [
        name.strip()
        for name in page.locator("[data-testid=heat-table] tbody td.agency a").all_inner_texts()
    ]


def assert_nothing_to_edit(page: Any) -> None:
    """No form that writes and no link to a page that writes, in the page's content."""
    assert page.locator("main form[method=post]").count() == 0
    for path in ("/new/", "/import/", "/edit/", "/approve/", "/submit/", "/record/"):
        assert page.locator(f"main a[href*='{path}']").count() == 0, path


def test_a_provincial_supervisor_reads_its_province_and_edits_nothing(
    browser_page: Any, live_server: Any, live_country: Country
) -> None:
    page = browser_page
    log_in(page, live_server)
    page.goto(f"{live_server.url}/supervision/")
    screenshot(page, "supervision-dashboard")

    assert "จ.เหนือ" in page.locator("[data-testid=scope]").inner_text()
    assert table_names(page) == ["อบต.อัลฟา", "อบต.ชาร์ลี", "ทต.บราโว", "อบต.เดลตา"]
    body = page.locator("main").inner_text()
    for southern in live_country.southern:
        assert southern.name not in body
    assert page.locator("[data-testid=agency-count]").inner_text() == "4"
    assert page.locator("#f-province").count() == 0  # one province: nothing to choose

    # Sort by name, then reverse.
    page.locator("thead a", has_text="หน่วยงาน").click()
    page.wait_for_url("**sort=name**")
    assert table_names(page) == sorted(table_names(page))
    page.locator("thead a", has_text="หน่วยงาน").click()
    page.wait_for_url("**sort=-name**")
    assert table_names(page) == sorted(table_names(page), reverse=True)
    # Sort by indicator 9: the OIT tail comes first.
    page.locator("thead th.ind a", has_text="9").click()
    page.wait_for_url("**sort=i9**")
    assert table_names(page)[0] == "ทต.บราโว"
    screenshot(page, "supervision-sorted")

    # Filter by district and kind.
    page.select_option("#f-district", label="ดอย")
    page.select_option("#f-kind", value="sao")
    page.locator("form.sv-filters button[type=submit]").click()
    page.wait_for_url("**district=**")
    assert sorted(table_names(page)) == ["อบต.ชาร์ลี", "อบต.เดลตา"]
    assert page.locator("[data-testid=agency-count]").inner_text() == "2"
    screenshot(page, "supervision-filtered")

    # Drill into an agency: its result, read-only.
    page.locator("td.agency a", has_text="อบต.ชาร์ลี").click()
    page.wait_for_url("**/agency/N-C/results/2568/")
    assert "อบต.ชาร์ลี" in page.locator("main").inner_text()
    assert_nothing_to_edit(page)
    screenshot(page, "supervision-agency-result")

    # An approved plan of another agency in the province: read-only too.
    page.goto(f"{live_server.url}/supervision/")
    page.locator("a.plan-approved").first.click()
    page.wait_for_url("**/agency/N-A/plans/**")
    assert_nothing_to_edit(page)
    screenshot(page, "supervision-agency-plan")

    # Another province's agency does not exist for this supervisor.
    response = page.goto(f"{live_server.url}/agency/S-E/results/")
    assert response is not None and response.status == 404


def test_the_dashboard_fits_a_phone(
    browser_page: Any, live_server: Any, live_country: Country
) -> None:
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live_server)
    page.goto(f"{live_server.url}/supervision/")
    # The page itself does not scroll sideways; only the table does, inside its frame.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390 + 1
    screenshot(page, "supervision-phone")


def test_the_read_only_check_sees_an_editors_controls(
    browser_page: Any, live_server: Any, live_country: Country
) -> None:
    """The same check on the same page fails for the agency's admin: it does detect controls."""
    admin = User.objects.create_user("charlie-admin", password=PASSWORD)
    Membership.objects.create(user=admin, agency=live_country.charlie, role="admin")
    page = browser_page
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "charlie-admin")
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/agency/N-C/results/2568/")
    with pytest.raises(AssertionError):
        assert_nothing_to_edit(page)
