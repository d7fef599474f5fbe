"""`karier seed_standards` on the small organisation: complete, deterministic, idempotent."""

from __future__ import annotations

from decimal import Decimal
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from karier.standards.choices import StatusPerjanjian
from karier.standards.models import (
    Indikator,
    NilaiIndikator,
    PerjanjianKinerja,
    Renstra,
    Rpjmd,
    StandarHasil,
    StandarJabatan,
    StandarPerilaku,
)

pytestmark = pytest.mark.django_db


def _counts() -> dict[str, int]:
    return {
        m.__name__: m.objects.count()
        for m in (
            Rpjmd,
            Indikator,
            NilaiIndikator,
            Renstra,
            PerjanjianKinerja,
            StandarJabatan,
            StandarHasil,
            StandarPerilaku,
        )
    }


def test_seed_builds_everything(org: Any) -> None:
    out = StringIO()
    call_command("seed_standards", stdout=out)
    assert "Selesai" in out.getvalue()
    rpjmd = Rpjmd.objects.get()
    assert rpjmd.visi == "Bengkulu Maju, Sejahtera dan Hebat"
    assert (rpjmd.tahun_mulai, rpjmd.tahun_selesai) == (2021, 2026)
    ipm = Indikator.objects.get(nama__startswith="Indeks Pembangunan Manusia")
    assert ipm.satuan == "poin" and "2023" in ipm.catatan_metode
    values = {v.tahun: v for v in ipm.nilai.all()}
    assert [y for y in values if values[y].realisasi is not None] == list(range(2018, 2026))
    assert str(values[2022].realisasi.normalize()) == "72.16" and values[2022].metode == "BPS lama"
    assert str(values[2023].realisasi.normalize()) == "74.3" and values[2023].metode == "BPS baru (2023)"
    assert all(values[y].target is not None for y in range(2021, 2027))
    assert Indikator.objects.filter(sasaran__isnull=False).count() >= 4
    # every agency has a Renstra and a signed PK 2026
    assert Renstra.objects.count() == 3
    assert set(PerjanjianKinerja.objects.values_list("status", "tahun")) == {(StatusPerjanjian.DITANDATANGANI, 2026)}
    assert PerjanjianKinerja.objects.count() == 3
    dik = Renstra.objects.get(opd=org.units["dik"])
    sasaran = dik.sasaran.get()
    assert sasaran.teks == "Meningkatnya akses dan mutu pendidikan menengah."
    assert sasaran.sasaran_rpjmd == ipm.sasaran
    names = set(Indikator.objects.filter(sasaran_renstra=sasaran).values_list("nama", "induk_id"))
    assert {n for n, _ in names} >= {"Harapan lama sekolah", "Rata-rata lama sekolah penduduk usia 25 tahun ke atas"}
    assert {i for _, i in names} == {ipm.pk}
    assert Indikator.objects.filter(nama="Indeks SPBE", sasaran_renstra__renstra__opd=org.units["kominfo"]).exists()
    # every position has a standard with explained rows in all three dimensions
    assert StandarJabatan.objects.count() == len(org.jabatan)
    for standar in StandarJabatan.objects.all():
        dims = set(standar.hasil.values_list("dimensi", flat=True))
        assert dims == {"PRODUKTIVITAS", "KOMPETENSI", "INTEGRITAS"}, standar
        assert not standar.hasil.filter(penjelasan="").exists()
        assert standar.perilaku.exists()
    kadis = StandarHasil.objects.get(
        standar__jabatan=org.jabatan["kadis"], rhk="Meningkatnya rata-rata lama sekolah penduduk usia 15+"
    )
    assert (kadis.target_angka, kadis.satuan, kadis.aspek) == (Decimal("9.3"), "tahun", "KUANTITAS")
    assert kadis.indikator_opd is not None
    pranata = StandarHasil.objects.get(
        standar__jabatan=org.jabatan["pranata"], rhk="Tersedianya layanan aplikasi yang andal"
    )
    assert (pranata.indikator, pranata.target_angka, pranata.satuan) == (
        "Persentase ketersediaan layanan (uptime)",
        Decimal(99),
        "%",
    )


def test_seed_is_idempotent_and_reset_rebuilds(org: Any) -> None:
    call_command("seed_standards", verbosity=0)
    first = _counts()
    call_command("seed_standards", verbosity=0)
    assert _counts() == first
    call_command("seed_standards", "--reset", verbosity=0)
    assert _counts() == first


def test_seed_fills_only_new_positions(org: Any) -> None:
    from karier.people import services as people
    from karier.people.access import SYSTEM

    call_command("seed_standards", verbosity=0)
    before = StandarJabatan.objects.count()
    j = people.jabatan_create(
        actor=SYSTEM,
        data=people.JabatanData(
            unit=org.units["kominfo"],
            nama="Pranata Komputer Ahli Muda",
            jenis="FUNGSIONAL",
            jenjang="Ahli Muda",
            atasan=org.jabatan["kadiskominfo"],
        ),
    )
    call_command("seed_standards", verbosity=0)
    assert StandarJabatan.objects.count() == before + 1
    assert StandarHasil.objects.filter(standar__jabatan=j, rhk="Tersedianya layanan aplikasi yang andal").exists()


def test_seed_without_the_people_demo_builds_the_province_plan_only(db: Any) -> None:
    call_command("seed_standards", verbosity=0)
    assert Rpjmd.objects.count() == 1
    assert Renstra.objects.count() == StandarJabatan.objects.count() == 0
