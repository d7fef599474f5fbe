"""The individual development plan's services (issue #11 §6): every transition and refusal, who may
do what (owner, superior, Plt self-conflict, auditor), the link of each item to the gap it closes
and the "tanpa kesenjangan" flag, enrolment from an agreed item through the catalogue's service
(capacity, waiting list), self-development reported through the JP ledger, and the audit trail."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from karier.core.models import AuditEvent
from karier.development.idp import services
from karier.development.idp.workflow import Aksi, Peran, allowed
from karier.development.jp.ledger import MandiriData
from karier.development.models import (
    ItemRencana,
    Kompetensi,
    PenilaianKompetensi,
    RencanaPengembangan,
    StatusPendaftaran,
    StatusRencana,
)
from karier.people.models import Penugasan
from tests.development.idp_helpers import diajukan, disetujui, kegiatan, kegiatan_kompetensi, rencana, sesi

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year


def _actions(obj: Any) -> list[str]:
    return list(
        AuditEvent.objects.filter(object_id=str(obj.pk), action__startswith="pengembangan.rencana")
        .order_by("pk")
        .values_list("action", flat=True)
    )


# ---------------------------------------------------------------------------- the transition table
def test_the_table_offers_each_party_only_its_moves() -> None:
    assert allowed(status=StatusRencana.DRAFT, peran=frozenset({Peran.PEMILIK})) == [Aksi.AJUKAN]
    assert allowed(status=StatusRencana.DIKEMBALIKAN, peran=frozenset({Peran.PEMILIK})) == [Aksi.AJUKAN]
    assert allowed(status=StatusRencana.DIAJUKAN, peran=frozenset({Peran.PEMILIK})) == []
    assert allowed(status=StatusRencana.DIAJUKAN, peran=frozenset({Peran.ATASAN})) == [Aksi.SETUJUI, Aksi.KEMBALIKAN]
    assert allowed(status=StatusRencana.DISETUJUI, peran=frozenset({Peran.ATASAN})) == [Aksi.KEMBALIKAN]
    assert allowed(status=StatusRencana.DRAFT, peran=frozenset()) == []


# ---------------------------------------------------------------------------- draft → diajukan → disetujui
def test_draft_submit_agree_locks_and_is_audited(org: Any) -> None:
    r = rencana(org)
    assert r.status == StatusRencana.DRAFT
    services.rencana_submit(actor=org.actor("staf1a"), rencana=r, catatan="Mohon arahan.")
    assert r.status == StatusRencana.DIAJUKAN and r.diajukan_pada is not None
    services.rencana_decide(actor=org.actor("kasi1"), rencana=r, setuju=True, catatan="Setuju.")
    r.refresh_from_db()
    assert r.status == StatusRencana.DISETUJUI and r.diputuskan_oleh_id == org.users["kasi1"].pk
    assert r.catatan == "Mohon arahan." and r.catatan_atasan == "Setuju."
    # Agreed is locked: the owner cannot add, change or remove an item.
    k = kegiatan_kompetensi(org, kode="K-LAIN")
    with pytest.raises(ValidationError, match="sudah disetujui atasan dan terkunci"):
        services.item_add(actor=org.actor("staf1a"), rencana=r, data=services.ItemData(kegiatan_id=k.pk))
    item = r.item.get()
    item.rencana = r
    with pytest.raises(ValidationError, match="terkunci"):
        services.item_remove(actor=org.actor("staf1a"), item=item)
    assert _actions(r) == [
        "pengembangan.rencana_buat",
        "pengembangan.rencana_item_tambah",
        "pengembangan.rencana_ajukan",
        "pengembangan.rencana_setujui",
    ]


def test_return_needs_a_note_makes_it_editable_and_resubmittable(org: Any) -> None:
    r = diajukan(org)
    with pytest.raises(ValidationError) as exc:
        services.rencana_decide(actor=org.actor("kasi1"), rencana=r, setuju=False, catatan="  ")
    assert "catatan" in exc.value.message_dict
    assert RencanaPengembangan.objects.get(pk=r.pk).status == StatusRencana.DIAJUKAN  # nothing written
    services.rencana_decide(actor=org.actor("kasi1"), rencana=r, setuju=False, catatan="Tambah satu kegiatan.")
    assert r.status == StatusRencana.DIKEMBALIKAN
    k = kegiatan_kompetensi(org, kode="K-TAMBAH")
    services.item_add(actor=org.actor("staf1a"), rencana=r, data=services.ItemData(kegiatan_id=k.pk))
    services.rencana_submit(actor=org.actor("staf1a"), rencana=r)
    assert RencanaPengembangan.objects.get(pk=r.pk).status == StatusRencana.DIAJUKAN
    assert "pengembangan.rencana_kembalikan" in _actions(r)


def test_superior_returns_an_agreed_plan_to_unlock_it(org: Any) -> None:
    r = disetujui(org)
    services.rencana_decide(actor=org.actor("kasi1"), rencana=r, setuju=False, catatan="Ada pelatihan baru.")
    assert r.status == StatusRencana.DIKEMBALIKAN
    k = kegiatan_kompetensi(org, kode="K-BARU")
    services.item_add(actor=org.actor("staf1a"), rencana=r, data=services.ItemData(kegiatan_id=k.pk))
    assert r.item.count() == 2


def test_state_refusals(org: Any) -> None:
    r = rencana(org, items=0)
    with pytest.raises(ValidationError, match="paling sedikit satu kegiatan"):
        services.rencana_submit(actor=org.actor("staf1a"), rencana=r)
    with pytest.raises(ValidationError, match="Hanya rencana yang sedang diajukan"):
        services.rencana_decide(actor=org.actor("kasi1"), rencana=r, setuju=True)
    d = diajukan(org, "staf1b")
    with pytest.raises(ValidationError, match="Hanya rencana berstatus Draf atau Dikembalikan"):
        services.rencana_submit(actor=org.actor("staf1b"), rencana=d)
    with pytest.raises(ValidationError, match="menunggu keputusan atasan"):
        services.item_add(actor=org.actor("staf1b"), rencana=d, data=services.ItemData(judul="X", metode="SEMINAR"))


# ---------------------------------------------------------------------------- who
def test_nobody_decides_their_own_plan(org: Any) -> None:
    r = diajukan(org)
    with pytest.raises(PermissionDenied, match="Anda sendiri"):
        services.rencana_decide(actor=org.actor("staf1a"), rencana=r, setuju=True)


@pytest.mark.parametrize("key", ["staf1b", "kabid1", "kadis", "admin", "auditor", "kabid2"])
def test_only_the_direct_superior_decides(org: Any, key: str) -> None:
    """The appraiser decides; a colleague, officials higher up, the BKD admin and the auditor do not."""
    r = diajukan(org)
    with pytest.raises(PermissionDenied):
        services.rencana_decide(actor=org.actor(key), rencana=r, setuju=True)
    assert RencanaPengembangan.objects.get(pk=r.pk).status == StatusRencana.DIAJUKAN


@pytest.mark.parametrize("jenis", ["PLT", "PLH"])
def test_an_acting_head_is_refused_on_her_own_plan_and_the_next_official_decides(org: Any, jenis: str) -> None:
    """The Kasi covers her own superior's post (Kabid) as Plt/Plh: she may not agree her own plan; the
    refusal names the Kadis, who decides instead."""
    today = timezone.localdate()
    Penugasan.objects.filter(pegawai=org.pegawai["kabid1"]).update(selesai=today - dt.timedelta(days=2))
    Penugasan.objects.create(
        pegawai=org.pegawai["kasi1"], jabatan=org.jabatan["kabid1"], jenis=jenis, mulai=today - dt.timedelta(days=1)
    )
    r = diajukan(org, "kasi1")
    with pytest.raises(PermissionDenied) as exc:
        services.rencana_decide(actor=org.actor("kasi1"), rencana=r, setuju=True)
    assert "benturan kepentingan" in str(exc.value) and org.pegawai["kadis"].nama in str(exc.value)
    services.rencana_decide(actor=org.actor("kadis"), rencana=r, setuju=True)
    assert r.status == StatusRencana.DISETUJUI


@pytest.mark.parametrize("key", ["kasi1", "auditor", "admin"])
def test_only_the_owner_changes_items(org: Any, key: str) -> None:
    r = rencana(org)
    with pytest.raises(PermissionDenied):
        services.item_add(actor=org.actor(key), rencana=r, data=services.ItemData(judul="X", metode="SEMINAR"))


def test_auditor_creates_no_plan(org: Any) -> None:
    with pytest.raises(PermissionDenied):
        services.rencana_create(actor=org.actor("auditor"), pegawai=org.pegawai["staf1a"], tahun=YEAR)
    with pytest.raises(PermissionDenied):
        services.rencana_create(actor=org.actor("staf1b"), pegawai=org.pegawai["staf1a"], tahun=YEAR)


def test_one_plan_per_person_per_year_and_only_near_years(org: Any) -> None:
    a = services.rencana_create(actor=org.actor("staf1a"), pegawai=org.pegawai["staf1a"], tahun=YEAR)
    b = services.rencana_create(actor=org.actor("staf1a"), pegawai=org.pegawai["staf1a"], tahun=YEAR)
    assert a.pk == b.pk and RencanaPengembangan.objects.count() == 1
    with pytest.raises(ValidationError):
        services.rencana_create(actor=org.actor("staf1a"), pegawai=org.pegawai["staf1a"], tahun=YEAR + 5)


# ---------------------------------------------------------------------------- the gap it closes
def test_an_activity_is_linked_to_the_competency_gap_it_develops(org: Any) -> None:
    m3 = Kompetensi.objects.get(kode="M.3")
    r = rencana(org, items=1)
    item = r.item.get()
    assert item.kebutuhan_kode == "kompetensi:M.3" and item.kompetensi_id == m3.pk
    assert item.level_ke == 1 and item.level_dari is None and not item.tanpa_kesenjangan  # never assessed


def test_assessed_gap_from_and_to_level_and_an_explicit_performance_or_missing_need(org: Any) -> None:
    m3 = Kompetensi.objects.get(kode="M.3")
    PenilaianKompetensi.objects.create(
        pegawai=org.pegawai["kasi1"], kompetensi=m3, level=1, tanggal=timezone.localdate(), sumber="OBSERVASI_ATASAN"
    )
    r = rencana(org, "kasi1", items=1)
    item = r.item.get()
    assert (item.level_dari, item.level_ke) == (1, 2)  # Pengawas: level 2 required
    assert item.kompetensi_id == m3.pk and item.kebutuhan_judul == m3.nama
    # A need that is not one of the person's current needs: allowed, flagged.
    k = kegiatan_kompetensi(org, kode="K-X")
    flagged = services.item_add(
        actor=org.actor("kasi1"), rencana=r, data=services.ItemData(kegiatan_id=k.pk, kebutuhan_kode="predikat")
    )
    assert flagged.tanpa_kesenjangan and flagged.kebutuhan_kode == ""


def test_no_matching_gap_is_allowed_but_flagged(org: Any) -> None:
    """Already above the standard in the competency the activity develops, and self-development with
    no need chosen: both are added, both flagged "tanpa kesenjangan"."""
    m3 = Kompetensi.objects.get(kode="M.3")
    PenilaianKompetensi.objects.create(
        pegawai=org.pegawai["staf1a"], kompetensi=m3, level=4, tanggal=timezone.localdate(), sumber="OBSERVASI_ATASAN"
    )
    r = rencana(org, items=1)
    assert r.item.get().tanpa_kesenjangan
    mandiri = services.item_add(
        actor=org.actor("staf1a"),
        rencana=r,
        data=services.ItemData(judul="MOOC Statistik", metode="E_LEARNING", penyelenggara="Coursera", jp="6"),
    )
    assert mandiri.tanpa_kesenjangan and mandiri.jp_rencana == 6
    services.rencana_submit(actor=org.actor("staf1a"), rencana=r)  # flagged items do not block


def test_bad_item_input_writes_nothing(org: Any) -> None:
    r = rencana(org, items=0)
    admin = org.actor("admin")
    other = kegiatan(admin, kode="K-OTHER")
    mine = kegiatan_kompetensi(org, kode="K-MINE")
    s_other = sesi(admin, other)
    cases = [
        (services.ItemData(), "judul"),
        (services.ItemData(judul="X", metode="NONSENSE"), "metode"),
        (services.ItemData(judul="X", metode="SEMINAR", jp="250"), "jp"),
        (services.ItemData(kegiatan_id=999999), "kegiatan_id"),
        (services.ItemData(kegiatan_id=mine.pk, sesi_id=s_other.pk), "sesi_id"),
        (services.ItemData(kegiatan_id=mine.pk, target_bulan=13), "target_bulan"),
    ]
    for data, field in cases:
        with pytest.raises(ValidationError) as exc:
            services.item_add(actor=org.actor("staf1a"), rencana=r, data=data)
        assert field in exc.value.message_dict, field
    assert ItemRencana.objects.count() == 0


# ---------------------------------------------------------------------------- the recommendations' "add"
def test_tambah_starts_the_draft_and_is_refused_once_submitted(org: Any) -> None:
    k = kegiatan_kompetensi(org, kode="K-REK", kompetensi="M.5")
    item = services.rencana_tambah(actor=org.actor("staf1a"), kegiatan_id=k.pk, kompetensi_kode="M.5")
    assert item.rencana.tahun == YEAR and item.rencana.status == StatusRencana.DRAFT
    assert item.kebutuhan_kode == "kompetensi:M.5"
    services.rencana_submit(actor=org.actor("staf1a"), rencana=item.rencana)
    with pytest.raises(ValidationError, match="menunggu keputusan atasan"):
        services.rencana_tambah(actor=org.actor("staf1a"), kegiatan_id=k.pk)
    with pytest.raises(PermissionDenied):
        services.rencana_tambah(actor=org.actor("auditor"), kegiatan_id=k.pk)
    assert ItemRencana.objects.count() == 1


# ---------------------------------------------------------------------------- carrying it out
def test_enrolment_from_an_agreed_item_respects_capacity(org: Any) -> None:
    """One seat: the first agreed plan's item gets it, the second lands on the waiting list; the
    item shows each state, and a draft cannot enrol at all."""
    admin = org.actor("admin")
    k = kegiatan_kompetensi(org, kode="K-CAP")
    s = sesi(admin, k, kapasitas=1)
    plans = {}
    for key in ("staf1a", "staf1b"):
        r = services.rencana_create(actor=org.actor(key), pegawai=org.pegawai[key], tahun=YEAR)
        services.item_add(actor=org.actor(key), rencana=r, data=services.ItemData(kegiatan_id=k.pk, sesi_id=s.pk))
        plans[key] = r
    item = plans["staf1a"].item.get()
    item.rencana = plans["staf1a"]
    with pytest.raises(ValidationError, match="setelah rencana disetujui"):
        services.item_enrol(actor=org.actor("staf1a"), item=item)
    for key in ("staf1a", "staf1b"):
        services.rencana_submit(actor=org.actor(key), rencana=plans[key])
        services.rencana_decide(actor=org.actor("kasi1"), rencana=plans[key], setuju=True)
    statuses = []
    for key in ("staf1a", "staf1b"):
        it = plans[key].item.get()
        it.rencana = plans[key]
        services.item_enrol(actor=org.actor(key), item=it)
        it.refresh_from_db()
        statuses.append(it.pendaftaran.status)
    assert statuses == [StatusPendaftaran.TERDAFTAR, StatusPendaftaran.MENUNGGU]
    s.refresh_from_db()
    assert s.terisi == 1
    again = plans["staf1a"].item.get()
    again.rencana = plans["staf1a"]
    with pytest.raises(ValidationError, match="sudah didaftarkan"):
        services.item_enrol(actor=org.actor("staf1a"), item=again)


def test_self_development_is_reported_through_the_ledger(org: Any) -> None:
    r = services.rencana_create(actor=org.actor("staf1a"), pegawai=org.pegawai["staf1a"], tahun=YEAR)
    item = services.item_add(
        actor=org.actor("staf1a"),
        rencana=r,
        data=services.ItemData(judul="MOOC Data", metode="E_LEARNING", penyelenggara="Platform", jp="6"),
    )
    services.rencana_submit(actor=org.actor("staf1a"), rencana=r)
    services.rencana_decide(actor=org.actor("kasi1"), rencana=r, setuju=True)
    item.rencana = r
    data = MandiriData(
        judul="MOOC Data",
        metode="E_LEARNING",
        penyelenggara="Platform",
        mulai=timezone.localdate() - dt.timedelta(days=3),
        selesai=timezone.localdate() - dt.timedelta(days=1),
        jp="6",
    )
    with pytest.raises(PermissionDenied):
        services.item_report(actor=org.actor("kasi1"), item=item, data=data)
    report = services.item_report(actor=org.actor("staf1a"), item=item, data=data)
    assert ItemRencana.objects.get(pk=item.pk).mandiri_id == report.pk
    with pytest.raises(ValidationError, match="sudah dilaporkan"):
        services.item_report(actor=org.actor("staf1a"), item=item, data=data)
