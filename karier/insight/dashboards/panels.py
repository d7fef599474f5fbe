"""The panels of the province and agency dashboards: each a plotly figure (a plain dict, as in
`karier.standards.charts`), the same figures as a table, and the table's Excel download.

Units at risk (documented in docs/insight.md): a unit is at risk when, for the year, fewer than
`BATAS_SKP` % of its people have an approved SKP, or fewer than `BATAS_JP` % reached their JP target,
or at least `BATAS_RENDAH` % of its final predikat are below "Baik" (with at least two of them).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from karier.appraisal.choices import StatusEvaluasi
from karier.core.numbers import angka, share
from karier.insight.dashboards.choices import LAYAK, MEMENUHI, RHK, TERHUBUNG, MetrikDasbor
from karier.insight.dashboards.selectors import Angka, Baris
from karier.plans.choices import StatusSkp
from karier.rules import (
    SKM_GRADE_FLOORS,
    CurvePolicy,
    Predikat,
    check_distribution,
    nine_box_category,
    skm_grade_label,
)
from karier.standards.charts import NUMBER, SEPARATORS
from karier.talent.models import StatusUsulanPangkat

BATAS_SKP = 80
BATAS_JP = 50
BATAS_RENDAH = 25
BATAS_TAMPIL = 40  # lines in a chart and on the page
PREDIKAT = tuple(p.value for p in Predikat)
RENDAH = (Predikat.BUTUH_PERBAIKAN.value, Predikat.KURANG.value, Predikat.SANGAT_KURANG.value)
COLOURS = ("#2e7d32", "#1f5fa8", "#f2a900", "#c0561b", "#8e1b1b")
_AXIS = {"gridcolor": "#ebf0f8", "linecolor": "#ebf0f8", "automargin": True}
PANELS = ("predikat", "penyelesaian", "talenta", "promosi", "iku", "kaskade", "berisiko", "ikm")


@dataclass
class Panel:
    kunci: str
    judul: str
    header: list[str]
    rows: list[list[Any]]
    figure: dict[str, Any] | None = None
    keterangan: str = ""
    catatan: list[str] = field(default_factory=list)
    kosong: str = ""
    rows_page: list[list[Any]] | None = None  # the page's rows when fewer than `rows` (the Excel has all)

    def tampil(self) -> list[list[tuple[str, bool]]]:
        """The rows as text for the page: numbers the Indonesian way (right-aligned), "—" for none."""
        rows = self.rows if self.rows_page is None else self.rows_page
        return [[_cell(c) for c in row] for row in rows]

    @property
    def tersembunyi(self) -> int:
        """Lines left off the page (shown in the Excel download)."""
        return 0 if self.rows_page is None else len(self.rows) - len(self.rows_page)


def _shown(lines: list[Baris]) -> list[Baris]:
    """The lines a chart and the page's table show: all, or the `BATAS_TAMPIL` largest by headcount
    (an agency may have hundreds of units; its Excel has every one), in their order."""
    if len(lines) <= BATAS_TAMPIL:
        return lines
    top = sorted(lines, key=lambda b: -b.get(MetrikDasbor.PEGAWAI))[:BATAS_TAMPIL]
    keep = {id(b) for b in top}
    return [b for b in lines if id(b) in keep]


def _page(rows: list[list[Any]], lines: list[Baris], shown: list[Baris]) -> list[list[Any]] | None:
    """The page's rows of a per-line table whose last row is the total: the shown lines and the total."""
    if len(shown) == len(lines):
        return None
    index = {id(b): i for i, b in enumerate(lines)}
    return [rows[index[id(b)]] for b in shown] + [rows[-1]]


def _cell(value: Any) -> tuple[str, bool]:
    if value is None:
        return "—", False
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return str(value), False
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    return angka(int(number) if number == number.to_integral_value() else number.normalize()), True


def capaian(realisasi: Decimal | None, target: Decimal | None) -> Decimal | None:
    """Realisation as a percent of the target (one decimal); none without both."""
    if realisasi is None or not target:
        return None
    return (realisasi * 100 / target).quantize(Decimal("0.1"))


def _layout(height: int = 340, **extra: Any) -> dict[str, Any]:
    return {
        "separators": SEPARATORS,
        "margin": {"l": 40, "r": 10, "t": 40, "b": 40},
        "height": height,
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "font": {"color": "#2a3f5f"},
        "legend": {"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom"},  # above: clear of tilted names
        "xaxis": {**_AXIS},
        "yaxis": {**_AXIS, "separatethousands": True, "exponentformat": "none", "hoverformat": NUMBER},
        **extra,
    }


def _short(nama: str) -> str:
    return nama if len(nama) <= 28 else nama[:27] + "…"


def _curve(line: Baris, policy: CurvePolicy) -> list[str] | None:
    """The curve rules the line breaks under the year's policy; none (not checked) when its unit has no
    predikat organisasi of its own — as the calibration and the agency report, which skip such units."""
    if not line.predikat_organisasi:
        return None
    counts = {p: line.get(MetrikDasbor.PREDIKAT, p) for p in PREDIKAT}
    return [v.message for v in check_distribution(line.predikat_organisasi, counts, policy)]


def _verdict(broken: list[str] | None) -> str:
    if broken is None:
        return _("Belum ada predikat organisasi")
    return _("Sesuai kurva") if not broken else _("Tidak sesuai: %(n)s aturan") % {"n": len(broken)}


def predikat_panel(a: Angka, level: str) -> Panel:
    lines = a.baris
    shown = _shown(lines)
    data = [
        {
            "type": "bar",
            "name": p,
            "x": [_short(b.nama) for b in shown],
            "y": [b.get(MetrikDasbor.PREDIKAT, p) for b in shown],
            "marker": {"color": COLOURS[i]},
            "hovertemplate": f"%{{x}}: %{{y:{NUMBER}}} {p}<extra></extra>",
        }
        for i, p in enumerate(PREDIKAT)
    ]
    total = a.jumlah.total(MetrikDasbor.PREDIKAT)
    # no curve on the total line: it sums units that are each held to their own curve
    rows = []
    for b in lines:
        rows.append(
            [
                b.nama,
                *(b.get(MetrikDasbor.PREDIKAT, p) for p in PREDIKAT),
                b.total(MetrikDasbor.PREDIKAT),
                b.predikat_organisasi or None,
                _verdict(_curve(b, a.policy)),
            ]
        )
    rows.append(
        [
            _("Jumlah"),
            *(a.jumlah.get(MetrikDasbor.PREDIKAT, p) for p in PREDIKAT),
            total,
            None,
            None,
        ]
    )
    return Panel(
        "predikat",
        _("Distribusi predikat kinerja terhadap kurva"),
        [level, *PREDIKAT, _("Jumlah"), _("Predikat organisasi"), _("Kurva")],
        rows,
        {"data": data, "layout": _layout(barmode="stack")} if total else None,
        _(
            "Predikat evaluasi tahunan yang sudah final (setelah kalibrasi), dibandingkan dengan kurva distribusi "
            "tahun ini menurut predikat kinerja organisasi; baris tanpa predikat organisasi tidak diperiksa."
        ),
        [],
        _("Belum ada evaluasi tahunan final pada tahun ini."),
        _page(rows, lines, shown),
    )


def _completion(b: Baris) -> tuple[int, int, int, int, int, int]:
    pegawai = b.get(MetrikDasbor.PEGAWAI)
    skp = b.total(MetrikDasbor.SKP)
    disetujui = b.get(MetrikDasbor.SKP, StatusSkp.DISETUJUI)
    evaluasi = b.total(MetrikDasbor.EVALUASI)
    final = b.get(MetrikDasbor.EVALUASI, StatusEvaluasi.FINAL)
    jp = b.get(MetrikDasbor.JP, MEMENUHI)
    return pegawai, skp, disetujui, evaluasi, final, jp


def penyelesaian_panel(a: Angka, level: str) -> Panel:
    lines = a.baris
    series = (
        (_("SKP disetujui"), lambda c: share(c[2], c[0])),
        (_("Evaluasi final"), lambda c: share(c[4], c[3])),
        (_("Memenuhi target JP"), lambda c: share(c[5], c[0])),
    )
    shown = _shown(lines)
    comp = [_completion(b) for b in shown]
    data = [
        {
            "type": "bar",
            "name": name,
            "x": [_short(b.nama) for b in shown],
            "y": [float(f(c)) for c in comp],
            "marker": {"color": COLOURS[i + 1]},
            "hovertemplate": f"%{{x}}: %{{y:{NUMBER}}}% {name}<extra></extra>",
        }
        for i, (name, f) in enumerate(series)
    ]
    rows = []
    for b in [*lines, a.jumlah]:
        c = _completion(b)
        rows.append(
            [
                b.nama or _("Jumlah"),
                *(c[0], c[1], c[2], share(c[2], c[0])),
                *(c[3], c[4], share(c[4], c[3])),
                *(c[5], share(c[5], c[0])),
            ]
        )
    layout = _layout(barmode="group")
    layout["yaxis"] = {**layout["yaxis"], "range": [0, 100], "ticksuffix": "%"}
    return Panel(
        "penyelesaian",
        _("Penyelesaian SKP, evaluasi dan pemenuhan JP"),
        [
            level,
            _("Pegawai aktif"),
            _("SKP"),
            _("SKP disetujui"),
            _("% disetujui"),
            _("Evaluasi tahunan"),
            _("Evaluasi final"),
            _("% final"),
            _("Memenuhi target JP"),
            _("% JP"),
        ],
        rows,
        {"data": data, "layout": layout} if lines else None,
        _(
            "SKP disetujui dan pemenuhan JP dibanding pegawai aktif; "
            "evaluasi final dibanding evaluasi tahunan yang ada."
        ),
        kosong=_("Belum ada data untuk tahun ini."),
        rows_page=_page(rows, lines, shown),
    )


def talenta_panel(a: Angka) -> Panel:
    counts = {k: a.jumlah.get(MetrikDasbor.TALENTA, str(k)) for k in range(1, 10)}
    # rows: potensial high→low (boxes 7-9 top), columns: kinerja low→high, as on /karier/talenta/
    grid = [[3, 6, 9], [2, 5, 8], [1, 4, 7]]
    z = [[counts[box] for box in row] for row in reversed(grid)]
    text = [[f"{box}: {angka(counts[box])}" for box in row] for row in reversed(grid)]
    fig = {
        "data": [
            {
                "type": "heatmap",
                "z": z,
                "text": text,
                "texttemplate": "%{text}",
                "colorscale": "Blues",
                "showscale": False,
                "hoverinfo": "text",
            }
        ],
        "layout": _layout(
            300,
            xaxis={**_AXIS, "tickvals": [0, 1, 2], "ticktext": [_("Kinerja rendah"), _("Sedang"), _("Tinggi")]},
            yaxis={**_AXIS, "tickvals": [0, 1, 2], "ticktext": [_("Potensial rendah"), _("Sedang"), _("Tinggi")]},
        ),
    }
    total = sum(counts.values())
    rows = [[box, nine_box_category(box), counts[box], share(counts[box], total)] for box in range(9, 0, -1)]
    return Panel(
        "talenta",
        _("Kotak talenta (9-box)"),
        [_("Kotak"), _("Kategori"), _("Pegawai"), _("%")],
        rows,
        fig if total else None,
        _("Penempatan talenta tahun ini; pegawai yang dikecualikan dari kelompok talenta tidak dihitung."),
        kosong=_("Belum ada penempatan talenta pada tahun ini."),
    )


def promosi_panel(a: Angka) -> Panel:
    stages = (
        (LAYAK, _("Memenuhi syarat")),
        (StatusUsulanPangkat.DIUSULKAN, _("Diusulkan")),
        (StatusUsulanPangkat.DIVERIFIKASI, _("Diverifikasi")),
        (StatusUsulanPangkat.DITETAPKAN, _("Ditetapkan")),
        (StatusUsulanPangkat.DITOLAK, _("Ditolak")),
    )
    values = [a.jumlah.get(MetrikDasbor.PROMOSI, k) for k, _n in stages]
    fig = {
        "data": [
            {
                "type": "bar",
                "x": [n for _k, n in stages],
                "y": values,
                "marker": {"color": COLOURS[1]},
                "hovertemplate": f"%{{x}}: %{{y:{NUMBER}}}<extra></extra>",
            }
        ],
        "layout": _layout(300),
    }
    return Panel(
        "promosi",
        _("Alur kenaikan pangkat"),
        [_("Tahap"), _("Pegawai")],
        [[n, v] for (_k, n), v in zip(stages, values, strict=True)],
        fig if any(values) else None,
        _(
            "Memenuhi syarat: hasil perhitungan terakhir; "
            "usulan: TMT kenaikan pangkat pada tahun ini menurut statusnya."
        ),
        kosong=_("Belum ada pegawai yang memenuhi syarat atau diusulkan."),
    )


def iku_panel(a: Angka) -> Panel:
    names = [_short(i.kode_nama) for i in a.iku]
    target = [float(i.target) if i.target is not None else None for i in a.iku]
    actual = [float(i.realisasi) if i.realisasi is not None else None for i in a.iku]
    data = [
        {"type": "bar", "name": _("Target"), "x": names, "y": target, "marker": {"color": "#b8c7dd"}},
        {"type": "bar", "name": _("Realisasi"), "x": names, "y": actual, "marker": {"color": COLOURS[1]}},
    ]
    rows = [[i.kode_nama, i.target, i.realisasi, capaian(i.realisasi, i.target)] for i in a.iku]
    return Panel(
        "iku",
        _("Indikator kinerja utama: realisasi terhadap target"),
        [_("Indikator"), _("Target"), _("Realisasi"), _("% capaian")],
        rows,
        {"data": data, "layout": _layout(barmode="group")} if a.iku else None,
        _(
            "Indikator RPJMD (provinsi) atau Renstra (perangkat daerah) yang mempunyai target atau realisasi "
            "tahun ini, misalnya IPM."
        ),
        kosong=_("Belum ada target atau realisasi indikator untuk tahun ini."),
    )


def kaskade_panel(a: Angka, level: str) -> Panel:
    lines = [b for b in a.baris if b.get(MetrikDasbor.KASKADE, RHK)]
    shown = _shown(lines)
    data = [
        {
            "type": "bar",
            "x": [_short(b.nama) for b in shown],
            "y": [
                float(share(b.get(MetrikDasbor.KASKADE, TERHUBUNG), b.get(MetrikDasbor.KASKADE, RHK))) for b in shown
            ],
            "marker": {"color": COLOURS[1]},
            "hovertemplate": f"%{{x}}: %{{y:{NUMBER}}}%<extra></extra>",
        }
    ]
    layout = _layout(300)
    layout["yaxis"] = {**layout["yaxis"], "range": [0, 100], "ticksuffix": "%"}
    rows = [
        [
            b.nama or _("Jumlah"),
            b.get(MetrikDasbor.KASKADE, RHK),
            b.get(MetrikDasbor.KASKADE, TERHUBUNG),
            share(b.get(MetrikDasbor.KASKADE, TERHUBUNG), b.get(MetrikDasbor.KASKADE, RHK)),
        ]
        for b in [*lines, a.jumlah]
    ]
    return Panel(
        "kaskade",
        _("Cakupan kaskade"),
        [level, _("RHK"), _("RHK terhubung ke atasan"), _("% terhubung")],
        rows,
        {"data": data, "layout": layout} if lines else None,
        _("RHK pada SKP non-JPT tahun ini yang mengacu pada RHK atasan; rincian celah ada di halaman Cakupan kaskade."),
        kosong=_("Belum ada RHK pada tahun ini."),
        rows_page=_page(rows, lines, shown),
    )


def risk_reasons(b: Baris) -> list[str]:
    """Why a unit is at risk (empty: it is not); thresholds in the module's docstring."""
    pegawai, _skp, disetujui, _ev, _final, jp = _completion(b)
    reasons = []
    skp = share(disetujui, pegawai)
    if pegawai and skp < BATAS_SKP:
        reasons.append(_("SKP disetujui %(p)s%% (< %(b)s%%)") % {"p": angka(skp, 1), "b": BATAS_SKP})
    jp_share = share(jp, pegawai)
    if pegawai and jp_share < BATAS_JP:
        reasons.append(_("memenuhi JP %(p)s%% (< %(b)s%%)") % {"p": angka(jp_share, 1), "b": BATAS_JP})
    final = b.total(MetrikDasbor.PREDIKAT)
    rendah = sum(b.get(MetrikDasbor.PREDIKAT, p) for p in RENDAH)
    low = share(rendah, final)
    if rendah >= 2 and low >= BATAS_RENDAH:
        reasons.append(_("predikat di bawah Baik %(p)s%% (≥ %(b)s%%)") % {"p": angka(low, 1), "b": BATAS_RENDAH})
    return reasons


def berisiko_panel(a: Angka, level: str) -> Panel:
    rows = []
    for b in a.baris:
        reasons = risk_reasons(b)
        if reasons:
            rows.append([b.nama, b.get(MetrikDasbor.PEGAWAI), "; ".join(reasons)])
    return Panel(
        "berisiko",
        _("Unit berisiko"),
        [level, _("Pegawai aktif"), _("Alasan")],
        rows,
        None,
        _(
            "Berisiko bila SKP disetujui kurang dari %(s)s%%, pemenuhan JP kurang dari %(j)s%%, atau sedikitnya "
            "%(r)s%% predikat final di bawah Baik (paling sedikit dua orang)."
        )
        % {"s": BATAS_SKP, "j": BATAS_JP, "r": BATAS_RENDAH},
        kosong=_("Tidak ada unit berisiko."),
        rows_page=rows[:BATAS_TAMPIL] if len(rows) > BATAS_TAMPIL else None,
    )


def ikm_panel(a: Angka, level: str) -> Panel:
    """The public's satisfaction (SKM, PermenPANRB 14/2017): the agencies' IKM on the province
    dashboard, each service unit's period below an agency; bars on the 25–100 scale, the grade bands
    (A ≥ 88,31, B ≥ 76,61, C ≥ 65) as lines."""
    shown = a.ikm[:BATAS_TAMPIL]
    names = [_short(i.nama) for i in shown]
    data = [
        {
            "type": "bar",
            "x": names,
            "y": [float(i.nilai) for i in shown],
            "text": [i.mutu for i in shown],
            "marker": {"color": [COLOURS[{"A": 0, "B": 1, "C": 2}.get(i.mutu, 3)] for i in shown]},
            "hovertemplate": f"%{{x}}: %{{y:{NUMBER}}} (%{{text}})<extra></extra>",
        }
    ]
    layout = _layout(300)
    layout["yaxis"] = {**layout["yaxis"], "range": [25, 100]}
    layout["shapes"] = [
        {
            "type": "line",
            "xref": "paper",
            "x0": 0,
            "x1": 1,
            "y0": float(edge),
            "y1": float(edge),
            "line": {"dash": "dot", "color": "#8a94a6", "width": 1},
        }
        for edge, grade in SKM_GRADE_FLOORS
        if grade != "D"
    ]
    rows = [
        [
            i.nama + (" " + _("(masih dibuka)") if i.berjalan else ""),
            i.responden,
            i.nilai,
            f"{i.mutu} ({skm_grade_label(i.mutu)})",
        ]
        for i in a.ikm
    ]
    provinsi = a.lingkup.opd is None
    return Panel(
        "ikm",
        _("Indeks kepuasan masyarakat (IKM) per perangkat daerah")
        if provinsi
        else _("Indeks kepuasan masyarakat (IKM) per unit layanan"),
        [level if provinsi else _("Unit layanan — periode"), _("Responden"), _("IKM"), _("Mutu pelayanan")],
        rows,
        {"data": data, "layout": layout} if shown else None,
        _(
            "IKM dari Survei Kepuasan Masyarakat (PermenPANRB 14/2017): rata-rata sembilan unsur × 25. "
            "IKM perangkat daerah = rata-rata IKM periode yang sudah ditutup dari unit-unit layanannya."
        )
        if provinsi
        else _("IKM tiap periode SKM unit layanan yang berakhir tahun ini (yang masih dibuka dapat berubah)."),
        kosong=_("Belum ada data IKM."),
        rows_page=rows[:BATAS_TAMPIL] if len(rows) > BATAS_TAMPIL else None,
    )


def ringkasan_kunci(a: Angka) -> list[tuple[str, str, int | Decimal]]:
    """The headline figures of the scope (its total line): a stable key (the API's), the label, the value."""
    pegawai, _skp, disetujui, _evaluasi, final, jp = _completion(a.jumlah)
    return [
        ("pegawai", _("Pegawai aktif"), pegawai),
        ("skp_disetujui", _("SKP disetujui"), disetujui),
        ("persen_skp_disetujui", _("% SKP disetujui"), share(disetujui, pegawai)),
        ("evaluasi_final", _("Evaluasi tahunan final"), final),
        ("persen_jp_memenuhi", _("% pegawai memenuhi target JP"), share(jp, pegawai)),
        ("unit_berisiko", _("Unit berisiko"), sum(1 for b in a.baris if risk_reasons(b))),
    ]


def ringkasan(a: Angka) -> list[tuple[str, int | Decimal]]:
    """The headline figures as the page shows them (label, value)."""
    return [(label, value) for _key, label, value in ringkasan_kunci(a)]


def panels(a: Angka) -> list[Panel]:
    level = _("Perangkat daerah") if a.lingkup.opd is None else _("Unit kerja")
    return [
        predikat_panel(a, level),
        penyelesaian_panel(a, level),
        talenta_panel(a),
        promosi_panel(a),
        iku_panel(a),
        kaskade_panel(a, level),
        berisiko_panel(a, level),
        ikm_panel(a, level),
    ]
