"""API shapes of the calibration endpoints (unit result, calibration, finalisation, signatures,
objections, period close)."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema

from karier.api.schemas import MAX_ID, In, PageParams
from karier.appraisal.choices import PredikatChoice, PredikatOrganisasiChoice

TEKS_MAX = 4000


class HasilUnitIn(In):
    predikat: PredikatOrganisasiChoice = Field(..., description="Predikat kinerja organisasi unit.")
    alasan: str = Field(..., min_length=1, max_length=TEKS_MAX)


class HasilUnitOut(Schema):
    unit_id: int
    periode_id: int
    predikat: str
    alasan: str
    ditetapkan_pada: dt.datetime


class PindahIn(In):
    evaluasi_id: int = Field(..., ge=1, le=MAX_ID)
    ke: PredikatChoice = Field(..., description="Predikat tujuan.")
    alasan: str = Field(..., min_length=1, max_length=TEKS_MAX)


class FinalisasiIn(In):
    justifikasi: str = Field(
        "",
        max_length=TEKS_MAX,
        description="Wajib bila kurva dilanggar dan kebijakan tahun itu mengizinkan finalisasi dengan justifikasi.",
    )


class KalibrasiAlasanIn(In):
    alasan: str = Field(..., min_length=1, max_length=TEKS_MAX)


class KeberatanPutusanIn(In):
    diterima: bool
    keputusan: str = Field(..., min_length=1, max_length=TEKS_MAX)
    predikat_baru: PredikatChoice | None = Field(None, description="Wajib bila diterima.")


class TutupIn(In):
    periode_id: int = Field(..., ge=1, le=MAX_ID)
    opd_id: int | None = Field(
        None, ge=1, le=MAX_ID, description="Perangkat daerah; tanpa ini seluruh provinsi (hanya admin BKD)."
    )


class OrangKalibrasiOut(Schema):
    evaluasi_id: int
    pegawai_id: int
    nama: str
    jabatan: str
    rating_hasil_kerja: str
    rating_perilaku: str
    predikat: str
    predikat_akhir: str
    status: str


class KalibrasiOut(Schema):
    unit_id: int
    periode_id: int
    predikat_organisasi: str | None
    final: bool
    jumlah: dict[str, int] = Field(..., description='Per predikat akhir; kunci "" = belum dinilai.')
    batas: list[str]
    pelanggaran: list[str]
    pegawai: list[OrangKalibrasiOut]


class FinalisasiOut(Schema):
    unit_id: int
    periode_id: int
    status: str
    pelanggaran_kurva: list[str]
    justifikasi: str
    pada: dt.datetime | None


class EvaluasiStatusOut(Schema):
    id: int
    status: str
    versi: int
    predikat: str
    predikat_akhir: str
    ditandatangani_penilai_pada: dt.datetime | None
    ditandatangani_atasan_pada: dt.datetime | None
    final_pada: dt.datetime | None


class TandaTanganOut(Schema):
    ditandatangani: int


class KeberatanOut(Schema):
    id: int
    evaluasi_id: int
    pegawai: str
    periode: str
    alasan: str
    status: str
    diajukan_pada: dt.datetime
    keputusan: str
    predikat_baru: str
    diputus_pada: dt.datetime | None


class KeberatanParams(PageParams):
    peran: str = Field(
        "putus",
        pattern="^(putus|saya)$",
        description="`putus`: keberatan yang menunggu keputusan Anda; `saya`: keberatan Anda.",
    )
