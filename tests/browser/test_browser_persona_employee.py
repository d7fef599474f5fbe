"""Dodi, Pelaksana (II/c), walks his year on a 360 px phone and on a 1280 px desktop (issue #10, "Done
means"; `journeys.md`). His home's one next step (`langkah-berikut`, in the first screen) changes as the
year advances — Susun SKP, Ajukan SKP, Tunggu persetujuan, Perbaiki SKP yang dikembalikan, Catat
realisasi, nothing to do, Periksa hasil evaluasi — and each leads where the work is. He types targets
and realisations the Indonesian way ("1.250", "1.250,5"), sees what will be stored before it is stored,
and the database holds 1250 and 1250.5, shown back as "1.250" and "1.250,5". He submits (after a
confirmation), withdraws, reads the returned plan's note at the top, uploads a PDF as evidence, reads
his appraiser's feedback on his home, fetches the evaluation PDF from the evaluation and from his home,
and objects once it is final. What his superiors and the BKD do in between goes through the services
(their own walks are the other persona files)."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from karier.appraisal.calibration import finalise
from karier.appraisal.evaluation import periods
from karier.appraisal.evaluation.services import rating_bulk_set, umpan_balik_add
from karier.appraisal.models import Evaluasi, Keberatan, PeriodePenilaian, PredikatOrganisasiUnit, Realisasi
from karier.plans import services as plan_services
from karier.plans.models import IndikatorKinerjaIndividu, Skp
from tests.appraisal.test_appraisal_support import YEAR, approved_skp
from tests.browser.personas import PDF_BYTES, SLOW, WIDTHS, Walk, assert_pdf, login, top_of, type_number
from tests.orgdata import build_org

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

FEEDBACK = "Verifikasi rapi; lanjutkan dengan data pelanggan kabupaten."
NOTE = "Target lembar data dinaikkan sesuai rapat kerja; tambahkan satuan yang jelas."


def next_step(walk: Walk, text: str) -> None:
    """The home's one next step says `text` and starts in the first screen."""
    step = walk.page.get_by_test_id("langkah-berikut")
    expect(step.get_by_role("link")).to_have_text(text)
    assert top_of(walk.page, "[data-testid=langkah-berikut]") < walk.page.viewport_size["height"]  # type: ignore[index]


@pytest.mark.parametrize("width", WIDTHS)
def test_dodi_plans_records_and_objects(live_server: Any, page: Any, width: int, tmp_path: Path, settings: Any) -> None:
    settings.MEDIA_ROOT = tmp_path
    org = build_org()
    periods.kalender_set(actor=org.actor("admin"), tahun=YEAR)
    approved_skp(org, "staf1b", "kasi1")  # a colleague in the same seksi: the curve has two people
    walk = Walk(page, live_server.url, "pegawai-dodi", width)

    # Home: the one next step, in the first screen, leads to the plan page.
    login(walk, org.users["staf1a"].username)
    expect(page.get_by_role("heading", name="Selamat datang, Dodi Saputra")).to_be_visible()
    next_step(walk, f"Susun SKP {YEAR}")
    walk.shot("beranda sebelum SKP")
    walk.click(page.get_by_test_id("langkah-berikut").get_by_role("link"))
    page.wait_for_url(re.compile(r"/skp/"))

    # His plan, from scratch, with a target typed the Indonesian way.
    expect(page.get_by_text("Anda belum mempunyai SKP.")).to_be_visible()
    walk.tick(page.get_by_label("Mulai dari kosong"))
    walk.click(page.get_by_role("button", name="Buat SKP"))
    page.wait_for_url(re.compile(r"/skp/\d+/$"))
    skp_url = page.url
    walk.click(page.get_by_text("Tambah rencana hasil kerja"))
    add = page.locator("#hasil form")
    walk.type(add.get_by_label("Rencana hasil kerja (RHK)"), "Data pelanggan layanan informasi yang mutakhir")
    walk.type(add.get_by_label("Indikator kinerja individu (IKI)"), "Jumlah data pelanggan yang diverifikasi")
    type_number(walk, add.get_by_label("Target (angka)"), "1.250", "1.250")
    walk.type(add.get_by_label("Satuan"), "lembar")
    walk.shot("target diketik 1.250")
    walk.click(add.get_by_role("button", name="Tambah"))
    iki = page.locator("#hasil td[data-testid^='target-']")
    expect(iki).to_have_text("1.250 lembar", timeout=SLOW)
    stored = IndikatorKinerjaIndividu.objects.get(rhk__skp__pegawai=org.pegawai["staf1a"])
    assert stored.target_angka == Decimal("1250")

    # He corrects it to one thousand two hundred fifty and a half.
    walk.click(page.get_by_role("link", name="Ubah IKI Jumlah data pelanggan yang diverifikasi"))
    edit = page.locator("form", has=page.get_by_role("heading", name="Ubah indikator (IKI)"))
    type_number(walk, edit.get_by_label("Target (angka)"), "1.250,5", "1.250,5")
    walk.shot("target diubah 1.250,5")
    walk.click(edit.get_by_role("button", name="Simpan", exact=True))
    expect(page.get_by_test_id(f"target-{stored.pk}")).to_have_text("1.250,5 lembar", timeout=SLOW)
    stored.refresh_from_db()
    assert stored.target_angka == Decimal("1250.5")

    walk.menu("Beranda")
    next_step(walk, "Ajukan SKP ke atasan")
    walk.click(page.get_by_test_id("langkah-berikut").get_by_role("link"))
    page.wait_for_url(skp_url)

    # Submitting asks first: "no" sends nothing; "yes" submits.
    submit = page.get_by_role("button", name="Ajukan ke pejabat penilai")
    page.once("dialog", lambda d: d.dismiss())
    walk.click(submit)
    expect(page.get_by_test_id("status")).to_have_text("Draf")
    page.once("dialog", lambda d: d.accept())
    walk.click(submit)
    page.wait_for_url(skp_url)
    expect(page.get_by_test_id("status")).to_have_text("Diajukan")
    walk.shot("SKP diajukan")
    walk.menu("Beranda")
    next_step(walk, "Tunggu persetujuan SKP")
    walk.click(page.get_by_test_id("langkah-berikut").get_by_role("link"))
    page.wait_for_url(skp_url)
    # ... and he may take it back while his appraiser has not decided.
    page.once("dialog", lambda d: d.accept())
    walk.click(page.get_by_role("button", name="Tarik kembali menjadi draf"))
    page.wait_for_url(skp_url)
    expect(page.get_by_test_id("status")).to_have_text("Draf")
    page.once("dialog", lambda d: d.accept())
    walk.click(page.get_by_role("button", name="Ajukan ke pejabat penilai"))
    page.wait_for_url(skp_url)
    expect(page.get_by_test_id("status")).to_have_text("Diajukan")
    skp = Skp.objects.get(pegawai=org.pegawai["staf1a"])
    assert skp.status == "DIAJUKAN"

    # His appraiser returns it with a note: Dodi reads it at the top of the plan, above the results.
    plan_services.skp_return(actor=org.actor("kasi1"), skp=skp, komentar=NOTE)
    walk.menu("Beranda")
    next_step(walk, "Perbaiki SKP yang dikembalikan")
    walk.click(page.get_by_test_id("langkah-berikut").get_by_role("link"))
    page.wait_for_url(skp_url)
    expect(page.get_by_test_id("status")).to_have_text("Dikembalikan")
    expect(page.get_by_test_id("catatan-kembali")).to_contain_text(NOTE)
    assert top_of(page, "#catatan-kembali") < top_of(page, "#hasil")
    assert top_of(page, "#catatan-kembali") < 800  # in the first screen, also on the phone
    walk.shot("SKP dikembalikan dengan catatan di atas")
    page.once("dialog", lambda d: d.accept())
    walk.click(page.get_by_role("button", name="Ajukan ke pejabat penilai"))
    page.wait_for_url(skp_url)
    skp.refresh_from_db()
    plan_services.skp_approve(actor=org.actor("kasi1"), skp=skp)

    # The BKD opens the first quarter; Dodi records his realisation the Indonesian way, with evidence.
    periode = PeriodePenilaian.objects.get(tahun_id=YEAR, jenis="TRIWULAN", nomor=1)
    periods.periode_open(actor=org.actor("admin"), periode=periode)
    ev = Evaluasi.objects.get(pegawai=org.pegawai["staf1a"], periode=periode)
    walk.menu("Beranda")
    next_step(walk, "Catat realisasi Triwulan I")
    walk.click(page.get_by_test_id("langkah-berikut").get_by_role("link"))
    page.wait_for_url(re.compile(rf"/penilaian/{ev.pk}/$"))
    block = page.locator(".iki", has_text="Jumlah data pelanggan")
    type_number(walk, block.get_by_label("Realisasi (angka)"), "1.250", "1.250")
    walk.click(block.get_by_role("button", name="Simpan realisasi"))
    expect(page.get_by_test_id(f"realisasi-{stored.pk}")).to_contain_text("1.250 lembar", timeout=SLOW)
    assert Realisasi.objects.get(evaluasi=ev).realisasi_angka == Decimal("1250")
    block = page.locator(".iki", has_text="Jumlah data pelanggan")
    type_number(walk, block.get_by_label("Realisasi (angka)"), "1.250,5", "1.250,5")
    walk.click(block.get_by_role("button", name="Simpan realisasi"))
    expect(page.get_by_test_id(f"realisasi-{stored.pk}")).to_contain_text("1.250,5 lembar", timeout=SLOW)
    assert Realisasi.objects.get(evaluasi=ev).realisasi_angka == Decimal("1250.5")
    evidence = tmp_path / "daftar-pelanggan-triwulan-1.pdf"
    evidence.write_bytes(PDF_BYTES)
    block = page.locator(".iki", has_text="Jumlah data pelanggan")
    block.get_by_label("Unggah bukti dukung").set_input_files(str(evidence))
    walk.clicks += 2  # pick the file: open the chooser, choose
    walk.click(block.get_by_role("button", name="Unggah bukti", exact=True))
    expect(page.get_by_text("Bukti dukung diunggah.")).to_be_visible()
    expect(page.get_by_role("link", name="daftar-pelanggan-triwulan-1.pdf")).to_be_visible()
    walk.shot("realisasi 1.250,5 dan bukti")

    # The evaluation document and the objection page, from the evaluation itself.
    assert_pdf(page, page.get_by_test_id("dokumen-pdf"))
    expect(page.get_by_test_id("finalisasi")).to_be_visible()

    # His appraiser comments on the result; his home shows it, and nothing is due from him now.
    umpan_balik_add(actor=org.actor("kasi1"), evaluasi=ev, rhk=stored.rhk, teks=FEEDBACK)
    walk.menu("Beranda")
    expect(page.get_by_test_id("langkah-berikut")).to_contain_text("Tidak ada yang perlu dikerjakan sekarang.")
    mine = page.get_by_test_id("pekerjaan-saya")
    expect(mine).to_contain_text("Umpan balik terbaru dari atasan")
    expect(mine).to_contain_text(FEEDBACK)
    walk.shot("beranda dengan umpan balik atasan")

    # Rated, calibrated and signed (his superiors' work): the evaluation is final.
    colleague = Evaluasi.objects.get(pegawai=org.pegawai["staf1b"], periode=periode)
    rating_bulk_set(
        actor=org.actor("kasi1"),
        periode=periode,
        rows={
            ev.pk: {"rating_hasil_kerja": "Sesuai Ekspektasi", "rating_perilaku": "Sesuai Ekspektasi"},
            colleague.pk: {
                "rating_hasil_kerja": "Di Bawah Ekspektasi",
                "alasan_hasil_kerja": "Dua laporan terlambat tanpa pemberitahuan.",
                "rating_perilaku": "Sesuai Ekspektasi",
            },
        },
    )
    PredikatOrganisasiUnit.objects.create(
        unit=org.units["dik_s1"], periode=periode, predikat="Baik", alasan="Capaian seksi sesuai rencana"
    )
    finalise.unit_finalise(actor=org.actor("kasi1"), unit=org.units["dik_s1"], periode=periode)
    finalise.tanda_tangan_atasan_add(actor=org.actor("kabid1"), periode=periode, unit=org.units["dik_s1"])
    assert Evaluasi.objects.get(pk=ev.pk).status == "FINAL"

    # From his home: the evaluation document and the objection form.
    walk.menu("Beranda")
    next_step(walk, "Periksa hasil evaluasi Triwulan I")
    documents = page.get_by_test_id("dokumen-evaluasi")
    assert_pdf(page, documents.get_by_role("link", name="Unduh dokumen evaluasi (PDF)"))
    walk.shot("beranda dengan dokumen evaluasi")
    walk.click(documents.get_by_role("link", name="Ajukan keberatan"))
    page.wait_for_url(re.compile(rf"/penilaian/{ev.pk}/finalisasi/"))
    assert_pdf(page, page.get_by_role("link", name="Dokumen evaluasi (PDF)"))
    walk.type(page.get_by_label("Alasan"), "Realisasi verifikasi 1.250,5 lembar belum dihitung penuh.")
    walk.click(page.get_by_role("button", name="Ajukan keberatan"))
    expect(page.get_by_text("Keberatan diajukan; atasan pejabat penilai akan memutusnya.")).to_be_visible()
    walk.shot("keberatan diajukan")
    assert Keberatan.objects.get(evaluasi=ev).status == "DIAJUKAN"

    # A page that does not exist answers in Indonesian, with the way home.
    walk.goto("/skp/999999/")
    expect(page.get_by_role("heading", name="Halaman tidak ditemukan")).to_be_visible()
    expect(page.get_by_role("link", name="Ke beranda")).to_be_visible()
    walk.shot("halaman tidak ditemukan")
