"""API shapes of the paged "JP saya" lists and of level changes proposed by completed activities."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema

from karier.api.schemas import MAX_ID, In
from karier.development.catalogue.schemas import TEXT
from karier.development.models import StatusUsulanLevel


class CatatanQuery(In):
    tahun: int | None = Field(None, ge=2000, le=2100, description="Kosong: semua tahun.")


class PendaftaranSayaOut(Schema):
    id: int
    sesi_id: int
    kegiatan_id: int
    kegiatan: str
    mulai: dt.date
    selesai: dt.date
    status: str
    hadir: bool | None
    selesai_pada: dt.datetime | None


class UsulanLevelFilter(In):
    status: StatusUsulanLevel | None = None
    pegawai_id: int | None = Field(None, ge=1, le=MAX_ID)


class UsulanLevelOut(Schema):
    id: int
    pegawai_id: int
    pegawai_nama: str
    kompetensi_id: int
    kompetensi: str
    pendaftaran_id: int
    kegiatan_id: int
    kegiatan: str
    level_awal: int | None
    level_usulan: int
    status: str
    level_dikonfirmasi: int | None
    catatan_atasan: str
    penilaian_id: int | None
    dibuat_pada: dt.datetime
    diputus_pada: dt.datetime | None


class UsulanLevelPutusanIn(In):
    setuju: bool
    catatan: str = Field("", max_length=2000, pattern=TEXT)
    level: int | None = Field(None, ge=1, le=5, description="Kosong: level yang dinyatakan kegiatan.")
