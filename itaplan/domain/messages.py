"""What the core says to people: Thai sentences that the web layer can translate.

The core (parser, checker) words its findings, warnings and notes in Thai, as the CLI and
the documents print them. Each is a :class:`Message`: a ``str`` holding that Thai text, so
it prints, compares and serialises as before, which also keeps its template and parameters.
The web layer looks the template up in the ``.po`` catalogue (it is the msgid) and fills
in the parameters, so an English page says it in English (``itaplan.lib.said``).

Templates are written at the call site as ``said("… %(name)s …", name=value)``: the
project's ``makemessages`` knows ``said`` as a keyword and collects them. A parameter is a
plain value (number, code, a name from the criteria or the document), another message,
or a list of them (written out joined by "; ").
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class Message(str):
    """A Thai sentence of the core that remembers how it was made."""

    template: str
    params: Mapping[str, Any]

    def __new__(cls, template: str, params: Mapping[str, Any] | None = None) -> Message:
        params = {k: tuple(v) if isinstance(v, list) else v for k, v in (params or {}).items()}
        shown = {k: _joined(v) if isinstance(v, tuple) else v for k, v in params.items()}
        self = super().__new__(cls, template % shown if params else template)
        self.template = template
        self.params = params
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (Message, (self.template, dict(self.params)))

    def as_data(self) -> dict[str, Any]:
        """JSON-ready form (:func:`from_data` reads it back)."""
        return {
            "template": self.template,
            "params": {k: _data(v) for k, v in self.params.items()},
        }


#: How a parameter that is a list (several checks, several lines) is written out.
SEPARATOR = "; "


def _joined(values: tuple[Any, ...]) -> str:
    return SEPARATOR.join(str(v) for v in values)


def _data(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_data(v) for v in value]
    return value.as_data() if isinstance(value, Message) else value


def said(template: str, /, **params: Any) -> Message:
    """The message ``template`` (Thai, with ``%(name)s`` placeholders) with ``params``."""
    return Message(template, params)


def from_data(data: Any) -> Any:
    """A :class:`Message` from :meth:`Message.as_data`; anything else is returned as it is
    (texts stored before messages kept their template)."""
    if isinstance(data, Message):
        return data
    if isinstance(data, Mapping) and isinstance(data.get("template"), str):
        params = data.get("params") or {}
        return Message(data["template"], {k: from_data(v) for k, v in params.items()})
    if isinstance(data, list):
        return [from_data(v) for v in data]
    return data


def as_data(message: Any) -> Any:
    """The JSON-ready form of a message, or the text itself when it is a plain ``str``."""
    return message.as_data() if isinstance(message, Message) else message
