"""A real browser (Debian's chromium through Playwright): log in by NIP, find an employee."""

from __future__ import annotations

from typing import Any

import pytest

from tests.orgdata import PASSWORD, build_org

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_superior_logs_in_and_finds_a_subordinate(live_server: Any, page: Any) -> None:
    org = build_org()
    wati, dodi = org.pegawai["kabid1"], org.pegawai["staf1a"]
    nip_with_spaces = f"{wati.nip[:8]} {wati.nip[8:14]} {wati.nip[14]} {wati.nip[15:]}"

    page.goto(f"{live_server.url}/")
    assert "/akun/masuk/" in page.url
    page.get_by_label("NIP atau nama pengguna").fill(nip_with_spaces)
    page.get_by_label("Kata sandi").fill("salah-sekali")
    page.get_by_role("button", name="Masuk").click()
    assert page.get_by_role("alert").inner_text().strip() == "NIP/nama pengguna atau kata sandi salah."

    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(f"{live_server.url}/")
    assert "Selamat datang, Wati Susanti" in page.inner_text("h1")

    page.get_by_role("link", name="Pegawai", exact=True).click()
    page.get_by_label("Cari nama atau NIP").fill("dodi")
    page.get_by_role("button", name="Cari").click()
    rows = page.locator("tbody tr")
    assert rows.count() == 1
    rows.first.get_by_role("link", name="Dodi Saputra").click()
    assert page.inner_text("h1") == "Dodi Saputra"
    assert f"{dodi.nip[:8]} {dodi.nip[8:14]} {dodi.nip[14]} {dodi.nip[15:]}" in page.inner_text("main")

    # Someone outside her chain is not found, by search or by id.
    page.goto(f"{live_server.url}/pegawai/?q={org.pegawai['staf2'].nip}")
    assert page.locator("tbody tr").count() == 0
    assert "Tidak ada pegawai yang cocok." in page.inner_text("main")
    response = page.goto(f"{live_server.url}/pegawai/{org.pegawai['staf2'].pk}/")
    assert response is not None and response.status == 404


def test_phone_width_shows_the_directory_without_sideways_scroll(live_server: Any, page: Any) -> None:
    org = build_org()
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{live_server.url}/akun/masuk/")
    page.get_by_label("NIP atau nama pengguna").fill(org.users["admin"].username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/pegawai/")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360
