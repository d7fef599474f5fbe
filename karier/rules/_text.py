"""Small text helpers shared by the rules (Indonesian formatting), and the month names of the project."""

from __future__ import annotations

from datetime import date

# The Indonesian month names, whatever the active language: the project's one list (exported as
# `karier.rules.BULAN`; the SKP documents and the monthly period names use it too).
BULAN = (
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
    return f"{day.day} {BULAN[day.month - 1]} {day.year}"
