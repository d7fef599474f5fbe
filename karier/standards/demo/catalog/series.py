"""Periods, sources and yearly value series of the standards demo (the IPM CSV, demo targets)."""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "data" / "ipm_provinsi_bengkulu.csv"

TAHUN_MULAI, TAHUN_SELESAI = 2021, 2026
PK_TAHUN = 2026
PK_DITANDATANGANI = dt.date(2026, 1, 30)
DEMO = "Data demo (bukan angka resmi)."

METODE_LAMA = "BPS lama"
METODE_BARU = "BPS baru (2023)"
TAHUN_METODE_BARU = 2023
CATATAN_IPM = (
    "Sejak 2023 BPS menghitung IPM dengan metode baru (antara lain pembaruan data dasar dan cara "
    "penghitungan komponen), sehingga IPM 2023 naik 2,14 poin dari 2022 bukan semata karena kemajuan "
    "pembangunan. Angka sampai 2022 (metode lama) dan sejak 2023 (metode baru) adalah dua seri yang "
    "tidak boleh dibaca sebagai satu garis. Target 2023–2026 disesuaikan ke metode baru (data demo)."
)


def D(value: str | float | int) -> Decimal:
    return Decimal(str(value))


def _first_number(text: str) -> Decimal | None:
    head = (text or "").strip().split(" ")[0]
    try:
        return Decimal(head) if head else None
    except ArithmeticError:
        return None


@dataclass(frozen=True)
class Nilai:
    tahun: int
    target: Decimal | None = None
    realisasi: Decimal | None = None
    metode: str = ""
    sumber: str = ""


def metode_for(tahun: int) -> str:
    return METODE_BARU if tahun >= TAHUN_METODE_BARU else METODE_LAMA


def csv_series(column: str) -> list[Nilai]:
    """Actuals of one column of the IPM CSV (ipm, uhh_tahun, hls_tahun, rls_tahun) with their method."""
    out: list[Nilai] = []
    with DATA.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            value = _first_number(row[column])
            if value is None:
                continue
            year = int(row["tahun"])
            out.append(Nilai(year, None, value, metode_for(year), row["sumber"].split(" ; ")[0][:300]))
    return out


def merge(actuals: list[Nilai], targets: dict[int, str]) -> list[Nilai]:
    by_year = {n.tahun: n for n in actuals}
    years = sorted(set(by_year) | set(targets))
    out = []
    for y in years:
        a = by_year.get(y)
        sumber = a.sumber if a else DEMO
        if a and y in targets:
            sumber = f"realisasi: {a.sumber}; target: {DEMO.lower()}"[:300]
        out.append(
            Nilai(
                y,
                D(targets[y]) if y in targets else None,
                a.realisasi if a else None,
                a.metode if a else metode_for(y),
                sumber,
            )
        )
    return out


def demo_series(values: dict[int, tuple[str | None, str | None]], metode: str = "") -> list[Nilai]:
    """{year: (target, realisasi)} of a demo indicator."""
    return [
        Nilai(y, D(t) if t is not None else None, D(r) if r is not None else None, metode, DEMO)
        for y, (t, r) in sorted(values.items())
    ]
