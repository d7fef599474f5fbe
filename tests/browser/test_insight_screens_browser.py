"""The other screens of issue #13 in a real browser at 360 and 1280 px: the fairness analytics (Sari,
BKD admin, and Pak Rahmat, head of Dinas Pendidikan), a person's official documents and the bulk
collection page, and the SKM pages of a service unit (its periods, a period's report with the chart,
weakest elements and follow-up actions). No page scrolls sideways; each chart is drawn from the
installed plotly.js. Screenshots are kept as test artefacts under `var/test-artefacts/personas/`
(`tests/browser/personas.py`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.personas import SLOW, WIDTHS, Walk, login
from tests.insight.test_insight_fairness_support import YEAR as FAIR_YEAR
from tests.insight.test_insight_fairness_support import fairness_org
from tests.orgdata import build_org

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.mark.parametrize("width", WIDTHS)
def test_fairness_documents_and_skm_fit_both_widths(live_server: Any, page: Any, width: int) -> None:
    from karier.appraisal.public.skm import services as skm
    from tests.appraisal.skm_support import fill, make_period, today

    org = build_org()
    fairness_org(org)
    periode = make_period(
        org, "dik_s1", mulai=today() - dt.timedelta(days=30), selesai=today() + dt.timedelta(days=30), nama="SKM II"
    )
    fill(periode)
    skm.skm_tindak_lanjut_add(
        actor=org.actor("admin"),
        periode=periode,
        unsur="U6",
        tindakan="Pelatihan pelayanan prima untuk petugas loket dan pendampingan oleh kepala seksi",
        penanggung_jawab="Kepala Seksi Kurikulum",
        batas_waktu=today() + dt.timedelta(days=60),
    )
    dik = org.units["dik"].pk

    for who in ("admin", "kadis"):
        page.context.clear_cookies()
        walk = Walk(page, live_server.url, f"wawasan-{who}", width)
        login(walk, org.users[who].username)
        walk.goto(f"/wawasan/keadilan/?tahun={FAIR_YEAR}&opd={dik}")
        expect(page.locator("summary", has_text="Apa artinya dan apa yang perlu dilakukan").first).to_be_visible()
        walk.shot("keadilan")
        walk.goto(f"/wawasan/laporan/pegawai/{org.pegawai['staf1a'].pk}/")
        walk.shot("dokumen-resmi")
        walk.goto("/wawasan/laporan/")
        walk.shot("laporan")
        walk.goto(f"/umpan-balik/skm/kelola/{periode.pk}/")
        chart = page.locator(".chart").first
        chart.scroll_into_view_if_needed()
        expect(chart).to_have_attribute("data-drawn", "", timeout=SLOW)
        expect(page.get_by_text("Pelatihan pelayanan prima").first).to_be_visible()
        page.evaluate("window.scrollTo(0, 0)")
        walk.shot("skm-periode")
        walk.goto("/umpan-balik/skm/kelola/")
        walk.shot("skm-daftar")
