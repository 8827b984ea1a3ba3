"""Project-wide pytest fixtures: a real browser for ``@pytest.mark.browser`` tests."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest

# Playwright's sync API runs an event loop in the test thread; Django's ORM
# refuses to run there unless told it is safe (it is: one thread, one test).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_configure(config: pytest.Config) -> None:
    from django.conf import settings

    # Hashing test passwords with PBKDF2 costs seconds per test class, for nothing.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Jobs run inside the test unless a test starts a real worker (itaplan.lib.worker).
    from huey.contrib.djhuey import HUEY

    HUEY.immediate = True


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix: None) -> None:
    """SQLite tests use a database file (in memory-backed /dev/shm when there is one), not
    Django's in-memory database, so a queue worker in another process can open it."""
    import tempfile
    from pathlib import Path

    from django.conf import settings

    db = settings.DATABASES["default"]
    if db["ENGINE"] == "django.db.backends.sqlite3" and not db.get("TEST", {}).get("NAME"):
        folder = Path("/dev/shm") if Path("/dev/shm").is_dir() else Path(tempfile.gettempdir())
        db.setdefault("TEST", {})["NAME"] = str(folder / f"itaplan-test-{os.getpid()}.sqlite3")


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    from itaplan.lib.browser import launch

    yield from launch()


@pytest.fixture
def browser_page(chromium: Any) -> Iterator[Any]:
    """A fresh browser page in Thai, phone-width friendly screenshots aside."""
    context = chromium.new_context(locale="th-TH", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()
