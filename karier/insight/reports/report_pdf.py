"""The agency's yearly performance report as one PDF (WeasyPrint) with inline-SVG charts.

Figures come from `agency.agency_report` (aggregated in the database); this module only shapes the
charts (`svgchart.bar_chart`) and renders `insight/reports/pdf/opd.html`. Like the other official
documents it stays Indonesian whatever the reader's language (`in_indonesian`).
"""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone

from karier.appraisal.public.skm.choices import StatusSkm
from karier.appraisal.public.skm.selectors import IkmRow
from karier.core.numbers import angka
from karier.core.official import in_indonesian
from karier.insight.reports.agency import PREDIKAT_ORDER, LaporanOpd, box_label, box_short
from karier.insight.reports.svgchart import bar_chart, bar_charts, persen
from karier.rules import skm_grade_label
from karier.standards.documents import PDF, PEMERINTAH, tanggal

__all__ = ["PDF", "filename_stem", "report_context", "report_html", "report_pdf"]


def jp_bands(rep: LaporanOpd) -> list[tuple[str, str]]:
    """The JP bands (`agency._jp`) labelled from the year's target: in JP when every ASN kind has the
    same one, else relative to each person's target."""
    if not rep.jp_seragam:
        return [
            ("0", "0 JP"),
            ("<10", "di bawah separuh target"),
            ("10-<20", "separuh s.d. di bawah target"),
            (">=20", "memenuhi target atau lebih"),
        ]
    t = rep.jp_target
    half = angka((t / 2).normalize())
    return [
        ("0", "0 JP"),
        ("<10", f"di bawah {half} JP"),
        ("10-<20", f"{half} s.d. di bawah {angka(t.normalize())} JP"),
        (">=20", f"{angka(t.normalize())} JP atau lebih"),
    ]


def filename_stem(rep: LaporanOpd) -> str:
    from karier.insight.reports.bulk import slug

    return f"Laporan-Kinerja-{slug(rep.opd.singkatan or rep.opd.nama, 40)}-{rep.tahun}"


def _periode(r: IkmRow) -> str:
    """An SKM period's name, marked "(sementara)" while it is not closed: its IKM may still change."""
    return r.periode_nama if r.status == StatusSkm.TUTUP else f"{r.periode_nama} (sementara)"


def report_context(rep: LaporanOpd) -> dict[str, Any]:
    bands = jp_bands(rep)
    rencana = bar_charts(
        "SKP disetujui per unit",
        [(r.nama, r.disetujui) for r in rep.rencana],
        maximum=max((r.pegawai for r in rep.rencana), default=0),
        texts=[f"{angka(r.disetujui)} dari {angka(r.pegawai)} ({persen(r.disetujui, r.pegawai)})" for r in rep.rencana],
    )
    predikat = bar_chart(
        "Distribusi predikat kinerja (final)",
        [(p, rep.predikat.get(p, 0)) for p in PREDIKAT_ORDER],
        texts=[
            f"{angka(rep.predikat.get(p, 0))} ({persen(rep.predikat.get(p, 0), rep.evaluasi_final)})"
            for p in PREDIKAT_ORDER
        ],
    )
    kurva = bar_chart(
        "Unit menurut kurva distribusi",
        [
            ("Memenuhi kurva", rep.kurva_memenuhi),
            ("Melanggar kurva", rep.kurva_melanggar),
            ("Predikat organisasi belum ditetapkan", rep.kurva_tanpa_predikat),
        ],
    )
    jp = bar_chart(
        "Pegawai menurut capaian JP",
        [(label, rep.jp_pita.get(key, 0)) for key, label in bands],
        texts=[f"{angka(rep.jp_pita.get(k, 0))} ({persen(rep.jp_pita.get(k, 0), rep.pegawai)})" for k, _ in bands],
    )
    ikm = bar_charts(
        "IKM per unit layanan (skala 25–100)",
        [(f"{r.unit_nama} — {_periode(r)}", r.ikm) for r in rep.ikm if r.ikm is not None],
        maximum=100,
        texts=[f"{angka(r.ikm, 2)} ({r.grade})" for r in rep.ikm if r.ikm is not None],
    )
    talenta = bar_chart("Sebaran 9-box (K: kinerja, P: potensial)", [(box_short(b), n) for b, n in rep.talenta.items()])
    return {
        "rep": rep,
        "pemerintah": PEMERINTAH,
        "stem": filename_stem(rep),
        "dibuat": tanggal(timezone.localdate()),
        "charts": {"rencana": rencana, "predikat": predikat, "kurva": kurva, "jp": jp, "talenta": talenta, "ikm": ikm},
        "angka": {
            "pegawai": angka(rep.pegawai),
            "skp_disetujui": angka(rep.skp_disetujui),
            "skp_disetujui_persen": persen(rep.skp_disetujui, rep.pegawai),
            "skp_proses": angka(rep.skp_proses),
            "skp_belum": angka(rep.skp_belum),
            "evaluasi_total": angka(rep.evaluasi_total),
            "evaluasi_final": angka(rep.evaluasi_final),
            "evaluasi_final_persen": persen(rep.evaluasi_final, rep.evaluasi_total),
            "jp_target": angka(rep.jp_target.normalize()) if rep.jp_seragam else "",
            "jp_memenuhi": angka(rep.jp_memenuhi),
            "jp_memenuhi_persen": persen(rep.jp_memenuhi, rep.pegawai),
            "talenta_total": angka(rep.talenta_total),
        },
        "rencana_rows": [
            (
                r.nama,
                angka(r.pegawai),
                angka(r.disetujui),
                angka(r.proses),
                angka(r.belum),
                persen(r.disetujui, r.pegawai),
            )
            for r in rep.rencana
        ],
        "predikat_rows": [
            (p, angka(rep.predikat.get(p, 0)), persen(rep.predikat.get(p, 0), rep.evaluasi_final))
            for p in PREDIKAT_ORDER
        ],
        "jp_rows": [
            (label, angka(rep.jp_pita.get(k, 0)), persen(rep.jp_pita.get(k, 0), rep.pegawai)) for k, label in bands
        ],
        "talenta_rows": [(box_label(b), angka(n)) for b, n in rep.talenta.items()],
        "ikm_rows": [
            (
                r.unit_nama,
                _periode(r),
                angka(r.respondents),
                angka(r.ikm, 2) if r.ikm is not None else "—",
                f"{r.grade} ({skm_grade_label(r.grade)})" if r.grade else "—",
            )
            for r in rep.ikm
        ],
    }


@in_indonesian
def report_html(rep: LaporanOpd) -> str:
    return render_to_string("insight/reports/pdf/opd.html", report_context(rep))


def report_pdf(rep: LaporanOpd) -> bytes:
    """A4 PDF; a few tenths of a second (the figures are read before, in eight queries)."""
    from weasyprint import HTML

    pdf: bytes = HTML(string=report_html(rep)).write_pdf()
    return pdf
