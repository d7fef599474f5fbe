"""The career loop of issue #12, walked through the screens by the real people: a final annual predikat →
the recomputation → more angka kredit, promotion eligibility, a 9-box placement and a coaching plan →
the promotion proposed, verified and decided with its SK → the new golongan on the career page.

Rina (`pranata`, Pranata Komputer Ahli Pertama, III/a since 2020, Diskominfo) holds an opening credit of
40 (a conversion the BKD admin recorded), a Sangat Baik two years ago, a JPM and, for last year, a FINAL
annual evaluation "Baik" — so the job's `sync_predikat` turns it into her predikat and `post_credit` adds
12,50 to reach the 50 that III/b needs. Dodi (`staf1a`) gets a final "Butuh Perbaikan" for last year, so
the job opens a coaching plan with his superior (`kasi1`) as mentor. Employees work on a 360 px phone, the
superior and the BKD admin at a 1280 px desk. Each step asserts what the person reads and what the database
stores, and saves a screenshot to /tmp/career-NN-*.png (not committed); no page scrolls sideways at 360 px.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.browser.personas import SLOW
from tests.browser.test_browser_development_loop import DESK, PHONE, Journey
from tests.orgdata import build_org

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SK = "800/KP-112/BKD/2026"
ACTION = "Menyusun jadwal kerja mingguan bersama atasan"


class CareerJourney(Journey):
    """The development loop's journey with the career screenshots' own names."""

    def shot(self, name: str) -> None:
        self.n += 1
        self.page.screenshot(path=f"/tmp/career-{self.n:02d}-{name}.png", full_page=True)
        widths = self.page.evaluate(
            "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert widths[0] <= widths[1], f"{name} at {self.width} px scrolls sideways: {widths}"


def _setup(org: Any, last: int) -> Any:
    """Rina's history up to last year's final evaluation; Dodi's final Butuh Perbaikan."""
    from karier.talent.credit import services as credit
    from tests.talent.talent_credit_helpers import jf
    from tests.talent.talent_history_helpers import final_evaluation
    from tests.talent.talent_ninebox_helpers import DI_ATAS, jpm, rating

    jab = org.jabatan["pranata"]
    jab.jabatan_fungsional = jf()
    jab.save(update_fields=["jabatan_fungsional"])
    rina = org.pegawai["pranata"]
    rating(rina, last - 1, DI_ATAS)  # Sangat Baik, imported (its credit lies in the conversion below)
    jpm(rina, 88, tanggal=dt.date(last, 6, 1), komponen={"INT": [4, 3], "MNJ": [4, 3]})
    credit.konversi_record(
        actor=org.actor("admin"), pegawai=rina, nilai="40", tahun=last - 1, nomor_dokumen="800/PAK-K/3/BKD"
    )
    final_evaluation(rina, last, "Baik")
    final_evaluation(
        org.pegawai["staf1a"], last, "Butuh Perbaikan", hasil="Di Bawah Ekspektasi", perilaku="Sesuai Ekspektasi"
    )
    return rina


def test_final_predikat_to_credit_box_coaching_and_promotion(live_server: Any, page: Page) -> None:
    from karier.core.choices import JenisTugasLatar, StatusTugasLatar
    from karier.core.models import TugasLatar
    from karier.people.models import RiwayatGolongan
    from karier.rules import next_promotion_date
    from karier.talent.models import (
        EntriAngkaKredit,
        KelayakanPangkat,
        PenempatanTalenta,
        PredikatTahunan,
        RencanaBimbingan,
        StatusAngkaKredit,
        StatusUsulanPangkat,
        SumberPredikat,
        UsulanKenaikanPangkat,
    )

    today = timezone.localdate()
    last = today.year - 1
    org = build_org()
    rina = _setup(org, last)
    dodi = org.pegawai["staf1a"]
    tmt = next_promotion_date(today)
    assert not PredikatTahunan.objects.filter(tahun=last).exists()  # nothing computed yet
    assert not KelayakanPangkat.objects.filter(pegawai=rina).exists()
    j = CareerJourney(page, live_server.url)
    p = page

    # 1. The BKD admin runs the recomputation for last year; the job runs inline and finishes.
    j.sign_in("admin", DESK)
    j.open("talent:hitung")
    expect(p.get_by_label("Tahun kinerja")).to_have_value(str(last))  # the latest year with a final evaluation
    j.shot("hitung")
    p.get_by_role("button", name="Hitung sekarang").click()
    expect(p.get_by_text("Perhitungan dimulai; kemajuannya tampil di halaman ini.")).to_be_visible()
    expect(p.get_by_text(re.compile(rf"Tahun {last}: \d+ pegawai dihitung\."))).to_be_visible(timeout=SLOW)
    expect(p.get_by_test_id("perhitungan-karier").locator("tbody tr").first).to_contain_text("Selesai")
    job = TugasLatar.objects.get(jenis=JenisTugasLatar.KARIER)
    assert job.status == StatusTugasLatar.SELESAI and job.hasil["tahun"] == last
    assert job.hasil["rencana_bimbingan"] >= 1 and job.hasil["angka_kredit"] >= 1
    j.shot("hitung-selesai")

    # What the job stored: the predikat from the final evaluations, the year's credit, eligibility,
    # the box and Dodi's plan.
    synced = PredikatTahunan.objects.get(pegawai=rina, tahun=last)
    assert (synced.predikat, synced.sumber) == ("Baik", SumberPredikat.EVALUASI)
    assert synced.evaluasi_id is not None
    earned = EntriAngkaKredit.objects.get(pegawai=rina, tahun=last, jenis="PREDIKAT")
    assert Decimal(earned.pembilang) / Decimal(earned.penyebut) == Decimal("12.5")  # Ahli Pertama, Baik, 12 months
    status = StatusAngkaKredit.objects.get(pegawai=rina)
    assert status.total == Decimal("52.5")
    kp = KelayakanPangkat.objects.get(pegawai=rina)
    assert kp.layak and kp.golongan_berikut.kode == "III/b" and kp.tmt_terdekat == tmt, kp.alasan
    box = PenempatanTalenta.objects.get(pegawai=rina, tahun=last)
    assert (box.kinerja, box.potensial, box.kotak) == ("Menengah", "Menengah", 5)  # Sangat Baik + Baik; JPM 88
    assert box.masukan, "the placement keeps its inputs (explained and reproducible)"
    plan = RencanaBimbingan.objects.get(pegawai=dodi, tahun=last)
    assert plan.mentor_id == org.pegawai["kasi1"].pk
    assert any("Butuh Perbaikan" in reason for reason in plan.pemicu), plan.pemicu
    assert not RencanaBimbingan.objects.filter(pegawai=rina).exists()

    # 2. Rina reads her career on her phone: the predikat per year, the credit grown by the year's
    # 12,50 to 52,50, eligible now with the earliest TMT, and her box.
    j.sign_in(org.users["pranata"].username, PHONE)
    j.open("talent:karier_saya")
    expect(p.get_by_role("heading", name="Karier saya")).to_be_visible()
    years = p.get_by_test_id("per-tahun")
    expect(years.locator("tbody tr", has_text=str(last))).to_contain_text("Baik")
    expect(years.locator("tbody tr", has_text=str(last)).locator("td").nth(2)).to_have_text("12,50")
    expect(years.locator("tbody tr", has_text=str(last - 1))).to_contain_text("Sangat Baik")
    expect(p.get_by_test_id("ak-total")).to_have_text("52,50")
    expect(p.get_by_test_id("angka-kredit")).to_contain_text("terpenuhi")
    person = p.get_by_test_id("kp-person")
    expect(person).to_contain_text("III/a → III/b")
    expect(person.get_by_test_id("kp-layak")).to_have_text("Memenuhi syarat sekarang")
    expect(person).to_contain_text(f"TMT paling awal: {_tanggal(tmt)}")
    expect(person.get_by_role("button", name="Usulkan kenaikan pangkat")).to_have_count(0)  # not hers to propose
    expect(p.get_by_test_id("kotak-talenta")).to_contain_text(f"Kotak 5 ({last}): Kinerja sesuai ekspektasi")
    expect(p.get_by_test_id("bimbingan")).to_have_count(0)  # no coaching plan for her
    j.shot("karier-rina")

    # 3. Dodi's superior finds the plan the job opened, reads why, and agrees a first action.
    j.sign_in(org.users["kasi1"].username, DESK)
    j.open("talent:coaching_list")
    row = p.get_by_test_id("bimbingan-tim").locator("tbody tr", has_text=dodi.nama)
    expect(row).to_contain_text("Berjalan")
    j.shot("bimbingan-tim")
    row.get_by_role("link", name=dodi.nama).click()
    p.wait_for_url(re.compile(rf"/karier/bimbingan/{plan.pk}/$"))
    expect(p.get_by_test_id("ringkasan-bimbingan")).to_contain_text("Butuh Perbaikan")
    due = today + dt.timedelta(days=30)
    p.get_by_label("Tindakan yang disepakati").fill(ACTION)
    p.get_by_label("Batas waktu").fill(due.isoformat())
    p.get_by_role("button", name="Tambah tindakan").click()
    expect(p.get_by_test_id("tindakan")).to_contain_text(ACTION, timeout=SLOW)
    assert list(plan.tindakan.values_list("uraian", "batas", "selesai")) == [(ACTION, due, False)]
    j.shot("bimbingan-tindakan")

    # 4. Dodi sees the plan as support, in encouraging words, on his phone.
    j.sign_in(org.users["staf1a"].username, PHONE)
    j.open("talent:karier_saya")
    support = p.get_by_test_id("bimbingan")
    expect(support.get_by_role("heading")).to_contain_text("Dukungan kinerja untuk Anda")
    expect(support).to_contain_text("mendampingi Anda agar kinerja Anda makin baik")
    expect(support).to_contain_text("0 dari 1 tindakan selesai.")
    j.shot("karier-dodi")
    support.get_by_role("link", name="Buka rencana").click()
    expect(p.get_by_role("heading", name="Rencana dukungan kinerja Anda")).to_be_visible()
    mine = p.get_by_test_id("dukungan-saya")
    expect(mine).to_contain_text(f"Mentor Anda: {org.pegawai['kasi1'].nama}")
    expect(mine).to_contain_text(f"Langkah Anda berikutnya: {ACTION}")
    expect(p.locator("main")).not_to_contain_text(re.compile("sanksi|hukuman", re.IGNORECASE))
    j.shot("dukungan-dodi")

    # 5. The BKD admin finds Rina eligible on the promotion date, proposes, verifies and decides with the SK.
    j.sign_in("admin", DESK)
    j.open("talent:promotion_list")
    expect(p.get_by_label("TMT")).to_have_value(tmt.isoformat())
    listed = p.get_by_test_id("kp-list").locator("tbody tr", has_text=rina.nama_lengkap)
    expect(listed).to_contain_text("III/a → III/b")
    expect(listed).to_contain_text("Memenuhi syarat")
    j.shot("kp-daftar")
    listed.get_by_role("button", name="Usulkan").click()
    expect(p.get_by_text("Usulan kenaikan pangkat dibuat.")).to_be_visible()
    usulan = UsulanKenaikanPangkat.objects.get(pegawai=rina)
    assert (usulan.status, usulan.tmt, usulan.golongan_ke.kode) == (StatusUsulanPangkat.DIUSULKAN, tmt, "III/b")
    expect(p.get_by_test_id("kp-status")).to_have_text("Diusulkan")
    p.get_by_label("Catatan verifikasi").fill("Berkas lengkap: SK terakhir, SKP dua tahun, PAK.")
    j.shot("kp-usulan")
    p.get_by_role("button", name="Verifikasi usulan").click()
    expect(p.get_by_text("Usulan diverifikasi.")).to_be_visible()
    expect(p.get_by_test_id("kp-status")).to_have_text("Diverifikasi")
    usulan.refresh_from_db()
    assert usulan.status == StatusUsulanPangkat.DIVERIFIKASI
    decide = p.get_by_test_id("kp-tetapkan")
    decide.get_by_role("button", name="Tetapkan kenaikan pangkat").click()  # no SK number: refused
    expect(decide).to_contain_text("Nomor SK wajib diisi.")
    assert not RiwayatGolongan.objects.filter(pegawai=rina, tmt=tmt).exists()
    decide = p.get_by_test_id("kp-tetapkan")
    decide.get_by_label("Nomor SK").fill(SK)
    decide.get_by_label("Tanggal SK").fill(today.isoformat())
    j.shot("kp-tetapkan")
    decide.get_by_role("button", name="Tetapkan kenaikan pangkat").click()
    expect(p.get_by_text("Kenaikan pangkat ditetapkan dan dicatat dalam riwayat golongan.")).to_be_visible()
    expect(p.get_by_test_id("kp-status")).to_have_text("Ditetapkan")
    expect(p.get_by_test_id("kp-usulan-detail")).to_contain_text(SK)
    expect(p.get_by_test_id("kp-riwayat")).to_contain_text("Diverifikasi")
    usulan.refresh_from_db()
    assert (usulan.status, usulan.nomor_sk, usulan.tanggal_sk) == (StatusUsulanPangkat.DITETAPKAN, SK, today)
    riwayat = RiwayatGolongan.objects.select_related("golongan").get(pegawai=rina, tmt=tmt)
    assert (riwayat.golongan.kode, riwayat.nomor_sk, usulan.riwayat_id) == ("III/b", SK, riwayat.pk)
    rina.refresh_from_db()
    assert (rina.golongan.kode, rina.tmt_golongan) == ("III/b", tmt)
    j.shot("kp-ditetapkan")

    # 6. Rina's career page: the new golongan, and the SK in her rank history.
    j.sign_in(org.users["pranata"].username, PHONE)
    j.open("talent:karier_saya")
    expect(p.locator("main")).to_contain_text("(III/b)")
    rank = p.get_by_test_id("riwayat").locator("li", has_text="(III/b)")
    expect(rank).to_contain_text(SK)
    expect(rank.locator("time")).to_have_attribute("datetime", tmt.isoformat())
    person = p.get_by_test_id("kp-person")
    expect(person).to_contain_text("III/b → III/c")  # the next step now
    expect(person.get_by_role("link", name=f"Ditetapkan, TMT {_tanggal(tmt, 'j M Y')}")).to_be_visible()
    expect(p.get_by_test_id("ak-sisa")).to_have_text("2,50")  # 52,50 less the 50 the promotion used
    status.refresh_from_db()
    assert (status.total, status.saldo, status.golongan.kode) == (Decimal("52.5"), Decimal("2.5"), "III/b")
    j.shot("karier-rina-iiib")


def _tanggal(d: dt.date, fmt: str = "j F Y") -> str:
    """`d` as the page writes it with `|date:fmt` in Indonesian (1 Januari 2027, 1 Jan 2027)."""
    from django.utils import formats, translation

    with translation.override("id"):
        return formats.date_format(d, fmt)
