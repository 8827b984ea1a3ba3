"""Forms of the plan pages: they parse input into what the services take, nothing else."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django import forms
from django.db.models import Q
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext_lazy as _

from itaplan.domain.criteria import Framework
from itaplan.lib.dates import ThaiDateField, ThaiDateInput, read_date, use_digits
from itaplan.plans.models import Plan
from itaplan.plans.services import MeasureData, PlanError

REPORTING_SLOTS = 4


class DateListWidget(forms.Widget):
    """A few Buddhist-era date boxes under one name; blank ones are ignored."""

    template_name = "plans/widgets/date_list.html"

    def __init__(self, slots: int = REPORTING_SLOTS, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.slots = slots
        self.widgets = [ThaiDateInput() for _ in range(slots)]

    def format_value(self, value: Any) -> list[Any]:  # type: ignore[override]
        return list(value or [])

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        values = context["widget"]["value"] or []
        values = list(values) + [""] * max(self.slots - len(values), 0)
        base = context["widget"]["attrs"].get("id", f"id_{name}")
        attrs = context["widget"]["attrs"]
        context["widget"]["dates"] = [
            widget.get_context(
                name,
                value,
                # The field's <label> names the first box; the others say which report they are.
                {**attrs, "id": base}
                if i == 0
                else {
                    **attrs,
                    "id": f"{base}_{i}",
                    "aria-label": _("กำหนดรายงานผล ครั้งที่ %(n)s") % {"n": i + 1},
                },
            )["widget"]
            for i, (widget, value) in enumerate(zip(self.widgets, values, strict=False))
        ]
        return context

    def value_from_datadict(
        self, data: Mapping[str, Any], files: MultiValueDict[str, Any], name: str
    ) -> list[str]:
        getlist = getattr(data, "getlist", None)
        raw = getlist(name) if getlist else data.get(name, [])
        return [v for v in raw if v and v.strip()]

    def value_omitted_from_data(
        self, data: Mapping[str, Any], files: MultiValueDict[str, Any], name: str
    ) -> bool:
        return False


class DateListField(forms.Field):
    """Reporting dates (กำหนดรายงานผล) as a list of dates."""

    widget = DateListWidget

    def to_python(self, value: Any) -> list[dt.date]:
        days = []
        for raw in value or []:
            if isinstance(raw, dt.date):
                days.append(raw)
                continue
            days.append(read_date(str(raw).strip()))
        return days


def _lines(text: str) -> list[str]:
    """Steps typed one per line; a leading "1." or "-" is the person's numbering, not text."""
    steps = []
    for line in text.splitlines():
        line = line.strip().lstrip("-•*").strip()
        head, dot, rest = line.partition(".")
        if dot and head.strip().isdigit():
            line = rest.strip()
        if line:
            steps.append(line)
    return steps


class MeasureForm(forms.Form):
    """Add or edit one measure of a plan."""

    title = forms.CharField(label=_("มาตรการ"), max_length=500)
    #: What the editor saw when the form was opened (itaplan.lib.editlock).
    edit_token = forms.CharField(required=False, widget=forms.HiddenInput)
    indicator = forms.TypedChoiceField(
        label=_("ตัวชี้วัด"), coerce=int, empty_value=None, required=False
    )
    item_codes = forms.CharField(
        label=_("ประเด็นการประเมิน"),
        required=False,
        help_text=_("รหัสประเด็น คั่นด้วยจุลภาค เช่น i10, o8"),
    )
    analysis = forms.CharField(
        label=_("ผลการวิเคราะห์"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    steps = forms.CharField(
        label=_("ขั้นตอน/วิธีการ"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("หนึ่งบรรทัดต่อหนึ่งขั้นตอน ตามลำดับ"),
    )
    units = forms.ModelMultipleChoiceField(
        label=_("ผู้รับผิดชอบ"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    start_date = ThaiDateField(label=_("วันเริ่ม"))
    end_date = ThaiDateField(label=_("วันสิ้นสุด"))
    monitoring = forms.CharField(
        label=_("การติดตามผล"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    reporting_dates = DateListField(
        label=_("กำหนดรายงานผล"), required=False, help_text=_("เช่น รอบ ๖ เดือน และรอบ ๑๒ เดือน")
    )

    def __init__(self, plan: Plan, framework: Framework | None, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.plan = plan
        # Retired units stay only where this plan already names them.
        named_here = Q(measures__plan=plan) if plan.pk else Q(pk__in=[])
        self.fields["units"].queryset = plan.agency.units.filter(  # type: ignore[attr-defined]
            Q(retired_at__isnull=True) | named_here
        ).distinct()
        if framework is not None:
            choices = [(i.number, f"{i.number}. {i.name}") for i in framework.indicators]
        else:
            choices = [(n, str(n)) for n in range(1, 11)]
        self.fields["indicator"].choices = [("", "— ไม่ระบุ —"), *choices]  # type: ignore[attr-defined]
        first, last = plan.bounds
        for name in ("start_date", "end_date"):
            self.fields[name].set_range(first, last)  # type: ignore[attr-defined]
        use_digits(self, plan.agency.thai_digits)

    @staticmethod
    def initial_of(data: MeasureData) -> dict[str, Any]:
        """Form values of stored measure data."""
        return {
            "title": data.title,
            "indicator": data.indicator,
            "item_codes": ", ".join(data.item_codes),
            "analysis": data.analysis,
            "steps": "\n".join(data.steps),
            "units": [u.pk for u in data.units],
            "start_date": data.start_date,
            "end_date": data.end_date,
            "monitoring": data.monitoring,
            "reporting_dates": list(data.reporting_dates),
        }

    def to_data(self) -> MeasureData:
        """The cleaned form as service input."""
        d = self.cleaned_data
        return MeasureData(
            title=d["title"],
            steps=_lines(d["steps"]),
            start_date=d["start_date"],
            end_date=d["end_date"],
            units=list(d["units"]),
            indicator=d["indicator"],
            item_codes=[c for c in d["item_codes"].replace("、", ",").split(",") if c.strip()],
            analysis=d["analysis"],
            monitoring=d["monitoring"],
            reporting_dates=d["reporting_dates"],
        )


class ApproveForm(forms.Form):
    """The approval as it will be printed under the signature."""

    approver_name = forms.CharField(label=_("ชื่อผู้อนุมัติ"), max_length=200)
    approver_position = forms.CharField(label=_("ตำแหน่ง"), max_length=200)
    approved_at = ThaiDateField(label=_("วันที่อนุมัติ"))


class SendBackForm(forms.Form):
    """What the executive asks the editors to change."""

    reason = forms.CharField(
        label=_("เหตุผลที่ส่งกลับ และสิ่งที่ให้แก้ไข"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class NextYearForm(forms.Form):
    """Which measures of this year continue next year."""

    measures = forms.ModelMultipleChoiceField(
        label=_("มาตรการที่ยังไม่แล้วเสร็จและจะดำเนินการต่อ"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, plan: Plan, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["measures"].queryset = plan.measures.all()  # type: ignore[attr-defined]


class CreatePlanForm(forms.Form):
    """The fiscal year of a new plan."""

    fiscal_year = forms.IntegerField(label=_("ปีงบประมาณของแผน"), min_value=2500, max_value=2700)


def add_service_error(form: forms.Form, error: PlanError) -> None:
    """Show a service's refusal beside the field it names, or above the form."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)


class ImportMeasureForm(MeasureForm):
    """One measure read from last year's o27, as the person keeps, edits or leaves it."""

    include = forms.BooleanField(label="ใช้มาตรการนี้", required=False, initial=True)
    new_units = forms.CharField(
        label="กอง/สำนักที่จะสร้างใหม่",
        required=False,
        max_length=1000,
        help_text="ชื่อในเอกสารที่ไม่ตรงกับกอง/สำนักของหน่วยงาน คั่นด้วยจุลภาค ลบออกหากไม่ต้องการสร้าง",
    )

    def clean(self) -> dict[str, Any]:
        """A left-out measure is not checked: its period may stay outside the plan year."""
        data = super().clean() or {}
        if not data.get("include"):
            for name in list(self.errors):
                del self.errors[name]
        return data

    def new_unit_names(self) -> list[str]:
        raw = self.cleaned_data.get("new_units") or ""
        return [n.strip() for n in raw.replace("、", ",").split(",") if n.strip()]


ImportMeasureFormSet = forms.formset_factory(
    ImportMeasureForm, extra=0, max_num=200, absolute_max=200, validate_max=True
)
