"""Official labels used across the rules, and their coercion from text.

Every enum's *value* is the label printed on the official forms, so a member compares
equal to its label (``Predikat.BAIK == "Baik"``) and can be stored as-is.

Sources:

* Rating hasil kerja / perilaku kerja and the five predikat kinerja: PermenPANRB 6/2022,
  Anak Lampiran 4 (evaluation form) — labels verified.
* Predikat kinerja organisasi: SE MenPANRB 3/2023 ("Istimewa, Baik, Butuh Perbaikan (Cukup),
  Kurang, Sangat Kurang").
* Jenjang jabatan fungsional: UU 20/2023 Pasal 18, PermenPANRB 1/2023.
* 9-box axis levels (Rendah, Menengah, Tinggi): PermenPANRB 3/2020.

Functions in :mod:`karier.rules` accept either a member or its exact label; a few aliases
seen in official material and in SIASN (e.g. "Cukup", the SIASN jenjang codes "PT", "MU")
are accepted too. Anything else raises :class:`UnknownLabel`.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TypeVar

__all__ = [
    "Jenjang",
    "Level",
    "Predikat",
    "PredikatOrganisasi",
    "Rating",
    "UnknownLabel",
    "coerce",
]


class UnknownLabel(ValueError):
    """A text that is not one of the official labels of a kind."""

    def __init__(self, kind: str, value: object, allowed: tuple[str, ...]) -> None:
        self.kind = kind
        self.value = value
        self.allowed = allowed
        pilihan = ", ".join(f"“{a}”" for a in allowed)
        super().__init__(f"{kind.capitalize()} “{value}” tidak dikenal. Pilihan yang sah: {pilihan}.")


class Rating(StrEnum):
    """Rating hasil kerja and rating perilaku kerja (PermenPANRB 6/2022)."""

    DI_ATAS = "Di Atas Ekspektasi"
    SESUAI = "Sesuai Ekspektasi"
    DI_BAWAH = "Di Bawah Ekspektasi"


class Predikat(StrEnum):
    """Predikat kinerja pegawai (PermenPANRB 6/2022, Anak Lampiran 4)."""

    SANGAT_BAIK = "Sangat Baik"
    BAIK = "Baik"
    BUTUH_PERBAIKAN = "Butuh Perbaikan"
    KURANG = "Kurang/Misconduct"
    SANGAT_KURANG = "Sangat Kurang"


class PredikatOrganisasi(StrEnum):
    """Predikat kinerja organisasi set by the head above a unit (SE MenPANRB 3/2023)."""

    ISTIMEWA = "Istimewa"
    BAIK = "Baik"
    BUTUH_PERBAIKAN = "Butuh Perbaikan"
    KURANG = "Kurang"
    SANGAT_KURANG = "Sangat Kurang"


class Jenjang(StrEnum):
    """Jenjang jabatan fungsional: keterampilan then keahlian (UU 20/2023 Pasal 18)."""

    PEMULA = "Pemula"
    TERAMPIL = "Terampil"
    MAHIR = "Mahir"
    PENYELIA = "Penyelia"
    AHLI_PERTAMA = "Ahli Pertama"
    AHLI_MUDA = "Ahli Muda"
    AHLI_MADYA = "Ahli Madya"
    AHLI_UTAMA = "Ahli Utama"


class Level(StrEnum):
    """Level on either axis of the talent 9-box (PermenPANRB 3/2020)."""

    RENDAH = "Rendah"
    MENENGAH = "Menengah"
    TINGGI = "Tinggi"


_KIND: dict[type[StrEnum], str] = {
    Rating: "rating kinerja",
    Predikat: "predikat kinerja",
    PredikatOrganisasi: "predikat kinerja organisasi",
    Jenjang: "jenjang jabatan fungsional",
    Level: "level",
}


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


# Aliases, keyed by normalised text. Only spellings seen in official material or SIASN.
_ALIASES: dict[type[StrEnum], dict[str, StrEnum]] = {
    Rating: {
        "di atas": Rating.DI_ATAS,
        "diatas ekspektasi": Rating.DI_ATAS,
        "sesuai": Rating.SESUAI,
        "di bawah": Rating.DI_BAWAH,
        "dibawah ekspektasi": Rating.DI_BAWAH,
    },
    Predikat: {
        # PermenPANRB 1/2023 and BKN slides use "Cukup"/"Kurang" for the same predikat.
        "cukup": Predikat.BUTUH_PERBAIKAN,
        "cukup/butuh perbaikan": Predikat.BUTUH_PERBAIKAN,
        "butuh perbaikan/cukup": Predikat.BUTUH_PERBAIKAN,
        "kurang": Predikat.KURANG,
        "misconduct": Predikat.KURANG,
    },
    PredikatOrganisasi: {
        "cukup": PredikatOrganisasi.BUTUH_PERBAIKAN,
        "butuh perbaikan/cukup": PredikatOrganisasi.BUTUH_PERBAIKAN,
        "butuh perbaikan (cukup)": PredikatOrganisasi.BUTUH_PERBAIKAN,
    },
    Jenjang: {
        # SIASN jenjang codes (referensi koefisien / jabatanFungsional).
        "pm": Jenjang.PEMULA,
        "tr": Jenjang.TERAMPIL,
        "mh": Jenjang.MAHIR,
        "py": Jenjang.PENYELIA,
        "pt": Jenjang.AHLI_PERTAMA,
        "mu": Jenjang.AHLI_MUDA,
        "ma": Jenjang.AHLI_MADYA,
        "ut": Jenjang.AHLI_UTAMA,
    },
    Level: {},
}

E = TypeVar("E", bound=StrEnum)


def coerce(enum_cls: type[E], value: object) -> E:
    """Return the member of ``enum_cls`` for a member or a label.

    Exact labels always work; matching then ignores case and repeated spaces and accepts
    the documented aliases. Raises :class:`UnknownLabel` (a ``ValueError``) otherwise.
    """
    if isinstance(value, enum_cls):
        return value
    if isinstance(value, str):
        try:
            return enum_cls(value)  # an exact label: a dict lookup (the set-based jobs call this per row)
        except ValueError:
            pass
    allowed = tuple(m.value for m in enum_cls)
    kind = _KIND[enum_cls]
    if not isinstance(value, str):
        raise UnknownLabel(kind, value, allowed)
    key = _norm(value)
    for member in enum_cls:
        if _norm(member.value) == key:
            return member
    alias = _ALIASES[enum_cls].get(key)
    if alias is None:
        raise UnknownLabel(kind, value, allowed)
    return enum_cls(alias.value)
