"""Shapes of the career page's API."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ninja import Schema


class PeristiwaOut(Schema):
    tanggal: dt.date
    jenis: str
    judul: str
    rincian: str


class TahunOut(Schema):
    tahun: int
    predikat: str | None
    angka_kredit: str | None
    jp: Decimal | None
    kotak: int | None


class KenaikanOut(Schema):
    layak: bool
    tmt_terdekat: dt.date | None
    golongan_berikut: str | None
    alasan: list[str]


class KotakKarierOut(Schema):
    tahun: int
    kotak: int
    dikecualikan: bool


class LangkahOut(Schema):
    label: str
    persen: int
    teks: str
    terpenuhi: bool


class KarierOut(Schema):
    pegawai_id: int
    nama: str
    golongan: str | None
    tmt_golongan: dt.date | None
    jabatan: str | None
    riwayat: list[PeristiwaOut]
    tahun: list[TahunOut]
    kenaikan_pangkat: KenaikanOut | None
    kotak_talenta: KotakKarierOut | None
    langkah: list[LangkahOut]
    bimbingan_aktif: bool
