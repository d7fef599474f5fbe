"""The appraisal journey in a real browser, on a phone-sized screen: the employee records a realisation
(a wrong number is refused next to the field) and uploads a small PDF; the superior rates on the bulk
screen (a missing reason saves nothing and keeps the input), the predikat shows; the unit is finalised
through the calibration app's service (`karier.appraisal.calibration.finalise`) and the locked evaluation refuses
edits on screen."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from karier.appraisal.models import Evaluasi, PredikatOrganisasiUnit
from tests.appraisal.test_appraisal_support import ALASAN, PDF, YEAR, configured
from tests.orgdata import PASSWORD, build_org

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def login(page: Any, base: str, username: str) -> None:
    page.goto(f"{base}/akun/masuk/")
    page.get_by_label("NIP atau nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(f"{base}/")


def test_realisation_to_locked_predikat(
    live_server: Any, page: Any, browser: Any, settings: Any, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    org = build_org()
    s = configured(org)
    base = live_server.url
    page.set_viewport_size({"width": 360, "height": 800})
    dodi_ev = s.ev("staf1a")

    # Dodi records a realisation (a wrong number first) and uploads a PDF.
    login(page, base, org.users["staf1a"].username)
    page.goto(f"{base}/penilaian/")
    page.get_by_role("link", name=f"Triwulan I {YEAR}").click()
    page.wait_for_url(re.compile(rf"/penilaian/{dodi_ev.pk}/$"))
    iki = page.locator(".iki", has_text="Jumlah laporan")
    iki.get_by_label("Realisasi (angka)").fill("tiga")
    iki.get_by_role("button", name="Simpan realisasi").click()
    page.wait_for_selector("text=Realisasi harus berupa angka")
    iki = page.locator(".iki", has_text="Jumlah laporan")
    assert iki.get_by_label("Realisasi (angka)").input_value() == "tiga"  # input kept
    iki.get_by_label("Realisasi (angka)").fill("3")
    iki.get_by_role("button", name="Simpan realisasi").click()
    page.wait_for_selector(".iki >> text=Tersimpan")
    pdf = tmp_path / "laporan-januari.pdf"
    pdf.write_bytes(PDF)
    iki = page.locator(".iki", has_text="Jumlah laporan")
    iki.get_by_label("Unggah bukti dukung").set_input_files(str(pdf))
    iki.get_by_role("button", name="Unggah bukti", exact=True).click()
    page.wait_for_selector("text=Bukti dukung diunggah.")
    assert page.get_by_role("link", name="laporan-januari.pdf").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    # Wati rates both subordinates on the bulk screen, on a phone.
    boss = browser.new_page()
    boss.set_viewport_size({"width": 360, "height": 800})
    login(boss, base, org.users["kasi1"].username)
    boss.goto(f"{base}/penilaian/")
    boss.get_by_role("link", name=f"Nilai bawahan — Triwulan I {YEAR}").click()
    boss.wait_for_url(re.compile(rf"/penilaian/periode/{s.periode.pk}/nilai/"))
    boss.locator(f"#row-{dodi_ev.pk} > summary").click()  # a phone shows collapsed cards: tap one open
    dodi = boss.locator("fieldset", has_text="Dodi Saputra")
    dodi.get_by_label("Rating hasil kerja").select_option(label="Sesuai Ekspektasi")
    dodi.get_by_label("Alasan hasil kerja").fill(ALASAN)
    dodi.get_by_label("Rating perilaku kerja").select_option(label="Di Atas Ekspektasi")
    expect(boss.locator(f"#pred-{dodi_ev.pk}")).to_contain_text("Baik")  # live (no eval: the page has a CSP)
    dodi.get_by_label("Alasan perilaku").fill("")  # forgotten
    boss.locator("details[data-row]", has_text=org.pegawai["staf1b"].nama_lengkap).locator("summary").click()
    other = boss.locator("fieldset", has_text=org.pegawai["staf1b"].nama_lengkap)
    other.get_by_label("Rating hasil kerja").select_option(label="Di Bawah Ekspektasi")
    other.get_by_label("Alasan hasil kerja").fill("Dua laporan terlambat tanpa pemberitahuan.")
    other.get_by_label("Rating perilaku kerja").select_option(label="Sesuai Ekspektasi")
    other.get_by_label("Alasan perilaku").fill("Kooperatif dan terbuka menerima masukan.")
    boss.get_by_role("button", name="Simpan semua rating").click()
    boss.wait_for_selector("text=Tidak ada yang disimpan")
    assert not Evaluasi.objects.filter(status="DINILAI").exists()
    dodi = boss.locator("fieldset", has_text="Dodi Saputra")
    assert dodi.get_by_label("Alasan hasil kerja").input_value() == ALASAN  # input kept
    assert "perlu alasan" in dodi.inner_text()  # Di Atas needs a reason (Sesuai would not)
    dodi.get_by_label("Alasan perilaku").fill("Selalu membantu rekan di luar tugasnya.")
    boss.get_by_role("button", name="Simpan semua rating").click()
    boss.wait_for_selector("text=2 rating disimpan.")
    assert (boss.get_by_test_id(f"pred-{dodi_ev.pk}").text_content() or "").strip() == "Baik"  # in a closed card
    assert boss.evaluate("document.documentElement.scrollWidth") <= 360

    # The unit is finalised and signed through the calibration app; the evaluation is locked.
    from karier.appraisal.calibration import finalise

    PredikatOrganisasiUnit.objects.create(
        unit=org.units["dik_s1"], periode=s.periode, predikat="Baik", alasan="Capaian seksi sesuai rencana"
    )
    finalise.unit_finalise(actor=org.actor("kasi1"), unit=org.units["dik_s1"], periode=s.periode)
    finalise.tanda_tangan_atasan_add(actor=org.actor("kabid1"), periode=s.periode, unit=org.units["dik_s1"])
    assert Evaluasi.objects.get(pk=dodi_ev.pk).status == "FINAL"

    page.goto(f"{base}/penilaian/{dodi_ev.pk}/")
    assert page.get_by_test_id("terkunci").is_visible()
    assert page.get_by_test_id("predikat").inner_text() == "Baik"
    assert page.get_by_role("button", name="Simpan realisasi").count() == 0
    assert page.get_by_role("button", name="Unggah bukti", exact=True).count() == 0
    # A stale form posted anyway is refused with the lock message and nothing changes.
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    iki_id = Evaluasi.objects.get(pk=dodi_ev.pk).realisasi.get().iki_id
    r = page.request.post(
        f"{base}/penilaian/{dodi_ev.pk}/realisasi/{iki_id}/",
        form={"realisasi_angka": "99", "csrfmiddlewaretoken": token},
        headers={"X-CSRFToken": token, "Referer": f"{base}/penilaian/{dodi_ev.pk}/"},
    )
    assert r.status == 422 and "sudah final dan terkunci" in r.text()
    assert Evaluasi.objects.get(pk=dodi_ev.pk).realisasi.get().realisasi_angka == 3
