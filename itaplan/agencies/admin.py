"""Django's admin, for site admins only (agencies run themselves on the Thai pages).

Labels and help texts are the models' Thai ones; a unit is always named with
its agency, since the choices list units of every agency.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db import models
from django.http import HttpRequest

from itaplan.agencies.models import Agency, District, Membership, Province, SupervisorScope, Unit


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    search_fields = ("name",)


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ("name", "province")
    list_filter = ("province",)
    search_fields = ("name", "province__name")


admin.site.site_header = "ผู้ดูแลระบบ itaplan"
admin.site.site_title = "ผู้ดูแลระบบ itaplan"
admin.site.index_title = "ข้อมูลทั้งระบบ (สำหรับผู้ดูแลระบบเท่านั้น)"


def _site_admins_only(request: HttpRequest) -> bool:
    """Agency admins are staff of nothing here: only site admins (superusers) enter."""
    user = request.user
    return bool(user.is_active and user.is_superuser)


admin.site.has_permission = _site_admins_only  # type: ignore[method-assign]


class UnitChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return obj.label_with_agency()


class UnitsNamedWithAgency:
    """Unit choices read ``กองคลัง (อบต.สามเรือน)``, not a bare ``กองคลัง`` of some agency."""

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "unit":
            kwargs["form_class"] = UnitChoiceField
            kwargs.setdefault("queryset", Unit.objects.select_related("agency"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc]


class UnitInline(admin.TabularInline):
    model = Unit
    extra = 0


class MembershipInline(UnitsNamedWithAgency, admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ("user",)


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "kind", "district")
    list_filter = ("kind", "district__province")
    search_fields = ("name", "code", "district__name", "district__province__name")
    autocomplete_fields = ("district",)
    inlines = (UnitInline, MembershipInline)
    # Agencies' sites are https; Django 6 assumes so too.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}  # noqa: RUF012


@admin.register(Membership)
class MembershipAdmin(UnitsNamedWithAgency, admin.ModelAdmin):
    list_display = ("user", "agency", "role", "unit", "is_active")
    list_filter = ("role", "is_active")
    search_fields = ("user__username", "user__email", "agency__name", "agency__code")
    autocomplete_fields = ("user", "agency")


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ("name", "agency", "retired_at")
    list_filter = ("retired_at",)
    search_fields = ("name", "agency__name")


@admin.register(SupervisorScope)
class SupervisorScopeAdmin(admin.ModelAdmin):
    list_display = ("user", "province", "district")
    autocomplete_fields = ("user", "province", "district")
