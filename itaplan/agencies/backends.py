"""Login throttling (django-axes) for every login made from a web request."""

from __future__ import annotations

from typing import Any

from axes.backends import AxesStandaloneBackend
from django.http import HttpRequest


class LoginThrottleBackend(AxesStandaloneBackend):
    """django-axes' check, which needs the request to know the address.

    Logins from a browser always come with their request (Django's login view and
    the admin pass it). Code that authenticates without one (the test client's
    ``login()``, management commands) has no address to throttle: it goes on to
    the password check.
    """

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> None:
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)  # type: ignore[no-any-return]
