"""The report as plain data (the API's body): the same figures as the screen, already suppressed by
`selectors.fairness_report` — a suppressed group carries `disembunyikan: true`, its count as "< 5" and
no figures."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from karier.insight.fairness.findings import flag_explanations, flag_labels, section_explanations
from karier.insight.fairness.selectors import AppraiserRow, CalibrationRow, Distribution, FairnessReport
from karier.rules.fairness import MIN_KELOMPOK


def jumlah(n: int, suppressed: bool) -> str:
    """The count as shown: the number, or "< 5" for a suppressed group."""
    return f"< {MIN_KELOMPOK}" if suppressed else str(n)


def _pct(values: dict[str, Decimal] | None) -> dict[str, float] | None:
    return {k: float(v) for k, v in values.items()} if values is not None else None


def distribution_dict(d: Distribution) -> dict[str, Any]:
    return {
        "label": d.label,
        "jumlah": jumlah(d.n, d.suppressed),
        "disembunyikan": d.suppressed,
        "predikat": d.predikat,
        "persen": _pct(d.persen),
    }


def appraiser_dict(a: AppraiserRow) -> dict[str, Any]:
    return {
        "penilai_id": a.penilai_id,
        "nama": a.nama,
        "jumlah": jumlah(a.n, a.suppressed),
        "disembunyikan": a.suppressed,
        "predikat": a.predikat,
        "persen": _pct(a.persen),
        "rating_hasil_kerja": a.hasil_kerja,
        "rating_perilaku": a.perilaku,
        "sebaran_persen": _pct(a.spread_persen),
        "tanda": list(a.flags),
        "tanpa_alasan": a.tanpa_alasan,
        "alasan_wajib_kosong": a.alasan_wajib_kosong,
        "massal_tanpa_umpan_balik": a.massal_tanpa_umpan_balik,
        "kalibrasi": a.kalibrasi,
    }


def calibration_dict(c: CalibrationRow) -> dict[str, Any]:
    return {
        "unit_id": c.unit_id,
        "unit": c.unit,
        "jumlah": jumlah(c.n, c.suppressed),
        "disembunyikan": c.suppressed,
        "naik": c.naik,
        "turun": c.turun,
        "oleh": [{"nama": m.nama, "naik": m.naik, "turun": m.turun} for m in c.movers]
        if c.movers is not None
        else None,
    }


def report_dict(r: FairnessReport) -> dict[str, Any]:
    flags = flag_explanations()
    sections = section_explanations()
    return {
        "opd_id": r.opd.pk,
        "opd": r.opd.nama,
        "tahun": r.tahun,
        "ambang_minimum": MIN_KELOMPOK,
        "perangkat_daerah": distribution_dict(r.agency),
        "rating_hasil_kerja": r.agency_hasil_kerja,
        "rating_perilaku": r.agency_perilaku,
        "sebaran_persen": _pct(r.agency_spread_persen),
        "penilai": [appraiser_dict(a) for a in r.appraisers],
        "kelompok": {dim: [distribution_dict(d) for d in rows] for dim, rows in r.groups.items()},
        "kalibrasi": [calibration_dict(c) for c in r.calibration],
        "ringkasan": {
            "tanpa_alasan": r.tanpa_alasan,
            "alasan_wajib_kosong": r.alasan_wajib_kosong,
            "dinilai_massal": r.massal,
            "massal_tanpa_umpan_balik": r.massal_tanpa_umpan_balik,
            "perpindahan_kalibrasi": r.kalibrasi,
        },
        "tanda": {k: {"label": flag_labels()[k], **vars(v)} for k, v in flags.items()},
        "penjelasan": {k: vars(v) for k, v in sections.items()},
    }
