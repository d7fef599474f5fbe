"""API shapes of promotions. Dates are ISO (2026-01-01); a date outside 2000–2100, one that is not a
promotion date, or a person not eligible on it, is the service's 409 (schema-valid input is never 422)."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from ninja import Field, Schema

from karier.api.schemas import MAX_ID, In
from karier.people.schemas import NO_CONTROL_CHARS
from karier.talent.models import StatusUsulanPangkat
from karier.talent.promotion.services import MAX_SK, MAX_TEKS

TEXT = r"^[^\x00]*$"
# A date in a query string is text: a pattern, parsed by the router (pydantic would read "0" as 1970).
ISO_DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"


class LayakFilter(StrEnum):
    LAYAK = "layak"
    BELUM = "belum"
    SEMUA = "semua"


class KelayakanQuery(In):
    tmt: str | None = Field(
        None, pattern=ISO_DATE, description="Tanggal kenaikan pangkat (2027-01-01); kosong: TMT berikutnya."
    )
    opd_id: int | None = Field(None, ge=1, le=MAX_ID, description="Perangkat daerah.")
    layak: LayakFilter = Field(LayakFilter.LAYAK, description="layak: memenuhi syarat pada TMT itu; belum; semua.")


class UsulanQuery(In):
    status: StatusUsulanPangkat | None = None
    tmt: str | None = Field(None, pattern=ISO_DATE, description="TMT (2027-01-01).")
    opd_id: int | None = Field(None, ge=1, le=MAX_ID)


class KelayakanOut(Schema):
    pegawai_id: int
    nip: str
    nama: str
    opd_id: int | None
    jenis: str
    golongan: str | None
    golongan_berikut: str | None
    layak: bool
    layak_pada_tmt: bool
    tmt_terdekat: dt.date | None
    alasan: list[str]
    catatan: list[str]
    dihitung_pada: dt.datetime | None
    usulan_terbuka_id: int | None


class UsulanOut(Schema):
    id: int
    pegawai_id: int
    nip: str
    nama: str
    jenis: str
    tmt: dt.date
    golongan_dari: str
    golongan_ke: str
    status: str
    catatan: str
    nomor_sk: str
    tanggal_sk: dt.date | None
    diusulkan_pada: dt.datetime
    diverifikasi_pada: dt.datetime | None
    diputuskan_pada: dt.datetime | None


class UsulanIn(In):
    pegawai_id: int = Field(..., ge=1, le=MAX_ID)
    tmt: dt.date = Field(..., description="Tanggal kenaikan pangkat (tanggal 1; tahun 2000–2100).")
    catatan: str = Field("", max_length=MAX_TEKS, pattern=TEXT)


class VerifikasiPromotionIn(In):
    catatan: str = Field("", max_length=MAX_TEKS, pattern=TEXT)


class TolakIn(In):
    alasan: str = Field("", max_length=MAX_TEKS, pattern=TEXT)


class TetapkanIn(In):
    nomor_sk: str = Field("", max_length=MAX_SK, pattern=NO_CONTROL_CHARS)
    tanggal_sk: dt.date | None = Field(None, description="Tanggal SK (paling lambat hari ini).")
