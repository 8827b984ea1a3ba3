"""The core's messages in the reader's language.

A :class:`~itaplan.domain.messages.Message` keeps its Thai template, the msgid of the
``.po`` catalogue: it is looked up in the active language and its parameters filled in
(messages inside messages first). Notes stored with a result keep the Thai text beside the
template and parameters; those stored before messages kept their template are shown as
they were written.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext

from itaplan.domain.messages import SEPARATOR, Message, as_data, from_data


def translated(message: Any) -> str:
    """``message`` (a Message, a stored note or a plain text) in the active language."""
    if isinstance(message, Mapping) and not isinstance(message.get("template"), str):
        return str(message.get("message", ""))
    message = from_data(message)
    if isinstance(message, list | tuple):
        return SEPARATOR.join(translated(m) for m in message)
    if not isinstance(message, Message):
        return "" if message is None else str(message)
    if not message.params:
        return gettext(message.template)
    params = {
        name: translated(value) if isinstance(value, Message | Mapping | list | tuple) else value
        for name, value in message.params.items()
    }
    return gettext(message.template) % params


def stored_note(field: str, message: str) -> dict[str, Any]:
    """A note kept with a result: its field, its Thai text, and how to say it again."""
    note: dict[str, Any] = {"field": field, "message": str(message)}
    data = as_data(message)
    if isinstance(data, dict):
        note.update(data)
    return note
