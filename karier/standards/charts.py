"""Indicator charts as plotly figure JSON, built in Python and drawn by plotly.js in the page.

Each method is its own pair of traces (actuals: solid; targets: dotted), so a break in method
(IPM: BPS's new method from 2023) shows as two lines that are never joined.
"""

from __future__ import annotations

import json
from typing import Any

import plotly.graph_objects as go

from karier.standards.models import Indikator
from karier.standards.selectors import Series

COLOURS = ("#1f5fa8", "#c0561b", "#2e7d32", "#6a1b9a")


def _num(value: object) -> float | None:
    return float(value) if value is not None else None  # type: ignore[arg-type]


def indikator_figure(indikator: Indikator, series: list[Series]) -> dict[str, Any]:
    """The figure as a dict (from `fig.to_json()`), for `json_script` in the template."""
    fig = go.Figure()
    for i, s in enumerate(series):
        colour = COLOURS[i % len(COLOURS)]
        years = [p.tahun for p in s.points]
        actual = [_num(p.realisasi) for p in s.points]
        if any(v is not None for v in actual):
            fig.add_trace(
                go.Scatter(
                    x=years,
                    y=actual,
                    name=s.label,
                    mode="lines+markers",
                    connectgaps=False,
                    line={"color": colour, "width": 3},
                    legendgroup=f"s{i}",
                    hovertemplate=f"%{{x}}: %{{y}} {indikator.satuan} ({s.metode or 'realisasi'})<extra></extra>",
                )
            )
        target = [_num(p.target) for p in s.points]
        if any(v is not None for v in target):
            fig.add_trace(
                go.Scatter(
                    x=years,
                    y=target,
                    name=f"target — {s.label}",
                    mode="lines+markers",
                    connectgaps=False,
                    line={"color": colour, "dash": "dot", "width": 2},
                    marker={"symbol": "circle-open"},
                    legendgroup=f"s{i}",
                    hovertemplate=f"%{{x}}: target %{{y}} {indikator.satuan}<extra></extra>",
                )
            )
    if len(series) > 1:
        for s in series[1:]:
            fig.add_vline(x=s.first_year - 0.5, line={"color": "#888", "dash": "dash", "width": 1})
    fig.update_layout(
        margin={"l": 40, "r": 10, "t": 10, "b": 40},
        height=340,
        template="plotly_white",
        legend={"orientation": "h", "y": -0.2},
        xaxis={"dtick": 1, "title": None},
        yaxis={"title": indikator.satuan},
        hovermode="closest",
    )
    return json.loads(str(fig.to_json()))
