"""The per-element bar chart of a period's result as a plain plotly figure dict (like
`karier.standards.charts`: no `plotly.graph_objects` at request time; the tests pass the figure
through `go.Figure`). The bars are the element indices (average × 25) so they read on the IKM's
25–100 scale; the weakest elements are drawn in the warning colour, and dotted lines mark the
grade floors."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from karier.appraisal.public.skm.selectors import HasilSkm
from karier.core.numbers import angka
from karier.rules import SKM_GRADE_FLOORS
from karier.standards.charts import NUMBER, SEPARATORS

BIASA = "#1f5fa8"
LEMAH = "#c0561b"
#: The grade floors drawn as dotted lines (not D's: it is the axis' own start, 25).
BATAS = tuple((grade, float(floor)) for floor, grade in SKM_GRADE_FLOORS[:-1])


def unsur_figure(hasil: HasilSkm) -> dict[str, Any]:
    """A horizontal bar per element (U1 at the top; the axis shows codes, the table beside it the
    labels), value labels written the Indonesian way."""
    rows = list(reversed(hasil.unsur))
    data = [
        {
            "type": "bar",
            "orientation": "h",
            "y": [u.code for u in rows],  # codes keep the bars wide on a phone; labels in the hover and table
            "customdata": [u.label for u in rows],
            "x": [float(u.indeks) for u in rows],
            "text": [angka(u.indeks, 2) for u in rows],
            "textposition": "auto",
            "marker": {"color": [LEMAH if u.terlemah else BIASA for u in rows]},
            "hovertemplate": f"%{{y}} %{{customdata}}: %{{x:{NUMBER}}}<extra></extra>",
            "name": _("Indeks unsur"),
        }
    ]
    shapes = [
        {
            "type": "line",
            "xref": "x",
            "yref": "paper",
            "x0": x,
            "x1": x,
            "y0": 0,
            "y1": 1,
            "line": {"color": "#888", "dash": "dot", "width": 1},
        }
        for _grade, x in BATAS
    ]
    layout: dict[str, Any] = {
        "separators": SEPARATORS,
        "margin": {"l": 10, "r": 10, "t": 10, "b": 40},
        "height": 380,
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "font": {"color": "#2a3f5f"},
        "showlegend": False,
        "xaxis": {"range": [25, 100], "title": {"text": _("Indeks unsur (rata-rata × 25)")}, "automargin": True},
        "yaxis": {"automargin": True},
        "shapes": shapes,
    }
    return {"data": data, "layout": layout}
