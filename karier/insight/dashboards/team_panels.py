"""The panels of the superior's and the employee's dashboards (a figure, its table, its Excel sheet)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from karier.insight.dashboards.panels import COLOURS, Panel, _layout
from karier.insight.dashboards.people import Saya
from karier.people.models import Pegawai
from karier.plans.choices import StatusSkp
from karier.rules.jp import JP_TARGET_PER_YEAR
from karier.standards.charts import NUMBER

_SKP = dict(StatusSkp.choices)


def team_panels(rows: list[Pegawai], goal: dict[str, tuple[Decimal, Decimal | None]]) -> list[Panel]:
    names = [p.nama for p in rows]
    jp = [float(p.jp_total) for p in rows]  # type: ignore[attr-defined]
    target = [float(goal.get(p.jenis_asn, (JP_TARGET_PER_YEAR, None))[0]) for p in rows]
    fig: dict[str, Any] = {
        "data": [
            {
                "type": "bar",
                "name": _("JP tahun ini"),
                "x": names,
                "y": jp,
                "marker": {"color": COLOURS[1]},
                "hovertemplate": f"%{{x}}: %{{y:{NUMBER}}} JP<extra></extra>",
            },
            {
                "type": "scatter",
                "mode": "markers",
                "name": _("Target"),
                "x": names,
                "y": target,
                "marker": {"color": COLOURS[3], "symbol": "line-ew-open", "size": 18},
            },
        ],
        "layout": _layout(),
    }
    table = [
        [
            p.nama,
            p.nip,
            p.jabatan.nama if p.jabatan else "",
            str(_SKP.get(p.skp_status, _("Belum ada"))) if p.skp_status else _("Belum ada"),  # type: ignore[attr-defined]
            p.evaluasi_terbuka,  # type: ignore[attr-defined]
            p.umpan_balik or 0,  # type: ignore[attr-defined]
            _("Ya") if p.bimbingan_aktif else _("Tidak"),  # type: ignore[attr-defined]
            p.jp_total,  # type: ignore[attr-defined]
        ]
        for p in rows
    ]
    return [
        Panel(
            "tim",
            _("Tim saya"),
            [
                _("Nama"),
                _("NIP"),
                _("Jabatan"),
                _("SKP"),
                _("Evaluasi menunggu"),
                _("Umpan balik dari saya"),
                _("Bimbingan berjalan"),
                _("JP"),
            ],
            table,
            fig if rows else None,
            _(
                "Bawahan langsung: SKP tahun ini, evaluasi pada periode yang dibuka dan belum final, umpan balik "
                "yang Anda berikan, rencana bimbingan yang masih berjalan, dan JP tahun ini terhadap target."
            ),
            kosong=_("Belum ada bawahan langsung."),
        )
    ]


def saya_panels(s: Saya) -> list[Panel]:
    fig = {
        "data": [
            {
                "type": "bar",
                "orientation": "h",
                "x": [float(s.jp_total)],
                "y": [_("JP")],
                "name": _("JP tahun ini"),
                "marker": {"color": COLOURS[1]},
                "hovertemplate": f"%{{x:{NUMBER}}} JP<extra></extra>",
            },
            {
                "type": "scatter",
                "mode": "markers",
                "x": [float(s.jp_target)],
                "y": [_("JP")],
                "name": _("Target"),
                "marker": {"color": COLOURS[3], "symbol": "line-ns-open", "size": 28},
            },
        ],
        "layout": _layout(160),
    }
    evaluasi = [[e.periode.nama, e.get_status_display(), e.predikat_akhir or e.predikat or "—"] for e in s.evaluasi]
    return [
        Panel(
            "jp",
            _("Jam pelajaran (JP) pengembangan kompetensi"),
            [_("JP tahun ini"), _("Target"), _("% target")],
            [[s.jp_total, s.jp_target, s.jp_persen]],
            fig,
            _("JP yang tercatat pada tahun ini dibanding target tahunan."),
        ),
        Panel(
            "evaluasi",
            _("Kemajuan penilaian"),
            [_("Periode"), _("Status"), _("Predikat")],
            evaluasi,
            None,
            kosong=_("Belum ada evaluasi pada tahun ini."),
        ),
    ]
