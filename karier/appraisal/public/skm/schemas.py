"""API shapes of the SKM."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from ninja import Field, Schema
from pydantic import ConfigDict

from karier.api.schemas import MAX_ID, In
from karier.appraisal.public.skm.choices import StatusTindakLanjut, UnsurSkm

TEXT = r"^[^\x00]*$"
_JAWABAN = "Jawaban 1–4 (wajib). Jawaban kosong, di luar 1–4 atau bukan bilangan bulat ditolak dengan pesan per unsur."


class SkmPeriodeIn(In):
    unit_id: int = Field(..., ge=1, le=MAX_ID, description="Id unit layanan.")
    nama: str = Field(..., min_length=1, max_length=120, pattern=TEXT, description="Nama periode.")
    mulai: dt.date
    selesai: dt.date


class SkmPeriodeFilter(In):
    unit_id: int | None = Field(None, ge=1, le=MAX_ID, description="Hanya periode unit ini.")


class SkmIkmFilter(In):
    tahun: int = Field(..., ge=2000, le=2100, description="Tahun berakhirnya periode.")


class SkmResponIn(In):
    """One anonymous questionnaire. The answers are checked by the service (not by the schema), so
    that every missing or bad element gets its own message in Bahasa Indonesia (HTTP 409)."""

    model_config = ConfigDict(extra="forbid")

    u1: Any = Field(None, description=_JAWABAN)
    u2: Any = Field(None, description=_JAWABAN)
    u3: Any = Field(None, description=_JAWABAN)
    u4: Any = Field(None, description=_JAWABAN)
    u5: Any = Field(None, description=_JAWABAN)
    u6: Any = Field(None, description=_JAWABAN)
    u7: Any = Field(None, description=_JAWABAN)
    u8: Any = Field(None, description=_JAWABAN)
    u9: Any = Field(None, description=_JAWABAN)
    usia: str = Field("", max_length=10, description="Kelompok umur (opsional): <=20, 21-30, 31-40, 41-50, 51-60, >60.")
    jenis_kelamin: str = Field("", max_length=10, description="L atau P (opsional).")
    pendidikan: str = Field("", max_length=10, description="SD, SMP, SMA, D1-D3, D4-S1, S2+ (opsional).")
    pekerjaan: str = Field(
        "", max_length=12, description="PNS, TNI-POLRI, SWASTA, WIRAUSAHA, PELAJAR, LAINNYA (opsional)."
    )
    saran: str = Field("", max_length=2000, description="Saran (opsional, paling banyak 500 karakter).")


class SkmTindakLanjutIn(In):
    unsur: UnsurSkm
    tindakan: str = Field(..., min_length=1, max_length=2000, pattern=TEXT)
    penanggung_jawab: str = Field("", max_length=200, pattern=TEXT)
    pegawai_id: int | None = Field(None, ge=1, le=MAX_ID, description="Pegawai penanggung jawab (opsional).")
    batas_waktu: dt.date


class SkmTindakLanjutPatch(In):
    status: StatusTindakLanjut
    tindakan: str | None = Field(None, min_length=1, max_length=2000, pattern=TEXT)
    penanggung_jawab: str | None = Field(None, max_length=200, pattern=TEXT)
    batas_waktu: dt.date | None = None


class SkmUnitRefOut(Schema):
    id: int
    nama: str


class SkmPeriodeOut(Schema):
    id: int
    nama: str
    unit: SkmUnitRefOut
    mulai: dt.date
    selesai: dt.date
    status: str
    respondents: int
    url_publik: str


class SkmUnsurOut(Schema):
    kode: str
    label: str
    rata_rata: Decimal
    indeks: Decimal
    mutu: str
    terlemah: bool
    kebutuhan_pengembangan: bool


class SkmProfilOut(Schema):
    nilai: str
    label: str
    jumlah: int
    persen: Decimal


class SkmTindakLanjutOut(Schema):
    id: int
    unsur: str
    tindakan: str
    penanggung_jawab: str
    pegawai_id: int | None
    pegawai_nama: str | None
    batas_waktu: dt.date
    status: str


class SkmHasilOut(Schema):
    periode: SkmPeriodeOut
    respondents: int
    ikm: Decimal | None
    mutu: str | None
    mutu_label: str | None
    unsur: list[SkmUnsurOut]
    terlemah: list[str]
    profil: dict[str, list[SkmProfilOut]]
    tindak_lanjut: list[SkmTindakLanjutOut]


class SkmResponOut(Schema):
    id: int
    detail: str


class SkmIkmOut(Schema):
    unit_id: int
    unit_nama: str
    opd_id: int
    periode_id: int
    periode_nama: str
    mulai: dt.date
    selesai: dt.date
    status: str
    respondents: int
    ikm: Decimal | None
    grade: str | None
