"""Django's makemessages, also collecting the core's messages: ``said("…")`` templates
(:mod:`itaplan.domain.messages`) are msgids like ``gettext("…")``."""

from __future__ import annotations

from typing import ClassVar

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    xgettext_options: ClassVar[list[str]] = [
        *makemessages.Command.xgettext_options,
        "--keyword=said",
    ]
