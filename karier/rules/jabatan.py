"""Kinds of position and the jenjang of functional positions.

UU 20/2023 Pasal 13–18: managerial positions (JPT Utama, JPT Madya, JPT Pratama, Administrator,
Pengawas) and non-managerial ones (Fungsional, Pelaksana). Functional positions are keahlian
(Ahli Pertama … Ahli Utama) or keterampilan (Pemula … Penyelia). The golongan range of each
jenjang follows PermenPANRB 1/2023 as reported in research.md §3.2 ([P]).
"""

from __future__ import annotations

from enum import StrEnum

from .golongan import get_golongan
from .labels import Jenjang, coerce

__all__ = [
    "JENJANG_GOLONGAN",
    "JENJANG_KATEGORI",
    "JenisJabatan",
    "golongan_index_in_jenjang",
    "next_jenjang",
]


class JenisJabatan(StrEnum):
    """Kind of position (UU 20/2023)."""

    JPT_UTAMA = "JPT Utama"
    JPT_MADYA = "JPT Madya"
    JPT_PRATAMA = "JPT Pratama"
    ADMINISTRATOR = "Administrator"
    PENGAWAS = "Pengawas"
    FUNGSIONAL = "Fungsional"
    PELAKSANA = "Pelaksana"


JENJANG_KATEGORI: dict[Jenjang, str] = {
    Jenjang.PEMULA: "Keterampilan",
    Jenjang.TERAMPIL: "Keterampilan",
    Jenjang.MAHIR: "Keterampilan",
    Jenjang.PENYELIA: "Keterampilan",
    Jenjang.AHLI_PERTAMA: "Keahlian",
    Jenjang.AHLI_MUDA: "Keahlian",
    Jenjang.AHLI_MADYA: "Keahlian",
    Jenjang.AHLI_UTAMA: "Keahlian",
}

JENJANG_GOLONGAN: dict[Jenjang, tuple[str, ...]] = {
    Jenjang.PEMULA: ("II/a",),
    Jenjang.TERAMPIL: ("II/b", "II/c", "II/d"),
    Jenjang.MAHIR: ("III/a", "III/b"),
    Jenjang.PENYELIA: ("III/c", "III/d"),
    Jenjang.AHLI_PERTAMA: ("III/a", "III/b"),
    Jenjang.AHLI_MUDA: ("III/c", "III/d"),
    Jenjang.AHLI_MADYA: ("IV/a", "IV/b", "IV/c"),
    Jenjang.AHLI_UTAMA: ("IV/d", "IV/e"),
}

_NEXT: dict[Jenjang, Jenjang | None] = {
    Jenjang.PEMULA: Jenjang.TERAMPIL,
    Jenjang.TERAMPIL: Jenjang.MAHIR,
    Jenjang.MAHIR: Jenjang.PENYELIA,
    Jenjang.PENYELIA: None,
    Jenjang.AHLI_PERTAMA: Jenjang.AHLI_MUDA,
    Jenjang.AHLI_MUDA: Jenjang.AHLI_MADYA,
    Jenjang.AHLI_MADYA: Jenjang.AHLI_UTAMA,
    Jenjang.AHLI_UTAMA: None,
}


def next_jenjang(jenjang: Jenjang | str) -> Jenjang | None:
    """The next jenjang in the same category, or ``None`` at Penyelia / Ahli Utama."""
    return _NEXT[coerce(Jenjang, jenjang)]


def golongan_index_in_jenjang(jenjang: Jenjang | str, golongan: str | int) -> int:
    """Index (0-based) of ``golongan`` within the range of ``jenjang``.

    Raises ``ValueError`` when the golongan is outside the jenjang's range.
    """
    j = coerce(Jenjang, jenjang)
    code = get_golongan(golongan).code
    codes = JENJANG_GOLONGAN[j]
    if code not in codes:
        raise ValueError(f"Golongan {code} tidak termasuk rentang jenjang {j.value} ({codes[0]} s.d. {codes[-1]}).")
    return codes.index(code)
