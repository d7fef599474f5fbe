"""API shapes of angka kredit. Credit figures go out as exact fractions ("91/2") and as decimals;
credit comes in as a number or Indonesian text ("45,5"); the services answer 409 in Bahasa Indonesia
when a value is refused."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ninja import Field, Schema

from karier.api.schemas import MAX_ID, In
from karier.people.choices import Jenjang
from karier.people.schemas import NO_CONTROL_CHARS


class EntriOut(Schema):
    id: int
    jenis: str
    tahun: int
    bulan: int
    jenjang: str
    golongan: str
    predikat: str
    pecahan: str = Field(..., description="Nilai pasti: pembilang/penyebut.")
    nilai: Decimal = Field(..., description="Nilai desimal (28 angka bermakna).")
    tampil: str = Field(..., description="Dua angka di belakang koma, cara Indonesia.")
    keterangan: str
    usulan_kenaikan_id: int | None


class SyaratOut(Schema):
    kode: str
    label: str
    terpenuhi: bool
    keterangan: str


class KreditOut(Schema):
    pegawai_id: int
    jenjang: str
    golongan: str
    total: str
    digunakan: str
    sisa: str
    sisa_pecahan: str
    langkah_berikut: str | None
    golongan_berikut: str | None
    jenjang_berikut: str | None
    kebutuhan: str
    kekurangan: str
    kebutuhan_jenjang: str
    kekurangan_jenjang: str
    memenuhi_angka_kredit: bool
    proyeksi_bulan: dt.date | None
    proyeksi: str
    syarat_jenjang: list[SyaratOut]
    entri: list[EntriOut]


class KonversiIn(In):
    nilai: Decimal | str = Field(..., description="Angka kredit konversi, mis. 45,5.")
    tahun: int = Field(..., ge=2000, le=2100)
    nomor_dokumen: str = Field(..., max_length=80, pattern=NO_CONTROL_CHARS)
    catatan: str = Field("", max_length=160, pattern=NO_CONTROL_CHARS)


class UjiIn(In):
    jenjang_tujuan: Jenjang
    tanggal: dt.date
    lulus: bool
    nomor_sertifikat: str = Field("", max_length=80, pattern=NO_CONTROL_CHARS)
    penyelenggara: str = Field("", max_length=200, pattern=NO_CONTROL_CHARS)


class UjiOut(Schema):
    id: int
    pegawai_id: int
    jenjang_tujuan: str
    tanggal: dt.date
    lulus: bool
    nomor_sertifikat: str
    penyelenggara: str


class FormasiQuery(In):
    opd_id: int | None = Field(None, ge=1, le=MAX_ID)
    jenjang: Jenjang | None = None
    q: str = Field("", max_length=100, pattern=NO_CONTROL_CHARS)


class FormasiIn(In):
    opd_id: int = Field(..., ge=1, le=MAX_ID)
    jabatan_fungsional_id: str = Field(..., min_length=1, max_length=40, pattern=NO_CONTROL_CHARS)
    jenjang: Jenjang
    jumlah: int = Field(..., ge=0, le=100_000)
    nomor_dokumen: str = Field("", max_length=80, pattern=NO_CONTROL_CHARS)


class FormasiOut(Schema):
    id: int
    opd_id: int
    opd_nama: str
    jabatan_fungsional_id: str
    jabatan_fungsional_nama: str
    jenjang: str
    jumlah: int
    nomor_dokumen: str


class PakIn(In):
    tahun: int = Field(..., ge=2000, le=2100)
    nomor: str = Field(..., max_length=80, pattern=NO_CONTROL_CHARS)
    tanggal: dt.date


class PakOut(Schema):
    id: int
    pegawai_id: int
    tahun: int
    nomor: str
    tanggal: dt.date
    hash: str
    konten: dict


class StatusQuery(In):
    opd_id: int | None = Field(None, ge=1, le=MAX_ID)
    jenjang: Jenjang | None = None
    memenuhi: bool | None = Field(None, description="true: angka kredit langkah berikutnya sudah cukup.")


class StatusCreditOut(Schema):
    pegawai_id: int
    nip: str
    nama: str
    opd_id: int | None
    jenjang: str
    golongan: str
    saldo: str
    saldo_pecahan: str
    total: str
    langkah_berikut: str
    golongan_berikut: str | None
    jenjang_berikut: str
    kebutuhan: str | None
    kekurangan: str | None
    proyeksi_bulan: dt.date | None
    dihitung_pada: dt.datetime
