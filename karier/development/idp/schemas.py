"""API shapes of the development plan (IDP). JP accepts a number or Indonesian text ("12,5"); the
service answers 409 in Bahasa Indonesia when it is out of range."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ninja import Field, Schema

from karier.api.schemas import MAX_ID, In
from karier.development.models import MetodePengembangan, StatusRencana
from karier.people.schemas import NO_CONTROL_CHARS

TEXT = r"^[^\x00]*$"


class RencanaQuery(In):
    tahun: int | None = Field(None, ge=2000, le=2100)
    status: StatusRencana | None = None
    pegawai_id: int | None = Field(None, ge=1, le=MAX_ID)


class RencanaIn(In):
    tahun: int | None = Field(None, ge=2000, le=2100, description="Kosong: tahun berjalan.")
    pegawai_id: int | None = Field(None, ge=1, le=MAX_ID, description="Kosong: diri sendiri (admin BKD: siapa saja).")


class ItemIn(In):
    kegiatan_id: int | None = Field(
        None, ge=1, le=MAX_ID, description="Kegiatan katalog; kosong: pengembangan mandiri."
    )
    sesi_id: int | None = Field(None, ge=1, le=MAX_ID)
    judul: str = Field("", max_length=200, pattern=NO_CONTROL_CHARS)
    metode: MetodePengembangan | None = None
    penyelenggara: str = Field("", max_length=200, pattern=NO_CONTROL_CHARS)
    jp: Decimal | str | None = Field(None, description="JP direncanakan (pengembangan mandiri), 0–200.")
    kebutuhan_kode: str = Field(
        "",
        max_length=80,
        pattern=NO_CONTROL_CHARS,
        description="Kode kebutuhan (kompetensi:M.3, predikat, perilaku, rhk); kosong: otomatis; '-': tanpa.",
    )
    target_bulan: int | None = Field(None, ge=1, le=12)
    catatan: str = Field("", max_length=2000, pattern=TEXT)


class TambahIn(In):
    kegiatan_id: int = Field(..., ge=1, le=MAX_ID)
    kompetensi_kode: str = Field("", max_length=40, pattern=NO_CONTROL_CHARS)
    sesi_id: int | None = Field(None, ge=1, le=MAX_ID)


class AjukanIn(In):
    catatan: str = Field("", max_length=2000, pattern=TEXT)


class PutusanIn(In):
    setuju: bool
    catatan: str = Field("", max_length=2000, pattern=TEXT)


class DaftarItemIn(In):
    sesi_id: int | None = Field(None, ge=1, le=MAX_ID, description="Kosong: sesi yang dipilih pada kegiatan.")


class ItemOut(Schema):
    id: int
    kegiatan_id: int | None
    kegiatan_nama: str
    sesi_id: int | None
    judul: str
    metode: str
    penyelenggara: str
    jp_rencana: Decimal | None
    kebutuhan_kode: str
    kebutuhan_jenis: str
    kebutuhan_judul: str
    kompetensi_kode: str | None
    level_dari: int | None
    level_ke: int | None
    tanpa_kesenjangan: bool
    target_bulan: int | None
    catatan: str
    pendaftaran_id: int | None
    mandiri_id: int | None
    pelaksanaan: str
    pelaksanaan_label: str
    jp_tercatat: Decimal | None


class RencanaOut(Schema):
    id: int
    pegawai_id: int
    pegawai_nama: str
    tahun: int
    status: str
    catatan: str
    catatan_atasan: str
    diajukan_pada: dt.datetime | None
    diputuskan_pada: dt.datetime | None
    jumlah_item: int
    jumlah_tanpa_kesenjangan: int


class RencanaDetailOut(RencanaOut):
    item: list[ItemOut]
