"""The site admin's pages: agencies and supervisors' scopes (404 for everyone else)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from itaplan.agencies import administration
from itaplan.agencies.access import require_site_admin
from itaplan.agencies.administration import AdminError
from itaplan.agencies.forms import AgencyForm, ScopeForm, add_admin_error
from itaplan.agencies.invitations import send_invitation
from itaplan.agencies.models import Agency, SupervisorScope

PAGE_SIZE = 50


@login_required
@require_http_methods(["GET", "POST"])
def agencies(request: HttpRequest) -> HttpResponse:
    require_site_admin(request)
    form = AgencyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            agency = administration.create_agency(
                d["code"], d["name"], d["kind"], d["province"], d["district"]
            )
        except AdminError as error:
            add_admin_error(form, error)
        else:
            messages.success(
                request,
                _("เพิ่ม %(agency)s แล้ว ขั้นต่อไป: เชิญผู้ดูแลหน่วยงาน") % {"agency": agency.name},
            )
            return redirect("agency_admin:people", code=agency.code)
    query = request.GET.get("q", "")[:100].strip()
    listed = (
        Agency.objects.select_related("district__province")
        .annotate(people=Count("memberships", filter=Q(memberships__is_active=True)))
        .order_by("district__province__name", "district__name", "name")
    )
    if query:
        listed = listed.filter(
            Q(name__icontains=query) | Q(code__iexact=query) | Q(district__name__icontains=query)
        )
    page = Paginator(listed, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request, "agencies/site_agencies.html", {"form": form, "page": page, "query": query}
    )


@login_required
@require_http_methods(["GET", "POST"])
def agency_edit(request: HttpRequest, code: str) -> HttpResponse:
    require_site_admin(request)
    agency = Agency.objects.select_related("district__province").filter(code=code).first()
    if agency is None:
        raise Http404(_("ไม่พบหน่วยงาน"))
    initial = {
        "code": agency.code,
        "name": agency.name,
        "kind": agency.kind,
        "province": agency.district.province.name,
        "district": agency.district.name,
    }
    form = AgencyForm(request.POST or None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            administration.update_agency(agency, d["name"], d["kind"], d["province"], d["district"])
        except ValueError as error:
            form.add_error("kind", str(error))
        else:
            messages.success(request, _("บันทึก %(agency)s แล้ว") % {"agency": d["name"]})
            return redirect("site_admin:agencies")
    return render(request, "agencies/site_agency_edit.html", {"form": form, "edited": agency})


@login_required
@require_http_methods(["GET", "POST"])
def scopes(request: HttpRequest) -> HttpResponse:
    require_site_admin(request)
    form = ScopeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            scope = administration.grant_scope(
                d["email"],
                d["province"],
                d["district"],
                first_name=d["first_name"],
                last_name=d["last_name"],
            )
        except AdminError as error:
            add_admin_error(form, error)
        else:
            sent = send_invitation(request, scope.user, None, _("ผู้กำกับดูแล"))
            if sent:
                messages.success(request, _("ส่งอีเมลถึง %(email)s แล้ว") % {"email": scope.user.email})
            else:
                messages.warning(request, _("บันทึกแล้ว แต่ส่งอีเมลไม่สำเร็จ"))
            return redirect("site_admin:scopes")
    listed = SupervisorScope.objects.select_related(
        "user", "province", "district__province"
    ).order_by("user__username")
    return render(request, "agencies/site_scopes.html", {"form": form, "scopes": listed})


@login_required
@require_POST
def scope_remove(request: HttpRequest, scope_id: int) -> HttpResponse:
    require_site_admin(request)
    scope = SupervisorScope.objects.select_related("user").filter(pk=scope_id).first()
    if scope is None:
        raise Http404(_("ไม่พบขอบเขตผู้กำกับดูแล"))
    administration.remove_scope(scope)
    messages.success(
        request, _("ยกเลิกขอบเขตของ %(user)s แล้ว") % {"user": scope.user.email or scope.user}
    )
    return redirect("site_admin:scopes")
