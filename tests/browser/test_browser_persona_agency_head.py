"""Pak Rahmat, Kepala Dinas Pendidikan, on his phone (360 px) and at a desktop (1280 px) (issue #10,
"Done means"; `journeys.md`): his home (`ringkasan-opd`) says where the agency stands — the unit that
breaks the curve and the decisions waiting for him; from there he calibrates the Seksi Kurikulum (the
curve's violations in plain words until two moves satisfy it), finalises it, and once the officials
have signed fetches the predikat decision (PDF) and the recaps (Excel); he sets the result of the
Bidang below him and opens the agency's Perjanjian Kinerja, its targets written the Indonesian way,
with its official PDF. The ratings and the signatures of the officials below him go through the
services (their walks are the appraiser's and the employee's)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from karier.appraisal.calibration.finalise import tanda_tangan_atasan_add, tanda_tangan_penilai_add
from karier.appraisal.calibration.services import predikat_organisasi_set
from karier.appraisal.models import Evaluasi, FinalisasiUnit, Kalibrasi, PredikatOrganisasiUnit
from karier.core.numbers import angka
from karier.standards.demo.catalog.series import PK_TAHUN
from karier.standards.demo.seed import seed_standards
from karier.standards.models import PerjanjianKinerja
from tests.appraisal.test_appraisal_calibration_support import BP_SENTENCE, seksi
from tests.browser.personas import SLOW, WIDTHS, XLSX, Walk, assert_pdf, fetch, login
from tests.orgdata import build_org

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.mark.parametrize("width", WIDTHS)
def test_rahmat_calibrates_and_finalises_from_his_home(live_server: Any, page: Any, width: int) -> None:
    org = build_org()
    s = seksi(org, extra=3)  # five staff, all rated Baik by the Kasi: the curve is broken
    predikat_organisasi_set(
        actor=org.actor("kabid1"), unit=s.unit, periode=s.periode, predikat="Baik", alasan="Capaian PK sesuai target."
    )
    seed_standards()  # the province's RPJMD, Renstra, indicators and the demo year's signed agreements
    agreement = PerjanjianKinerja.objects.get(opd=org.units["dik"], tahun=PK_TAHUN)
    targets = [angka(r.target.normalize()) for r in agreement.rows.all() if r.target is not None]
    assert targets
    walk = Walk(page, live_server.url, "kepala-opd-rahmat", width)

    # His home: the agency's progress, the unit at risk against the curve, the decisions waiting.
    login(walk, org.users["kadis"].username)
    summary = page.get_by_test_id("ringkasan-opd")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("Unit berisiko terhadap kurva distribusi")
    expect(summary).to_contain_text(BP_SENTENCE)
    expect(summary.get_by_role("link", name="Finalisasi kalibrasi Seksi Kurikulum")).to_be_visible()
    walk.shot("beranda kepala OPD")

    # The unit's board, reached from the home: the violations in plain words.
    walk.click(summary.get_by_role("link", name="Finalisasi kalibrasi Seksi Kurikulum"))
    page.wait_for_url(re.compile(rf"/penilaian/kalibrasi/{s.periode.pk}/unit/{s.unit.pk}/"))
    board = page.locator("#papan")
    expect(board).to_contain_text("Kurva belum terpenuhi", timeout=SLOW)
    expect(board).to_contain_text(BP_SENTENCE)
    walk.shot("papan kalibrasi melanggar kurva")

    # Two moves, each with its reason, satisfy the curve.
    for key, ke, alasan in (
        ("x0", "Butuh Perbaikan", "Target tertinggal dua triwulan."),
        ("x1", "Sangat Baik", "Menonjol."),
    ):
        ev = s.ev(key)
        person = page.locator(f"#ev-{ev.pk}")
        walk.choose(person.get_by_label("Pindahkan ke"), ke)
        walk.type(person.get_by_label("Alasan pemindahan"), alasan)
        walk.click(person.get_by_role("button", name="Pindahkan"))
        expect(page.locator(f"#ev-{ev.pk}")).to_contain_text("semula Baik", timeout=SLOW)
    expect(board).to_contain_text("Distribusi sesuai kurva.", timeout=SLOW)
    assert Kalibrasi.objects.filter(evaluasi__periode=s.periode).count() == 2
    assert Evaluasi.objects.get(pk=s.ev("x0").pk).predikat_akhir == "Butuh Perbaikan"
    walk.shot("kurva terpenuhi")

    walk.click(page.get_by_role("button", name="Finalisasi dan tandatangani"))
    expect(page.get_by_text("Belum final")).to_have_count(0)
    assert FinalisasiUnit.objects.get(unit=s.unit, periode=s.periode).status == "FINAL"
    walk.shot("unit difinalisasi")

    # The Kasi and the Kabid sign; the decision and the recap are documents he can fetch.
    tanda_tangan_penilai_add(actor=org.actor("kasi1"), periode=s.periode, unit=s.unit)
    tanda_tangan_atasan_add(actor=org.actor("kabid1"), periode=s.periode, unit=s.unit)
    page.reload()
    assert_pdf(page, page.get_by_role("link", name="Penetapan predikat (PDF)"))
    response = fetch(page, page.get_by_role("link", name="Rekap (Excel)"))
    assert response.status == 200 and response.headers["content-type"] == XLSX

    # The agency's recap, with its Excel.
    walk.click(page.get_by_role("link", name="Rekap perangkat daerah"))
    page.wait_for_url(re.compile(rf"/penilaian/kalibrasi/{s.periode.pk}/opd/"))
    walk.shot("rekap perangkat daerah")
    response = fetch(page, page.get_by_role("link", name="Unduh Excel"))
    assert response.status == 200 and response.headers["content-type"] == XLSX

    # The Bidang below him: he decides its result.
    walk.menu("Penilaian")
    walk.click(page.get_by_role("link", name="Kalibrasi dan finalisasi"))
    row = page.locator("tr", has_text=f"{s.periode.nama} {s.periode.tahun_id}")
    walk.click(row.get_by_role("link", name="Bidang Pembinaan SMA"))
    walk.choose(page.get_by_label("Predikat kinerja organisasi"), "Baik")
    walk.type(page.get_by_label("Alasan"), "Dua dari tiga sasaran Renstra tercapai.")
    walk.click(page.get_by_role("button", name="Simpan predikat organisasi"))
    expect(page.get_by_text("Predikat kinerja organisasi disimpan.")).to_be_visible()
    walk.shot("predikat organisasi bidang")
    row_b = PredikatOrganisasiUnit.objects.get(unit=org.units["dik_b1"], periode=s.periode)
    assert (row_b.predikat, row_b.ditetapkan_oleh) == ("Baik", org.users["kadis"])

    # The agency's performance agreement he signs: targets the Indonesian way, and its official PDF.
    walk.menu("Standar kinerja")
    walk.click(page.get_by_role("navigation", name="Menu standar").get_by_role("link", name="Perjanjian kinerja"))
    assert_pdf(page, page.get_by_role("link", name=f"PDF perjanjian kinerja Dinas Pendidikan {PK_TAHUN}"))
    walk.click(page.locator("tr", has_text=str(PK_TAHUN)).get_by_role("link", name="Dinas Pendidikan", exact=True))
    page.wait_for_url(re.compile(rf"/standar/perjanjian/{agreement.pk}/"))
    for shown in targets:  # as the id-ID formatter writes them
        expect(page.locator("main")).to_contain_text(shown)
    walk.shot("perjanjian kinerja")
    assert_pdf(page, page.get_by_role("link", name="Unduh PDF"))
