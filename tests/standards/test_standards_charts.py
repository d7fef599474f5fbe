"""Every figure karier.standards.charts builds is valid plotly and writes numbers the Indonesian way
(issue #10 item 1): `separators` ",." for axes and hover labels, grouped hover formats, annotations
written with `angka`, and no English-formatted number ("73.8", "1,250.5") in any text it carries."""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

import plotly.graph_objects as go
import pytest

from karier.standards import charts
from karier.standards.models import Indikator, NilaiIndikator
from karier.standards.selectors import split_series

# English decimals ("73.8", "0.25": a "." not followed by exactly three digits) and English grouping
# ("1,250" followed by a "." decimal, or "1,250,000").
ENGLISH = re.compile(r"\d\.(?:\d{1,2}|\d{4,})(?!\d)|\d,\d{3}(?:,\d{3})*\.\d|\d,\d{3},\d{3}")
TEXT_KEYS = {"text", "name", "hovertemplate", "texttemplate", "title", "tickformat", "hoverformat"}


def _values(rows: list[tuple[int, str | None, str | None, str]]) -> list[NilaiIndikator]:
    return [
        NilaiIndikator(
            tahun=t, target=Decimal(tg) if tg else None, realisasi=Decimal(r) if r else None, metode=m, sumber=""
        )
        for t, tg, r, m in rows
    ]


CASES = {
    "ipm, two methods": (
        Indikator(nama="Indeks Pembangunan Manusia", satuan="poin"),
        [
            (2021, "72.5", "72.16", "BPS lama"),
            (2022, "72.9", "72.7", "BPS lama"),
            (2023, "74.0", "73.8", "BPS baru"),
            (2024, "74.4", None, "BPS baru"),
        ],
    ),
    "thousands with a decimal": (
        Indikator(nama="Pendapatan per kapita", satuan="ribu rupiah"),
        [(2024, "1200", "1180", ""), (2025, "1300.75", "1250.5", "")],
    ),
    "millions": (Indikator(nama="Kunjungan", satuan="orang"), [(2025, "1250000", "1250000", "")]),
    "a percent sign in the unit": (Indikator(nama="Ketuntasan", satuan="%{y}"), [(2025, "99.5", "98.25", "")]),
}


def _figure_builders() -> list[Callable[..., dict[str, Any]]]:
    """Every public `*_figure` function of the module: a new chart is checked without editing this test."""
    return [f for name, f in inspect.getmembers(charts, inspect.isfunction) if name.endswith("_figure")]


def _strings(node: Any, key: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _strings(v, k)
    elif isinstance(node, list):
        for v in node:
            yield from _strings(v, key)
    elif isinstance(node, str):
        yield key, node


def _figures() -> Iterator[tuple[str, dict[str, Any]]]:
    builders = _figure_builders()
    assert builders, "charts.py builds no figure?"
    for build in builders:
        for case, (indikator, rows) in CASES.items():
            yield f"{build.__name__}: {case}", build(indikator, split_series(_values(rows)))


@pytest.mark.parametrize(("case", "figure"), list(_figures()))
def test_every_figure_is_valid_plotly_with_indonesian_separators(case: str, figure: dict[str, Any]) -> None:
    go.Figure(figure)  # raises on any property plotly.js does not know: the dict is a real figure
    layout = figure["layout"]
    assert layout["separators"] == ",."
    assert layout["xaxis"]["tickformat"] == "d"  # years are "2024", not "2.024"
    assert layout["yaxis"]["separatethousands"] is True and layout["yaxis"]["exponentformat"] == "none"
    for trace in figure["data"]:
        values = re.findall(r"%\{y(:[^}]*)?\}", trace["hovertemplate"])
        assert values and all(v.startswith(":,") for v in values), trace["hovertemplate"]
    texts = [(k, s) for k, s in _strings(figure) if k in TEXT_KEYS]
    english = [(k, s) for k, s in texts if ENGLISH.search(s)]
    assert not english, english


def test_the_latest_realisation_is_labelled_the_indonesian_way() -> None:
    labels = {}
    for case, (indikator, rows) in CASES.items():
        figure = charts.indikator_figure(indikator, split_series(_values(rows)))
        labels[case] = [a["text"] for a in figure["layout"]["annotations"]]
    assert labels == {
        "ipm, two methods": ["73,8"],
        "thousands with a decimal": ["1.250,5"],
        "millions": ["1.250.000"],
        "a percent sign in the unit": ["98,25"],
    }


def test_a_unit_cannot_open_a_hover_placeholder() -> None:
    indikator, rows = CASES["a percent sign in the unit"]
    figure = charts.indikator_figure(indikator, split_series(_values(rows)))
    for trace in figure["data"]:
        assert "%{y}" not in trace["hovertemplate"].replace("%{y:", "")


def test_a_method_break_draws_a_separate_pair_of_lines_and_a_divider() -> None:
    indikator, rows = CASES["ipm, two methods"]
    figure = charts.indikator_figure(indikator, split_series(_values(rows)))
    names = [t["name"] for t in figure["data"]]
    assert names == [
        "metode lama (s.d. 2022)",
        "target — metode lama (s.d. 2022)",
        "metode baru (sejak 2023)",
        "target — metode baru (sejak 2023)",
    ]
    assert [s["x0"] for s in figure["layout"]["shapes"]] == [2022.5]


def test_the_english_pattern_catches_english_numbers() -> None:
    """The check above can fail: it sees what it must refuse and lets the Indonesian forms through."""
    for english in ("73.8", "0.25", "1,250.5", "1,250,000", "target 12.50 poin"):
        assert ENGLISH.search(english), english
    for indonesian in ("73,8", "1.250,5", "1.250.000", "2024", "metode lama (s.d. 2022)", ",.2~f"):
        assert not ENGLISH.search(indonesian), indonesian
