"""Thai first: the UI language is Thai unless the user picked another one; and database
contention answered in Thai (DatabaseBusyMiddleware)."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import render
from django.utils import translation


class ThaiFirstLocaleMiddleware(LocaleMiddleware):
    """Like Django's ``LocaleMiddleware`` but ignores the browser's Accept-Language.

    Officers often run an English browser; the product is Thai by default and
    switches to English only through the language switch (the language cookie
    set by ``set_language``).
    """

    def process_request(self, request: HttpRequest) -> None:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        known = {code for code, _ in settings.LANGUAGES}
        language = chosen if chosen in known else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


#: Database errors that mean "someone else is writing": worth a retry, never a 500.
BUSY_SIGNS = (
    "database is locked",
    "database table is locked",
    "deadlock detected",
    "could not serialize access",
)


def is_busy(error: BaseException) -> bool:
    from django.db import OperationalError

    return isinstance(error, OperationalError) and any(s in str(error) for s in BUSY_SIGNS)


class ExceptionAnswer:
    """A middleware that only turns some exceptions of views into an answer."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)


class DatabaseBusyMiddleware(ExceptionAnswer):
    """Answer a write that lost the race for the database with a Thai "try again" page.

    SQLite waits for the write lock (settings: IMMEDIATE transactions, a busy timeout)
    and PostgreSQL for row locks; what still fails is contention, not a bug: the
    person is told, in Thai, that someone else was saving and nothing of theirs was
    saved (503 with Retry-After), never shown the 500 page.
    """

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not is_busy(exception):
            return None
        response = render(request, "busy.html", status=503)
        response["Retry-After"] = "5"
        return response


def is_out_of_range(error: BaseException) -> bool:
    """An id typed or tampered beyond what the database stores (``999…`` 30 digits):
    SQLite's driver raises OverflowError, PostgreSQL a DataError "out of range"."""
    from django.db import DataError

    if isinstance(error, OverflowError):
        return True
    return isinstance(error, DataError) and "out of range" in str(error)


class OutOfRangeIdMiddleware(ExceptionAnswer):
    """A number too large for any id cannot name a row: the page is not found (404).

    Ids come from people in URLs (``/plans/<id>/``) and in forms (a unit's or a
    measure's id in a choice field); whichever query first meets one fails in the
    database driver rather than finding nothing, so it is answered here, once.
    """

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not is_out_of_range(exception):
            return None
        from django.http import Http404
        from django.views.defaults import page_not_found

        return page_not_found(request, Http404("id out of range"))
