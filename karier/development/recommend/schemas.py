"""Shapes of the recommendation API (issue #11 item 5)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ninja import Field, Schema

from karier.api.schemas import MAX_ID, In


class SesiRingkasOut(Schema):
    id: int
    nama: str
    mulai: dt.date
    selesai: dt.date
    kursi_tersisa: int


class RekomendasiOut(Schema):
    peringkat: int
    kegiatan_id: int
    kegiatan: str
    kode: str
    jp: Decimal
    skor: int
    kompetensi_kode: str = Field("", description="Kompetensi yang terutama dikembangkan (kosong bila tidak ada).")
    dari: int | None = Field(None, description="Level dinilai saat ini (kosong: belum pernah dinilai).")
    ke: int | None = Field(None, description="Level yang dicapai kegiatan ini, paling tinggi yang disyaratkan.")
    disyaratkan: int | None = None
    sinyal: str = Field("", description="Sinyal kinerja yang dijawab, mis. perilaku:ADAPTIF.")
    lainnya: int = Field(0, description="Jumlah kebutuhan lain yang juga dijawab.")
    alasan: str
    sesi: list[SesiRingkasOut]


class RekomendasiPegawaiOut(Schema):
    pegawai_id: int
    dihitung_pada: dt.datetime | None = Field(
        None, description="Akhir perhitungan tersimpan; kosong bila dihitung langsung."
    )
    dihitung_langsung: bool
    rekomendasi: list[RekomendasiOut]


class KebutuhanTimOut(Schema):
    kode: str
    judul: str
    jumlah: int


class SesiTimOut(SesiRingkasOut):
    kegiatan_id: int
    kegiatan: str
    direkomendasikan_untuk: int


class RekomendasiTimOut(Schema):
    jumlah_anggota: int
    dihitung_pada: dt.datetime | None
    kebutuhan: list[KebutuhanTimOut]
    sesi: list[SesiTimOut]


class HitungIn(In):
    opd_id: int | None = Field(None, ge=1, le=MAX_ID, description="Perangkat daerah; kosong: semua (admin BKD).")
