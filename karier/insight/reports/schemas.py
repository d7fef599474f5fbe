"""Shapes of the reports API (issue #13 item 4)."""

from __future__ import annotations

from ninja import Field, Schema

from karier.api.schemas import In
from karier.insight.reports.selectors import default_year
from karier.insight.reports.services import TAHUN_MAX, TAHUN_MIN


class LaporanTahunParams(In):
    tahun: int = Field(
        default_factory=default_year, ge=TAHUN_MIN, le=TAHUN_MAX, description="Tahun kinerja (bawaan: tahun ini)."
    )


class LaporanMassalIn(In):
    tahun: int = Field(..., ge=TAHUN_MIN, le=TAHUN_MAX, description="Tahun kinerja dokumen yang dikumpulkan.")


class DokumenResmiOut(Schema):
    jenis: str = Field(..., description="skp, evaluasi, penetapan, perjanjian, pak atau idp.")
    label: str
    judul: str
    url: str = Field(..., description="Alamat PDF-nya di Karier (halaman, bukan API); aksesnya diperiksa di sana.")
    draf: bool


class DokumenPegawaiOut(Schema):
    pegawai_id: int
    tahun: int
    dokumen: list[DokumenResmiOut]
