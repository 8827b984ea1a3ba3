"""The home page (the agencies a user may see) and accepting an invitation."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import PasswordResetConfirmView
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from itaplan.agencies.models import Membership, SupervisorScope
from itaplan.agencies.selectors import agencies_for_home

PAGE_SIZE = 50


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")[:100]
    page = Paginator(agencies_for_home(request.user, query), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "agencies/home.html",
        {
            "page": page,
            "query": query,
            "memberships": Membership.objects.active()
            .filter(user=request.user)
            .select_related("agency", "unit"),
            "scopes": SupervisorScope.objects.filter(user=request.user).select_related(
                "province", "district__province"
            ),
        },
    )


class InviteAcceptView(PasswordResetConfirmView):
    """The invitee sets a password through the one-time link of the invitation e-mail."""

    template_name = "agencies/invite_accept.html"
    success_url = reverse_lazy("login")

    def form_valid(self, form):  # type: ignore[no-untyped-def]
        response = super().form_valid(form)
        messages.success(
            self.request,
            _("ตั้งรหัสผ่านแล้ว กรุณาเข้าสู่ระบบด้วยชื่อผู้ใช้ %(username)s")
            % {"username": form.user.get_username()},
        )
        return response
