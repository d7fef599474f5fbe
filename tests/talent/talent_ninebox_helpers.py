"""Inputs of the 9-box written straight into the tables (predikat history, assessments, sanctions),
for the ninebox tests; the flows that normally write them are tested in their own areas."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

DI_ATAS, SESUAI, DI_BAWAH = "Di Atas Ekspektasi", "Sesuai Ekspektasi", "Di Bawah Ekspektasi"
PREDIKAT = {DI_ATAS: "Sangat Baik", SESUAI: "Baik", DI_BAWAH: "Butuh Perbaikan"}


def rating(pegawai: Any, tahun: int, value: str) -> Any:
    from karier.talent.models import PredikatTahunan, SumberPredikat

    row, _ = PredikatTahunan.objects.update_or_create(
        pegawai=pegawai,
        tahun=tahun,
        defaults={"predikat": PREDIKAT[value], "rating_hasil_kerja": value, "sumber": SumberPredikat.IMPOR},
    )
    return row


def jpm(pegawai: Any, value: float | str, *, tanggal: dt.date | None = None, komponen: dict | None = None) -> Any:
    from karier.development.models import SkorPotensi

    return SkorPotensi.objects.create(
        pegawai=pegawai,
        tanggal=tanggal or dt.date(2025, 6, 1),
        jpm=Decimal(str(value)),
        komponen=komponen if komponen is not None else {"INT": [3, 3]},
        sumber="ASSESSMENT_CENTER",
    )


def sanction(pegawai: Any, jenis: int, tmt: dt.date, tingkat: str | None = None) -> Any:
    from karier.talent.models import HukumanDisiplin
    from karier.talent.ninebox import jenis as kinds

    kind = kinds.get(jenis)
    assert kind is not None
    return HukumanDisiplin.objects.create(
        pegawai=pegawai,
        jenis=jenis,
        tingkat=tingkat or kind.tingkat,
        nomor_sk=f"800/{jenis}/BKD/{tmt.year}",
        tanggal_sk=tmt,
        tmt_mulai=tmt,
    )


def use_ruleset(kode: str = "PERMENPANRB-3-2020", opd: Any = None, **values: Any) -> Any:
    """Make `kode` (v1, or a new version with `values`) the active rule set of its scope."""
    from karier.talent.models import AturanTalenta

    base = AturanTalenta.objects.filter(kode=kode).order_by("versi").first()
    assert base is not None
    if values or opd is not None:
        from django.db.models import Max

        versi = (AturanTalenta.objects.filter(kode=kode).aggregate(m=Max("versi"))["m"] or 0) + 1
        fields = {
            f.name: getattr(base, f.name)
            for f in AturanTalenta._meta.concrete_fields
            if f.name not in {"id", "versi", "dibuat_pada", "opd", "dibuat_oleh"}
        }
        fields.update(values)
        base = AturanTalenta.objects.create(**{**fields, "versi": versi, "opd": opd})
    AturanTalenta.objects.filter(opd=opd).update(aktif=False)
    AturanTalenta.objects.filter(pk=base.pk).update(aktif=True)
    base.refresh_from_db()
    return base
