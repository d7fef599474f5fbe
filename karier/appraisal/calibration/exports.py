"""Excel of the agency's calibration recap (issue #10: "the agency recap" had no export; the unit-level
recap is `evaluation.documents.rekap_xlsx`).

The same figures as the agency screen, from the same selector (`selectors.agency_calibration`, five
queries whatever the agency's size): one row per unit — its organisation result, the count per
predikat, the unrated, the curve check and whether it is final — then the agency's total.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.utils.translation import gettext as _

from karier.appraisal.calibration.selectors import BELUM, PREDIKAT_COLUMNS, AgencyCalibration
from karier.core.excel import table_xlsx


def header() -> list[str]:
    return [
        _("Unit kerja"),
        _("Predikat organisasi"),
        _("Pegawai"),
        *PREDIKAT_COLUMNS,
        _("Belum dinilai"),
        _("Kurva"),
        _("Status"),
    ]


def _rows(data: AgencyCalibration) -> Iterator[list[Any]]:
    for r in data.rows:
        if not r.organisasi:
            kurva = _("belum dapat diperiksa")
        elif r.violations:
            kurva = "; ".join(v.message for v in r.violations)
        else:
            kurva = _("sesuai")
        yield [
            r.unit.nama,
            r.organisasi or "",
            r.headcount,
            *(r.counts[p] for p in PREDIKAT_COLUMNS),
            r.belum,
            kurva,
            _("Final") if r.final else _("Terbuka"),
        ]
    rated = sum(data.total[p] for p in PREDIKAT_COLUMNS)
    yield [
        _("Jumlah perangkat daerah"),
        "",
        rated,
        *(data.total[p] for p in PREDIKAT_COLUMNS),
        data.total[BELUM],
        _("%(n)s unit melanggar kurva") % {"n": data.units_with_violations},
        _("%(n)s dari %(total)s unit final") % {"n": data.units_final, "total": len(data.rows)},
    ]


def agency_xlsx(data: AgencyCalibration) -> bytes:
    p = data.periode
    return table_xlsx(
        sheet=_("Rekap kalibrasi"),
        title=_("Rekap kalibrasi %(opd)s — %(periode)s %(tahun)s")
        % {"opd": data.opd.nama, "periode": p.nama, "tahun": p.tahun_id},
        header=header(),
        rows=_rows(data),
    )
