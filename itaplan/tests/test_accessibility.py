"""axe-core finds no serious or critical violation on the main pages of each role.

The demo site (itaplan/tests/site.py) in Thai and in English, in a real Chromium; axe-core
4.14.1 is vendored (itaplan/lib/tests/axe, with its licence) and injected into each page.
Pages are also checked at 390 px wide: nothing but a table scrolls sideways.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from itaplan.lib.browser import screenshot
from itaplan.tests.site import ROLES, load_site, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parents[1] / "lib" / "tests" / "axe" / "axe.min.js"
RUN_AXE = """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
  .filter(v => v.impact === 'serious' || v.impact === 'critical')
  .map(v => `${v.id} (${v.impact}): ${v.nodes.map(n => n.target.join(' ')).join(', ')}`)"""
#: Wider than the viewport and not inside a scrolling table wrapper.
OVERFLOW = """() => [...document.querySelectorAll('body *')].filter(el => {
  const box = el.getBoundingClientRect();
  return box.right > window.innerWidth + 1 && !el.closest('.table-wrap, [popover]');
}).slice(0, 3).map(el => el.tagName + '.' + el.className)"""


def test_the_main_pages_of_every_role_pass_axe_in_thai_and_english_and_fit_390_px(
    chromium: Any, live_server: Any, settings: Any
) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    site = load_site()
    axe = AXE.read_text(encoding="utf-8")
    problems: list[str] = []
    checked = 0
    for language in ("th", "en"):
        for width in (1280, 390):
            context = chromium.new_context(locale="th-TH", viewport={"width": width, "height": 900})
            page = context.new_page()
            for role in ROLES:
                log_in(page, live_server.url, role, language)
                for path in site.pages[role]:
                    response = page.goto(live_server.url + path)
                    assert response is not None and response.status == 200, (role, path)
                    where = f"{language} {width}px {role} {path}"
                    if width == 390:
                        problems += [f"{where}: overflows: {e}" for e in page.evaluate(OVERFLOW)]
                        if role in ("editor", "executive") and path.count("/") > 3:
                            screenshot(
                                page,
                                f"a11y-{language}-390-{role}-{path.strip('/').replace('/', '-')}",
                            )
                        continue
                    page.evaluate(axe)
                    problems += [f"{where}: {v}" for v in page.evaluate(RUN_AXE)]
                    checked += 1
            context.close()
    assert checked >= 2 * 25
    assert not problems, "\n".join(problems)
