"""Competency dictionary, position standards, assessments and JPM (issue #11 items 1–2): services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from karier.core.models import AuditEvent
from karier.development.competency import selectors, services
from karier.development.models import (
    JenisKompetensi,
    Kompetensi,
    LevelKompetensi,
    PenilaianKompetensi,
    StandarKompetensiJabatan,
    SumberPenilaian,
)

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _k(kode: str) -> Kompetensi:
    return Kompetensi.objects.get(kode=kode)


def test_the_kamus_is_loaded_with_every_level_and_a_plain_meaning():
    assert Kompetensi.objects.filter(jenis=JenisKompetensi.MANAJERIAL).count() == 8
    assert Kompetensi.objects.filter(jenis=JenisKompetensi.SOSIOKULTURAL).count() == 1
    assert LevelKompetensi.objects.count() == 45
    lv = LevelKompetensi.objects.get(kompetensi__kode="M.1", level=1)
    assert lv.deskripsi.startswith("Mampu bertindak sesuai nilai")
    assert len(lv.indikator_list) == 3
    assert not LevelKompetensi.objects.filter(arti="").exists()
    assert _k("SK.1").nama == "Perekat Bangsa"


def test_the_kamus_loader_is_idempotent_and_keeps_an_admins_wording():
    from karier.development.refdata import load_kamus

    LevelKompetensi.objects.filter(kompetensi__kode="M.3", level=2).update(arti="Kata admin.")
    load_kamus(Kompetensi, LevelKompetensi)
    assert LevelKompetensi.objects.count() == 45
    assert LevelKompetensi.objects.get(kompetensi__kode="M.3", level=2).arti == "Kata admin."


def test_required_levels_default_by_kind_of_position_and_jenjang(org):
    required = selectors.required_for_jabatan(
        [(j.pk, j.jenis, j.jenjang) for j in (org.jabatan["kadis"], org.jabatan["kasi1"], org.jabatan["pranata"])]
    )
    m1 = _k("M.1").pk
    assert required[org.jabatan["kadis"].pk][m1] == 4  # JPT Pratama
    assert required[org.jabatan["kasi1"].pk][m1] == 2  # Pengawas
    assert required[org.jabatan["pranata"].pk][m1] == 2  # Ahli Pertama
    assert len(required[org.jabatan["kadis"].pk]) == 9


def test_admin_overrides_a_standard_and_resets_it(org):
    admin = org.actor("admin")
    kasi = org.jabatan["kasi1"]
    assert services.standar_kompetensi_set(actor=admin, jabatan=kasi, kompetensi=_k("M.3"), level=4) == 4
    rows = {r.kompetensi.kode: r for r in selectors.standar_jabatan(kasi)}
    assert rows["M.3"].level == 4 and rows["M.3"].bawaan == 2 and rows["M.3"].diubah
    assert rows["M.3"].level_obj.level == 4 and rows["M.3"].level_obj.arti
    assert services.standar_kompetensi_set(actor=admin, jabatan=kasi, kompetensi=_k("M.3"), level=None) == 2
    assert not StandarKompetensiJabatan.objects.exists()
    assert AuditEvent.objects.filter(action="kompetensi.standar_jabatan").count() == 2


@pytest.mark.parametrize("key", ["kasi1", "kadis", "auditor", "staf1a"])
def test_only_bkd_admins_edit_standards(org, key):
    with pytest.raises(PermissionDenied):
        services.standar_kompetensi_set(
            actor=org.actor(key), jabatan=org.jabatan["kasi1"], kompetensi=_k("M.3"), level=3
        )


def test_level_outside_1_to_5_is_refused(org):
    with pytest.raises(ValidationError) as exc:
        services.standar_kompetensi_set(
            actor=org.actor("admin"), jabatan=org.jabatan["kasi1"], kompetensi=_k("M.3"), level=6
        )
    assert "level" in exc.value.message_dict
    assert not StandarKompetensiJabatan.objects.exists()


def test_technical_competency_is_added_and_required_only_where_set(org):
    admin = org.actor("admin")
    k = services.kompetensi_teknis_save(
        actor=admin, kode="t.tik.1", nama="Keamanan  Informasi", levels={1: "Mengenali phishing.", 3: "Mengelola."}
    )
    assert k.kode == "T.TIK.1" and k.nama == "Keamanan Informasi" and k.jenis == JenisKompetensi.TEKNIS
    assert LevelKompetensi.objects.filter(kompetensi=k).count() == 2
    pranata = org.jabatan["pranata"]
    assert k.pk not in selectors.required_for_jabatan([(pranata.pk, pranata.jenis, pranata.jenjang)])[pranata.pk]
    services.standar_kompetensi_set(actor=admin, jabatan=pranata, kompetensi=k, level=3)
    assert selectors.required_for_jabatan([(pranata.pk, pranata.jenis, pranata.jenjang)])[pranata.pk][k.pk] == 3


@pytest.mark.parametrize(
    ("kode", "nama", "levels", "field"),
    [
        ("M.9", "Apa", None, "kode"),
        ("T.TIK.1", "", None, "nama"),
        ("T.X", "Ok", {7: "x"}, "levels"),
    ],
)
def test_technical_competency_bad_input(org, kode, nama, levels, field):
    with pytest.raises(ValidationError) as exc:
        services.kompetensi_teknis_save(actor=org.actor("admin"), kode=kode, nama=nama, levels=levels)
    assert field in exc.value.message_dict
    assert not Kompetensi.objects.filter(jenis=JenisKompetensi.TEKNIS).exists()


def test_technical_code_must_be_unique_and_kamus_is_not_editable(org):
    admin = org.actor("admin")
    services.kompetensi_teknis_save(actor=admin, kode="T.A", nama="A")
    with pytest.raises(ValidationError):
        services.kompetensi_teknis_save(actor=admin, kode="T.A", nama="B")
    with pytest.raises(ValidationError):
        services.kompetensi_teknis_save(actor=admin, kode="T.B", nama="B", kompetensi=_k("M.1"))
    with pytest.raises(PermissionDenied):
        services.kompetensi_teknis_save(actor=org.actor("kasi1"), kode="T.C", nama="C")


# ---------------------------------------------------------------------------- assessments
def _record(org, actor_key, subject_key, sumber, **kw):
    args = {"level": 2, "tanggal": dt.date(2026, 3, 1), "kompetensi": _k("M.3")} | kw
    return services.penilaian_record(
        actor=org.actor(actor_key), pegawai=org.pegawai[subject_key], sumber=sumber, **args
    )


def test_superior_records_an_observation_with_evidence(org):
    f = SimpleUploadedFile("observasi.pdf", PDF, content_type="application/pdf")
    row = _record(org, "kasi1", "staf1a", SumberPenilaian.OBSERVASI_ATASAN, berkas=f, asesor="Kasi")
    assert row.level == 2 and row.sha256 and row.nama_berkas == "observasi.pdf"
    assert row.dicatat_oleh_id == org.users["kasi1"].pk
    assert AuditEvent.objects.filter(action="kompetensi.penilaian", object_id=str(row.pk)).exists()


def test_superior_agrees_a_self_assessment(org):
    row = _record(org, "kasi1", "staf1a", SumberPenilaian.MANDIRI_DISETUJUI, level=3)
    assert row.sumber == SumberPenilaian.MANDIRI_DISETUJUI


@pytest.mark.parametrize(
    ("actor", "subject", "sumber"),
    [
        ("staf1a", "staf1a", SumberPenilaian.MANDIRI_DISETUJUI),  # nobody about themselves
        ("staf1b", "staf1a", SumberPenilaian.OBSERVASI_ATASAN),  # a colleague
        ("kabid1", "staf1a", SumberPenilaian.OBSERVASI_ATASAN),  # two levels up, not the appraiser
        ("auditor", "staf1a", SumberPenilaian.OBSERVASI_ATASAN),
        ("admin", "staf1a", SumberPenilaian.OBSERVASI_ATASAN),  # admins record AC/uji, not observations
        ("kasi1", "staf1a", SumberPenilaian.ASSESSMENT_CENTER),  # the superior does not record AC results
    ],
)
def test_who_may_not_record(org, actor, subject, sumber):
    with pytest.raises(PermissionDenied):
        _record(org, actor, subject, sumber)
    assert not PenilaianKompetensi.objects.exists()


def test_admin_records_assessment_centre_and_uji(org):
    _record(org, "admin", "kasi1", SumberPenilaian.ASSESSMENT_CENTER, level=3)
    _record(org, "admin", "kasi1", SumberPenilaian.UJI_KOMPETENSI, level=4, kompetensi=_k("M.1"))
    assert PenilaianKompetensi.objects.filter(pegawai=org.pegawai["kasi1"]).count() == 2


def test_bad_assessment_input_writes_nothing(org):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as exc:
        _record(org, "kasi1", "staf1a", SumberPenilaian.OBSERVASI_ATASAN, level=0, tanggal=tomorrow)
    assert {"level", "tanggal"} <= set(exc.value.message_dict)
    with pytest.raises(ValidationError):
        _record(org, "kasi1", "staf1a", "LAIN")
    exe = SimpleUploadedFile("bukti.pdf", b"MZ\x90\x00rest", content_type="application/pdf")
    with pytest.raises(ValidationError) as exc:
        _record(org, "kasi1", "staf1a", SumberPenilaian.OBSERVASI_ATASAN, berkas=exe)
    assert "berkas" in exc.value.message_dict
    assert not PenilaianKompetensi.objects.exists()


def test_the_latest_assessment_is_in_force_and_history_is_kept(org):
    _record(org, "kasi1", "staf1a", SumberPenilaian.OBSERVASI_ATASAN, level=1, tanggal=dt.date(2025, 1, 1))
    _record(org, "admin", "staf1a", SumberPenilaian.ASSESSMENT_CENTER, level=3, tanggal=dt.date(2026, 1, 1))
    _record(org, "kasi1", "staf1a", SumberPenilaian.OBSERVASI_ATASAN, level=2, tanggal=dt.date(2025, 6, 1))
    staf = org.pegawai["staf1a"]
    assert selectors.current_levels([staf.pk])[staf.pk][_k("M.3").pk] == 3
    profil = selectors.profil(staf)
    row = next(b for b in profil.baris if b.kompetensi.kode == "M.3")
    assert [p.level for p in row.riwayat] == [3, 2, 1]
    assert row.disyaratkan == 1 and row.kesenjangan == 0


def test_jpm_is_computed_from_assessments_against_the_standard(org):
    admin = org.actor("admin")
    kasi = org.pegawai["kasi1"]  # Pengawas: level 2 in all nine
    for k in Kompetensi.objects.filter(jenis__in=[JenisKompetensi.MANAJERIAL, JenisKompetensi.SOSIOKULTURAL]):
        _record(
            org, "admin", "kasi1", SumberPenilaian.ASSESSMENT_CENTER, level=1 if k.kode == "M.3" else 2, kompetensi=k
        )
    skor = services.skor_potensi_hitung(actor=admin, pegawai=kasi)
    assert skor.jpm == Decimal("94.44")  # 17 of 18
    assert skor.komponen["M.3"] == [1, 2]
    with pytest.raises(PermissionDenied):
        services.skor_potensi_hitung(actor=org.actor("kabid1"), pegawai=kasi)
    with pytest.raises(ValidationError):
        services.skor_potensi_hitung(actor=admin, pegawai=org.pegawai["staf2"])  # never assessed
