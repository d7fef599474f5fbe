"""The fairness analytics as Excel: one sheet per table of the screen, the same rows and the same
suppression (a suppressed group shows "< 5" and empty figures). Cells through `karier.core.excel`."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from karier.appraisal.calibration.selectors import PREDIKAT_COLUMNS
from karier.core.excel import Tahun, append_row, safe_row
from karier.insight.fairness.findings import flag_labels, section_explanations
from karier.insight.fairness.selectors import (
    RATING_COLUMNS,
    Distribution,
    FairnessReport,
    dimension_labels,
)
from karier.insight.fairness.serialize import jumlah


def _n(n: int, suppressed: bool) -> int | str:
    return jumlah(n, True) if suppressed else n


def _figures(counts: dict[str, int] | None, persen: dict[str, Decimal] | None, columns: tuple[str, ...]) -> list[Any]:
    out: list[Any] = []
    for c in columns:
        out.append(counts[c] if counts is not None else None)
        out.append(persen[c] if persen is not None else None)
    return out


def _head(columns: tuple[str, ...]) -> list[str]:
    return [h for c in columns for h in (c, f"{c} (%)")]


def _sheet(wb: Any, name: str, title: str, header: list[str], rows: list[list[Any]], note: str) -> None:
    ws = wb.create_sheet(name[:31])
    ws.append(safe_row([title]))
    ws.append(safe_row([note]))
    ws.append(safe_row(header))
    for row in rows:
        append_row(ws, row)


def _dist_row(d: Distribution, *lead: Any) -> list[Any]:
    return [*lead, d.label, _n(d.n, d.suppressed), *_figures(d.predikat, d.persen, PREDIKAT_COLUMNS)]


def fairness_xlsx(r: FairnessReport) -> bytes:
    from openpyxl import Workbook

    sections = section_explanations()
    flags = flag_labels()
    title = _("Keadilan penilaian — %(opd)s") % {"opd": r.opd.nama}
    wb = Workbook(write_only=True)
    _sheet(
        wb,
        _("Penilai"),
        title,
        [
            _("Tahun"),
            _("Pejabat penilai"),
            _("Jumlah dinilai"),
            *_head(PREDIKAT_COLUMNS),
            *[f"{_('Hasil kerja')}: {c}" for c in RATING_COLUMNS],
            *[f"{_('Perilaku')}: {c}" for c in RATING_COLUMNS],
            _("Tanda"),
            _("Tanpa alasan"),
            _("Alasan wajib kosong"),
            _("Massal tanpa umpan balik"),
            _("Kalibrasi"),
        ],
        [
            [Tahun(r.tahun), r.agency.label, _n(r.agency.n, r.agency.suppressed)]
            + _figures(r.agency.predikat, r.agency.persen, PREDIKAT_COLUMNS)
            + [(r.agency_hasil_kerja or {}).get(c) for c in RATING_COLUMNS]
            + [(r.agency_perilaku or {}).get(c) for c in RATING_COLUMNS]
            + ["", r.tanpa_alasan, r.alasan_wajib_kosong, r.massal_tanpa_umpan_balik, r.kalibrasi]
        ]
        + [
            [Tahun(r.tahun), a.nama, _n(a.n, a.suppressed)]
            + _figures(a.predikat, a.persen, PREDIKAT_COLUMNS)
            + [(a.hasil_kerja or {}).get(c) for c in RATING_COLUMNS]
            + [(a.perilaku or {}).get(c) for c in RATING_COLUMNS]
            + [
                ", ".join(flags[f] for f in a.flags),
                a.tanpa_alasan,
                a.alasan_wajib_kosong,
                a.massal_tanpa_umpan_balik,
                a.kalibrasi,
            ]
            for a in r.appraisers
        ],
        sections["penilai"].tindakan,
    )
    labels = dimension_labels()
    _sheet(
        wb,
        _("Kelompok"),
        title,
        [_("Tahun"), _("Menurut"), _("Kelompok"), _("Jumlah"), *_head(PREDIKAT_COLUMNS)],
        [_dist_row(d, Tahun(r.tahun), labels[dim]) for dim, rows in r.groups.items() for d in rows],
        sections["kelompok"].artinya,
    )
    _sheet(
        wb,
        _("Kalibrasi"),
        title,
        [_("Tahun"), _("Unit"), _("Jumlah dinilai"), _("Naik"), _("Turun"), _("Oleh")],
        [
            [
                Tahun(r.tahun),
                c.unit,
                _n(c.n, c.suppressed),
                c.naik,
                c.turun,
                "; ".join(f"{m.nama} (+{m.naik}/−{m.turun})" for m in c.movers) if c.movers is not None else "",
            ]
            for c in r.calibration
        ],
        sections["kalibrasi"].tindakan,
    )
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
