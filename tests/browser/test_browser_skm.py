"""The SKM on a phone (360 px): a citizen answers the questionnaire without an account (a missing
element is refused next to its question, what was chosen stays), and the unit head reads the report
with its chart — no page scrolls sideways. Screenshots are kept as test artefacts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.appraisal.skm_support import fill, make_period
from tests.orgdata import PASSWORD, build_org

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
ARTEFACTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


def _no_sideways_scroll(page: Any) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_questionnaire_and_report_at_360(live_server: Any, page: Any) -> None:
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    org = build_org()
    p = make_period(org)
    base = live_server.url
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(f"{base}/umpan-balik/skm/{p.token}/")
    expect(page.get_by_role("heading", name="Survei Kepuasan Masyarakat")).to_be_visible()
    _no_sideways_scroll(page)
    for i, name in enumerate(("u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8")):
        page.locator(f"input[name={name}][value='{(i % 4) + 1}']").check()
    page.wait_for_timeout(3200)  # the form token refuses answers faster than 3 seconds
    page.get_by_role("button", name="Kirim").click()
    expect(page.locator("#unsur-u9 .error-text")).to_contain_text("U9 (Sarana dan prasarana)")
    expect(page.locator("input[name=u3][value='3']")).to_be_checked()
    page.screenshot(path=str(ARTEFACTS / "skm-form-360.png"), full_page=True)
    page.locator("input[name=u9][value='4']").check()
    page.wait_for_timeout(3200)
    page.get_by_role("button", name="Kirim").click()
    expect(page.get_by_role("heading", name="Terima kasih!")).to_be_visible()
    fill(p)
    page.goto(f"{base}/akun/masuk/")
    page.get_by_label("NIP atau nama pengguna").fill(org.users["kabid1"].username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(f"{base}/")
    page.goto(f"{base}/umpan-balik/skm/kelola/{p.pk}/")
    page.locator("#grafik-skm").scroll_into_view_if_needed()  # plotly.js loads when a chart comes near
    expect(page.locator("#grafik-skm .main-svg").first).to_be_visible(timeout=15000)
    expect(page.get_by_text("5 responden", exact=False)).to_be_visible()
    _no_sideways_scroll(page)
    page.screenshot(path=str(ARTEFACTS / "skm-laporan-360.png"), full_page=True)
