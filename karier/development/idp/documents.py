"""The development plan as an official PDF (issue #11 item 9): "RENCANA PENGEMBANGAN KOMPETENSI
TAHUN <yyyy>", the employee and the superior, one row per activity with the need it closes, the
target month, the planned JP and what came of it, and the signature block of both.

Official documents stay Indonesian whatever the reader's language (`in_indonesian`); numbers and
dates the Indonesian way (`angka`: 12,5; "03 Februari 2026"). A plan not yet agreed says DRAF on
every page. Built in a fixed number of queries (plan, items, the superior).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils import timezone

from karier.core.numbers import angka
from karier.core.official import in_indonesian
from karier.development.idp.selectors import items_of
from karier.development.models import RencanaPengembangan, StatusRencana
from karier.people.models import Pegawai
from karier.people.selectors import appraiser_on
from karier.rules import BULAN, nip_as_printed
from karier.standards.documents import PDF, PEMERINTAH, TEMPAT, tanggal

__all__ = ["PDF", "RencanaDocument", "rencana_document", "rencana_pdf"]


@dataclass(frozen=True)
class Pihak:
    nama: str
    nip: str
    jabatan: str


@dataclass(frozen=True)
class BarisIdp:
    no: int
    kegiatan: str
    metode: str
    kebutuhan: str
    tanpa_kesenjangan: bool
    target: str
    jp: str
    pelaksanaan: str


@dataclass
class RencanaDocument:
    rencana: RencanaPengembangan
    opd: str
    pegawai: Pihak
    unit: str
    atasan: Pihak
    tempat_tanggal: str
    jp_total: str
    baris: list[BarisIdp] = field(default_factory=list)

    @property
    def draf(self) -> bool:
        return self.rencana.status != StatusRencana.DISETUJUI

    @property
    def filename_stem(self) -> str:
        return f"Rencana-Pengembangan-{self.rencana.pegawai.nip}-{self.rencana.tahun}"


@in_indonesian
def rencana_document(rencana: RencanaPengembangan) -> RencanaDocument:
    pegawai = Pegawai.objects.select_related("jabatan", "unit", "opd").get(pk=rencana.pegawai_id)
    rencana.pegawai = pegawai
    on = timezone.localtime(rencana.diputuskan_pada).date() if rencana.diputuskan_pada else timezone.localdate()
    found = appraiser_on(pegawai.pk, on)
    atasan = (
        Pihak(
            found.pegawai.nama_lengkap,
            nip_as_printed(found.pegawai.nip),
            {"PLT": "Plt. ", "PLH": "Plh. "}.get(found.jenis, "") + found.jabatan.nama,
        )
        if found is not None
        else Pihak("", "", "Atasan langsung")
    )
    items = items_of(rencana)
    rows = []
    total = Decimal(0)
    for n, i in enumerate(items, start=1):
        jp = i.jp_rencana if i.jp_rencana is not None else (i.kegiatan.jp if i.kegiatan else None)
        total += jp or Decimal(0)
        if i.tanpa_kesenjangan:
            kebutuhan = "Tanpa kesenjangan"
        elif i.level_ke is not None:
            dari = f"level {i.level_dari}" if i.level_dari is not None else "belum dinilai"
            kebutuhan = f"{i.kebutuhan_judul}: {dari} → level {i.level_ke}"
        else:
            kebutuhan = i.kebutuhan_judul
        hasil = i.hasil  # type: ignore[attr-defined]
        rows.append(
            BarisIdp(
                no=n,
                kegiatan=i.kegiatan.nama if i.kegiatan else i.judul,
                metode=(
                    f"{i.kegiatan.get_metode_display()} · {i.kegiatan.get_penyelenggara_display()}"
                    if i.kegiatan
                    else " · ".join(x for x in (str(i.get_metode_display()), i.penyelenggara) if x)
                ),
                kebutuhan=kebutuhan,
                tanpa_kesenjangan=i.tanpa_kesenjangan,
                target=f"{BULAN[i.target_bulan - 1]} (Triwulan {i.triwulan})" if i.target_bulan else "-",
                jp=angka(jp.normalize()) if jp is not None else "-",
                pelaksanaan=hasil.label + (f" ({angka(hasil.jp.normalize())} JP)" if hasil.jp is not None else ""),
            )
        )
    return RencanaDocument(
        rencana=rencana,
        opd=pegawai.opd.nama if pegawai.opd else "",
        pegawai=Pihak(
            pegawai.nama_lengkap, nip_as_printed(pegawai.nip), pegawai.jabatan.nama if pegawai.jabatan else ""
        ),
        unit=pegawai.unit.nama if pegawai.unit else "",
        atasan=atasan,
        tempat_tanggal=f"{TEMPAT}, {tanggal(on)}",
        jp_total=angka(total.normalize()),
        baris=rows,
    )


@in_indonesian
def rencana_pdf(doc: RencanaDocument) -> bytes:
    """A4 PDF (WeasyPrint), like the SKP and the Perjanjian Kinerja."""
    from weasyprint import HTML

    html = render_to_string("development/idp/pdf/rencana.html", {"doc": doc, "pemerintah": PEMERINTAH})
    pdf: bytes = HTML(string=html).write_pdf()
    return pdf
