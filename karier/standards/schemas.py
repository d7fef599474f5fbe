"""API shapes for the standards. Inputs are bounded here (ids, years, lengths, enums) so nothing a
client sends reaches the database in a form it cannot take; the services then check the meaning
(e.g. a target that is not a number) and answer 409 with messages in Bahasa Indonesia."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, Literal

from ninja import Field, Schema
from pydantic import AfterValidator, StrictFloat, StrictInt, StringConstraints

from karier.api.schemas import MAX_ID, In
from karier.people.choices import JenisJabatan
from karier.people.schemas import NO_CONTROL_CHARS, Ref
from karier.standards.choices import Arah, Aspek, Dimensi, Perspektif, StatusPerjanjian

# Multi-line text: newlines and tabs are fine; NUL and other control characters are not.
MULTILINE = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"
MIN_TAHUN, MAX_TAHUN = 1990, 2100

Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Tahun = Annotated[int, Field(ge=MIN_TAHUN, le=MAX_TAHUN)]
Nomor = Annotated[int, Field(ge=1, le=999)]
# A number, or text the service reads ("9,3") and refuses in plain words when it is not a number.
Angka = StrictInt | StrictFloat | Annotated[str, StringConstraints(max_length=40, pattern=NO_CONTROL_CHARS)]

_PLACES = Decimal("0.0001")  # the columns' decimal_places


def _stored(value: Decimal) -> Decimal:
    return value.quantize(_PLACES)


# Targets, actuals and baselines go out as the API's one decimal type: a JSON string with the four
# places the database keeps ("12.0000"), whether the value was just written or read back.
Desimal = Annotated[Decimal, AfterValidator(_stored)]


def line(max_length: int, default: Any = "", description: str = "") -> Any:
    return Field(default, max_length=max_length, pattern=NO_CONTROL_CHARS, description=description)


def text(max_length: int = 4000, default: Any = "", description: str = "") -> Any:
    return Field(default, max_length=max_length, pattern=MULTILINE, description=description)


# ---------------------------------------------------------------------------- filters
class IndikatorFilter(In):
    rpjmd: int | None = Field(None, ge=1, le=MAX_ID, description="Id RPJMD.")
    renstra: int | None = Field(None, ge=1, le=MAX_ID, description="Id Renstra.")
    opd: int | None = Field(None, ge=1, le=MAX_ID, description="Id perangkat daerah.")
    provinsi: bool | None = Field(None, description="true: hanya IKU provinsi; false: hanya indikator OPD.")


class RenstraFilter(In):
    opd: int | None = Field(None, ge=1, le=MAX_ID, description="Id perangkat daerah.")
    rpjmd: int | None = Field(None, ge=1, le=MAX_ID, description="Id RPJMD.")


class PerjanjianFilter(In):
    opd: int | None = Field(None, ge=1, le=MAX_ID, description="Id perangkat daerah.")
    tahun: int | None = Field(None, ge=MIN_TAHUN, le=MAX_TAHUN, description="Tahun perjanjian.")
    status: StatusPerjanjian | None = Field(None, description="Status perjanjian.")


class StandarFilter(In):
    opd: int | None = Field(None, ge=1, le=MAX_ID, description="Id perangkat daerah.")
    ada: bool | None = Field(None, description="true: yang sudah punya standar; false: yang belum.")
    jenis: JenisJabatan | None = Field(None, description="Jenis jabatan.")
    q: str = Field("", max_length=100, pattern=NO_CONTROL_CHARS, description="Nama jabatan (sebagian).")


# ---------------------------------------------------------------------------- outputs
class NilaiOut(Schema):
    tahun: int
    target: Desimal | None
    realisasi: Desimal | None
    metode: str = Field(..., description="Seri/metode penghitungan; seri berbeda tidak boleh digabung.")
    sumber: str


class SeriOut(Schema):
    metode: str
    label: str
    tahun_awal: int
    tahun_akhir: int


class IndikatorOut(Schema):
    id: int
    kode: str
    nama: str
    satuan: str
    arah: str
    baseline: Desimal | None
    baseline_tahun: int | None
    catatan_metode: str
    penjelasan: str = Field(..., description="Apa artinya bagi Anda (bahasa sehari-hari).")
    contoh: str
    sasaran_id: int | None = Field(..., description="Sasaran RPJMD (indikator provinsi).")
    sasaran_renstra_id: int | None = Field(..., description="Sasaran Renstra (indikator perangkat daerah).")
    induk_id: int | None = Field(..., description="IKU provinsi yang didukung.")


class IndikatorDetail(IndikatorOut):
    nilai: list[NilaiOut]
    seri: list[SeriOut]
    boleh_ubah: bool


class SasaranOut(Schema):
    id: int
    nomor: int
    teks: str
    penjelasan: str
    contoh: str
    indikator: list[IndikatorOut]


class TujuanOut(Schema):
    id: int
    nomor: int
    teks: str
    sasaran: list[SasaranOut]


class MisiOut(Schema):
    id: int
    nomor: int
    teks: str
    tujuan: list[TujuanOut]


class RpjmdListItem(Schema):
    id: int
    instansi: Ref
    tahun_mulai: int
    tahun_selesai: int
    visi: str
    dasar_hukum: str
    aktif: bool


class RpjmdDetail(RpjmdListItem):
    misi: list[MisiOut]


class SasaranRpjmdRef(Schema):
    id: int
    teks: str


class SasaranRenstraOut(Schema):
    id: int
    nomor: int
    teks: str
    penjelasan: str
    contoh: str
    sasaran_rpjmd: SasaranRpjmdRef
    indikator: list[IndikatorOut]


class RenstraListItem(Schema):
    id: int
    opd: Ref
    rpjmd_id: int
    tahun_mulai: int
    tahun_selesai: int


class RenstraDetail(RenstraListItem):
    sasaran: list[SasaranRenstraOut]
    boleh_ubah: bool


class IndikatorRef(Schema):
    id: int
    nama: str
    satuan: str


class BarisOut(Schema):
    id: int
    perjanjian_id: int
    urutan: int
    sasaran: SasaranRpjmdRef
    indikator: IndikatorRef
    target: Desimal | None
    target_kualitatif: str
    perspektif: str


class PerjanjianListItem(Schema):
    id: int
    opd: Ref
    tahun: int
    status: str
    ditandatangani_pada: dt.date | None


class PerjanjianDetail(PerjanjianListItem):
    baris: list[BarisOut]
    boleh_ubah: bool


class StatusOut(Schema):
    status: str
    ditandatangani_pada: dt.date | None
    aksi: list[str] = Field(..., description="Aksi yang sah dari status ini: tandatangan, buka.")


class HasilOut(Schema):
    id: int
    urutan: int
    dimensi: str
    rhk: str
    aspek: str
    indikator: str
    target_angka: Desimal | None
    satuan: str
    target_kualitatif: str
    penjelasan: str
    contoh: str
    indikator_opd_id: int | None


class DimensiOut(Schema):
    dimensi: str
    label: str
    hasil: list[HasilOut]


class EkspektasiOut(Schema):
    ekspektasi: str
    penjelasan: str
    contoh: str


class StandarPerilakuOut(Schema):
    nilai: str
    nama: str
    penjelasan: str
    panduan: list[str]
    ekspektasi: EkspektasiOut | None


class JabatanStandarRef(Schema):
    id: int
    nama: str
    jenis: str
    jenjang: str
    unit: Ref


class StandarOut(Schema):
    jabatan: JabatanStandarRef
    ada_standar: bool
    ringkasan: str
    penjelasan: str
    contoh: str
    diperbarui_pada: dt.datetime | None
    hasil: list[DimensiOut] = Field(..., description="Dikelompokkan: Produktivitas, Kompetensi, Integritas.")
    perilaku: list[StandarPerilakuOut] = Field(..., description="Ketujuh nilai BerAKHLAK, selalu lengkap.")
    boleh_ubah: bool


class StandarListItem(Schema):
    id: int = Field(..., description="Id jabatan.")
    nama: str
    jenis: str
    jenjang: str
    unit: Ref
    ada_standar: bool
    n_hasil: int


class SalinOut(Schema):
    jumlah: int


class DataInvalidOut(Schema):
    detail: Any = Field(..., examples=["Data tidak valid."])
    errors: dict[str, list[str]] | None = Field(None, examples=[{"target_angka": ["Target harus berupa angka."]}])


# ---------------------------------------------------------------------------- inputs
class IndikatorIn(In):
    sasaran_id: Id | None = Field(None, description="Sasaran RPJMD (untuk IKU provinsi).")
    sasaran_renstra_id: Id | None = Field(None, description="Sasaran Renstra (untuk indikator OPD).")
    induk_id: Id | None = Field(None, description="IKU provinsi yang didukung (hanya indikator OPD).")
    kode: str = line(30)
    nama: str = line(300, ...)
    satuan: str = line(40, ...)
    arah: Arah = Arah.NAIK
    baseline: Angka | None = None
    baseline_tahun: Tahun | None = None
    catatan_metode: str = text()
    penjelasan: str = text()
    contoh: str = text()


class IndikatorPatch(In):
    induk_id: Id | None = None
    kode: str | None = line(30, None)
    nama: str | None = line(300, None)
    satuan: str | None = line(40, None)
    arah: Arah | None = None
    baseline: Angka | None = None
    baseline_tahun: Tahun | None = None
    catatan_metode: str | None = text(default=None)
    penjelasan: str | None = text(default=None)
    contoh: str | None = text(default=None)


class NilaiIn(In):
    tahun: Tahun
    target: Angka | None = None
    realisasi: Angka | None = None
    metode: str = line(60, "", 'Seri/metode, mis. "BPS baru (2023)".')
    sumber: str = line(300)


class RenstraIn(In):
    opd_id: Id
    rpjmd_id: Id
    tahun_mulai: Tahun | None = None
    tahun_selesai: Tahun | None = None


class RenstraPatch(In):
    tahun_mulai: Tahun | None = None
    tahun_selesai: Tahun | None = None


class SasaranRenstraIn(In):
    sasaran_rpjmd_id: Id
    nomor: Nomor
    teks: str = text(2000, ...)
    penjelasan: str = text()
    contoh: str = text()


class PerjanjianIn(In):
    opd_id: Id
    tahun: Tahun


class BarisIn(In):
    indikator_id: Id
    sasaran_id: Id | None = Field(None, description="Bawaan: sasaran Renstra dari indikator.")
    target: Angka | None = None
    target_kualitatif: str = line(300)
    perspektif: Perspektif = Perspektif.PENERIMA_LAYANAN
    urutan: Nomor | None = None


class BarisPatch(In):
    target: Angka | None = None
    target_kualitatif: str | None = line(300, None)
    perspektif: Perspektif | None = None
    urutan: Nomor | None = None


class StatusIn(In):
    aksi: Literal["tandatangan", "buka"]
    alasan: str = text(500, "", "Wajib untuk aksi buka.")
    tanggal: dt.date | None = Field(None, description="Tanggal tanda tangan (bawaan: hari ini).")


class PerilakuIn(In):
    nilai: str = Field(..., max_length=30, pattern=r"^[A-Z_]+$", description="Kode nilai, mis. AKUNTABEL.")
    ekspektasi: str = text(2000)
    penjelasan: str = text()
    contoh: str = text()


class StandarIn(In):
    ringkasan: str = text()
    penjelasan: str = text()
    contoh: str = text()
    perilaku: list[PerilakuIn] | None = Field(
        None, max_length=7, description="Bila diisi, menggantikan semua ekspektasi perilaku."
    )


class HasilIn(In):
    dimensi: Dimensi = Dimensi.PRODUKTIVITAS
    rhk: str = text(2000, ...)
    aspek: Aspek = Aspek.KUANTITAS
    indikator: str = text(2000, ...)
    target_angka: Angka | None = Field(None, description="Wajib angka untuk aspek KUANTITAS, WAKTU, BIAYA.")
    satuan: str = line(40)
    target_kualitatif: str = line(300)
    penjelasan: str = text()
    contoh: str = text()
    urutan: Nomor | None = None
    indikator_opd_id: Id | None = None


class HasilPatch(In):
    dimensi: Dimensi | None = None
    rhk: str | None = text(2000, None)
    aspek: Aspek | None = None
    indikator: str | None = text(2000, None)
    target_angka: Angka | None = None
    satuan: str | None = line(40, None)
    target_kualitatif: str | None = line(300, None)
    penjelasan: str | None = text(default=None)
    contoh: str | None = text(default=None)
    urutan: Nomor | None = None
    indikator_opd_id: Id | None = None


class SalinIn(In):
    jabatan_ids: list[Id] = Field(..., min_length=1, max_length=5000)
