"""Shapes of the succession API (issue #12 item 5)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ninja import Field, Schema

from karier.api.schemas import MAX_ID, In
from karier.people.choices import JenisJabatan, Jenjang, Pendidikan
from karier.talent.models import Kesiapan, StatusNominasi

TEXT = r"^[^\x00]*$"  # never NUL (PostgreSQL refuses it)


class SyaratKompetensiIn(In):
    kompetensi_id: int = Field(..., ge=1, le=MAX_ID)
    level: int = Field(..., ge=1, le=5)


class SyaratIn(In):
    jenis_jabatan: list[JenisJabatan] = Field(
        default_factory=list, max_length=7, description="Jenis jabatan asal yang diterima; kosong: semua."
    )
    jenjang_minimal: Jenjang | None = None
    golongan_minimal_id: int | None = Field(None, ge=1, le=MAX_ID, description="Id golongan (11–45).")
    pendidikan_minimal: Pendidikan | None = None
    masa_kerja_minimal: int = Field(0, ge=0, le=40, description="Tahun sejak TMT CPNS.")
    kompetensi: list[SyaratKompetensiIn] = Field(default_factory=list, max_length=30)
    catatan: str = Field("", max_length=2000, pattern=TEXT)


class KritikalIn(SyaratIn):
    jabatan_id: int = Field(..., ge=1, le=MAX_ID)


class SyaratKompetensiOut(Schema):
    kompetensi_id: int
    kode: str
    nama: str
    level: int


class PemangkuSuccessionOut(Schema):
    pegawai_id: int
    nama: str
    jenis: str = Field(..., description="DEFINITIF, PLT atau PLH.")
    usia_bup: int | None
    tanggal_pensiun: dt.date | None


class KritikalOut(Schema):
    id: int
    jabatan_id: int
    jabatan: str
    unit: str
    opd_id: int | None
    aktif: bool
    jenis_jabatan: list[str]
    jenjang_minimal: str
    golongan_minimal_id: int | None
    pendidikan_minimal: str
    masa_kerja_minimal: int
    kompetensi: list[SyaratKompetensiOut]
    catatan: str
    jumlah_kandidat: int
    siap_sekarang: int
    siap_1_2_tahun: int
    pemangku: PemangkuSuccessionOut | None
    berisiko: bool


class KesenjanganOut(Schema):
    kunci: str
    label: str
    disyaratkan: str
    tercatat: str
    wajib: bool
    kurang_level: int
    kompetensi_kode: str


class KandidatOut(Schema):
    peringkat: int
    pegawai_id: int
    nip: str
    nama: str
    jabatan: str
    kotak: int
    persen_kesesuaian: Decimal
    kesiapan: Kesiapan
    memenuhi_syarat: bool
    alasan: list[str] = Field(..., description="Syarat wajib yang tidak dipenuhi, dengan alasannya.")
    kesenjangan: list[KesenjanganOut]
    rekomendasi_url: str = Field(..., description="Halaman rekomendasi pengembangan pegawai ini.")
    dihitung_pada: dt.datetime


class KritikalFilter(In):
    opd_id: int | None = Field(None, ge=1, le=MAX_ID)
    q: str = Field("", max_length=100, pattern=TEXT)
    aktif: bool = True


class OpdFilter(In):
    opd_id: int | None = Field(None, ge=1, le=MAX_ID)


class NominasiSuksesiIn(In):
    pegawai_id: int = Field(..., ge=1, le=MAX_ID)
    alasan: str = Field(..., min_length=1, max_length=2000, pattern=TEXT)


class KeputusanIn(In):
    setuju: bool
    nomor_berita_acara: str = Field(..., min_length=1, max_length=80, pattern=TEXT)
    catatan: str = Field("", max_length=2000, pattern=TEXT)


class NominasiSuccessionOut(Schema):
    id: int
    jabatan_kritikal_id: int
    pegawai_id: int
    nama: str
    status: StatusNominasi
    alasan: str
    diusulkan_pada: dt.datetime
    nomor_berita_acara: str
    catatan_komite: str
    diputuskan_pada: dt.datetime | None
