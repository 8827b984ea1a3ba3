"""Optimistic locking for edit forms: no silent lost update.

The edit form carries, signed, what the person saw when the page was opened (a
*snapshot*: field label → the value as text). Saving compares it, under the row
lock, with what is stored now; when someone else saved in between, the save is
refused and the message says which fields changed, from what to what, so the
person can take the other change into account and save again (the form then
carries the new snapshot).
"""

from __future__ import annotations

from collections.abc import Mapping

from django.core import signing
from django.utils.translation import gettext

_SALT = "itaplan.editlock"
FIELD = "edit_token"


def token(snapshot: Mapping[str, str]) -> str:
    return signing.dumps(dict(snapshot), salt=_SALT, compress=True)


def _short(text: str) -> str:
    text = " ".join(text.split())
    return f"'{text[:80]}…'" if len(text) > 80 else f"'{text}'" if text else gettext("(ว่าง)")


class StaleEdit(ValueError):
    """Someone saved the record after this form was opened."""

    def __init__(self, what: str, changes: list[tuple[str, str, str]]) -> None:
        self.changes = changes
        if changes:
            shown = "; ".join(
                gettext("%(field)s: จาก %(old)s เป็น %(new)s")
                % {"field": gettext(label), "old": _short(old), "new": _short(new)}
                for label, old, new in changes
            )
            message = gettext(
                "มีผู้อื่นบันทึกการแก้ไข%(what)sนี้ระหว่างที่ท่านแก้ไขอยู่ ระบบจึงยังไม่บันทึกของท่าน "
                "สิ่งที่เปลี่ยนไป — %(changes)s — กรุณาตรวจสอบแล้วกดบันทึกอีกครั้ง"
            ) % {"what": gettext(what), "changes": shown}
        else:
            message = gettext("แบบฟอร์มแก้ไข%(what)sไม่สมบูรณ์หรือหมดอายุ กรุณาเปิดหน้าแก้ไขใหม่") % {
                "what": gettext(what)
            }
        super().__init__(message)


def check(seen_token: str, current: Mapping[str, str], what: str) -> None:
    """Raise :class:`StaleEdit` when ``current`` differs from the snapshot in the token."""
    try:
        seen = signing.loads(seen_token, salt=_SALT)
    except signing.BadSignature:
        raise StaleEdit(what, []) from None
    changes = [
        (label, str(seen.get(label, "")), value)
        for label, value in current.items()
        if str(seen.get(label, "")) != value
    ]
    if changes:
        raise StaleEdit(what, changes)
