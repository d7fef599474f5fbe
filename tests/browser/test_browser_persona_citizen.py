"""A citizen at the service counter, on a 360 px phone and on a 1280 px screen (issue #10, "Done means";
`journeys.md`): scans the QR code on Dodi's desk, rates how he was served without an account, in a
handful of taps; then scans an old QR code (the link was replaced) and gets an Indonesian, styled page
that says what to do, not Django's English default."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from karier.appraisal.models import UmpanBalikPublik
from karier.appraisal.public import services
from tests.browser.personas import WIDTHS, Walk
from tests.orgdata import build_org

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.mark.parametrize("width", WIDTHS)
def test_citizen_rates_by_qr_and_an_old_code_says_what_to_do(live_server: Any, page: Any, width: int) -> None:
    org = build_org()
    old = services.tautan_get_or_create(actor=org.actor("staf1a"), pegawai=org.pegawai["staf1a"])
    link = services.tautan_replace(actor=org.actor("staf1a"), tautan=old)  # a misused printout was replaced
    walk = Walk(page, live_server.url, "warga", width)
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))

    walk.goto(f"/umpan-balik/{link.token}/")  # the QR code
    expect(page.get_by_role("heading", name="Bagaimana layanan kami?")).to_be_visible()
    expect(page.get_by_text("Dodi Saputra")).to_be_visible()
    walk.shot("formulir umpan balik")
    walk.tick(page.get_by_role("group", name="Kepuasan layanan").get_by_label("5 · Sangat puas"))
    walk.tick(page.get_by_role("group", name="Sikap petugas").get_by_label("4 · Baik"))
    walk.type(page.get_by_label("Saran atau komentar (opsional)"), "Cepat dan ramah.")
    page.wait_for_timeout((services.MIN_DETIK + 0.5) * 1000)  # a person reads before sending
    walk.click(page.get_by_role("button", name="Kirim"))
    page.wait_for_url(f"**/umpan-balik/{link.token}/terima-kasih/")
    expect(page.get_by_role("heading", name="Terima kasih!")).to_be_visible()
    walk.shot("terima kasih")
    row = UmpanBalikPublik.objects.get()
    assert (row.tautan_id, row.skor_layanan, row.skor_perilaku, row.komentar) == (link.pk, 5, 4, "Cepat dan ramah.")
    # Scan, two scores, a short comment, send: six taps and the comment's keystrokes, nothing else.
    assert walk.actions() == (5, len("Cepat dan ramah."))
    assert all(u.startswith(live_server.url) for u in requested)  # no external resources

    # Yesterday's printout: the old code is no longer valid — an Indonesian page says what to do.
    walk.goto(f"/umpan-balik/{old.token}/")
    expect(page.get_by_role("heading", name="Halaman tidak ditemukan")).to_be_visible()
    expect(page.get_by_text("minta kode QR terbaru di tempat layanan")).to_be_visible()
    assert page.evaluate("document.documentElement.lang") == "id"
    assert page.locator("link[rel=stylesheet]").count() >= 1  # the site's styled page, not Django's default
    walk.shot("kode QR lama")
    assert UmpanBalikPublik.objects.count() == 1
