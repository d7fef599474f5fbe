"""Talent mapping — the 9-box of PermenPANRB 3/2020 (Manajemen Talenta ASN).

Kinerja is the vertical axis, potensial the horizontal one. The box numbering 4-7-9 / 2-5-8 /
1-3-6 (top row Di atas ekspektasi) is used by several independent government implementations
and a KemenPANRB slide (research.md §5.1, "convention A"). Store the two levels and derive the
number only here.

Kinerja comes from the last two years' appraisals; potensial from the competency assessment
(JPM ≥ 90 optimal, 78–<90 cukup optimal, < 78 kurang optimal — Peraturan BRIN 3/2023 Pasal 33,
used by several agencies as Tinggi/Menengah/Rendah). A moderate or heavy disciplinary sanction
in the last two years excludes a person from talent pools (rekam jejak; SIMATA Buleleng — [P]).
Boxes 7, 8 and 9 feed the succession groups (Kelompok Rencana Suksesi).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from ._text import tanggal as format_tanggal
from .labels import Level, Rating, UnknownLabel, coerce
from .promotion import add_years

__all__ = [
    "DEFAULT_POTENSIAL_CUTOFFS",
    "JENIS_HUKUMAN_TINGKAT",
    "NINE_BOX",
    "NINE_BOX_CATEGORY",
    "NINE_BOX_RECOMMENDATIONS",
    "RATING_LEVEL",
    "SUCCESSION_BOXES",
    "KinerjaMethod",
    "PotensialCutoffs",
    "Sanction",
    "TingkatHukuman",
    "kinerja_level",
    "nine_box",
    "nine_box_category",
    "nine_box_levels",
    "nine_box_recommendation",
    "potensial_level",
    "talent_pool_exclusions",
]

_R, _M, _T = Level.RENDAH, Level.MENENGAH, Level.TINGGI

#: (kinerja, potensial) → box number.
NINE_BOX: Mapping[tuple[Level, Level], int] = {
    (_T, _R): 4,
    (_T, _M): 7,
    (_T, _T): 9,
    (_M, _R): 2,
    (_M, _M): 5,
    (_M, _T): 8,
    (_R, _R): 1,
    (_R, _M): 3,
    (_R, _T): 6,
}
_LEVELS_BY_BOX = {box: levels for levels, box in NINE_BOX.items()}

#: A rating on the kinerja axis: Di Atas → Tinggi, Sesuai → Menengah, Di Bawah → Rendah.
RATING_LEVEL: Mapping[Rating, Level] = {
    Rating.DI_ATAS: _T,
    Rating.SESUAI: _M,
    Rating.DI_BAWAH: _R,
}

_KINERJA_TEXT = {_T: "di atas ekspektasi", _M: "sesuai ekspektasi", _R: "di bawah ekspektasi"}

NINE_BOX_CATEGORY: Mapping[int, str] = {
    box: f"Kinerja {_KINERJA_TEXT[k]} dan potensial {p.value.lower()}" for (k, p), box in NINE_BOX.items()
}

NINE_BOX_RECOMMENDATIONS: Mapping[int, tuple[str, ...]] = {
    9: (
        "Dipromosikan dan dipertahankan",
        "Masuk Kelompok Rencana Suksesi Instansi/Nasional",
        "Penghargaan",
    ),
    8: (
        "Dipertahankan",
        "Masuk Kelompok Rencana Suksesi Instansi",
        "Rotasi/Perluasan jabatan",
        "Bimbingan kinerja",
    ),
    7: (
        "Dipertahankan",
        "Masuk Kelompok Rencana Suksesi Instansi",
        "Rotasi/Pengayaan jabatan",
        "Pengembangan kompetensi",
        "Tugas belajar",
    ),
    6: ("Penempatan yang sesuai", "Bimbingan kinerja", "Konseling kinerja"),
    5: ("Penempatan yang sesuai", "Bimbingan kinerja", "Pengembangan kompetensi"),
    4: ("Rotasi", "Pengembangan kompetensi"),
    3: ("Bimbingan kinerja", "Konseling kinerja", "Pengembangan kompetensi", "Penempatan yang sesuai"),
    2: ("Bimbingan kinerja", "Pengembangan kompetensi", "Penempatan yang sesuai"),
    1: ("Diproses sesuai ketentuan peraturan perundang-undangan",),
}

#: Boxes whose members enter the succession groups (KRS).
SUCCESSION_BOXES: frozenset[int] = frozenset({7, 8, 9})


def _axis(value: object) -> Level:
    """A Level, or a Rating mapped onto the kinerja axis."""
    if isinstance(value, Rating):
        return RATING_LEVEL[value]
    try:
        return coerce(Level, value)
    except UnknownLabel:
        try:
            return RATING_LEVEL[coerce(Rating, value)]
        except UnknownLabel:
            raise UnknownLabel(
                "level kinerja", value, tuple(m.value for m in Level) + tuple(m.value for m in Rating)
            ) from None


def nine_box(kinerja: Level | Rating | str, potensial: Level | str) -> int:
    """Box number 1–9 for a kinerja level (or rating) and a potensial level."""
    return NINE_BOX[(_axis(kinerja), coerce(Level, potensial))]


def _box(box: int) -> int:
    if box not in _LEVELS_BY_BOX:
        raise ValueError(f"Nomor kotak talenta harus 1 s.d. 9, bukan {box}.")
    return box


def nine_box_levels(box: int) -> tuple[Level, Level]:
    """(kinerja, potensial) of a box number."""
    return _LEVELS_BY_BOX[_box(box)]


def nine_box_category(box: int) -> str:
    """E.g. box 9 → "Kinerja di atas ekspektasi dan potensial tinggi"."""
    return NINE_BOX_CATEGORY[_box(box)]


def nine_box_recommendation(box: int) -> tuple[str, ...]:
    """Development recommendations for a box (PermenPANRB 3/2020 implementations)."""
    return NINE_BOX_RECOMMENDATIONS[_box(box)]


class KinerjaMethod(StrEnum):
    """How the last two years' ratings hasil kerja become one kinerja level."""

    TERENDAH = "terendah"  # the lower of the two (default)
    TERAKHIR = "terakhir"  # the most recent one
    TERTINGGI = "tertinggi"  # the higher of the two


_LEVEL_ORDER = (_R, _M, _T)


def kinerja_level(ratings: Sequence[Rating | str], method: KinerjaMethod | str = KinerjaMethod.TERENDAH) -> Level:
    """Kinerja level from ratings hasil kerja, oldest first; the last two years count.

    One rating is enough (e.g. a new employee). Raises ``ValueError`` when there is none.
    """
    levels = [RATING_LEVEL[coerce(Rating, r)] for r in list(ratings)[-2:]]
    if not levels:
        raise ValueError("Belum ada rating hasil kerja untuk menentukan level kinerja.")
    how = KinerjaMethod(method)
    if how is KinerjaMethod.TERAKHIR:
        return levels[-1]
    pick = min if how is KinerjaMethod.TERENDAH else max
    return pick(levels, key=_LEVEL_ORDER.index)


def _score(value: object) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, float, str, Decimal)):
        raise TypeError(f"Nilai “{value}” harus berupa angka.")
    try:
        score = Decimal(str(value))
    except InvalidOperation:
        raise ValueError(f"Nilai “{value}” harus berupa angka.") from None
    if not score.is_finite():
        raise ValueError(f"Nilai “{value}” harus berupa angka.")
    return score


@dataclass(frozen=True)
class PotensialCutoffs:
    """Score cut-offs: ``>= tinggi`` → Tinggi, ``>= menengah`` → Menengah, else Rendah."""

    tinggi: Decimal = Decimal(90)
    menengah: Decimal = Decimal(78)

    def __post_init__(self) -> None:
        object.__setattr__(self, "tinggi", _score(self.tinggi))
        object.__setattr__(self, "menengah", _score(self.menengah))
        if self.menengah >= self.tinggi:
            raise ValueError("Batas potensial Menengah harus lebih rendah daripada batas Tinggi.")


DEFAULT_POTENSIAL_CUTOFFS = PotensialCutoffs()


def potensial_level(score: Decimal | float | str, cutoffs: PotensialCutoffs = DEFAULT_POTENSIAL_CUTOFFS) -> Level:
    """Potensial level from an assessment score (JPM, in percent)."""
    s = _score(score)
    if s >= cutoffs.tinggi:
        return Level.TINGGI
    if s >= cutoffs.menengah:
        return Level.MENENGAH
    return Level.RENDAH


class TingkatHukuman(StrEnum):
    """Level of a disciplinary sanction, as SIASN ``jenisHukuman.jenisTingkatHukumanId``."""

    RINGAN = "R"
    SEDANG = "S"
    BERAT = "B"


#: SIASN jenisHukuman id → level (BKN SIASN reference table).
JENIS_HUKUMAN_TINGKAT: Mapping[int, TingkatHukuman] = {
    **dict.fromkeys((1, 2, 3, 21, 22), TingkatHukuman.RINGAN),
    **dict.fromkeys((4, 5, 6, 7, 8, 23, 24, 25), TingkatHukuman.SEDANG),
    **dict.fromkeys((9, 10, 11, 12, 13, 14, 27, 28), TingkatHukuman.BERAT),
}

_TINGKAT_NAMA = {
    TingkatHukuman.RINGAN: "ringan",
    TingkatHukuman.SEDANG: "sedang",
    TingkatHukuman.BERAT: "berat",
}


@dataclass(frozen=True)
class Sanction:
    """A disciplinary sanction and the date it was imposed (TMT hukuman)."""

    tingkat: TingkatHukuman
    tanggal: date

    def __post_init__(self) -> None:
        try:
            tingkat = TingkatHukuman(self.tingkat)
        except ValueError:
            raise ValueError(f"Tingkat hukuman “{self.tingkat}” harus R, S, atau B.") from None
        object.__setattr__(self, "tingkat", tingkat)


def talent_pool_exclusions(sanctions: Iterable[Sanction], as_of: date, years: int = 2) -> tuple[str, ...]:
    """Reasons a person is excluded from talent pools; empty when not excluded.

    A moderate (S) or heavy (B) sanction imposed within ``years`` before ``as_of`` excludes;
    light (R) sanctions do not.
    """
    since = add_years(as_of, -years)
    return tuple(
        f"Menjalani hukuman disiplin tingkat {_TINGKAT_NAMA[s.tingkat]} pada "
        f"{format_tanggal(s.tanggal)} (dalam {years} tahun terakhir)."
        for s in sanctions
        if s.tingkat is not TingkatHukuman.RINGAN and since <= s.tanggal <= as_of
    )
