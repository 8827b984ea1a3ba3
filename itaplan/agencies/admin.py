"""Site admins manage the agency tree and people in Django's admin."""

from __future__ import annotations

from django.contrib import admin
from django.db import models

from itaplan.agencies.models import Agency, District, Membership, Province, SupervisorScope, Unit


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    search_fields = ("name",)


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ("name", "province")
    list_filter = ("province",)
    search_fields = ("name", "province__name")


class UnitInline(admin.TabularInline):
    model = Unit
    extra = 0


class MembershipInline(admin.TabularInline):
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
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "agency", "role", "unit")
    list_filter = ("role",)
    search_fields = ("user__username", "agency__name", "agency__code")
    autocomplete_fields = ("user", "agency", "unit")


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ("name", "agency")
    search_fields = ("name", "agency__name")


@admin.register(SupervisorScope)
class SupervisorScopeAdmin(admin.ModelAdmin):
    list_display = ("user", "province", "district")
    autocomplete_fields = ("user", "province", "district")
