"""Services: bad input is refused with a message in Bahasa Indonesia and nothing is written."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError

from karier.core.models import AuditEvent
from karier.people.access import SYSTEM
from karier.standards.choices import StatusPerjanjian
from karier.standards.models import (
    Indikator,
    NilaiIndikator,
    PerjanjianKinerja,
    Renstra,
    Rpjmd,
    SasaranRenstra,
    SasaranStrategis,
    StandarHasil,
    StandarJabatan,
    StandarPerilaku,
)
from karier.standards.services.indikator import indikator_create, nilai_indikator_set
from karier.standards.services.perjanjian import (
    perjanjian_baris_add,
    perjanjian_baris_delete,
    perjanjian_baris_update,
    perjanjian_create,
    perjanjian_reopen,
    perjanjian_sign,
)
from karier.standards.services.renstra import renstra_create, sasaran_renstra_create
from karier.standards.services.rpjmd import (
    misi_create,
    misi_delete,
    rpjmd_create,
    rpjmd_update,
    sasaran_create,
    sasaran_delete,
    tujuan_create,
)
from karier.standards.services.standar import (
    HasilData,
    PerilakuData,
    standar_copy,
    standar_hasil_add,
    standar_hasil_delete,
    standar_hasil_update,
    standar_perilaku_set,
)

pytestmark = pytest.mark.django_db


def _counts() -> dict[str, int]:
    models = [*apps.get_app_config("standards").get_models(), AuditEvent]
    return {m.__name__: m.objects.count() for m in models}


def refused(fn: Callable[[], Any], field: str, text: str) -> None:
    """Call, expect a ValidationError naming `field` with `text`, and no row written anywhere."""
    before = _counts()
    with pytest.raises(ValidationError) as info:
        fn()
    errors = info.value.message_dict
    assert field in errors, errors
    assert any(text in m for m in errors[field]), errors
    assert _counts() == before


def _ipm() -> Indikator:
    return Indikator.objects.get(kode="IKU-01")


def _dik(org: Any) -> Renstra:
    return Renstra.objects.get(opd=org.units["dik"])


def _hasil(**kw: Any) -> HasilData:
    base: dict[str, Any] = {
        "rhk": "Tersusunnya laporan",
        "indikator": "Jumlah laporan",
        "aspek": "KUANTITAS",
        "dimensi": "PRODUKTIVITAS",
        "target_angka": 12,
        "satuan": "laporan",
    }
    return HasilData(**(base | kw))


# ---------------------------------------------------------------------------- targets of position standards
@pytest.mark.parametrize(
    ("aspek", "angka", "field", "text"),
    [
        ("KUANTITAS", "dua belas", "target_angka", "Target harus berupa angka"),
        ("WAKTU", None, "target_angka", "memerlukan target berupa angka"),
        ("BIAYA", "", "target_angka", "memerlukan target berupa angka"),
        ("KUALITAS", None, "target_kualitatif", "angka atau uraian"),
    ],
)
def test_hasil_target_must_fit_the_aspect(seeded: Any, aspek: str, angka: Any, field: str, text: str) -> None:
    standar = StandarJabatan.objects.get(jabatan=seeded.jabatan["staf1"])
    refused(
        lambda: standar_hasil_add(actor=SYSTEM, jabatan=standar.jabatan, data=_hasil(aspek=aspek, target_angka=angka)),
        field,
        text,
    )


def test_hasil_other_bad_fields(seeded: Any) -> None:
    standar = StandarJabatan.objects.get(jabatan=seeded.jabatan["staf1"])
    refused(
        lambda: standar_hasil_add(actor=SYSTEM, jabatan=standar.jabatan, data=_hasil(rhk="  ")), "rhk", "wajib diisi"
    )
    refused(
        lambda: standar_hasil_add(actor=SYSTEM, jabatan=standar.jabatan, data=_hasil(dimensi="KESEHATAN")),
        "dimensi",
        "tidak dikenal",
    )
    refused(
        lambda: standar_hasil_add(actor=SYSTEM, jabatan=standar.jabatan, data=_hasil(satuan="")),
        "satuan",
        "Satuan wajib",
    )
    h = standar.hasil.first()
    assert h is not None
    refused(
        lambda: standar_hasil_update(actor=SYSTEM, hasil=h, aspek="WAKTU", target_angka="besok"),
        "target_angka",
        "harus berupa angka",
    )
    refused(lambda: standar_hasil_update(actor=SYSTEM, hasil=h, standar=None), "standar", "tidak dapat")


def test_hasil_add_update_delete_are_audited(seeded: Any) -> None:
    standar = StandarJabatan.objects.get(jabatan=seeded.jabatan["pranata"])
    h = standar_hasil_add(
        actor=seeded.actor("admin"),
        jabatan=standar.jabatan,
        data=_hasil(aspek="KUALITAS", target_angka=None, satuan="", target_kualitatif="tanpa revisi"),
    )
    assert h.urutan == standar.hasil.count()
    standar_hasil_update(actor=seeded.actor("admin"), hasil=h, target_angka="9,5", satuan="%")
    h.refresh_from_db()
    assert h.target_angka == Decimal("9.5")
    standar_hasil_delete(actor=seeded.actor("admin"), hasil=h)
    actions = list(
        AuditEvent.objects.filter(object_type="standards.standarhasil", object_id=str(h.pk)).values_list(
            "action", flat=True
        )
    )
    assert sorted(actions) == ["standar.hasil_add", "standar.hasil_delete", "standar.hasil_update"]


def test_perilaku_set_replaces_and_refuses_unknown_values(seeded: Any) -> None:
    standar = StandarJabatan.objects.get(jabatan=seeded.jabatan["staf1"])
    refused(
        lambda: standar_perilaku_set(
            actor=SYSTEM,
            jabatan=standar.jabatan,
            items=[PerilakuData("AKUNTABEL", "x"), PerilakuData("RAJIN", "y")],
        ),
        "perilaku.1.nilai",
        "tidak dikenal",
    )
    refused(
        lambda: standar_perilaku_set(
            actor=SYSTEM,
            jabatan=standar.jabatan,
            items=[PerilakuData("AKUNTABEL", "x"), PerilakuData("AKUNTABEL", "y")],
        ),
        "perilaku.1.nilai",
        "hanya sekali",
    )
    standar_perilaku_set(
        actor=SYSTEM,
        jabatan=standar.jabatan,
        items=[PerilakuData("LOYAL", "Menjaga rahasia data siswa."), PerilakuData("ADAPTIF", " ")],
    )
    assert list(standar.perilaku.values_list("nilai_id", "ekspektasi")) == [("LOYAL", "Menjaga rahasia data siswa.")]


def test_copy_to_many_positions_of_the_same_kind(seeded: Any) -> None:
    from karier.people import services as people

    org = seeded
    source = StandarJabatan.objects.get(jabatan=org.jabatan["pranata"])
    twins = [
        people.jabatan_create(
            actor=SYSTEM,
            data=people.JabatanData(
                unit=org.units["kominfo"],
                nama=f"Pranata Komputer Ahli Pertama {i}",
                jenis="FUNGSIONAL",
                jenjang="Ahli Pertama",
                atasan=org.jabatan["kadiskominfo"],
            ),
        )
        for i in range(3)
    ]
    n = standar_copy(actor=org.actor("admin"), jabatan=source.jabatan, jabatan_ids=[t.pk for t in twins])
    assert n == 3
    expected = sorted(source.hasil.values_list("rhk", "target_angka"))
    for t in twins:
        assert sorted(StandarHasil.objects.filter(standar__jabatan=t).values_list("rhk", "target_angka")) == expected
        assert StandarPerilaku.objects.filter(standar__jabatan=t).count() == source.perilaku.count()
    # applying again replaces (no duplicates)
    standar_copy(actor=SYSTEM, jabatan=source.jabatan, jabatan_ids=[twins[0].pk])
    assert StandarHasil.objects.filter(standar__jabatan=twins[0]).count() == len(expected)
    # other kinds, the source itself and unknown ids are refused, nothing written
    refused(
        lambda: standar_copy(actor=SYSTEM, jabatan=source.jabatan, jabatan_ids=[org.jabatan["staf1"].pk]),
        "jabatan_ids",
        "sejenis",
    )
    refused(
        lambda: standar_copy(actor=SYSTEM, jabatan=source.jabatan, jabatan_ids=[org.jabatan["pranata"].pk]),
        "jabatan_ids",
        "sumber",
    )
    refused(
        lambda: standar_copy(actor=SYSTEM, jabatan=source.jabatan, jabatan_ids=[10**9]),
        "jabatan_ids",
        "tidak ditemukan",
    )
    refused(lambda: standar_copy(actor=SYSTEM, jabatan=source.jabatan, jabatan_ids=[]), "jabatan_ids", "minimal")


def test_copy_to_is_set_based(seeded: Any) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from karier.people.models import Jabatan

    org = seeded
    source = StandarJabatan.objects.get(jabatan=org.jabatan["pranata"])
    base = org.jabatan["pranata"]
    Jabatan.objects.bulk_create(
        [
            Jabatan(
                unit=base.unit,
                nama=f"Pranata Komputer Ahli Pertama {i}",
                jenis="FUNGSIONAL",
                jenjang="Ahli Pertama",
                atasan=base.atasan,
                path=f"{base.atasan.path}x{i}/",
            )
            for i in range(160)
        ]
    )
    ids = list(Jabatan.objects.filter(nama__startswith="Pranata Komputer Ahli Pertama ").values_list("pk", flat=True))
    counts = []
    for part in (ids[:10], ids[10:]):
        with CaptureQueriesContext(connection) as ctx:
            standar_copy(actor=SYSTEM, jabatan=source.jabatan, jabatan_ids=part)
        counts.append(len(ctx.captured_queries))
    # Bulk statements in batches (SQLite caps the parameters of one statement): the count grows with
    # the batches, never with the positions — a loop over 150 positions would need 150+ queries.
    assert counts[1] < 40, counts
    assert StandarJabatan.objects.filter(jabatan_id__in=ids).count() == 160


# ---------------------------------------------------------------------------- RPJMD, indicators
def test_rpjmd_and_indicator_bad_input(seeded: Any) -> None:
    org = seeded
    refused(
        lambda: rpjmd_create(actor=SYSTEM, instansi=org.instansi, tahun_mulai=2026, tahun_selesai=2021, visi="x"),
        "tahun_selesai",
        "sesudah tahun mulai",
    )
    refused(
        lambda: rpjmd_create(actor=SYSTEM, instansi=org.instansi, tahun_mulai=2021, tahun_selesai=2026, visi="Lain"),
        "tahun_mulai",
        "sudah ada",
    )
    rpjmd = Rpjmd.objects.get()
    refused(lambda: rpjmd_update(actor=SYSTEM, rpjmd=rpjmd, visi=""), "visi", "wajib diisi")
    sasaran = SasaranStrategis.objects.first()
    refused(
        lambda: indikator_create(actor=SYSTEM, sasaran=sasaran, nama="Indeks X", satuan="", baseline="banyak"),
        "baseline",
        "harus berupa angka",
    )
    refused(lambda: indikator_create(actor=SYSTEM, nama="Indeks X", satuan="poin"), "sasaran", "tepat satu")
    ipm = _ipm()
    refused(
        lambda: nilai_indikator_set(actor=SYSTEM, indikator=ipm, tahun=2024, target="tujuh puluh"),
        "target",
        "harus berupa angka",
    )
    refused(lambda: nilai_indikator_set(actor=SYSTEM, indikator=ipm, tahun=1800, target=70), "tahun", "antara")
    refused(lambda: nilai_indikator_set(actor=SYSTEM, indikator=ipm, tahun=2027), "target", "Isi target")


def test_agency_indicator_parent_must_be_a_province_indicator(seeded: Any) -> None:
    s = _dik(seeded).sasaran.get()
    agency = Indikator.objects.filter(sasaran_renstra=s).first()
    refused(
        lambda: indikator_create(actor=SYSTEM, sasaran_renstra=s, nama="X", satuan="%", induk=agency),
        "induk",
        "provinsi",
    )
    refused(
        lambda: indikator_create(actor=SYSTEM, sasaran=_ipm().sasaran, nama="X", satuan="%", induk=_ipm()),
        "induk",
        "tidak mempunyai",
    )
    ok = indikator_create(actor=SYSTEM, sasaran_renstra=s, nama="Angka partisipasi murni SMA", satuan="%", induk=_ipm())
    assert ok.induk == _ipm()


def test_nilai_set_upserts_by_year(seeded: Any) -> None:
    ipm = _ipm()
    n = NilaiIndikator.objects.count()
    v = nilai_indikator_set(
        actor=SYSTEM, indikator=ipm, tahun=2025, target="75,5", realisasi=75.68, metode="BPS baru (2023)"
    )
    assert NilaiIndikator.objects.count() == n
    assert (v.target, v.realisasi) == (Decimal("75.5"), Decimal("75.68"))


def test_blocked_deletes_explain_why(seeded: Any) -> None:
    ipm_sasaran = _ipm().sasaran
    refused(lambda: sasaran_delete(actor=SYSTEM, sasaran=ipm_sasaran), "__all__", "masih didukung")
    refused(lambda: misi_delete(actor=SYSTEM, misi=ipm_sasaran.tujuan.misi), "__all__", "masih didukung")


# ---------------------------------------------------------------------------- Renstra
def test_renstra_sasaran_must_serve_the_same_rpjmd(seeded: Any) -> None:
    org = seeded
    other = rpjmd_create(actor=SYSTEM, instansi=org.instansi, tahun_mulai=2025, tahun_selesai=2029, visi="Visi baru")
    misi = misi_create(actor=SYSTEM, rpjmd=other, nomor=1, teks="Misi")
    tujuan = tujuan_create(actor=SYSTEM, misi=misi, nomor=1, teks="Tujuan")
    foreign = sasaran_create(actor=SYSTEM, tujuan=tujuan, nomor=1, teks="Sasaran lain")
    refused(
        lambda: sasaran_renstra_create(actor=SYSTEM, renstra=_dik(org), sasaran_rpjmd=foreign, nomor=2, teks="Sasaran"),
        "sasaran_rpjmd",
        "RPJMD yang sama",
    )
    refused(
        lambda: renstra_create(actor=SYSTEM, opd=org.units["dik"], rpjmd=_dik(org).rpjmd),
        "opd",
        "sudah mempunyai",
    )
    refused(lambda: renstra_create(actor=SYSTEM, opd=org.units["dik_b1"], rpjmd=other), "opd", "unit teratas")
    refused(
        lambda: renstra_create(actor=SYSTEM, opd=org.units["dik"], rpjmd=other, tahun_mulai=2020),
        "tahun_mulai",
        "di dalam periode",
    )


# ---------------------------------------------------------------------------- Perjanjian Kinerja
def test_signed_agreement_is_read_only_until_reopened_with_a_reason(seeded: Any) -> None:
    org = seeded
    pk = PerjanjianKinerja.objects.get(opd=org.units["dik"])
    assert pk.status == StatusPerjanjian.DITANDATANGANI
    row = pk.rows.first()
    assert row is not None
    s = row.sasaran
    i = row.indikator
    refused(
        lambda: perjanjian_baris_add(actor=SYSTEM, perjanjian=pk, sasaran=s, indikator=i, target=1),
        "__all__",
        "sudah ditandatangani",
    )
    refused(lambda: perjanjian_baris_update(actor=SYSTEM, row=row, target=2), "__all__", "sudah ditandatangani")
    refused(lambda: perjanjian_baris_delete(actor=SYSTEM, row=row), "__all__", "sudah ditandatangani")
    refused(lambda: perjanjian_sign(actor=SYSTEM, perjanjian=pk), "status", "sudah ditandatangani")
    refused(lambda: perjanjian_reopen(actor=SYSTEM, perjanjian=pk, alasan=" "), "alasan", "wajib diisi")
    perjanjian_reopen(actor=org.actor("kadis"), perjanjian=pk, alasan="Target RLS direvisi Bappeda.")
    assert pk.status == StatusPerjanjian.DRAFT
    reopen = AuditEvent.objects.get(action="perjanjian.reopen", object_id=str(pk.pk))
    assert reopen.changes["alasan"] == [None, "Target RLS direvisi Bappeda."]
    perjanjian_baris_update(actor=SYSTEM, row=row, target="9,4")
    refused(lambda: perjanjian_baris_update(actor=SYSTEM, row=row, target="sembilan"), "target", "harus berupa angka")
    refused(
        lambda: perjanjian_baris_update(actor=SYSTEM, row=row, target=None, target_kualitatif=""),
        "target",
        "angka atau uraian",
    )
    perjanjian_sign(actor=org.actor("kadis"), perjanjian=pk)
    pk.refresh_from_db()
    assert pk.status == StatusPerjanjian.DITANDATANGANI and pk.ditandatangani_pada is not None


def test_agreement_rows_come_from_the_agency_own_renstra(seeded: Any) -> None:
    org = seeded
    new = perjanjian_create(actor=SYSTEM, opd=org.units["dik"], tahun=2025)
    kominfo = Indikator.objects.get(nama="Indeks SPBE")
    dik_sasaran = _dik(org).sasaran.get()
    refused(
        lambda: perjanjian_baris_add(
            actor=SYSTEM, perjanjian=new, sasaran=kominfo.sasaran_renstra, indikator=kominfo, target=3
        ),
        "sasaran",
        "perangkat daerah ini",
    )
    refused(
        lambda: perjanjian_baris_add(actor=SYSTEM, perjanjian=new, sasaran=dik_sasaran, indikator=kominfo, target=3),
        "indikator",
        "sasaran yang dipilih",
    )
    refused(lambda: perjanjian_sign(actor=SYSTEM, perjanjian=new), "__all__", "minimal satu")
    refused(lambda: perjanjian_create(actor=SYSTEM, opd=org.units["dik"], tahun=2025), "tahun", "sudah ada")
    later = perjanjian_create(actor=SYSTEM, opd=org.units["dik"], tahun=2027)
    refused(
        lambda: perjanjian_baris_add(
            actor=SYSTEM, perjanjian=later, sasaran=dik_sasaran, indikator=dik_sasaran.indikator.first(), target=3
        ),
        "sasaran",
        "tidak berlaku",
    )
    assert SasaranRenstra.objects.filter(pk=dik_sasaran.pk).exists()
