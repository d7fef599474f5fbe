"""Final annual evaluations written straight into the tables, for the history and recognition tests
(the appraisal flow itself is tested in tests/appraisal)."""

from __future__ import annotations

import datetime as dt
from typing import Any


def annual_period(tahun: int) -> Any:
    from karier.appraisal.choices import JenisPeriode, StatusPeriode
    from karier.appraisal.models import PeriodePenilaian
    from karier.plans.models import TahunKinerja

    TahunKinerja.objects.get_or_create(tahun=tahun, defaults={"batas_penetapan_skp": dt.date(tahun, 1, 31)})
    periode, _ = PeriodePenilaian.objects.get_or_create(
        tahun_id=tahun,
        jenis=JenisPeriode.TAHUNAN,
        nomor=0,
        defaults={
            "nama": f"Tahunan {tahun}",
            "mulai": dt.date(tahun, 1, 1),
            "selesai": dt.date(tahun, 12, 31),
            "dibuka_pada": dt.date(tahun, 12, 1),
            "batas_pengisian": dt.date(tahun + 1, 1, 31),
            "status": StatusPeriode.DITUTUP,
        },
    )
    return periode


def final_evaluation(
    pegawai: Any,
    tahun: int,
    predikat: str = "Baik",
    *,
    hasil: str = "Sesuai Ekspektasi",
    perilaku: str = "Sesuai Ekspektasi",
    akhir: str = "",
    status: str = "FINAL",
    mulai: dt.date | None = None,
    selesai: dt.date | None = None,
) -> Any:
    from karier.appraisal.models import Evaluasi
    from karier.plans.models import Skp

    periode = annual_period(tahun)
    skp = Skp.objects.create(
        pegawai=pegawai,
        tahun_id=tahun,
        periode_mulai=mulai or dt.date(tahun, 1, 1),
        periode_selesai=selesai or dt.date(tahun, 12, 31),
        jabatan_id=pegawai.jabatan_id,
        unit_id=pegawai.unit_id,
        status="DISETUJUI",
    )
    return Evaluasi.objects.create(
        skp=skp,
        periode=periode,
        pegawai=pegawai,
        unit_id=pegawai.unit_id,
        jabatan_id=pegawai.jabatan_id,
        rating_hasil_kerja=hasil,
        rating_perilaku=perilaku,
        predikat=predikat,
        predikat_akhir=akhir,
        status=status,
    )
