"""Deployment defaults: DEBUG off in production, /healthz, a clean `check --deploy`,
SQLite waiting for writers, and contention answered in Thai rather than with a 500."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

from django.db import OperationalError
from django.http import HttpRequest, HttpResponse
from django.test import SimpleTestCase, TestCase, override_settings
from django.urls import include, path

ROOT = Path(__file__).resolve().parents[3]


def run_django(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("ITAPLAN_", "DJANGO_"))}
    clean.pop("DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, *args],
        env={**clean, **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "itaplan.settings_production",
    "ITAPLAN_SECRET_KEY": secrets.token_urlsafe(50),
    "ITAPLAN_ALLOWED_HOSTS": "ita.example.go.th",
}


class ProductionSettingsTestCase(SimpleTestCase):
    def test_production_settings_have_debug_off_when_itaplan_debug_is_unset(self) -> None:
        done = run_django(
            "-c",
            "import django; from django.conf import settings; django.setup(); print(settings.DEBUG)",
            **PRODUCTION,
        )
        self.assertEqual(done.stdout.strip(), "False", done.stderr)

    def test_the_wsgi_entry_point_uses_the_production_settings(self) -> None:
        done = run_django(
            "-c",
            "import itaplan.wsgi, os; print(os.environ['DJANGO_SETTINGS_MODULE'])",
            ITAPLAN_SECRET_KEY="x" * 60,
        )
        self.assertEqual(done.stdout.strip(), "itaplan.settings_production", done.stderr)

    def test_check_deploy_with_the_production_settings_reports_nothing(self) -> None:
        done = run_django(
            "-m",
            "django",
            "check",
            "--deploy",
            "--fail-level",
            "DEBUG",
            DATABASE_URL="postgres://itaplan@127.0.0.1:5432/itaplan",
            ITAPLAN_EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            **PRODUCTION,
        )
        self.assertEqual(done.returncode, 0, done.stdout + done.stderr)
        self.assertIn("System check identified no issues (0 silenced).", done.stdout)

    def test_sqlite_waits_for_the_write_lock_instead_of_failing_at_once(self) -> None:
        done = run_django(
            "-c",
            "import django; from django.conf import settings; django.setup(); "
            "o = settings.DATABASES['default']['OPTIONS']; print(o['transaction_mode'], o['timeout'])",
            DJANGO_SETTINGS_MODULE="itaplan.settings",
            DATABASE_URL="sqlite:////tmp/itaplan-settings-check.sqlite3",
        )
        self.assertEqual(done.stdout.strip(), "IMMEDIATE 20", done.stderr)


@override_settings(DEBUG=False, SECURE_SSL_REDIRECT=True, SECURE_REDIRECT_EXEMPT=[r"^healthz$"])
class HealthCheckTestCase(TestCase):
    def test_healthz_answers_200_over_plain_http_without_a_redirect(self) -> None:
        response = self.client.get("/healthz")
        self.assertEqual((response.status_code, response.content), (200, b"ok\n"))
        # the old documented check redirected to HTTPS
        self.assertEqual(self.client.get("/accounts/login/").status_code, 301)

    def test_healthz_says_503_when_the_database_does_not_answer(self) -> None:
        from unittest import mock

        with mock.patch(
            "django.db.backends.utils.CursorWrapper.execute", side_effect=OperationalError("down")
        ):
            response = self.client.get("/healthz")
        self.assertEqual(response.status_code, 503)


def locked(request: HttpRequest) -> HttpResponse:
    raise OperationalError("database is locked")


def broken(request: HttpRequest) -> HttpResponse:
    raise OperationalError("no such table: nowhere")


urlpatterns = [path("locked/", locked), path("broken/", broken), path("", include("itaplan.urls"))]


@override_settings(ROOT_URLCONF=__name__)
class DatabaseBusyTestCase(TestCase):
    def test_a_locked_database_is_a_thai_try_again_page_not_a_500(self) -> None:
        response = self.client.post("/locked/")
        self.assertContains(response, "มีผู้อื่นบันทึกพร้อมกัน กรุณาลองใหม่", status_code=503)
        self.assertEqual(response["Retry-After"], "5")

    def test_other_database_errors_are_not_hidden_as_contention(self) -> None:
        self.client.raise_request_exception = False
        self.assertEqual(self.client.post("/broken/").status_code, 500)
