"""The REST API: /api/v1/, OpenAPI at /api/v1/openapi.json, interactive docs at /api/v1/docs (signed in).

Each app contributes a router; authentication is a bearer token or the browser session (the
session needs the CSRF token on writes). Errors are `{"detail": ...}` in Bahasa Indonesia.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.openapi.views import openapi_view

from karier.api.auth import SessionOrToken
from karier.appraisal.calibration.api import router as appraisal_calibration_router
from karier.appraisal.evaluation.api import router as appraisal_router
from karier.appraisal.feedback.api import router as appraisal_feedback_router
from karier.appraisal.public.skm.api import router as skm_router
from karier.development.api import router as development_router
from karier.insight.api import router as insight_router
from karier.people.api import router as people_router
from karier.plans.api import router as plans_router
from karier.plans.api_insight import router as plans_insight_router
from karier.standards.api import router as standards_router
from karier.talent.api import router as talent_router


def _docs_need_login(view: Any) -> Any:
    """ninja puts `docs_decorator` on both the schema and the docs page; only the page needs a login.
    The schema holds no data, and scripts and API fuzzers read it before they authenticate."""
    if getattr(view, "func", None) is openapi_view:
        return login_required(view)
    return view


api = NinjaAPI(
    title="Karier API",
    version="1.0.0",
    description="API Karier: data pegawai, unit kerja dan jabatan. Semua data mengikuti aturan akses "
    "yang sama dengan layar aplikasi: data yang tidak boleh dilihat menjawab 404.\n\n"
    "Autentikasi: sesi peramban (dengan token CSRF untuk penulisan) atau "
    "`Authorization: Bearer <token>` (buat token di halaman Akun → Token API, atau dengan "
    "`karier create-api-token`).",
    auth=SessionOrToken(),
    urls_namespace="api",
    # The interactive docs are for signed-in users; Swagger UI comes from the installed django-ninja
    # ("ninja" in INSTALLED_APPS), never from a CDN, and runs under the site's CSP.
    docs_decorator=_docs_need_login,
)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    # access.py words its 404s for people ("Pegawai tidak ditemukan."); they are safe to show.
    message = str(exc) or "Data tidak ditemukan."
    return api.create_response(request, {"detail": message}, status=404)


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = api.create_response(
        request, {"detail": "Autentikasi diperlukan: masuk, atau kirim token Bearer."}, status=401
    )
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(PermissionDenied)
def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    """A service refuses a visible record that is not the caller's to act on: 403 with its reason
    (hidden records answer 404 before any service runs). Routers need no wrapper of their own."""
    message = str(exc) or "Anda tidak berwenang melakukan ini."
    return api.create_response(request, {"detail": message}, status=403)


@api.exception_handler(ValidationError)
def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """Services refuse with Django's ValidationError (messages in Bahasa Indonesia).

    The request was well-formed (it passed the schema: otherwise ninja answers 422) but breaks a
    rule or conflicts with the state of the data (a closed year, a plan not in draft, an unknown
    reference, a target that is not a number): that is 409 Conflict, with the reasons by field.
    """
    errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    return api.create_response(request, {"detail": "Data tidak valid.", "errors": errors}, status=409)


api.add_router("/", people_router)
api.add_router("/", standards_router)
api.add_router("/", plans_router)
api.add_router("/", plans_insight_router)
api.add_router("/", appraisal_router)
api.add_router("/", appraisal_feedback_router)
api.add_router("/", appraisal_calibration_router)
api.add_router("/", skm_router)
api.add_router("/", development_router)
api.add_router("/", talent_router)
api.add_router("/", insight_router)
