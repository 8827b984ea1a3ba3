"""Forms of the knowledge base: the admin's and an agency's own template form.

Both show steps one per line and OIT codes as typed text; the rules themselves
(months in order, OIT codes of the year) are the services' and are only called here.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from itaplan.domain.criteria import Framework
from itaplan.domain.knowledge import KnowledgeBase
from itaplan.knowledgebase.models import KnowledgeEntry, MeasureTemplate
from itaplan.knowledgebase.selectors import month_names, target_label
from itaplan.knowledgebase.services import (
    OwnTemplate,
    TemplateError,
    check_target,
    check_template,
    oit_codes,
)
from itaplan.plans.forms import _lines as step_lines


class StepsField(forms.CharField):
    """Steps as a list, typed one per line; the person's own numbering is dropped."""

    widget = forms.Textarea(attrs={"rows": 6})

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("help_text", "หนึ่งบรรทัดต่อหนึ่งขั้นตอน ตามลำดับ")
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        return "\n".join(value) if isinstance(value, list | tuple) else value

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        if isinstance(value, list | tuple):
            return [str(v) for v in value]
        return step_lines(super().to_python(value) or "")


class CodesField(forms.CharField):
    """Item codes as a list, typed separated by commas or spaces (``o8, o9``)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("help_text", "รหัสประเด็น OIT คั่นด้วยจุลภาค เช่น o8, o9")
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        return ", ".join(value) if isinstance(value, list | tuple) else value

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        if isinstance(value, list | tuple):
            return [str(v) for v in value]
        return [c for c in re.split(r"[\s,]+", super().to_python(value) or "") if c]


def _add_service_error(form: forms.BaseForm, error: TemplateError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


class MeasureTemplateAdminForm(forms.ModelForm):
    """The site admin's template form: steps one per line, OIT codes checked for the year."""

    steps = StepsField(label=_("ขั้นตอน/วิธีการ"))
    related_oit = CodesField(label=_("ประเด็น OIT ที่เกี่ยวข้อง"), required=False)

    class Meta:
        model = MeasureTemplate
        fields = "__all__"

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        year = data.get("fiscal_year")
        if year is None or any(n in self.errors for n in ("steps", "start_month", "end_month")):
            return data
        try:
            check_template(
                year, data.get("steps") or [], data.get("start_month", 0), data.get("end_month", 0)
            )
            data["related_oit"] = oit_codes(year, data.get("related_oit") or [])
        except TemplateError as error:
            _add_service_error(self, error)
        return data


class KnowledgeEntryAdminForm(forms.ModelForm):
    """The site admin's analysis form: the target must exist in the year's criteria."""

    class Meta:
        model = KnowledgeEntry
        fields = "__all__"

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        year, target = data.get("fiscal_year"), data.get("target")
        if year is not None and target and "target" not in self.errors:
            try:
                check_target(year, target)
            except TemplateError as error:
                _add_service_error(self, error)
        return data


class OwnTemplateForm(forms.Form):
    """An agency's own measure template for one fiscal year."""

    title = forms.CharField(label=_("มาตรการ"), max_length=500)
    steps = StepsField(label=_("ขั้นตอน/วิธีการ"))
    unit = forms.CharField(
        label=_("ผู้รับผิดชอบ"), max_length=300, help_text=_("กอง/สำนักที่มักดำเนินการ เช่น กองคลัง")
    )
    start_month = forms.TypedChoiceField(label=_("เดือนเริ่ม"), coerce=int)
    end_month = forms.TypedChoiceField(label=_("เดือนสิ้นสุด"), coerce=int)
    monitoring = forms.CharField(
        label=_("การติดตามผล"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    related_oit = CodesField(label=_("ประเด็น OIT ที่เกี่ยวข้อง"), required=False)
    targets = forms.MultipleChoiceField(
        label=_("ตอบตัวชี้วัด/ประเด็น"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("ระบบจะเสนอมาตรการนี้เมื่อตัวชี้วัดหรือประเด็นที่เลือกได้คะแนนไม่เต็ม"),
    )

    def __init__(
        self,
        fiscal_year: int,
        framework: Framework | None,
        kb: KnowledgeBase | None,
        *args: Any,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fiscal_year = fiscal_year
        months = list(month_names(fiscal_year).items())
        self.fields["start_month"].choices = months  # type: ignore[attr-defined]
        self.fields["end_month"].choices = months  # type: ignore[attr-defined]
        targets = [e.target for e in kb.entries] if kb is not None else []
        self.fields["targets"].choices = [(t, target_label(framework, t)) for t in targets]  # type: ignore[attr-defined]

    @staticmethod
    def initial_of(template: MeasureTemplate) -> dict[str, Any]:
        """Form values of a stored template."""
        return {
            "title": template.title,
            "steps": list(template.steps),
            "unit": template.unit,
            "start_month": template.start_month,
            "end_month": template.end_month,
            "monitoring": template.monitoring,
            "related_oit": list(template.related_oit),
            "targets": list(template.entries.values_list("target", flat=True)),
        }

    def to_data(self) -> OwnTemplate:
        d = self.cleaned_data
        return OwnTemplate(
            title=d["title"],
            steps=tuple(d["steps"]),
            unit=d["unit"],
            start_month=d["start_month"],
            end_month=d["end_month"],
            monitoring=d["monitoring"],
            related_oit=tuple(d["related_oit"]),
            targets=tuple(d["targets"]),
        )

    def add_service_error(self, error: TemplateError) -> None:
        """Show a service's refusal beside the field it names, or above the form."""
        _add_service_error(self, error)
