"""Shapes of the recognition API (issue #12 item 8)."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema

from karier.api.schemas import MAX_ID, In


class ApresiasiIn(In):
    penerima_id: int = Field(..., ge=1, le=MAX_ID, description="Pegawai penerima.")
    teks: str = Field(..., min_length=1, max_length=500, description="Apresiasi singkat (≤ 500 karakter).")
    nilai: str | None = Field(None, max_length=30, description="Kode nilai BerAKHLAK, mis. BERORIENTASI_PELAYANAN.")
    rhk_id: int | None = Field(None, ge=1, le=MAX_ID, description="RHK penerima yang diapresiasi.")


class SembunyikanIn(In):
    alasan: str = Field("", max_length=2000)


class ApresiasiOut(Schema):
    id: int
    penerima_id: int
    penerima: str
    pemberi_id: int
    pemberi: str
    nilai: str | None
    nilai_nama: str | None
    rhk_id: int | None
    teks: str
    disembunyikan: bool
    dibuat_pada: dt.datetime


class ApresiasiFilter(In):
    penerima_id: int | None = Field(None, ge=1, le=MAX_ID)
    opd_id: int | None = Field(None, ge=1, le=MAX_ID, description="Perangkat daerah penerima.")
    nilai: str = Field("", max_length=30, description="Kode nilai BerAKHLAK.")


class InovasiIn(In):
    pegawai_id: int | None = Field(None, ge=1, le=MAX_ID, description="Kosong: diri sendiri; atasan: anggota tim.")
    judul: str = Field(..., min_length=1, max_length=200)
    uraian: str = Field(..., min_length=1, max_length=5000)
    hasil: str = Field("", max_length=5000)
    rhk_id: int | None = Field(None, ge=1, le=MAX_ID)
    tanggal: dt.date


class InovasiOut(Schema):
    id: int
    pegawai_id: int
    pegawai: str
    judul: str
    uraian: str
    hasil: str
    rhk_id: int | None
    tanggal: dt.date
    status: str = Field(..., description="DICATAT atau DIVERIFIKASI.")


class InovasiFilter(In):
    pegawai_id: int | None = Field(None, ge=1, le=MAX_ID)
    status: str = Field("", pattern=r"^(|DICATAT|DIVERIFIKASI)$")
    untuk_verifikasi: bool = Field(False, description="Hanya inovasi tim langsung yang dapat Anda verifikasi.")


class PenghargaanOut(Schema):
    id: int
    pegawai_id: int
    pegawai: str
    nip: str
    tahun: int
    alasan: list[str]
    status: str = Field(..., description="DIUSULKAN, DITERUSKAN atau DITOLAK.")
    catatan: str
    diputuskan_pada: dt.datetime | None


class PenghargaanFilter(In):
    tahun: int | None = Field(None, ge=1990, le=2100)
    status: str = Field("", pattern=r"^(|DIUSULKAN|DITERUSKAN|DITOLAK)$")
    opd_id: int | None = Field(None, ge=1, le=MAX_ID)


class PenghargaanKeputusanIn(In):
    teruskan: bool
    catatan: str = Field("", max_length=2000)


class RekognisiOut(Schema):
    pegawai_id: int
    apresiasi: list[ApresiasiOut]
    jumlah_apresiasi: int
    inovasi: list[InovasiOut]
    jumlah_inovasi: int
    inovasi_terverifikasi: int
    usulan: list[PenghargaanOut]
