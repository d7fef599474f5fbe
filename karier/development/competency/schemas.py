"""Shapes of the competency API (issue #11 items 1–3)."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from ninja import Field, Schema

from karier.api.schemas import MAX_ID, In


class SumberPenilaianIn(StrEnum):
    ASSESSMENT_CENTER = "ASSESSMENT_CENTER"
    UJI_KOMPETENSI = "UJI_KOMPETENSI"
    MANDIRI_DISETUJUI = "MANDIRI_DISETUJUI"
    OBSERVASI_ATASAN = "OBSERVASI_ATASAN"


class PengelompokanAnalisisIn(StrEnum):
    OPD = "opd"
    UNIT = "unit"


class KamusLevelOut(Schema):
    level: int
    deskripsi: str
    indikator: list[str]
    arti: str


class KamusKompetensiOut(Schema):
    id: int
    kode: str
    nama: str
    jenis: str
    definisi: str
    levels: list[KamusLevelOut]


class StandarKompetensiOut(Schema):
    kompetensi_id: int
    kode: str
    nama: str
    jenis: str
    level: int
    bawaan: int | None
    deskripsi: str
    arti: str


class StandarKompetensiIn(In):
    kompetensi_id: int = Field(..., ge=1, le=MAX_ID)
    level: int | None = Field(None, ge=1, le=5, description="Kosong: kembali ke tabel bawaan.")


class PenilaianKompetensiOut(Schema):
    id: int
    kompetensi_id: int
    kompetensi: str
    level: int
    tanggal: dt.date
    sumber: str
    asesor: str
    catatan: str
    ada_bukti: bool


class PenilaianKompetensiIn(In):
    kompetensi_id: int = Field(..., ge=1, le=MAX_ID)
    level: int = Field(..., ge=1, le=5)
    tanggal: dt.date
    sumber: SumberPenilaianIn
    asesor: str = Field("", max_length=150)
    catatan: str = Field("", max_length=2000)


class ProfilKompetensiBarisOut(Schema):
    kompetensi_id: int
    kode: str
    nama: str
    disyaratkan: int | None
    dinilai: int | None
    tanggal: dt.date | None
    sumber: str
    kesenjangan: int
    arti_disyaratkan: str


class SkorPotensiOut(Schema):
    jpm: float
    tanggal: dt.date
    komponen: dict[str, list[int | None]]


class ProfilKompetensiOut(Schema):
    pegawai_id: int
    nama: str
    jabatan: str
    kompetensi: list[ProfilKompetensiBarisOut]
    potensi: SkorPotensiOut | None


class KebutuhanPengembanganOut(Schema):
    kode: str
    jenis: str
    judul: str
    alasan: str
    bobot: int
    disyaratkan: int | None
    dinilai: int | None


class KebutuhanPegawaiOut(Schema):
    pegawai_id: int
    kebutuhan: list[KebutuhanPengembanganOut]


class AnalisisKebutuhanFilter(In):
    opd_id: int | None = Field(None, ge=1, le=MAX_ID)
    unit_id: int | None = Field(None, ge=1, le=MAX_ID)
    per: PengelompokanAnalisisIn = PengelompokanAnalisisIn.OPD
    belum_dinilai: bool = False


class AnalisisKebutuhanBarisOut(Schema):
    kode: str
    jenis: str
    judul: str
    jumlah: int
    persen: float


class AnalisisKebutuhanUnitOut(Schema):
    nama: str
    jumlah_pegawai: int
    kebutuhan: list[AnalisisKebutuhanBarisOut]


class AnalisisKebutuhanOut(Schema):
    jumlah_pegawai: int
    sumber: str = Field(
        "langsung",
        description="tersimpan: dari perhitungan terakhir (dihitung_pada); langsung: dihitung sekarang; "
        "belum: cakupan besar yang belum pernah dihitung.",
    )
    dihitung_pada: dt.datetime | None = None
    kebutuhan: list[AnalisisKebutuhanBarisOut]
    per_unit: list[AnalisisKebutuhanUnitOut]
