"""The audit (django-auditlog's LogEntry) of what has no model save to hook on.

Logins (successful and failed, with the client's address) and files such as an
agency's DOCX template are written here as ``LogEntry`` rows, next to the entries
auditlog writes for every registered model.
"""

from __future__ import annotations

from typing import Any

from auditlog.cid import get_cid
from auditlog.context import auditlog_value
from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.http import HttpRequest


def updated() -> int:
    """The audit's "update" action (for callers that do not import auditlog)."""
    return int(LogEntry.Action.UPDATE)


def request_address(request: HttpRequest | None) -> str | None:
    """The client's address: the request's (after the trusted-proxy middleware), else
    the one auditlog's middleware holds for the request being served."""
    if request is not None and request.META.get("REMOTE_ADDR"):
        return str(request.META["REMOTE_ADDR"])
    context = auditlog_value.get(None)
    return context.get("remote_addr") if context else None


def record(
    target: models.Model | type[models.Model],
    action: int,
    changes: dict[str, list[Any]],
    *,
    actor: Any = None,
    request: HttpRequest | None = None,
    label: str = "",
    extra: dict[str, Any] | None = None,
) -> LogEntry:
    """Write one audit entry about ``target`` (an instance, or a model for "no object")."""
    model = target if isinstance(target, type) else target._meta.model  # lazy users too
    pk = None if isinstance(target, type) else target.pk
    if actor is None:
        context = auditlog_value.get(None)
        actor = context.get("actor") if context else None
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    return LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(model),
        object_pk=str(pk or ""),
        object_id=pk if isinstance(pk, int) else None,
        object_repr=label or (str(target) if pk is not None else ""),
        action=action,
        changes=changes,
        actor=actor,
        actor_email=getattr(actor, "email", None),
        remote_addr=request_address(request),
        cid=get_cid(),
        additional_data=extra,
    )


def logged_in(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    record(user, LogEntry.Action.ACCESS, {"login": ["", "success"]}, actor=user, request=request)


def login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    username = str(credentials.get("username") or "")[:150]
    user = get_user_model().objects.filter(username=username).first()
    record(
        user or get_user_model(),
        LogEntry.Action.ACCESS,
        {"login": ["", "failed"]},
        request=request,
        label=username,
        extra={"username": username},
    )


def logged_out(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    if user is not None:
        record(user, LogEntry.Action.ACCESS, {"logout": ["", "done"]}, actor=user, request=request)
