"""The closed loop of issue #11, walked through the screens by the real people: a gap → its recommended
activity → the development plan agreed with the superior → attendance → the JP counted → the level
updated and the gap gone.

Dodi (staf1a, Pelaksana) works on a 360 px phone; his superior (kasi1, who appraises his position) and the
BKD admin (the organiser) at a 1280 px desk. His position requires Komunikasi (M.3) at level 3, an
assessment centre put him at level 2. The catalogue holds one activity that develops Komunikasi up to
level 3 for 12,5 JP (a fraction, so that the Indonesian number format shows) with an upcoming session.
Each step asserts what the person reads and what the database stores, and saves a screenshot to
/tmp/loop-NN-*.png (not committed); no page of Dodi's scrolls sideways at 360 px.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.browser.personas import PDF_BYTES, SLOW
from tests.orgdata import PASSWORD, build_org

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE, DESK = 360, 1280
ACTIVITY = "Pelatihan Komunikasi Publik bagi ASN"
GAP_REASON = "Mengembangkan Komunikasi dari level 2 ke level 3 yang disyaratkan jabatan Anda."


class Journey:
    """One browser page that people take turns at; numbered screenshots of every step."""

    def __init__(self, page: Page, base: str) -> None:
        self.page, self.base, self.n, self.width = page, base, 0, DESK

    def sign_in(self, username: str, width: int) -> None:
        self.page.context.clear_cookies()
        self.width = width
        self.page.set_viewport_size({"width": width, "height": 800 if width < 600 else 900})
        self.page.goto(f"{self.base}/akun/masuk/")
        self.page.get_by_label("NIP atau nama pengguna").fill(username)
        self.page.get_by_label("Kata sandi").fill(PASSWORD)
        self.page.get_by_role("button", name="Masuk").click()
        self.page.wait_for_url(f"{self.base}/")

    def open(self, name: str, *args: Any) -> None:
        self.page.goto(self.base + reverse(name, args=args))

    def shot(self, name: str) -> None:
        """Screenshot the whole page and check that it does not scroll sideways at its width."""
        self.n += 1
        self.page.screenshot(path=f"/tmp/loop-{self.n:02d}-{name}.png", full_page=True)
        widths = self.page.evaluate(
            "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert widths[0] <= widths[1], f"{name} at {self.width} px scrolls sideways: {widths}"


def _setup(org: Any) -> tuple[Any, Any, Any]:
    """Dodi's Komunikasi gap (required 3, assessed 2) and the activity with an upcoming session."""
    from karier.development.competency import services as competency
    from karier.development.models import Kompetensi, SumberPenilaian
    from tests.development.catalogue_helpers import kegiatan, sesi

    admin = org.actor("admin")
    komunikasi = Kompetensi.objects.get(kode="M.3")
    jabatan = org.pegawai["staf1a"].jabatan
    competency.standar_kompetensi_set(actor=admin, jabatan=jabatan, kompetensi=komunikasi, level=3)
    competency.penilaian_record(
        actor=admin,
        pegawai=org.pegawai["staf1a"],
        kompetensi=komunikasi,
        level=2,
        tanggal=timezone.localdate() - dt.timedelta(days=60),
        sumber=SumberPenilaian.ASSESSMENT_CENTER,
    )
    keg = kegiatan(
        admin,
        kode="KOM-LOOP",
        nama=ACTIVITY,
        jp="12,5",
        jenis="MANAJERIAL",
        metode="PELATIHAN",
        penyelenggara="BPSDM",
        kompetensi={komunikasi.pk: 3},
    )
    return komunikasi, keg, sesi(admin, keg, kapasitas=5)  # starts in a week


def test_gap_to_plan_to_attendance_to_jp_to_level(live_server: Any, page: Page, tmp_path: Path, settings: Any) -> None:
    from karier.development.competency.gaps import needs_for
    from karier.development.competency.selectors import current_levels
    from karier.development.models import (
        CatatanJp,
        ItemRencana,
        Pendaftaran,
        PenilaianKompetensi,
        RencanaPengembangan,
        SesiKegiatan,
        StatusPendaftaran,
        StatusRencana,
        SumberPenilaian,
        UsulanKenaikanLevel,
    )
    from karier.development.models.level_change import StatusUsulanLevel
    from tests.development.catalogue_helpers import past

    settings.MEDIA_ROOT = tmp_path  # the certificate is stored here
    org = build_org()
    komunikasi, keg, sesi = _setup(org)
    dodi = org.pegawai["staf1a"]
    j = Journey(page, live_server.url)
    p = page

    # 1. Dodi sees his gap on his competency profile, with its reason in plain words.
    j.sign_in(org.users["staf1a"].username, PHONE)
    j.open("development:kompetensi_saya")
    row = p.get_by_test_id("profil").locator("tr", has_text="Komunikasi")
    expect(row.locator("td")).to_have_text(["Komunikasi", "3", "2", re.compile("Assessment center"), re.compile(".*")])
    expect(p.locator("#kebutuhan")).to_contain_text(GAP_REASON)
    assert "kompetensi:M.3" in {n.kode for n in needs_for([dodi.pk])[dodi.pk]}
    j.shot("kesenjangan")

    # 2. His recommendations name the activity, why (Komunikasi from 2 to 3) and its JP the Indonesian way.
    j.open("development:rekomendasi_saya")
    rec = p.get_by_test_id("rekomendasi").locator("tbody tr", has_text=ACTIVITY)
    expect(rec).to_contain_text("mengembangkan Komunikasi dari level 2 ke level 3", ignore_case=True)
    expect(rec.locator("td").nth(2)).to_contain_text("; 12,5 JP")  # never "12,50" (as the reason once said)
    expect(rec.locator("td").nth(3)).to_have_text("12,5")
    j.shot("rekomendasi")
    rec.get_by_role("button", name="Tambahkan ke rencana pengembangan").click()
    p.wait_for_url(re.compile(r"/pengembangan/rencana/"))
    expect(p.get_by_text(f"Ditambahkan ke rencana pengembangan tahun {timezone.localdate().year}.")).to_be_visible()
    item = ItemRencana.objects.select_related("rencana").get(rencana__pegawai=dodi, kegiatan=keg)
    assert (item.kebutuhan_kode, item.kompetensi_id, item.level_dari, item.level_ke, item.tanpa_kesenjangan) == (
        "kompetensi:M.3",
        komunikasi.pk,
        2,
        3,
        False,
    )
    assert item.rencana.status == StatusRencana.DRAFT

    # The plan shows the item linked to the gap it closes; Dodi submits it.
    card = p.get_by_test_id("item-rencana").filter(has_text=ACTIVITY)
    expect(card).to_contain_text("Komunikasi · level 2 → 3")
    expect(p.get_by_test_id("tanpa-kesenjangan")).to_have_count(0)
    j.shot("rencana-draf")
    p.get_by_role("button", name="Ajukan rencana").click()
    expect(p.get_by_text("Rencana diajukan ke atasan.")).to_be_visible()
    expect(p.get_by_test_id("status-rencana")).to_have_text("Diajukan")
    assert RencanaPengembangan.objects.get(pk=item.rencana_id).status == StatusRencana.DIAJUKAN
    j.shot("rencana-diajukan")

    # 3. His superior agrees the plan from the approval queue.
    j.sign_in(org.users["kasi1"].username, DESK)
    j.open("development:rencana_persetujuan")
    waiting = p.get_by_test_id("rencana-menunggu").filter(has_text="Dodi Saputra")
    expect(waiting).to_contain_text(ACTIVITY)
    expect(waiting).to_contain_text("Komunikasi")
    j.shot("persetujuan")
    expect(waiting.get_by_label("Setujui")).to_be_checked()
    waiting.get_by_role("button", name="Simpan").click()
    expect(p.get_by_test_id("rencana-menunggu").filter(has_text="Dodi Saputra")).to_have_count(0, timeout=SLOW)
    plan = RencanaPengembangan.objects.get(pk=item.rencana_id)
    assert plan.status == StatusRencana.DISETUJUI
    assert plan.diputuskan_oleh_id == org.users["kasi1"].pk
    j.shot("persetujuan-selesai")

    # 4. Dodi enrols in the session from the agreed plan item and gets a seat.
    j.sign_in(org.users["staf1a"].username, PHONE)
    j.open("development:rencana_saya")
    expect(p.get_by_test_id("status-rencana")).to_have_text("Disetujui")
    card = p.get_by_test_id("item-rencana").filter(has_text=ACTIVITY)
    j.shot("rencana-disetujui")
    card.get_by_role("button", name="Daftar ke sesi").click()
    expect(p.get_by_text("Terdaftar di sesi ini.")).to_be_visible()
    seat = Pendaftaran.objects.get(sesi=sesi, pegawai=dodi)
    assert seat.status == StatusPendaftaran.TERDAFTAR
    assert SesiKegiatan.objects.get(pk=sesi.pk).terisi == 1
    assert ItemRencana.objects.get(pk=item.pk).pendaftaran_id == seat.pk
    j.shot("terdaftar")

    # The session takes place: a test shortcut moves its dates so that it ended today.
    past(sesi, days_ago=0)

    # 5. The organiser (BKD admin) records attendance on the bulk list.
    j.sign_in("admin", DESK)
    j.open("development:sesi_kehadiran", sesi.pk)
    expect(p.get_by_test_id("kehadiran")).to_contain_text(dodi.nip)
    p.get_by_label("Dodi Saputra").check()
    j.shot("kehadiran")
    p.get_by_role("button", name="Simpan kehadiran").click()
    expect(p.get_by_text("Kehadiran 1 peserta dicatat.")).to_be_visible()
    seat.refresh_from_db()
    assert seat.hadir is True
    assert seat.kehadiran_dicatat_oleh_id == org.users["admin"].pk
    assert not CatatanJp.objects.filter(pegawai=dodi).exists()  # attendance alone counts no JP yet
    j.shot("kehadiran-dicatat")

    # Completion with the certificate: the participant uploads it (the organiser may too —
    # `access.require_own_or_admin`); the plan item offers it once attendance is recorded.
    j.sign_in(org.users["staf1a"].username, PHONE)
    j.open("development:rencana_saya")
    card = p.get_by_test_id("item-rencana").filter(has_text=ACTIVITY)
    expect(card.get_by_test_id("pelaksanaan")).to_have_attribute("data-kode", "hadir")
    card.get_by_role("link", name="Unggah sertifikat").click()
    expect(p.get_by_text("12,5 JP dihitung untuk Anda")).to_be_visible()
    p.get_by_label("Sertifikat").set_input_files(
        {"name": "sertifikat-komunikasi.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}
    )
    j.shot("sertifikat")
    p.get_by_role("button", name="Simpan").click()

    # 6. "JP saya": 12,5 of 20 JP counted, 7,5 to go.
    p.wait_for_url(re.compile(r"/pengembangan/jp/$"))
    expect(p.get_by_text("Kegiatan selesai; JP-nya sudah dihitung.")).to_be_visible()
    expect(p.get_by_test_id("jp-progress")).to_contain_text("12,5 / 20 JP")
    expect(p.get_by_test_id("jp-progress")).to_contain_text("Kurang 7,5 JP lagi.")
    expect(p.get_by_test_id("catatan-jp").locator("tr", has_text=ACTIVITY)).to_contain_text("12,5")
    seat.refresh_from_db()
    assert seat.status == StatusPendaftaran.SELESAI
    ledger = list(CatatanJp.objects.filter(pegawai=dodi).values_list("jp", "pendaftaran_id"))
    assert ledger == [(Decimal("12.5"), seat.pk)]
    proposal = UsulanKenaikanLevel.objects.get(pegawai=dodi, kompetensi=komunikasi)
    assert (proposal.status, proposal.level_awal, proposal.level_usulan, proposal.pendaftaran_id) == (
        StatusUsulanLevel.MENUNGGU,
        2,
        3,
        seat.pk,
    )
    assert current_levels([dodi.pk])[dodi.pk][komunikasi.pk] == 2  # not raised until the superior confirms
    j.shot("jp-saya")

    # 7. The superior confirms the level the completed activity proposes.
    j.sign_in(org.users["kasi1"].username, DESK)
    j.open("development:usulan_level")
    proposed = p.get_by_test_id("usulan-level").locator("tbody tr", has_text="Dodi Saputra")
    expect(proposed.locator("td").nth(1)).to_have_text("Komunikasi")
    expect(proposed.locator("td").nth(2)).to_contain_text(ACTIVITY)
    expect(proposed.locator("td").nth(3)).to_have_text("2")
    expect(proposed.locator("td").nth(4)).to_have_text("3")
    expect(proposed.get_by_label("Konfirmasi")).to_be_checked()
    j.shot("usulan-level")
    proposed.get_by_role("button", name="Simpan").click()
    expect(p.get_by_text("Keputusan kenaikan level disimpan.")).to_be_visible()
    proposal.refresh_from_db()
    assert (proposal.status, proposal.level_dikonfirmasi, proposal.diputus_oleh_id) == (
        StatusUsulanLevel.DIKONFIRMASI,
        3,
        org.users["kasi1"].pk,
    )
    assert proposal.penilaian_id is not None
    latest = PenilaianKompetensi.objects.get(pk=proposal.penilaian_id)
    assert (latest.level, latest.sumber, latest.pendaftaran_id) == (3, SumberPenilaian.KEGIATAN, seat.pk)
    assert current_levels([dodi.pk])[dodi.pk][komunikasi.pk] == 3
    assert "kompetensi:M.3" not in {n.kode for n in needs_for([dodi.pk])[dodi.pk]}
    j.shot("usulan-level-dikonfirmasi")

    # Dodi's profile: Komunikasi at level 3, named after the activity, the history kept, the gap gone.
    j.sign_in(org.users["staf1a"].username, PHONE)
    expect(p.get_by_test_id("home-jp").get_by_test_id("jp-progress")).to_contain_text("12,5 / 20 JP")  # his home
    j.open("development:kompetensi_saya")
    row = p.get_by_test_id("profil").locator("tr", has_text="Komunikasi")
    expect(row.locator("td").nth(1)).to_have_text("3")
    expect(row.locator("td").nth(2)).to_have_text("3")
    expect(row.get_by_test_id("level-dari-kegiatan")).to_contain_text(ACTIVITY)
    expect(row).not_to_have_class(re.compile(r"\bkurang\b"))
    row.locator("summary", has_text="Riwayat").click()
    history = row.locator("details li")
    expect(history).to_have_count(2)
    expect(history.filter(has_text="level 2")).to_contain_text("Assessment center")
    expect(history.filter(has_text="level 3")).to_contain_text(f"Kegiatan pengembangan dikonfirmasi atasan: {ACTIVITY}")
    expect(p.locator("#kebutuhan")).not_to_contain_text("Komunikasi dari level")
    j.shot("profil-level-3")

    # The loop closes: with the gap gone the activity is no longer recommended to him.
    j.open("development:rekomendasi_saya")
    expect(p.get_by_role("heading", name=re.compile("Rekomendasi pengembangan untuk saya"))).to_be_visible()
    expect(p.get_by_text(ACTIVITY)).to_have_count(0)
    j.shot("rekomendasi-sesudah")
