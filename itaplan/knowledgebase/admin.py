"""Site admins edit the knowledge base's texts and templates in Django's admin.

A row edited here is kept when the files are loaded again; the "put the file's
version back" action undoes an edit.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from itaplan.knowledgebase.forms import KnowledgeEntryAdminForm, MeasureTemplateAdminForm
from itaplan.knowledgebase.models import EntryTemplate, KnowledgeEntry, MeasureTemplate
from itaplan.knowledgebase.services import revert_to_files


class OwnerFilter(admin.SimpleListFilter):
    title = "เจ้าของ"
    parameter_name = "owner"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("shared", "แม่แบบกลาง"), ("agency", "แม่แบบของหน่วยงาน")]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if self.value() == "shared":
            return queryset.filter(agency__isnull=True)
        if self.value() == "agency":
            return queryset.filter(agency__isnull=False)
        return queryset


class _EditedBy(admin.ModelAdmin):
    """Who changed a row last, and the action that puts the file's version back."""

    actions = ("revert",)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description="ที่มาของเนื้อหา")
    def origin(self, obj: MeasureTemplate | KnowledgeEntry) -> str:
        return obj.origin.label

    @admin.action(description="คืนค่าตามไฟล์ฐานความรู้ (ยกเลิกการแก้ไขในระบบ)")
    def revert(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        count = revert_to_files(queryset)
        self.message_user(request, f"คืนค่าตามไฟล์ {count} รายการ", messages.SUCCESS)


@admin.register(MeasureTemplate)
class MeasureTemplateAdmin(_EditedBy):
    form = MeasureTemplateAdminForm
    list_display = ("key", "title", "fiscal_year", "agency", "origin", "updated_at", "updated_by")
    list_filter = ("fiscal_year", OwnerFilter, ("agency", admin.RelatedOnlyFieldListFilter))
    search_fields = ("key", "title", "entries__target")
    autocomplete_fields = ("agency",)
    readonly_fields = ("updated_at", "updated_by")
    list_select_related = ("agency", "updated_by")
    fields = (
        ("fiscal_year", "key"),
        "agency",
        "title",
        "steps",
        "unit",
        ("start_month", "end_month"),
        "monitoring",
        "related_oit",
        "source",
        ("updated_at", "updated_by"),
    )


class EntryTemplateInline(admin.TabularInline):
    model = EntryTemplate
    extra = 0
    autocomplete_fields = ("template",)
    fields = ("position", "template")


@admin.register(KnowledgeEntry)
class KnowledgeEntryAdmin(_EditedBy):
    form = KnowledgeEntryAdminForm
    list_display = ("target", "fiscal_year", "short_analysis", "origin", "updated_at")
    list_filter = ("fiscal_year",)
    search_fields = ("target", "analysis", "templates__key", "templates__title")
    readonly_fields = ("updated_at", "updated_by")
    inlines = (EntryTemplateInline,)
    fields = (("fiscal_year", "target"), "analysis", "source", ("updated_at", "updated_by"))

    def get_queryset(self, request: HttpRequest) -> QuerySet[KnowledgeEntry]:
        return super().get_queryset(request).prefetch_related("links__template")

    @admin.display(description="ข้อความวิเคราะห์")
    def short_analysis(self, obj: KnowledgeEntry) -> str:
        return obj.analysis[:80] + ("…" if len(obj.analysis) > 80 else "") or "— ว่าง —"
