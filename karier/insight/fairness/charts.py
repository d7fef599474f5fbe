"""The appraisers-against-the-agency chart: for each shown appraiser (≥ 5 rated) and for the agency, the
share of top, middle and bottom predikat as a stacked horizontal bar (plotly figure as a plain dict,
like `karier.standards.charts`; suppressed appraisers never reach it). Long lists are cut to the
flagged appraisers first, then the largest, `MAX_BARS` in all; the table below the chart has every row."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from karier.insight.fairness.selectors import FairnessReport
from karier.standards.charts import SEPARATORS

MAX_BARS = 25
BANDS = (("atas", "#2e7d32"), ("tengah", "#1f5fa8"), ("bawah", "#c0561b"))


def _hover(text: str) -> str:
    return text.replace("%{", "% {")


def appraisers_figure(r: FairnessReport) -> dict[str, Any] | None:
    """None when there is nothing to draw (no appraiser with 5 or more, or the agency suppressed)."""
    if r.agency_spread_persen is None:
        return None
    shown = sorted((a for a in r.appraisers if not a.suppressed), key=lambda a: (not a.flags, -a.n, a.nama))
    shown = shown[:MAX_BARS]
    if not shown:
        return None
    names = [_("Perangkat daerah"), *[f"{a.nama} ({a.n})" for a in shown]]
    labels = {"atas": _("Sangat Baik"), "tengah": _("Baik"), "bawah": _("Butuh Perbaikan ke bawah")}
    data = []
    for band, colour in BANDS:
        values = [float(r.agency_spread_persen[band]), *[float((a.spread_persen or {})[band]) for a in shown]]
        data.append(
            {
                "type": "bar",
                "orientation": "h",
                "name": labels[band],
                "y": names,
                "x": values,
                "marker": {"color": colour},
                "hovertemplate": f"%{{y}}: %{{x:,.1f}}% {_hover(labels[band])}<extra></extra>",
            }
        )
    return {
        "data": data,
        "layout": {
            "barmode": "stack",
            "separators": SEPARATORS,
            "height": 120 + 28 * len(names),
            "margin": {"l": 10, "r": 10, "t": 10, "b": 40},
            "xaxis": {"range": [0, 100], "ticksuffix": "%", "automargin": True},
            "yaxis": {"autorange": "reversed", "automargin": True},
            "legend": {"orientation": "h", "y": -0.15},
            "paper_bgcolor": "rgba(0,0,0,0)",
            "plot_bgcolor": "rgba(0,0,0,0)",
        },
    }
