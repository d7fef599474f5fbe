"""Excel of the agency's calibration recap (issue #10: "the agency recap" had no export; the unit-level
recap is `evaluation.documents.rekap_xlsx`).

The same figures as the agency screen, from the same selector (`selectors.agency_calibration`, five
queries whatever the agency's size): one row per unit — its organisation result, the count per
predikat, the unrated, the curve check and whether it is final — then the agency's total.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from karier.appraisal.calibration.selectors import BELUM, PREDIKAT_COLUMNS, AgencyCalibration
from karier.core.excel import table_xlsx


def header() -> list[str]:
    return ["Unit kerja", "Predikat organisasi", "Pegawai", *PREDIKAT_COLUMNS, "Belum dinilai", "Kurva", "Status"]


def _rows(data: AgencyCalibration) -> Iterator[list[Any]]:
    for r in data.rows:
        if not r.organisasi:
            kurva = "belum dapat diperiksa"
        elif r.violations:
            kurva = "; ".join(v.message for v in r.violations)
        else:
            kurva = "sesuai"
        yield [
            r.unit.nama,
            r.organisasi or "",
            r.headcount,
            *(r.counts[p] for p in PREDIKAT_COLUMNS),
            r.belum,
            kurva,
            "Final" if r.final else "Terbuka",
        ]
    rated = sum(data.total[p] for p in PREDIKAT_COLUMNS)
    yield [
        "Jumlah perangkat daerah",
        "",
        rated,
        *(data.total[p] for p in PREDIKAT_COLUMNS),
        data.total[BELUM],
        f"{data.units_with_violations} unit melanggar kurva",
        f"{data.units_final} dari {len(data.rows)} unit final",
    ]


def agency_xlsx(data: AgencyCalibration) -> bytes:
    p = data.periode
    return table_xlsx(
        sheet="Rekap kalibrasi",
        title=f"Rekap kalibrasi {data.opd.nama} — {p.nama} {p.tahun_id}",
        header=header(),
        rows=_rows(data),
    )
