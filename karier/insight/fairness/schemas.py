"""Shapes of the fairness API (issue #13 item 2). A suppressed group (fewer than 5 people) has
`disembunyikan: true`, `jumlah: "< 5"` and null figures — never a number that could point at someone."""

from __future__ import annotations

from ninja import Field, Schema


class DistribusiOut(Schema):
    label: str
    jumlah: str = Field(..., description='Jumlah orang, atau "< 5" bila kelompok disembunyikan.')
    disembunyikan: bool
    predikat: dict[str, int] | None
    persen: dict[str, float] | None


class KeadilanPenilaiOut(Schema):
    penilai_id: int | None
    nama: str
    jumlah: str
    disembunyikan: bool
    predikat: dict[str, int] | None
    persen: dict[str, float] | None
    rating_hasil_kerja: dict[str, int] | None
    rating_perilaku: dict[str, int] | None
    sebaran_persen: dict[str, float] | None = Field(..., description="atas / tengah / bawah, dalam persen.")
    tanda: list[str] = Field(..., description="LONGGAR, KETAT, TENGAH, SERAGAM.")
    tanpa_alasan: int | None
    alasan_wajib_kosong: int | None
    massal_tanpa_umpan_balik: int | None
    kalibrasi: int | None


class PemindahOut(Schema):
    nama: str
    naik: int
    turun: int


class KalibrasiUnitOut(Schema):
    unit_id: int
    unit: str
    jumlah: str
    disembunyikan: bool
    naik: int | None
    turun: int | None
    oleh: list[PemindahOut] | None


class RingkasanOut(Schema):
    tanpa_alasan: int | None
    alasan_wajib_kosong: int | None
    dinilai_massal: int | None
    massal_tanpa_umpan_balik: int | None
    perpindahan_kalibrasi: int | None


class PenjelasanOut(Schema):
    judul: str
    artinya: str
    tindakan: str


class TandaOut(PenjelasanOut):
    label: str


class KeadilanOut(Schema):
    opd_id: int
    opd: str
    tahun: int
    ambang_minimum: int = Field(..., description="Kelompok lebih kecil dari ini disembunyikan.")
    perangkat_daerah: DistribusiOut
    rating_hasil_kerja: dict[str, int] | None
    rating_perilaku: dict[str, int] | None
    sebaran_persen: dict[str, float] | None
    penilai: list[KeadilanPenilaiOut]
    kelompok: dict[str, list[DistribusiOut]] = Field(
        ..., description="jenis_kelamin, usia, golongan, jenis_jabatan, unit."
    )
    kalibrasi: list[KalibrasiUnitOut]
    ringkasan: RingkasanOut
    tanda: dict[str, TandaOut]
    penjelasan: dict[str, PenjelasanOut]
