"""Forms of results intake: they parse input and nothing else."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from itaplan.domain.criteria import Framework, available_years, load
from itaplan.domain.thai import parse_number
from itaplan.results.spreadsheet import INDICATOR_COUNT

PRINTED_FIELDS = {
    "printed_total": "total",
    "printed_iit": "IIT",
    "printed_eit": "EIT",
    "printed_oit": "OIT",
}


def year_choices() -> list[tuple[int, str]]:
    """Fiscal years that have a criteria file, newest first."""
    return [(year, str(year)) for year in reversed(available_years())]


def default_year() -> int:
    return max(available_years())


def chosen_year(value: Any) -> int:
    """The fiscal year asked for in a request, if it has criteria, else the default."""
    try:
        year = int(parse_number(str(value)))
    except (TypeError, ValueError, OverflowError):
        return default_year()
    return year if year in available_years() else default_year()


class ScoreField(forms.CharField):
    """A score from 0 to 100, typed with Thai (๙๖.๗๙) or Arabic digits."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "widget",
            forms.TextInput(
                attrs={
                    "inputmode": "decimal",
                    "autocomplete": "off",
                    "class": "score",
                    "maxlength": "20",
                }
            ),
        )
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> float | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        try:
            number = parse_number(text)
        except ValueError:
            raise forms.ValidationError(
                _("'%(value)s' ไม่ใช่ตัวเลข"), params={"value": text}
            ) from None
        if not 0 <= number <= 100:
            raise forms.ValidationError(_("คะแนนต้องอยู่ระหว่าง 0 ถึง 100"))
        return number


class ResultForm(forms.Form):
    """Indicators, optional items and optional printed totals of one fiscal year."""

    fiscal_year = forms.TypedChoiceField(label=_("ปีงบประมาณของผลการประเมิน"), coerce=int)
    printed_total = ScoreField(label=_("คะแนนรวมที่พิมพ์"))
    printed_level = forms.CharField(label=_("ระดับที่พิมพ์"), max_length=32, required=False)
    printed_iit = ScoreField(label=_("IIT ที่พิมพ์"))
    printed_eit = ScoreField(label=_("EIT ที่พิมพ์"))
    printed_oit = ScoreField(label=_("OIT ที่พิมพ์"))
    previous_total = ScoreField(label=_("คะแนนรวมปีก่อน"))

    def __init__(self, framework: Framework, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.framework = framework
        self.fields["fiscal_year"].choices = year_choices()
        self.fields["fiscal_year"].initial = framework.fiscal_year
        for indicator in framework.indicators:
            self.fields[f"indicator_{indicator.number}"] = ScoreField(
                label=f"{indicator.number}. {indicator.name}"
            )
        for item in framework.items:
            self.fields[f"item_{item.code}"] = ScoreField(label=item.code, help_text=item.text)

    def indicator_fields(self) -> list[forms.BoundField]:
        return [self[f"indicator_{i.number}"] for i in self.framework.indicators]

    def item_groups(self) -> list[dict[str, Any]]:
        """Item fields by tool, then by indicator, for the folded sections of the form."""
        groups = []
        for tool in self.framework.tools:
            indicators = []
            for indicator in self.framework.indicators_of(tool.code):
                fields = [self[f"item_{i.code}"] for i in self.framework.items_of(indicator.number)]
                if fields:
                    indicators.append({"indicator": indicator, "fields": fields})
            if indicators:
                filled = sum(1 for g in indicators for f in g["fields"] if f.value())
                groups.append({"tool": tool, "indicators": indicators, "filled": filled})
        return groups

    def printed_fields(self) -> list[forms.BoundField]:
        return [
            self[n]
            for n in (
                "printed_total",
                "printed_level",
                "printed_iit",
                "printed_eit",
                "printed_oit",
                "previous_total",
            )
        ]

    def scores(self) -> tuple[dict[int, float], dict[str, float], dict[str, Any], float | None]:
        """(indicators, items, printed, previous total) from the valid fields only.

        Invalid fields are simply left out, so the live totals can show what the
        valid part already gives while the user fixes the rest.
        """
        data = getattr(self, "cleaned_data", {})
        indicators = {
            n: v
            for n in range(1, INDICATOR_COUNT + 1)
            if (v := data.get(f"indicator_{n}")) is not None
        }
        items = {
            item.code: v
            for item in self.framework.items
            if (v := data.get(f"item_{item.code}")) is not None
        }
        printed: dict[str, Any] = {
            key: data[name] for name, key in PRINTED_FIELDS.items() if data.get(name) is not None
        }
        if data.get("printed_level"):
            printed["level"] = data["printed_level"].strip()
        return indicators, items, printed, data.get("previous_total")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        has_score = any(
            data.get(name) is not None
            for name in self.fields
            if name.startswith(("indicator_", "item_"))
        )
        if not has_score and not self.errors:
            raise forms.ValidationError(_("กรุณากรอกคะแนนอย่างน้อยหนึ่งตัวชี้วัด"))
        return data


def form_for_request(data: Any | None, year: Any) -> ResultForm:
    """A result form for the year chosen in ``data`` (POST) or ``year`` (GET)."""
    source = data.get("fiscal_year") if data is not None else year
    return ResultForm(load(chosen_year(source)), data=data)


def check_upload_size(upload: UploadedFile | None) -> None:
    if upload is not None and upload.size and upload.size > settings.ITAPLAN_MAX_UPLOAD_BYTES:
        raise forms.ValidationError(
            _("ไฟล์ใหญ่เกินไป (%(size)s) รับได้ไม่เกิน %(limit)s"),
            params={"size": megabytes(upload.size), "limit": megabytes_limit()},
        )


def megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


def megabytes_limit() -> str:
    return megabytes(settings.ITAPLAN_MAX_UPLOAD_BYTES)


class TextImportForm(forms.Form):
    """Pasted text or an uploaded .txt/.docx/.pdf of a result table or an old document."""

    fiscal_year = forms.TypedChoiceField(
        label=_("ปีงบประมาณของผลการประเมิน"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_("เว้นว่างได้ ระบบจะหาปีจากข้อความ"),
    )
    text = forms.CharField(
        label=_("วางข้อความ"),
        required=False,
        strip=False,  # keep the text exactly as pasted: it is stored as the source
        widget=forms.Textarea(attrs={"rows": 12, "spellcheck": "false"}),
    )
    file = forms.FileField(
        label=_("หรืออัปโหลดไฟล์ (.txt, .docx, .pdf)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,.docx,.pdf"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["fiscal_year"].choices = [("", _("หาจากข้อความ")), *year_choices()]

    def clean_file(self) -> UploadedFile | None:
        upload = self.cleaned_data.get("file")
        check_upload_size(upload)
        return upload

    def clean_text(self) -> str:
        text: str = self.cleaned_data.get("text") or ""
        size = len(text.encode("utf-8"))
        if size > settings.ITAPLAN_MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("ข้อความยาวเกินไป (%(size)s) รับได้ไม่เกิน %(limit)s"),
                params={"size": megabytes(size), "limit": megabytes_limit()},
            )
        return text

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not self.errors and not (data.get("text") or "").strip() and not data.get("file"):
            raise forms.ValidationError(_("กรุณาวางข้อความหรือเลือกไฟล์"))
        return data


class SheetUploadForm(forms.Form):
    """An XLSX or CSV results file."""

    file = forms.FileField(
        label=_("ไฟล์ตาราง (.xlsx หรือ .csv)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )

    def clean_file(self) -> UploadedFile:
        upload = self.cleaned_data["file"]
        check_upload_size(upload)
        return upload
