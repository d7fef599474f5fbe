"""Helpers of the angka kredit tests: functional employees in the test organisation, predikat rows."""

from __future__ import annotations

from typing import Any

from karier.people import services as people_services
from karier.people.access import SYSTEM
from karier.people.models import JabatanFungsional
from karier.talent.models import PredikatTahunan, SumberPredikat
from tests.orgdata import Org


def jf(nama: str = "Pranata Komputer", jenjang: str = "Ahli Pertama") -> JabatanFungsional:
    row, _ = JabatanFungsional.objects.get_or_create(id=f"TEST-{jenjang}", defaults={"nama": nama, "jenjang": jenjang})
    return row


def make_functional(org: Org, n: int, *, golongan: int = 31, start: int = 0) -> list[Any]:
    """`n` more Pranata Komputer Ahli Pertama in Diskominfo (the org's `pranata` position, formasi raised)."""
    jab = org.jabatan["pranata"]
    if jab.jabatan_fungsional_id is None or jab.formasi < 500:
        jab.jabatan_fungsional = jf()
        jab.formasi = 500
        jab.save(update_fields=["jabatan_fungsional", "formasi"])
    return [org.add_pegawai(f"jf{start + i}", "pranata", golongan=golongan, user=False) for i in range(n)]


def predikat(pegawai: Any, tahun: int, value: str = "Baik", bulan: int = 12) -> PredikatTahunan:
    return PredikatTahunan.objects.create(
        pegawai=pegawai, tahun=tahun, predikat=value, bulan=bulan, sumber=SumberPredikat.IMPOR
    )


def set_golongan(pegawai: Any, golongan_id: int) -> None:
    from datetime import date

    from karier.people.models import Golongan

    people_services.golongan_record(
        actor=SYSTEM, pegawai=pegawai, golongan=Golongan.objects.get(pk=golongan_id), tmt=date(2026, 4, 1)
    )
    pegawai.refresh_from_db()
