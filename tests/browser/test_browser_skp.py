"""The SKP journey in a real browser: an employee drafts from the position standard and submits; the
superior returns it with a comment; the employee fixes a target inline and resubmits; the superior
approves; the employee downloads the PDF. On a phone-sized screen."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from karier.plans.models import Skp
from karier.standards.models import StandarHasil, StandarJabatan
from tests.orgdata import PASSWORD, Org, build_org

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def login(page: Any, base: str, username: str) -> None:
    page.goto(f"{base}/akun/masuk/")
    page.get_by_label("NIP atau nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(f"{base}/")


def standard(org: Org) -> None:
    st = StandarJabatan.objects.create(jabatan=org.jabatan["staf1"], ringkasan="Mengolah data kurikulum SMA")
    StandarHasil.objects.create(
        standar=st,
        urutan=1,
        rhk="Data kurikulum SMA yang mutakhir",
        aspek="KUANTITAS",
        indikator="Jumlah laporan data kurikulum",
        target_angka=12,
        satuan="laporan",
    )
    StandarHasil.objects.create(
        standar=st,
        urutan=2,
        rhk="Layanan informasi kurikulum",
        aspek="KUALITAS",
        indikator="Kepuasan sekolah",
        target_kualitatif="tanpa keluhan",
    )


def test_skp_journey_from_standard_to_approved_pdf(live_server: Any, page: Any, browser: Any) -> None:
    org = build_org()
    standard(org)
    base = live_server.url
    dodi, wati_kasi = org.users["staf1a"], org.users["kasi1"]
    page.set_viewport_size({"width": 360, "height": 800})

    # Dodi drafts from the position standard and submits.
    login(page, base, dodi.username)
    page.goto(f"{base}/skp/")
    assert "Anda belum mempunyai SKP." in page.inner_text("main")
    page.get_by_label("Dari standar jabatan (JPT: dari perjanjian kinerja)").check()
    page.get_by_role("button", name="Buat SKP").click()
    page.wait_for_url(re.compile(r"/skp/\d+/$"))
    skp_url = page.url
    main = page.inner_text("main")
    assert "Data kurikulum SMA yang mutakhir" in main and "Layanan informasi kurikulum" in main
    assert org.pegawai["kasi1"].nama_lengkap in main  # the appraiser in the header
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    status_before = page.get_by_test_id("status").inner_text()
    page.once("dialog", lambda d: d.dismiss())  # "Ajukan SKP ini …?" answered "no": nothing is sent
    page.get_by_role("button", name="Ajukan ke pejabat penilai").click()
    assert page.get_by_test_id("status").inner_text() == status_before
    page.once("dialog", lambda d: d.accept())  # "Ajukan SKP ini ke pejabat penilai?" (data-confirm)
    page.get_by_role("button", name="Ajukan ke pejabat penilai").click()
    page.wait_for_url(skp_url)
    assert page.get_by_test_id("status").inner_text() == "Diajukan"

    # The superior finds it on her page and returns it with a comment.
    boss = browser.new_page()
    login(boss, base, wati_kasi.username)
    boss.goto(f"{base}/skp/bawahan/")
    boss.get_by_role("link", name="Dodi Saputra").click()
    boss.wait_for_url(skp_url)
    boss.get_by_label("Komentar untuk pegawai").fill("Target laporan dinaikkan menjadi 24, sesuai jadwal rapat.")
    boss.get_by_role("button", name="Kembalikan untuk diperbaiki").click()
    boss.wait_for_url(skp_url)
    assert boss.get_by_test_id("status").inner_text() == "Dikembalikan"

    # Dodi reads the comment, fixes the target inline (HTMX) and resubmits.
    page.goto(skp_url)
    assert "Target laporan dinaikkan menjadi 24" in page.inner_text("#dialog")
    page.get_by_role("link", name="Ubah IKI Jumlah laporan data kurikulum").click()
    edit = page.locator("form", has=page.get_by_role("heading", name="Ubah indikator (IKI)"))
    edit.get_by_label("Target (angka)").fill("dua puluh empat")
    edit.get_by_role("button", name="Simpan", exact=True).click()
    page.wait_for_selector("text=Target harus berupa angka")  # next to the field, nothing saved
    edit = page.locator("form", has=page.get_by_role("heading", name="Ubah indikator (IKI)"))
    edit.get_by_label("Target (angka)").fill("24")
    edit.get_by_role("button", name="Simpan", exact=True).click()
    expect(page.locator("#hasil")).to_contain_text("24 laporan")  # no eval: the page has a CSP
    page.once("dialog", lambda d: d.accept())  # "Ajukan SKP ini ke pejabat penilai?" (data-confirm)
    page.get_by_role("button", name="Ajukan ke pejabat penilai").click()
    page.wait_for_url(skp_url)
    assert page.get_by_test_id("status").inner_text() == "Diajukan"

    # The superior approves.
    boss.goto(skp_url)
    boss.get_by_role("button", name="Setujui SKP").click()
    boss.wait_for_url(skp_url)
    assert boss.get_by_test_id("status").inner_text() == "Disetujui"
    skp = Skp.objects.get(pegawai=org.pegawai["staf1a"])
    assert skp.revisi.get(versi=1).snapshot["rhk"][0]["iki"][0]["target_angka"] == "24.0000"

    # Dodi downloads the PDF.
    page.goto(skp_url)
    link = page.get_by_role("link", name="Unduh PDF")
    response = page.request.get(f"{base}{link.get_attribute('href')}")
    assert response.status == 200
    assert response.headers["content-type"].startswith("application/pdf")
    assert response.body()[:4] == b"%PDF"
