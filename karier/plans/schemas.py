"""API shapes for plans (SKP): validated input, JSON out.

Inputs carry lengths and enums so nothing reaches a service in a form it cannot take. Targets
accept a number or a string ("99,5"); the service answers 409 with a message in Bahasa Indonesia
when the aspect needs a number and the text is not one.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from ninja import Field, Schema

from karier.api.schemas import MAX_ID, ErrorOut, In, ValidationErrorOut
from karier.people.schemas import NO_CONTROL_CHARS, nip_formatted
from karier.plans.choices import JenisHasil, StatusSkp, SumberSkp
from karier.standards.choices import Aspek, Dimensi, Perspektif

MAX_TEXT = 2000
TEXT = r"^[^\x00]*$"  # free text may hold newlines, never NUL (PostgreSQL refuses it)


class UnprocessableOut(Schema):
    """A refusal by the service (bad input, or the plan is not in a state that allows it)."""

    detail: str = Field(..., examples=["Data tidak valid."])
    errors: dict[str, list[str]] = Field(..., examples=[{"target_angka": ["Target harus berupa angka."]}])


# 422: the framework's answer (a list) for a request that does not match the schema;
# 409: the service's refusal (detail + errors) of a well-formed request.
WRITE_ERRORS: dict[int, Any] = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: UnprocessableOut,
    422: ValidationErrorOut,
}


# ---------------------------------------------------------------------------- filters
class SkpFilter(In):
    tahun: int | None = Field(None, ge=2000, le=2100, description="Tahun kinerja.")
    status: StatusSkp | None = Field(None, description="Status SKP.")


# ---------------------------------------------------------------------------- output
class OrangOut(Schema):
    id: int
    nama: str
    nip: str
    nip_formatted: str
    pangkat: str | None
    golongan: str | None


class RefOut(Schema):
    id: int
    nama: str


class IkiOut(Schema):
    id: int
    urutan: int
    aspek: str
    indikator: str
    target_angka: Decimal | None
    satuan: str
    target_kualitatif: str


class RhkAtasanOut(Schema):
    id: int
    teks: str
    skp_id: int
    pegawai: str


class RhkOut(Schema):
    id: int
    jenis: str
    urutan: int
    teks: str
    dimensi: str
    perspektif: str
    rhk_atasan: RhkAtasanOut | None
    iki: list[IkiOut]


class PerilakuOut(Schema):
    id: int
    nilai: str
    nama: str
    panduan: list[str]
    ekspektasi_khusus: str


class DialogOut(Schema):
    id: int
    jenis: str
    teks: str
    versi: int
    penulis: str | None
    dibuat_pada: dt.datetime


class LampiranOut(Schema):
    dukungan_sumber_daya: str
    skema_pertanggungjawaban: str
    konsekuensi: str


class SkpListItem(Schema):
    id: int
    tahun: int
    status: str
    versi: int
    sumber: str
    periode_mulai: dt.date
    periode_selesai: dt.date
    pegawai: RefOut
    jabatan: RefOut
    unit: RefOut
    penilai: RefOut | None
    n_rhk: int
    n_rhk_tanpa_atasan: int

    @staticmethod
    def resolve_tahun(obj: Any) -> int:
        return int(obj.tahun_id)

    @staticmethod
    def resolve_n_rhk_tanpa_atasan(obj: Any) -> int:
        return int(obj.n_tanpa_atasan)


class SkpDetail(Schema):
    id: int
    tahun: int
    status: str
    versi: int
    sumber: str
    periode_mulai: dt.date
    periode_selesai: dt.date
    pegawai: OrangOut
    jabatan: RefOut
    unit: RefOut
    penilai: OrangOut | None
    penilai_jabatan: RefOut | None
    diajukan_pada: dt.datetime | None
    disetujui_pada: dt.datetime | None
    hasil_utama: list[RhkOut]
    hasil_tambahan: list[RhkOut]
    perilaku: list[PerilakuOut]
    lampiran: LampiranOut
    dialog: list[DialogOut]
    peringatan: list[str] = Field(..., description="Hal yang perlu diperbaiki tetapi tidak menghalangi pengajuan.")
    tindakan: list[str] = Field(..., description="Tindakan alur kerja yang boleh Anda lakukan sekarang.")
    boleh_ubah: bool


class RhkOptionOut(Schema):
    id: int
    teks: str
    jenis: str
    skp_id: int
    status_skp: str


# ---------------------------------------------------------------------------- input
class SkpCreateIn(In):
    tahun: int = Field(..., ge=2000, le=2100)
    sumber: SumberSkp = Field(..., description="KOSONG, TAHUN_LALU atau STANDAR (JPT: dari perjanjian kinerja).")
    pegawai_id: int | None = Field(
        None, ge=1, le=MAX_ID, description="Hanya admin BKD: buat untuk pegawai lain. Kosong = diri sendiri."
    )
    periode_mulai: dt.date | None = Field(None, description="Untuk SKP baru setelah pindah jabatan (TMT baru).")


Target = Decimal | str | None


class IkiIn(In):
    aspek: Aspek = Aspek.KUANTITAS
    indikator: str = Field(..., min_length=1, max_length=MAX_TEXT, pattern=TEXT)
    target_angka: Target = Field(None, description='Angka (12, 99.5, "99,5"). Wajib untuk kuantitas, waktu, biaya.')
    satuan: str = Field("", max_length=40, pattern=NO_CONTROL_CHARS)
    target_kualitatif: str = Field("", max_length=300, pattern=TEXT)


class IkiPatch(In):
    aspek: Aspek | None = None
    indikator: str | None = Field(None, min_length=1, max_length=MAX_TEXT, pattern=TEXT)
    target_angka: Target = None
    satuan: str | None = Field(None, max_length=40, pattern=NO_CONTROL_CHARS)
    target_kualitatif: str | None = Field(None, max_length=300, pattern=TEXT)


class RhkIn(In):
    teks: str = Field(..., min_length=1, max_length=MAX_TEXT, pattern=TEXT)
    jenis: JenisHasil = JenisHasil.UTAMA
    dimensi: Dimensi = Dimensi.PRODUKTIVITAS
    perspektif: Perspektif | None = None
    rhk_atasan_id: int | None = Field(None, ge=1, le=MAX_ID, description="RHK pejabat penilai yang diintervensi.")
    iki: IkiIn | None = Field(None, description="Indikator pertama (boleh ditambah kemudian).")


class RhkPatch(In):
    teks: str | None = Field(None, min_length=1, max_length=MAX_TEXT, pattern=TEXT)
    jenis: JenisHasil | None = None
    dimensi: Dimensi | None = None
    perspektif: Perspektif | None = None


class LinkIn(In):
    rhk_atasan_id: int | None = Field(..., ge=1, le=MAX_ID, description="null melepas tautan.")


class TeksIn(In):
    teks: str = Field(..., max_length=MAX_TEXT, pattern=TEXT)


class KomentarIn(In):
    komentar: str = Field("", max_length=MAX_TEXT, pattern=TEXT)


class AlasanIn(In):
    alasan: str = Field(..., max_length=MAX_TEXT, pattern=TEXT)


class EkspektasiIn(In):
    ekspektasi_khusus: str = Field(..., max_length=MAX_TEXT, pattern=TEXT)


class LampiranIn(In):
    dukungan_sumber_daya: str | None = Field(None, max_length=2 * MAX_TEXT, pattern=TEXT)
    skema_pertanggungjawaban: str | None = Field(None, max_length=2 * MAX_TEXT, pattern=TEXT)
    konsekuensi: str | None = Field(None, max_length=2 * MAX_TEXT, pattern=TEXT)


def orang(p: Any) -> dict[str, Any] | None:
    if p is None:
        return None
    return {
        "id": p.pk,
        "nama": p.nama_lengkap,
        "nip": p.nip,
        "nip_formatted": nip_formatted(p.nip),
        "pangkat": p.golongan.pangkat if p.golongan else None,
        "golongan": p.golongan.kode if p.golongan else None,
    }
