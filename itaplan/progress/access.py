"""Who may read and who may record progress, on top of the agency's access rule.

- An outsider does not see the agency: **404** (from
  :func:`itaplan.agencies.access.get_agency_for_user`).
- A unit member sees and updates only the measures its unit is responsible for;
  another unit's measure does not exist for it: **404**, even by URL.
- Admins and editors update every measure of the agency; the executive reads
  everything and approves rounds; supervisors read everything and change nothing:
  **403** when they try.
- Only an agency admin changes a round's name and end date.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext

from itaplan.agencies.access import can_write, get_agency_for_user
from itaplan.agencies.models import Agency, Membership, Unit
from itaplan.plans.models import Measure, Plan
from itaplan.progress.models import Evidence, ReportingRound

User = AbstractBaseUser | AnonymousUser


def membership_of(user: User, agency: Agency) -> Membership | None:
    """The user's role in the agency, if they have one (supervisors have none)."""
    if not user.is_authenticated:
        return None
    return (
        Membership.objects.active().filter(user=user, agency=agency).select_related("unit").first()
    )


def unit_restriction(user: User, agency: Agency) -> int | None:
    """The unit whose measures alone the user sees, or ``None`` when they see all."""
    membership = membership_of(user, agency)
    if membership is not None and membership.role == Membership.Role.UNIT_MEMBER:
        return membership.unit_id
    return None


def visible_measures(user: User, plan: Plan) -> QuerySet[Measure]:
    """The plan's measures the user may see: all of them, or only its unit's."""
    measures = plan.measures.all()
    unit_id = unit_restriction(user, plan.agency)
    if unit_id is not None:
        measures = measures.filter(units__id=unit_id).distinct()
    return measures


def can_update_measure(user: User, measure: Measure) -> bool:
    """Admins and editors of the agency, or a member of a responsible unit."""
    agency = measure.plan.agency
    if can_write(user, agency):
        return True
    membership = membership_of(user, agency)
    return (
        membership is not None
        and membership.role == Membership.Role.UNIT_MEMBER
        and measure.units.filter(pk=membership.unit_id).exists()
    )


def can_update_any(user: User, agency: Agency) -> bool:
    """Whether the user records progress at all (admins, editors, unit members)."""
    if can_write(user, agency):
        return True
    membership = membership_of(user, agency)
    return membership is not None and membership.role == Membership.Role.UNIT_MEMBER


def can_approve_round(user: User, agency: Agency) -> bool:
    """Only the agency's executive approves a report."""
    membership = membership_of(user, agency)
    return membership is not None and membership.role == Membership.Role.EXECUTIVE


def can_submit_round(user: User, agency: Agency) -> bool:
    """The agency's editors and admins submit a round's report for approval."""
    return can_write(user, agency)


def can_manage_rounds(user: User, agency: Agency) -> bool:
    """Agency admins (and site admins) rename rounds and move their end date."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    membership = membership_of(user, agency)
    return membership is not None and membership.role == Membership.Role.ADMIN


def get_plan_for_reader(request: HttpRequest, code: str, plan_id: int) -> Plan:
    """A plan of the agency the user may read."""
    agency = get_agency_for_user(request, code)
    plan = Plan.objects.select_related("result").filter(pk=plan_id, agency=agency).first()
    if plan is None:
        raise Http404(gettext("ไม่พบแผนมาตรการ"))
    plan.agency = agency
    return plan


def get_measure_for_reader(request: HttpRequest, code: str, measure_id: int) -> Measure:
    """A measure of the agency the user may see (a unit member: only its unit's)."""
    agency = get_agency_for_user(request, code)
    measure = (
        Measure.objects.select_related("plan", "carried_from__plan")
        .filter(pk=measure_id, plan__agency=agency)
        .first()
    )
    if measure is None:
        raise Http404(gettext("ไม่พบมาตรการ"))
    measure.plan.agency = agency
    unit_id = unit_restriction(request.user, agency)
    if unit_id is not None and not measure.units.filter(pk=unit_id).exists():
        # Say why in the member's terms: whose measure it is, and which ones are theirs.
        owners = gettext(" และ ").join(u.name for u in measure.units.all()) or gettext("กอง/สำนักอื่น")
        mine = Unit.objects.filter(pk=unit_id).values_list("name", flat=True).first() or ""
        raise PermissionDenied(
            gettext("มาตรการนี้เป็นของ%(owners)s ท่านดูและบันทึกได้เฉพาะมาตรการของ%(mine)s")
            % {"owners": owners, "mine": mine}
        )
    return measure


def get_measure_for_updater(request: HttpRequest, code: str, measure_id: int) -> Measure:
    """A measure the user may record progress on; readers who may not get 403."""
    measure = get_measure_for_reader(request, code, measure_id)
    if not can_update_measure(request.user, measure):
        raise PermissionDenied(gettext("ไม่มีสิทธิ์บันทึกความก้าวหน้าของมาตรการนี้"))
    return measure


def get_round_for_reader(request: HttpRequest, code: str, round_id: int) -> ReportingRound:
    """A reporting round of one of the agency's plans."""
    agency = get_agency_for_user(request, code)
    found = (
        ReportingRound.objects.select_related("plan")
        .filter(pk=round_id, plan__agency=agency)
        .first()
    )
    if found is None:
        raise Http404(gettext("ไม่พบรอบการรายงานผล"))
    found.plan.agency = agency
    return found


def get_round_for_manager(request: HttpRequest, code: str, round_id: int) -> ReportingRound:
    """A round the user may rename and move (an agency admin)."""
    found = get_round_for_reader(request, code, round_id)
    if not can_manage_rounds(request.user, found.plan.agency):
        raise PermissionDenied(gettext("แก้ไขรอบการรายงานผลได้เฉพาะผู้ดูแลหน่วยงาน"))
    return found


def get_round_for_submitter(request: HttpRequest, code: str, round_id: int) -> ReportingRound:
    """A round whose report the user may submit (the agency's editors and admins)."""
    found = get_round_for_reader(request, code, round_id)
    if not can_submit_round(request.user, found.plan.agency):
        raise PermissionDenied(gettext("เสนออนุมัติรายงานผลได้เฉพาะผู้จัดทำของหน่วยงาน"))
    return found


def get_round_for_approver(request: HttpRequest, code: str, round_id: int) -> ReportingRound:
    """A round the user may approve (the agency's executive)."""
    found = get_round_for_reader(request, code, round_id)
    if not can_approve_round(request.user, found.plan.agency):
        raise PermissionDenied(gettext("อนุมัติรายงานผลได้เฉพาะผู้บริหารของหน่วยงาน"))
    return found


def get_evidence_for_reader(request: HttpRequest, code: str, evidence_id: int) -> Evidence:
    """An evidence file or link of a measure the user may see; 404 for anyone else."""
    agency = get_agency_for_user(request, code)
    evidence = (
        Evidence.objects.select_related("update__measure__plan")
        .filter(pk=evidence_id, update__measure__plan__agency=agency)
        .first()
    )
    if evidence is None:
        raise Http404(gettext("ไม่พบหลักฐาน"))
    unit_id = unit_restriction(request.user, agency)
    if unit_id is not None and not evidence.update.measure.units.filter(pk=unit_id).exists():
        raise Http404(gettext("ไม่พบหลักฐาน"))
    return evidence
