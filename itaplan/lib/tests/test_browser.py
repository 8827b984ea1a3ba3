"""Browser tests skip without Chromium, unless CI requires them (then they fail)."""

from __future__ import annotations

from pathlib import Path

import pytest

from itaplan.lib import browser


def test_it_skips_without_chromium(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(browser, "CHROMIUM", Path("/nonexistent/chromium"))
    monkeypatch.delenv("ITAPLAN_REQUIRE_BROWSER", raising=False)
    with pytest.raises(pytest.skip.Exception, match="install Debian's chromium"):
        browser.require_chromium()


def test_it_fails_without_chromium_when_required(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(browser, "CHROMIUM", Path("/nonexistent/chromium"))
    monkeypatch.setenv("ITAPLAN_REQUIRE_BROWSER", "1")
    with pytest.raises(pytest.fail.Exception, match="ITAPLAN_REQUIRE_BROWSER=1"):
        browser.require_chromium()
