"""Bahasa Indonesia first: the language is the one the user chose (cookie), never the browser's.

Django's LocaleMiddleware follows Accept-Language, which would show an English interface to an
officer whose phone happens to be set to English. Karier speaks Indonesian unless asked otherwise.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation


class ChosenLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.allowed = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in self.allowed else settings.LANGUAGE_CODE
        request.LANGUAGE_CODE = language  # type: ignore[attr-defined]
        # Only for this request: the thread goes back to Indonesian afterwards, so work done outside
        # a request (jobs, commands) never inherits the previous visitor's English.
        with translation.override(language):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        response.setdefault("Vary", "Cookie")
        return response


class SecurityHeadersMiddleware:
    """Headers every response carries, next to django-csp's Content-Security-Policy.

    - `Permissions-Policy`: browser features Karier never uses (camera, geolocation, …) are off.
    - `Cache-Control: no-store` on every response to a signed-in user (pages, API answers, PDFs,
      Excel files, evidence downloads): they carry personal data, and a shared computer's browser
      cache or a proxy must keep none of it. Static files never reach this middleware (WhiteNoise
      answers them first), so they stay cacheable. The API's bearer-token user is known only after
      the view ran, which is why the check happens on the way out.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.permissions_policy = getattr(settings, "PERMISSIONS_POLICY", "")

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if self.permissions_policy:
            response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response["Cache-Control"] = "no-store"
            response.headers.pop("Expires", None)
        return response
