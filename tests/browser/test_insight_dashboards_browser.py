"""The four dashboards in a real browser at 360 and 1280 px (issue #13 item 1): Sari (BKD admin) on the
province's, Pak Rahmat on his agency's, Pak Kasi on his team's and Dodi on his own. Each page draws its
charts from the installed plotly.js, shows when its figures were refreshed, opens a chart's table and
offers its Excel; no page scrolls sideways. Screenshots are kept as test artefacts under
`var/test-artefacts/personas/dasbor-<who>-<width>/` (or `$KARIER_TEST_ARTEFACTS`; `tests/browser/personas.py`)."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from karier.insight.dashboards.refresh import dasbor_refresh_now
from karier.people.access import SYSTEM
from tests.browser.personas import SLOW, WIDTHS, XLSX, Walk, fetch, login
from tests.insight.test_insight_dashboards_support import YEAR, dashboard_org
from tests.orgdata import build_org

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

DASHBOARDS = (
    ("admin", f"/wawasan/dasbor/provinsi/?tahun={YEAR}", "predikat"),
    ("kadis", f"/wawasan/dasbor/opd/?tahun={YEAR}", "penyelesaian"),
    ("kasi1", f"/wawasan/dasbor/tim/?tahun={YEAR}", "tim"),
    ("staf1a", f"/wawasan/dasbor/saya/?tahun={YEAR}", "jp"),
)


@pytest.mark.parametrize("width", WIDTHS)
def test_every_dashboard_draws_its_charts_at_both_widths(live_server: Any, page: Any, width: int) -> None:
    org = build_org()
    dashboard_org(org)
    dasbor_refresh_now(actor=SYSTEM, tahun=[YEAR])
    for who, url, panel in DASHBOARDS:
        page.context.clear_cookies()
        walk = Walk(page, live_server.url, f"dasbor-{who}", width)
        login(walk, org.users[who].username)
        walk.goto(url)
        expect(page.get_by_test_id("diperbarui")).to_be_visible()
        charts = page.locator(".chart")
        assert charts.count() >= 1
        for i in range(charts.count()):  # drawn when near the viewport: bring each into view
            charts.nth(i).scroll_into_view_if_needed()
            expect(charts.nth(i)).to_have_attribute("data-drawn", "", timeout=SLOW)
        expect(page.locator(f"#grafik-{panel} .main-svg").first).to_be_visible(timeout=SLOW)
        page.evaluate("window.scrollTo(0, 0)")
        walk.shot("dasbor")
        section = page.get_by_test_id(f"panel-{panel}")
        walk.click(section.get_by_text("Lihat sebagai tabel"))
        expect(section.get_by_test_id(f"tabel-{panel}")).to_be_visible()
        walk.shot("tabel")
        response = fetch(page, section.get_by_role("link", name="Unduh Excel"))
        assert response.status == 200 and response.headers["content-type"] == XLSX
