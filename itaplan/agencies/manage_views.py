"""The agency admin's pages: units, people and the agency's profile.

Every view reaches its agency through :func:`get_agency_for_admin`: outsiders get
404, members in another role 403 with the reason, site admins may act for any
agency.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from itaplan.agencies import administration
from itaplan.agencies.access import get_agency_for_admin
from itaplan.agencies.administration import AdminError
from itaplan.agencies.forms import (
    InviteForm,
    MembershipForm,
    ProfileForm,
    UnitForm,
    add_admin_error,
)
from itaplan.agencies.invitations import send_invitation, waits_for_password
from itaplan.agencies.models import Agency, Membership, Unit


def _unit_of(agency: Agency, unit_id: int) -> Unit:
    unit = Unit.objects.filter(pk=unit_id, agency=agency).first()
    if unit is None:
        raise Http404(_("ไม่พบกอง/สำนัก"))
    return unit


def _membership_of(agency: Agency, membership_id: int) -> Membership:
    found = (
        Membership.objects.select_related("user", "unit", "agency")
        .filter(pk=membership_id, agency=agency)
        .first()
    )
    if found is None:
        raise Http404(_("ไม่พบบุคลากร"))
    return found


def _say_sent(request: HttpRequest, sent: bool, email: str) -> None:
    if sent:
        messages.success(request, _("ส่งอีเมลถึง %(email)s แล้ว") % {"email": email})
    else:
        messages.warning(
            request,
            _("บันทึกแล้ว แต่ส่งอีเมลถึง %(email)s ไม่สำเร็จ กรุณากด “ส่งลิงก์อีกครั้ง” ภายหลัง") % {"email": email},
        )


# --- units --------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def units(request: HttpRequest, code: str) -> HttpResponse:
    agency = get_agency_for_admin(request, code)
    form = UnitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            unit = administration.add_unit(agency, form.cleaned_data["name"])
        except AdminError as error:
            add_admin_error(form, error)
        else:
            messages.success(request, _("เพิ่ม %(unit)s แล้ว") % {"unit": unit.name})
            return redirect("agency_admin:units", code=agency.code)
    return render(
        request,
        "agencies/units.html",
        {
            "agency": agency,
            "form": form,
            "units": agency.units.order_by("retired_at", "name"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def unit_rename(request: HttpRequest, code: str, unit_id: int) -> HttpResponse:
    agency = get_agency_for_admin(request, code)
    unit = _unit_of(agency, unit_id)
    old = unit.name
    form = UnitForm(request.POST or None, initial={"name": unit.name})
    if request.method == "POST" and form.is_valid():
        try:
            administration.rename_unit(unit, form.cleaned_data["name"])
        except AdminError as error:
            add_admin_error(form, error)
        else:
            messages.success(
                request, _("เปลี่ยนชื่อ %(old)s เป็น %(new)s แล้ว") % {"old": old, "new": unit.name}
            )
            return redirect("agency_admin:units", code=agency.code)
    return render(
        request, "agencies/unit_rename.html", {"agency": agency, "unit": unit, "form": form}
    )


@login_required
@require_POST
def unit_retire(request: HttpRequest, code: str, unit_id: int) -> HttpResponse:
    agency = get_agency_for_admin(request, code)
    unit = _unit_of(agency, unit_id)
    try:
        if request.POST.get("restore"):
            administration.restore_unit(unit)
            messages.success(request, _("นำ %(unit)s กลับมาใช้แล้ว") % {"unit": unit.name})
        else:
            administration.retire_unit(unit)
            messages.success(
                request,
                _("ยุบ/เลิกใช้ %(unit)s แล้ว มาตรการและประวัติเดิมยังอยู่ครบ") % {"unit": unit.name},
            )
    except AdminError as error:
        messages.error(request, error.message)
    return redirect("agency_admin:units", code=agency.code)


# --- people -------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def people(request: HttpRequest, code: str) -> HttpResponse:
    agency = get_agency_for_admin(request, code)
    form = InviteForm(agency, request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            membership = administration.invite(
                agency,
                d["email"],
                d["role"],
                d["unit"],
                position=d["position"],
                first_name=d["first_name"],
                last_name=d["last_name"],
            )
        except AdminError as error:
            add_admin_error(form, error)
        else:
            sent = send_invitation(request, membership.user, agency, membership.get_role_display())
            _say_sent(request, sent, membership.user.email)
            return redirect("agency_admin:people", code=agency.code)
    memberships = list(
        agency.memberships.select_related("user", "unit").order_by(
            "-is_active", "role", "user__first_name", "user__username"
        )
    )
    for m in memberships:
        m.waits_for_password = waits_for_password(m.user)  # type: ignore[attr-defined]
    return render(
        request,
        "agencies/people.html",
        {"agency": agency, "form": form, "memberships": memberships},
    )


@login_required
@require_http_methods(["GET", "POST"])
def person_edit(request: HttpRequest, code: str, membership_id: int) -> HttpResponse:
    agency = get_agency_for_admin(request, code)
    membership = _membership_of(agency, membership_id)
    form = MembershipForm(
        agency,
        request.POST or None,
        initial={
            "role": membership.role,
            "unit": membership.unit_id,
            "position": membership.position,
        },
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            administration.change_membership(membership, d["role"], d["unit"], d["position"])
        except AdminError as error:
            add_admin_error(form, error)
        else:
            messages.success(
                request,
                _("บันทึกบทบาทของ %(person)s แล้ว")
                % {"person": membership.user.get_full_name() or membership.user.email},
            )
            return redirect("agency_admin:people", code=agency.code)
    return render(
        request,
        "agencies/person_edit.html",
        {"agency": agency, "membership": membership, "form": form},
    )


@login_required
@require_POST
def person_active(request: HttpRequest, code: str, membership_id: int) -> HttpResponse:
    """Deactivate (or bring back) a person, or resend their invitation."""
    agency = get_agency_for_admin(request, code)
    membership = _membership_of(agency, membership_id)
    who = membership.user.get_full_name() or membership.user.email
    try:
        if "resend" in request.POST:
            if not membership.is_active:
                raise AdminError(_("บุคคลนี้ปิดการใช้งานแล้ว"))
            sent = send_invitation(request, membership.user, agency, membership.get_role_display())
            _say_sent(request, sent, membership.user.email)
        elif "reactivate" in request.POST:
            administration.reactivate(membership)
            messages.success(request, _("เปิดใช้งาน %(person)s อีกครั้งแล้ว") % {"person": who})
        else:
            administration.deactivate(membership)
            messages.success(
                request,
                _("ปิดการใช้งาน %(person)s แล้ว ประวัติการทำงานยังเก็บไว้ครบ") % {"person": who},
            )
    except AdminError as error:
        messages.error(request, error.message)
    return redirect("agency_admin:people", code=agency.code)


# --- profile ------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest, code: str) -> HttpResponse:
    agency = get_agency_for_admin(request, code)
    form = ProfileForm(request.POST or None, instance=Agency.objects.get(pk=agency.pk))
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        values = {name: d[name] for name in administration.PROFILE_FIELDS}
        try:
            administration.update_profile(agency, d["province"], d["district"], **values)
        except AdminError as error:
            add_admin_error(form, error)
        else:
            messages.success(request, _("บันทึกข้อมูลหน่วยงานแล้ว"))
            return redirect("agency_admin:profile", code=agency.code)
    return render(request, "agencies/profile.html", {"agency": agency, "form": form})
