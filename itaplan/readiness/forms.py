"""The item URL form: one row per OIT item (URLs, responsible unit, due date).

Read by hand from the POST data rather than with 28 Django forms, so every error
names the item and the line in Thai, and nothing is saved while any row is wrong.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from itaplan.agencies.models import Agency, Unit
from itaplan.domain.thai import to_thai_digits
from itaplan.lib.dates import ThaiDateInput, read_date
from itaplan.readiness.services import MAX_URL_LENGTH, MAX_URLS_PER_ITEM, ItemInput


def read_items(
    data: Mapping[str, str], agency: Agency, codes: list[str]
) -> tuple[dict[str, ItemInput], list[str]]:
    """The rows of the form, and the Thai errors (empty when every row is valid)."""
    units = {str(u.pk): u for u in Unit.objects.filter(agency=agency)}
    values: dict[str, ItemInput] = {}
    errors: list[str] = []
    for code in codes:
        urls: list[str] = []
        lines = data.get(f"urls-{code}", "").splitlines()
        for number, line in enumerate(lines, start=1):
            url = line.strip()
            if not url:
                continue
            where = f"ประเด็น {code} บรรทัดที่ {to_thai_digits(str(number))}"
            parts = urlsplit(url)
            if len(url) > MAX_URL_LENGTH:
                errors.append(f"{where}: URL ยาวเกิน {MAX_URL_LENGTH} ตัวอักษร")
            elif parts.scheme not in ("http", "https") or not parts.netloc:
                errors.append(f"{where}: URL ต้องขึ้นต้นด้วย https:// หรือ http:// ({url[:80]})")
            elif parts.username or parts.password:
                errors.append(f"{where}: URL ต้องไม่มีชื่อผู้ใช้หรือรหัสผ่าน")
            else:
                urls.append(url)
        if len(urls) > MAX_URLS_PER_ITEM:
            errors.append(f"ประเด็น {code}: บันทึก URL ได้ไม่เกิน {MAX_URLS_PER_ITEM} รายการ")
        unit_key = data.get(f"unit-{code}", "").strip()
        unit = units.get(unit_key)
        if unit_key and unit is None:
            errors.append(f"ประเด็น {code}: ไม่พบกอง/สำนักที่เลือก")
        due_text = data.get(f"due-{code}", "").strip()
        due: dt.date | None = None
        if due_text:
            try:
                due = read_date(due_text)
            except ValidationError as refused:
                errors.append(f"ประเด็น {code}: กำหนดเสร็จ {refused.messages[0]}")
        values[code] = ItemInput(urls=urls, unit=unit, due_date=due)
    return values, errors


def due_box(agency: Agency, code: str, value: dt.date | str | None) -> str:
    """The Buddhist-era date box (with its Thai calendar) of one item's due date."""
    return ThaiDateInput(thai_digits=agency.thai_digits).render(
        f"due-{code}",
        value,
        attrs={"id": f"id_due_{code}", "aria-label": f"{gettext('กำหนดเสร็จ')} {code}"},
    )
