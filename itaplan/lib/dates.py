"""One Buddhist-era date field for every form: typed as d/m/BBBB, picked on a Thai calendar.

``ThaiDateField`` reads what ``itaplan.domain.thai.parse_date`` reads (Thai or Arabic digits,
month numbers or names, always the Buddhist era) and says the allowed range in the same form
as the field shows dates. ``ThaiDateInput`` renders the text box with a calendar button; the
calendar is the vendored ``cally`` web component (static/js/cally.js), its month and year
headings formatted by the browser's Thai (Buddhist) calendar.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from django import forms
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from itaplan.domain.thai import DateError, format_date_numeric, parse_date


def _calendar_locale(thai_digits: bool) -> str:
    """The calendar's Intl locale: Thai months and BE years, or English months with BE years."""
    if translation.get_language() == "en":
        return "en-GB-u-ca-buddhist"
    return "th-TH-u-ca-buddhist-nu-thai" if thai_digits else "th-TH-u-ca-buddhist-nu-latn"


class ThaiDateInput(forms.TextInput):
    """A d/m/BBBB text box with a Thai calendar picker beside it."""

    template_name = "widgets/thai_date.html"

    def __init__(self, attrs: dict[str, Any] | None = None, *, thai_digits: bool = False) -> None:
        super().__init__({"autocomplete": "off", "inputmode": "text", **(attrs or {})})
        self.thai_digits = thai_digits
        self.min_date: dt.date | None = None
        self.max_date: dt.date | None = None

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, dt.date):
            return format_date_numeric(value, thai_digits=self.thai_digits)
        return super().format_value(value)

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        widget["attrs"].setdefault("placeholder", _("วว/ดด/ปปปป เช่น 1/10/2568"))
        widget["calendar"] = {
            "locale": _calendar_locale(self.thai_digits),
            "min": self.min_date.isoformat() if self.min_date else "",
            "max": self.max_date.isoformat() if self.max_date else "",
            "thai_digits": self.thai_digits,
        }
        return context


def read_date(text: str) -> dt.date:
    """``parse_date`` with its refusal worded in the user's language."""
    try:
        return parse_date(text)
    except DateError as error:
        if error.kind == "era":
            message = _("'%(text)s': ปี %(year)s ไม่ใช่ปีพุทธศักราช กรุณาพิมพ์ปี พ.ศ. เช่น %(be)s") % {
                "text": text,
                "year": error.year,
                "be": error.year + 543,
            }
        elif error.kind == "month":
            message = _("'%(text)s': ไม่รู้จักชื่อเดือน") % {"text": text}
        elif error.kind == "calendar":
            message = _("'%(text)s': ไม่มีวันที่นี้ในปฏิทิน") % {"text": text}
        else:
            message = _("'%(text)s' ไม่ใช่วันที่ กรุณาพิมพ์วัน/เดือน/ปี พ.ศ. เช่น 1/10/2568") % {"text": text}
        raise forms.ValidationError(message, code=f"date_{error.kind}") from None


class ThaiDateField(forms.DateField):
    """A date typed or picked in the Buddhist era, optionally within [min_date, max_date]."""

    widget = ThaiDateInput
    default_error_messages: ClassVar[dict[str, Any]] = {
        "invalid": gettext_lazy("กรุณาพิมพ์วันที่เป็นวัน/เดือน/ปี พ.ศ.")
    }

    def __init__(
        self,
        *,
        min_date: dt.date | None = None,
        max_date: dt.date | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.set_range(min_date, max_date)

    def set_range(self, min_date: dt.date | None, max_date: dt.date | None) -> None:
        """Allow only days from ``min_date`` to ``max_date`` (either may be open)."""
        self.min_date, self.max_date = min_date, max_date
        if isinstance(self.widget, ThaiDateInput):
            self.widget.min_date, self.widget.max_date = min_date, max_date

    @property
    def thai_digits(self) -> bool:
        return isinstance(self.widget, ThaiDateInput) and self.widget.thai_digits

    def to_python(self, value: Any) -> dt.date | None:
        if value in self.empty_values:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        return read_date(str(value).strip())

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value is None:
            return
        show = lambda day: format_date_numeric(day, thai_digits=self.thai_digits)  # noqa: E731
        low, high = self.min_date, self.max_date
        if (low and value < low) or (high and value > high):
            if low and high:
                message = _("วันที่ต้องอยู่ระหว่าง %(low)s ถึง %(high)s") % {
                    "low": show(low),
                    "high": show(high),
                }
            elif low:
                message = _("วันที่ต้องไม่ก่อน %(low)s") % {"low": show(low)}
            else:
                message = _("วันที่ต้องไม่หลัง %(high)s") % {"high": show(high)}
            raise forms.ValidationError(message, code="date_range")


def use_digits(form: forms.Form, thai_digits: bool) -> None:
    """Show every date of ``form`` in the agency's digits (Thai ๑/๑๐/๒๕๖๘ or Arabic 1/10/2568)."""
    for field in form.fields.values():
        widget = field.widget
        for part in getattr(widget, "widgets", [widget]):
            if isinstance(part, ThaiDateInput):
                part.thai_digits = thai_digits
