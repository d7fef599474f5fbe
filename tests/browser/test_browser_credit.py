"""The angka kredit screens on a 360 px phone (issue #12 §3): the BKD admin records an opening credit
(a negative value first: refused by the field, nothing saved), sees the person's ledger, needs and
projection, issues the PAK and downloads it; the credit list and the formasi list fit the screen.
Screenshots go to /tmp/ak-*.png for a look by eye."""

from __future__ import annotations

from typing import Any

import pytest

from tests.orgdata import PASSWORD, build_org

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _sign_in(page: Any, base: str, username: str) -> None:
    page.goto(f"{base}/akun/masuk/")
    page.get_by_label("NIP atau nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(f"{base}/")


def _fits(page: Any, name: str) -> None:
    page.screenshot(path=f"/tmp/ak-{name}.png", full_page=True)
    widths = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1], (name, widths)


def test_credit_screens_on_a_phone(live_server: Any, page: Any) -> None:
    from karier.talent.credit import compute
    from karier.talent.models import EntriAngkaKredit
    from tests.talent.talent_credit_helpers import jf, predikat

    org = build_org()
    jab = org.jabatan["pranata"]
    jab.jabatan_fungsional = jf()
    jab.save(update_fields=["jabatan_fungsional"])
    p = org.pegawai["pranata"]
    predikat(p, 2024, "Sangat Baik")
    predikat(p, 2025, "Baik", bulan=2)
    compute.post_credit([p.pk], 2024)
    compute.post_credit([p.pk], 2025)

    page.set_viewport_size({"width": 360, "height": 800})
    base = live_server.url
    _sign_in(page, base, "admin")
    page.goto(f"{base}/karier/angka-kredit/pegawai/{p.pk}/")
    page.get_by_role("link", name="Catat angka kredit konversi").click()
    page.get_by_label("Angka kredit konversi").fill("-5")
    page.get_by_label("Nomor dokumen (PAK/SK)").fill("800/12/BKD/2023")
    page.get_by_role("button", name="Simpan").click()
    page.wait_for_selector("text=tidak boleh negatif")
    assert EntriAngkaKredit.objects.filter(jenis="KONVERSI").count() == 0
    page.get_by_label("Angka kredit konversi").fill("20")
    page.get_by_role("button", name="Simpan").click()
    page.wait_for_selector("text=Angka kredit konversi tersimpan.")
    page.wait_for_selector("text=Dengan predikat Baik setiap tahun")
    assert "40,83" in page.content()
    _fits(page, "pegawai")

    page.get_by_role("link", name="Tetapkan PAK").click()
    page.get_by_label("Nomor PAK").fill("800/PAK/7/2026")
    page.get_by_role("button", name="Simpan").click()
    page.wait_for_selector("text=PAK nomor 800/PAK/7/2026 ditetapkan.")
    with page.expect_download() as download:
        page.get_by_role("link", name="Unduh PDF").click()
    assert download.value.suggested_filename.startswith("PAK-")

    page.goto(f"{base}/karier/angka-kredit/")
    page.wait_for_selector("text=Angka kredit pejabat fungsional")
    _fits(page, "daftar")
    page.goto(f"{base}/karier/angka-kredit/formasi/")
    _fits(page, "formasi")
