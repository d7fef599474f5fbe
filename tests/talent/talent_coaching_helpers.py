"""Rows written straight into the tables for the coaching tests: periodic evaluations with realisations,
annual predikat and 9-box placements (the flows that make them are tested in their own areas)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone


def tahun_kinerja(tahun: int) -> None:
    from karier.plans.models import TahunKinerja

    TahunKinerja.objects.get_or_create(tahun=tahun, defaults={"batas_penetapan_skp": dt.date(tahun, 1, 31)})


def triwulan(tahun: int, nomor: int) -> Any:
    from karier.appraisal.models import PeriodePenilaian

    tahun_kinerja(tahun)
    mulai = dt.date(tahun, 3 * nomor - 2, 1)
    selesai = dt.date(tahun, 3 * nomor, 30 if nomor in (2, 3) else 31)
    periode, _ = PeriodePenilaian.objects.get_or_create(
        tahun_id=tahun,
        jenis="TRIWULAN",
        nomor=nomor,
        defaults={
            "nama": f"Triwulan {nomor}",
            "mulai": mulai,
            "selesai": selesai,
            "dibuka_pada": selesai,
            "batas_pengisian": selesai + dt.timedelta(days=10),
            "status": "DITUTUP",
        },
    )
    return periode


def skp(pegawai: Any, tahun: int, targets: dict[str, tuple[str, str]] | None = None) -> tuple[Any, dict[str, Any]]:
    """An approved plan with IKIs {name: (aspek, target)}; returns (skp, {name: iki})."""
    from karier.plans.models import IndikatorKinerjaIndividu, RencanaHasilKerja, Skp

    tahun_kinerja(tahun)
    s = Skp.objects.create(
        pegawai=pegawai,
        tahun_id=tahun,
        periode_mulai=dt.date(tahun, 1, 1),
        periode_selesai=dt.date(tahun, 12, 31),
        jabatan_id=pegawai.jabatan_id,
        unit_id=pegawai.unit_id,
        status="DISETUJUI",
    )
    rhk = RencanaHasilKerja.objects.create(skp=s, teks="Laporan")
    iki = {}
    for n, (name, (aspek, target)) in enumerate((targets or {}).items(), 1):
        iki[name] = IndikatorKinerjaIndividu.objects.create(
            rhk=rhk, urutan=n, aspek=aspek, indikator=name, target_angka=Decimal(target)
        )
    return s, iki


def periodic(pegawai: Any, tahun: int, nomor: int, predikat: str = "", skp_row: Any = None, akhir: str = "") -> Any:
    from karier.appraisal.models import Evaluasi
    from karier.plans.models import Skp

    s = skp_row or Skp.objects.filter(pegawai=pegawai, tahun_id=tahun).first() or skp(pegawai, tahun)[0]
    return Evaluasi.objects.create(
        skp=s,
        periode=triwulan(tahun, nomor),
        pegawai=pegawai,
        unit_id=pegawai.unit_id,
        jabatan_id=pegawai.jabatan_id,
        predikat=predikat,
        predikat_akhir=akhir,
        status="DINILAI" if predikat else "DRAFT",
    )


def realisasi(evaluasi: Any, iki: Any, value: str | None) -> Any:
    from karier.appraisal.models import Realisasi

    return Realisasi.objects.create(
        evaluasi=evaluasi, iki=iki, realisasi_angka=None if value is None else Decimal(value)
    )


def annual(pegawai: Any, tahun: int, predikat: str) -> Any:
    from karier.talent.models import PredikatTahunan

    return PredikatTahunan.objects.create(pegawai=pegawai, tahun=tahun, predikat=predikat, sumber="IMPOR")


def box(pegawai: Any, tahun: int, kotak: int) -> Any:
    from karier.talent.models import AturanTalenta, PenempatanTalenta

    return PenempatanTalenta.objects.create(
        pegawai=pegawai,
        tahun=tahun,
        aturan=AturanTalenta.objects.first(),
        kinerja="Menengah",
        potensial="Menengah",
        kotak=kotak,
        skor_potensial=Decimal("70"),
        dihitung_pada=timezone.now(),
    )
