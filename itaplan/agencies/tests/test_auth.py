"""Log in, log out, change and reset a password — in Thai."""

from __future__ import annotations

import re

from django.core import mail
from django.urls import reverse

from itaplan.lib.testing import PASSWORD, BaseTestCase


class AuthTestCase(BaseTestCase):
    def test_the_login_page_is_thai(self) -> None:
        response = self.client.get(reverse("login"))
        self.assertContains(response, 'lang="th"')
        self.assertContains(response, "เข้าสู่ระบบ")

    def test_a_browser_in_english_still_gets_thai(self) -> None:
        response = self.client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
        self.assertContains(response, 'lang="th"')

    def test_it_logs_in_and_out(self) -> None:
        response = self.client.post(reverse("login"), {"username": "alice", "password": PASSWORD})
        self.assertRedirects(response, reverse("home"))
        response = self.client.post(reverse("logout"))
        self.assertRedirects(response, reverse("login"))
        self.assertEqual(self.client.get(reverse("home")).status_code, 302)

    def test_a_wrong_password_is_refused_in_thai(self) -> None:
        response = self.client.post(reverse("login"), {"username": "alice", "password": "no"})
        self.assertContains(response, "notice error")
        self.assertContains(response, "ชื่อผู้ใช้")

    def test_it_changes_the_password(self) -> None:
        self.login(self.owner)
        response = self.client.post(
            reverse("password_change"),
            {
                "old_password": PASSWORD,
                "new_password1": "ใหม่-ยาวพอ-2568",
                "new_password2": "ใหม่-ยาวพอ-2568",
            },
        )
        self.assertRedirects(response, reverse("password_change_done"))
        self.owner.refresh_from_db()
        self.assertTrue(self.owner.check_password("ใหม่-ยาวพอ-2568"))

    def test_it_resets_a_forgotten_password_by_email(self) -> None:
        response = self.client.post(reverse("password_reset"), {"email": "alice@example.org"})
        self.assertRedirects(response, reverse("password_reset_done"))
        [message] = mail.outbox
        self.assertIn("ตั้งรหัสผ่านใหม่", message.subject)
        link = re.search(r"http://testserver(/accounts/reset/\S+)", message.body)
        assert link
        form = self.client.get(link[1], follow=True)
        self.assertContains(form, "new_password1")
        done = self.client.post(
            form.redirect_chain[-1][0],
            {"new_password1": "อีกครั้ง-ยาวพอ-99", "new_password2": "อีกครั้ง-ยาวพอ-99"},
        )
        self.assertRedirects(done, reverse("password_reset_complete"))

    def test_a_reset_for_an_unknown_email_sends_nothing_and_says_the_same(self) -> None:
        response = self.client.post(reverse("password_reset"), {"email": "who@example.org"})
        self.assertRedirects(response, reverse("password_reset_done"))
        self.assertEqual(mail.outbox, [])
