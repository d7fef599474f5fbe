"""Under the Content-Security-Policy (no inline scripts) the page behaviours still work in a real browser:
Swagger UI from the installed package, plotly charts, htmx tree toggles, the language switch — and the
browser reports no CSP violation."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.orgdata import PASSWORD, build_org

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_pages_work_under_the_csp(live_server: Any, page: Any) -> None:
    from karier.standards.demo import seed_standards

    build_org()
    seed_standards()
    base = live_server.url
    violations: list[str] = []
    page.on("console", lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None)
    external: list[str] = []
    page.on("request", lambda req: external.append(req.url) if not req.url.startswith(base) else None)

    page.goto(f"{base}/akun/masuk/")
    page.get_by_label("NIP atau nama pengguna").fill("admin")
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(f"{base}/")

    # Swagger UI, served by django-ninja's static files, renders the schema.
    page.goto(f"{base}/api/v1/docs")
    page.wait_for_selector(".swagger-ui .info .title", timeout=15000)
    assert "Karier API" in page.locator(".swagger-ui .info .title").inner_text()

    # A plotly chart is drawn by static/karier/chart.js.
    page.goto(f"{base}/standar/")
    page.wait_for_selector("#grafik-utama .main-svg", timeout=15000)

    # An htmx tree toggle opens (the after-request hook lives in static/karier/karier.js).
    page.goto(f"{base}/pegawai/unit/")
    toggle = page.locator("button[data-expand]").first
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")

    # The language switch submits itself.
    page.select_option("#lang", "en")
    expect(page.locator("html")).to_have_attribute("lang", "en")

    assert not violations, violations
    assert not external, external
