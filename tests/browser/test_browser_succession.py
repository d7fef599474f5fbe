"""Sari's succession journey in a real browser at 360 and 1280 px (issue #12 item 5): from the key
positions she opens the Kepala Bidang post and answers "who could succeed?" on one screen — the holder
and her retirement date, the ranked candidates with fit, readiness and gaps, the ineligible with the
reason — and downloads the Excel. No step scrolls sideways (screenshots under var/test-artefacts)."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from karier.accounts.models import User
from tests.browser.personas import WIDTHS, XLSX, Walk, fetch, login
from tests.orgdata import PASSWORD, build_org
from tests.talent.test_talent_succession_support import scenario

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.mark.parametrize("width", WIDTHS)
def test_sari_finds_who_could_succeed_the_kepala_bidang(live_server: Any, page: Any, width: int) -> None:
    org = build_org()
    scenario(org)
    sari = User.objects.create_user(username="sari.suksesi", password=PASSWORD, is_admin_bkd=True)
    walk = Walk(page, live_server.url, "admin-bkd-sari-suksesi", width)
    login(walk, sari.username)
    signed_in = walk.clicks
    walk.goto("/karier/suksesi/")
    walk.shot("jabatan kritikal")
    walk.click(page.get_by_role("link", name="Kepala Bidang Pembinaan SMA"))
    expect(page.get_by_test_id("pemangku")).to_contain_text("Wati Susanti")
    expect(page.get_by_test_id("pemangku")).to_contain_text("batas usia pensiun 58 tahun")
    table = page.get_by_test_id("kandidat")
    expect(table.locator("tbody tr").first).to_contain_text("Pegawai kabid2")
    expect(table).to_contain_text("Siap sekarang")
    expect(table).to_contain_text("83,33%")
    expect(page.get_by_test_id("kandidat-tidak-memenuhi")).to_contain_text("Golongan: diperlukan paling rendah III/d")
    expect(page.get_by_test_id("kekuatan-bangku")).to_contain_text("1 siap sekarang")
    walk.shot("siapa penerusnya")
    response = fetch(page, page.get_by_role("link", name="Unduh Excel"))
    assert response.status == 200 and response.headers["content-type"] == XLSX
    assert walk.clicks - signed_in <= 2  # the address, then one click to the answer
