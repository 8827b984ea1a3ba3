"""Django's own form messages that its Thai catalogue leaves in English.

Django's Thai translation has no text for the length validators, so a Thai page
said "Ensure this value has at most 100 characters". Thai is this product's source
language: the messages are given in Thai here (and translated to English through
the project's catalogue like every other string).
"""

from __future__ import annotations

from django.core import validators
from django.utils.translation import ngettext_lazy


def use_thai_messages() -> None:
    validators.MaxLengthValidator.message = ngettext_lazy(
        "ยาวเกิน %(limit_value)d ตัวอักษร (พิมพ์มา %(show_value)d ตัวอักษร) กรุณาตัดให้สั้นลง",
        "ยาวเกิน %(limit_value)d ตัวอักษร (พิมพ์มา %(show_value)d ตัวอักษร) กรุณาตัดให้สั้นลง",
        "limit_value",
    )
    validators.MinLengthValidator.message = ngettext_lazy(
        "สั้นเกินไป ต้องมีอย่างน้อย %(limit_value)d ตัวอักษร (พิมพ์มา %(show_value)d ตัวอักษร)",
        "สั้นเกินไป ต้องมีอย่างน้อย %(limit_value)d ตัวอักษร (พิมพ์มา %(show_value)d ตัวอักษร)",
        "limit_value",
    )
