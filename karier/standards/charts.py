"""Indicator charts as plotly figure JSON, built in Python and drawn by plotly.js in the page.

Each method is its own pair of traces (actuals: solid; targets: dotted), so a break in method
(IPM: BPS's new method from 2023) shows as two lines that are never joined.

The figure is written as the plain dict plotly.js reads, not through `plotly.graph_objects`: building
a `go.Figure` validates every property and loads the `plotly_white` template, which cost ~0.6 s on the
first request of each process and ~40 ms on every later one (issue #10: /standar/ took seconds), and
shipped the whole template in the page. The tests still pass every figure through `go.Figure` so a
misspelt property fails there, not in the browser.

Numbers follow the Indonesian convention (`karier.core.numbers`): `separators` makes plotly.js write
"1.250,5" on the axes and in hover labels, hover values use a grouped d3 format (trailing zeros
trimmed), annotations are written with `angka`, and years are plain integers ("2024", never "2.024").
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from karier.core.numbers import angka
from karier.standards.models import Indikator
from karier.standards.selectors import Series

COLOURS = ("#1f5fa8", "#c0561b", "#2e7d32", "#6a1b9a")
# plotly.js: the decimal mark first, then the thousands separator (id-ID: 1.250,5).
SEPARATORS = ",."
# d3-format for values in hover labels: grouped (with the separators above), at most 2 decimals.
NUMBER = ",.2~f"
_GRID = "#ebf0f8"
_AXIS = {"gridcolor": _GRID, "linecolor": _GRID, "zerolinecolor": _GRID, "automargin": True}


def _num(value: Decimal | None) -> float | None:
    return float(value) if value is not None else None


def _hover_text(text: str) -> str:
    """Text from the database inside a hovertemplate: a literal "%{" would start a placeholder."""
    return text.replace("%{", "% {")


def _latest(series: list[Series]) -> tuple[int, Decimal] | None:
    """The last year with a realisation, and its value (the number the chart labels)."""
    for s in reversed(series):
        for p in reversed(s.points):
            if p.realisasi is not None:
                return p.tahun, p.realisasi
    return None


def indikator_figure(indikator: Indikator, series: list[Series]) -> dict[str, Any]:
    """The figure as a dict (`data` and `layout`), for `json_script` in the template."""
    satuan = _hover_text(indikator.satuan)
    data: list[dict[str, Any]] = []
    for i, s in enumerate(series):
        colour = COLOURS[i % len(COLOURS)]
        years = [p.tahun for p in s.points]
        actual = [_num(p.realisasi) for p in s.points]
        metode = _hover_text(s.metode or _("realisasi"))
        if any(v is not None for v in actual):
            data.append(
                {
                    "type": "scatter",
                    "x": years,
                    "y": actual,
                    "name": s.label,
                    "mode": "lines+markers",
                    "connectgaps": False,
                    "line": {"color": colour, "width": 3},
                    "legendgroup": f"s{i}",
                    "hovertemplate": f"%{{x}}: %{{y:{NUMBER}}} {satuan} ({metode})<extra></extra>",
                }
            )
        target = [_num(p.target) for p in s.points]
        if any(v is not None for v in target):
            data.append(
                {
                    "type": "scatter",
                    "x": years,
                    "y": target,
                    "name": f"target — {s.label}",
                    "mode": "lines+markers",
                    "connectgaps": False,
                    "line": {"color": colour, "dash": "dot", "width": 2},
                    "marker": {"symbol": "circle-open"},
                    "legendgroup": f"s{i}",
                    "hovertemplate": f"%{{x}}: target %{{y:{NUMBER}}} {satuan}<extra></extra>",
                }
            )
    shapes = [
        {
            "type": "line",
            "xref": "x",
            "yref": "paper",
            "x0": s.first_year - 0.5,
            "x1": s.first_year - 0.5,
            "y0": 0,
            "y1": 1,
            "line": {"color": "#888", "dash": "dash", "width": 1},
        }
        for s in series[1:]
    ]
    annotations = []
    latest = _latest(series)
    if latest is not None:
        tahun, nilai = latest
        annotations.append(
            {
                "x": tahun,
                "y": float(nilai),
                "text": angka(nilai.quantize(Decimal("0.01")).normalize()),  # 73,8; 1.250,5; 1.250
                "showarrow": False,
                "yshift": 14,
                "font": {"size": 12, "color": "#1b2b45"},
            }
        )
    layout: dict[str, Any] = {
        "separators": SEPARATORS,
        "margin": {"l": 40, "r": 10, "t": 10, "b": 40},
        "height": 340,
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "font": {"color": "#2a3f5f"},
        "legend": {"orientation": "h", "y": -0.2},
        "xaxis": {**_AXIS, "dtick": 1, "tickformat": "d", "hoverformat": "d"},
        "yaxis": {
            **_AXIS,
            "title": {"text": indikator.satuan},
            "separatethousands": True,
            "exponentformat": "none",
            "hoverformat": NUMBER,
        },
        "hovermode": "closest",
        "shapes": shapes,
        "annotations": annotations,
    }
    return {"data": data, "layout": layout}
