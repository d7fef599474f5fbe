"""The Perjanjian Kinerja as the official PDF (issue #10: it had Excel but no PDF).

Layout of PermenPANRB 53/2014 (Lampiran, format perjanjian kinerja eselon II): the title "PERJANJIAN
KINERJA TAHUN <yyyy>", the statement "Dalam rangka mewujudkan manajemen pemerintahan yang efektif,
transparan, dan akuntabel …" naming pihak pertama (the agency head: nama, jabatan) and pihak kedua
(his superior — for a provincial agency head the Gubernur, as `glossary.perjanjian_kinerja` says), the
two commitment paragraphs, the signatures with place and date, then the attachment: No · Sasaran
strategis · Indikator kinerja · Target (with its satuan), signed again. Karier keeps no program or
budget per row, so the attachment has no "Program / Anggaran" part.

The Gubernur is not an ASN and is not in Karier's staff data: his name is left as a line to be
written by hand. Numbers are the Indonesian way (`karier.core.numbers.angka`: 1.250.000; 73,8).
A draft (not yet signed) says so on every page. Built in three queries (agreement, head, rows).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone

from karier.core.numbers import angka
from karier.core.official import in_indonesian
from karier.people.choices import JenisPenugasan
from karier.people.models import Jabatan
from karier.people.selectors import holder_on
from karier.rules import BULAN, nip_as_printed
from karier.standards import selectors
from karier.standards.choices import StatusPerjanjian
from karier.standards.models import PerjanjianKinerja

PEMERINTAH = "PEMERINTAH PROVINSI BENGKULU"
TEMPAT = "Bengkulu"
KEPALA_DAERAH = "Gubernur Bengkulu"
PDF = "application/pdf"


def tanggal(d: dt.date) -> str:
    """01 Januari 2026 (Indonesian month names, whatever the active language)."""
    return f"{d.day:02d} {BULAN[d.month - 1]} {d.year}"


def target_text(nilai: Decimal | None, satuan: str, uraian: str) -> str:
    """The target as printed ("1.250.000 orang", "73,8 %"), or the written target without a number."""
    if nilai is None:
        return uraian or "-"
    return f"{angka(nilai.normalize())} {satuan}".strip()


@dataclass(frozen=True)
class Pihak:
    nama: str
    nip: str
    jabatan: str


@dataclass(frozen=True)
class BarisPk:
    no: int
    sasaran: str
    indikator: str
    target: str


@dataclass
class PerjanjianDocument:
    pk: PerjanjianKinerja
    pertama: Pihak
    kedua: Pihak
    tempat_tanggal: str
    baris: list[BarisPk] = field(default_factory=list)

    @property
    def draf(self) -> bool:
        return self.pk.status != StatusPerjanjian.DITANDATANGANI

    @property
    def filename_stem(self) -> str:
        return f"Perjanjian-Kinerja-{self.pk.opd_id}-{self.pk.tahun}"


def _kepala(pk: PerjanjianKinerja, on: dt.date) -> Pihak:
    """The agency head on the signing day (definitive holder, else Plt/Plh) — pihak pertama."""
    jab = Jabatan.objects.filter(unit_id=pk.opd_id, adalah_kepala_unit=True).order_by("pk").first()
    if jab is None:
        return Pihak("", "", f"Kepala {pk.opd.nama}")
    holder = holder_on(jab, on)
    if holder is None:
        return Pihak("", "", jab.nama)
    sementara = {JenisPenugasan.PLT: "Plt. ", JenisPenugasan.PLH: "Plh. "}.get(holder.jenis, "")  # type: ignore[call-overload]
    return Pihak(holder.pegawai.nama_lengkap, nip_as_printed(holder.pegawai.nip), f"{sementara}{jab.nama}")


def perjanjian_frozen(doc: PerjanjianDocument) -> dict[str, Any]:
    """The document as stored at signing (`PerjanjianKinerja.dokumen`)."""
    return {
        "pertama": asdict(doc.pertama),
        "kedua": asdict(doc.kedua),
        "tempat_tanggal": doc.tempat_tanggal,
        "baris": [asdict(b) for b in doc.baris],
    }


@in_indonesian
def perjanjian_document(pk: PerjanjianKinerja) -> PerjanjianDocument:
    """What the PDF states: a signed agreement as frozen when it was signed, a draft as of today."""
    if pk.status == StatusPerjanjian.DITANDATANGANI and pk.dokumen:
        d = pk.dokumen
        return PerjanjianDocument(
            pk=pk,
            pertama=Pihak(**d["pertama"]),
            kedua=Pihak(**d["kedua"]),
            tempat_tanggal=d["tempat_tanggal"],
            baris=[BarisPk(**b) for b in d["baris"]],
        )
    on = pk.ditandatangani_pada or timezone.localdate()
    rows = selectors.perjanjian_rows(pk)
    return PerjanjianDocument(
        pk=pk,
        pertama=_kepala(pk, on),
        kedua=Pihak("", "", KEPALA_DAERAH),
        tempat_tanggal=f"{TEMPAT}, {tanggal(on)}",
        baris=[
            BarisPk(
                no=n,
                sasaran=r.sasaran.teks,
                indikator=r.indikator.nama,
                target=target_text(r.target, r.indikator.satuan, r.target_kualitatif),
            )
            for n, r in enumerate(rows, start=1)
        ],
    )


@in_indonesian
def perjanjian_pdf(doc: PerjanjianDocument) -> bytes:
    """A4 PDF (WeasyPrint), like the SKP and the evaluation documents."""
    from weasyprint import HTML

    html = render_to_string("standards/pdf/perjanjian.html", {"doc": doc, "pemerintah": PEMERINTAH})
    pdf: bytes = HTML(string=html).write_pdf()
    return pdf
