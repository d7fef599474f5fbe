"""Appraisal documents (issue #5, part 7): PDF in the official layout (WeasyPrint) and an Excel recap.

- **Dokumen Evaluasi Kinerja Pegawai** (PermenPANRB 6/2022, Anak Lampiran 4): the period
  ("PERIODE: TRIWULAN I/II/III/IV-AKHIR"), the three people (pegawai yang dinilai, pejabat penilai
  kinerja, atasan pejabat penilai kinerja: nama, NIP, pangkat/gol. ruang, jabatan, unit kerja), the
  unit's predikat kinerja organisasi, HASIL KERJA (RHK · IKI · target · realisasi berdasarkan bukti
  dukung · umpan balik berkelanjutan) with the rating hasil kerja, PERILAKU KERJA (the 7 BerAKHLAK
  values with their panduan and the leader's specific expectations) with the rating perilaku, the
  PREDIKAT KINERJA PEGAWAI, and the signature blocks with their dates. Drafts (not final) say so.
- **Penetapan Predikat Kinerja** of a unit (SE MenPANRB 3/2023 "format penetapan predikat
  kinerja"): a decision of the unit head listing each person of the unit's calibration with the two
  ratings and the final predikat, the unit's result, the distribution against the curve and any
  recorded justification.
- **Rekap** of a unit as Excel (openpyxl): the distribution with its limits, then one row per person.

What the evaluation document states (live, or as frozen at a signature) is built in `document_content`.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone

from karier.appraisal.calibration import access as ca
from karier.appraisal.calibration.selectors import PREDIKAT_COLUMNS, UnitCalibration, unit_calibration
from karier.appraisal.choices import StatusEvaluasi
from karier.appraisal.evaluation.document_content import evaluasi_content, periode_label
from karier.appraisal.models import Evaluasi, PeriodePenilaian
from karier.core.official import final_pdf, in_indonesian, pdf_of
from karier.people.models import UnitKerja
from karier.people.selectors import holder_on
from karier.plans.documents import PDF, PEMERINTAH, TEMPAT, XLSX, Orang, periode, tanggal

__all__ = ["PDF", "XLSX", "evaluasi_document", "evaluasi_pdf", "penetapan_document", "penetapan_pdf", "rekap_xlsx"]


@dataclass
class BarisEvaluasi:
    no: int
    rhk: str
    perspektif: str
    iki: list[tuple[str, str, str]]  # (indikator, target, realisasi)
    umpan_balik: list[str]

    @property
    def rowspan(self) -> int:
        return max(1, len(self.iki))


@dataclass
class BarisPerilakuEv:
    no: int
    nilai: str
    panduan: list[str]
    ekspektasi: str


@dataclass
class EvaluasiDocument:
    ev: Evaluasi
    pegawai: Orang
    penilai: Orang
    atasan: Orang
    periode_label: str
    periode: str
    tahun: int
    predikat_organisasi: str
    utama: list[BarisEvaluasi] = field(default_factory=list)
    tambahan: list[BarisEvaluasi] = field(default_factory=list)
    perilaku: list[BarisPerilakuEv] = field(default_factory=list)
    predikat: str = ""
    ttd_penilai: str = ""
    ttd_atasan: str = ""
    tempat_tanggal: str = ""
    # What the document states, from the signed snapshot once signed (else live).
    status: str = ""
    rating_hasil_kerja: str = ""
    alasan_hasil_kerja: str = ""
    rating_perilaku: str = ""
    alasan_perilaku: str = ""
    predikat_awal: str = ""
    hash: str = ""  # sha256 of the signed snapshot; "" while unsigned

    @property
    def draf(self) -> bool:
        return self.status != StatusEvaluasi.FINAL

    @property
    def status_label(self) -> str:
        return str(dict(StatusEvaluasi.choices).get(self.status, self.status))

    @property
    def filename_stem(self) -> str:
        p = self.ev.periode
        return f"Evaluasi-{self.ev.pegawai.nip}-{self.tahun}-{p.jenis.lower()}{p.nomor or ''}"


@in_indonesian
def evaluasi_document(ev_id: int) -> EvaluasiDocument:
    """The evaluation document: from the signed snapshot of the current version once anyone has signed
    (with its hash), live before that. About ten queries either way."""
    from karier.appraisal.evaluation.snapshots import current

    ev = Evaluasi.objects.select_related("periode", "pegawai").get(pk=ev_id)
    snap = current(ev)
    isi = snap.isi if snap is not None else evaluasi_content(ev_id)
    nilai_ev = isi["nilai"]

    def baris(rows: list[dict[str, Any]]) -> list[BarisEvaluasi]:
        return [
            BarisEvaluasi(
                no=r["no"],
                rhk=r["rhk"],
                perspektif=r["perspektif"],
                iki=[(i[0], i[1], i[2]) for i in r["iki"]],
                umpan_balik=list(r["umpan_balik"]),
            )
            for r in rows
        ]

    return EvaluasiDocument(
        ev=ev,
        pegawai=Orang(**isi["pegawai"]),
        penilai=Orang(**isi["penilai"]),
        atasan=Orang(**isi["atasan"]),
        periode_label=isi["periode_label"],
        periode=isi["periode"],
        tahun=isi["tahun"],
        predikat_organisasi=isi["predikat_organisasi"],
        utama=baris(isi["utama"]),
        tambahan=baris(isi["tambahan"]),
        perilaku=[
            BarisPerilakuEv(no=p["no"], nilai=p["nilai"], panduan=list(p["panduan"]), ekspektasi=p["ekspektasi"])
            for p in isi["perilaku"]
        ],
        predikat=nilai_ev["predikat_akhir"] or nilai_ev["predikat"],
        ttd_penilai=isi["ttd_penilai"],
        ttd_atasan=isi["ttd_atasan"],
        tempat_tanggal=isi["tempat_tanggal"],
        status=isi["status"],
        rating_hasil_kerja=nilai_ev["rating_hasil_kerja"],
        alasan_hasil_kerja=nilai_ev["alasan_hasil_kerja"],
        rating_perilaku=nilai_ev["rating_perilaku"],
        alasan_perilaku=nilai_ev["alasan_perilaku"],
        predikat_awal=nilai_ev["predikat"],
        hash=snap.hash if snap is not None else "",
    )


@in_indonesian
def evaluasi_pdf(doc: EvaluasiDocument) -> bytes:
    """The evaluation's PDF: a signed one states only its immutable snapshot, so it is rendered once
    (`final_pdf`); a draft each time."""
    html = render_to_string("appraisal/pdf/evaluasi.html", {"doc": doc, "pemerintah": PEMERINTAH})
    return final_pdf(html, "dokumen/evaluasi") if doc.hash else pdf_of(html)


# ---------------------------------------------------------------------------- unit documents
@dataclass
class BarisPenetapan:
    """One person of the decision: from the signed snapshot of the evaluation's current version when
    there is one (with its hash), live otherwise."""

    nama: str
    nip: str
    pangkat: str
    jabatan: str
    rating_hasil_kerja: str
    rating_perilaku: str
    predikat: str
    hash: str = ""


@dataclass
class PenetapanDocument:
    cal: UnitCalibration
    kepala: Orang
    tempat_tanggal: str
    periode: str
    periode_label: str
    baris: list[BarisPenetapan] = field(default_factory=list)

    @property
    def draf(self) -> bool:
        return not self.cal.final

    @property
    def filename_stem(self) -> str:
        p = self.cal.periode
        return f"Penetapan-Predikat-{self.cal.unit.pk}-{p.tahun_id}-{p.jenis.lower()}{p.nomor or ''}"


@in_indonesian
def penetapan_document(unit: UnitKerja, periode_obj: PeriodePenilaian) -> PenetapanDocument:
    cal = unit_calibration(unit, periode_obj)
    kepala_jab = ca.kepala_jabatan(unit)
    holder = holder_on(kepala_jab, timezone.localdate()) if kepala_jab else None
    kepala = Orang.of(holder.pegawai if holder else None, kepala_jab.nama if kepala_jab else "", unit.nama)
    when = (
        timezone.localtime(cal.finalisasi.pada).date()
        if cal.final and cal.finalisasi and cal.finalisasi.pada
        else timezone.localdate()
    )
    return PenetapanDocument(
        cal=cal,
        kepala=kepala,
        tempat_tanggal=f"{TEMPAT}, {tanggal(when)}",
        periode=periode(periode_obj.mulai, periode_obj.selesai),
        periode_label=periode_label(periode_obj),
        baris=_baris_penetapan(cal.evaluasi),
    )


def _baris_penetapan(evs: list[Evaluasi]) -> list[BarisPenetapan]:
    """The decision's rows, signed ones from their snapshots (one query for the whole unit)."""
    from karier.appraisal.models import SnapshotEvaluasi

    versi = {e.pk: e.versi for e in evs}
    signed: dict[int, tuple[dict[str, Any], str]] = {}
    for ev_id, v, isi, h in (
        SnapshotEvaluasi.objects.filter(evaluasi_id__in=list(versi))
        .order_by("pk")
        .values_list("evaluasi_id", "versi", "isi", "hash")
    ):
        if versi.get(ev_id) == v:
            signed[ev_id] = (isi, h)  # the latest of the current version wins
    out = []
    for e in evs:
        g = e.pegawai.golongan
        row = BarisPenetapan(
            nama=e.pegawai.nama_lengkap,
            nip=e.pegawai.nip,
            pangkat=f"{g.pangkat}, {g.kode}" if g else "-",
            jabatan=e.jabatan.nama,
            rating_hasil_kerja=e.rating_hasil_kerja,
            rating_perilaku=e.rating_perilaku,
            predikat=e.predikat_akhir or e.predikat,
        )
        if e.pk in signed:
            isi, row.hash = signed[e.pk]
            nilai = isi["nilai"]
            row.rating_hasil_kerja, row.rating_perilaku = nilai["rating_hasil_kerja"], nilai["rating_perilaku"]
            row.predikat = nilai["predikat_akhir"] or nilai["predikat"]
        out.append(row)
    return out


@in_indonesian
def penetapan_pdf(doc: PenetapanDocument) -> bytes:
    """The unit's decision: rendered once when the unit is final (`final_pdf`), each time as a draft."""
    html = render_to_string(
        "appraisal/pdf/penetapan.html",
        {"doc": doc, "cal": doc.cal, "pemerintah": PEMERINTAH, "kolom": PREDIKAT_COLUMNS},
    )
    return pdf_of(html) if doc.draf else final_pdf(html, "dokumen/penetapan")


def rekap_xlsx(doc: PenetapanDocument) -> bytes:
    """The unit's distribution with its limits and violations, then one row per person."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    from karier.core.excel import cells

    cal = doc.cal
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Rekap"
    bold = Font(bold=True)
    head = PatternFill("solid", fgColor="DDDDDD")
    for i, w in enumerate((5, 34, 22, 34, 22, 22, 22, 18, 18), start=1):
        ws.column_dimensions[get_column_letter(i)].width = w

    def line(values: list[Any], *, font: Font | None = None, fill: PatternFill | None = None) -> None:
        ws.append(cells(ws, values))
        for cell in ws[ws.max_row]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if font:
                cell.font = font
            if fill:
                cell.fill = fill

    line(["REKAP PREDIKAT KINERJA PEGAWAI"], font=Font(bold=True, size=13))
    line([PEMERINTAH], font=bold)
    line(["Unit kerja", cal.unit.nama])
    line(["Periode", f"{doc.periode_label} — {doc.periode}"])
    line(["Predikat kinerja organisasi", cal.organisasi.predikat if cal.organisasi else "belum ditetapkan"])
    line(["Status", "Final" if cal.final else "Belum final"])
    line([])
    line(["", "Predikat", "Jumlah"], font=bold, fill=head)
    for p in PREDIKAT_COLUMNS:
        line(["", p, cal.counts[p]])
    line(["", "Belum dinilai", cal.counts[""]])
    for lim in cal.limits:
        line(["", "Batas kurva", lim.description])
    for v in cal.violations:
        line(["", "Pelanggaran", v.message])
    if cal.finalisasi and cal.finalisasi.justifikasi:
        line(["", "Justifikasi", cal.finalisasi.justifikasi])
    line([])
    line(
        [
            "No",
            "Nama",
            "NIP",
            "Jabatan",
            "Pangkat/Gol.",
            "Rating hasil kerja",
            "Rating perilaku",
            "Predikat",
            "Predikat setelah kalibrasi",
        ],
        font=bold,
        fill=head,
    )
    for n, e in enumerate(cal.evaluasi, start=1):
        g = e.pegawai.golongan
        line(
            [
                n,
                e.pegawai.nama_lengkap,
                e.pegawai.nip,
                e.jabatan.nama,
                f"{g.pangkat}, {g.kode}" if g else "",
                e.rating_hasil_kerja,
                e.rating_perilaku,
                e.predikat,
                e.predikat_akhir,
            ]
        )
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
