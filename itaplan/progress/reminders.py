"""Due-soon and overdue reminders by e-mail, run daily by cron through ``itaplan remind``.

What is reminded, about the measures of approved plans in force:

- a measure not done or cancelled whose end date is within 14 days, and again
  within 3 days (each once);
- a measure not done or cancelled whose end date has passed (again every
  :data:`OVERDUE_REPEAT_DAYS` days while it stays so, for this and last fiscal
  year's plans, unless it was carried into a later plan);
- an open round ending within 14 days in which measures have not reported yet
  (once per round).

Who: the members of the measure's responsible units, and the agency's admins and
editors (the ITA officer). A unit member hears only about its unit's measures.
Everyone gets one e-mail per agency per run listing everything new for them.

Every reminder sent is written to :class:`~itaplan.progress.models.ReminderSent`
only after its e-mail left, so running twice the same day sends nothing new,
and a mail server that fails today is retried tomorrow.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.urls import reverse

from itaplan.agencies.models import Agency, Membership
from itaplan.agencies.selectors import reachable_people
from itaplan.domain.thai import fiscal_year_of, format_date, to_thai_digits
from itaplan.plans.models import Measure, Plan
from itaplan.progress import selectors
from itaplan.progress.models import ReminderSent, ReportingRound

Kind = ReminderSent.Kind

#: Days before an end date when the first and the second reminder go out.
DUE_SOON_DAYS = 14
DUE_VERY_SOON_DAYS = 3
#: Days before a round's end date when its missing reports are reminded.
ROUND_CLOSING_DAYS = 14
#: An overdue measure is reminded again after this many days.
OVERDUE_REPEAT_DAYS = 7

#: The order and headings of the sections of an e-mail.
SECTIONS = (
    (Kind.OVERDUE, "มาตรการที่เลยกำหนดแล้วแต่ยังไม่แล้วเสร็จ"),
    (Kind.DUE_IN_3_DAYS, "มาตรการที่จะครบกำหนดภายใน 3 วัน"),
    (Kind.DUE_IN_14_DAYS, "มาตรการที่จะครบกำหนดภายใน 14 วัน"),
    (Kind.ROUND_CLOSING, "รอบการรายงานผลที่ใกล้ครบกำหนดและยังรายงานไม่ครบ"),
)


@dataclass(frozen=True)
class Reminder:
    """One thing to tell one person."""

    kind: str
    recipient: AbstractBaseUser
    agency: Agency
    measure: Measure | None = None
    round: ReportingRound | None = None
    lines: tuple[str, ...] = ()


@dataclass(frozen=True)
class Email:
    """One e-mail: everything new for one person about one agency."""

    recipient: AbstractBaseUser
    agency: Agency
    reminders: tuple[Reminder, ...]
    subject: str
    body: str


@dataclass
class RunReport:
    """What a run sent (or, dry, would send) and what failed."""

    emails: list[Email]
    failed: list[tuple[Email, str]]


def _site_url(path: str) -> str:
    return f"{settings.SITE_URL.rstrip('/')}{path}"


def _thai(agency: Agency, text: str) -> str:
    return to_thai_digits(text) if agency.thai_digits else text


def _date(agency: Agency, day: dt.date) -> str:
    return format_date(day, thai_digits=agency.thai_digits)


# --- who ----------------------------------------------------------------------------


def _reachable(user: AbstractBaseUser) -> bool:
    return bool(user.is_active and getattr(user, "email", ""))


def officers(agency: Agency) -> list[AbstractBaseUser]:
    """The agency's admins and editors who can receive e-mail."""
    return reachable_people(agency, [Membership.Role.ADMIN, Membership.Role.EDITOR])


def unit_members(measure: Measure) -> list[AbstractBaseUser]:
    """Members of the measure's responsible units who can receive e-mail."""
    users = get_user_model().objects.filter(
        memberships__agency_id=measure.plan.agency_id,
        memberships__is_active=True,
        memberships__role=Membership.Role.UNIT_MEMBER,
        memberships__unit__in=measure.units.all(),
    )
    return [u for u in users.distinct().order_by("pk") if _reachable(u)]


def recipients_of(measure: Measure) -> list[AbstractBaseUser]:
    """Who hears about a measure: its units' members, then the agency's officers."""
    found: dict[int, AbstractBaseUser] = {}
    for user in [*unit_members(measure), *officers(measure.plan.agency)]:
        found.setdefault(user.pk, user)
    return list(found.values())


# --- what ---------------------------------------------------------------------------


def _measure_lines(measure: Measure, status: str, today: dt.date) -> tuple[str, ...]:
    agency = measure.plan.agency
    units = ", ".join(u.name for u in measure.units.all()) or "–"
    days = (measure.end_date - today).days
    when = f"เลยกำหนด {-days} วัน" if days < 0 else f"อีก {days} วัน"
    url = reverse("progress:measure", args=[agency.code, measure.pk])
    return (
        f"- {measure.title}",
        _thai(
            agency,
            f"  ผู้รับผิดชอบ: {units} · สิ้นสุด {_date(agency, measure.end_date)} ({when}) · สถานะล่าสุด: {status}",
        ),
        f"  {_site_url(url)}",
    )


def _live_plans(today: dt.date) -> Iterable[Plan]:
    return (
        Plan.objects.filter(is_current=True, status=Plan.Status.APPROVED)
        .filter(fiscal_year__gte=fiscal_year_of(today) - 1)
        .select_related("agency")
    )


def measure_kind(measure: Measure, today: dt.date) -> str | None:
    """Which reminder a measure that is still open calls for today, if any."""
    days = (measure.end_date - today).days
    if days < 0:
        return Kind.OVERDUE
    if days <= DUE_VERY_SOON_DAYS:
        return Kind.DUE_IN_3_DAYS
    if days <= DUE_SOON_DAYS:
        return Kind.DUE_IN_14_DAYS
    return None


def due_reminders(today: dt.date) -> list[Reminder]:
    """Every reminder today calls for, before looking at what was already sent."""
    reminders: list[Reminder] = []
    for plan in _live_plans(today):
        measures = list(
            plan.measures.filter(end_date__lte=today + dt.timedelta(days=DUE_SOON_DAYS))
            .filter(carried_to__isnull=True)
            .prefetch_related("units")
        )
        for measure in measures:
            measure.plan = plan
        current = selectors.current_updates(measures)
        for measure in measures:
            update = current.get(measure.pk)
            if update is not None and update.is_closed:
                continue
            kind = measure_kind(measure, today)
            if kind is None:
                continue
            status = update.get_status_display() if update else "ยังไม่รายงาน"
            lines = _measure_lines(measure, status, today)
            for user in recipients_of(measure):
                reminders.append(Reminder(kind, user, plan.agency, measure=measure, lines=lines))
        reminders.extend(_round_reminders(plan, today))
    return reminders


def _round_reminders(plan: Plan, today: dt.date) -> list[Reminder]:
    agency = plan.agency
    rounds = ReportingRound.objects.filter(
        plan=plan,
        status=ReportingRound.Status.OPEN,
        end_date__gte=today,
        end_date__lte=today + dt.timedelta(days=ROUND_CLOSING_DAYS),
    )
    reminders = []
    for round_ in rounds:
        round_.plan = plan
        lacking = selectors.lacking_in_round(list(plan.measures.prefetch_related("units")), round_)
        if not lacking:
            continue
        per_user: dict[int, tuple[AbstractBaseUser, list[Measure]]] = {}
        for measure in lacking:
            measure.plan = plan
            for user in unit_members(measure):
                per_user.setdefault(user.pk, (user, []))[1].append(measure)
        for user in officers(agency):
            per_user[user.pk] = (user, lacking)
        days = (round_.end_date - today).days
        url = _site_url(reverse("progress:round", args=[agency.code, round_.pk]))
        for user, measures in per_user.values():
            lines = (
                _thai(
                    agency,
                    f"- {round_.name} ปีงบประมาณ {plan.fiscal_year} ครบกำหนด "
                    f"{_date(agency, round_.end_date)} (อีก {days} วัน) "
                    f"ยังไม่ได้รายงานผล {len(measures)} มาตรการ:",
                ),
                *(f"    • {m.title}" for m in measures),
                f"  {url}",
            )
            reminders.append(Reminder(Kind.ROUND_CLOSING, user, agency, round=round_, lines=lines))
    return reminders


def _already_sent(reminder: Reminder, today: dt.date) -> bool:
    sent = ReminderSent.objects.filter(kind=reminder.kind, recipient=reminder.recipient)
    if reminder.measure is not None:
        sent = sent.filter(measure=reminder.measure)
    else:
        sent = sent.filter(round=reminder.round)
    if reminder.kind == Kind.OVERDUE:
        # Overdue comes back every week while it stays overdue; the rest only once.
        sent = sent.filter(sent_on__gt=today - dt.timedelta(days=OVERDUE_REPEAT_DAYS))
    return sent.exists()


def pending_reminders(today: dt.date) -> list[Reminder]:
    """The reminders due today that were not sent before."""
    return [r for r in due_reminders(today) if not _already_sent(r, today)]


# --- sending ------------------------------------------------------------------------


def compose(reminders: Iterable[Reminder], today: dt.date) -> list[Email]:
    """One e-mail per person and agency, its sections in :data:`SECTIONS` order."""
    grouped: dict[tuple[int, int], list[Reminder]] = defaultdict(list)
    for reminder in reminders:
        grouped[(reminder.recipient.pk, reminder.agency.pk)].append(reminder)
    emails = []
    for items in grouped.values():
        user, agency = items[0].recipient, items[0].agency
        name = user.get_full_name() or user.get_username()
        body = [
            f"เรียน {name}",
            "",
            f"รายการที่ต้องติดตามเรื่องมาตรการส่งเสริมคุณธรรมและความโปร่งใส (ITA) ของ{agency.name} "
            f"ณ วันที่ {_date(agency, today)}",
        ]
        for kind, heading in SECTIONS:
            section = [r for r in items if r.kind == kind]
            if section:
                body += ["", _thai(agency, heading)]
                for reminder in section:
                    body.extend(reminder.lines)
        body += [
            "",
            "กรุณาบันทึกความก้าวหน้าและแนบหลักฐานในระบบ itaplan",
            _site_url(reverse("progress:dashboard", args=[agency.code])),
            "",
            "อีเมลนี้ส่งโดยอัตโนมัติจาก itaplan ไม่ต้องตอบกลับ",
        ]
        emails.append(
            Email(
                recipient=user,
                agency=agency,
                reminders=tuple(items),
                subject=f"[itaplan] แจ้งเตือนการดำเนินการตามมาตรการ ITA ของ{agency.name}",
                body="\n".join(body),
            )
        )
    return emails


def _log(email: Email, today: dt.date) -> None:
    for reminder in email.reminders:
        try:
            with transaction.atomic():
                ReminderSent.objects.create(
                    kind=reminder.kind,
                    measure=reminder.measure,
                    round=reminder.round,
                    recipient=reminder.recipient,
                    sent_on=today,
                )
        except IntegrityError:
            pass  # another run logged it at the same moment


def send_reminders(today: dt.date, *, dry_run: bool = False) -> RunReport:
    """Send (or, with ``dry_run``, only compose) today's new reminders and log them."""
    emails = compose(pending_reminders(today), today)
    report = RunReport(emails=emails, failed=[])
    if dry_run:
        return report
    for email in emails:
        message = EmailMessage(
            email.subject,
            email.body,
            settings.DEFAULT_FROM_EMAIL,
            [email.recipient.email],  # type: ignore[attr-defined]
        )
        try:
            message.send()
        except Exception as error:  # the mail server's failure must not stop the others
            report.failed.append((email, str(error)))
            continue
        _log(email, today)
    return report
