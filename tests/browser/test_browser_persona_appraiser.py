"""Bu Wati, the appraiser of 25 people, on a 360 px phone and on a 1280 px desktop (issue #10, "Done
means"; `journeys.md`). In `tests.orgdata` she holds the Kepala Seksi Kurikulum position, appraiser of
Dodi and his colleagues. Her home (`tugas-atasan`) names the plans waiting for her and, once the quarter
is open, the ratings due; she returns one plan with a note and approves Dodi's (its target typed
"1.250" shows as 1.250); from her team list (the rating screen) each person's evaluation PDF and
objection page are one tap away; she rates 25 people with "Sesuai Ekspektasi untuk semua yang belum
dinilai" and three exceptions, each with its reason, in one save — and the walk counts her taps and
keystrokes against a bound (the figures are printed: run with -s)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from karier.appraisal.evaluation import periods
from karier.appraisal.models import Evaluasi, PeriodePenilaian
from karier.plans import services as plan_services
from karier.plans.models import DialogKinerja, Skp
from karier.plans.services import IkiData, RhkData
from tests.appraisal.test_appraisal_support import YEAR, approved_skp
from tests.browser.personas import SLOW, WIDTHS, XLSX, Walk, assert_pdf, fetch, login
from tests.orgdata import Org, build_org

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TEAM_EXTRA = 24  # with Dodi and staf1b: 26 people; staf1b's returned plan leaves 25 to rate this quarter
NOTE = "Indikator belum terukur: tuliskan jumlah dokumen kurikulum per triwulan."
REASONS = (
    "Menyusun dua modul di luar target.",
    "Tiga kali terlambat rapat tanpa kabar.",
    "Laporan triwulan belum selesai.",
)


def submitted_skp(org: Org, key: str) -> Skp:
    skp = plan_services.skp_create(actor=org.actor(key), pegawai=org.pegawai[key], tahun=YEAR, sumber="KOSONG")
    plan_services.rhk_add(
        actor=org.actor(key),
        skp=skp,
        data=RhkData(teks=f"Dokumen kurikulum {key}"),
        iki=IkiData(indikator="Jumlah dokumen kurikulum", aspek="KUANTITAS", target_angka="1.250", satuan="lembar"),
    )
    return plan_services.skp_submit(actor=org.actor(key), skp=skp)


def team(org: Org) -> None:
    """Dodi's and staf1b's plans wait for her; the others' are approved."""
    for i in range(TEAM_EXTRA):
        org.add_pegawai(f"t{i}", "staf1", golongan=31, nama=f"Anggota Tim {i + 1:02d}")
        approved_skp(org, f"t{i}", "kasi1")
    submitted_skp(org, "staf1a")
    submitted_skp(org, "staf1b")
    periods.kalender_set(actor=org.actor("admin"), tahun=YEAR)


@pytest.mark.parametrize("width", WIDTHS)
def test_wati_approves_plans_and_rates_her_team(live_server: Any, page: Any, width: int) -> None:
    org = build_org()
    team(org)
    walk = Walk(page, live_server.url, "penilai-wati", width)
    dodi, other = org.pegawai["staf1a"], org.pegawai["staf1b"]

    # Her home: the two plans waiting for her, named, in the first screen; one tap to the list.
    login(walk, org.users["kasi1"].username)
    tasks = page.get_by_test_id("tugas-atasan")
    expect(tasks).to_contain_text("SKP menunggu persetujuan Anda")
    expect(tasks.locator("#skp-bawahan .stat").first).to_have_text("2")
    expect(tasks.locator("#skp-bawahan").get_by_role("link", name=dodi.nama_lengkap)).to_be_visible()
    expect(tasks.locator("#skp-bawahan").get_by_role("link", name=other.nama_lengkap)).to_be_visible()
    walk.shot("beranda penilai")
    walk.click(tasks.get_by_role("link", name="SKP menunggu persetujuan Anda"))
    page.wait_for_url(re.compile(r"/skp/bawahan/"))
    expect(page.locator("#bawahan tbody tr")).to_have_count(2)
    walk.shot("SKP bawahan menunggu persetujuan")
    response = fetch(page, page.locator("#bawahan").get_by_role("link", name="Unduh Excel"))
    assert response.status == 200 and response.headers["content-type"] == XLSX

    # staf1b's plan goes back with a note; Dodi's is approved.
    walk.click(page.get_by_role("link", name=other.nama_lengkap))
    page.wait_for_url(re.compile(r"/skp/\d+/$"))
    walk.type(page.get_by_label("Komentar untuk pegawai"), NOTE)
    walk.click(page.get_by_role("button", name="Kembalikan untuk diperbaiki"))
    expect(page.get_by_test_id("status")).to_have_text("Dikembalikan")
    expect(page.get_by_test_id("catatan-kembali")).to_contain_text(NOTE)
    walk.shot("SKP dikembalikan")
    assert DialogKinerja.objects.filter(skp__pegawai=other, teks=NOTE).exists()
    walk.click(page.get_by_role("link", name="SKP bawahan"))
    walk.click(page.get_by_role("link", name=dodi.nama_lengkap))
    page.wait_for_url(re.compile(r"/skp/\d+/$"))
    expect(page.get_by_test_id(f"target-{Skp.objects.get(pegawai=dodi).rhk.get().iki.get().pk}")).to_have_text(
        "1.250 lembar"
    )
    walk.click(page.get_by_role("button", name="Setujui SKP"))
    expect(page.get_by_test_id("status")).to_have_text("Disetujui")
    walk.shot("SKP Dodi disetujui")
    assert Skp.objects.get(pegawai=dodi).status == "DISETUJUI"
    assert Skp.objects.get(pegawai=other).status == "DIKEMBALIKAN"

    # The BKD opens the first quarter: her team list has each person's documents.
    periode = PeriodePenilaian.objects.get(tahun_id=YEAR, jenis="TRIWULAN", nomor=1)
    periods.periode_open(actor=org.actor("admin"), periode=periode)
    to_rate = Evaluasi.objects.filter(periode=periode, penilai=org.pegawai["kasi1"])
    assert to_rate.count() == TEAM_EXTRA + 1
    dodi_ev = to_rate.get(pegawai=dodi)
    walk.menu("Beranda")
    tasks = page.get_by_test_id("tugas-atasan")
    expect(tasks.locator("#skp-bawahan")).not_to_contain_text("Setujui atau kembalikan")
    expect(tasks).to_contain_text(f"{TEAM_EXTRA + 1} orang belum dinilai")
    walk.shot("beranda penilai: rating jatuh tempo")
    walk.click(tasks.get_by_role("link", name="Nilai bawahan — Triwulan I"))
    page.wait_for_url(re.compile(rf"/penilaian/periode/{periode.pk}/nilai/"))
    walk.shot("layar rating tim")
    card = page.locator(f"#row-{dodi_ev.pk}")
    if card.get_attribute("open") is None:  # the phone's collapsed card: tap it open
        walk.click(card.locator("summary"))
    row = page.get_by_test_id(f"row-{dodi_ev.pk}")
    pdf = row.get_by_role("link", name="PDF")
    expect(pdf).to_have_count(1)
    assert_pdf(page, pdf)
    objection = row.get_by_role("link", name=re.compile("keberatan"))
    expect(objection).to_have_count(1)
    assert objection.get_attribute("href") == f"/penilaian/{dodi_ev.pk}/finalisasi/"

    # "Sesuai for all", then only the three exceptions, each with its reason; one save.
    clicks_before, keys_before = walk.actions()
    started = walk.seconds()
    walk.click(page.get_by_test_id("isi-sesuai"))
    expect(page.locator("#rate-fill-status")).to_contain_text(f"Terisi: {2 * to_rate.count()} pilihan", timeout=SLOW)
    exceptions = {
        "t0": ("Rating hasil kerja", "Di Atas Ekspektasi", "Alasan hasil kerja", REASONS[0]),
        "t1": ("Rating perilaku kerja", "Di Bawah Ekspektasi", "Alasan perilaku", REASONS[1]),
        "t2": ("Rating hasil kerja", "Di Bawah Ekspektasi", "Alasan hasil kerja", REASONS[2]),
    }
    for key, (rating, choice, reason, text) in exceptions.items():
        ev = to_rate.get(pegawai=org.pegawai[key])
        card = page.locator(f"#row-{ev.pk}")
        if card.get_attribute("open") is None:  # the phone's collapsed card: tap it open
            walk.click(card.locator("summary"))
        walk.choose(card.get_by_label(rating), choice)
        walk.type(card.get_by_label(reason), text)
    expect(page.get_by_test_id(f"peringatan-{to_rate.get(pegawai=org.pegawai['t0']).pk}")).to_be_visible()
    walk.shot("tiga pengecualian")
    walk.click(page.get_by_test_id("simpan-semua"))
    expect(page.get_by_text(f"{to_rate.count()} rating disimpan.")).to_be_visible(timeout=SLOW)
    walk.shot("semua rating disimpan")
    clicks, keys = walk.actions()
    clicks, keys = clicks - clicks_before, keys - keys_before
    # 1 fill + per exception (open the card on a phone, 2 for the select, 1 for the reason) + 1 save.
    assert clicks <= 2 + len(exceptions) * (4 if width < 600 else 3), clicks
    assert keys == sum(len(t) for t in REASONS), keys
    assert walk.seconds() - started < 120
    print(f"rating {to_rate.count()} people at {width} px: {clicks} clicks/taps, {keys} keystrokes")

    rated = dict(to_rate.values_list("pegawai_id", "status"))
    assert set(rated.values()) == {"DINILAI"}
    got = {
        k: to_rate.values_list("rating_hasil_kerja", "rating_perilaku").get(pegawai=org.pegawai[k])
        for k in ("t0", "t1", "t2", "t3")
    }
    assert got == {
        "t0": ("Di Atas Ekspektasi", "Sesuai Ekspektasi"),
        "t1": ("Sesuai Ekspektasi", "Di Bawah Ekspektasi"),
        "t2": ("Di Bawah Ekspektasi", "Sesuai Ekspektasi"),
        "t3": ("Sesuai Ekspektasi", "Sesuai Ekspektasi"),
    }
    assert to_rate.get(pegawai=dodi).predikat == "Baik"
    walk.menu("Beranda")
    expect(page.get_by_test_id("tugas-atasan").get_by_role("link", name="Nilai bawahan — Triwulan I")).to_have_count(0)
    walk.click(page.get_by_role("navigation", name="Menu utama").get_by_role("link", name="Penilaian"))
    walk.click(page.get_by_role("link", name=f"Nilai bawahan — Triwulan I {YEAR}"))
    page.wait_for_url(re.compile(rf"/penilaian/periode/{periode.pk}/nilai/"))

    # The documents stay one tap away, and the table downloads as Excel.
    card = page.locator(f"#row-{dodi_ev.pk}")
    if card.get_attribute("open") is None:
        walk.click(card.locator("summary"))
    assert_pdf(page, card.get_by_role("link", name="PDF"))
    response = fetch(page, page.get_by_test_id("bulk-excel"))
    assert response.status == 200 and response.headers["content-type"] == XLSX
