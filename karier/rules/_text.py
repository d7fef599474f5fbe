"""Small text helpers shared by the rules (Indonesian formatting)."""

from __future__ import annotations

from datetime import date

_BULAN = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)


def tanggal(day: date) -> str:
    """E.g. ``1 Oktober 2025``."""
    return f"{day.day} {_BULAN[day.month - 1]} {day.year}"
