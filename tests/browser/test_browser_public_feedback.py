"""A citizen at a service counter scans Dodi's QR code and rates him on a phone, without an account."""

from __future__ import annotations

from typing import Any

import pytest

from karier.appraisal.models import UmpanBalikPublik
from karier.appraisal.public import services
from tests.orgdata import build_org

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_public_form_at_360_px(live_server: Any, page: Any) -> None:
    org = build_org()
    link = services.tautan_get_or_create(actor=org.actor("staf1a"), pegawai=org.pegawai["staf1a"])
    page.set_viewport_size({"width": 360, "height": 740})
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(f"{live_server.url}/umpan-balik/{link.token}/")
    assert page.get_by_role("heading", name="Bagaimana layanan kami?").is_visible()
    assert page.get_by_text("Dodi Saputra").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360  # no sideways scrolling
    page.get_by_role("group", name="Kepuasan layanan").get_by_label("5 · Sangat puas").check()
    page.get_by_role("group", name="Sikap petugas").get_by_label("4 · Baik").check()
    page.get_by_label("Saran atau komentar (opsional)").fill("Dilayani dengan cepat.")
    page.wait_for_timeout((services.MIN_DETIK + 0.5) * 1000)  # a person reads before sending
    page.get_by_role("button", name="Kirim").click()
    page.wait_for_url(f"**/umpan-balik/{link.token}/terima-kasih/")
    assert page.get_by_role("heading", name="Terima kasih!").is_visible()
    row = UmpanBalikPublik.objects.get()
    assert (row.skor_layanan, row.skor_perilaku, row.komentar) == (5, 4, "Dilayani dengan cepat.")
    assert all(u.startswith(live_server.url) for u in requested)  # no external resources
