"""E-mail that moves a plan along: the executive hears of a submission, the editors of the answer.

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

from itaplan.agencies.models import Membership
from itaplan.agencies.selectors import reachable_people
from itaplan.plans.models import Plan

log = logging.getLogger(__name__)

OFFICERS = (Membership.Role.ADMIN, Membership.Role.EDITOR)


def _send(
    request: HttpRequest,
    plan: Plan,
    roles: tuple[str, ...],
    subject: str,
    what: str,
    reason: str = "",
) -> int:
    """One e-mail to each reachable person in ``roles``; returns how many left."""
    link = request.build_absolute_uri(reverse("plans:detail", args=[plan.agency.code, plan.pk]))
    sent = 0
    for person in reachable_people(plan.agency, roles):
        body = render_to_string(
            "plans/email/plan_step.txt",
            {"person": person, "plan": plan, "what": what, "reason": reason, "link": link},
        )
        try:
            EmailMessage(subject, body, to=[person.email]).send()  # type: ignore[attr-defined]
        except OSError:
            log.exception("plan %s: e-mail to user %s not sent", plan.pk, person.pk)
            continue
        sent += 1
    return sent


def _title(plan: Plan) -> str:
    return _("แผนมาตรการปีงบประมาณ %(year)s ของ%(agency)s") % {
        "year": plan.fiscal_year,
        "agency": plan.agency.name,
    }


def plan_submitted(request: HttpRequest, plan: Plan) -> int:
    """Tell the agency's executives that a plan waits for their approval."""
    return _send(
        request,
        plan,
        (Membership.Role.EXECUTIVE,),
        _("รออนุมัติ: %(plan)s") % {"plan": _title(plan)},
        _("เสนอให้ท่านพิจารณาอนุมัติ"),
    )


def plan_sent_back(request: HttpRequest, plan: Plan, reason: str) -> int:
    """Tell the agency's admins and editors what the executive asks them to change."""
    return _send(
        request,
        plan,
        OFFICERS,
        _("ส่งกลับไปแก้ไข: %(plan)s") % {"plan": _title(plan)},
        _("ผู้บริหารส่งกลับไปแก้ไข"),
        reason,
    )


def plan_approved(request: HttpRequest, plan: Plan) -> int:
    """Tell the agency's admins and editors that the plan is approved and locked."""
    return _send(
        request,
        plan,
        OFFICERS,
        _("อนุมัติแล้ว: %(plan)s") % {"plan": _title(plan)},
        _("ได้รับอนุมัติแล้ว"),
    )
