"""Bar charts for PDFs, as geometry for an inline-SVG template (`insight/reports/pdf/_bar.svg.html`).

A PDF cannot run plotly.js, so the yearly report draws its charts server-side: this module only
computes numbers (positions, widths, the value text in the Indonesian format) and the template
writes the `<svg>` — no markup is built in Python. WeasyPrint renders inline SVG as vectors.
Horizontal bars: long unit names fit on the left, values read on the right.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from karier.core.numbers import angka, share

WIDTH = 500
LABEL_W = 190
BAR_W = 220
ROW = 18
BAR_H = 12
PAD = 6
LABEL_CHARS = 34
PER_CHART = 40  # bars per chart: about half an A4 page, so a chart never runs past a page


@dataclass(frozen=True)
class Bar:
    label: str
    teks: str  # the value as printed ("1.250", "60,0%")
    x: int
    y: int
    w: float
    text_y: int
    value_x: float


@dataclass(frozen=True)
class BarChart:
    judul: str
    bars: list[Bar]
    width: int
    height: int
    label_x: int
    axis_x: int
    axis_y2: int


def persen(part: int, whole: int) -> str:
    """60,0% (`karier.core.numbers.share`: one decimal, half up; Indonesian comma); "0,0%" for an
    empty whole."""
    return f"{angka(share(part, whole), 1)}%"


def _short(label: str) -> str:
    """Long names keep their start and their end ("UPTD Pengembang…Wilayah III"): units of one agency
    often differ only in the last words. The table beside the chart has the full name."""
    if len(label) <= LABEL_CHARS:
        return label
    half = (LABEL_CHARS - 1) // 2
    return label[:half].rstrip() + "…" + label[-half:].lstrip()


def bar_chart(
    judul: str,
    rows: Sequence[tuple[str, int | Decimal]],
    *,
    maximum: int | Decimal | None = None,
    texts: Sequence[str] = (),
) -> BarChart:
    """A chart of `rows` (label, value); bars scale to `maximum` (the largest value by default).
    `texts` replaces the printed values (e.g. "12 dari 20 (60,0%)")."""
    top = Decimal(maximum if maximum is not None else max((v for _, v in rows), default=0))
    bars = []
    for i, (label, value) in enumerate(rows):
        w = float(Decimal(value) / top * BAR_W) if top > 0 else 0.0
        y = PAD + i * ROW
        teks = texts[i] if i < len(texts) else angka(value)
        bars.append(
            Bar(
                label=_short(label),
                teks=teks,
                x=LABEL_W,
                y=y + (ROW - BAR_H) // 2,
                w=round(w, 1),
                text_y=y + ROW // 2 + 4,
                value_x=round(LABEL_W + w + 4, 1),
            )
        )
    height = PAD * 2 + ROW * max(len(rows), 1)
    return BarChart(
        judul=judul,
        bars=bars,
        width=WIDTH,
        height=height,
        label_x=LABEL_W - 6,
        axis_x=LABEL_W,
        axis_y2=height - PAD,
    )


def bar_charts(
    judul: str,
    rows: Sequence[tuple[str, int | Decimal]],
    *,
    maximum: int | Decimal | None = None,
    texts: Sequence[str] = (),
) -> list[BarChart]:
    """`bar_chart` cut into charts of at most `PER_CHART` bars on one common scale (an agency with a
    hundred units gets three charts that read alike, not one that runs off the page)."""
    top = maximum if maximum is not None else max((v for _, v in rows), default=0)
    return [
        bar_chart(judul, rows[i : i + PER_CHART], maximum=top, texts=texts[i : i + PER_CHART])
        for i in range(0, max(len(rows), 1), PER_CHART)
    ]
