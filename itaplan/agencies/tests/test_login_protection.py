"""Login protection: wrong passwords lock the user name and the address; logins are audited."""

from __future__ import annotations

from typing import Any

from auditlog.models import LogEntry
from django.test import override_settings
from django.urls import reverse

from itaplan.lib.testing import PASSWORD, BaseTestCase

LIMIT = 5


@override_settings(AXES_FAILURE_LIMIT=LIMIT)
class LoginProtectionTestCase(BaseTestCase):
    def attempt(self, username: str, password: str, address: str = "198.51.100.7", **headers: Any):  # type: ignore[no-untyped-def]
        return self.client.post(
            reverse("login"),
            {"username": username, "password": password},
            REMOTE_ADDR=address,
            **headers,
        )

    def logins(self, outcome: str) -> list[LogEntry]:
        return [
            e
            for e in LogEntry.objects.filter(action=LogEntry.Action.ACCESS).order_by("pk")
            if e.changes == {"login": ["", outcome]}
        ]

    def test_forty_wrong_passwords_then_the_right_one_does_not_log_in(self) -> None:
        for _ in range(40):
            self.attempt("alice", "wrong-password")
        response = self.attempt("alice", PASSWORD)
        self.assertEqual(response.status_code, 429)
        self.assertContains(response, "ระงับการเข้าสู่ระบบชั่วคราว", status_code=429)
        self.assertContains(response, f"ใส่รหัสผ่านผิดครบ {LIMIT} ครั้ง", status_code=429)
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_the_user_name_is_locked_whatever_address_the_attempts_come_from(self) -> None:
        for n in range(LIMIT):
            self.attempt("alice", "wrong-password", address=f"203.0.113.{n + 1}")
        self.assertEqual(self.attempt("alice", PASSWORD, address="192.0.2.200").status_code, 429)
        # another person is not locked out by alice's attempts
        self.assertEqual(self.attempt("bob", PASSWORD, address="192.0.2.201").status_code, 302)

    def test_the_address_is_locked_whatever_user_names_it_tries(self) -> None:
        for n in range(LIMIT):
            self.attempt(f"guess{n}", "wrong-password", address="203.0.113.9")
        self.assertEqual(self.attempt("bob", PASSWORD, address="203.0.113.9").status_code, 429)
        self.assertEqual(self.attempt("bob", PASSWORD, address="203.0.113.10").status_code, 302)

    def test_a_forged_forwarded_for_header_does_not_escape_the_address_lock(self) -> None:
        for n in range(LIMIT):
            self.attempt(
                f"guess{n}", "x", address="203.0.113.9", HTTP_X_FORWARDED_FOR=f"10.9.9.{n}"
            )
        response = self.attempt("bob", PASSWORD, "203.0.113.9", HTTP_X_FORWARDED_FOR="10.9.9.99")
        self.assertEqual(response.status_code, 429)

    def test_failed_and_successful_logins_are_in_the_audit_with_the_address(self) -> None:
        self.attempt("alice", "wrong-password", address="203.0.113.5")
        self.attempt("nobody-here", "wrong-password", address="203.0.113.6")
        self.assertEqual(self.attempt("alice", PASSWORD, address="203.0.113.5").status_code, 302)
        failed = self.logins("failed")
        self.assertEqual([e.object_repr for e in failed], ["alice", "nobody-here"])
        self.assertEqual([e.remote_addr for e in failed], ["203.0.113.5", "203.0.113.6"])
        self.assertEqual(failed[0].object_pk, str(self.owner.pk))
        self.assertEqual(failed[1].additional_data, {"username": "nobody-here"})
        [success] = self.logins("success")
        self.assertEqual((success.actor, success.remote_addr), (self.owner, "203.0.113.5"))
