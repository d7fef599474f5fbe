"""The SKP as documents (issue #4, part 6): PDF in the official layout (WeasyPrint) and Excel.

Layout (PermenPANRB 6/2022 forms): header block with the employee and the appraiser (nama, NIP,
pangkat/gol. ruang, jabatan, unit kerja) and the period; A. hasil kerja utama and B. tambahan
(No · RHK atasan yang diintervensi · RHK · aspek · IKI · target; JPT plans carry the perspektif
instead of the superior's RHK); perilaku kerja (the 7 BerAKHLAK values, their 3 panduan and the
ekspektasi khusus pimpinan); signature blocks; lampiran (dukungan sumber daya, skema
pertanggungjawaban, konsekuensi). Both renderers read one `SkpDocument` built in five queries.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone

from karier.core.excel import append_row, cells, limit_note, safe_row
from karier.core.numbers import angka
from karier.core.official import final_pdf, in_indonesian, pdf_of
from karier.people.choices import JenisJabatan
from karier.people.models import Pegawai
from karier.plans.choices import JenisHasil, StatusSkp
from karier.plans.models import Skp
from karier.rules import BULAN, nip_as_printed
from karier.standards.models import NilaiBerakhlak

PEMERINTAH = "PEMERINTAH PROVINSI BENGKULU"
TEMPAT = "Bengkulu"
JPT = (JenisJabatan.JPT_UTAMA, JenisJabatan.JPT_MADYA, JenisJabatan.JPT_PRATAMA)
PDF = "application/pdf"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def tanggal(d: dt.date, *, tahun: bool = True) -> str:
    """01 Januari 2026 (Indonesian month names, whatever the active language)."""
    s = f"{d.day:02d} {BULAN[d.month - 1]}"
    return f"{s} {d.year}" if tahun else s


def periode(mulai: dt.date, selesai: dt.date) -> str:
    """'01 Januari s.d. 31 Desember 2026' (the year once when both dates share it)."""
    if mulai.year == selesai.year:
        return f"{tanggal(mulai, tahun=False)} s.d. {tanggal(selesai)}"
    return f"{tanggal(mulai)} s.d. {tanggal(selesai)}"


def target_text(nilai: Decimal | None, satuan: str, uraian: str) -> str:
    if nilai is None:
        return uraian
    return f"{angka(nilai.normalize())} {satuan}".strip()


@dataclass(frozen=True)
class Orang:
    nama: str
    nip: str
    pangkat: str
    jabatan: str
    unit: str

    @classmethod
    def of(cls, p: Pegawai | None, jabatan: str, unit: str) -> Orang:
        if p is None:
            return cls("-", "-", "-", jabatan or "-", unit or "-")
        pangkat = f"{p.golongan.pangkat}, {p.golongan.kode}" if p.golongan else "-"
        return cls(p.nama_lengkap, nip_as_printed(p.nip), pangkat, jabatan or "-", unit or "-")


@dataclass
class BarisHasil:
    no: int
    rhk_atasan: str
    rhk: str
    perspektif: str
    iki: list[tuple[str, str, str]]  # (aspek, indikator, target)

    @property
    def rowspan(self) -> int:
        return max(1, len(self.iki))


@dataclass
class BarisPerilaku:
    no: int
    nilai: str
    panduan: list[str]
    ekspektasi: str


@dataclass
class SkpDocument:
    skp: Skp
    pegawai: Orang
    penilai: Orang
    periode: str
    tahun: int
    jpt: bool
    utama: list[BarisHasil] = field(default_factory=list)
    tambahan: list[BarisHasil] = field(default_factory=list)
    perilaku: list[BarisPerilaku] = field(default_factory=list)
    tanggal_ttd: str = ""
    draf: bool = True

    @property
    def judul(self) -> str:
        return "BAGI PEJABAT PIMPINAN TINGGI" if self.jpt else "BAGI PEJABAT ADMINISTRASI DAN PEJABAT FUNGSIONAL"

    @property
    def filename_stem(self) -> str:
        return f"SKP-{self.skp.pegawai.nip}-{self.tahun}"


@in_indonesian
def skp_document(skp_id: int) -> SkpDocument:
    """Everything a document shows, in five queries (plan + people, RHK, IKI, perilaku, values)."""
    skp = Skp.objects.select_related(
        "pegawai__golongan",
        "jabatan",
        "unit",
        "penilai__golongan",
        "penilai_jabatan__unit",
    ).get(pk=skp_id)
    rhk = list(skp.rhk.select_related("rhk_atasan").prefetch_related("iki").order_by("jenis", "urutan", "id"))
    expectations = dict(skp.perilaku.values_list("nilai_id", "ekspektasi_khusus"))
    nilai = list(NilaiBerakhlak.objects.prefetch_related("panduan").order_by("urutan"))
    jpt = skp.jabatan.jenis in JPT
    doc = SkpDocument(
        skp=skp,
        pegawai=Orang.of(skp.pegawai, skp.jabatan.nama, skp.unit.nama),
        penilai=Orang.of(
            skp.penilai,
            skp.penilai_jabatan.nama if skp.penilai_jabatan else "",
            skp.penilai_jabatan.unit.nama if skp.penilai_jabatan else "",
        ),
        periode=periode(skp.periode_mulai, skp.periode_selesai),
        tahun=skp.tahun_id,
        jpt=jpt,
        draf=skp.status != StatusSkp.DISETUJUI,
    )
    for r in rhk:
        section = doc.utama if r.jenis == JenisHasil.UTAMA else doc.tambahan
        section.append(
            BarisHasil(
                no=len(section) + 1,
                rhk_atasan=r.rhk_atasan.teks if r.rhk_atasan else "",
                rhk=r.teks,
                perspektif=r.get_perspektif_display() if r.perspektif else "",
                iki=[
                    (i.get_aspek_display(), i.indikator, target_text(i.target_angka, i.satuan, i.target_kualitatif))
                    for i in r.iki.all()
                ],
            )
        )
    doc.perilaku = [
        BarisPerilaku(
            no=n.urutan, nilai=n.nama, panduan=[p.teks for p in n.panduan.all()], ekspektasi=expectations.get(n.pk, "")
        )
        for n in nilai
    ]
    signed = timezone.localtime(skp.disetujui_pada).date() if skp.disetujui_pada else timezone.localdate()
    doc.tanggal_ttd = f"{TEMPAT}, {tanggal(signed)}"
    return doc


# ---------------------------------------------------------------------------- PDF
@in_indonesian
def skp_html(doc: SkpDocument) -> str:
    return render_to_string("plans/pdf/skp.html", {"doc": doc, "pemerintah": PEMERINTAH})


def skp_pdf(skp: Skp | int) -> bytes:
    """A4 PDF in the official layout (WeasyPrint; about a third of a second per plan)."""
    return pdf_bytes(skp_document(skp if isinstance(skp, int) else skp.pk))


def pdf_bytes(doc: SkpDocument) -> bytes:
    """An approved plan is fixed: rendered once (`final_pdf`); a draft each time."""
    html = skp_html(doc)
    return pdf_of(html) if doc.draf else final_pdf(html, "dokumen/skp")


# ---------------------------------------------------------------------------- Excel
def skp_xlsx(skp: Skp | int) -> bytes:
    """The same content as the PDF on one sheet, section by section (openpyxl)."""
    return xlsx_bytes(skp_document(skp if isinstance(skp, int) else skp.pk))


def xlsx_bytes(doc: SkpDocument) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "SKP"
    bold = Font(bold=True)
    head_fill = PatternFill("solid", fgColor="DDDDDD")
    thin = Side(style="thin", color="888888")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")
    widths = (5, 38, 38, 14, 38, 18)
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w

    def line(
        values: list[Any], *, font: Font | None = None, fill: PatternFill | None = None, border: bool = False
    ) -> None:
        ws.append(cells(ws, values))
        for cell in ws[ws.max_row]:
            cell.alignment = wrap
            if font:
                cell.font = font
            if fill:
                cell.fill = fill
            if border and cell.column <= len(values):
                cell.border = box

    line(["SASARAN KINERJA PEGAWAI"], font=Font(bold=True, size=13))
    line(["PENDEKATAN HASIL KERJA KUANTITATIF"], font=bold)
    line([doc.judul], font=bold)
    if doc.draf:
        line([f"DRAF — status {doc.skp.get_status_display()}"])
    line([PEMERINTAH, "", "", "", "PERIODE PENILAIAN:", doc.periode], font=bold)
    line([])
    line(
        ["No", "PEGAWAI YANG DINILAI", "", "No", "PEJABAT PENILAI KINERJA", ""], font=bold, fill=head_fill, border=True
    )
    for n, label, a, b in (
        (1, "Nama", doc.pegawai.nama, doc.penilai.nama),
        (2, "NIP", doc.pegawai.nip, doc.penilai.nip),
        (3, "Pangkat/Gol. Ruang", doc.pegawai.pangkat, doc.penilai.pangkat),
        (4, "Jabatan", doc.pegawai.jabatan, doc.penilai.jabatan),
        (5, "Unit kerja", doc.pegawai.unit, doc.penilai.unit),
    ):
        line([n, label, a, n, label, b], border=True)
    line([])
    line(["HASIL KERJA"], font=bold)
    second = "Perspektif" if doc.jpt else "RHK Atasan yang Diintervensi"
    line(
        ["No", second, "Rencana Hasil Kerja", "Aspek", "Indikator Kinerja Individu", "Target"],
        font=bold,
        fill=head_fill,
        border=True,
    )
    for title, rows in (("A. Utama", doc.utama), ("B. Tambahan", doc.tambahan)):
        line([title], font=bold)
        if not rows:
            line(["", "-", "-", "-", "-", "-"], border=True)
        for r in rows:
            iki = r.iki or [("", "", "")]
            for j, (aspek, indikator, target) in enumerate(iki):
                first = j == 0
                line(
                    [
                        r.no if first else "",
                        (r.perspektif if doc.jpt else r.rhk_atasan) if first else "",
                        r.rhk if first else "",
                        aspek,
                        indikator,
                        target,
                    ],
                    border=True,
                )
    line([])
    line(["PERILAKU KERJA"], font=bold)
    line(
        ["No", "Perilaku Kerja", "Panduan Perilaku", "", "Ekspektasi Khusus Pimpinan"],
        font=bold,
        fill=head_fill,
        border=True,
    )
    for p in doc.perilaku:
        line([p.no, p.nilai, "\n".join(f"• {t}" for t in p.panduan), "", p.ekspektasi or "-"], border=True)
    line([])
    line(["", "Pegawai yang Dinilai", "", "", doc.tanggal_ttd])
    line(["", "", "", "", "Pejabat Penilai Kinerja"])
    line([])
    line(["", doc.pegawai.nama, "", "", doc.penilai.nama], font=bold)
    line(["", f"NIP {doc.pegawai.nip}", "", "", f"NIP {doc.penilai.nip}"])
    line([])
    line(["LAMPIRAN SASARAN KINERJA PEGAWAI"], font=bold)
    for title, text in (
        ("Dukungan Sumber Daya", doc.skp.dukungan_sumber_daya),
        ("Skema Pertanggungjawaban", doc.skp.skema_pertanggungjawaban),
        ("Konsekuensi", doc.skp.konsekuensi),
    ):
        line([title], font=bold)
        line(["", text or "-"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# ---------------------------------------------------------------------------- gap lists
EXPORT_LIMIT = 100_000


def gap_xlsx(kind: str, qs: Any) -> bytes:
    """A coverage gap list as Excel (write-only mode: constant memory; capped at EXPORT_LIMIT rows)."""
    from openpyxl import Workbook

    from karier.plans import cascade_coverage

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(cascade_coverage.GAPS[kind][:31])
    n = 0
    if kind == cascade_coverage.GAP_TANPA_SKP:
        ws.append(["NIP", "Nama", "Jabatan", "Unit kerja", "Perangkat daerah"])
        for nip, nama, jabatan, unit, opd in qs.values_list("nip", "nama", "jabatan__nama", "unit__nama", "opd__nama")[
            :EXPORT_LIMIT
        ].iterator(chunk_size=2000):
            append_row(ws, [nip_as_printed(nip), nama, jabatan, unit, opd])
            n += 1
    elif kind == cascade_coverage.GAP_RHK_YATIM:
        ws.append(["NIP", "Nama", "Jabatan", "Unit kerja", "Rencana hasil kerja"])
        for nip, nama, jabatan, unit, teks in qs.values_list(
            "skp__pegawai__nip", "skp__pegawai__nama", "skp__jabatan__nama", "skp__unit__nama", "teks"
        )[:EXPORT_LIMIT].iterator(chunk_size=2000):
            append_row(ws, [nip_as_printed(nip), nama, jabatan, unit, teks])
            n += 1
    else:
        ws.append(["Kode", "Indikator", "Satuan", "Tingkat", "Perangkat daerah"])
        for kode, nama, satuan, opd in qs.values_list("kode", "nama", "satuan", "opd_nama")[:EXPORT_LIMIT]:
            append_row(ws, [kode, nama, satuan, "Perangkat daerah" if opd else "Provinsi (IKU)", opd or ""])
            n += 1
    if n == EXPORT_LIMIT:
        ws.append(safe_row([limit_note(EXPORT_LIMIT)]))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
