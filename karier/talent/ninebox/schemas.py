"""Shapes of the 9-box API (issue #12 item 4)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any

from ninja import Field, Schema
from pydantic import BeforeValidator, StringConstraints

from karier.api.schemas import MAX_ID, In
from karier.people.schemas import NO_CONTROL_CHARS
from karier.talent.models.ninebox import MetodeKinerja


def _iso_only(value: object) -> object:
    """A date is an ISO string ("2026-03-01") or a date, never a number (pydantic's lax mode would
    read 0 as 1970-01-01)."""
    if not isinstance(value, str | dt.date):
        raise ValueError("Tanggal harus berupa teks ISO, misalnya 2026-03-01.")
    return value


IsoDate = Annotated[dt.date, BeforeValidator(_iso_only)]
# A number as JSON or as text ("85,5" the Indonesian way); the service reads and checks it (409).
Angka = Decimal | Annotated[str, StringConstraints(max_length=20)]
NamaKomponen = Annotated[str, StringConstraints(max_length=40)]


class CakupanQuery(In):
    tahun: int | None = Field(None, ge=1900, le=2200, description="Tahun penempatan (bawaan: tahun terakhir).")
    opd: int | None = Field(None, ge=1, le=MAX_ID, description="Id perangkat daerah.")
    unit: int | None = Field(None, ge=1, le=MAX_ID, description="Id unit kerja (beserta sub-unitnya).")


class TahunQueryNinebox(In):
    tahun: int | None = Field(None, ge=1900, le=2200)


class KotakOut(Schema):
    kotak: int
    nama: str
    kinerja: str
    potensial: str
    jumlah: int
    dikecualikan: int


class RincianOut(Schema):
    id: int
    nama: str
    jumlah: int
    kotak_7_9: int


class PetaOut(Schema):
    tahun: int
    cakupan: str
    opd_id: int | None
    unit_id: int | None
    total: int
    kotak: list[KotakOut]
    rincian: list[RincianOut]


class OrangKotakOut(Schema):
    pegawai_id: int
    nip: str
    nama: str
    jabatan: str | None
    unit: str | None
    opd: str | None
    kinerja: str
    potensial: str
    skor_potensial: Decimal
    dikecualikan: bool


class AturanRingkasOut(Schema):
    id: int
    kode: str
    versi: int
    nama: str
    regulasi: str


class PenempatanOut(Schema):
    id: int
    tahun: int
    kotak: int
    nama_kotak: str
    kinerja: str
    potensial: str
    skor_potensial: Decimal
    dikecualikan: bool
    alasan_pengecualian: list[str]
    rekomendasi: list[str]
    penjelasan: list[str]
    aturan: AturanRingkasOut
    masukan: dict[str, Any]
    dihitung_pada: dt.datetime


class RiwayatOut(Schema):
    tahun: int
    kotak: int
    nama_kotak: str


class PenempatanPegawaiOut(Schema):
    pegawai_id: int
    tahun: int | None
    penempatan: PenempatanOut | None
    alasan_belum: list[str]
    riwayat: list[RiwayatOut]


class PerpindahanOut(Schema):
    dari: int
    ke: int
    jumlah: int


class PerpindahanTahunOut(Schema):
    tahun: int
    dari_tahun: int
    naik: int
    turun: int
    tetap: int
    baru: int
    pindah: list[PerpindahanOut]
    tabel: list[list[int]] = Field(..., description="9×9: baris = kotak tahun sebelumnya, kolom = kotak tahun ini.")


class AturanOut(Schema):
    id: int
    kode: str
    versi: int
    nama: str
    regulasi: str
    metode_kinerja: str
    batas_tinggi: Decimal
    batas_menengah: Decimal
    bobot: dict[str, str]
    tahun_hukuman: int
    kesiapan_sekarang: Decimal
    kesiapan_1_2_tahun: Decimal
    opd_id: int | None
    berlaku_mulai: dt.date
    aktif: bool


class AturanIn(In):
    nama: str = Field(..., min_length=1, max_length=150, pattern=NO_CONTROL_CHARS)
    regulasi: str = Field(..., min_length=1, max_length=120, pattern=NO_CONTROL_CHARS)
    metode_kinerja: MetodeKinerja
    batas_tinggi: Angka = Field(..., description="0–100; di atas batas Menengah.")
    batas_menengah: Angka = Field(..., description="0–100; di bawah batas Tinggi.")
    bobot: dict[NamaKomponen, Angka] = Field(
        default_factory=dict, max_length=20, description="Komponen → bobot (tidak negatif, jumlah > 0); kosong: JPM."
    )
    tahun_hukuman: int = Field(2, ge=0, le=10)
    kesiapan_sekarang: Angka = Field(Decimal(100), description="0–100.")
    kesiapan_1_2_tahun: Angka = Field(Decimal(75), description="0–100; tidak di atas 'Siap sekarang'.")
    berlaku_mulai: IsoDate
    opd_id: int | None = Field(None, ge=1, le=MAX_ID)


class JenisHukumanOut(Schema):
    id: int
    nama: str
    tingkat: str


class HukumanQuery(In):
    q: str = Field("", max_length=100, pattern=NO_CONTROL_CHARS)
    opd: int | None = Field(None, ge=1, le=MAX_ID)
    tingkat: str = Field("", max_length=1, pattern=r"^[RSB]?$")
    jenis: int | None = Field(None, ge=1, le=1000)
    tahun: int | None = Field(None, ge=1950, le=2100)
    pegawai_id: int | None = Field(None, ge=1, le=MAX_ID)


class HukumanIn(In):
    pegawai_id: int = Field(..., ge=1, le=MAX_ID)
    jenis: int = Field(..., ge=1, le=1000, description="Id jenis hukuman SIASN (jenisHukuman).")
    nomor_sk: str = Field(..., max_length=80, pattern=NO_CONTROL_CHARS)
    tanggal_sk: IsoDate
    tmt_mulai: IsoDate
    tmt_selesai: IsoDate | None = None
    keterangan: str = Field("", max_length=2000)


class HukumanUbahIn(In):
    jenis: int = Field(..., ge=1, le=1000)
    nomor_sk: str = Field(..., max_length=80, pattern=NO_CONTROL_CHARS)
    tanggal_sk: IsoDate
    tmt_mulai: IsoDate
    tmt_selesai: IsoDate | None = None
    keterangan: str = Field("", max_length=2000)


class HukumanOut(Schema):
    id: int
    pegawai_id: int
    nip: str
    nama: str
    jenis: int
    nama_jenis: str
    tingkat: str
    nomor_sk: str
    tanggal_sk: dt.date
    tmt_mulai: dt.date
    tmt_selesai: dt.date | None
    keterangan: str
