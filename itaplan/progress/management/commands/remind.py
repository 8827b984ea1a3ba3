"""``itaplan remind``: e-mail today's due-soon, overdue and round-closing reminders.

Meant for a daily cron line or systemd timer, e.g.
``0 7 * * * /srv/itaplan/.venv/bin/itaplan remind``. Safe to run more than once a
day: what was sent is logged and not sent again.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from itaplan.progress.reminders import send_reminders


class Command(BaseCommand):
    help = "ส่งอีเมลแจ้งเตือนมาตรการที่ใกล้ครบกำหนด เลยกำหนด และรอบรายงานผลที่ใกล้ครบกำหนด"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="แสดงอีเมลที่จะส่ง โดยไม่ส่งและไม่บันทึก",
        )
        parser.add_argument(
            "--date",
            help="ถือว่าวันนี้คือวันที่นี้ (YYYY-MM-DD, ค.ศ.) สำหรับทดสอบ",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        if options["date"]:
            try:
                today = dt.date.fromisoformat(options["date"])
            except ValueError:
                raise CommandError(f"--date: '{options['date']}' ไม่ใช่วันที่ YYYY-MM-DD") from None
        dry_run = options["dry_run"]
        report = send_reminders(today, dry_run=dry_run)
        for email in report.emails:
            if dry_run:
                self.stdout.write(f"→ {email.recipient.email}: {email.subject}")  # type: ignore[attr-defined]
                self.stdout.write(email.body)
                self.stdout.write("")
        failed = {id(e) for e, _ in report.failed}
        sent = sum(1 for e in report.emails if id(e) not in failed)
        for email, error in report.failed:
            self.stderr.write(f"ส่งไม่สำเร็จ {email.recipient.email}: {error}")  # type: ignore[attr-defined]
        if dry_run:
            self.stdout.write(f"ทดลอง (--dry-run): จะส่งอีเมล {sent} ฉบับ ไม่ได้ส่งจริง")
        else:
            self.stdout.write(f"ส่งอีเมลแจ้งเตือนแล้ว {sent} ฉบับ")
        if report.failed:
            raise CommandError(f"ส่งไม่สำเร็จ {len(report.failed)} ฉบับ จะลองใหม่ในครั้งถัดไป")
