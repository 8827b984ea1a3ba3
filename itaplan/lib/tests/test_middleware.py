"""Thai first: the browser's language does not switch the UI, the switch does."""

from __future__ import annotations

from django.test import RequestFactory, SimpleTestCase, override_settings
from django.utils import translation

from itaplan.lib.middleware import ThaiFirstLocaleMiddleware


class ThaiFirstLocaleMiddlewareTestCase(SimpleTestCase):
    def language_for(self, **meta: str) -> str:
        request = RequestFactory().get("/", **meta)
        middleware = ThaiFirstLocaleMiddleware(lambda r: None)  # type: ignore[arg-type, return-value]
        middleware.process_request(request)
        language = request.LANGUAGE_CODE
        translation.deactivate()
        return language

    def test_it_ignores_an_english_browser(self) -> None:
        self.assertEqual(self.language_for(HTTP_ACCEPT_LANGUAGE="en-US,en"), "th")

    def test_it_follows_the_language_switch(self) -> None:
        self.assertEqual(self.language_for(HTTP_COOKIE="django_language=en"), "en")

    @override_settings(LANGUAGE_CODE="th")
    def test_it_ignores_an_unknown_language_cookie(self) -> None:
        self.assertEqual(self.language_for(HTTP_COOKIE="django_language=xx"), "th")
