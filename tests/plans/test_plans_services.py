"""SKP services: creation from each source, rows, links to the superior's RHK, bad input (nothing
written), closed years, JPT plans from the performance agreement, position changes mid-year."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from karier.core.models import AuditEvent
from karier.people import services as people_services
from karier.people.access import SYSTEM
from karier.plans import services
from karier.plans.choices import JenisHasil, StatusSkp, SumberSkp
from karier.plans.models import (
    DialogKinerja,
    EkspektasiPerilaku,
    IndikatorKinerjaIndividu,
    RencanaHasilKerja,
    Skp,
    SkpRevisi,
    TahunKinerja,
)
from karier.plans.services import IkiData, RhkData
from karier.standards.models import (
    Indikator,
    Misi,
    PerjanjianKinerja,
    PerjanjianKinerjaRow,
    Renstra,
    Rpjmd,
    SasaranRenstra,
    SasaranStrategis,
    StandarHasil,
    StandarJabatan,
    StandarPerilaku,
    Tujuan,
)
from tests.orgdata import Org

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year


def make_standar(org: Org, key: str = "staf1") -> StandarJabatan:
    st = StandarJabatan.objects.create(jabatan=org.jabatan[key], ringkasan="Mengolah data kurikulum")
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
        rhk="Data kurikulum SMA yang mutakhir",
        aspek="WAKTU",
        indikator="Ketepatan waktu penyampaian",
        target_angka=12,
        satuan="bulan",
    )
    StandarHasil.objects.create(
        standar=st,
        urutan=3,
        rhk="Layanan informasi kurikulum",
        aspek="KUALITAS",
        indikator="Kepuasan pengguna",
        target_kualitatif="tanpa keluhan",
    )
    StandarPerilaku.objects.create(standar=st, nilai_id="AKUNTABEL", ekspektasi="Data dijaga kerahasiaannya")
    return st


def counts() -> tuple[int, ...]:
    return (
        Skp.objects.count(),
        RencanaHasilKerja.objects.count(),
        IndikatorKinerjaIndividu.objects.count(),
        EkspektasiPerilaku.objects.count(),
        DialogKinerja.objects.count(),
        SkpRevisi.objects.count(),
        AuditEvent.objects.filter(action__startswith="skp.").count(),
    )


def new_skp(org: Org, key: str, sumber: str = SumberSkp.KOSONG, **kw: Any) -> Skp:
    return services.skp_create(actor=org.actor(key), pegawai=org.pegawai[key], tahun=YEAR, sumber=sumber, **kw)


def filled(org: Org, key: str) -> Skp:
    skp = new_skp(org, key)
    services.rhk_add(
        actor=org.actor(key),
        skp=skp,
        data=RhkData(teks=f"Hasil {key}"),
        iki=IkiData(indikator="Jumlah dokumen", aspek="KUANTITAS", target_angka="4", satuan="dokumen"),
    )
    return skp


# ---------------------------------------------------------------------------- creation
def test_blank_plan_snapshots_position_unit_appraiser_and_seven_values(org: Org) -> None:
    skp = new_skp(org, "staf1a")
    assert (skp.jabatan, skp.unit) == (org.jabatan["staf1"], org.units["dik_s1"])
    assert (skp.penilai, skp.penilai_jabatan) == (org.pegawai["kasi1"], org.jabatan["kasi1"])
    assert (skp.periode_mulai, skp.periode_selesai) == (dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31))
    assert skp.status == StatusSkp.DRAFT and skp.versi == 1
    assert skp.perilaku.count() == 7
    assert TahunKinerja.objects.get(tahun=YEAR).batas_penetapan_skp == dt.date(YEAR, 1, 31)
    assert AuditEvent.objects.filter(action="skp.create", object_id=str(skp.pk)).exists()


def test_from_position_standard_copies_results_grouped_by_rhk_and_behaviour(org: Org) -> None:
    make_standar(org)
    skp = new_skp(org, "staf1a", SumberSkp.STANDAR)
    rows = list(skp.rhk.order_by("urutan"))
    assert [r.teks for r in rows] == ["Data kurikulum SMA yang mutakhir", "Layanan informasi kurikulum"]
    assert [i.aspek for i in rows[0].iki.order_by("urutan")] == ["KUANTITAS", "WAKTU"]
    assert rows[0].iki.first().target_angka == Decimal(12)  # type: ignore[union-attr]
    assert rows[1].iki.get().target_kualitatif == "tanpa keluhan"
    assert skp.perilaku.get(nilai_id="AKUNTABEL").ekspektasi_khusus == "Data dijaga kerahasiaannya"


def test_from_standard_without_a_standard_is_refused(org: Org) -> None:
    before = counts()
    with pytest.raises(ValidationError) as e:
        new_skp(org, "staf1a", SumberSkp.STANDAR)
    assert "belum mempunyai standar" in e.value.message_dict["sumber"][0]
    assert counts() == before


def test_copy_from_last_year(org: Org) -> None:
    skp = services.skp_create(
        actor=org.actor("staf1a"), pegawai=org.pegawai["staf1a"], tahun=YEAR - 1, sumber=SumberSkp.KOSONG
    )
    services.rhk_add(
        actor=org.actor("staf1a"),
        skp=skp,
        data=RhkData(teks="Laporan bulanan"),
        iki=IkiData(indikator="Jumlah laporan", target_angka=12, satuan="laporan"),
    )
    services.rhk_add(
        actor=org.actor("staf1a"),
        skp=skp,
        data=RhkData(teks="Tugas tambahan", jenis="TAMBAHAN"),
        iki=IkiData(indikator="Mutu", aspek="KUALITAS", target_kualitatif="baik"),
    )
    services.lampiran_update(actor=org.actor("staf1a"), skp=skp, konsekuensi="Teguran")
    new = new_skp(org, "staf1a", SumberSkp.TAHUN_LALU)
    assert [(r.jenis, r.teks) for r in new.rhk.order_by("jenis", "urutan")] == [
        ("TAMBAHAN", "Tugas tambahan"),
        ("UTAMA", "Laporan bulanan"),
    ]
    assert new.konsekuensi == "Teguran"
    assert IndikatorKinerjaIndividu.objects.filter(rhk__skp=new).count() == 2
    assert not new.rhk.filter(rhk_atasan__isnull=False).exists()


def test_copy_from_last_year_without_one_is_refused(org: Org) -> None:
    with pytest.raises(ValidationError, match=f"Tidak ada SKP tahun {YEAR - 1}"):
        new_skp(org, "staf1a", SumberSkp.TAHUN_LALU)


def _perjanjian(org: Org) -> PerjanjianKinerja:
    rpjmd = Rpjmd.objects.create(instansi=org.instansi, tahun_mulai=YEAR - 1, tahun_selesai=YEAR + 3, visi="Maju")
    misi = Misi.objects.create(rpjmd=rpjmd, nomor=1, teks="Pendidikan")
    tujuan = Tujuan.objects.create(misi=misi, nomor=1, teks="Mutu pendidikan")
    ss = SasaranStrategis.objects.create(tujuan=tujuan, nomor=1, teks="Meningkatnya mutu")
    renstra = Renstra.objects.create(opd=org.units["dik"], rpjmd=rpjmd, tahun_mulai=YEAR - 1, tahun_selesai=YEAR + 3)
    sr = SasaranRenstra.objects.create(renstra=renstra, sasaran_rpjmd=ss, nomor=1, teks="Meningkatnya mutu SMA")
    i1 = Indikator.objects.create(sasaran_renstra=sr, nama="Rata-rata nilai rapor", satuan="poin")
    i2 = Indikator.objects.create(sasaran_renstra=sr, nama="Akreditasi sekolah", satuan="")
    pk = PerjanjianKinerja.objects.create(opd=org.units["dik"], tahun=YEAR)
    PerjanjianKinerjaRow.objects.create(
        perjanjian=pk, urutan=1, sasaran=sr, indikator=i1, target=Decimal("80.5"), perspektif="PENERIMA_LAYANAN"
    )
    PerjanjianKinerjaRow.objects.create(
        perjanjian=pk, urutan=2, sasaran=sr, indikator=i2, target_kualitatif="A", perspektif="PENERIMA_LAYANAN"
    )
    return pk


def test_jpt_plan_derives_from_the_performance_agreement(org: Org) -> None:
    _perjanjian(org)
    skp = new_skp(org, "kadis", SumberSkp.STANDAR)
    (rhk,) = skp.rhk.all()
    assert rhk.teks == "Meningkatnya mutu SMA" and rhk.perspektif == "PENERIMA_LAYANAN"
    assert rhk.perjanjian_row is not None
    ikis = list(rhk.iki.order_by("urutan"))
    assert [(i.indikator, i.target_angka, i.target_kualitatif) for i in ikis] == [
        ("Rata-rata nilai rapor", Decimal("80.5"), ""),
        ("Akreditasi sekolah", None, "A"),
    ]
    assert skp.penilai == org.pegawai["sekda"]


def test_jpt_plan_without_an_agreement_is_refused(org: Org) -> None:
    before = counts()
    with pytest.raises(ValidationError, match="Perjanjian kinerja"):
        new_skp(org, "kadis", SumberSkp.STANDAR)
    assert counts() == before


def test_duplicate_closed_year_no_position_and_someone_else(org: Org) -> None:
    new_skp(org, "staf1a")
    before = counts()
    with pytest.raises(ValidationError, match="sudah ada"):
        new_skp(org, "staf1a")
    TahunKinerja.objects.create(tahun=YEAR - 1, batas_penetapan_skp=dt.date(YEAR - 1, 1, 31), ditutup=True)
    with pytest.raises(ValidationError) as e:
        services.skp_create(
            actor=org.actor("staf1b"), pegawai=org.pegawai["staf1b"], tahun=YEAR - 1, sumber=SumberSkp.KOSONG
        )
    assert "sudah ditutup" in e.value.message_dict["tahun"][0]
    with pytest.raises(ValidationError, match="Tahun harus"):
        services.skp_create(actor=org.actor("staf1b"), pegawai=org.pegawai["staf1b"], tahun=1990, sumber="KOSONG")
    nobody = org.add_pegawai("nobody", None)
    with pytest.raises(ValidationError, match="belum menduduki jabatan"):
        new_skp(org, "nobody")
    with pytest.raises(PermissionDenied):
        services.skp_create(actor=org.actor("kasi1"), pegawai=org.pegawai["staf1b"], tahun=YEAR, sumber="KOSONG")
    with pytest.raises(PermissionDenied):
        services.skp_create(actor=org.actor("auditor"), pegawai=org.pegawai["staf1b"], tahun=YEAR, sumber="KOSONG")
    with pytest.raises(ValidationError):
        services.skp_create(actor=org.actor("staf1b"), pegawai=org.pegawai["staf1b"], tahun=YEAR, sumber="MASSAL")
    assert counts() == before
    assert nobody.pk
    # The admin (pengelola kinerja) may draft for someone.
    assert services.skp_create(actor=org.actor("admin"), pegawai=org.pegawai["staf1b"], tahun=YEAR, sumber="KOSONG")


def test_position_change_mid_year_makes_a_new_plan_and_ends_the_old(org: Org) -> None:
    old = filled(org, "staf1a")
    move = dt.date(YEAR, 7, 1)
    people_services.penugasan_assign(
        actor=SYSTEM, pegawai=org.pegawai["staf1a"], jabatan=org.jabatan["staf2"], mulai=move, close_previous=True
    )
    new = new_skp(org, "staf1a", periode_mulai=move)
    old.refresh_from_db()
    assert old.periode_selesai == dt.date(YEAR, 6, 30)
    assert (new.periode_mulai, new.periode_selesai) == (move, dt.date(YEAR, 12, 31))
    assert new.jabatan == org.jabatan["staf2"] and new.penilai == org.pegawai["kabid2"]
    assert old.dialog.filter(teks__contains="pindah jabatan").exists()
    # Same position again on another date: refused.
    with pytest.raises(ValidationError, match="sudah ada"):
        new_skp(org, "staf1a", periode_mulai=dt.date(YEAR, 8, 1))
    with pytest.raises(ValidationError) as e:
        new_skp(org, "staf1a", periode_mulai=dt.date(YEAR + 1, 8, 1))
    assert "periode_mulai" in e.value.message_dict


# ---------------------------------------------------------------------------- rows and targets
@pytest.mark.parametrize(
    ("iki", "field", "text"),
    [
        (IkiData(indikator="Jumlah", aspek="KUANTITAS", target_angka="dua belas"), "target_angka", "angka"),
        (IkiData(indikator="Jumlah", aspek="KUANTITAS", target_angka=None), "target_angka", "memerlukan target"),
        (
            IkiData(indikator="Waktu", aspek="WAKTU", target_angka="", target_kualitatif="cepat"),
            "target_angka",
            "angka",
        ),
        (IkiData(indikator="Mutu", aspek="KUALITAS"), "target_kualitatif", "uraian"),
        (IkiData(indikator="Jumlah", aspek="KUANTITAS", target_angka="-3"), "target_angka", "negatif"),
        (IkiData(indikator="Jumlah", aspek="ASAL", target_angka="3"), "aspek", "Pilih aspek"),
        (IkiData(indikator="  ", aspek="KUANTITAS", target_angka="3"), "indikator", "wajib"),
    ],
)
def test_bad_targets_are_refused_and_nothing_is_written(org: Org, iki: IkiData, field: str, text: str) -> None:
    skp = new_skp(org, "staf1a")
    before = counts()
    with pytest.raises(ValidationError) as e:
        services.rhk_add(actor=org.actor("staf1a"), skp=skp, data=RhkData(teks="Hasil"), iki=iki)
    assert text in e.value.message_dict[field][0]
    assert counts() == before


def test_rows_add_update_delete_and_comma_decimals(org: Org) -> None:
    skp = new_skp(org, "staf1a")
    user = org.actor("staf1a")
    rhk = services.rhk_add(actor=user, skp=skp, data=RhkData(teks="Hasil 1"))
    iki = services.iki_add(
        actor=user, rhk=rhk, data=IkiData(indikator="Persentase", aspek="KUALITAS", target_angka="99,5", satuan="%")
    )
    assert iki.target_angka == Decimal("99.5")
    services.iki_update(
        actor=user, iki=iki, data=IkiData(indikator="Persentase", aspek="KUALITAS", target_angka="100", satuan="%")
    )
    services.rhk_update(actor=user, rhk=rhk, data=RhkData(teks="Hasil 1 diperbaiki", jenis="TAMBAHAN"))
    rhk.refresh_from_db()
    assert (rhk.teks, rhk.jenis) == ("Hasil 1 diperbaiki", JenisHasil.TAMBAHAN)
    services.iki_delete(actor=user, iki=iki)
    services.rhk_delete(actor=user, rhk=rhk)
    assert not skp.rhk.exists()
    assert AuditEvent.objects.filter(object_id=str(skp.pk), action__startswith="skp.").count() == 7


def test_only_the_owner_edits_rows_and_only_while_editable(org: Org) -> None:
    skp = filled(org, "staf1a")
    rhk = skp.rhk.get()
    before = counts()
    for who in ("kasi1", "admin", "auditor", "kabid1"):
        with pytest.raises(PermissionDenied):
            services.rhk_add(actor=org.actor(who), skp=skp, data=RhkData(teks="x"))
    services.skp_submit(actor=org.actor("staf1a"), skp=skp)
    before = counts()
    with pytest.raises(ValidationError, match="tunggu keputusan"):
        services.rhk_update(actor=org.actor("staf1a"), rhk=rhk, data=RhkData(teks="ubah"))
    assert counts() == before


def test_appraiser_writes_specific_expectations_owner_does_not(org: Org) -> None:
    skp = new_skp(org, "staf1a")
    e = skp.perilaku.get(nilai_id="KOLABORATIF")
    services.ekspektasi_update(actor=org.actor("kasi1"), ekspektasi=e, teks="Aktif di tim kurikulum")
    e.refresh_from_db()
    assert e.ekspektasi_khusus == "Aktif di tim kurikulum"
    with pytest.raises(PermissionDenied):
        services.ekspektasi_update(actor=org.actor("staf1a"), ekspektasi=e, teks="Saya sendiri")


# ---------------------------------------------------------------------------- cascade links
def test_subordinate_drafts_first_and_links_when_the_superior_rhk_exists(org: Org) -> None:
    mine = filled(org, "staf1a")
    rhk = mine.rhk.get()
    # The superior has no plan yet: submitting still works, unlinked rows are only a warning.
    services.skp_submit(actor=org.actor("staf1a"), skp=mine)
    services.skp_return(actor=org.actor("kasi1"), skp=mine, komentar="Tautkan ke RHK saya")
    boss = filled(org, "kasi1")  # still a draft
    boss_rhk = boss.rhk.get()
    services.rhk_link(actor=org.actor("staf1a"), rhk=rhk, rhk_atasan=boss_rhk)
    rhk.refresh_from_db()
    assert rhk.rhk_atasan == boss_rhk
    services.rhk_link(actor=org.actor("staf1a"), rhk=rhk, rhk_atasan=None)
    rhk.refresh_from_db()
    assert rhk.rhk_atasan is None


def test_link_to_an_rhk_that_is_not_the_appraisers_is_refused(org: Org) -> None:
    mine = filled(org, "staf1a")
    rhk = mine.rhk.get()
    other = filled(org, "kabid1")  # kabid1 is the superior's superior, not the appraiser
    peer = filled(org, "staf1b")
    before = counts()
    for wrong in (other.rhk.get(), peer.rhk.get()):
        with pytest.raises(ValidationError) as e:
            services.rhk_link(actor=org.actor("staf1a"), rhk=rhk, rhk_atasan=wrong)
        assert "bukan RHK pejabat penilai" in e.value.message_dict["rhk_atasan"][0]
    last_year_boss = services.skp_create(
        actor=org.actor("kasi1"), pegawai=org.pegawai["kasi1"], tahun=YEAR - 1, sumber="KOSONG"
    )
    old_rhk = services.rhk_add(actor=org.actor("kasi1"), skp=last_year_boss, data=RhkData(teks="Lama"))
    before = counts()
    with pytest.raises(ValidationError, match=f"tahun {YEAR}"):
        services.rhk_link(actor=org.actor("staf1a"), rhk=rhk, rhk_atasan=old_rhk)
    with pytest.raises(ValidationError):
        services.rhk_link(actor=org.actor("staf1a"), rhk=rhk, rhk_atasan=rhk)
    assert counts() == before
    rhk.refresh_from_db()
    assert rhk.rhk_atasan is None
