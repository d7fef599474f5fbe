"""API shapes for multi-rater and public feedback."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from ninja import Field, Schema
from pydantic import ConfigDict

from karier.api.schemas import MAX_ID, In
from karier.appraisal.choices import JenisRater
from karier.appraisal.feedback.services import MAX_KOMENTAR
from karier.people.schemas import NO_CONTROL_CHARS
from karier.plans.schemas import OrangOut

TEXT = r"^[^\x00]*$"


# ---------------------------------------------------------------------------- input
class NominasiIn(In):
    penilai_rekan_id: int = Field(..., ge=1, le=MAX_ID, description="Id pegawai yang diusulkan.")
    jenis: JenisRater = Field(..., description="REKAN (rekan setingkat) atau BAWAHAN (bawahan langsung).")


class NominasiPutusanIn(In):
    setuju: bool = Field(..., description="true: setujui; false: tolak.")


class KandidatFilter(In):
    jenis: JenisRater = Field(JenisRater.REKAN, description="Jenis penilai.")
    q: str = Field("", max_length=100, pattern=NO_CONTROL_CHARS, description="Nama (sebagian) atau awal NIP.")


Skor = Annotated[int, Field(ge=1, le=5)]
KodeNilai = Annotated[str, Field(pattern=r"^[A-Z_]{1,30}$")]
Komentar = Annotated[str, Field(max_length=MAX_KOMENTAR, pattern=TEXT)]


class SkorIn(In):
    """A score 1–5 for each of the seven BerAKHLAK values (all seven are required)."""

    model_config = ConfigDict(extra="forbid")

    BERORIENTASI_PELAYANAN: Skor
    AKUNTABEL: Skor
    KOMPETEN: Skor
    HARMONIS: Skor
    LOYAL: Skor
    ADAPTIF: Skor
    KOLABORATIF: Skor


class KomentarBerakhlakIn(In):
    """An optional comment per BerAKHLAK value."""

    model_config = ConfigDict(extra="forbid")

    BERORIENTASI_PELAYANAN: Komentar = ""
    AKUNTABEL: Komentar = ""
    KOMPETEN: Komentar = ""
    HARMONIS: Komentar = ""
    LOYAL: Komentar = ""
    ADAPTIF: Komentar = ""
    KOLABORATIF: Komentar = ""


class JawabanIn(In):
    model_config = ConfigDict(extra="forbid")

    skor: SkorIn = Field(..., description="Skor 1–5 untuk ketujuh nilai BerAKHLAK.")
    komentar: KomentarBerakhlakIn = Field(
        default_factory=KomentarBerakhlakIn,  # type: ignore[arg-type]
        description=f"Komentar opsional per nilai (paling banyak {MAX_KOMENTAR} karakter).",
    )


class TautanIn(In):
    pegawai_id: int | None = Field(None, ge=1, le=MAX_ID, description="Tautan untuk pegawai ini…")
    unit_id: int | None = Field(None, ge=1, le=MAX_ID, description="…atau untuk unit layanan ini.")


class TautanPatch(In):
    aktif: bool


class ModerasiIn(In):
    status: str = Field(..., pattern=r"^(DITERIMA|DITOLAK)$", description="DITERIMA atau DITOLAK.")


class ModerasiFilter(In):
    status: str = Field(
        "MENUNGGU", pattern=r"^(|MENUNGGU|DITERIMA|DITOLAK)$", description="Status moderasi (kosong: semua)."
    )


class RingkasanPublikFilter(In):
    pegawai_id: int | None = Field(None, ge=1, le=MAX_ID)
    unit_id: int | None = Field(None, ge=1, le=MAX_ID)
    periode_id: int | None = Field(
        None, ge=1, le=MAX_ID, description="Periode penilaian (rentang tanggalnya); kosong: 90 hari terakhir."
    )


# ---------------------------------------------------------------------------- output
class NominasiOut(Schema):
    id: int
    evaluasi_id: int
    jenis: str
    status: str = Field(..., description="Bagi pegawai yang dinilai, DIJAWAB ditampilkan sebagai DISETUJUI.")
    status_label: str
    penilai_rekan: OrangOut


class NominasiStateOut(Schema):
    pool_rekan: int
    wajib_rekan: int
    rekan_aktif: int
    bawahan_aktif: int
    disetujui: int
    menunggu: int
    rekan_cukup: bool


class NominasiListOut(Schema):
    state: NominasiStateOut
    items: list[NominasiOut]


class PermintaanOut(Schema):
    id: int
    evaluasi_id: int
    pegawai: OrangOut
    jabatan: str
    periode: str
    jenis: str
    status: str
    terbuka: bool


class PanduanNilaiOut(Schema):
    kode: str
    nama: str
    penjelasan: str
    panduan: list[str]
    skor: int | None
    komentar: str


class PermintaanDetailOut(PermintaanOut):
    nilai: list[PanduanNilaiOut]


class NilaiAgregatOut(Schema):
    kode: str
    nama: str
    rata: float | None
    n: int


class KelompokOut(Schema):
    jenis: str
    label: str
    n: int
    nilai: list[NilaiAgregatOut]


class StatusPenilaiOut(Schema):
    nama: str
    jenis: str
    status: str
    sudah_menjawab: bool


class KomentarOut(Schema):
    nilai: str
    teks: str


class RingkasanPerilakuOut(Schema):
    ambang: int
    n_disetujui: int
    n_dijawab: int
    tampil: bool = Field(..., description="false: kurang dari 3 jawaban, angka dan komentar tidak ditampilkan.")
    rata_keseluruhan: float | None
    nilai: list[NilaiAgregatOut]
    kelompok: list[KelompokOut]
    komentar: list[KomentarOut]
    penilai: list[StatusPenilaiOut] | None = Field(None, description="Hanya untuk pejabat penilai, admin dan auditor.")


class TautanOut(Schema):
    id: int
    token: str
    url: str
    aktif: bool
    pegawai_id: int | None
    unit_id: int | None
    nama: str
    dibuat_pada: dt.datetime


class UmpanBalikOut(Schema):
    id: int
    tautan_id: int
    untuk: str
    skor_layanan: int
    skor_perilaku: int
    komentar: str
    status: str
    dibuat_pada: dt.datetime


class RingkasanPublikOut(Schema):
    mulai: dt.date
    selesai: dt.date
    label: str
    n: int
    n_diterima: int
    n_menunggu: int
    n_ditolak: int
    rata_layanan: float | None
    rata_perilaku: float | None
    distribusi_layanan: dict[str, int]
    distribusi_perilaku: dict[str, int]
    komentar: list[UmpanBalikOut]
