"""API shapes for periods, evaluations, realisation, evidence, feedback and ratings (issue #5 parts 1, 2, 4)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from ninja import Field, Schema

from karier.api.schemas import ErrorOut, In, JobOut, RuleErrorOut, ValidationErrorOut
from karier.appraisal.choices import Frekuensi, JenisPeriode, RatingChoice, StatusEvaluasi, StatusPeriode

MAX_TEXT = 2000
TEXT = r"^[^\x00]*$"  # never NUL (PostgreSQL refuses it)


# Service refusals (a rule says no: reason missing, locked evaluation, wrong file type…) are answered
# by the shared handler in `karier/api/api.py` as 409 with reasons by field (or, for a bulk rating, by
# evaluation id); a request that does not match the schema is ninja's 422.
ERRORS: dict[int, Any] = {400: ErrorOut, 401: ErrorOut, 404: ErrorOut, 409: RuleErrorOut, 422: ValidationErrorOut}
WRITE_ERRORS: dict[int, Any] = {**ERRORS, 403: ErrorOut}


class KalenderIn(In):
    tahun: int = Field(..., ge=2000, le=2100)
    frekuensi: Frekuensi = Frekuensi.TRIWULAN
    hari_pengingat: int | None = Field(None, ge=0, le=60)
    jendela_keberatan_hari: int | None = Field(None, ge=1, le=90)


class PeriodeIn(In):
    nama: str | None = Field(None, min_length=1, max_length=60, pattern=TEXT)
    dibuka_pada: dt.date | None = None
    batas_pengisian: dt.date | None = None


class PeriodeStatusIn(In):
    status: StatusPeriode = Field(
        ..., description="DIBUKA: membuat evaluasi lalu membuka periode; DITUTUP: menutup (keduanya tugas latar)."
    )


class PeriodeJobOut(JobOut):
    """The job an opening or a close of a period started (202), with the URL to poll its status."""

    url: str = Field(..., description="URL status tugas (GET).")


class PeriodeOut(Schema):
    id: int
    tahun: int
    jenis: JenisPeriode
    nomor: int
    nama: str
    mulai: dt.date
    selesai: dt.date
    dibuka_pada: dt.date
    batas_pengisian: dt.date
    status: StatusPeriode


class PeriodeFilter(In):
    tahun: int | None = Field(None, ge=2000, le=2100)
    status: StatusPeriode | None = None


class EvOrangOut(Schema):
    id: int
    nama: str
    nip: str


class EvaluasiItem(Schema):
    id: int
    periode: PeriodeOut
    pegawai: EvOrangOut
    penilai: EvOrangOut | None
    skp_id: int
    status: StatusEvaluasi
    rating_hasil_kerja: str
    rating_perilaku: str
    predikat: str
    predikat_akhir: str
    n_iki: int = 0
    n_realisasi: int = 0
    n_bukti: int = 0


class BuktiOut(Schema):
    id: int
    nama_asli: str
    jenis_konten: str
    ukuran: int
    sha256: str
    diunggah_pada: dt.datetime
    url: str


class EvIkiOut(Schema):
    id: int
    aspek: str
    indikator: str
    target_angka: Decimal | None
    satuan: str
    target_kualitatif: str
    realisasi_angka: Decimal | None
    realisasi_uraian: str
    bukti: list[BuktiOut]


class CatatanOut(Schema):
    id: int
    teks: str
    penulis: str | None
    dibuat_pada: dt.datetime


class EvRhkOut(Schema):
    id: int
    jenis: str
    teks: str
    iki: list[EvIkiOut]
    umpan_balik: list[CatatanOut]


class EvaluasiDetail(EvaluasiItem):
    alasan_hasil_kerja: str
    alasan_perilaku: str
    rating_hasil_kerja_wajib: str | None
    hasil_kerja: list[EvRhkOut]
    dialog: list[CatatanOut]
    boleh_isi: bool
    boleh_menilai: bool
    terkunci: bool


class RealisasiIn(In):
    realisasi_angka: Decimal | str | None = Field(None, description='Angka ("99,5" atau 99.5).')
    realisasi_uraian: str = Field("", max_length=MAX_TEXT, pattern=TEXT)


class EvTeksIn(In):
    teks: str = Field(..., min_length=1, max_length=MAX_TEXT, pattern=TEXT)


class RatingIn(In):
    """A reason is needed only for a rating other than "Sesuai Ekspektasi" (409 otherwise; docs/rating.md)."""

    rating_hasil_kerja: RatingChoice
    alasan_hasil_kerja: str = Field("", max_length=MAX_TEXT, pattern=TEXT)
    rating_perilaku: RatingChoice
    alasan_perilaku: str = Field("", max_length=MAX_TEXT, pattern=TEXT)


class RatingBulkRow(RatingIn):
    evaluasi_id: int = Field(..., ge=1, le=2**63 - 1)


class RatingBulkIn(In):
    rows: list[RatingBulkRow] = Field(..., min_length=1, max_length=500)


class RatingBulkOut(Schema):
    disimpan: int


class SubordinateFilter(In):
    status: StatusEvaluasi | None = None
