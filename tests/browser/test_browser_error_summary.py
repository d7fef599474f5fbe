"""Issue #10 item 3: after a full-page submit that is refused, the reasons are summarised at the top
(announced to screen readers) and focus moves to the first field at fault."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.test_browser_appraisal import login
from tests.orgdata import build_org

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_refused_form_is_summarised_at_the_top_and_focus_goes_to_the_field(live_server: Any, page: Any) -> None:
    org = build_org()
    base = live_server.url
    page.set_viewport_size({"width": 360, "height": 800})
    login(page, base, org.users["admin"].username)
    page.goto(f"{base}/penilaian/kalender/")
    page.get_by_label("Pengingat (hari sebelum batas)").fill("100")
    page.get_by_role("button", name="Buat kalender").click()
    page.wait_for_selector("#ringkasan-galat")
    summary = page.locator("#ringkasan-galat")
    assert summary.get_attribute("role") == "alert"
    assert "Belum tersimpan" in summary.inner_text()
    assert summary.locator("a").first.get_attribute("href") == "#id_hari_pengingat"
    assert page.evaluate("document.activeElement.id") == "id_hari_pengingat"
    top = page.evaluate("document.getElementById('ringkasan-galat').getBoundingClientRect().top + window.scrollY")
    field = page.evaluate("document.getElementById('id_hari_pengingat').getBoundingClientRect().top + window.scrollY")
    assert top < field
    # A page that is simply shown (200) gets no summary.
    page.goto(f"{base}/penilaian/kalender/")
    assert page.locator("#ringkasan-galat").count() == 0
