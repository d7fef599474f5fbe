"""A person's course and training history in SIASN's layouts (domain brief §7), read set-based.

The history is every completed catalogue enrolment (`Pendaftaran` SELESAI), every verified
self-development (`PengembanganMandiri` DIVERIFIKASI) and every row imported from SIASN
(`RiwayatSiasn`): three queries for any number of people. A structural training (`refs.
latihan_struktural_for`) goes to the `diklat` layout, everything else to `kursus`.

SIASN names the employee by `pnsOrangId`, its own internal id, which Karier does not hold; the
exchange identifies the employee by NIP (the first column of both layouts), from which SIASN's
operators find the pnsOrangId.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet

from karier.development.exchange import refs
from karier.development.models import (
    SIASN_JENIS_DIKLAT,
    LayoutSiasn,
    Pendaftaran,
    PengembanganMandiri,
    Penyelenggara,
    RiwayatSiasn,
    StatusMandiri,
    StatusPendaftaran,
)
from karier.people.models import Pegawai

KURSUS = "kursus"
DIKLAT = "diklat"
KOLOM: dict[str, tuple[str, ...]] = {
    KURSUS: (
        "nip",
        "institusiPenyelenggara",
        "jenisDiklatId",
        "jenisKursus",
        "jumlahJam",
        "namaKursus",
        "nomorSertipikat",
        "tahunKursus",
        "tanggalKursus",
        "tanggalSelesaiKursus",
    ),
    DIKLAT: (
        "nip",
        "latihanStrukturalId",
        "nomor",
        "tahun",
        "tanggal",
        "tanggalSelesai",
        "jumlahJam",
        "institusiPenyelenggara",
    ),
}
LAYOUT_OF = {KURSUS: LayoutSiasn.KURSUS, DIKLAT: LayoutSiasn.DIKLAT}
TANGGAL = "%d-%m-%Y"  # SIASN's d-m-Y


@dataclass(frozen=True)
class Riwayat:
    """One history row, whatever it came from."""

    pegawai_id: int
    nip: str
    layout: str  # KURSUS or DIKLAT
    nama: str
    institusi: str
    jenis_diklat_id: str
    jenis_kursus: str
    latihan_struktural_id: str
    nomor: str
    tahun: int
    mulai: dt.date
    selesai: dt.date
    jumlah_jam: Decimal

    def key(self) -> tuple[Any, ...]:
        """What makes two rows the same course: the person, the layout, the course, its dates."""
        what = self.latihan_struktural_id if self.layout == DIKLAT else " ".join(self.nama.split()).casefold()
        return (self.pegawai_id, self.layout, what, self.mulai, self.selesai)

    def values(self) -> list[Any]:
        """The row in its layout's column order (dates as d-m-Y text, hours and year as numbers)."""
        j = self.jumlah_jam
        jam = int(j) if j == j.to_integral_value() else j.normalize()
        if self.layout == DIKLAT:
            return [
                self.nip,
                self.latihan_struktural_id,
                self.nomor,
                self.tahun,
                self.mulai.strftime(TANGGAL),
                self.selesai.strftime(TANGGAL),
                jam,
                self.institusi,
            ]
        return [
            self.nip,
            self.institusi,
            self.jenis_diklat_id,
            self.jenis_kursus,
            jam,
            self.nama,
            self.nomor,
            self.tahun,
            self.mulai.strftime(TANGGAL),
            self.selesai.strftime(TANGGAL),
        ]


def _row(
    pegawai_id: int, nip: str, nama: str, institusi: str, jenis_diklat_id: str, jenis_kursus: str, **kw: Any
) -> Riwayat:
    ls_id = refs.latihan_struktural_for(nama, jenis_diklat_id)
    layout = DIKLAT if ls_id else KURSUS
    return Riwayat(
        pegawai_id=pegawai_id,
        nip=nip,
        layout=layout,
        nama=nama,
        institusi=institusi,
        jenis_diklat_id=refs.JENIS_DIKLAT_STRUKTURAL if ls_id else jenis_diklat_id,
        jenis_kursus="" if ls_id else jenis_kursus,
        latihan_struktural_id=ls_id or "",
        **kw,
    )


def history(people: QuerySet[Pegawai], tahun: int | None = None) -> Iterator[Riwayat]:
    """Every history row of `people` (of the year the activity ended, when given). Three queries."""
    enrolments = Pendaftaran.objects.filter(status=StatusPendaftaran.SELESAI, pegawai__in=people)
    mandiri = PengembanganMandiri.objects.filter(status=StatusMandiri.DIVERIFIKASI, pegawai__in=people)
    imported = RiwayatSiasn.objects.filter(pegawai__in=people)
    if tahun is not None:
        enrolments = enrolments.filter(sesi__selesai__year=tahun)
        mandiri = mandiri.filter(selesai__year=tahun)
        imported = imported.filter(selesai__year=tahun)
    labels = dict(Penyelenggara.choices)
    for pid, nip, nama, penyelenggara, jd, jk, kjp, cjp, mulai, selesai in enrolments.values_list(
        "pegawai_id",
        "pegawai__nip",
        "sesi__kegiatan__nama",
        "sesi__kegiatan__penyelenggara",
        "sesi__kegiatan__jenis_diklat_siasn",
        "sesi__kegiatan__jenis_kursus_siasn",
        "sesi__kegiatan__jp",
        "catatan_jp__jp",
        "sesi__mulai",
        "sesi__selesai",
    ).iterator(chunk_size=2000):
        yield _row(
            pid,
            nip,
            nama,
            str(labels.get(penyelenggara, penyelenggara)),
            jd,
            jk,
            nomor="",
            tahun=selesai.year,
            mulai=mulai,
            selesai=selesai,
            jumlah_jam=Decimal(cjp if cjp is not None else kjp),
        )
    for pid, nip, judul, metode, penyelenggara, mulai, selesai, jp in mandiri.values_list(
        "pegawai_id", "pegawai__nip", "judul", "metode", "penyelenggara", "mulai", "selesai", "jp"
    ).iterator(chunk_size=2000):
        yield _row(
            pid,
            nip,
            judul,
            penyelenggara,
            SIASN_JENIS_DIKLAT.get(metode, ""),
            "",
            nomor="",
            tahun=selesai.year,
            mulai=mulai,
            selesai=selesai,
            jumlah_jam=Decimal(jp),
        )
    for r in (
        imported.select_related("pegawai")
        .only("pegawai__nip", *[f.name for f in RiwayatSiasn._meta.concrete_fields if f.name != "pegawai"])
        .iterator(chunk_size=2000)
    ):
        yield Riwayat(
            pegawai_id=r.pegawai_id,
            nip=r.pegawai.nip,
            layout=DIKLAT if r.layout == LayoutSiasn.DIKLAT else KURSUS,
            nama=r.nama,
            institusi=r.institusi,
            jenis_diklat_id=r.jenis_diklat_id,
            jenis_kursus=r.jenis_kursus,
            latihan_struktural_id=r.latihan_struktural_id,
            nomor=r.nomor,
            tahun=r.tahun,
            mulai=r.mulai,
            selesai=r.selesai,
            jumlah_jam=Decimal(r.jumlah_jam),
        )


def split(rows: Iterator[Riwayat]) -> dict[str, list[Riwayat]]:
    """The rows by layout, each sorted by NIP, end date, name (a stable file for a diff)."""
    out: dict[str, list[Riwayat]] = {KURSUS: [], DIKLAT: []}
    for r in rows:
        out[r.layout].append(r)
    for items in out.values():
        items.sort(key=lambda r: (r.nip, r.selesai, r.mulai, r.nama))
    return out
