"""Forms of the progress pages: they parse input into what the services take, nothing else."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from itaplan.lib.dates import ThaiDateField
from itaplan.plans.forms import ApproveForm
from itaplan.plans.models import Measure
from itaplan.progress.evidence import (
    ACCEPT_ATTRIBUTE,
    ACCEPTED_LABEL,
    max_evidence_bytes,
    size_text,
)
from itaplan.progress.models import ProgressUpdate
from itaplan.progress.services import ProgressData, ProgressError, check_files, clean_links


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files under one name (Django's documented pattern)."""

    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


def evidence_help() -> str:
    """What the page says about files: the types and the size limit."""
    return f"รับไฟล์ {ACCEPTED_LABEL} ขนาดไม่เกินไฟล์ละ {size_text(max_evidence_bytes())} เลือกได้หลายไฟล์"


class ProgressForm(forms.Form):
    """One report of what was done on a measure in a round."""

    status = forms.ChoiceField(
        label=_("สถานะ"), choices=ProgressUpdate.Status.choices, widget=forms.RadioSelect
    )
    percent = forms.IntegerField(
        label=_("ร้อยละความก้าวหน้า"),
        min_value=0,
        max_value=100,
        required=False,
        help_text=_("0–100 · ดำเนินการแล้วเสร็จ = 100 · ยังไม่ดำเนินการ = 0 (กำหนดให้อัตโนมัติ)"),
        widget=forms.NumberInput(attrs={"min": 0, "max": 100, "step": 1, "class": "score"}),
    )
    done_text = forms.CharField(
        label=_("ผลการดำเนินการ (ได้ดำเนินการอะไรไปแล้ว)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    problems = forms.CharField(
        label=_("ปัญหาและอุปสรรค"),
        required=False,
        help_text=_("ถ้ามี เช่น งบประมาณไม่เพียงพอ หรือรอผลการพิจารณาของหน่วยงานอื่น"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    next_step = forms.CharField(
        label=_("ขั้นตอนต่อไป"),
        required=False,
        help_text=_("สิ่งที่จะดำเนินการต่อในรอบถัดไป"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    cancel_reason = forms.CharField(
        label=_("เหตุผลที่ยกเลิก"),
        required=False,
        help_text=_("ต้องระบุเมื่อเลือกสถานะ “ยกเลิก”"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    links = forms.CharField(
        label=_("ลิงก์หลักฐาน"),
        required=False,
        help_text=_(
            "บรรทัดละหนึ่งลิงก์ พิมพ์ชื่อหลักฐานไว้หน้าลิงก์ได้ "
            "เช่น “คำสั่งแต่งตั้งคณะทำงาน https://…” ลิงก์ขึ้นต้นด้วย http:// หรือ https://"
        ),
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": _("ชื่อหลักฐาน https://")}),
    )
    files = MultipleFileField(
        label=_("ไฟล์หลักฐาน"),
        required=False,
        # An empty file is refused by check_files() with its name and a clearer message.
        allow_empty_file=True,
        widget=MultipleFileInput(attrs={"accept": ACCEPT_ATTRIBUTE}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["files"].help_text = evidence_help()

    def clean_links(self) -> list[str]:
        try:
            return clean_links(self.cleaned_data["links"].splitlines())
        except ProgressError as error:
            raise forms.ValidationError(error.message) from None

    def clean_files(self) -> list[UploadedFile]:
        files = self.cleaned_data["files"]
        try:
            check_files(files)
        except ProgressError as error:
            raise forms.ValidationError(error.message) from None
        return files

    def to_data(self) -> ProgressData:
        d = self.cleaned_data
        return ProgressData(
            status=d["status"],
            percent=d["percent"],
            done_text=d["done_text"],
            cancel_reason=d["cancel_reason"],
            links=d["links"],
            problems=d["problems"],
            next_step=d["next_step"],
        )


class RoundForm(forms.Form):
    """A round's name and end date, as the agency calls and schedules it."""

    name = forms.CharField(
        label=_("ชื่อรอบ"),
        max_length=100,
        error_messages={
            "max_length": _("ชื่อรอบ: ยาวเกิน %(limit_value)d ตัวอักษร (พิมพ์มา %(show_value)d ตัวอักษร)")
        },
    )
    end_date = ThaiDateField(label=_("วันสิ้นสุดรอบ (กำหนดรายงานผล)"))
    #: What the admin saw when the form was opened (itaplan.lib.editlock).
    edit_token = forms.CharField(required=False, widget=forms.HiddenInput)


#: The executive signs a round's o28 report as a plan's o27: name, position, date.
ApproveRoundForm = ApproveForm


class CarryForwardForm(forms.Form):
    """Which unfinished measures continue in next year's plan."""

    measures = forms.ModelMultipleChoiceField(
        label=_("มาตรการที่ยังไม่แล้วเสร็จ"),
        queryset=Measure.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, unfinished: list[Measure], *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"measures": [m.pk for m in unfinished]})
        super().__init__(*args, **kwargs)
        field = self.fields["measures"]
        field.queryset = Measure.objects.filter(pk__in=[m.pk for m in unfinished])  # type: ignore[attr-defined]


def add_service_error(form: forms.Form, error: ProgressError) -> None:
    """Show a service's refusal beside the field it names, or above the form."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)


class ReportTextForm(forms.Form):
    """Last year's o28 as pasted text (or an uploaded .txt/.docx/.pdf)."""

    text = forms.CharField(
        label=_("วางข้อความรายงานผล"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 12, "spellcheck": "false"}),
    )
    file = forms.FileField(
        label=_("หรืออัปโหลดไฟล์ (.txt, .docx, .pdf)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,.docx,.pdf"}),
    )


class ReportRowForm(forms.Form):
    """One row of the report: the measure it is matched to and what it records."""

    include = forms.BooleanField(label=_("นำเข้าแถวนี้"), required=False, initial=True)
    measure = forms.TypedChoiceField(
        label=_("มาตรการในแผน"), coerce=int, required=False, empty_value=None
    )
    status = forms.ChoiceField(label=_("สถานะ"), choices=ProgressUpdate.Status.choices)
    percent = forms.IntegerField(
        label=_("ร้อยละความก้าวหน้า"), min_value=0, max_value=100, required=False
    )
    done_text = forms.CharField(
        label=_("ผลการดำเนินการ"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, measures: Sequence[Measure] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.measures = {m.pk: m for m in measures}
        self.fields["measure"].choices = [  # type: ignore[attr-defined]
            ("", "— ไม่นำเข้า —"),
            *((m.pk, f"{m.order}. {m.title[:80]}") for m in measures),
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("include") and data.get("measure") is None:
            self.add_error("measure", gettext("เลือกมาตรการในแผนที่แถวนี้รายงาน หรือไม่นำเข้าแถวนี้"))
        return data


ReportRowFormSet = forms.formset_factory(
    ReportRowForm, extra=0, max_num=200, absolute_max=200, validate_max=True
)
