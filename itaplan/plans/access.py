"""Who may read, change and approve a plan: a thin layer over the agency's access rule.

Like :func:`itaplan.agencies.access.get_agency_for_user`, these raise ``Http404``
when the user may not see the agency (or the plan is not the agency's) and
``PermissionDenied`` when they may see it but not do what they ask.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.utils.translation import gettext

from itaplan.agencies.access import get_agency_for_user
from itaplan.plans.models import Measure, Plan
from itaplan.plans.services import is_executive


def get_plan_for_user(
    request: HttpRequest, code: str, plan_id: int, *, write: bool = False
) -> Plan:
    """A plan of the agency ``code``; with ``write``, only for its admins and editors."""
    agency = get_agency_for_user(request, code, write=write)
    plan = Plan.objects.select_related("agency", "result").filter(pk=plan_id, agency=agency).first()
    if plan is None:
        raise Http404(gettext("ไม่พบแผนมาตรการ"))
    plan.agency = agency  # keeps the district and province already fetched
    return plan


def get_measure_for_user(request: HttpRequest, code: str, plan_id: int, measure_id: int) -> Measure:
    """A measure of a plan, for its agency's admins and editors."""
    plan = get_plan_for_user(request, code, plan_id, write=True)
    measure = plan.measures.filter(pk=measure_id).first()
    if measure is None:
        raise Http404(gettext("ไม่พบมาตรการ"))
    measure.plan = plan
    return measure


def get_plan_for_approver(request: HttpRequest, code: str, plan_id: int) -> Plan:
    """A plan of the agency, for its executives only (an editor cannot approve)."""
    plan = get_plan_for_user(request, code, plan_id)
    if not is_executive(request.user, plan.agency):
        raise PermissionDenied(gettext("อนุมัติแผนมาตรการได้เฉพาะผู้บริหารของหน่วยงาน"))
    return plan
