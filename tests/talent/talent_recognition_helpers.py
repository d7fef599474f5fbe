"""An RHK of a person's plan, written straight into the tables (plans are tested in tests/plans)."""

from __future__ import annotations

from typing import Any


def rhk_for(pegawai: Any, tahun: int = 2026, teks: str = "Kurikulum merdeka diterapkan") -> Any:
    from karier.plans.models import RencanaHasilKerja, Skp
    from tests.talent.talent_history_helpers import annual_period

    annual_period(tahun)
    skp = Skp.objects.filter(pegawai=pegawai, tahun_id=tahun).first()
    if skp is None:
        import datetime as dt

        skp = Skp.objects.create(
            pegawai=pegawai,
            tahun_id=tahun,
            periode_mulai=dt.date(tahun, 1, 1),
            periode_selesai=dt.date(tahun, 12, 31),
            jabatan_id=pegawai.jabatan_id,
            unit_id=pegawai.unit_id,
        )
    return RencanaHasilKerja.objects.create(skp=skp, teks=teks)
