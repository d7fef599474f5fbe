"""Predikat kinerja from the two ratings (PermenPANRB 6/2022) and its order.

The 3×3 matrix ("kuadran kinerja pegawai"): bad behaviour with acceptable results is
*Kurang/Misconduct*; bad results with acceptable behaviour is *Butuh Perbaikan*. Labels are
verified from Anak Lampiran 4 of PermenPANRB 6/2022; the cells agree in seven independent
implementations (research.md §1.6, [P] high).

SE MenPANRB 3/2023: when the person appraised leads the unit, the unit's result (predikat
kinerja organisasi) *is* their rating hasil kerja — see :func:`rating_from_organisasi`.
"""

from __future__ import annotations

from collections.abc import Mapping

from .labels import Predikat, PredikatOrganisasi, Rating, coerce

__all__ = [
    "DEFAULT_LEADER_RATING",
    "PREDIKAT_MATRIX",
    "PREDIKAT_ORDER",
    "predikat_at_least",
    "predikat_kinerja",
    "rating_from_organisasi",
]

PREDIKAT_MATRIX: Mapping[tuple[Rating, Rating], Predikat] = {
    # (rating hasil kerja, rating perilaku kerja): predikat
    (Rating.DI_ATAS, Rating.DI_BAWAH): Predikat.KURANG,
    (Rating.DI_ATAS, Rating.SESUAI): Predikat.BAIK,
    (Rating.DI_ATAS, Rating.DI_ATAS): Predikat.SANGAT_BAIK,
    (Rating.SESUAI, Rating.DI_BAWAH): Predikat.KURANG,
    (Rating.SESUAI, Rating.SESUAI): Predikat.BAIK,
    (Rating.SESUAI, Rating.DI_ATAS): Predikat.BAIK,
    (Rating.DI_BAWAH, Rating.DI_BAWAH): Predikat.SANGAT_KURANG,
    (Rating.DI_BAWAH, Rating.SESUAI): Predikat.BUTUH_PERBAIKAN,
    (Rating.DI_BAWAH, Rating.DI_ATAS): Predikat.BUTUH_PERBAIKAN,
}

#: Lowest first, the order of the official form (Sangat Kurang … Sangat Baik).
PREDIKAT_ORDER: tuple[Predikat, ...] = (
    Predikat.SANGAT_KURANG,
    Predikat.KURANG,
    Predikat.BUTUH_PERBAIKAN,
    Predikat.BAIK,
    Predikat.SANGAT_BAIK,
)

#: Default reading of "the unit's result is the leader's rating hasil kerja": the SE does not
#: say how five organisational predikat become three ratings (see docs/rules.md).
DEFAULT_LEADER_RATING: Mapping[PredikatOrganisasi, Rating] = {
    PredikatOrganisasi.ISTIMEWA: Rating.DI_ATAS,
    PredikatOrganisasi.BAIK: Rating.SESUAI,
    PredikatOrganisasi.BUTUH_PERBAIKAN: Rating.DI_BAWAH,
    PredikatOrganisasi.KURANG: Rating.DI_BAWAH,
    PredikatOrganisasi.SANGAT_KURANG: Rating.DI_BAWAH,
}


def predikat_kinerja(hasil_kerja: Rating | str, perilaku: Rating | str) -> Predikat:
    """Predikat kinerja from rating hasil kerja and rating perilaku kerja."""
    return PREDIKAT_MATRIX[(coerce(Rating, hasil_kerja), coerce(Rating, perilaku))]


def predikat_at_least(predikat: Predikat | str, minimum: Predikat | str) -> bool:
    """Whether ``predikat`` is ``minimum`` or better (e.g. "at least Baik" for promotion)."""
    p, m = coerce(Predikat, predikat), coerce(Predikat, minimum)
    return PREDIKAT_ORDER.index(p) >= PREDIKAT_ORDER.index(m)


def rating_from_organisasi(
    organisasi: PredikatOrganisasi | str,
    mapping: Mapping[PredikatOrganisasi, Rating] = DEFAULT_LEADER_RATING,
) -> Rating:
    """Rating hasil kerja of a unit's leader, taken from the unit's result (SE MenPANRB 3/2023)."""
    return mapping[coerce(PredikatOrganisasi, organisasi)]
