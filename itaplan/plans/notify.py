"""E-mail that moves a plan or a report along: the executive hears of a submission, the
editors of the answer.

Sent through Django's mail backend (the console in the demo, SMTP in production)
after the change is saved; a mail server that fails is logged and does not undo
the approval.
"""

from __future__ import annotations

import logging

from django.core.mail import EmailMessage
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from itaplan.agencies.models import Agency, Membership
from itaplan.agencies.selectors import reachable_people
from itaplan.plans.models import Plan

log = logging.getLogger(__name__)

OFFICERS = (Membership.Role.ADMIN, Membership.Role.EDITOR)
EXECUTIVES = (Membership.Role.EXECUTIVE,)


def tell(
    request: HttpRequest,
    agency: Agency,
    roles: tuple[str, ...],
    *,
    subject: str,
    title: str,
    what: str,
    path: str,
    reason: str = "",
    signer: str = "",
) -> int:
    """One e-mail to each reachable person of the agency in ``roles``; returns how many left."""
    link = request.build_absolute_uri(path)
    sent = 0
    for person in reachable_people(agency, roles):
        body = render_to_string(
            "plans/email/step.txt",
            {
                "person": person,
                "title": title,
                "what": what,
                "reason": reason,
                "signer": signer,
                "link": link,
            },
        )
        try:
            EmailMessage(subject, body, to=[person.email]).send()  # type: ignore[attr-defined]
        except OSError:
            log.exception("%s: e-mail to user %s not sent", title, person.pk)
            continue
        sent += 1
    return sent


def _title(plan: Plan) -> str:
    return _("แผนมาตรการปีงบประมาณ %(year)s (ฉบับที่ %(version)s) ของ%(agency)s") % {
        "year": plan.fiscal_year,
        "version": plan.version,
        "agency": plan.agency.name,
    }


def _path(plan: Plan) -> str:
    return reverse("plans:detail", args=[plan.agency.code, plan.pk])


def _about(
    request: HttpRequest,
    plan: Plan,
    roles: tuple[str, ...],
    subject: str,
    what: str,
    path: str,
    **extra: str,
) -> int:
    title = _title(plan)
    return tell(
        request,
        plan.agency,
        roles,
        subject=subject % {"title": title},
        title=title,
        what=what,
        path=path,
        **extra,
    )


def plan_submitted(request: HttpRequest, plan: Plan) -> int:
    """Tell the agency's executives that a plan waits for their approval."""
    approve = reverse("plans:approve", args=[plan.agency.code, plan.pk])
    return _about(
        request, plan, EXECUTIVES, _("รออนุมัติ: %(title)s"), _("เสนอให้ท่านพิจารณาอนุมัติ"), approve
    )


def plan_sent_back(request: HttpRequest, plan: Plan, reason: str) -> int:
    """Tell the agency's admins and editors what the executive asks them to change."""
    return _about(
        request,
        plan,
        OFFICERS,
        _("ส่งกลับไปแก้ไข: %(title)s"),
        _("ผู้บริหารส่งกลับไปแก้ไข"),
        _path(plan),
        reason=reason,
    )


def plan_approved(request: HttpRequest, plan: Plan) -> int:
    """Tell the agency's admins and editors that the plan is approved and locked."""
    return _about(
        request,
        plan,
        OFFICERS,
        _("อนุมัติแล้ว: %(title)s"),
        _("ได้รับอนุมัติแล้ว"),
        _path(plan),
        signer=f"{plan.approver_name} ({plan.approver_position})",
    )
