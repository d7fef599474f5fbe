"""API shapes of the catalogue, enrolment, attendance and the JP ledger.

JP and money accept a number or Indonesian text ("12,5"); the service answers 409 in Bahasa
Indonesia when it is not a number in range (JP 0–200 for one activity)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated

from ninja import Field, Schema
from pydantic import BeforeValidator

from karier.api.schemas import MAX_ID, In
from karier.development.models import JenisKegiatan, MetodePengembangan, Penyelenggara
from karier.people.choices import JenisAsn
from karier.people.schemas import NO_CONTROL_CHARS

TEXT = r"^[^\x00]*$"
JpValue = Decimal | str


def _iso_only(value: object) -> object:
    """A date is an ISO string ("2026-03-01") or a date, never a number of seconds (pydantic's lax
    mode would read 0 as 1970-01-01)."""
    if not isinstance(value, str | dt.date):
        raise ValueError("Tanggal harus berupa teks ISO, misalnya 2026-03-01.")
    return value


IsoDate = Annotated[dt.date, BeforeValidator(_iso_only)]


class KatalogFilter(In):
    q: str = Field("", max_length=100, pattern=NO_CONTROL_CHARS)
    jenis: JenisKegiatan | None = None
    metode: MetodePengembangan | None = None
    penyelenggara: Penyelenggara | None = None


class KompetensiLevelIn(In):
    kompetensi_id: int = Field(..., ge=1, le=MAX_ID)
    sampai_level: int = Field(..., ge=1, le=5)


class KegiatanIn(In):
    kode: str = Field(..., min_length=1, max_length=30, pattern=NO_CONTROL_CHARS)
    nama: str = Field(..., min_length=1, max_length=200, pattern=NO_CONTROL_CHARS)
    jenis: JenisKegiatan
    metode: MetodePengembangan
    penyelenggara: Penyelenggara
    jp: JpValue | None = Field(None, description="0–200; kosong: JP bawaan metode.")
    uraian: str = Field("", max_length=4000, pattern=TEXT)
    jenis_kursus_siasn: str = Field("", max_length=40, pattern=NO_CONTROL_CHARS)
    aktif: bool = True
    kompetensi: list[KompetensiLevelIn] = Field(default_factory=list, max_length=50)


class KompetensiLevelOut(Schema):
    kompetensi_id: int
    kode: str
    nama: str
    sampai_level: int


class SesiOut(Schema):
    id: int
    kegiatan_id: int
    nama: str
    mulai: dt.date
    selesai: dt.date
    tempat: str
    tautan: str
    kapasitas: int
    terisi: int
    biaya: Decimal


class KegiatanOut(Schema):
    id: int
    kode: str
    nama: str
    uraian: str
    jenis: str
    metode: str
    klasikal: bool
    penyelenggara: str
    jp: Decimal
    jenis_diklat_siasn: str
    jenis_kursus_siasn: str
    aktif: bool


class KegiatanDetailOut(KegiatanOut):
    kompetensi: list[KompetensiLevelOut]
    sesi: list[SesiOut]


class SesiIn(In):
    nama: str = Field("", max_length=120, pattern=NO_CONTROL_CHARS)
    mulai: IsoDate
    selesai: IsoDate
    tempat: str = Field("", max_length=200, pattern=NO_CONTROL_CHARS)
    tautan: str = Field("", max_length=300, pattern=NO_CONTROL_CHARS)
    kapasitas: int = Field(..., ge=1, le=10_000)
    biaya: JpValue = Field(Decimal(0), description="Rupiah per peserta.")


class DaftarIn(In):
    pegawai_id: int | None = Field(None, ge=1, le=MAX_ID, description="Kosong: diri sendiri.")


class PendaftaranOut(Schema):
    id: int
    sesi_id: int
    pegawai_id: int
    pegawai_nama: str
    status: str
    hadir: bool | None
    selesai_pada: dt.datetime | None


class HadirIn(In):
    pendaftaran_id: int = Field(..., ge=1, le=MAX_ID)
    hadir: bool


class KehadiranIn(In):
    peserta: list[HadirIn] = Field(..., min_length=1, max_length=2000)


class KehadiranOut(Schema):
    dicatat: int


class CatatanJpOut(Schema):
    id: int
    tanggal: dt.date
    judul: str
    sumber: str
    jp: Decimal


class JpOut(Schema):
    pegawai_id: int
    tahun: int
    total: Decimal
    dihitung: Decimal
    target: Decimal
    batas: Decimal | None
    tercapai: bool
    kurang: Decimal
    catatan: list[CatatanJpOut]


class TahunQuery(In):
    tahun: int | None = Field(None, ge=2000, le=2100)


class RekapQuery(In):
    tahun: int | None = Field(None, ge=2000, le=2100)
    per: str = Field("opd", pattern=r"^(opd|unit)$")


class KurangQuery(In):
    tahun: int | None = Field(None, ge=2000, le=2100)
    unit_id: int | None = Field(None, ge=1, le=MAX_ID)


class RekapOut(Schema):
    id: int | None
    nama: str
    pns: int
    pns_tercapai: int
    persen_pns: int
    pppk: int
    pppk_tercapai: int


class PegawaiJpOut(Schema):
    id: int
    nip: str
    nama: str
    jenis_asn: str
    unit: str
    jp: Decimal
    target: Decimal


class MandiriIn(In):
    judul: str = Field(..., min_length=1, max_length=200, pattern=NO_CONTROL_CHARS)
    metode: MetodePengembangan
    penyelenggara: str = Field(..., min_length=1, max_length=200, pattern=NO_CONTROL_CHARS)
    mulai: IsoDate
    selesai: IsoDate
    jp: JpValue | None = None
    menit: int | None = Field(None, ge=1, le=100_000)


class MandiriOut(Schema):
    id: int
    pegawai_id: int
    judul: str
    metode: str
    penyelenggara: str
    mulai: dt.date
    selesai: dt.date
    jp: Decimal
    status: str
    catatan: str


class VerifikasiIn(In):
    setuju: bool
    catatan: str = Field("", max_length=2000, pattern=TEXT)


class JpBawaanIn(In):
    metode: MetodePengembangan
    jp: JpValue


class JpBawaanOut(Schema):
    metode: str
    jp: Decimal | None


class TargetIn(In):
    jenis_asn: JenisAsn
    target: JpValue
    batas: JpValue | None = None


class TargetOut(Schema):
    jenis_asn: str
    target: Decimal
    batas: Decimal | None


# ---------------------------------------------------------------------------- around and after a session
class KodeKehadiranOut(Schema):
    kode: str
    url: str
    sesi_id: int
    tanggal: dt.date
    berlaku_sampai: dt.datetime


class KodeKehadiranIn(In):
    kode: str = Field(..., min_length=1, max_length=400, pattern=NO_CONTROL_CHARS, description="Kode dari QR.")


class HadirQrOut(Schema):
    pendaftaran_id: int
    sesi_id: int
    hadir: bool
    baru: bool = Field(..., description="false: kehadiran hari ini sudah tercatat sebelumnya.")


class EvaluasiKegiatanIn(In):
    relevansi: int = Field(..., ge=1, le=5)
    materi: int = Field(..., ge=1, le=5)
    fasilitator: int = Field(..., ge=1, le=5)
    manfaat: int = Field(..., ge=1, le=5)
    komentar: str = Field("", max_length=2000, pattern=TEXT)


class EvaluasiKegiatanOut(Schema):
    id: int
    pendaftaran_id: int
    relevansi: int
    materi: int
    fasilitator: int
    manfaat: int
    komentar: str
    dibuat_pada: dt.datetime


class RataEvaluasiOut(Schema):
    relevansi: Decimal
    materi: Decimal
    fasilitator: Decimal
    manfaat: Decimal


class RekapEvaluasiOut(Schema):
    kegiatan_id: int
    nama: str
    jumlah: int
    cukup: bool = Field(..., description="false: kurang dari 3 evaluasi, rata-rata dan komentar tidak ditampilkan.")
    rata: RataEvaluasiOut | None
    rata_umum: Decimal | None
    komentar: list[str]


class TindakLanjutIn(In):
    hasil: str = Field(..., pattern=r"^(YA|SEBAGIAN|BELUM)$", description="YA, SEBAGIAN atau BELUM.")
    catatan: str = Field("", max_length=2000, pattern=TEXT)


class TindakLanjutOut(Schema):
    id: int
    pendaftaran_id: int
    hasil: str
    catatan: str
    atasan_id: int
    dibuat_pada: dt.datetime


class TindakLanjutDueOut(Schema):
    pendaftaran_id: int
    pegawai_id: int
    nip: str
    nama: str
    kegiatan: str
    selesai_pada: dt.datetime | None


class SertifikatVerifikasiOut(Schema):
    sah: bool
    kode: str
    nama: str
    kegiatan: str
    mulai: dt.date
    selesai: dt.date
    jp: Decimal
