"""Headers on every page: Content-Security-Policy without inline scripts, Permissions-Policy, and
`Cache-Control: no-store` on everything a signed-in user receives (static files stay cacheable)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from karier.accounts.tokens import token_create
from karier.people.access import SYSTEM

pytestmark = pytest.mark.django_db

ROOT = Path(settings.BASE_DIR)


def _directives(response: Any) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in (p.strip() for p in policy.split(";")) if part}


def _assert_strict_csp(response: Any) -> None:
    csp = _directives(response)
    assert csp["script-src"] == ["'self'"], csp  # no 'unsafe-inline', no 'unsafe-eval', no CDN
    assert csp["default-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"] and csp["frame-ancestors"] == ["'none'"]
    assert "camera=()" in response["Permissions-Policy"] and "geolocation=()" in response["Permissions-Policy"]


def test_anonymous_login_page_has_csp_and_permissions_policy(db: Any) -> None:
    response = Client().get("/akun/masuk/")
    assert response.status_code == 200
    _assert_strict_csp(response)


@pytest.mark.parametrize("url", ["/", "/pegawai/", "/akun/token/", "/jejak-audit/", "/api/v1/docs"])
def test_signed_in_pages_have_csp_and_are_never_stored(org: Any, url: str) -> None:
    client = Client()
    client.force_login(org.users["admin"])
    response = client.get(url)
    assert response.status_code == 200, url
    _assert_strict_csp(response)
    assert response["Cache-Control"] == "no-store"


def test_api_answers_to_a_session_or_a_token_are_never_stored(org: Any) -> None:
    client = Client()
    client.force_login(org.users["staf1a"])
    assert client.get("/api/v1/me")["Cache-Control"] == "no-store"
    _, key = token_create(actor=SYSTEM, user=org.users["kabid1"], name="t")
    response = Client().get("/api/v1/pegawai", headers={"Authorization": f"Bearer {key}"})
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"


def test_a_private_file_answer_is_not_stored(org: Any) -> None:
    import datetime as dt

    from karier.plans.bulk import skp_bulk_create
    from karier.plans.models import Skp

    skp_bulk_create(actor=SYSTEM, tahun=2026, today=dt.date(2026, 2, 2))
    skp = Skp.objects.get(pegawai=org.pegawai["staf1a"])
    client = Client()
    client.force_login(org.users["staf1a"])
    for url in (f"/skp/{skp.pk}/xlsx/", f"/skp/{skp.pk}/pdf/", f"/api/v1/skp/{skp.pk}/pdf"):
        response = client.get(url)
        assert response.status_code == 200 and response["Cache-Control"] == "no-store", url


def test_static_files_stay_cacheable(org: Any) -> None:
    client = Client()
    client.force_login(org.users["admin"])
    response = client.get("/static/karier/karier.js")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


# --- no inline script anywhere in the templates -----------------------------------------------------------

TEMPLATE_DIRS = [ROOT / "templates", *sorted((ROOT / "karier").glob("*/templates"))]
SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
HANDLER = re.compile(r"""[\s"'/]on[a-z]+\s*=""", re.IGNORECASE)
HTMX_INLINE = re.compile(r"\bhx-on(?::|-|\b)|\bhx-vals\s*=\s*['\"]\s*js:|\bjavascript:", re.IGNORECASE)


def _templates() -> list[Path]:
    return [p for d in TEMPLATE_DIRS for p in sorted(d.rglob("*.html"))]


def test_the_template_scan_sees_the_templates() -> None:
    names = {p.name for p in _templates()}
    assert {"base.html", "login.html", "_chart.html"} <= names


@pytest.mark.parametrize("path", _templates(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_template_has_an_inline_script_or_handler(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    for match in SCRIPT_TAG.finditer(text):
        attrs = match.group(1)
        assert "src=" in attrs or re.search(r"type=[\"']application/(ld\+)?json", attrs), (
            f"{path}: inline <script> (move it into a static .js file)"
        )
    tags = re.findall(r"<[a-zA-Z][^>]*>", text)
    handlers = [tag for tag in tags if HANDLER.search(tag)]
    assert not handlers, f"{path}: inline event handler in {handlers[0][:120]}"
    assert not HTMX_INLINE.search(text), f"{path}: hx-on / js: / javascript: needs eval under the CSP"
