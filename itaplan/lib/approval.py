"""The executive's signature on a plan or a progress round, recorded the same way for both.

What the o27 and o28 documents print in their approval block (ผู้รับรองข้อมูล) is the
name, position and date as signed, not the account's name.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from itaplan.domain.thai import format_date

#: Recorded as the signer's name when an approval given on paper does not show it (the
#: demo's seed 002). Pages show it as it is; the o27/o28 print a dotted line to sign on.
NAME_NOT_KNOWN = "ไม่ปรากฏชื่อผู้ลงนามในเอกสารต้นฉบับ"


def signer_name(recorded: str) -> str | None:
    """The signer's name to print, or ``None`` for a dotted line when it is not known."""
    return None if not recorded or recorded == NAME_NOT_KNOWN else recorded


def record_approval(
    approvable: Any,
    user: AbstractBaseUser | AnonymousUser,
    name: str,
    position: str,
    date: dt.date | None,
    *,
    approved_status: str,
    error: Callable[[str, str], Exception],
    earliest: dt.date | None = None,
    earliest_is: str = "",
    thai_digits: bool = True,
) -> None:
    """Check the signature and save ``approvable`` as approved by ``user``.

    ``approvable`` has ``status``, ``approved_by``, ``approver_name``,
    ``approver_position`` and ``approved_at``; ``error`` builds the caller's error.
    The date lies between ``earliest`` (named ``earliest_is``: the submission, or
    the approval of the plan a round reports on) and today.
    """
    name = " ".join(name.split())
    position = " ".join(position.split())
    if not name:
        raise error(gettext("ชื่อผู้อนุมัติ: ต้องระบุ"), "approver_name")
    if not position:
        raise error(gettext("ตำแหน่งผู้อนุมัติ: ต้องระบุ"), "approver_position")
    if date is None:
        raise error(gettext("วันที่อนุมัติ: ต้องระบุ"), "approved_at")
    today = timezone.localdate()
    if date > today:
        shown = format_date(today, thai_digits=thai_digits, short=False)
        raise error(
            gettext("วันที่อนุมัติ: ต้องไม่เป็นวันในอนาคต (ไม่หลัง %(shown)s)") % {"shown": shown},
            "approved_at",
        )
    if earliest is not None and date < earliest:
        shown = format_date(earliest, thai_digits=thai_digits, short=False)
        raise error(
            gettext("วันที่อนุมัติ: ต้องไม่ก่อน%(earliest_is)s (%(shown)s)")
            % {"earliest_is": earliest_is, "shown": shown},
            "approved_at",
        )
    approvable.status = approved_status
    approvable.approved_by = user if user.is_authenticated else None
    approvable.approver_name = name[:200]
    approvable.approver_position = position[:200]
    approvable.approved_at = date
    approvable.save()


class Approvable(models.Model):
    """The approval as printed in the signature block (ผู้รับรองข้อมูล) of a document."""

    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ผู้อนุมัติ (บัญชีผู้ใช้)"),
    )
    approver_name = models.CharField(_("ชื่อผู้อนุมัติ"), max_length=200, blank=True)
    approver_position = models.CharField(_("ตำแหน่งผู้อนุมัติ"), max_length=200, blank=True)
    approved_at = models.DateField(_("วันที่อนุมัติ"), null=True, blank=True)

    class Meta:
        abstract = True

    @staticmethod
    def signed_when_approved(name: str) -> models.CheckConstraint:
        """The database refuses an approved row without the approver's name and date."""
        return models.CheckConstraint(
            condition=~Q(status="approved") | (Q(approved_at__isnull=False) & ~Q(approver_name="")),
            name=name,
        )


class ApprovalStep(models.Model):
    """One step of a plan's or a round's way to approval, as its history shows it."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", _("เสนออนุมัติ")
        WITHDRAWN = "withdrawn", _("ถอนกลับเป็นร่าง")
        SENT_BACK = "sent_back", _("ส่งกลับไปแก้ไข")
        APPROVED = "approved", _("อนุมัติ")

    kind = models.CharField(_("ขั้นตอน"), max_length=16, choices=Kind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ผู้ดำเนินการ"),
    )
    at = models.DateTimeField(_("เมื่อ"))
    reason = models.TextField(_("เหตุผล"), blank=True)

    class Meta:
        abstract = True

    @staticmethod
    def reason_when_sent_back(name: str) -> models.CheckConstraint:
        """The database refuses a send-back without its reason."""
        return models.CheckConstraint(condition=~Q(kind="sent_back") | ~Q(reason=""), name=name)


def signer_of(user: AbstractBaseUser | AnonymousUser, agency: Any) -> dict[str, Any]:
    """What the approval form proposes: the signer in the agency's profile, never a login name.

    Without a profile signer, the executive's own full name and position in the
    agency; with neither, blank fields that must be typed.
    """
    from itaplan.agencies.models import Membership

    membership = (
        Membership.objects.active().filter(user=user, agency=agency).first()
        if user.is_authenticated
        else None
    )
    full_name = user.get_full_name() if hasattr(user, "get_full_name") else ""
    return {
        "approver_name": agency.approver_name or full_name,
        "approver_position": agency.approver_position
        or (membership.position if membership else ""),
        "approved_at": timezone.localdate(),
    }
