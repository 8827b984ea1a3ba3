"""Forms of the administration pages: they parse input into what the services take."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from itaplan.agencies.administration import PROFILE_FIELDS, AdminError
from itaplan.agencies.models import Agency, District, Membership, Province, Unit


class UnitForm(forms.Form):
    name = forms.CharField(label=_("ชื่อกอง/สำนัก"), max_length=200)


class UnitChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """The agency's units in use; a retired unit cannot take new people."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            queryset=Unit.objects.none(),
            required=False,
            label=_("กอง/สำนัก"),
            empty_label=_("— ไม่สังกัดกอง/สำนัก —"),
            help_text=_("ต้องระบุสำหรับเจ้าหน้าที่กอง/สำนัก ซึ่งรายงานผลได้เฉพาะมาตรการของกองตน"),
            **kwargs,
        )


class MembershipForm(forms.Form):
    """A person's role, unit and position in the agency."""

    role = forms.ChoiceField(
        label=_("บทบาท"), choices=Membership.Role.choices, initial=Membership.Role.EDITOR
    )
    unit = UnitChoiceField()
    position = forms.CharField(
        label=_("ตำแหน่ง"), max_length=200, required=False, help_text=_("เช่น นักวิเคราะห์นโยบายและแผน")
    )

    def __init__(self, agency: Agency, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = agency.units.in_use()  # type: ignore[attr-defined]


class InviteForm(MembershipForm):
    """Invite a person by e-mail into the agency."""

    email = forms.EmailField(label=_("อีเมล"), max_length=150)
    first_name = forms.CharField(label=_("ชื่อ"), max_length=150, required=False)
    last_name = forms.CharField(label=_("นามสกุล"), max_length=150, required=False)

    field_order = ("email", "first_name", "last_name", "role", "unit", "position")


class ProfileForm(forms.ModelForm):  # type: ignore[type-arg]
    """What the agency says about itself and who signs its documents."""

    province = forms.CharField(label=_("จังหวัด"), max_length=100)
    district = forms.CharField(label=_("อำเภอ"), max_length=100)
    website = forms.URLField(label=_("เว็บไซต์"), required=False, assume_scheme="https")
    thai_digits = forms.TypedChoiceField(
        label=_("ตัวเลขในเอกสารและหน้าจอ"),
        choices=((True, _("เลขไทย (๑๒๓)")), (False, _("เลขอารบิก (123)"))),
        coerce=lambda value: value in (True, "True"),
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Agency
        fields = PROFILE_FIELDS

    field_order = ("full_name", "province", "district", "thai_digits", "website")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agency = self.instance
        if agency.pk and not self.is_bound:
            self.initial.setdefault("province", agency.district.province.name)
            self.initial.setdefault("district", agency.district.name)


class AgencyForm(forms.Form):
    """A new agency (site admins), or its name, kind and place."""

    code = forms.SlugField(
        label=_("รหัสหน่วยงาน"),
        max_length=32,
        help_text=_("ตัวอักษรอังกฤษ ตัวเลข - และ _ ใช้ในที่อยู่หน้าเว็บและตอนนำเข้าไฟล์ เปลี่ยนภายหลังไม่ได้"),
    )
    name = forms.CharField(label=_("ชื่อหน่วยงาน"), max_length=200)
    kind = forms.ChoiceField(label=_("ประเภท"), choices=Agency.Kind.choices)
    province = forms.CharField(label=_("จังหวัด"), max_length=100)
    district = forms.CharField(label=_("อำเภอ"), max_length=100)

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if editing:
            self.fields["code"].disabled = True


class ScopeForm(forms.Form):
    """A supervisor and what they read: a district, a province, or every agency."""

    email = forms.EmailField(label=_("อีเมลผู้กำกับดูแล"), max_length=150)
    first_name = forms.CharField(label=_("ชื่อ"), max_length=150, required=False)
    last_name = forms.CharField(label=_("นามสกุล"), max_length=150, required=False)
    province = forms.ModelChoiceField(
        label=_("จังหวัด"),
        queryset=Province.objects.all(),
        required=False,
        empty_label=_("— ทุกจังหวัด —"),
    )
    district = forms.ModelChoiceField(
        label=_("อำเภอ"),
        queryset=District.objects.select_related("province"),
        required=False,
        empty_label=_("— ทั้งจังหวัด —"),
        help_text=_("เว้นว่างทั้งจังหวัดและอำเภอ = อ่านได้ทุกหน่วยงานทั่วประเทศ"),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        province, district = data.get("province"), data.get("district")
        if province and district and district.province_id != province.pk:
            self.add_error("district", _("อำเภอที่เลือกไม่อยู่ในจังหวัดที่เลือก"))
        return data


def add_admin_error(form: forms.Form, error: AdminError) -> None:
    """Show a service's refusal beside the field it names, or above the form."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)
